from django import template
from django.utils.html import format_html

from reporting import clock
from reporting.access import viewer_of
from reporting.calendar import DeadlineStatus, period_due
from reporting.labels import DEADLINE_CSS, deadline_label, period_coverage, period_label, short_date, status_label
from reporting.selectors import status_of, submitted_count, unit_periods

register = template.Library()

register.filter("period_label", period_label)
register.filter("period_coverage", period_coverage)
register.filter("status_label", status_label)


@register.filter
def deadline_badge(status) -> str:
    return format_html('<span class="{}">{}</span>', DEADLINE_CSS[DeadlineStatus(status)], deadline_label(status))


@register.filter
def short(day) -> str:
    return short_date(day) if day else ""


@register.inclusion_tag("reporting/_due_notice.html", takes_context=True)
def submission_notice(context):
    """What is due: for a reporter their unit's next submission and any missing one; for reviewers, leadership
    and administrators how many units have sent the period due now."""
    request = context.get("request")
    viewer = viewer_of(request.user) if request is not None else None
    today = clock.today()
    period = period_due(today)
    ctx = {"period": period, "today": today, "viewer": viewer}
    if viewer is None or viewer.role is None or period is None:
        return ctx | {"show": False}
    if viewer.is_reporter:
        unit = request.user.membership.unit
        rows = unit_periods(unit, today)
        due = next((r for r in rows if r.period == period), None)
        missing = [r for r in rows if r.deadline == DeadlineStatus.MISSING]
        submission = due.submission if due else None
        return ctx | {
            "show": True,
            "unit": unit,
            "submission": submission,
            "deadline": status_of(period, submission, today),
            "missing": missing,
        }
    submitted, total = submitted_count(period)
    return ctx | {"show": True, "submitted": submitted, "total": total}
