"""The leadership dashboard: the overview (every indicator's way to its goal, the past goals' verdicts, the
units' timeliness) and the one-page briefing. Every person with a role reads them; nobody writes here."""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from dashboard import charts
from dashboard.selectors import overview as overview_model
from dashboard.selectors import pending_proposals, timeliness_cache_key, timeliness_units, timeliness_year
from dashboard.selectors import timeliness as timeliness_model
from directory.forms import LoginForm
from strategy_tracker import clock
from strategy_tracker.rights import Person, member_required, proposal_rights
from strategy_tracker.versions import data_version, version_key, versions
from targets.selectors import open_round_summary

BRIEFING_CHART_WIDTH = 680  # pixels: the printable width of an A4 page with 12 mm margins


def home_url_for(user) -> str:
    """Where a person lands after logging in without asking for a page: leadership on the dashboard, everyone
    else on the indicator table."""
    return reverse("dashboard:overview") if Person.of(user).is_leadership else reverse("home")


class TrackerLoginView(LoginView):
    # The login form says when the ministry's directory could not be asked (directory.forms).
    authentication_form = LoginForm

    def get_default_redirect_url(self) -> str:
        return home_url_for(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # The single sign-on's button, where it is configured (settings.OIDC_ENABLED).
        ctx["single_sign_on_url"] = reverse("oidc_authentication_init") if settings.OIDC_ENABLED else None
        return ctx


def _lazy_overview(today):
    """The overview made at most once per request, and only if a part of the page that shows it is not kept: the
    part's data as the template reads it (a lazy model, and figures as callables the template calls)."""
    made = functools.cache(lambda: overview_model(today))
    return made, SimpleLazyObject(made)


@member_required
def overview(request: HttpRequest) -> HttpResponse:
    found = versions()  # read before the data: what is kept is never older than its key
    today = clock.today()
    made, model = _lazy_overview(today)
    year, person = timeliness_year(request.GET.get("year"), today), Person.of(request.user)
    units = timeliness_units(person)
    heatmap = functools.cache(lambda: timeliness_model(year, today, person, units))
    ctx = {
        "today": today,
        # Each part (the indicators' way to the goal and the past goals' verdicts; the timeliness of the units the
        # person may read) is kept in Django's cache (`{% cache %}`) for the data versions it is made from.
        "cache_key": f"{version_key(found, 'reference')}|{today.isoformat()}",
        "timeliness_cache_key": timeliness_cache_key(version_key(found, "submissions"), year, today, units),
        "model": model,
        "overview_figure": lambda: charts.overview_figure(made()),
        "verdicts_figure": lambda: charts.verdicts_figure(made().verdicts),
        "timeliness": SimpleLazyObject(heatmap),
        "timeliness_figure": lambda: charts.timeliness_figure(heatmap()),
        "timeliness_legend": charts.timeliness_legend(),
        # Read only when the overview part is not kept: the round's tables are of the reference data's area.
        "open_round": SimpleLazyObject(lambda: open_round_summary() or {}),
    }
    return render(request, "dashboard/overview.html", ctx)


@member_required
def briefing(request: HttpRequest) -> HttpResponse:
    version = data_version("reference")  # read before the data: never older than what is kept
    today = clock.today()
    made, model = _lazy_overview(today)
    ctx = {
        "today": today,
        "cache_key": f"{version}|{today.isoformat()}",
        "model": model,
        "overview_figure": lambda: charts.overview_figure(made(), height_per_bar=30, width=BRIEFING_CHART_WIDTH),
        "proposals": list(pending_proposals()),
        "can_decide": proposal_rights(request.user).can_decide,
    }
    return render(request, "dashboard/briefing.html", ctx)
