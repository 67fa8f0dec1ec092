"""The data-quality rules as data: an administrator edits their thresholds, messages and severities in the admin,
every change on record. What they test is `quality.rules` (pure)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from quality.rules import Kind, RuleSpec, Severity

KIND_CHOICES = [
    (Kind.SERIES_DEVIATION.value, _("Far from the indicator's recent quarters (k median absolute deviations)")),
    (Kind.SHARE_JUMP.value, _("A share moving more than N points in a quarter")),
    (Kind.SUBROW_PARENT.value, _("A parent row inconsistent with its sub-rows")),
    (Kind.PLAUSIBLE_RANGE.value, _("Outside the plausible range of its measure")),
    (Kind.PROVISIONAL_AGE.value, _("A provisional figure not replaced by an official one after N quarters")),
    (Kind.COMPARISON_AGE.value, _("An international comparison older than N years")),
    (Kind.MISSING_SOURCE.value, _("A figure without a source")),
]
SEVERITY_CHOICES = [
    (Severity.CONFIRM.value, _("Ask the unit to confirm with a note")),
    (Severity.REFUSE.value, _("Refuse the figure")),
]


class RuleQuerySet(models.QuerySet):
    def active(self) -> RuleQuerySet:
        return self.filter(active=True).order_by("pk")


class Rule(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=KIND_CHOICES)
    k = models.DecimalField(
        _("k"), max_digits=8, decimal_places=2, null=True, blank=True,
        help_text=_("Median absolute deviations a figure may lie from the recent quarters' median."),
    )  # fmt: skip
    n = models.DecimalField(
        _("N"), max_digits=8, decimal_places=2, null=True, blank=True,
        help_text=_("Points a share may move in a quarter; quarters a provisional figure may wait; years a "
                    "comparison may be old; the tolerance between a parent row and its sub-rows."),
    )  # fmt: skip
    measure_unit = models.CharField(
        _("measure unit"), max_length=40, blank=True, help_text=_("The plausible range's measure (blank: any).")
    )
    low = models.DecimalField(_("plausible from"), max_digits=14, decimal_places=4, null=True, blank=True)
    high = models.DecimalField(_("plausible up to"), max_digits=14, decimal_places=4, null=True, blank=True)
    message = models.TextField(
        _("message"),
        max_length=1000,
        help_text=_("What the unit reads, in Vietnamese; may name {median}, {mad}, {times}, {k}, {previous}, "
                    "{points}, {n}, {low}, {high}, {quarters}, {years}."),
    )  # fmt: skip
    severity = models.CharField(_("severity"), max_length=10, choices=SEVERITY_CHOICES, default=Severity.CONFIRM.value)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = RuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("data-quality rule")
        verbose_name_plural = _("data-quality rules")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=[k.value for k in Kind]), name="quality_rule_kind_valid"),
            models.CheckConstraint(
                condition=Q(severity__in=[s.value for s in Severity]), name="quality_rule_severity_valid"
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def spec(self) -> RuleSpec:
        return RuleSpec(
            kind=Kind(self.kind),
            message=self.message,
            severity=Severity(self.severity),
            k=self.k,
            n=self.n,
            low=self.low,
            high=self.high,
            measure_unit=self.measure_unit,
        )
