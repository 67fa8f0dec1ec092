"""The public pages and open data under /public/: no login, published figures only, cached.

Every view reads the public read model (publication.selectors) and nothing else: no person, no submission, no
proposal, no unpublished figure is fetched here. Answers are cached until a release changes (publication.cache).
"""

from __future__ import annotations

import io
from decimal import Decimal
from functools import lru_cache

import plotly
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from indicators.explanations import explain, flag_label, past_goal_lines, short_period
from indicators.formatting import decimal_to_plain, format_target
from indicators.models import Target
from indicators.progress import period_time
from publication.cache import public_cached
from publication.charts import ChartGoal, ChartPoint, ChartWords, indicator_chart
from publication.models import ReleasedFigure
from publication.selectors import (
    PublicIndicator,
    parse_public_period,
    public_index,
    public_indicator,
    published_figures,
    release_calendar,
)
from strategy_tracker import clock
from strategy_tracker.files import csv_bytes, put, put_row

# The open data's columns, in order: documented in docs/api.md and described by /public/datapackage.json, never
# renamed (new columns go at the end).
DATA_COLUMNS = (
    "code",
    "name",
    "period",
    "value",
    "unit",
    "provisional",
    "source",
    "release",
    "published_at",
    "period_type",
    "year",
    "quarter",
    "series",
    "province_code",
    "province_name",
    "sector",
    "sector_name",
)
PROVINCE_CODE_COLUMN = DATA_COLUMNS.index("province_code") + 1
# A figure's series when it comes from no document: the units' quarterly reports (Vietnamese, like the names: the
# data read the same in every language of the pages).
SUBMISSION_SERIES = "Báo cáo quý"
PROVISIONAL_SERIES = "Báo cáo quý (tạm ước tính)"
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _series(figure: ReleasedFigure) -> str:
    """What tells two figures of one indicator and period apart: the document that states the figure, or the
    quarterly report (official or provisional) it was accepted from."""
    document = figure.observation.document
    if document is not None:
        return document.label
    return PROVISIONAL_SERIES if figure.provisional else SUBMISSION_SERIES


def _rows(figures: list[ReleasedFigure]) -> list[dict]:
    """One row per figure, typed (Decimal, bool, int); (code, period, province_code, sector, series) is unique: the
    Data Package's primary key. The province's and sector's columns are empty (None) for the nation's figures; their
    names are those the release published."""
    rows, seen = [], set()
    for figure in figures:
        province_code = figure.province.code_text if figure.province else None
        sector = figure.sector.slug if figure.sector else None
        series = _series(figure)
        if (figure.indicator.code, figure.period, province_code, sector, series) in seen:  # no document: name each
            series = f"{series} #{figure.observation_id}"
        seen.add((figure.indicator.code, figure.period, province_code, sector, series))
        rows.append(
            {
                "code": figure.indicator.code,
                "name": figure.indicator.name,
                "period": figure.period,
                "value": figure.value.normalize(),
                "unit": figure.indicator.measure_unit,
                "provisional": figure.provisional,
                "source": figure.source,
                "release": figure.release_id,
                "published_at": timezone.localtime(figure.release.published_at).isoformat(),
                "period_type": "quarter" if figure.quarter else "year",
                "year": figure.year,
                "quarter": figure.quarter or None,
                "series": series,
                "province_code": province_code,
                "province_name": figure.province_name or None,
                "sector": sector,
                "sector_name": figure.sector_name or None,
            }
        )
    return rows


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv(figures: list[ReleasedFigure], filename: str) -> HttpResponse:
    """For machines: the data rows only, described by /public/datapackage.json."""
    rows = _rows(figures)
    content = csv_bytes(DATA_COLUMNS, ([row[c] for c in DATA_COLUMNS] for row in rows))
    return _attachment(content, "text/csv; charset=utf-8", filename)


