from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django_tables2 import RequestConfig

from indicators.codes import normalise_code
from indicators.figures import target_in_force, targets_by_year, targets_disagree
from indicators.models import Indicator
from indicators.selectors import indicator_rows
from indicators.tables import IndicatorTable


def _get_indicator_for_user(request: HttpRequest, code: str) -> Indicator:
    """Every signed-in person may read the reference data; a missing code is a 404."""
    try:
        return Indicator.objects.with_figures().select_related("introduced_by").get(code=normalise_code(code))
    except Indicator.DoesNotExist as exc:
        raise Http404(code) from exc


@login_required
def home(request: HttpRequest) -> HttpResponse:
    table = IndicatorTable(indicator_rows(), order_by=request.GET.get("sort") or "code")
    RequestConfig(request, paginate=False).configure(table)
    return render(request, "indicators/home.html", {"table": table})


@login_required
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _get_indicator_for_user(request, code)
    years = [
        {
            "year": year,
            "targets": targets,
            "in_force": target_in_force(targets),
            "disputed": targets_disagree(targets),
        }
        for year, targets in sorted(targets_by_year(indicator.targets.all()).items())
    ]
    observations = sorted(
        indicator.observations.all(), key=lambda o: (o.year, o.quarter, o.document.issued_on if o.document else None)
    )
    ctx = {"indicator": indicator, "years": years, "observations": observations}
    return render(request, "indicators/indicator_detail.html", ctx)
