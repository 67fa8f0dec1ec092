"""The public pages and open data under /public/: no login, published figures only, cached.

Every view reads the public read model (publication.selectors) and nothing else: no person, no submission, no
proposal, no unpublished figure is fetched here. Answers are cached until a release changes (publication.cache).
"""

from __future__ import annotations

import csv
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

from indicators.explanations import explain, flag_label, past_goal_lines, short_period
from indicators.formatting import decimal_to_plain, format_target
from indicators.progress import period_time
from publication.cache import public_cached
from publication.charts import ChartGoal, ChartPoint, ChartWords, indicator_chart
from publication.models import ReleasedFigure
from publication.selectors import (
    PublicIndicator,
    parse_public_period,
    public_indicators,
    published_figures,
    release_calendar,
)
from strategy_tracker import clock

# The open data's columns, in order: documented in the README, never renamed.
DATA_COLUMNS = ("code", "name", "period", "value", "unit", "provisional", "source", "release", "published_at")


def _row(figure: ReleasedFigure) -> dict:
    return {
        "code": figure.indicator.code,
        "name": figure.indicator.name,
        "period": figure.period,
        "value": decimal_to_plain(figure.value),
        "unit": figure.indicator.measure_unit,
        "provisional": figure.provisional,
        "source": figure.source,
        "release": figure.release_id,
        "published_at": timezone.localtime(figure.release.published_at).isoformat(),
    }


def _csv(figures: list[ReleasedFigure], filename: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=DATA_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for figure in figures:
        row = _row(figure)
        row["provisional"] = "true" if row["provisional"] else "false"
        writer.writerow(row)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _public_indicator(code: str) -> PublicIndicator:
    found = public_indicators(clock.today(), code=code)
    if not found:
        raise Http404(_("No published figure for this indicator."))
    return found[0]


@require_GET
@public_cached
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "publication/public_index.html", {"rows": public_indicators(clock.today())})


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
def data_json(request: HttpRequest) -> HttpResponse:
    figures = published_figures()
    return JsonResponse(
        {"columns": list(DATA_COLUMNS), "data": [_row(f) for f in figures]}, json_dumps_params={"ensure_ascii": False}
    )


@require_GET
@public_cached
def period_csv(request: HttpRequest, period: str) -> HttpResponse:
    parsed = parse_public_period(period)
    figures = published_figures(period=parsed) if parsed else []
    if not figures:
        raise Http404(_("No published figure for this period."))
    return _csv(figures, f"du-lieu-cong-bo-{period}.csv")


@require_GET
@public_cached
def indicator_csv(request: HttpRequest, code: str) -> HttpResponse:
    figures = published_figures(code=code)
    if not figures:
        raise Http404(_("No published figure for this indicator."))
    return _csv(figures, f"chi-tieu-{code}.csv")


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
