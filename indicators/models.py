"""The reference model of the tracker: units, documents, indicators, their targets and their figures.

Every target and every figure names the document it was read from, so that where two documents
disagree both are kept and the page can show them side by side.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from indicators.codes import code_sort_key, is_valid_code
from indicators.periods import format_period, period_end
from strategy_tracker import clock

CODE_VALIDATOR = RegexValidator(
    r"^[1-9][0-9]*(\.[1-9][0-9]*)*$",
    _("An indicator code is numbers separated by dots, such as 1.2 or 2.10."),
)


class Unit(models.Model):
    """An organisation: a unit of the ministry, a ministry, a province or another agency.

    Organisations change (the 2025 mergers of ministries, 63 provinces becoming 34), so a unit has a
    life span and a successor instead of being edited in place.
    """

    class Kind(models.TextChoices):
        MINISTRY_UNIT = "ministry_unit", _("Ministry unit")
        MINISTRY = "ministry", _("Ministry")
        PROVINCE = "province", _("Province")
        AGENCY = "agency", _("Agency")

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    note = models.TextField(_("note"), blank=True)
    # A province's reporting unit (its Sở Khoa học và Công nghệ): the figures it submits are that province's.
    province = models.OneToOneField(
        "places.Province",
        verbose_name=_("province it reports for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reporting_unit",
    )
    # The indicators a province's unit reports for its province, through the same quarterly workflow (the
    # nation's reporting unit of an indicator stays `Indicator.reporting_unit`).
    provincial_indicators = models.ManyToManyField(
        "indicators.Indicator",
        verbose_name=_("indicators reported for its province"),
        blank=True,
        related_name="provincial_units",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_to_after_valid_from",
            ),
            models.CheckConstraint(condition=~Q(successor=models.F("id")), name="unit_not_own_successor"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="unit_not_own_parent"),
            models.CheckConstraint(
                condition=Q(kind__in=["ministry_unit", "ministry", "province", "agency"]), name="unit_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name


# The fields that decide which target is in force.
PROTECTED_DOCUMENT_FIELDS = frozenset({"rank", "issued_on"})


class CitedDocumentChangeRefused(ValidationError):
    """A cited document's rank or date changes only through services.document_correct, with a reason."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "A target or a figure cites this document: its rank and date change only through "
                "“Correct rank or date”, with a reason."
            ),
            code="cited_document",
        )


class DocumentQuerySet(models.QuerySet):
    def cited(self) -> DocumentQuerySet:
        """Documents that a target or a figure cites: their rank and date decide what is in force."""
        return self.filter(Q(targets__isnull=False) | Q(observations__isnull=False)).distinct()

    def update(self, **kwargs):
        # A bulk update must not slip past the rule that Document.save enforces.
        if PROTECTED_DOCUMENT_FIELDS & kwargs.keys() and self.cited().exists():
            raise CitedDocumentChangeRefused()
        return super().update(**kwargs)


