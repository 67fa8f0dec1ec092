"""Who made a change, and why, for the history record (django-simple-history) of an object's next save."""

from __future__ import annotations

from typing import Any

from django.db.models import Model


def record_author(obj: Model, user: Any, *, reason: str | None = None) -> None:
    """django-simple-history reads these two attributes of the instance when it writes the record of its save."""
    obj._history_user = user  # type: ignore[attr-defined]
    if reason is not None:
        obj._change_reason = reason  # type: ignore[attr-defined]
