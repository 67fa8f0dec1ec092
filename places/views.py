from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from places.breakdowns import province_heatmap
from places.charts import heatmap_figure
from strategy_tracker import clock
from strategy_tracker.rights import member_required


@member_required
def provinces(request: HttpRequest) -> HttpResponse:
    """Every province's progress on every indicator provinces report, as a heatmap and a table."""
    model = province_heatmap(clock.today())
    figure = heatmap_figure(model) if model.indicators else None
    rows = list(zip(model.provinces, model.cells, strict=True))
    return render(request, "places/provinces.html", {"model": model, "figure": figure, "rows": rows})
