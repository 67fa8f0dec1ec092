"""The record of changes, read from simple-history's tables: who changed which field, when, from what to what.

Pure: takes historical records (any objects with `history_date`, `history_type`, `history_user` and the tracked
fields) and returns the changes; formatting for the page is the selector's business.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RecordChanges:
    record: Any
    changes: tuple[FieldChange, ...]


def _empty(value: Any) -> bool:
    return value is None or value == ""


def record_changes(
    records: Iterable[Any], fields: Sequence[str], key: Callable[[Any], Hashable]
) -> list[RecordChanges]:
    """Each historical record with the tracked fields that differ from the previous record of the same object
    (`key`), oldest first. A creation is compared with an empty object; records that change none of `fields`
    (a save that touched only untracked fields) are left out; deletions are left out."""
    ordered = sorted(records, key=lambda r: (r.history_date, r.history_id))
    last: dict[Hashable, Any] = {}
    result = []
    for record in ordered:
        if record.history_type == "-":
            continue
        previous = last.get(key(record))
        changes = []
        for name in fields:
            new = getattr(record, name)
            old = getattr(previous, name) if previous is not None else None
            if previous is None and _empty(new) or previous is not None and old == new:
                continue
            if previous is None and new is False:
                continue
            changes.append(FieldChange(name, old, new))
        last[key(record)] = record
        if changes:
            result.append(RecordChanges(record, tuple(changes)))
    return result