class Document(models.Model):
    """A source document: a decision, an official letter, a report. Every figure cites one.

    Where documents disagree, legal force decides before dates (`Rank`, higher wins). Once a target or a figure
    cites a document, its rank and date change only through a recorded correction (`DocumentCorrection`, made by
    services.document_correct), since changing them silently changes which target is in force.
    """

    class Rank(models.IntegerChoices):
        PRIME_MINISTER = 40, _("Decision of the Prime Minister")
        MINISTRY = 30, _("Decision of a minister")
        OFFICIAL_LETTER = 20, _("Official letter or notice")
        REPORT = 10, _("Report or press article")

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        OFFICIAL_LETTER = "official_letter", _("Official letter")
        NOTICE = "notice", _("Notice")
        REPORT = "report", _("Report")
        PRESS = "press", _("Press article")
        PROPOSAL = "proposal", _("Adjustment proposal")

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    number = models.CharField(_("number"), max_length=80, blank=True, help_text=_("Such as 466/QĐ-BTTTT."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.TextField(_("title"))
    issuer = models.CharField(_("issuer"), max_length=255)
    # The lowest rank by default: a document added without one never outranks the decisions.
    rank = models.PositiveSmallIntegerField(_("legal rank"), choices=Rank.choices, default=Rank.REPORT)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["issued_on", "number"]
        constraints = [models.CheckConstraint(condition=Q(rank__in=[10, 20, 30, 40]), name="document_rank_valid")]

    def __str__(self) -> str:
        return self.number or self.title

    def save(self, *args, **kwargs):
        # The same rule as clean(), for every code path that saves without validating.
        self._refuse_uncorrected_change()
        super().save(*args, **kwargs)

    # True only while services.document_correct saves a correction of the rank or date (on record, with a reason).
    _correction = False

    def clean(self) -> None:
        super().clean()
        self._refuse_uncorrected_change()

    def is_cited(self) -> bool:
        # Every target and figure, a province's or a sector's too (the related managers read the nation's only).
        return self.pk is not None and (
            Target._base_manager.filter(document=self).exists()
            or Observation._base_manager.filter(document=self).exists()
        )

    def _refuse_uncorrected_change(self) -> None:
        if self._correction or self.pk is None:
            return
        stored = Document.objects.filter(pk=self.pk).values("rank", "issued_on").first()
        changed = stored is not None and any(stored[f] != getattr(self, f) for f in PROTECTED_DOCUMENT_FIELDS)
        if changed and self.is_cited():
            raise CitedDocumentChangeRefused()

    @property
    def label(self) -> str:
        return self.number or self.title


class DocumentCorrection(models.Model):
    """A correction of a cited document's rank or date, with who made it, when and why (one row per field)."""

    class Field(models.TextChoices):
        RANK = "rank", _("legal rank")
        ISSUED_ON = "issued_on", _("date")

    REASON_MAX_LENGTH = 2000

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="corrections"
    )
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    old_value = models.CharField(_("old value"), max_length=80, blank=True)
    new_value = models.CharField(_("new value"), max_length=80, blank=True)
    reason = models.TextField(_("reason"), max_length=REASON_MAX_LENGTH)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("corrected by"), on_delete=models.PROTECT, related_name="+"
    )
    corrected_at = models.DateTimeField(_("corrected at"))

    class Meta:
        verbose_name = _("document correction")
        verbose_name_plural = _("document corrections")
        ordering = ["-corrected_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(field__in=["rank", "issued_on"]), name="document_correction_field_valid"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="document_correction_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.document}: {self.get_field_display()} {self.old_value} → {self.new_value}"


