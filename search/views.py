"""The search page: one box in the header, the results grouped by kind, each a link to a page the person may
open (`search.selectors`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.selectors import search_results
from strategy_tracker.rights import Person, member_required


@member_required
@require_GET
def results(request: HttpRequest) -> HttpResponse:
    results = search_results(Person.of(request.user), request.GET.get("q", ""))
    return render(request, "search/results.html", {"results": results})
