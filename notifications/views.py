"""The person's notifications: the list ("Thông báo"), opening one (marks it read and goes to its page), marking
one or all read. Each person reads only their own (`strategy_tracker.rights.get_notification_for_user`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from notifications.selectors import notification_page
from notifications.services import notification_mark_read, notifications_mark_all_read
from strategy_tracker.rights import get_notification_for_user, member_required


@member_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    page, rows = notification_page(request.user, request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page, "rows": rows})


@member_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark it read and open the page it is about."""
    notification = get_notification_for_user(request.user, pk)
    notification_mark_read(notification=notification)
    if not url_has_allowed_host_and_scheme(notification.path, allowed_hosts=None):  # a path of the tracker only
        return redirect("notifications:list")
    return redirect(notification.path)


@member_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification_mark_read(notification=get_notification_for_user(request.user, pk))
    return redirect("notifications:list")


@member_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("Every notification is marked read."))
    return redirect("notifications:list")
