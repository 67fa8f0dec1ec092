"""Quarterly submissions (Phụ lục 01 of Quyết định 466): one per reporting unit and quarter.

A submission holds one `SubmissionValue` per indicator the unit reports, and the four written sections III–VI.
Accepting a submission writes its values into `indicators.Observation`, the figures of record that the home table
and the charts read; each value keeps a link to the observation it produced, one for a provisional estimate and
one for the official figure, so that both stay on record (see `reporting.services.submission_accept`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.models import Indicator, Observation, Unit
from reporting.calendar import FIRST_YEAR, LAST_YEAR, ReportingPeriod
from reporting.workflow import EDITABLE, Status

SECTION_MAX_LENGTH = 5000
SOURCE_MAX_LENGTH = 500
NOTE_MAX_LENGTH = 1000
REASON_MAX_LENGTH = 2000
COMPARISON_WITH_MAX_LENGTH = 120

STATUS_CHOICES = [
    (Status.DRAFT.value, _("Draft")),
    (Status.SUBMITTED.value, _("Submitted")),
    (Status.RETURNED.value, _("Returned for correction")),
    (Status.ACCEPTED.value, _("Accepted")),
    (Status.REOPENED.value, _("Reopened")),
]


class SubmissionQuerySet(models.QuerySet):
    def for_period(self, period: ReportingPeriod) -> SubmissionQuerySet:
        return self.filter(year=period.year, quarter=period.quarter)

    def for_unit(self, unit: Unit) -> SubmissionQuerySet:
        return self.filter(unit=unit)

    def with_people(self) -> SubmissionQuerySet:
        return self.select_related("unit", "submitted_by", "reviewed_by", "updated_by")


class Submission(models.Model):
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="submissions")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    status = models.CharField(_("status"), max_length=12, choices=STATUS_CHOICES, default=Status.DRAFT.value)
    # Raised by database triggers with every change of the submission or of its values, whatever path made it
    # (strategy_tracker.versions); a form or an action that carries an older number is refused (no lost update).
    version = models.PositiveIntegerField(_("version"), default=0)

    trend_assessment = models.TextField(_("III. Trend assessment"), blank=True, max_length=SECTION_MAX_LENGTH)
    international_comparison = models.TextField(
        _("IV. International comparison"), blank=True, max_length=SECTION_MAX_LENGTH
    )
    difficulties = models.TextField(_("V. Difficulties"), blank=True, max_length=SECTION_MAX_LENGTH)
    proposals = models.TextField(_("VI. Proposals"), blank=True, max_length=SECTION_MAX_LENGTH)

    # The reason of the last return or reopening; each one stays in the history.
    reason = models.TextField(_("reason"), blank=True, max_length=REASON_MAX_LENGTH)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-year", "-quarter", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "quarter"], name="submission_one_per_unit_period"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="submission_quarter_1_to_4"),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR), name="submission_year_in_calendar"
            ),
            models.CheckConstraint(condition=Q(status__in=[s.value for s in Status]), name="submission_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period.code}"

    @property
    def period(self) -> ReportingPeriod:
        return ReportingPeriod(self.year, self.quarter)

    @property
    def is_editable(self) -> bool:
        return Status(self.status) in EDITABLE


class SubmissionValueQuerySet(models.QuerySet):
    def for_submission(self, submission: Submission) -> SubmissionValueQuerySet:
        return self.filter(submission=submission).select_related(
            "indicator", "provisional_observation", "official_observation"
        )


class SubmissionValue(models.Model):
    """One indicator's figure in a submission, with its source, a note and an international comparison."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="submission_values"
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    provisional = models.BooleanField(_("provisional estimate"), default=False)
    source = models.CharField(_("source"), max_length=SOURCE_MAX_LENGTH, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    comparison_with = models.CharField(
        _("compared with (country or organisation)"), max_length=COMPARISON_WITH_MAX_LENGTH, blank=True
    )
    comparison_value = models.DecimalField(
        _("comparison value"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    comparison_year = models.PositiveSmallIntegerField(_("comparison year"), null=True, blank=True)
    comparison_source = models.CharField(_("comparison source"), max_length=SOURCE_MAX_LENGTH, blank=True)
    # What the data-quality rules (quality.rules) asked about the figure when it was written: a list of
    # {"rule", "message", "severity"}, the message in Vietnamese as the unit read it; kept when the submission is
    # accepted, with the unit's answer, so a figure accepted with a flag keeps both on record (history).
    flags = models.JSONField(_("data-quality flags"), default=list, blank=True)
    flag_count = models.PositiveSmallIntegerField(_("number of flags"), default=0)
    confirmation = models.TextField(
        _("confirmation note"), max_length=NOTE_MAX_LENGTH, blank=True,
        help_text=_("The unit's answer to the data-quality flags: why the figure is right."),
    )  # fmt: skip
    # The figures of record this value produced when the submission was accepted.
    provisional_observation = models.OneToOneField(
        Observation,
        verbose_name=_("provisional figure of record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="provisional_submission_value",
    )
    official_observation = models.OneToOneField(
        Observation,
        verbose_name=_("official figure of record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="official_submission_value",
    )
    history = HistoricalRecords()

    objects = SubmissionValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("submitted value")
        verbose_name_plural = _("submitted values")
        ordering = ["indicator__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "indicator"], name="submission_value_one_per_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value}"


IDEMPOTENCY_KEY_MAX_LENGTH = 255


class IdempotencyKey(models.Model):
    """A write through the API sent with an `Idempotency-Key` header, and the answer it got: the same key from the
    same person with the same request is answered the same without writing again (`reporting.idempotency`). Only
    a write that was made keeps its key (a refused one wrote nothing); kept `settings.API_IDEMPOTENCY_KEY_HOURS`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("key"), max_length=IDEMPOTENCY_KEY_MAX_LENGTH)
    request_hash = models.CharField(_("request hash"), max_length=64)  # SHA-256 of the route and the request
    created_at = models.DateTimeField(_("created at"))
    status = models.PositiveSmallIntegerField(_("status code"))
    answer = models.JSONField(_("answer"))

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_one_per_person")]
        indexes = [models.Index(fields=["user", "created_at"], name="idempotency_key_by_age")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.key}"
