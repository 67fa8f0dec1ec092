from collections.abc import Sequence

from django.core.cache import caches
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from indicators.codes import MAX_CODE_LENGTH, is_valid_code, normalise_code
from indicators.models import Indicator, Observation, Target
from indicators.selectors import KEYED_BY, indicator_key
from indicators.serializers import IndicatorListSerializer, IndicatorSerializer, TargetSerializer
from indicators.stored import stored_assessments
from strategy_tracker import clock, query

extend_schema_field(TargetSerializer(many=True))(IndicatorSerializer.get_targets)


NESTED = OpenApiParameter(
    "nested",
    bool,
    OpenApiParameter.QUERY,
    description="true (or 1): each indicator as its detail, with its targets and its figures. Default false.",
)


@extend_schema_view(list=extend_schema(parameters=[NESTED]))
class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """The indicators of Decision 411 with their progress; the detail, and the list with `nested=1`, also with
    their targets (each with its document) and their figures."""

    serializer_class = IndicatorSerializer
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"  # any unknown code is answered by a JSON 404
    queryset = Indicator.objects.with_figures()

    def _nested(self) -> bool:
        return self.request is not None and query.flag(self.request, "nested")

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
        # Kept in Django's cache (settings.CACHES["indicators"]) under the indicator's revision, which the database
        # raises with every change of the indicator, its targets and figures and the documents they cite, whatever
        # path made it (strategy_tracker.versions), and under the names it shows of other rows (its group, its
        # parent, its reporting unit): all read in one query before the rest, so what is read after is never older
        # than its key. Queries: that one; only when not kept, the indicator with its stored assessment, its targets and
        # its figures (`_items`).
        code = self._code()
        found = Indicator.objects.filter(code=code).values_list(*KEYED_BY).first()
        if found is None:
            raise self._not_found(code)
        pk = found[0]
        today = clock.today()
        key = _key(found, today, nested=True)
        detail = caches["indicators"].get(key)
        if detail is None:
            detail = self._items([pk], today, nested=True).get(pk)
            if detail is not None:
                caches["indicators"].set(key, detail)
        if detail is None:  # deleted since its id was read
            raise self._not_found(code)
        return Response(detail)

    def list(self, request, *args, **kwargs):
        """The indicators in code order, 50 a page (`page`; `page_size` up to 200), each with its progress; with
        `nested=1`, each as its detail, with its targets and its figures."""
        # Each item is kept like the detail, under its indicator's revision and the names it shows, for the day and
        # the language: the page reads those with the page's ids, and makes only the items not kept, at once, so a
        # change of one indicator makes one item again. Nested, an item is the indicator's detail, kept under the
        # detail's own key; else the list's item, under a key of its own.
        nested = self._nested()
        page = self.paginate_queryset(self.filter_queryset(Indicator.objects.all()).values_list(*KEYED_BY)) or []
        today = clock.today()
        keys = {found[0]: _key(found, today, nested=nested) for found in page}
        found = caches["indicators"].get_many(list(keys.values()))
        items = {pk: found[key] for pk, key in keys.items() if key in found}
        missing = [pk for pk in keys if pk not in items]
        if missing:
            made = self._items(missing, today, nested=nested)
            caches["indicators"].set_many({keys[pk]: item for pk, item in made.items()})
            items.update(made)
        return self.get_paginated_response([items[pk] for pk in keys if pk in items])

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


def _key(found: tuple, today, *, nested: bool) -> str:
    """An indicator's answer in the cache: its detail, or its item of the list (`indicator_key`)."""
    return indicator_key(found, today, "detail" if nested else "item")
