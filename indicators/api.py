from collections.abc import Sequence

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from indicators.codes import MAX_CODE_LENGTH, is_valid_code, normalise_code
from indicators.models import Indicator, Observation, Target
from indicators.serializers import IndicatorListSerializer, IndicatorSerializer, TargetSerializer
from indicators.stored import LAYOUT, stored_assessments
from strategy_tracker import clock
from strategy_tracker.kept import kept, kept_many

extend_schema_field(TargetSerializer(many=True))(IndicatorSerializer.get_targets)


NESTED_VALUES = {"1", "true", "yes"}


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """The indicators of Decision 411 with their progress; the detail, and the list with `nested=1`, also with
    their targets (each with its document) and their figures."""

    serializer_class = IndicatorSerializer
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"  # any unknown code is answered by a JSON 404
    queryset = Indicator.objects.with_figures()

    def _nested(self) -> bool:
        return self.request.query_params.get("nested", "").lower() in NESTED_VALUES

    def get_queryset(self):
        return self._detail_queryset()  # the list reads its rows itself (`list`)

    @staticmethod
    def _detail_queryset():
        # An indicator's details: its stored assessment joined, its targets and figures each with their document
        # joined (a few dozen rows each, not the thousands of copies of the documents for a list).
        return Indicator.objects.with_stored().prefetch_related(
            Prefetch("targets", queryset=Target.objects.select_related("document")),
            Prefetch("observations", queryset=Observation.objects.select_related("document")),
        )

    def retrieve(self, request, *args, **kwargs):
        """An indicator with its progress, its targets (each with its document and whether it is in force) and its
        figures."""
        # Kept per server for its revision (and its parent's, whose code it shows), the day and the language: the
        # revision is raised by every change of the indicator, its targets and figures, the documents they cite,
        # its group and its reporting unit (`indicators.stored`), so a change committed since gives another key and
        # the answer is never stale. Queries: the revisions; only when not kept, the indicator with its stored
        # assessment, its targets and its figures (`_items`).
        code = self._code()
        found = Indicator.objects.filter(code=code).values_list("pk", "revision", "parent__revision").first()
        if found is None:
            raise self._not_found(code)
        today = clock.today()
        detail = kept("api", (LAYOUT, found, today), lambda: self._items([found[0]], today, nested=True).get(found[0]))
        if detail is None:  # deleted since its revision was read
            raise self._not_found(code)
        return Response(detail)

    def list(self, request, *args, **kwargs):
        """The indicators in code order, 50 a page (`page`; `page_size` up to 200), each with its progress; with
        `nested=1`, each as its detail, with its targets and its figures."""
        # Each item is kept per server like the detail, for its revision and its parent's, the day and the
        # language: the page reads the revisions (one query) and makes only the items not kept, at once. Nested,
        # an item is the indicator's detail, kept under the detail's own key (the two read each other's); else the
        # list's item (no targets or figures), under a key of its own. One deleted since is left out.
        nested = self._nested()
        rows = self.filter_queryset(Indicator.objects.all()).values_list("pk", "revision", "parent__revision")
        page = self.paginate_queryset(rows) or []
        today = clock.today()
        made_from = {row[0]: (LAYOUT, row, today) if nested else ("list", LAYOUT, row, today) for row in page}
        items = kept_many("api", made_from, lambda pks: self._items(pks, today, nested=nested))
        return self.get_paginated_response([items[row[0]] for row in page if row[0] in items])

    def _items(self, pks: Sequence[int], today, *, nested: bool) -> dict[int, dict]:
        """{pk: the indicator as the API gives it} for those of these indicators that exist, made at once: with
        `nested`, its detail (the indicators, their targets, their figures); else the list's item (the
        indicators); each with its stored assessment (made and stored where not stored for today)."""
        queryset = self._detail_queryset() if nested else Indicator.objects.with_stored()
        indicators = list(queryset.filter(pk__in=pks))
        context = self.get_serializer_context()
        context["assessments"].update((a.indicator.pk, a) for a in stored_assessments(indicators, today))
        serializer = IndicatorSerializer if nested else IndicatorListSerializer
        data = serializer(indicators, many=True, context=context).data
        return {indicator.pk: item for indicator, item in zip(indicators, data, strict=True)}

    def get_serializer_class(self):
        if self.action == "list" and not self._nested():
            return IndicatorListSerializer
        return IndicatorSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": clock.today(), "assessments": {}}

    def _code(self) -> str:
        # Phụ lục 01 writes codes with a comma ("2,10"); both spellings name the same indicator.
        code = self.kwargs[self.lookup_field] = normalise_code(self.kwargs[self.lookup_field])
        if not is_valid_code(code):  # before any query: PostgreSQL refuses a NUL byte with an error
            raise self._not_found(code)
        return code

    def get_object(self):
        code = self._code()
        try:
            return super().get_object()
        except Http404 as exc:
            raise self._not_found(code) from exc

    @staticmethod
    def _not_found(code: str) -> NotFound:
        shown = code if len(code) <= MAX_CODE_LENGTH else f"{code[:MAX_CODE_LENGTH]}…"
        return NotFound(_("No indicator has the code “%(code)s”.") % {"code": shown})
