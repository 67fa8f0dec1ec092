import functools

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from indicators.models import Indicator
from places.breakdowns import province_heatmap
from places.charts import heatmap_figure, heatmap_legend
from places.models import Province
from places.selectors import commune_figures_page
from strategy_tracker import clock
from strategy_tracker.rights import get_indicator_for_user, member_required
from strategy_tracker.versions import data_version


def _heatmap_context() -> dict:
    """The heatmap's part as the templates read it, made only where the part is not kept. Judging every province on
    every indicator is long at the provinces' size (docs/performance.md): each indicator's column is kept under its
    revision and each province's judgement under a digest of what it judges (`places.breakdowns`), and the part in
    Django's cache for the reference data's version and the day."""
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
        return zip(model().provinces, model().cells, strict=True)

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
