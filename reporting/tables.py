import django_tables2 as tables
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.timezone import get_current_timezone, localtime
from django.utils.translation import gettext_lazy as _

from reporting.labels import (
    DEADLINE_CSS,
    deadline_label,
    period_coverage,
    period_label,
    reminded_label,
    short_date,
    status_label,
)
from strategy_tracker.tables import CellColumn, cell


def remind_cell(record, request, can_remind: bool, form: tuple[str, str] | None = None) -> str:
    """When the unit's reporters were last reminded of the period and, for a reviewer while the unit has not sent
    it, the "Nhắc đơn vị" button (a POST that comes back to this page). `form`: the CSRF token and the page's path,
    read once for the table (a token is masked anew at each read)."""
    said = format_html('<span class="reminded">{}</span>', reminded_label(record.reminded)) if record.reminded else ""
    if not (can_remind and record.outstanding and request is not None):
        return said or "—"
    token, path = form or (get_token(request), request.get_full_path())
    button = format_html(
        '<form method="post" action="{}" class="remind"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="next" value="{}"><button type="submit" class="secondary">{}</button></form>',
        reverse("reporting:remind", args=[record.unit.slug, record.period.code]),
        token,
        path,
        _("Remind the unit"),
    )
    return format_html("{} {}", said, button)


class _StatusColumns(tables.Table):
    status = CellColumn(accessor="status", verbose_name=_("Status"), empty_values=())
    deadline = CellColumn(accessor="deadline", verbose_name=_("Deadline status"), empty_values=())
    first_submitted = CellColumn(
        accessor="submission__first_submitted_at", verbose_name=_("First submitted"), empty_values=()
    )

    def _memo(self, kind: str, key, make):
        """A cell made once per table for each value (its label translated once, not once per row)."""
        memo = self.__dict__.setdefault("_cells", {})
        if (kind, key) not in memo:
            memo[kind, key] = make()
        return memo[kind, key]

    def _when(self, value) -> str:
        """A moment in local time as the language writes it (its SHORT_DATETIME_FORMAT, as `date_format` gives it), or
        "—"; the format and the time zone are read once per table."""
        if not value:
            return "—"
        fmt, zone = self._memo("when", None, lambda: (get_format("SHORT_DATETIME_FORMAT"), get_current_timezone()))
        return dateformat.format(localtime(value, zone), fmt)

    @cell
    def render_status(self, value, record):
        css = f"status status-{value}" if value else "status status-none"
        return self._memo("status", value, lambda: format_html('<span class="{}">{}</span>', css, status_label(value)))

    @cell
    def render_deadline(self, value, record):
        return self._memo(
            "deadline",
            value,
            lambda: format_html('<span class="{}">{}</span>', DEADLINE_CSS[value], deadline_label(value)),
        )

    @cell
    def render_first_submitted(self, value, record):
        return self._when(value)


class _RemindColumn(tables.Table):
    reminded = CellColumn(accessor="reminded", verbose_name=_("Last reminded"), empty_values=(), orderable=False)

    def __init__(self, *args, can_remind: bool = False, request=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.can_remind, self.for_request = can_remind, request

    @cell
    def render_reminded(self, value, record):
        request = self.for_request
        if request is not None and "_form" not in self.__dict__:
            self._form = (get_token(request), request.get_full_path())
        return remind_cell(record, request, self.can_remind, self.__dict__.get("_form"))


class UnitPeriodTable(_RemindColumn, _StatusColumns):
    """A unit's quarters, newest first, with where each stands and when its reporters were last reminded."""

    period = CellColumn(accessor="period", verbose_name=_("Quarter"), orderable=False)
    covers = CellColumn(accessor="period", verbose_name=_("Figures cover"), orderable=False)
    unit_deadline = CellColumn(accessor="period__unit_deadline", verbose_name=_("Units submit by"), orderable=False)

    class Meta:
        attrs = {"class": "table period-table"}
        orderable = False
        sequence = ("period", "covers", "unit_deadline", "status", "deadline", "first_submitted", "reminded")

    @cell
    def render_period(self, value, record):
        url = reverse("reporting:submission", args=[record.unit.slug, value.code])
        return format_html('<a href="{}">{}</a>', url, period_label(value))

    @cell
    def render_covers(self, value, record):
        return period_coverage(value)

    @cell
    def render_unit_deadline(self, value, record):
        return short_date(value)


class OverviewTable(_RemindColumn, _StatusColumns):
    """Every reporting unit for one quarter: the reviewer's view."""

    unit = CellColumn(accessor="unit__name", verbose_name=_("Reporting unit"), orderable=False)
    # Shown when regions exist (the view excludes it otherwise); the units' provinces and regions were read with them.
    region = CellColumn(accessor="unit__province__region__name", verbose_name=_("Region"), default="—")
    submitted = CellColumn(accessor="submission__submitted_at", verbose_name=_("Last submitted"), empty_values=())
    reviewed = CellColumn(accessor="submission__reviewed_by", verbose_name=_("Reviewed by"), empty_values=())
    flagged = CellColumn(accessor="flagged", verbose_name=_("Figures asked about"), empty_values=())

    class Meta:
        attrs = {"class": "table overview-table"}
        template_name = "column_classed_table.html"
        orderable = False
        sequence = (
            "unit",
            "region",
            "status",
            "deadline",
            "first_submitted",
            "submitted",
            "flagged",
            "reviewed",
            "reminded",
        )

    @cell
    def render_unit(self, value, record):
        url = reverse("reporting:submission", args=[record.unit.slug, record.period.code])
        return format_html('<a href="{}">{}</a>', url, record.unit.short_name)

    @cell
    def render_submitted(self, value, record):
        return self._when(value)

    @cell
    def render_flagged(self, value, record):
        if not value:
            return "—"
        url = reverse("reporting:submission", args=[record.unit.slug, record.period.code])
        return format_html('<a href="{}#flags" class="flag-count">{}</a>', url, value)

    @cell
    def render_reviewed(self, value, record):
        if not value:
            return "—"
        return f"{value.get_full_name() or value.username}, {self._when(record.submission.reviewed_at)}"
