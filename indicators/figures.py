"""Pure choices over an indicator's targets and figures: which target is in force, which figure is the baseline.

No ORM here: the functions take any objects with the attributes used, so they are tested without a database.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Protocol, TypeVar


class _Document(Protocol):
    issued_on: date | None


class TargetLike(Protocol):
    year: int
    value: Decimal | None
    comparator: str
    section: str
    document: _Document


class ObservationLike(Protocol):
    year: int
    quarter: int
    value: Decimal
    provisional: bool
    document: _Document | None


T = TypeVar("T", bound=TargetLike)
Obs = TypeVar("Obs", bound=ObservationLike)

_UNDATED = date.min


def _document_date(document: _Document | None) -> date:
    return (document.issued_on if document is not None else None) or _UNDATED


def _precedence(target: TargetLike) -> tuple:
    """Higher wins: the later document; within one document a number over a delegated text (Phụ lục 01
    fills in figures that Mục II.1 leaves to another ministry's plan); then the main text over an annex.
    Two documents of the same date (two adjustment proposals accepted on one day): the one recorded last."""
    in_annex = target.section.strip().lower().startswith("phụ lục")
    recorded = getattr(target.document, "pk", None) or 0
    return (_document_date(target.document), target.value is not None, not in_annex, recorded)


def target_in_force(targets: Iterable[T]) -> T | None:
    """The target in force among those that documents state for one indicator and one year."""
    candidates = list(targets)
    return max(candidates, key=_precedence) if candidates else None


def targets_disagree(targets: Iterable[TargetLike]) -> bool:
    """True when documents give different numbers or comparators for the same year."""
    numeric = {(t.comparator, t.value.normalize()) for t in targets if t.value is not None}
    return len(numeric) > 1


def targets_by_year(targets: Iterable[T]) -> dict[int, list[T]]:
    """Targets grouped by year, years ascending, the one in force first within a year."""
    grouped: dict[int, list[T]] = {}
    by_precedence = sorted(targets, key=_precedence, reverse=True)
    for target in sorted(by_precedence, key=lambda t: t.year):
        grouped.setdefault(target.year, []).append(target)
    return grouped


def baseline(observations: Iterable[Obs], *, up_to_year: int) -> Obs | None:
    """The latest yearly figure not after `up_to_year`: official before provisional, then the latest document.

    Quyết định 466 puts some 2021 figures in its "Ước tính năm 2022" column; this returns them with their
    own year, so the page can say so.
    """
    yearly = [o for o in observations if o.quarter == 0 and o.year <= up_to_year]
    if not yearly:
        return None
    return max(yearly, key=lambda o: (o.year, not o.provisional, _document_date(o.document)))


def in_period_order(observations: Iterable[Obs]) -> list[Obs]:
    """Oldest period first; within a period, figures without a document first, then by the document's date."""
    return sorted(observations, key=lambda o: (o.year, o.quarter, _document_date(o.document)))
