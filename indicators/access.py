"""Who may do what with target adjustment proposals.

- a reviewer of Vụ KTS và XHS records a proposal: the department consolidates every unit's figures and, under the
  third management principle, proposes each year which targets to raise, lower, add or drop;
- leadership (Lãnh đạo Bộ) accepts or rejects it: a target of the Ministry's action plan is set by the Ministry's
  leadership (Quyết định 466/QĐ-BTTTT was signed by it), and the person who proposes a change is not the one who
  approves it;
- reporters, administrators (a technical role) and anyone without a membership do neither; every signed-in
  person reads the proposals on the indicator page.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from indicators.models import Membership


def role_of(user) -> str | None:
    """The person's role, read through the user's cached membership (the page header reads it too)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.membership.role
    except Membership.DoesNotExist:
        return None


def can_propose_targets(user) -> bool:
    return role_of(user) == Membership.Role.REVIEWER


def can_decide_proposals(user) -> bool:
    return role_of(user) == Membership.Role.LEADER


def member_required(view):
    """Every page: signed in (else the login page), and given a role in the tracker (else 403).

    A Django account without a Membership (say, one made with createsuperuser) reads nothing until an
    administrator gives it a role.
    """

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if role_of(request.user) is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class IsMember(BasePermission):
    """The same rule for every API route (the default permission in settings.REST_FRAMEWORK)."""

    message = _("You have no role in the tracker: ask an administrator to give you one.")

    def has_permission(self, request, view) -> bool:
        return role_of(request.user) is not None
