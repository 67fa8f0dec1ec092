"""The leadership dashboard: the overview (every indicator's way to its goal, the past goals' verdicts, the
units' timeliness) and the one-page briefing. Every person with a role reads them; nobody writes here."""

from __future__ import annotations

from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from dashboard import charts
from dashboard.selectors import overview as overview_model
from dashboard.selectors import pending_proposals, timeliness_year
from dashboard.selectors import timeliness as timeliness_model
from indicators.access import can_decide_proposals, member_required
from reporting.access import viewer_of
from strategy_tracker import clock

BRIEFING_CHART_WIDTH = 680  # pixels: the printable width of an A4 page with 12 mm margins


def home_url_for(user) -> str:
    """Where a person lands after logging in without asking for a page: leadership on the dashboard, everyone
    else on the indicator table."""
    return reverse("dashboard:overview") if can_decide_proposals(user) else reverse("home")


class TrackerLoginView(LoginView):
    def get_default_redirect_url(self) -> str:
        return home_url_for(self.request.user)


@member_required
def overview(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    model = overview_model(today)
    heatmap = timeliness_model(timeliness_year(request.GET.get("year"), today), today, viewer_of(request.user))
    ctx = {
        "model": model,
        "overview_figure": charts.overview_figure(model),
        "verdicts_figure": charts.verdicts_figure(model.verdicts),
        "timeliness": heatmap,
        "timeliness_figure": charts.timeliness_figure(heatmap),
        "timeliness_legend": charts.timeliness_legend(),
    }
    return render(request, "dashboard/overview.html", ctx)


@member_required
def briefing(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    model = overview_model(today)
    ctx = {
        "model": model,
        "overview_figure": charts.overview_figure(model, height_per_bar=17, width=BRIEFING_CHART_WIDTH),
        "proposals": list(pending_proposals()),
        "can_decide": can_decide_proposals(request.user),
    }
    return render(request, "dashboard/briefing.html", ctx)
