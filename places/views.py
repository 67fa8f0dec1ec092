import functools

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from places.breakdowns import province_heatmap
from places.charts import heatmap_figure
from strategy_tracker import clock
from strategy_tracker.rights import member_required
from strategy_tracker.versions import data_version


@member_required
def provinces(request: HttpRequest) -> HttpResponse:
    """Every province's progress on every indicator provinces report, as a heatmap and a table. Judging every
    province on every indicator is long at the provinces' size (docs/performance.md): each indicator's column is
    kept under its revision (`places.breakdowns.province_heatmap`), and the page's part in Django's cache for the
    reference data's version and the day."""
    version = data_version("reference")  # read before the figures: the part is never kept under a newer key
    today = clock.today()

    @functools.cache
    def model():
        return province_heatmap(today)

    def figure():
        return heatmap_figure(model().flags()) if model().indicators else None

    def rows():
        return list(zip(model().provinces, model().cells, strict=True))

    ctx = {"cache_key": f"{version}|{today.isoformat()}", "model": model, "figure": figure, "rows": rows}
    return render(request, "places/provinces.html", ctx)