def open_data_notes() -> list[tuple[str, str]]:
    """What a reader of the open data needs to know besides the columns: said on /public/, in the package and in
    the xlsx."""
    return [
        (
            _("Periods"),
            _(
                "A period is a year (2024) or a quarter (2026Q4); period_type says which. The quarterly figures "
                "follow the reporting calendar of Quyết định 466/QĐ-BTTTT: Q1 covers December of the previous year "
                "and January–March, Q2 April–June, Q3 July–September, Q4 October–November."
            ),
        ),
        (
            _("Series"),
            _(
                "Where two figures of an indicator share a period, the series tells them apart: the document that "
                "states the figure, or the quarterly report of the reporting unit (official, or a provisional "
                "estimate). Code, period, province, sector and series identify a row."
            ),
        ),
        (
            _("Provinces and sectors"),
            _(
                "A row is the nation's figure unless it names a province (province_code, province_name) or a sector "
                "(sector, sector_name): a province's or a sector's figure is never part of the nation's series. The "
                "names are those the release published."
            ),
        ),
        (
            _("Licence"),
            _(
                "Creative Commons Attribution 4.0 (CC BY 4.0): the data may be copied, shared and adapted for any "
                "purpose, citing “Vụ Kinh tế số và Xã hội số” as the source."
            ),
        ),
    ]


