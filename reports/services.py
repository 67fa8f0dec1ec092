"""Writes of the consolidated report: sending a version (frozen), and the reminders e-mailed to the units."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import get_connection
from django.db import DEFAULT_DB_ALIAS, IntegrityError, OperationalError, connections, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from indicators.models import Membership, Unit
from notifications.models import Notification
from notifications.services import notify, reporters_of
from reporting.calendar import DeadlineStatus, ReportingPeriod, all_periods
from reporting.labels import period_label, short_date
from reporting.models import Submission
from reporting.selectors import first_tracked_period, reporting_units, status_of
from reports.models import Consolidation, Reminder
from reports.selectors import report_data
from strategy_tracker import clock
from strategy_tracker.mail import send, site_link, with_link
from strategy_tracker.text import control_character_in

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

# A reporter is reminded this many days before the unit deadline (05/04, 05/07, 05/10, 05/12), then the day after
# it (or on the first run after it, until the consolidation deadline) while the unit has still not submitted.
DAYS_BEFORE = 3
NOTE_MAX_LENGTH = 2000


class ConsolidationError(ValueError):
    pass


# A consolidation that meets another one, or an accept committed while it read, starts again from a new snapshot:
# this many times, then the reviewer is asked to send again.
CONSOLIDATION_ATTEMPTS = 5
_UNIQUE_VERSION = "consolidation_one_per_version"
_SERIALIZATION_FAILURE = "40001"  # PostgreSQL: a row this transaction writes changed after its snapshot
_DEADLOCK = "40P01"


def consolidation_create(*, period: ReportingPeriod, user, note: str = "") -> Consolidation:
    """Mark the quarter consolidated and sent to Viện Chiến lược TTTT: freeze the report as it reads now, as a
    new version (the first is 1). Earlier versions stay as they were sent.

    Serial and whole, whatever else happens at the same moment: the report is read and the version written in one
    transaction that sees one snapshot of the database (REPEATABLE READ on PostgreSQL; on SQLite every write
    transaction holds the database's write lock from its start, settings), so a unit's submission accepted meanwhile
    is wholly in the version or wholly out of it: its status in the completeness grid and its figures agree. Two
    reviewers consolidating at once get versions n and n + 1: the unique (year, quarter, version) refuses the
    second's n, and a snapshot older than a write it meets is refused by PostgreSQL; either way the second starts
    again from a new snapshot, and after `CONSOLIDATION_ATTEMPTS` is refused with a message, never a server error.
    Called inside a transaction of the caller's, the caller's transaction decides: one attempt."""
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ConsolidationError(_("The note holds at most %(n)d characters.") % {"n": NOTE_MAX_LENGTH})
    bad = control_character_in(note)
    if bad is not None:
        raise ConsolidationError(bad)
    today = clock.today()
    if not period.is_open_on(today):
        raise ConsolidationError(_("This quarter has not begun: there is nothing to consolidate."))
    outermost = not connections[DEFAULT_DB_ALIAS].in_atomic_block
    for attempt in range(1, (CONSOLIDATION_ATTEMPTS if outermost else 1) + 1):
        try:
            return _consolidate(period=period, user=user, note=note, today=today, outermost=outermost)
        except (IntegrityError, OperationalError) as exc:
            if not _met_another_write(exc):
                raise
            logger.info("consolidation of %s met another write (attempt %d): read again", period.code, attempt)
    raise ConsolidationError(
        _("Another reviewer is consolidating this quarter at this moment: nothing was sent. Send again.")
    )


def _met_another_write(exc: Exception) -> bool:
    """Whether `exc` is the unique version refused, a snapshot older than a write, or a deadlock: a write of
    someone else's at the same moment, not a bug."""
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) in (_SERIALIZATION_FAILURE, _DEADLOCK):
        return True
    diag = getattr(cause, "diag", None)
    if getattr(diag, "constraint_name", None) == _UNIQUE_VERSION:
        return True
    # SQLite names the columns: "UNIQUE constraint failed: reports_consolidation.year, …version"
    return isinstance(exc, IntegrityError) and "reports_consolidation.version" in str(exc)


@transaction.atomic
def _consolidate(*, period: ReportingPeriod, user, note: str, today: date, outermost: bool) -> Consolidation:
    connection = connections[DEFAULT_DB_ALIAS]
    if outermost and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Before any read: every statement of the transaction then sees the snapshot of its first one.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
    version = (Consolidation.objects.for_period(period).aggregate(last=Max("version"))["last"] or 0) + 1
    with translation.override(settings.LANGUAGE_CODE):
        # Made from the snapshot itself, not from the pages' caches: an entry kept under the versions read before
        # it may hold data newer than they are (read after them), half of an accept.
        snapshot = report_data(period, today, kept=False)
    return Consolidation.objects.create(
        year=period.year,
        quarter=period.quarter,
        version=version,
        consolidated_at=clock.now(),
        consolidated_by=user,
        note=note,
        snapshot=snapshot,
    )


