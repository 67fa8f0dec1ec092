"""The consolidated report's pages and files. Every view checks access first (`report_rights`), reads the
report's one read model (`report_data`, or a sent version's frozen copy) and renders it; the only write,
consolidating, goes through `reports.services`."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from indicators.models import Membership
from places.selectors import regions as region_list
from reporting.calendar import DeadlineStatus, ReportingPeriod, period_to_consolidate
from reporting.labels import period_label, reminded_label
from reporting.selectors import first_tracked_period
from reports import exports, services
from reports.filters import ReportFilter
from reports.models import Consolidation, Reminder
from reports.selectors import (
    changes_since,
    consolidation_of,
    consolidations_of,
    filter_rows,
    missing_units,
    open_quarters,
    report_data,
    report_issuer,
    year_data,
)
from reports.tables import QUARTER_NAMES, ReportTable, completeness_rows
from strategy_tracker import clock
from strategy_tracker.rights import report_rights, unit_contact_rights
from strategy_tracker.versions import data_version

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _open_period(period: ReportingPeriod) -> ReportingPeriod:
    """404 for a quarter whose figures have not begun (one outside the calendar never reaches here)."""
    if not period.is_open_on(clock.today()):
        raise Http404(period.code)
    return period


def _sent_label(consolidation: Consolidation) -> dict:
    who = consolidation.consolidated_by
    return {
        "version": consolidation.version,
        "who": who.get_full_name() or who.username,
        "when": date_format(localtime(consolidation.consolidated_at), "SHORT_DATETIME_FORMAT"),
    }


def _data_for(
    request: HttpRequest, period: ReportingPeriod, version: int | None
) -> tuple[dict, dict | None, datetime | None]:
    """The report's data: today's, or a sent version's frozen copy (404 if there is no such version); who sent it
    and when (None for today's)."""
    if version is None:
        return report_data(period, clock.today()), None, None
    consolidation = consolidation_of(period, version)
    if consolidation is None:
        raise Http404
    return consolidation.snapshot, _sent_label(consolidation), consolidation.consolidated_at


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    report_rights(request.user)
    period = period_to_consolidate(clock.today())
    if period is None:
        raise Http404
    return redirect("reports:table", period=period.code)


@login_required
@require_GET
def table_page(request: HttpRequest, period: ReportingPeriod) -> HttpResponse:
    """The consolidated table with its filters, the units × quarters completeness, the versions sent and what
    changed since the last one."""
    rights = report_rights(request.user)
    _open_period(period)
    today = clock.today()
    data = report_data(period, today)
    versions = consolidations_of(period)
    changes = []
    if versions:
        last = consolidation_of(period, versions[0].version)
        assert last is not None  # versions[0] is one of the period's consolidations
        changes = changes_since(last.snapshot, data, last.consolidated_at)
    next_ = period.next()
    ctx = {
        **_table_context(request, data, today),
        "period": period,
        "versions": versions,
        "changes": changes,
        "can_consolidate": rights.can_consolidate,
        "missing_units": missing_units(data["outstanding"]),
        "previous_period": period.previous(),
        "next_period": next_ if next_ and next_.is_open_on(today) else None,
    }
    return render(request, "reports/table.html", ctx)


def _table_context(request: HttpRequest, data: dict, today) -> dict:
    """What the quarter's and the year's pages share: the table filtered and sorted as the query string asks,
    and the year's quarters (a link for each one begun)."""
    filters = ReportFilter(request.GET or None, queryset=None, regions=region_list())
    rows = filter_rows(data["rows"], lagging_units=data["late_or_missing"], **filters.criteria())
    # The units the kind and the region keep: the completeness and what is outstanding (the rows are the nation's).
    completeness = [r for r in data["completeness"] if filters.keeps(r["provincial"], r["region"])]
    kept_outstanding = [o for o in data["outstanding"] if filters.keeps(o["provincial"], o["region"])]
    table = ReportTable(rows, year=data["year"], order_by=request.GET.get("sort"))
    begun = {p.quarter: p for p in open_quarters(data["year"], today)}
    reminded = {
        (reminder.unit.slug, period.code): reminder
        for (_unit, period), reminder in Reminder.objects.last_per_unit_and_period(year=data["year"]).items()
        if reminder.unit is not None  # always: reminders to the units
    }
    slugs = {o["unit_slug"] for o in kept_outstanding}
    reporters: dict[str, list[str]] = {}
    if slugs:  # who to call: the reporters' names (their e-mail and phone are on the unit's page, for reviewers)
        for m in Membership.objects.filter(
            role=Membership.Role.REPORTER, unit__slug__in=slugs, user__is_active=True
        ).select_related("user", "unit"):
            if m.unit is not None:  # always: a reporter has a unit
                reporters.setdefault(m.unit.slug, []).append(m.user.get_full_name() or m.user.username)
    outstanding = [
        {
            **o,
            "reporters": ", ".join(sorted(reporters.get(o["unit_slug"], []))),
            "reminded": reminded_label(reminded.get((o["unit_slug"], o["period"]))),
            "remindable": o["deadline_status"] in (DeadlineStatus.DUE, DeadlineStatus.MISSING),
        }
        for o in kept_outstanding
    ]
    return {
        "data": data,
        "outstanding": outstanding,
        "can_remind": unit_contact_rights(request.user).can_remind,
        "table": table,
        "filter": filters,
        "shown": len(rows),
        "completeness_rows": completeness_rows(completeness),
        # The table's rendering is kept (`{% cache %}`) for the data versions its rows were read at, the period, the
        # day and the query string (filters and sort): a national table takes longer to render than to read.
        "table_cache_key": "|".join(
            [
                data["data_version"],
                str(data["year"]),
                str(data.get("period", "")),
                today.isoformat(),
                request.GET.urlencode(),
            ]
        ),
        "quarters": [(name, begun.get(q)) for q, name in enumerate(QUARTER_NAMES, start=1)],
    }


def _year_data(request: HttpRequest, year: int) -> dict:
    """The year's read model for a person who may read reports; 404 for a year outside the calendar or with no
    quarter begun."""
    report_rights(request.user)
    today = clock.today()
    if not open_quarters(year, today):
        raise Http404(year)
    return year_data(year, today)


@login_required
@require_GET
def year_page(request: HttpRequest, year: int) -> HttpResponse:
    """The year's consolidated table (its four quarters side by side), the year's completeness, links to each
    quarter's page and report, and the year's files."""
    data = _year_data(request, year)
    today = clock.today()
    ctx = {
        **_table_context(request, data, today),
        "previous_year": year - 1 if open_quarters(year - 1, today) else None,
        "next_year": year + 1 if open_quarters(year + 1, today) else None,
    }
    return render(request, "reports/year.html", ctx)


@login_required
@require_GET
def year_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    data = _year_data(request, year)
    return _download(exports.table_xlsx(data, issuer=report_issuer()), XLSX, exports.file_stem(data) + ".xlsx")


@login_required
@require_GET
def year_csv(request: HttpRequest, year: int) -> HttpResponse:
    data = _year_data(request, year)
    return _download(exports.table_csv(data), "text/csv; charset=utf-8", exports.file_stem(data) + ".csv")


@login_required
@require_GET
def year_schema(request: HttpRequest, year: int) -> HttpResponse:
    return _schema(exports.table_csv_schema(_year_data(request, year)))


def _schema(schema: dict) -> JsonResponse:
    return JsonResponse(schema, json_dumps_params={"ensure_ascii": False, "indent": 2})


@login_required
@require_GET
def report_page(request: HttpRequest, period: ReportingPeriod, version: int | None = None) -> HttpResponse:
    """The printable report (A4 landscape): the table, sections III–VI by unit, the indicators that call for
    action. With a version: that version as it was sent."""
    report_rights(request.user)
    _open_period(period)
    if version is None:
        # Today's report is kept in Django's cache (`{% cache %}`) for the versions of the data it shows (read first:
        # never older than what is kept), the first tracked quarter and the day; its data is read and rendered only
        # when not kept.
        versions = data_version("reference", "submissions")
        today = clock.today()
        cache_key = f"today|{versions}|{period.code}|{today.isoformat()}|{first_tracked_period().code}"
        data = _lazily(lambda: report_data(period, today))
        sent, label = None, period_label(period)
    else:
        frozen, sent, _at = _data_for(request, period, version)
        # A version's copy is frozen; who sent it is read with it, by name.
        data, label = frozen, frozen["period_label"]
        cache_key = f"version|{period.code}|{version}|{sent}|{data_version('reference')}"
    ctx = {
        "period": period,
        "data": data,
        "sent": sent,
        "period_label": label,
        "sections": lambda: _report_sections(data),
        "cache_key": cache_key,
    }
    return render(request, "reports/report.html", ctx)


class DataNotMade(RuntimeError):
    """An error while making a cached part's data (`_lazily`)."""


def _lazily(make):
    """`make()`'s answer, made when first read. An error in `make` is raised as `DataNotMade`: a template would
    take an AttributeError or a TypeError from a lazy object for a missing variable, render the part empty and
    cache it."""

    def made():
        try:
            return make()
        except Exception as exc:
            raise DataNotMade(f"{getattr(make, '__qualname__', make)}: {exc!r}") from exc

    return SimpleLazyObject(made)


def _report_sections(data) -> list[tuple]:
    """The report's sections III–VI: (title, whether it is the half-year assessment, [(unit, text)])."""
    return [
        (
            title,
            name == "trend_assessment" and data["half_year"],
            [(s["unit"], s[name]) for s in data["sections"] if s[name]],
        )
        for name, title in exports.SECTION_TITLES
    ]


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def table_xlsx(request: HttpRequest, period: ReportingPeriod, version: int | None = None) -> HttpResponse:
    report_rights(request.user)
    _open_period(period)
    data, sent, sent_at = _data_for(request, period, version)
    content = exports.table_xlsx(data, sent=sent, issuer=report_issuer(sent_at))
    return _download(content, XLSX, exports.file_stem(data, version) + ".xlsx")


@login_required
@require_GET
def table_csv(request: HttpRequest, period: ReportingPeriod, version: int | None = None) -> HttpResponse:
    report_rights(request.user)
    _open_period(period)
    data, _sent, _at = _data_for(request, period, version)
    return _download(exports.table_csv(data), "text/csv; charset=utf-8", exports.file_stem(data, version) + ".csv")


@login_required
@require_GET
def table_schema(request: HttpRequest, period: ReportingPeriod, version: int | None = None) -> HttpResponse:
    """The Table Schema of table.csv (the same for the live table and each sent version of the quarter)."""
    report_rights(request.user)
    _open_period(period)
    data, _sent, _at = _data_for(request, period, version)
    return _schema(exports.table_csv_schema(data))


@login_required
@require_GET
def report_docx(request: HttpRequest, period: ReportingPeriod, version: int | None = None) -> HttpResponse:
    report_rights(request.user)
    _open_period(period)
    # The issuer and signer as they were when the version was sent (today's for today's report).
    data, sent, sent_at = _data_for(request, period, version)
    content = exports.report_docx(data, sent=sent, issuer=report_issuer(sent_at))
    return _download(content, DOCX, exports.file_stem(data, version) + ".docx")


@login_required
@require_POST
def consolidate(request: HttpRequest, period: ReportingPeriod) -> HttpResponse:
    """A reviewer marks the quarter consolidated and sent to Viện Chiến lược TTTT: the report is frozen as a new
    version."""
    report_rights(request.user, consolidating=True)
    _open_period(period)
    if request.POST.get("confirm_missing") != "1":
        missing = missing_units(report_data(period, clock.today())["outstanding"])
        if missing:
            messages.error(
                request,
                _("Not consolidated: %(units)s have not sent %(period)s. Tick the box to consolidate without them.")
                % {"units": ", ".join(missing), "period": period_label(period)},
            )
            return redirect("reports:table", period=period.code)
    try:
        consolidation = services.consolidation_create(
            period=period, user=request.user, note=request.POST.get("note", "")
        )
    except services.ConsolidationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(period)s consolidated and sent to Viện Chiến lược TTTT (version %(version)d).")
            % {"period": period_label(period), "version": consolidation.version},
        )
    return redirect("reports:table", period=period.code)
