"""Sign-in through an LDAP directory or Active Directory, on ldap3.

ldap3 is pure Python and installs from a wheel: `make install` needs no C compiler and no system headers. The
better-known django-auth-ldap rests on python-ldap, which publishes no Linux wheel and compiles against libldap2-dev
and libsasl2-dev; django-python3-ldap (on ldap3 too) binds with a DN made from the typed name, without the search
that LDAP_USER_FILTER asks for, and reads no groups. So the tracker asks the directory itself, in the usual way:

1. bind as the service account (LDAP_BIND_DN, or anonymously when it is empty), StartTLS first unless switched off;
2. find the person under LDAP_USER_SEARCH_BASE with LDAP_USER_FILTER (`%(user)s` is the typed name, escaped);
   exactly one entry, or the sign-in is refused;
3. bind as that entry with the typed password: the directory checks it (the tracker never sees a hash);
4. read their groups under LDAP_GROUP_SEARCH_BASE: the groups that list them (`member` or `uniqueMember`, as
   OpenLDAP's groupOfNames and Active Directory write it; `memberUid` for posixGroup);
5. an Active Directory account marked disabled (userAccountControl's ACCOUNTDISABLE bit) is refused.

A directory that cannot be reached (or refuses the service account) raises DirectoryUnavailable: the sign-in
fails with the login page's message for it, and local accounts still sign in (their backend comes first).
"""

from __future__ import annotations

import logging
import ssl
from dataclasses import dataclass

import ldap3
from django.conf import settings
from ldap3.core import exceptions as ldap_errors
from ldap3.utils.conv import escape_filter_chars

from directory.models import Source
from directory.services import DirectoryPerson

log = logging.getLogger(__name__)

ACCOUNTDISABLE = 0x2  # Active Directory's userAccountControl bit
ATTRIBUTES = ["mail", "givenName", "sn", "userAccountControl"]


class DirectoryUnavailable(Exception):
    """The directory did not answer, or refused the service account: nobody's password could be checked."""


@dataclass(frozen=True)
class LdapSettings:
    server_uri: str
    bind_dn: str
    bind_password: str
    user_search_base: str
    user_filter: str
    group_search_base: str
    start_tls: bool
    ca_file: str
    timeout: int

    @classmethod
    def from_settings(cls) -> LdapSettings:
        return cls(
            server_uri=settings.LDAP_SERVER_URI,
            bind_dn=settings.LDAP_BIND_DN,
            bind_password=settings.LDAP_BIND_PASSWORD,
            user_search_base=settings.LDAP_USER_SEARCH_BASE,
            user_filter=settings.LDAP_USER_FILTER,
            group_search_base=settings.LDAP_GROUP_SEARCH_BASE,
            start_tls=settings.LDAP_START_TLS,
            ca_file=settings.LDAP_CA_FILE,
            timeout=settings.LDAP_TIMEOUT,
        )


def _server(config: LdapSettings) -> ldap3.Server:
    tls = None
    if config.start_tls or config.server_uri.lower().startswith("ldaps://"):
        tls = ldap3.Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=config.ca_file or None)
    return ldap3.Server(config.server_uri, tls=tls, connect_timeout=config.timeout, get_info=ldap3.NONE)


def _bind(
    server: ldap3.Server, config: LdapSettings, user: str | None, password: str | None
) -> ldap3.Connection | None:
    """A connection bound as `user`, or None when the directory refuses the password; DirectoryUnavailable when it
    cannot be reached or StartTLS fails."""
    connection = ldap3.Connection(
        server, user=user, password=password, receive_timeout=config.timeout, raise_exceptions=False
    )
    try:
        connection.open()
        if config.start_tls and not config.server_uri.lower().startswith("ldaps://"):
            connection.start_tls()
        if connection.bind():
            return connection
    except (ldap_errors.LDAPException, OSError) as error:
        connection.unbind()
        raise DirectoryUnavailable(f"{type(error).__name__}: {error}") from error
    connection.unbind()
    return None


def _value(entry, name: str) -> str:
    values = entry.get("attributes", {}).get(name)
    if isinstance(values, list):
        values = values[0] if values else ""
    return str(values) if values not in (None, "") else ""


def find_person(username: str, password: str, config: LdapSettings | None = None) -> DirectoryPerson | None:
    """The person whose name and password the directory recognises, with their groups; None when it does not
    (no such person, several, a wrong password). An empty password is refused here: LDAP would take it as an
    anonymous bind and answer yes."""
    config = config or LdapSettings.from_settings()
    if not username or not password:
        return None
    server = _server(config)
    service = _bind(server, config, config.bind_dn or None, config.bind_password or None)
    if service is None:
        raise DirectoryUnavailable("the directory refused the service account (LDAP_BIND_DN)")
    try:
        query = config.user_filter % {"user": escape_filter_chars(username)}
        service.search(config.user_search_base, query, ldap3.SUBTREE, attributes=ATTRIBUTES, size_limit=2)
        entries = [entry for entry in service.response or [] if entry.get("type") == "searchResEntry"]
        if len(entries) != 1:
            if len(entries) > 1:
                log.warning("the user filter finds several directory entries", extra={"user": username})
            return None
        entry = entries[0]
        dn = entry["dn"]
        person_connection = _bind(server, config, dn, password)
        if person_connection is None:
            return None
        person_connection.unbind()
        groups: list[str] = []
        if config.group_search_base:
            uid = escape_filter_chars(username)
            escaped = escape_filter_chars(dn)
            service.search(
                config.group_search_base,
                f"(|(member={escaped})(uniqueMember={escaped})(memberUid={uid}))",
                ldap3.SUBTREE,
                attributes=[],
            )
            groups = [found["dn"] for found in service.response or [] if found.get("type") == "searchResEntry"]
        control = _value(entry, "userAccountControl")
        disabled = control.isdigit() and bool(int(control) & ACCOUNTDISABLE)
    except (ldap_errors.LDAPException, OSError) as error:
        raise DirectoryUnavailable(f"{type(error).__name__}: {error}") from error
    finally:
        service.unbind()
    return DirectoryPerson(
        username=username,
        source=Source.LDAP,
        identifier=dn,
        groups=tuple(groups),
        email=_value(entry, "mail"),
        first_name=_value(entry, "givenName"),
        last_name=_value(entry, "sn"),
        disabled=disabled,
    )
