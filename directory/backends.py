"""The sign-in backends of the directories, after axes and the local accounts in AUTHENTICATION_BACKENDS.

Local accounts come first: they sign in whatever the directory does, and a person of the directory has no usable
local password (directory.services), so the local backend refuses them at once and this one asks the directory.
Axes comes before both and counts every refused sign-in, a directory's included."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from directory.ldap import DirectoryUnavailable, find_person
from directory.models import Source
from directory.services import DirectoryPerson, directory_sign_in
from strategy_tracker.backends import MemberBackend

log = logging.getLogger(__name__)

# Set on the request when the directory could not be asked: the login form says so (directory.forms).
UNAVAILABLE = "directory_unavailable"


class LdapBackend(MemberBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.LDAP_SERVER_URI or not username or not password:
            return None
        username = username.strip().lower()
        if _is_local_account(username):
            return None  # its own password, checked by the backend before this one; never the directory's
        try:
            person = find_person(username, password)
        except DirectoryUnavailable as error:
            log.error("the directory cannot be reached", extra={"error": str(error)})
            if request is not None:
                setattr(request, UNAVAILABLE, True)
            return None
        if person is None:
            return None
        return directory_sign_in(person=person)


def _is_local_account(username: str) -> bool:
    """A name kept by the tracker with a password of its own (not a directory person's account)."""
    User = get_user_model()
    found = User._default_manager.filter(username=username, directory_account__isnull=True).first()
    return found is not None and found.has_usable_password()


class OidcBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow; the person it recognises is signed in as an LDAP one is: found or made by
    OIDC_USERNAME_CLAIM, their role following OIDC_GROUPS_CLAIM's values through the same mappings."""

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        person = person_from_claims(claims)
        if person is None:
            log.warning("the single sign-on's answer names no user", extra={"claim": settings.OIDC_USERNAME_CLAIM})
            return None
        return directory_sign_in(person=person)

    def get_user(self, user_id):
        # The person read with their membership and its unit, as every session's (strategy_tracker.backends).
        return MemberBackend().get_user(user_id)


def person_from_claims(claims: dict) -> DirectoryPerson | None:
    username = str(claims.get(settings.OIDC_USERNAME_CLAIM) or "").strip().lower()
    if not username:
        return None
    groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(groups, str):
        groups = [groups]
    return DirectoryPerson(
        username=username,
        source=Source.OIDC,
        identifier=str(claims.get("sub") or username),
        groups=tuple(str(group) for group in groups),
        email=str(claims.get("email") or ""),
        first_name=str(claims.get("given_name") or ""),
        last_name=str(claims.get("family_name") or ""),
    )
