"""What happened to a person, or waits for them, in the tracker: one row per person and event.

A notification keeps its kind and the facts it names (`params`: the unit, the quarter, the reason…), not a sentence:
its words are made when it is read (`notifications.messages`), in the reader's language, and in the tracker's own
language for the e-mail. The e-mail of a person with an address is sent after the event's transaction commits and
tried again by `manage.py send_notifications` when it failed; it is claimed (`sending`) before it goes, so that it
never goes twice."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from strategy_tracker import clock


class NotificationQuerySet(models.QuerySet):
    def for_person(self, user) -> NotificationQuerySet:
        return self.filter(recipient=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def to_mail(self, max_attempts: int) -> NotificationQuerySet:
        """Mails not sent yet: never tried, or failed fewer than `max_attempts` times."""
        return self.filter(
            mail_status__in=[Notification.Mail.PENDING, Notification.Mail.FAILED], mail_attempts__lt=max_attempts
        )


class Notification(models.Model):
    class Kind(models.TextChoices):
        SUBMISSION_RETURNED = "returned", _("Submission returned")
        SUBMISSION_REOPENED = "reopened", _("Submission reopened")
        SUBMISSION_ACCEPTED = "accepted", _("Submission accepted")
        PROPOSAL_PENDING = "proposal_pending", _("Target proposal awaiting a decision")
        PROPOSAL_ACCEPTED = "proposal_accepted", _("Target proposal accepted")
        PROPOSAL_REJECTED = "proposal_rejected", _("Target proposal not accepted")
        RELEASE_PENDING = "release_pending", _("Release awaiting approval")
        RELEASE_APPROVED = "release_approved", _("Release approved")
        RELEASE_REJECTED = "release_rejected", _("Release not approved")
        RELEASE_WITHDRAWN = "release_withdrawn", _("Release withdrawn")
        FIGURE_CORRECTED = "corrected", _("Figure corrected after consolidation")
        REMINDER = "reminder", _("Reminder from Vụ KTS và XHS")
        ROUND_PENDING = "round_pending", _("Target round awaiting a decision")

    class Mail(models.TextChoices):
        NONE = "none", _("no e-mail address")
        PENDING = "pending", _("to be sent")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed (tried again)")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    about_type = models.ForeignKey(
        ContentType, verbose_name=_("about"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    params = models.JSONField(_("facts"), default=dict, blank=True)
    path = models.CharField(_("page"), max_length=500)
    created_at = models.DateTimeField(_("at"), default=clock.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mail_status = models.CharField(_("e-mail"), max_length=10, choices=Mail.choices, default=Mail.NONE)
    mail_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    mail_sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)
    mail_error = models.CharField(_("e-mail error"), max_length=500, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["mail_status"], name="notification_mail_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(mail_status__in=["none", "pending", "sending", "sent", "failed"]),
                name="notification_mail_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(mail_status="sent", mail_sent_at__isnull=False) | ~Q(mail_status="sent"),
                name="notification_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"

    @classmethod
    def about_fields(cls, obj: models.Model | None) -> dict:
        if obj is None:
            return {"about_type": None, "about_id": None}
        return {"about_type": ContentType.objects.get_for_model(obj), "about_id": obj.pk}
