from django import template
from django.utils.html import format_html

from reporting.calendar import DeadlineStatus
from reporting.labels import (
    DEADLINE_CSS,
    deadline_label,
    period_coverage,
    period_label,
    reminded_label,
    short_date,
    status_label,
)
from reporting.selectors import due_notice_for
from strategy_tracker import clock

register = template.Library()

register.filter("period_label", period_label)
register.filter("period_coverage", period_coverage)
register.filter("status_label", status_label)
register.filter("reminded", reminded_label)


@register.filter
def deadline_badge(status) -> str:
    return format_html('<span class="{}">{}</span>', DEADLINE_CSS[DeadlineStatus(status)], deadline_label(status))


@register.filter
def short(day) -> str:
    return short_date(day) if day else ""


@register.inclusion_tag("reporting/_due_notice.html", takes_context=True)
def submission_notice(context):
    """What needs the person signed in, most urgent first: what waits for their decision (leadership:
    dashboard.selectors.pending_decisions), then what is due (reporting.selectors.due_notice_for decides and
    reads)."""
    from dashboard.selectors import pending_decisions  # the dashboard's read model, which reads this app's

    request = context.get("request")
    if request is None:
        return {"notice": None, "decisions": None}
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "notice": due_notice_for(request.user, clock.today()),
        "decisions": pending_decisions(request.user),
    }
