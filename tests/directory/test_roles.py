"""Which role a person's groups give (directory.roles, pure), and the directory settings as a server reads them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from directory.roles import Grant, grants_for, normalise_group, parse_group_roles, parse_role, strongest

REVIEWERS = "cn=kts-reviewers,ou=groups,dc=mic,dc=gov,dc=vn"


def test_group_names_compare_as_ldap_compares_dns():
    assert normalise_group(" CN=KTS-Reviewers, OU=Groups ,dc = mic,dc=gov,dc=vn ") == REVIEWERS
    assert normalise_group("kts-reviewers") == "kts-reviewers"


def test_roles_are_written_as_the_environment_writes_them():
    assert parse_role("reviewer") == Grant("reviewer")
    assert parse_role("Administrator") == Grant("admin")
    assert parse_role("reporter:cuc-vt") == Grant("reporter", "cuc-vt")
    for wrong in ("reporter", "reporter:", "admin", "owner", ""):
        with pytest.raises(ValueError):
            parse_role(wrong)


def test_the_strongest_role_of_the_groups_wins_and_the_first_mapping_naming_a_group():
    admin_mappings = {REVIEWERS: Grant("leader")}
    environment = parse_group_roles(
        json.dumps({REVIEWERS.upper(): "reviewer", "cn=vt": "reporter:cuc-vt", "cn=neac": "reporter:neac"})
    )
    assert strongest(grants_for([REVIEWERS, "cn=vt"], admin_mappings, environment)) == Grant("leader")
    assert strongest(grants_for([REVIEWERS], environment)) == Grant("reviewer")
    assert grants_for(["cn=neac", "cn=vt"], environment) == [Grant("reporter", "cuc-vt"), Grant("reporter", "neac")]
    assert strongest(grants_for(["cn=all-staff"], admin_mappings, environment)) is None


@pytest.mark.parametrize(
    "text",
    ["{not json", '["reviewer"]', '{"cn=x": 1}', '{"cn=x": "reporter"}', '{"cn=x": "owner"}', '{" ": "leader"}'],
)
def test_a_wrong_ldap_group_roles_is_refused(text):
    with pytest.raises(ValueError):
        parse_group_roles(text)


def _start(**env) -> subprocess.CompletedProcess:
    code = (
        "import os, django, json; os.environ['DJANGO_SETTINGS_MODULE'] = 'strategy_tracker.settings'; django.setup()\n"
        "from django.conf import settings as s\n"
        "print(json.dumps({'backends': s.AUTHENTICATION_BACKENDS, 'tls': s.LDAP_START_TLS,"
        " 'filter': s.LDAP_USER_FILTER, 'roles': {k: str(v) for k, v in s.LDAP_GROUP_ROLES.items()}}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DEBUG": "1", **env},
        capture_output=True,
        text=True,
    )


def test_without_a_directory_only_local_accounts_sign_in():
    started = _start()
    assert started.returncode == 0, started.stderr
    assert json.loads(started.stdout)["backends"] == [
        "axes.backends.AxesStandaloneBackend",
        "strategy_tracker.backends.MemberBackend",
    ]


def test_a_directory_configured_signs_in_after_axes_and_the_local_accounts_with_starttls():
    started = _start(
        LDAP_SERVER_URI="ldap://ldap.mic.gov.vn",
        LDAP_USER_SEARCH_BASE="ou=people,dc=mic,dc=gov,dc=vn",
        LDAP_GROUP_ROLES=json.dumps({REVIEWERS: "reviewer"}),
        OIDC_RP_CLIENT_ID="theo-doi-411",
        OIDC_RP_CLIENT_SECRET="x",
        OIDC_OP_AUTHORIZATION_ENDPOINT="https://sso/auth",
        OIDC_OP_TOKEN_ENDPOINT="https://sso/token",
        OIDC_OP_USER_ENDPOINT="https://sso/userinfo",
        OIDC_OP_JWKS_ENDPOINT="https://sso/certs",
    )
    assert started.returncode == 0, started.stderr
    read = json.loads(started.stdout)
    assert read["backends"] == [
        "axes.backends.AxesStandaloneBackend",
        "strategy_tracker.backends.MemberBackend",
        "directory.backends.LdapBackend",
        "directory.backends.OidcBackend",
    ]
    assert (read["tls"], read["filter"], read["roles"]) == (True, "(uid=%(user)s)", {REVIEWERS: "reviewer"})


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({"LDAP_GROUP_ROLES": '{"cn=x": "owner"}'}, "LDAP_GROUP_ROLES: 'owner' is not a role"),
        ({"LDAP_SERVER_URI": "ldap://ldap.mic.gov.vn"}, "LDAP_USER_SEARCH_BASE must say where people are"),
        ({"OIDC_RP_CLIENT_ID": "theo-doi-411"}, "OIDC_RP_CLIENT_SECRET, OIDC_OP_AUTHORIZATION_ENDPOINT"),
    ],
)
def test_a_directory_configured_halfway_stops_the_start_naming_what_is_missing(env, said):
    started = _start(**env)
    assert started.returncode != 0
    assert said in started.stderr
