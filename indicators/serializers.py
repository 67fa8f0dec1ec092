from decimal import ROUND_HALF_UP, Decimal, localcontext

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators.explanations import FLAG_CHOICES, explain, flag_label
from indicators.formatting import decimal_to_plain
from indicators.models import Comparator, Indicator, Observation, Target, Unit
from indicators.progress import Progress, Projection, Verdict
from indicators.selectors import Assessment, assess_indicator
from strategy_tracker import clock


@extend_schema_field({"type": "string", "format": "decimal", "nullable": True, "example": "14.26"})
class PlainDecimalField(serializers.Field):
    """An exact decimal as a string without trailing zeros: '14.26', '80'."""

    def to_representation(self, value):
        return decimal_to_plain(value)


@extend_schema_field({"type": "string", "nullable": True, "example": "466/QĐ-BTTTT"})
class DocumentLabelField(serializers.Field):
    def to_representation(self, value):
        return value.label if value is not None else None


@extend_schema_field({"type": "string", "format": "decimal", "nullable": True, "example": "1.7"})
class RoundedDecimalField(serializers.Field):
    """A computed decimal, rounded to 4 places, as a string without trailing zeros: '1.7', '1.2116'. The context is
    wide enough for any value the method can give (projections are capped), so rounding never raises."""

    def to_representation(self, value):
        with localcontext() as ctx:
            ctx.prec = 60
            return decimal_to_plain(value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


class ProgressGoalSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    comparator = serializers.ChoiceField(choices=[("", "text only"), *Comparator.choices], allow_blank=True)
    value = PlainDecimalField(allow_null=True)
    text = serializers.CharField(source="wording")


class ProgressFigureSerializer(serializers.Serializer):
    period = serializers.CharField(help_text="2024, or 2025Q2 for a quarter")
    value = PlainDecimalField()
    provisional = serializers.BooleanField()


class MilestoneSerializer(serializers.Serializer):
    year = serializers.IntegerField(source="plan.year")
    comparator = serializers.CharField(source="plan.comparator")
    value = PlainDecimalField(source="plan.value", allow_null=True)
    period = serializers.CharField(source="figure.period")
    figure = PlainDecimalField(source="figure.value")
    met = serializers.BooleanField(allow_null=True, help_text="null when the plan is only a text")
    gap = RoundedDecimalField(allow_null=True)


class PastGoalSerializer(serializers.Serializer):
    """A goal whose year is past, with its final verdict."""

    goal = ProgressGoalSerializer()
    verdict = serializers.ChoiceField(choices=[(v.value, v.value) for v in Verdict])
    figure = ProgressFigureSerializer(allow_null=True, help_text="The goal year's figure the verdict rests on")
    gap = RoundedDecimalField(allow_null=True, help_text="Still to go from that figure (or from the basis)")
    basis = ProgressFigureSerializer(
        allow_null=True, help_text="Pending: the latest figure before the goal year, until its own figure is out"
    )
    basis_met = serializers.BooleanField(help_text="Pending, but a figure before the goal year already passed it")
    projection = serializers.ChoiceField(choices=[(p.value, p.value) for p in Projection], allow_null=True)
    projected_value = RoundedDecimalField(allow_null=True, help_text="Pending: the trend drawn to the goal year")


class ProgressSerializer(serializers.Serializer):
    """Gap to the next goal not yet past and the trend flag, as of today, and the verdicts on the goals already
    past (indicators/progress.py states the method)."""

    flag = serializers.ChoiceField(choices=FLAG_CHOICES)
    flag_label = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField(help_text="One sentence, in the language of the request.")
    goal = ProgressGoalSerializer(
        allow_null=True, help_text="The goal to steer to: the first goal year not yet past (the last one after it)"
    )
    latest = ProgressFigureSerializer(allow_null=True)
    baseline = ProgressFigureSerializer(allow_null=True, help_text="The first figure, from which progress is measured")
    figures_used = serializers.IntegerField(help_text="Figures counted, one per period")
    met = serializers.BooleanField(allow_null=True)
    overdue = serializers.BooleanField(help_text="The goal year is reached or past and the goal is not met")
    gap = RoundedDecimalField(allow_null=True, help_text="Still to go, in the goal's unit; negative: beyond the goal")
    progress = RoundedDecimalField(allow_null=True, help_text="Share of the baseline-to-goal distance covered")
    years_left = RoundedDecimalField(allow_null=True)
    required_pace = RoundedDecimalField(allow_null=True, help_text="Change per year needed from the latest figure")
    last_pace = RoundedDecimalField(allow_null=True, help_text="Change per year between the last two figures")
    average_pace = RoundedDecimalField(allow_null=True, help_text="Change per year over the trend window")
    actual_cagr = RoundedDecimalField(allow_null=True)
    required_cagr = RoundedDecimalField(allow_null=True)
    ratio = RoundedDecimalField(allow_null=True, help_text="R: actual over required compound annual growth rate")
    projection = serializers.ChoiceField(choices=[(p.value, p.value) for p in Projection], allow_null=True)
    projected_value = RoundedDecimalField(allow_null=True, help_text="The trend drawn to the goal year")
    projected_share = RoundedDecimalField(allow_null=True, help_text="Q: projected share of the needed progress")
    provisional = serializers.BooleanField(help_text="The latest figure is a provisional estimate")
    provisional_in_trend = serializers.BooleanField()
    milestone = MilestoneSerializer(allow_null=True, help_text="The latest figure against its own year's plan")
    past_goals = PastGoalSerializer(many=True, help_text="Every goal year already past, with its verdict")

    def get_flag_label(self, progress: Progress) -> str:
        return flag_label(progress.flag)

    def get_explanation(self, progress: Progress) -> str:
        return explain(progress, self.context["indicator"])


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["slug", "name", "short_name"]


class TargetSerializer(serializers.ModelSerializer):
    value = PlainDecimalField(read_only=True)
    text = serializers.CharField(source="wording", read_only=True)
    document = DocumentLabelField(read_only=True)
    in_force = serializers.SerializerMethodField()

    class Meta:
        model = Target
        fields = ["year", "kind", "comparator", "value", "text", "document", "section", "note", "in_force"]

    def get_in_force(self, target: Target) -> bool:
        """In force for its year and kind (a yearly plan and a goal of the same year are each in force)."""
        return target.pk in self.context["in_force_ids"]


class ObservationSerializer(serializers.ModelSerializer):
    value = PlainDecimalField(read_only=True)
    document = DocumentLabelField(read_only=True)

    class Meta:
        model = Observation
        fields = ["period", "value", "provisional", "source", "document", "note", "unit_written"]
        extra_kwargs = {
            "unit_written": {
                "help_text": "false where the document writes the figure without the indicator's unit "
                "(Quyết định 466's “4,36” for 1.2 in 2022): show it as written, without the unit"
            }
        }


class IndicatorSerializer(serializers.ModelSerializer):
    reporting_unit = UnitSerializer(read_only=True, allow_null=True)
    # DRF takes declared fields off the class: `parent` is a field here, not the Field attribute of the stubs.
    # Null for a top-level indicator.
    parent: serializers.SlugRelatedField[Indicator] = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="code", read_only=True, allow_null=True
    )
    group = serializers.CharField(source="group.name", read_only=True)
    # None in a subclass leaves the field out (IndicatorListSerializer).
    targets: serializers.SerializerMethodField | None = serializers.SerializerMethodField()
    observations: ObservationSerializer | None = ObservationSerializer(many=True, read_only=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "group",
            "parent",
            "measure_unit",
            "direction",
            "decimals",
            "data_source",
            "reporting_unit",
            "targets",
            "observations",
            "progress",
        ]

    def _assessment(self, indicator: Indicator) -> Assessment:
        """The read model of the indicator, made once per indicator and response, as of the view's day."""
        cache = self.context.setdefault("assessments", {})
        if indicator.pk not in cache:
            cache[indicator.pk] = assess_indicator(indicator, self.context.get("today") or clock.today())
        return cache[indicator.pk]

    def _nested(self, serializer_class: type[serializers.Serializer]) -> serializers.Serializer:
        """One nested serializer per response, its fields built once (DRF builds them again, deep copies and all,
        for every new serializer: most of the list's time); its context is set for each indicator."""
        made = self.context.setdefault("nested_serializers", {})
        if serializer_class not in made:
            made[serializer_class] = serializer_class(context={})
        return made[serializer_class]

    def get_targets(self, indicator: Indicator) -> list[dict]:
        serializer = self._nested(TargetSerializer)
        serializer.context["in_force_ids"] = {target.pk for target in self._assessment(indicator).in_force.values()}
        return [serializer.to_representation(target) for target in indicator.targets.all()]

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, indicator: Indicator) -> dict:
        serializer = self._nested(ProgressSerializer)
        serializer.context["indicator"] = indicator
        return serializer.to_representation(self._assessment(indicator).progress)


class IndicatorListSerializer(IndicatorSerializer):
    """An indicator of the API list without its targets and figures (`nested=1` adds them)."""

    targets = None
    observations = None

    class Meta(IndicatorSerializer.Meta):
        fields = [f for f in IndicatorSerializer.Meta.fields if f not in ("targets", "observations")]