# ---------------------------------------------------------------- reminders


@dataclass
class ReminderRun:
    sent: list[Reminder] = field(default_factory=list)
    failed: list[Reminder] = field(default_factory=list)  # tried again on the next run
    skipped: list[Reminder] = field(default_factory=list)  # no e-mail address, or no active reporter


@dataclass(frozen=True)
class _Mail:
    recipient: User | None  # None: the unit has no active reporter to remind
    period: ReportingPeriod
    kind: str  # a Reminder.Kind value
    unit: Unit | None
    subject: str
    body: str
    link: str
    sent_by: User | None = None  # the reviewer who sent it by hand; None: the daily run


def _periods_to_remind(today: date) -> tuple[list[ReportingPeriod], list[ReportingPeriod]]:
    """(periods whose unit deadline is within DAYS_BEFORE days, periods whose unit deadline has passed and whose
    consolidation deadline has not)."""
    first = first_tracked_period()
    tracked = [p for p in all_periods() if p >= first]
    before = [p for p in tracked if timedelta(0) <= p.unit_deadline - today <= timedelta(days=DAYS_BEFORE)]
    after = [p for p in tracked if p.unit_deadline < today <= p.consolidation_deadline]
    return before, after


def _submission_link(unit, period: ReportingPeriod) -> str:
    return site_link(reverse("reporting:submission", kwargs={"unit_slug": unit.slug, "period": period}))


def _reporter_mail(person, unit, period: ReportingPeriod, kind: str) -> _Mail:
    values = {
        "unit": unit.name,
        "period": period_label(period),
        "deadline": short_date(period.unit_deadline),
        "name": person.get_full_name() or person.username,
    }
    if kind == Reminder.Kind.BEFORE:
        subject = _("Reminder: %(unit)s's report for %(period)s is due on %(deadline)s") % values
        body = (
            _(
                "Dear %(name)s,\n\n%(unit)s has not yet sent its report for %(period)s. The deadline is %(deadline)s "
                "(Quyết định 466/QĐ-BTTTT, Mục II.2). Please enter the figures and submit them in the tracker.\n"
            )
            % values
        )
    else:
        subject = _("Overdue: %(unit)s's report for %(period)s was due on %(deadline)s") % values
        body = (
            _(
                "Dear %(name)s,\n\n%(unit)s's report for %(period)s was due on %(deadline)s and has not been sent. "
                "Vụ KTS và XHS cannot consolidate the quarter without it: please submit it in the tracker today.\n"
            )
            % values
        )
    link = _submission_link(unit, period)
    return _Mail(person, period, kind, unit, subject, with_link(body, link), link)


def _reviewer_mail(person, period: ReportingPeriod, missing: list) -> _Mail:
    values = {
        "period": period_label(period),
        "deadline": short_date(period.unit_deadline),
        "consolidation": short_date(period.consolidation_deadline),
        "name": person.get_full_name() or person.username,
        "count": len(missing),
    }
    subject = _("%(count)d units have not sent %(period)s (due %(deadline)s)") % values
    lines = "\n".join(f"- {unit.name}" for unit in missing)
    body = (
        _(
            "Dear %(name)s,\n\nThese units had not sent their report for %(period)s by %(deadline)s; "
            "the quarter is to be consolidated by %(consolidation)s:\n"
        )
        % values
        + lines
        + "\n"
    )
    link = site_link(reverse("reporting:overview") + f"?period={period.code}")
    return _Mail(person, period, Reminder.Kind.REVIEWER.value, None, subject, with_link(body, link), link)


def _mails_due(today: date) -> list[_Mail]:
    """Every reminder due today and not sent yet. Queries: the reporting units, the periods' submissions, the
    people with a role (units joined), the reminders already sent for these periods."""
    before, after = _periods_to_remind(today)
    periods = before + after
    if not periods:
        return []
    units = list(reporting_units())
    submissions = {
        (s.unit_id, s.year, s.quarter): s
        for s in Submission.objects.filter(year__in={p.year for p in periods}, quarter__in={p.quarter for p in periods})
    }
    # People without an e-mail address too: they are reported as skipped, not left out unsaid.
    members = list(
        Membership.objects.filter(user__is_active=True).select_related("user", "unit").order_by("user__username")
    )
    sent = set(
        Reminder.objects.filter(year__in={p.year for p in periods}, outcome=Reminder.Outcome.SENT).values_list(
            "recipient_id", "year", "quarter", "kind"
        )
    )
    mails: list[_Mail] = []
    for period in periods:
        kind = Reminder.Kind.BEFORE.value if period in before else Reminder.Kind.MISSING.value
        expected = DeadlineStatus.DUE if kind == Reminder.Kind.BEFORE else DeadlineStatus.MISSING
        lagging = [u for u in units if status_of(period, submissions.get((u.pk, *_key(period))), today) == expected]
        for unit in lagging:
            reporters = [m for m in members if m.role == Membership.Role.REPORTER and m.unit_id == unit.pk]
            for m in reporters:
                mails.append(_reporter_mail(m.user, unit, period, kind))
            if not reporters:
                mails.append(_Mail(None, period, kind, unit, "", "", _submission_link(unit, period)))
        if kind == Reminder.Kind.MISSING and lagging:
            for m in members:
                if m.role == Membership.Role.REVIEWER:
                    mails.append(_reviewer_mail(m.user, period, lagging))
    return [m for m in mails if m.recipient is None or (m.recipient.pk, *_key(m.period), m.kind) not in sent]