def _xlsx(figures: list[ReleasedFigure], filename: str) -> HttpResponse:
    """For people: the same rows, codes and periods as text cells, values as numbers; the notes on a second sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Data")
    put_row(ws, 1, DATA_COLUMNS)
    for number, row in enumerate(_rows(figures), start=2):
        put_row(ws, number, [row[c] for c in DATA_COLUMNS])
        ws.cell(row=number, column=1).number_format = "@"  # 2.10 stays 2.10
        ws.cell(row=number, column=PROVINCE_CODE_COLUMN).number_format = "@"  # 01 stays 01
    for index, width in enumerate((7, 48, 9, 10, 9, 11, 40, 9, 26, 11, 7, 8, 28, 9, 24, 18, 28), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    notes = wb.create_sheet(_("Notes"))
    notes.column_dimensions["A"].width = 14
    notes.column_dimensions["B"].width = 110
    for number, (title, text) in enumerate(open_data_notes(), start=1):
        put(notes, number, 1, title).font = Font(bold=True)
        put(notes, number, 2, text).alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    wb.save(out)
    return _attachment(out.getvalue(), XLSX, filename)


def _figures_of_period(period: str) -> list[ReleasedFigure]:
    parsed = parse_public_period(period)
    figures = published_figures(period=parsed) if parsed else []
    if not figures:
        raise Http404(_("No published figure for this period."))
    return figures


def _figures_of_indicator(code: str) -> list[ReleasedFigure]:
    figures = published_figures(code=code)
    if not figures:
        raise Http404(_("No published figure for this indicator."))
    return figures


def _public_indicator(code: str) -> PublicIndicator[Target]:
    found = public_indicator(clock.today(), code)
    if found is None:
        raise Http404(_("No published figure for this indicator."))
    return found


@require_GET
@public_cached
def index(request: HttpRequest) -> HttpResponse:
    ctx = {"rows": public_index(clock.today()), "notes": open_data_notes()}
    return render(request, "publication/public_index.html", ctx)


@require_GET
@public_cached
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    public = _public_indicator(code)
    ind = public.indicator
    points = [
        ChartPoint(short_period(f), period_time(f.year, f.quarter), f.value, f.provisional) for f in public.figures
    ]
    goals = [
        ChartGoal(t.year, t.value, format_target(t.comparator, t.value, ind.measure_unit, ind.decimals))
        for t in public.goals
        if t.value is not None
    ]
    words = ChartWords(
        figures=_("Published figures"),
        provisional=_("provisional estimate"),
        goals=_("Goals in force"),
        unit=ind.measure_unit,
        separators=",." if get_language() == "vi" else ".,",
    )
    ctx = {
        "public": public,
        "indicator": ind,
        "chart": indicator_chart(points, goals, words),
        "explanation": explain(public.progress, ind),
        "past_goals": past_goal_lines(public.progress, ind),
        "flag_text": flag_label(public.progress.flag),
        "plotly_version": plotly.__version__,
    }
    return render(request, "publication/public_indicator.html", ctx)


@require_GET
@public_cached
def calendar(request: HttpRequest) -> HttpResponse:
    return render(request, "publication/public_calendar.html", {"releases": release_calendar()})


@require_GET
@public_cached
def data_csv(request: HttpRequest) -> HttpResponse:
    return _csv(published_figures(), "du-lieu-cong-bo.csv")


@require_GET
@public_cached
def data_xlsx(request: HttpRequest) -> HttpResponse:
    return _xlsx(published_figures(), "du-lieu-cong-bo.xlsx")


@require_GET
@public_cached
def data_json(request: HttpRequest) -> HttpResponse:
    rows = [
        row | {"value": decimal_to_plain(row["value"])} for row in _rows(published_figures())
    ]  # the value as an exact decimal string, as the API gives it
    return JsonResponse({"columns": list(DATA_COLUMNS), "data": rows}, json_dumps_params={"ensure_ascii": False})


@require_GET
@public_cached
def period_csv(request: HttpRequest, period: str) -> HttpResponse:
    return _csv(_figures_of_period(period), f"du-lieu-cong-bo-{period}.csv")


@require_GET
@public_cached
def period_xlsx(request: HttpRequest, period: str) -> HttpResponse:
    return _xlsx(_figures_of_period(period), f"du-lieu-cong-bo-{period}.xlsx")


@require_GET
@public_cached
def indicator_csv(request: HttpRequest, code: str) -> HttpResponse:
    return _csv(_figures_of_indicator(code), f"chi-tieu-{code}.csv")


@require_GET
@public_cached
def indicator_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    return _xlsx(_figures_of_indicator(code), f"chi-tieu-{code}.xlsx")


def table_schema() -> dict:
    """The Table Schema of data.csv and data.xlsx (frictionless, Table Schema v1)."""
    fields = [
        {"name": "code", "type": "string", "title": _("Code"), "constraints": {"required": True},
         "description": _("The indicator's code as the documents write it (1.1 … 2.11): text, 2.10 is not 2.1.")},
        {"name": "name", "type": "string", "title": _("Indicator")},
        {"name": "period", "type": "string", "title": _("Period"), "constraints": {
            "required": True, "pattern": "[0-9]{4}(Q[1-4])?"},
         "description": _("A year (2024) or a quarter (2026Q4).")},
        {"name": "value", "type": "number", "title": _("Value"), "constraints": {"required": True},
         "description": _("In the indicator's measure unit (the unit column), a dot before the decimals.")},
        {"name": "unit", "type": "string", "title": _("Measure unit")},
        {"name": "provisional", "type": "boolean", "title": _("Provisional estimate"),
         "trueValues": ["true"], "falseValues": ["false"], "constraints": {"required": True}},
        {"name": "source", "type": "string", "title": _("Source")},
        {"name": "release", "type": "integer", "title": _("Release"),
         "description": _("The number of the release that published the figure.")},
        {"name": "published_at", "type": "datetime", "title": _("Published at"), "constraints": {"required": True}},
        {"name": "period_type", "type": "string", "title": _("Kind of period"),
         "constraints": {"required": True, "enum": ["year", "quarter"]}},
        {"name": "year", "type": "integer", "title": _("Year"), "constraints": {"required": True}},
        {"name": "quarter", "type": "integer", "title": _("Quarter"), "constraints": {"minimum": 1, "maximum": 4},
         "description": _("Empty for a year's figure.")},
        {"name": "series", "type": "string", "title": _("Series"), "constraints": {"required": True},
         "description": _("The document that states the figure, or the quarterly report it was accepted from.")},
        {"name": "province_code", "type": "string", "title": _("Province code"),
         "constraints": {"pattern": "[0-9]{2}"},
         "description": _("The province's official two-digit code (01 for Hà Nội): text. Empty for the nation's "
                          "and a sector's figures.")},
        {"name": "province_name", "type": "string", "title": _("Province"),
         "description": _("The province's name as the release published it. Empty for the nation's and a "
                          "sector's figures.")},
        {"name": "sector", "type": "string", "title": _("Sector key"),
         "description": _("The sector's key (ict, thuong-mai-dien-tu, …). Empty for the nation's and a province's "
                          "figures.")},
        {"name": "sector_name", "type": "string", "title": _("Sector"),
         "description": _("The sector's name as the release published it. Empty for the nation's and a "
                          "province's figures.")},
    ]  # fmt: skip
    return {
        "fields": fields,
        "primaryKey": ["code", "period", "province_code", "sector", "series"],
        "missingValues": [""],
    }


@require_GET
@public_cached
def datapackage(request: HttpRequest) -> HttpResponse:
    """/public/datapackage.json: the open data as a Frictionless Data Package (paths relative to this file)."""
    notes = open_data_notes()
    schema = table_schema()
    package = {
        "profile": "tabular-data-package",
        "name": "chien-luoc-kinh-te-so-xa-hoi-so",
        "title": _("Published figures of the digital economy and digital society strategy"),
        "description": "\n\n".join(f"{title}: {text}" for title, text in notes),
        "homepage": request.build_absolute_uri("/public/"),
        "licenses": [LICENCE],
        "contributors": [{"title": "Vụ Kinh tế số và Xã hội số", "role": "publisher"}],
        "resources": [
            {
                "name": "du-lieu-cong-bo",
                "title": _("Every published figure (CSV, for machines)"),
                "profile": "tabular-data-resource",
                "path": "data.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",  # frictionless and pandas skip the BOM
                "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True},
                "licenses": [LICENCE],
                "schema": schema,
            },
            {
                "name": "du-lieu-cong-bo-excel",
                "title": _("Every published figure (Excel, for people)"),
                "profile": "tabular-data-resource",
                "path": "data.xlsx",
                "format": "xlsx",
                "mediatype": XLSX,
                "licenses": [LICENCE],
                "schema": schema,
            },
        ],
    }
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 2})


def _number(value: Decimal | None) -> str | None:
    return decimal_to_plain(value)


@require_GET
@public_cached
def indicator_metadata(request: HttpRequest, code: str) -> HttpResponse:
    public = _public_indicator(code)
    ind = public.indicator
    goal = public.progress.goal
    metadata = {
        "code": ind.code,
        "name": ind.name,
        "unit": ind.measure_unit,
        "direction": ind.direction,
        "decimals": ind.decimals,
        "source_agency": ind.data_source,
        "goals": [
            {
                "year": t.year,
                "comparator": t.comparator or None,
                "value": _number(t.value),
                "text": t.wording,
                "document": t.document.label,
                "section": t.section,
            }
            for t in public.goals
        ],
        "assessment": {
            "flag": public.progress.flag.value,
            "goal_year": goal.year if goal else None,
            "latest": {
                "period": latest.period,
                "value": _number(latest.value),
                "provisional": latest.provisional,
            }
            if (latest := public.latest_figure)
            else None,
            "basis": "published figures only",
        },
        "data": request.build_absolute_uri(f"/public/indicators/{ind.code}/data.csv"),
    }
    return JsonResponse(metadata, json_dumps_params={"ensure_ascii": False})


@lru_cache(maxsize=1)
def _plotly_js() -> bytes:
    return plotly.offline.get_plotlyjs().encode()


@require_GET
def plotly_js(request: HttpRequest, version: str) -> HttpResponse:
    """plotly.js from the installed package: no CDN, the tracker works on a closed network."""
    if version != plotly.__version__:
        raise Http404()
    response = HttpResponse(_plotly_js(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@require_GET
def language(request: HttpRequest, code: str) -> HttpResponse:
    """The public pages' language switch: a link, since a cached page carries no CSRF token."""
    if code not in dict(settings.LANGUAGES):
        raise Http404()
    target = request.GET.get("next", "/public/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) or not target.startswith(
        "/public/"
    ):
        target = "/public/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response