class IndicatorGroup(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True, validators=[CODE_VALIDATOR])
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        verbose_name = _("indicator group")
        verbose_name_plural = _("indicator groups")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class IndicatorQuerySet(models.QuerySet):
    def with_figures(self) -> IndicatorQuerySet:
        """Everything the home table and the API show, in a fixed number of queries. The documents are fetched on
        their own, once each (a dozen), not joined to every target and figure (thousands of copies to build)."""
        return self.select_related("group", "reporting_unit", "parent").prefetch_related(
            "targets", "targets__document", "observations", "observations__document"
        )

    def reported_by(self, unit: Unit) -> IndicatorQuerySet:
        """The indicators `unit` reports: those it reports for the nation (`reporting_unit`) and, for a province's
        unit, those it reports for its province (`Unit.provincial_indicators`)."""
        provincial = Unit.provincial_indicators.through.objects.filter(unit=unit).values("indicator_id")
        return self.filter(Q(reporting_unit=unit) | Q(pk__in=provincial))

    def with_stored(self) -> IndicatorQuerySet:
        """What the pages listing every indicator read, in one query: the stored assessment joined
        (`indicators.stored.stored_assessments` reads it)."""
        return self.select_related("group", "reporting_unit", "parent", "stored_assessment")


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER_IS_BETTER = "higher", _("Higher is better")
        LOWER_IS_BETTER = "lower", _("Lower is better")

    code = models.CharField(_("code"), max_length=20, unique=True, validators=[CODE_VALIDATOR])
    # Codes order as numbers (2.9 before 2.10); the key is derived from the code on save.
    sort_key = models.CharField(max_length=60, editable=False, blank=True, db_index=True)
    group = models.ForeignKey(
        IndicatorGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="indicators"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.TextField(_("name"))
    measure_unit = models.CharField(_("measure unit"), max_length=40)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER_IS_BETTER
    )
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=2)
    min_value = models.DecimalField(
        _("smallest possible value"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    max_value = models.DecimalField(_("largest possible value"), max_digits=14, decimal_places=4, null=True, blank=True)
    data_source = models.CharField(
        _("data-source agency"), max_length=255, blank=True, help_text=_("As the document writes it.")
    )
    reporting_unit = models.ForeignKey(
        Unit,
        verbose_name=_("reporting unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reported_indicators",
    )
    introduced_by = models.ForeignKey(
        Document, verbose_name=_("introduced by"), on_delete=models.PROTECT, related_name="introduced_indicators"
    )
    note = models.TextField(_("note"), blank=True)
    additive = models.BooleanField(
        _("adds up across provinces"),
        default=False,
        help_text=_("A count: the provinces' figures add up to a total, shown as computed beside the national one."),
    )
    # Raised by database triggers in the transaction of every change to the indicator, its targets, its figures or
    # a document they cite (strategy_tracker.versions): a stored assessment made at another revision is never read.
    revision = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["revision"])

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_key"]
        constraints = [
            models.CheckConstraint(condition=Q(direction__in=["higher", "lower"]), name="indicator_direction_valid"),
            models.CheckConstraint(condition=Q(decimals__lte=6), name="indicator_decimals_at_most_6"),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(max_value__gt=models.F("min_value")),
                name="indicator_bounds_ordered",
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="indicator_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        if is_valid_code(self.code):
            self.sort_key = code_sort_key(self.code)
        super().save(*args, **kwargs)

    @property
    def higher_is_better(self) -> bool:
        return self.direction == self.Direction.HIGHER_IS_BETTER


# A figure or a target names at most one of these; it is the nation's when it names none.
BREAKDOWN_FIELDS = ("province", "sector", "commune")
NATIONAL = Q(province__isnull=True, sector__isnull=True, commune__isnull=True)


class NationalManager(models.Manager):
    """The default manager of the figures and the targets: those for the nation (no province, no sector, no
    commune), as every page read them before figures were broken down. Related managers (`indicator.observations`,
    a prefetch of "targets") take their rows from it too, so a breakdown never enters a national series."""

    def get_queryset(self):
        return super().get_queryset().filter(NATIONAL)


class BreakdownQuerySet(models.QuerySet):
    def for_province(self, code: int):
        """The province in force with this code: its figures or targets and those of the former provinces that
        became part of it (Tuyên Quang's: Hà Giang's and the former Tuyên Quang's before July 2025)."""
        return self.filter(
            Q(province__code=code, province__valid_to__isnull=True)
            | Q(province__successor__code=code, province__successor__valid_to__isnull=True)
        )

    def for_sector(self, slug: str):
        return self.filter(sector__slug=slug)

    def for_commune(self, code: int):
        return self.filter(commune__code=code)


class BreakdownManager(models.Manager.from_queryset(BreakdownQuerySet)):  # type: ignore[misc]
    """The figures or targets for a province, a sector or a commune: never those of the nation."""

    def get_queryset(self):
        return super().get_queryset().exclude(NATIONAL)


class Breakdown(models.Model):
    """A figure or a target is the nation's unless it names a province, a sector or a commune (one of them)."""

    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for the nation."),
    )
    sector = models.ForeignKey(
        "places.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for the nation."),
    )
    commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for the nation."),
    )

    objects = NationalManager()  # the default manager: the nation's
    breakdowns = BreakdownManager()

    class Meta:
        abstract = True

    def clean(self) -> None:
        """A former province is named only for a period that ended by its last day (2024, 2025Q2 for the 63 ended on
        30 June 2025); a later figure names the province it became part of."""
        super().clean()
        province = self.province if self.province_id is not None else None
        year = getattr(self, "year", None)
        if province is None or province.valid_to is None or year is None:
            return
        if period_end(year, getattr(self, "quarter", 0) or 0) > province.valid_to:
            raise ValidationError(
                {
                    "province": _(
                        "%(province)s ended on %(day)s: for a later period, name the province it became part of "
                        "(%(successor)s)."
                    )
                    % {
                        "province": province.name,
                        "day": province.valid_to.strftime("%d/%m/%Y"),
                        "successor": province.successor.name if province.successor else "—",
                    }
                }
            )


def _breakdown_constraints(kind: str, name: str, fields: list[str], condition: Q) -> list[models.BaseConstraint]:
    """One per document and period (`name`) for the nation, one for each province, each sector and each commune; a
    figure or a target is for one of them at most."""
    named = [Q(**{f"{field}__isnull": False}) for field in BREAKDOWN_FIELDS]
    at_most_one = NATIONAL
    for one in named:
        at_most_one |= one & Q(*(~other for other in named if other is not one))
    return [
        models.UniqueConstraint(fields=fields, condition=condition & NATIONAL, name=name),
        *(
            models.UniqueConstraint(
                fields=[*fields, field],
                condition=condition & Q(**{f"{field}__isnull": False}),
                name=f"{kind}_one_per_{field}",
            )
            for field in BREAKDOWN_FIELDS
        ),
        models.CheckConstraint(condition=at_most_one, name=f"{kind}_one_breakdown"),
    ]


