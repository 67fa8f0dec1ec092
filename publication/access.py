"""Who may do what with releases.

- a reviewer of Vụ KTS và XHS proposes a release (chosen figures, or a whole quarter) and may withdraw a
  published one; the department consolidates the figures and answers for them;
- leadership approves or rejects a proposed release (never the person who proposed it, checked by person) and may
  withdraw a published one;
- administrators read the releases; reporters and anyone without a role see none of this (403);
- everyone, signed in or not, reads what is published under /public/.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from indicators.access import role_of
from indicators.models import Membership
from publication.models import Release

READERS = (Membership.Role.REVIEWER, Membership.Role.LEADER, Membership.Role.ADMIN)


@dataclass(frozen=True)
class ReleaseRights:
    can_propose: bool
    can_decide: bool
    can_withdraw: bool


def rights_of(user, release: Release | None = None) -> ReleaseRights:
    role = role_of(user)
    if role not in READERS:
        raise PermissionDenied
    proposer = release is not None and release.proposed_by_id == user.pk
    status = release.status if release is not None else None
    return ReleaseRights(
        can_propose=role == Membership.Role.REVIEWER,
        can_decide=role == Membership.Role.LEADER and status == Release.Status.PROPOSED and not proposer,
        can_withdraw=role in (Membership.Role.REVIEWER, Membership.Role.LEADER) and status == Release.Status.PUBLISHED,
    )


def get_release_for_user(user, pk: int) -> tuple[Release, ReleaseRights]:
    """The release and what the person may do with it; 403 for a person who reads no release, 404 if none."""
    rights_of(user)
    release = get_object_or_404(Release.objects.with_people(), pk=pk)
    return release, rights_of(user, release)
