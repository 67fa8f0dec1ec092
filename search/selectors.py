"""The search's one read model: what a person's query finds among the indicators, the action-plan tasks and the
units, grouped by kind, best first, each a link to a page the person may open.

One query a kind, whatever the query and the data: on PostgreSQL its full-text search (the “simple” configuration
over `unaccent` of each field, so “kinh te so” finds “kinh tế số”, ranked by `ts_rank`); elsewhere (SQLite) the
same rule in Python (`search.folding`) over every row of the kind, read in one query: 21 indicators, a few hundred
tasks, a few dozen units.

Rights (`strategy_tracker.rights`): every person with a role reads every indicator and every task; a unit's page
of submissions is read by the people who read its submissions (its own reporters, and those who read everything),
so any other person is sent to the list of the tasks the unit implements, and a unit with neither page is not a
result for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import add
from typing import Any

from django.db import connection
from django.db.models import Case, Exists, F, FloatField, Model, OuterRef, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator, Unit
from plans.models import Task
from search.folding import MAX_QUERY_LENGTH, fold, same_code, score, terms, words
from strategy_tracker.rights import Person

# A group lists at most this many results on the page, and in the header's suggestions (the count says how many
# were found).
SHOWN = 50
SUGGESTED = 5
# A query naming a code or a number exactly (“1.1”, “A.II.14.1”) puts that row first.
EXACT = 10.0
# The weights of PostgreSQL's ts_rank for the labels A and B; the Python rule weighs the fields the same.
WEIGHTS = {"A": 1.0, "B": 0.4}


@dataclass(frozen=True)
class Hit:
    label: str  # a code, a task's number, a unit's abbreviation
    title: str
    detail: str
    url: str


@dataclass(frozen=True)
class Group:
    key: str
    heading: str | Promise
    hits: tuple[Hit, ...]
    found: int  # how many matched; `hits` holds the first SHOWN of them

    @property
    def cut(self) -> bool:
        return self.found > len(self.hits)


@dataclass(frozen=True)
class Results:
    query: str
    groups: tuple[Group, ...]

    @property
    def found(self) -> int:
        return sum(group.found for group in self.groups)

    @property
    def searched(self) -> bool:
        """Whether the query had a word to search for (a query of punctuation alone has none)."""
        return bool(self.groups)


@dataclass(frozen=True)
class Kind:
    """One kind of result: its rows, the fields searched (with their weight), the fields a query may name
    exactly, and the link a person gets to a row (None: no page of it for them)."""

    key: str
    heading: str | Promise
    rows: Callable[[], QuerySet[Any]]
    fields: tuple[tuple[str, str], ...]
    codes: tuple[str, ...]
    hit: Callable[[Any, Person], Hit | None]


def _indicator_hit(indicator: Indicator, person: Person) -> Hit:
    unit = indicator.reporting_unit
    return Hit(
        indicator.code,
        indicator.name,
        unit.short_name if unit else "",
        reverse("indicator_detail", args=[indicator.code]),
    )


def _task_hit(task: Task, person: Person) -> Hit:
    detail = " · ".join(part for part in (task.document.label, task.ref, task.lead) if part)
    return Hit(task.number, task.title, detail, reverse("plans:task", args=[task.pk]))


def _unit_hit(unit: Any, person: Person) -> Hit | None:
    if unit.reports and person.reads_unit(unit.pk):
        url = reverse("reporting:unit", args=[unit.slug])
        detail = _("Quarterly submissions")
    elif unit.implements:
        url = f"{reverse('plans:list')}?{urlencode({'unit': unit.slug})}"
        detail = _("Action-plan tasks it implements")
    else:
        return None
    return Hit(unit.short_name, unit.name, str(detail), url)


def _units() -> QuerySet[Unit]:
    return Unit.objects.only("slug", "name", "short_name").annotate(
        reports=Exists(Indicator.objects.filter(reporting_unit=OuterRef("pk"))),
        implements=Exists(Task.units.through.objects.filter(unit=OuterRef("pk"))),
    )


KINDS: tuple[Kind, ...] = (
    Kind(
        "indicators",
        _("Indicators"),
        lambda: Indicator.objects.select_related("reporting_unit").only("code", "name", "reporting_unit__short_name"),
        (("name", "A"),),
        ("code",),
        _indicator_hit,
    ),
    Kind(
        "tasks",
        _("Action-plan tasks"),
        lambda: Task.objects.select_related("document").only(
            "number", "ref", "title", "lead", "document__number", "document__title"
        ),
        (("title", "A"), ("lead", "B")),
        ("number", "ref"),
        _task_hit,
    ),
    Kind("units", _("Units"), _units, (("name", "A"), ("short_name", "A")), (), _unit_hit),
)


def search_results(person: Person, query: str, *, shown: int = SHOWN) -> Results:
    """What the query finds for the person, the first `shown` of each kind: one query a kind (three), none for a
    query of no letter or digit."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    wanted = terms(query)
    if not wanted:
        return Results(query, ())
    ranked = _ranked_postgresql if connection.vendor == "postgresql" else _ranked_python
    groups = []
    for kind in KINDS:
        hits = [hit for row in ranked(kind, query, wanted) if (hit := kind.hit(row, person)) is not None]
        groups.append(Group(kind.key, kind.heading, tuple(hits[:shown]), len(hits)))
    return Results(query, tuple(groups))


def _ranked_python(kind: Kind, query: str, wanted: Sequence[str]) -> list[Model]:
    """Every row of the kind read in one query, the matching ones kept, best first (then in the model's order)."""
    scored = []
    for position, row in enumerate(kind.rows()):
        texts = [(words(getattr(row, name) or ""), WEIGHTS[weight]) for name, weight in kind.fields]
        every_word = [word for text, _weight in texts for word in text]
        exact = any(same_code(getattr(row, c), query) for c in kind.codes)
        if not exact and not score(every_word, wanted):
            continue
        rank = sum(score(text, wanted) * weight for text, weight in texts)
        rank += score(every_word, wanted)  # a query whose words stand in different fields still ranks
        scored.append((-(rank + EXACT * exact), position, row))
    return [row for _rank, _position, row in sorted(scored, key=lambda item: item[:2])]


def _ranked_postgresql(kind: Kind, query: str, wanted: Sequence[str]) -> list[Model]:
    """The matching rows in one query: PostgreSQL's full-text search over `unaccent` of each field (the extension
    made by search's migration), ranked by ts_rank; a code or number named exactly first."""
    from django.contrib.postgres.lookups import Unaccent
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = reduce(
        add, (SearchVector(Unaccent(F(name)), config="simple", weight=weight) for name, weight in kind.fields)
    )
    *whole, last = wanted
    # The terms are folded words of letters and digits only (search.folding.terms): nothing to escape.
    tsquery = SearchQuery(" & ".join([*whole, f"{last}:*"]), config="simple", search_type="raw")
    code = fold(query).replace(" ", "")
    exact = reduce(lambda a, b: a | b, (Q(**{f"{c}__iexact": code}) for c in kind.codes), Q(pk__in=[]))
    rows = (
        kind.rows()
        .annotate(search_text=vector)
        .filter(Q(search_text=tsquery) | exact)
        .annotate(
            rank=SearchRank(F("search_text"), tsquery)
            + Case(When(exact, then=Value(EXACT)), default=Value(0.0), output_field=FloatField())
        )
        .order_by("-rank", *kind.rows().model._meta.ordering)
    )
    return list(rows)
