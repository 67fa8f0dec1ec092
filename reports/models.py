"""The consolidated quarterly report of Vụ KTS và XHS: the versions sent (frozen) and the reminders e-mailed.

A `Consolidation` keeps the report exactly as it was sent to Viện Chiến lược TTTT: the whole read model of the
report page (`reports.selectors.report_data`), numbers and words, as JSON. The pages and the files of a sent
version are rendered from it alone, so later changes to the figures never alter what was sent.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reporting.calendar import FIRST_YEAR, LAST_YEAR, ReportingPeriod
from strategy_tracker import clock


class ConsolidationQuerySet(models.QuerySet):
    def for_period(self, period: ReportingPeriod) -> ConsolidationQuerySet:
        return self.filter(year=period.year, quarter=period.quarter)


class Consolidation(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    version = models.PositiveSmallIntegerField(_("version"))
    consolidated_at = models.DateTimeField(_("consolidated at"))
    consolidated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("consolidated by"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    snapshot = models.JSONField(_("report as sent"))

    objects = ConsolidationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consolidated report")
        verbose_name_plural = _("consolidated reports")
        ordering = ["-year", "-quarter", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter", "version"], name="consolidation_one_per_version"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="consolidation_quarter_1_to_4"),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR), name="consolidation_year_in_calendar"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="consolidation_version_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.period.code} v{self.version}"

    @property
    def period(self) -> ReportingPeriod:
        return ReportingPeriod(self.year, self.quarter)


class ReminderQuerySet(models.QuerySet):
    def to_units(self) -> ReminderQuerySet:
        """The reminders a unit's reporters received (or were meant to), by the daily run or by hand."""
        return self.filter(unit__isnull=False).exclude(kind="reviewer")

    def last_per_unit_and_period(
        self, *, unit=None, period: ReportingPeriod | None = None, year: int | None = None
    ) -> dict[tuple[int, ReportingPeriod], Reminder]:
        """(unit id, period) → the latest reminder sent to the unit's reporters for the period, by the daily run
        or by hand (with who sent it), of one unit, one period or one year. One query."""
        found = self.to_units().filter(outcome="sent")
        if unit is not None:
            found = found.filter(unit=unit)
        if period is not None:
            found = found.filter(year=period.year, quarter=period.quarter)
        if year is not None:
            found = found.filter(year=year)
        latest: dict[tuple[int, ReportingPeriod], Reminder] = {}
        for reminder in found.select_related("sent_by", "unit").order_by("sent_at", "pk"):
            latest[reminder.unit_id, reminder.period] = reminder
        return latest


