"""The search page: one box in the header, the results grouped by kind, each a link to a page the person may
open (`search.selectors`); and the same results, the first few of each kind, in JSON for the suggestions shown under
the header's box as the person types (static/js/app.js)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from search.selectors import SUGGESTED, search_results
from strategy_tracker.rights import Person, member_required


@member_required
@require_GET
def results(request: HttpRequest) -> HttpResponse:
    results = search_results(Person.of(request.user), request.GET.get("q", ""))
    return render(request, "search/results.html", {"results": results})


@member_required
@require_GET
def suggestions(request: HttpRequest) -> JsonResponse:
    """The first few results of each kind, as the page has them, with the words the suggestions show (the script
    holds none of its own)."""
    results = search_results(Person.of(request.user), request.GET.get("q", ""), shown=SUGGESTED)
    found = ngettext("%(found)s result for “%(query)s”", "%(found)s results for “%(query)s”", results.found) % {
        "found": results.found,
        "query": results.query,
    }
    return JsonResponse(
        {
            "query": results.query,
            "found": results.found,
            "summary": found,
            "all": {
                "label": _("All results"),
                "url": f"{reverse('search:results')}?{urlencode({'q': results.query})}",
            },
            "groups": [
                {
                    "key": group.key,
                    "heading": str(group.heading),
                    "found": group.found,
                    "hits": [
                        {
                            "label": hit.label,
                            "title": Truncator(hit.title).words(24),
                            "detail": hit.detail,
                            "url": hit.url,
                        }
                        for hit in group.hits
                    ],
                }
                for group in results.groups
                if group.found
            ],
        }
    )
