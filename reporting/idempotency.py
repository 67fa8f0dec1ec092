"""The write API's `Idempotency-Key`: a feed that got no answer (a 502, a timeout) sends the same request again with
the same key, and is answered what the first one got, without a second write.

The key is claimed first in the write's transaction, by an insert under a unique constraint, so that two requests
with one key, on two app servers or at the same instant, are served one after the other: the second waits for the
first one's transaction to end, then is answered from it. A refused write (an outdated version, a locked
submission) rolls back with its key: it wrote nothing, so the key is free again. Keys are kept
`settings.API_IDEMPOTENCY_KEY_HOURS`: each claim purges the person's expired ones, and `purge_idempotency_keys`
everyone's."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from reporting.models import IdempotencyKey


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]


class KeyReused(Exception):
    """The person sent the key before with another request."""


def request_hash(*parts: Any) -> str:
    """SHA-256 of the parts as JSON with sorted keys: the same request has the same hash however its JSON is spaced
    or its fields ordered."""
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _expired(now: datetime) -> datetime:
    return now - timedelta(hours=settings.API_IDEMPOTENCY_KEY_HOURS)


@transaction.atomic
def idempotent_write(
    *, user, key: str, request_hash: str, now: datetime, write: Callable[[], Answer]
) -> tuple[Answer, bool]:
    """Run `write` (a service call and the answer made from it) once for the person's key: (its answer, False).
    A key the person used before with the same request: (the answer it got, True), `write` not run. A key used
    with another request: KeyReused. An exception from `write` rolls the claim back with the write."""
    IdempotencyKey.objects.filter(user=user, created_at__lt=_expired(now)).delete()
    try:
        with transaction.atomic():  # a savepoint: on PostgreSQL a failed insert spoils its transaction
            claim = IdempotencyKey.objects.create(
                user=user, key=key, request_hash=request_hash, created_at=now, status=0, answer={}
            )
    except IntegrityError:  # used before, or being used: the insert waited for that transaction to end
        stored = IdempotencyKey.objects.get(user=user, key=key)
        if stored.request_hash != request_hash:
            raise KeyReused() from None
        return Answer(stored.status, stored.answer), True
    answer = write()
    claim.status, claim.answer = answer.status, answer.body
    claim.save(update_fields=["status", "answer"])
    return answer, False


def idempotency_keys_purge(*, now: datetime) -> int:
    """Delete every person's expired keys; how many."""
    deleted, _by_model = IdempotencyKey.objects.filter(created_at__lt=_expired(now)).delete()
    return deleted