class Reminder(models.Model):
    """One reminder to one person for one deadline, and what became of it (a reviewer's, `by_hand`, as often as he
    sends one). A sent one is written once the mail has
    gone, and never sent twice; a failed one (tried again on the next run) and a skipped one (the person has no
    e-mail address, or the unit no active reporter: recipient empty) are one row each, brought up to date by every
    run, so that the admin shows who was not reached and why."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Deadline approaching")
        MISSING = "missing", _("Deadline passed, not submitted")
        REVIEWER = "reviewer", _("Units missing (to the reviewers)")
        BY_HAND = "by_hand", _("Sent by a reviewer")

    class Outcome(models.TextChoices):
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed (tried again on the next run)")
        SKIPPED = "skipped", _("skipped")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    unit = models.ForeignKey(
        "indicators.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.SENT)
    address = models.CharField(_("e-mail address"), max_length=254, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("at"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: sent by the daily run."),
    )

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "year", "quarter", "kind"],
                condition=Q(outcome="sent") & ~Q(kind="by_hand"),
                name="reminder_once_per_deadline_and_person",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["before", "missing", "reviewer", "by_hand"]), name="reminder_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["sent", "failed", "skipped"]), name="reminder_outcome_valid"
            ),
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | Q(outcome="skipped"), name="reminder_sent_to_someone"
            ),
            models.CheckConstraint(
                condition=Q(kind="by_hand", sent_by__isnull=False) | (~Q(kind="by_hand") & Q(sent_by__isnull=True)),
                name="reminder_by_hand_has_sender",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} {self.year}Q{self.quarter} {self.kind}"

    @property
    def period(self) -> ReportingPeriod:
        return ReportingPeriod(self.year, self.quarter)


class ReportIssuer(models.Model):
    """Who issues the consolidated report and who signs it, as the administrative form of Nghị định 30/2020/NĐ-CP
    (Phụ lục I) sets them out on report.docx and above the table's xlsx: the governing body and the issuing body,
    the document symbol, the place, the signer's authority, title and name, the addressee and the recipients.

    One row (the database keeps it so), changed by an administrator in the admin, every change on record: a sent
    version's file shows the row as it was when the version was sent (`reports.selectors.report_issuer`). Until an
    administrator saves it, the field defaults apply."""

    class Authority(models.TextChoices):
        OWN = "", _("none: the head of the department signs")
        ON_BEHALF = "KT.", _("KT. (signs on behalf of the head)")
        BY_ORDER = "TL.", _("TL. (signs by order of the head)")
        BY_DELEGATION = "TUQ.", _("TUQ. (signs by delegation of the head)")

    singleton = models.PositiveSmallIntegerField(default=1, editable=False, unique=True)
    governing_body = models.CharField(
        _("governing body"),
        max_length=200,
        default="Bộ Khoa học và Công nghệ",
        help_text=_("The ministry the department belongs to; printed in capitals above the department."),
    )
    issuing_body = models.CharField(
        _("issuing body"),
        max_length=200,
        default="Vụ Kinh tế số và Xã hội số",
        help_text=_("The department that issues the report; printed in bold capitals."),
    )
    symbol = models.CharField(
        _("document symbol"),
        max_length=40,
        default="BC-KTS",
        help_text=_("After the number: “Số: ……/BC-KTS”; the clerk fills in the number when the report is issued."),
    )
    place = models.CharField(_("place"), max_length=80, default="Hà Nội")
    addressee = models.CharField(
        _("addressee"),
        max_length=300,
        blank=True,
        default="Viện Chiến lược Thông tin và Truyền thông",
        help_text=_("The “Kính gửi” line under the summary; “Như trên” in the recipients means it."),
    )
    authority = models.CharField(
        _("authority of the signer"), max_length=5, choices=Authority.choices, default=Authority.ON_BEHALF, blank=True
    )
    head_title = models.CharField(
        _("title of the head"),
        max_length=100,
        default="Vụ trưởng",
        help_text=_("Printed after the authority: “KT. VỤ TRƯỞNG”."),
    )
    signer_title = models.CharField(
        _("title of the signer"),
        max_length=100,
        default="Phó Vụ trưởng",
        help_text=_("“Phó Vụ trưởng” when a deputy signs on behalf of the head; the head's own title otherwise."),
    )
    signer_name = models.CharField(
        _("name of the signer"),
        max_length=100,
        blank=True,
        help_text=_("Left blank, the report leaves the line for the name empty."),
    )
    recipients = models.TextField(
        _("recipients"),
        max_length=2000,
        default="Như trên\nLãnh đạo Bộ (để b/c)\nLưu: VT, KTS",
        help_text=_(
            "One recipient a line, the archive last (“Lưu: VT, KTS”): the report adds the dash before each and the "
            "semicolon or the full stop after it."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("issuer and signer of the report")
        verbose_name_plural = _("issuer and signer of the report")
        constraints = [models.CheckConstraint(condition=Q(singleton=1), name="report_issuer_one_row")]

    def __str__(self) -> str:
        return f"{self.issuing_body}: {self.signer_title} {self.signer_name}".strip()

    def save(self, *args, **kwargs) -> None:
        # On record at the tracker's one clock, the clock a version's sending time is read from: the file of a
        # version shows the row of that moment.
        self._history_date = clock.now()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if not self.recipients_list():
            raise ValidationError({"recipients": _("Name at least one recipient (the archive: “Lưu: VT, KTS”).")})

    def recipients_list(self) -> list[str]:
        """The recipients one a line, without the dash and the punctuation the report adds."""
        lines = (line.strip().lstrip("-–•").strip().rstrip(";.,").strip() for line in self.recipients.splitlines())
        return [line for line in lines if line]
