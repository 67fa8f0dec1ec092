"""Writes of notifications: made by the other apps' services inside their transaction (`notify`), mailed once the
transaction has committed (`notifications_mail`, tried again by `manage.py send_notifications`), read by their
recipient (`notification_mark_read`)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import models, transaction
from django.db.models import F
from django.utils import translation

from indicators.models import Membership, Unit
from notifications import messages
from notifications.models import Notification
from strategy_tracker import clock
from strategy_tracker.mail import send, site_link, with_link

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5  # a mail failed this many times stays failed (the admin lists it, with its error)
STUCK_AFTER = timedelta(hours=1)  # a mail claimed this long ago and not marked: the run that claimed it died

Mail = Notification.Mail


def reporters_of(unit: Unit | int) -> list:
    """The unit's active reporters. One query."""
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    return [
        m.user
        for m in Membership.objects.filter(
            role=Membership.Role.REPORTER, unit_id=unit_id, user__is_active=True
        ).select_related("user")
    ]


def people_with_role(role: str) -> list:
    """The active people of a role (reviewers, leadership). One query."""
    return [m.user for m in Membership.objects.filter(role=role, user__is_active=True).select_related("user")]


def notify(
    *,
    recipients: Iterable,
    kind: str,
    about: models.Model | None,
    params: dict,
    path: str,
    actor=None,
    mail: bool = True,
) -> list[Notification]:
    """One notification for each recipient (each once, never the person who acted), and their e-mails sent once
    the caller's transaction commits (unless `mail` is False: the caller sends its own). Call inside the service's
    transaction: rolled back with it."""
    seen: set[int] = set()
    people = []
    for person in recipients:
        if person.pk in seen or (actor is not None and person.pk == actor.pk):
            continue
        seen.add(person.pk)
        people.append(person)
    if not people:
        return []
    about_fields = Notification.about_fields(about)
    now = clock.now()
    made = Notification.objects.bulk_create(
        [
            Notification(
                recipient=person,
                kind=kind,
                params=params,
                path=path,
                created_at=now,
                mail_status=Mail.PENDING if mail and person.email else Mail.NONE,
                **about_fields,
            )
            for person in people
        ]
    )
    to_mail = [n.pk for n in made if n.mail_status == Mail.PENDING]
    if to_mail:
        transaction.on_commit(lambda: notifications_mail(ids=to_mail))
    return made


@dataclass
class MailRun:
    sent: list[Notification] = field(default_factory=list)
    failed: list[Notification] = field(default_factory=list)  # tried again by the next run, up to MAX_ATTEMPTS
    stuck: list[Notification] = field(default_factory=list)  # claimed by a run that never said how it went


def _claim(notification: Notification) -> bool:
    """Take the mail for this run: only one run wins, whatever runs at once (the request's on_commit and the
    timer's command). Committed at once, before the mail goes: a run that dies after sending leaves it claimed,
    never sent again."""
    claimed = Notification.objects.filter(
        pk=notification.pk, mail_status=notification.mail_status, mail_attempts=notification.mail_attempts
    ).update(mail_status=Mail.SENDING, mail_attempts=F("mail_attempts") + 1)
    return claimed == 1


def notifications_mail(*, ids: Iterable[int] | None = None) -> MailRun:
    """E-mail the notifications not mailed yet (of `ids`, or all), each at most once; a failure is logged and
    recorded, and tried again by the next run."""
    run = MailRun()
    pending = Notification.objects.to_mail(MAX_ATTEMPTS).select_related("recipient").order_by("pk")
    if ids is not None:
        pending = pending.filter(pk__in=list(ids))
    found = list(pending)
    if ids is None:
        run.stuck = list(
            Notification.objects.filter(mail_status=Mail.SENDING, created_at__lt=clock.now() - STUCK_AFTER)
            .select_related("recipient")
            .order_by("pk")
        )
    if not found:
        return run
    connection = get_connection(fail_silently=False)
    for notification in found:
        if not _claim(notification):
            continue
        person = notification.recipient
        with translation.override(settings.LANGUAGE_CODE):
            subject = messages.mail_subject(notification.kind, notification.params)
            body = with_link(
                messages.mail_body(notification.kind, notification.params, person.get_full_name() or person.username),
                site_link(notification.path),
            )
        try:
            send(address=person.email, subject=subject, body=body, connection=connection)
        except Exception as exc:  # noqa: BLE001 (SMTP, socket, TLS: any failure is tried again)
            error = (str(exc) or type(exc).__name__)[:500]
            logger.warning("Notification %s to %s not sent: %s", notification.pk, person.email, error)
            Notification.objects.filter(pk=notification.pk).update(mail_status=Mail.FAILED, mail_error=error)
            notification.mail_status, notification.mail_error = Mail.FAILED, error
            run.failed.append(notification)
            continue
        now = clock.now()
        Notification.objects.filter(pk=notification.pk).update(mail_status=Mail.SENT, mail_sent_at=now, mail_error="")
        notification.mail_status, notification.mail_sent_at = Mail.SENT, now
        run.sent.append(notification)
    return run


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark it read (once: the first reading's time is kept)."""
    if notification.read_at is None:
        notification.read_at = clock.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, user) -> int:
    """Mark every unread notification of the person read; how many were."""
    return Notification.objects.for_person(user).unread().update(read_at=clock.now())
