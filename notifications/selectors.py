"""Reads of notifications: a person's list page and the header's unread count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from notifications import messages
from notifications.models import Notification

PER_PAGE = 30


@dataclass(frozen=True)
class NotificationRow:
    pk: int
    kind: str
    title: str
    detail: str
    path: str
    created_at: datetime
    read_at: datetime | None

    @property
    def unread(self) -> bool:
        return self.read_at is None


def notification_page(user, number: str | int | None) -> tuple[Page, list[NotificationRow]]:
    """The person's notifications, newest first, one page of them, in the active language. Queries: how many,
    and the page's rows."""
    paginator = Paginator(Notification.objects.for_person(user).order_by("-created_at", "-pk"), PER_PAGE)
    page = paginator.get_page(number)
    rows = [
        NotificationRow(
            n.pk,
            n.kind,
            messages.title(n.kind, n.params),
            messages.detail(n.kind, n.params),
            n.path,
            n.created_at,
            n.read_at,
        )
        for n in page.object_list
    ]
    return page, rows


def unread_count_subquery() -> Coalesce:
    """The person's unread notifications, as an annotation of the query that reads the person on every page
    (strategy_tracker.backends.MemberBackend): the header's badge costs no query of its own."""
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), Value(0))


def unread_count(user) -> int:
    """The badge's number: read with the person when the page's session brought them (no query), else counted."""
    known = getattr(user, "unread_notifications", None)
    if known is not None:
        return int(known)
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.for_person(user).unread().count()
