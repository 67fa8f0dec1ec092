import functools

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from indicators.explanations import flag_label
from indicators.models import Indicator
from indicators.progress import Flag
from places.breakdowns import HeatmapCell, province_heatmap
from places.charts import heatmap_figure, heatmap_legend
from places.models import Province
from places.selectors import commune_figures_page
from strategy_tracker import clock
from strategy_tracker.rights import get_indicator_for_user, member_required
from strategy_tracker.versions import data_version


def _heatmap_context() -> dict:
    """The heatmap's part as the templates read it, made only where the part is not kept. Judging every province on
    every indicator is long at the provinces' size (docs/performance.md): each indicator's column is kept under its
    revision (`places.breakdowns.province_heatmap`), and the part in Django's cache for the reference data's
    version and the day."""
    version = data_version("reference")  # read before the figures: the part is never kept under a newer key
    today = clock.today()

    @functools.cache
    def model():
        return province_heatmap(today)

    def figure():
        return heatmap_figure(model().flags()) if model().indicators else None

    def legend():
        return heatmap_legend(model().flags())

    def rows():
        written = _written_cells()
        provinces = zip(model().provinces, model().cells, strict=True)
        return [(province, _cells(row, written)) for province, row in provinces]

    return {
        "cache_key": f"{version}|{today.isoformat()}",
        "model": model,
        "figure": figure,
        "legend": legend,
        "rows": rows,
    }


@member_required
def provinces(request: HttpRequest) -> HttpResponse:
    """Every province's progress on every indicator provinces report, as a heatmap and a table."""
    return render(request, "places/provinces.html", _heatmap_context())


@member_required
def provinces_heatmap(request: HttpRequest) -> HttpResponse:
    """The heatmap alone, as a part of a page: the dashboard loads it after its own parts, so that its own answer
    does not wait for every province judged on every indicator. Its table is the provinces' page."""
    return render(request, "places/_heatmap_part.html", _heatmap_context())


def _cells(row: list[HeatmapCell], written: dict[Flag | None, str]) -> SafeString:
    """A province's cells of the table, one per indicator: its flag in words, or a dash. Each flag's cell is written
    once a page (`_written_cells`) and joined (a template's loop over every province's every cell was most of the
    page's time once the heatmap changed)."""
    return mark_safe("".join(written[cell.flag] for cell in row))  # noqa: S308  # each made by format_html


def _written_cells() -> dict[Flag | None, str]:
    """Each flag's cell, and the cell of no figure, in the active language."""
    cells: dict[Flag | None, str] = {
        flag: format_html('<td><span class="flag flag-{}">{}</span></td>', flag.value, flag_label(flag))
        for flag in Flag
    }
    cells[None] = "<td>—</td>"
    return cells


@member_required
def indicator_communes(request: HttpRequest, code: str) -> HttpResponse:
    """An indicator's latest figure of each commune that has one, 50 a page, of one province with `?province=`.
    Read by whoever reads the indicator's page (`get_indicator_for_user`)."""
    indicator, _rights = get_indicator_for_user(request.user, code, Indicator.objects.all())
    provinces = list(Province.objects.current())
    chosen = request.GET.get("province")
    province = None
    if chosen:
        province = next((p for p in provinces if str(p.code) == chosen.lstrip("0")), None)
        if province is None:
            raise Http404(chosen)
    page, rows = commune_figures_page(indicator, province=province, number=request.GET.get("page"))
    ctx = {"indicator": indicator, "provinces": provinces, "province": province, "page": page, "rows": rows}
    return render(request, "places/indicator_communes.html", ctx)
