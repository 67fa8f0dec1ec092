"""A directory sign-in: the person made or found, their role made to follow their groups, every change on record."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import translation

from directory.models import DirectoryAccount, DirectoryGroupRole, RoleChange
from directory.roles import Grant, grants_for, strongest
from directory.signals import FROM_DIRECTORY
from indicators.models import Membership, Unit
from strategy_tracker import clock

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DirectoryPerson:
    """What a directory says of a person it has just recognised (an LDAP bind, an OpenID Connect sign-in)."""

    username: str
    source: str  # directory.models.Source
    identifier: str  # the LDAP DN, the OpenID Connect subject
    groups: tuple[str, ...] = ()
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    disabled: bool = False  # the directory says the account is disabled


def granted_role(groups: tuple[str, ...]) -> Grant | None:
    """The role the groups give: the admin's mappings first, then LDAP_GROUP_ROLES (settings)."""
    grants = grants_for(groups, DirectoryGroupRole.objects.grants(), settings.LDAP_GROUP_ROLES)
    reporter_units = {grant.unit_slug or "" for grant in grants if grant.role == Membership.Role.REPORTER}
    if len(reporter_units) > 1:
        log.warning("directory groups give reporter roles of several units", extra={"units": sorted(reporter_units)})
    return strongest(grants)


@transaction.atomic
def directory_sign_in(*, person: DirectoryPerson) -> AbstractBaseUser | None:
    """The tracker's account of a person the directory has recognised, with the role their groups give now; None
    when they may not sign in: disabled in the directory (their role from it is taken away), deactivated in the
    tracker, or a local account of the same name that has a password of its own (never taken over: an
    administrator switches its password off first, and the next directory sign-in links it)."""
    User = get_user_model()
    user = User._default_manager.select_for_update().filter(username=person.username).first()
    account = DirectoryAccount.objects.filter(user=user).first() if user is not None else None
    if user is not None and account is None and user.has_usable_password():
        log.warning("a directory sign-in named a local account with a password", extra={"user": person.username})
        return None
    if user is None:
        if person.disabled:
            return None
        user = User(username=person.username)
        user.set_unusable_password()
        user.save()
    if account is None:
        account = DirectoryAccount(user=user, source=person.source, identifier=person.identifier)

    _copy_names(user, person)
    account.source, account.identifier, account.groups = person.source, person.identifier, list(person.groups)
    account.signed_in_at = clock.now()
    grant = None if person.disabled else granted_role(person.groups)
    reason = RoleChange.Reason.DISABLED if person.disabled else RoleChange.Reason.GROUPS
    _follow_groups(user, account, grant, person, reason)
    account.save()
    if person.disabled or not user.is_active:
        return None
    return user


def _copy_names(user, person: DirectoryPerson) -> None:
    changed = [
        name
        for name in ("email", "first_name", "last_name")
        if getattr(person, name) and getattr(user, name) != getattr(person, name)
    ]
    for name in changed:
        setattr(user, name, getattr(person, name))
    if changed:
        user.save(update_fields=changed)


def _follow_groups(
    user, account: DirectoryAccount, grant: Grant | None, person: DirectoryPerson, reason: RoleChange.Reason
) -> None:
    """The membership made, changed or removed to match `grant`, unless it was given by hand; a change on record
    (RoleChange, and the membership's own history with the reason)."""
    membership = Membership.objects.select_related("unit").filter(user=user).first()
    if membership is not None and not account.role_from_directory:
        return  # given by hand: the directory never takes it away
    unit = None
    if grant is not None and grant.unit_slug is not None:
        unit = Unit.objects.filter(slug=grant.unit_slug).first()
        if unit is None:
            log.error("a directory group names a unit that does not exist", extra={"unit": grant.unit_slug})
            grant = None
    before = (membership.role, membership.unit) if membership is not None else ("", None)
    after = (grant.role, unit) if grant is not None else ("", None)
    account.role_from_directory = grant is not None
    if before == after:
        return
    # The membership's history says why in the words of the record (RoleChange.Reason's label, in English: a
    # history is read by whoever audits it, in either language, and the record itself is translated).
    with translation.override("en"):
        change_reason = f"directory sign-in ({account.source}): {reason.label}"
    if grant is None:
        assert membership is not None
        membership._change_reason = change_reason  # type: ignore[attr-defined]
        membership.delete()
    else:
        membership = membership or Membership(user=user)
        membership.role, membership.unit = grant.role, unit
        membership._change_reason = change_reason  # type: ignore[attr-defined]
        setattr(membership, FROM_DIRECTORY, True)
        membership.save()
    RoleChange.objects.create(
        user=user,
        changed_at=clock.now(),
        source=account.source,
        groups=list(person.groups),
        role_before=before[0],
        unit_before=before[1],
        role_after=after[0],
        unit_after=after[1],
        reason=reason,
    )
