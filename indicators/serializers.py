from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators.figures import target_in_force, targets_by_year
from indicators.formatting import decimal_to_plain
from indicators.models import Indicator, Observation, Target, Unit


@extend_schema_field({"type": "string", "format": "decimal", "nullable": True, "example": "14.26"})
class PlainDecimalField(serializers.Field):
    """An exact decimal as a string without trailing zeros: '14.26', '80'."""

    def to_representation(self, value):
        return decimal_to_plain(value)


@extend_schema_field({"type": "string", "nullable": True, "example": "466/QĐ-BTTTT"})
class DocumentLabelField(serializers.Field):
    def to_representation(self, value):
        return value.label if value is not None else None


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
        return self.context.get("in_force_ids") is not None and target.pk in self.context["in_force_ids"]


class ObservationSerializer(serializers.ModelSerializer):
    value = PlainDecimalField(read_only=True)
    document = DocumentLabelField(read_only=True)

    class Meta:
        model = Observation
        fields = ["period", "value", "provisional", "source", "document", "note"]


class IndicatorSerializer(serializers.ModelSerializer):
    reporting_unit = UnitSerializer(read_only=True, allow_null=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    group = serializers.CharField(source="group.name", read_only=True)
    targets = serializers.SerializerMethodField()
    observations = ObservationSerializer(many=True, read_only=True)

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
        ]

    def get_targets(self, indicator: Indicator) -> list[dict]:
        targets = list(indicator.targets.all())
        in_force = {target_in_force(group).pk for group in targets_by_year(targets).values()}
        return TargetSerializer(targets, many=True, context={"in_force_ids": in_force}).data
