"""How periods and statuses read on the pages (active language)."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reporting.calendar import DeadlineStatus, ReportingPeriod
from reporting.models import STATUS_CHOICES

DEADLINE_LABELS = {
    DeadlineStatus.NOT_TRACKED: gettext_lazy("Not tracked (before the first tracked quarter)"),
    DeadlineStatus.UPCOMING: gettext_lazy("Not open yet"),
    DeadlineStatus.DUE: gettext_lazy("Due"),
    DeadlineStatus.ON_TIME: gettext_lazy("Submitted on time"),
    DeadlineStatus.LATE: gettext_lazy("Submitted late"),
    DeadlineStatus.MISSING: gettext_lazy("Missing: deadline passed"),
}
DEADLINE_CSS = {
    DeadlineStatus.NOT_TRACKED: "badge",
    DeadlineStatus.UPCOMING: "badge",
    DeadlineStatus.DUE: "badge badge-due",
    DeadlineStatus.ON_TIME: "badge badge-ok",
    DeadlineStatus.LATE: "badge badge-warn",
    DeadlineStatus.MISSING: "badge badge-missing",
}
STATUS_LABELS = dict(STATUS_CHOICES)


def period_label(period: ReportingPeriod) -> str:
    """'Quý 4/2026' in Vietnamese, 'Q4/2026' in English."""
    return _("Q%(quarter)d/%(year)d") % {"quarter": period.quarter, "year": period.year}


def period_coverage(period: ReportingPeriod) -> str:
    """The months the figures cover: '10/2026–11/2026', '12/2025–3/2026'."""
    (y1, m1), (y2, m2) = period.months[0], period.months[-1]
    return f"{m1}/{y1}–{m2}/{y2}"


def short_date(day) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def deadline_label(status: DeadlineStatus | str) -> str:
    return str(DEADLINE_LABELS[DeadlineStatus(status)])


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, _("Not started"))) if status else _("Not started")


def locked_message(status: str) -> str:
    return _("This submission is “%(status)s”: it cannot be changed now.") % {"status": status_label(status)}


def reminded_label(reminder) -> str:
    """'đã nhắc lúc 07:00 06/12/2026 (tự động)', or '… (Chuyên viên rà soát)' for one sent by hand; "" for none."""
    if reminder is None:
        return ""
    at = date_format(localtime(reminder.sent_at), "SHORT_DATETIME_FORMAT")
    if reminder.sent_by_id is None:
        return _("reminded at %(at)s (automatically)") % {"at": at}
    by = reminder.sent_by.get_full_name() or reminder.sent_by.username
    return _("reminded at %(at)s (by %(person)s)") % {"at": at, "person": by}