def _key(period: ReportingPeriod) -> tuple[int, int]:
    return (period.year, period.quarter)


def reminders_send(*, today: date | None = None) -> ReminderRun:
    """E-mail every reminder due today, each one once per deadline and person, and record what became of each: sent,
    failed (logged, tried again on the next run; the others still go) or skipped (no e-mail address, or a unit
    with no active reporter)."""
    today = today or clock.today()
    with translation.override(settings.LANGUAGE_CODE):
        mails = _mails_due(today)
    return _send_all(mails)


def _send_all(mails: list[_Mail]) -> ReminderRun:
    run = ReminderRun()
    if not mails:
        return run
    connection = get_connection(fail_silently=False)
    for mail in mails:
        if mail.recipient is None or not mail.recipient.email:
            reason = "no active reporter" if mail.recipient is None else "no e-mail address"
            run.skipped.append(_record(mail, Reminder.Outcome.SKIPPED, reason))
            continue
        try:
            send(address=mail.recipient.email, subject=mail.subject, body=mail.body, connection=connection)
        except Exception as exc:  # noqa: BLE001 (SMTP, socket, TLS: any failure is retried next run)
            logger.warning("Reminder to %s for %s not sent: %s", mail.recipient.email, mail.period.code, exc)
            run.failed.append(_record(mail, Reminder.Outcome.FAILED, str(exc) or type(exc).__name__))
            continue
        run.sent.append(_record(mail, Reminder.Outcome.SENT))
    return run


def _record(mail: _Mail, outcome: str, reason: str = "") -> Reminder:
    """A sent reminder, and every reminder sent by hand, is a new row; a failed or skipped one of the daily run the
    one row of that person (or unit), deadline and outcome, brought up to date."""
    key: dict[str, Any] = {
        "recipient": mail.recipient,
        "year": mail.period.year,
        "quarter": mail.period.quarter,
        "kind": mail.kind,
        "unit": mail.unit,
        "outcome": outcome,
    }
    values = {
        "address": mail.recipient.email if mail.recipient is not None else "",
        "reason": reason[:500],
        "link": mail.link,
        "sent_at": clock.now(),
        "sent_by": mail.sent_by,
    }
    if outcome == Reminder.Outcome.SENT or mail.kind == Reminder.Kind.BY_HAND:
        return Reminder.objects.create(**key, **values)
    reminder, _created = Reminder.objects.update_or_create(**key, defaults=values)
    return reminder


class ReminderRefused(ValueError):
    """A reminder by hand that has no reason to be sent (the unit has sent the quarter, or it is not open)."""


def reminder_send_by_hand(*, unit: Unit, period: ReportingPeriod, sent_by) -> ReminderRun:
    """A reviewer reminds the unit's reporters now ("Nhắc đơn vị"): the daily run's words (the deadline is near, or
    passed), sent at once to each reporter with an address, each recorded with who sent it, when and to whom, and
    told to each reporter in the tracker too. Refused when the unit has sent the quarter or it is not open."""
    today = clock.today()
    submission = Submission.objects.for_unit(unit).for_period(period).order_by().first()
    deadline = status_of(period, submission, today)
    if deadline not in (DeadlineStatus.DUE, DeadlineStatus.MISSING):
        raise ReminderRefused(
            _("%(unit)s has nothing outstanding for %(period)s: no reminder was sent.")
            % {"unit": unit.short_name, "period": period_label(period)}
        )
    reporters = reporters_of(unit)
    wording = Reminder.Kind.BEFORE.value if deadline == DeadlineStatus.DUE else Reminder.Kind.MISSING.value
    with translation.override(settings.LANGUAGE_CODE):
        mails = [
            replace(_reporter_mail(person, unit, period, wording), kind=Reminder.Kind.BY_HAND.value, sent_by=sent_by)
            for person in reporters
        ]
    if not mails:
        mails = [
            _Mail(None, period, Reminder.Kind.BY_HAND.value, unit, "", "", _submission_link(unit, period), sent_by)
        ]
    with transaction.atomic():
        notify(
            recipients=reporters,
            kind=Notification.Kind.REMINDER,
            about=submission,
            params={"unit": unit.short_name, "period": period.code, "deadline": period.unit_deadline.isoformat()},
            path=reverse("reporting:submission", args=[unit.slug, period.code]),
            actor=sent_by,
            mail=False,  # the reminder's own e-mail goes below
        )
    return _send_all(mails)