class Comparator(models.TextChoices):
    AT_LEAST = ">=", "≥"
    ABOVE = ">", ">"
    AT_MOST = "<=", "≤"
    BELOW = "<", "<"
    EQUAL = "=", "="
    ABOUT = "~", "≈"


# How the reference data's notes record that a goal is the Prime Minister's decision's, quoted by another document.
RESTATED_GOAL = re.compile(r"Mục tiêu (?:của Chiến lược theo|của) Quyết định (\d+/QĐ-TTg)")


class Target(Breakdown):
    """A target for one year as one document states it.

    A target is either a number with a comparator ("Trên 50%" is > 50) or only a text, when the
    document delegates it ("Theo Kế hoạch của Bộ Y tế"). The document's own wording is kept verbatim.
    """

    class Kind(models.TextChoices):
        PLAN = "plan", _("Yearly plan")
        GOAL = "goal", _("Strategy goal")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    comparator = models.CharField(_("comparator"), max_length=2, choices=Comparator.choices, blank=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    wording = models.TextField(_("wording in the document"))
    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="targets")
    section = models.CharField(_("section of the document"), max_length=80, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator__sort_key", "year", "document__issued_on", "section"]
        constraints = [
            *_breakdown_constraints(
                "target", "target_one_per_document_section", ["indicator", "year", "document", "section"], Q()
            ),
            models.CheckConstraint(
                condition=(Q(value__isnull=True) & Q(comparator=""))
                | (Q(value__isnull=False) & Q(comparator__in=[c.value for c in Comparator])),
                name="target_value_has_comparator",
            ),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="target_year_plausible"),
            models.CheckConstraint(condition=Q(kind__in=["plan", "goal"]), name="target_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.wording}"

    @property
    def restates(self) -> str:
        """The number of the Prime Minister's decision whose goal this target restates, as its note records it
        ("Mục tiêu của Quyết định 411/QĐ-TTg do Bộ trưởng … nêu"), or "": a goal quoted by a report or a letter
        is the decision's goal, cited through them."""
        found = RESTATED_GOAL.search(self.note) if self.kind == self.Kind.GOAL else None
        return found.group(1) if found else ""

    @property
    def cited_as(self) -> str:
        """Whose target this is, as a reader expects it: "Mục tiêu của QĐ 411/QĐ-TTg (dẫn theo …)" for a goal of
        the decision restated by another document, else the document's own label."""
        if self.restates and self.restates != self.document.number:
            return _("Goal of QĐ %(number)s (as cited in %(document)s)") % {
                "number": self.restates,
                "document": self.document.label,
            }
        return self.document.label

    @property
    def cited_inline(self) -> str:
        """The same inside a sentence's brackets: "QĐ 411/QĐ-TTg, dẫn theo 5473/BTTTT-KTS&XHS"."""
        if self.restates and self.restates != self.document.number:
            return _("QĐ %(number)s, as cited in %(document)s") % {
                "number": self.restates,
                "document": self.document.label,
            }
        return self.document.label


class TargetProposalQuerySet(models.QuerySet):
    def pending(self) -> TargetProposalQuerySet:
        return self.filter(status=TargetProposal.Status.PENDING)

    def with_people(self) -> TargetProposalQuerySet:
        return self.select_related(
            "indicator", "replaces__document", "proposed_by", "decided_by", "target__document"
        ).order_by("-proposed_at", "-pk")


class TargetProposal(models.Model):
    """A reviewer's proposal to adjust a target (principle 3: raise it in time, or change it when remedies cannot
    close the gap), and the leadership's decision on it. An accepted proposal becomes a new Target with its own
    document; the target it replaces is kept."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("target proposal", "Awaiting decision")
        ACCEPTED = "accepted", pgettext_lazy("target proposal", "Accepted")
        REJECTED = "rejected", pgettext_lazy("target proposal", "Not accepted")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="proposals"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=Target.Kind.choices, default=Target.Kind.GOAL)
    comparator = models.CharField(_("comparator"), max_length=2, choices=Comparator.choices)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    reason = models.TextField(_("reason"))
    flag = models.CharField(_("flag when proposed"), max_length=20, blank=True)
    replaces = models.ForeignKey(
        Target,
        verbose_name=_("target in force when proposed"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adjustment_proposals",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    # Dated by the tracker's clock, not by auto_now_add (the real time), like every other date the tracker records.
    proposed_at = models.DateTimeField(_("proposed at"), default=clock.now, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    target = models.OneToOneField(
        Target,
        verbose_name=_("target created"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposal",
    )
    history = HistoricalRecords()

    objects = TargetProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("target adjustment proposal")
        verbose_name_plural = _("target adjustment proposals")
        ordering = ["-proposed_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "accepted", "rejected"]), name="proposal_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(comparator__in=[c.value for c in Comparator]), name="proposal_comparator_valid"
            ),
            models.CheckConstraint(condition=Q(kind__in=["plan", "goal"]), name="proposal_kind_valid"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="proposal_year_plausible"),
            models.CheckConstraint(
                condition=(Q(status="pending") & Q(decided_at__isnull=True) & Q(decided_by__isnull=True))
                | (~Q(status="pending") & Q(decided_at__isnull=False) & Q(decided_by__isnull=False)),
                name="proposal_decided_when_not_pending",
            ),
            models.CheckConstraint(
                condition=Q(status="accepted", target__isnull=False) | (~Q(status="accepted") & Q(target__isnull=True)),
                name="proposal_target_iff_accepted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.get_comparator_display()} {self.value}"


class Observation(Breakdown):
    """A figure of an indicator for a year (quarter 0) or a quarter of a year, with its source."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="observations"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), default=0, help_text=_("0 for the whole year."))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    provisional = models.BooleanField(_("provisional estimate"), default=False)
    source = models.TextField(_("source"))
    document = models.ForeignKey(
        Document,
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="observations",
    )
    note = models.TextField(_("note"), blank=True)
    unit_written = models.BooleanField(
        _("unit written with the figure"),
        default=True,
        help_text=_(
            "Off when the document writes the figure without the indicator's unit (Quyết định 466 writes row 1.2's "
            "2022 estimate as “4,36”): the figure is then shown as written, without a unit."
        ),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.PROTECT
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator__sort_key", "year", "quarter"]
        constraints = [
            models.CheckConstraint(condition=Q(quarter__gte=0, quarter__lte=4), name="observation_quarter_0_to_4"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="observation_year_plausible"),
            *_breakdown_constraints(
                "observation",
                "observation_one_per_document_period",
                ["indicator", "year", "quarter", "document"],
                Q(document__isnull=False),
            ),
        ]
        indexes = [
            # An indicator's latest figure of each commune (`places.communes`), and its communes with a figure.
            models.Index(
                fields=["indicator", "commune", "-year", "-quarter"],
                condition=Q(commune__isnull=False),
                name="observation_commune_latest",
            ),
            # An indicator's national series, as every page reads it (`NationalManager`), without walking its
            # provinces' and communes' figures (132 840 of one indicator at the communes' size).
            models.Index(fields=["indicator", "year", "quarter"], condition=NATIONAL, name="observation_national"),
            # Its provinces' figures (the ranking, the heatmap, `?province=`), without walking its communes'.
            models.Index(
                fields=["indicator", "province", "year", "quarter"],
                condition=Q(province__isnull=False),
                name="observation_province",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.value}"

    @property
    def period(self) -> str:
        return format_period(self.year, self.quarter)


class StoredAssessment(models.Model):
    """An indicator's read model (`indicators.selectors.Assessment`) as of a day, kept so that the pages listing
    every indicator read it instead of making it again. It is valid only for the indicator's `revision` and the
    day `as_of`, in the `layout` it was written with; `indicators.stored` makes and reads it."""

    indicator = models.OneToOneField(
        Indicator, primary_key=True, on_delete=models.CASCADE, related_name="stored_assessment"
    )
    revision = models.PositiveIntegerField()
    as_of = models.DateField()
    layout = models.CharField(max_length=40)
    data = models.BinaryField()  # the progress
    detail = models.BinaryField(default=b"")  # the targets per (year, kind) and the yearly figures

    class Meta:
        verbose_name = _("stored assessment")
        verbose_name_plural = _("stored assessments")

    def __str__(self) -> str:
        return f"{self.indicator_id} r{self.revision} {self.as_of}"


class Membership(models.Model):
    """What a person may do in the tracker: their role, and for reporters the unit they report for."""

    class Role(models.TextChoices):
        REPORTER = "reporter", _("Reporter")
        REVIEWER = "reviewer", _("Reviewer")
        LEADER = "leader", _("Leader")
        ADMIN = "admin", _("Administrator")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="membership"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    # Shown to Vụ KTS và XHS's reviewers on the unit's page (who to call when a report is late); nobody else.
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="reporter") | Q(unit__isnull=False), name="membership_reporter_has_unit"
            ),
            models.CheckConstraint(
                condition=Q(role__in=["reporter", "reviewer", "leader", "admin"]), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"
