"""The tracker's e-mail: one way to address a page of the site and to send one message, shared by the reminders
(reports.services) and the notifications (notifications.services)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _


def site_link(path: str) -> str:
    """The page's address on the site (SITE_URL; the commands that send mail refuse to run without it)."""
    return settings.SITE_URL.rstrip("/") + path


def with_link(body: str, link: str) -> str:
    return body + "\n" + _("Open it in the tracker: %(link)s") % {"link": link} + "\n"


def send(*, address: str, subject: str, body: str, connection=None) -> None:
    """Send one message now; any failure (SMTP, socket, TLS) is raised for the caller to record and retry."""
    EmailMessage(subject, body, to=[address], connection=connection).send(fail_silently=False)
