"""Single sign-on through OpenID Connect (mozilla-django-oidc): the provider's answers are stubbed (a real provider
cannot run in the test suite), everything of the tracker's is real: the button, the start of the code flow, the
callback through Django's authentication (axes first), the ID token's signature and nonce checked by the library,
and the claims → role mapping of directory.services, the same as LDAP's."""

from __future__ import annotations

import json
from unittest import mock
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from django.test import Client

from directory.backends import person_from_claims
from directory.models import DirectoryGroupRole, RoleChange
from directory.roles import parse_group_roles
from indicators.models import Membership

SECRET = "a-client-secret-long-enough-for-hs256-0123456789"
PROVIDER = "https://sso.mic.gov.vn/realms/mic/protocol/openid-connect"


@pytest.fixture
def oidc(settings, db):
    settings.ROOT_URLCONF = "tests.directory.oidc_urls"
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "theo-doi-411"
    settings.OIDC_RP_CLIENT_SECRET = SECRET
    settings.OIDC_RP_SIGN_ALGO = "HS256"  # signed with the client secret: no key set to fetch
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{PROVIDER}/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{PROVIDER}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{PROVIDER}/userinfo"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "directory.backends.OidcBackend"]
    settings.LDAP_GROUP_ROLES = parse_group_roles(json.dumps({"cuc-vt-reporters": "reporter:cuc-vt"}))
    DirectoryGroupRole.objects.create(group="kts-reviewers", role=Membership.Role.REVIEWER)


def sign_in_through_the_provider(client: Client, claims: dict, *, nonce_seen: str | None = None, next_page: str = ""):
    """The browser's round trip: the button's start (a redirect to the provider, with state and nonce), the
    provider's answer to the callback; the token endpoint and the user-info endpoint are stubbed."""
    start = client.get("/oidc/authenticate/" + (f"?next={next_page}" if next_page else ""))
    assert start.status_code == 302 and start["Location"].startswith(f"{PROVIDER}/auth?")
    asked = parse_qs(urlparse(start["Location"]).query)
    state, nonce = asked["state"][0], asked["nonce"][0]
    id_token = jwt.encode(
        {"iss": PROVIDER, "aud": "theo-doi-411", "sub": claims.get("sub", "x"), "nonce": nonce_seen or nonce},
        SECRET,
        algorithm="HS256",
    )
    token = mock.Mock(status_code=200, json=mock.Mock(return_value={"id_token": id_token, "access_token": "at"}))
    userinfo = mock.Mock(headers={"content-type": "application/json"}, json=mock.Mock(return_value=claims))
    with (
        mock.patch("mozilla_django_oidc.auth.requests.post", return_value=token) as posted,
        mock.patch("mozilla_django_oidc.auth.requests.get", return_value=userinfo),
    ):
        answer = client.get("/oidc/callback/", {"code": "the-code", "state": state})
    assert posted.call_args.kwargs["data"]["code"] == "the-code"
    return answer


def claims(username: str, *groups: str) -> dict:
    return {
        "sub": f"sub-{username}",
        "preferred_username": username,
        "email": f"{username}@mic.gov.vn",
        "given_name": "Thị Hoa",
        "family_name": "Nguyễn",
        "groups": list(groups),
    }


def test_the_single_sign_on_button_shows_only_where_it_is_configured(client, settings, db):
    assert "Đăng nhập bằng tài khoản một lần" not in client.get("/accounts/login/").content.decode()
    settings.ROOT_URLCONF = "tests.directory.oidc_urls"
    settings.OIDC_ENABLED = True
    page = client.get("/accounts/login/?next=/reports/").content.decode()
    assert "Đăng nhập bằng tài khoản một lần" in page
    assert 'href="/oidc/authenticate/?next=/reports/"' in page


def test_a_reviewer_by_the_groups_claim_signs_in_as_a_reviewer(oidc):
    client = Client()
    answer = sign_in_through_the_provider(client, claims("hoa", "kts-reviewers", "all-staff"))
    assert answer.status_code == 302 and answer["Location"] == "/"
    assert client.get("/").status_code == 200
    membership = Membership.objects.get(user__username="hoa")
    assert (membership.role, membership.user.email) == ("reviewer", "hoa@mic.gov.vn")
    assert membership.user.directory_account.identifier == "sub-hoa"
    change = RoleChange.objects.get(user=membership.user)
    assert (change.source, change.role_after, change.groups) == ("oidc", "reviewer", ["kts-reviewers", "all-staff"])


def test_leadership_lands_on_the_dashboard_and_a_page_asked_for_is_kept(oidc, leader):
    DirectoryGroupRole.objects.create(group="lanh-dao-bo", role=Membership.Role.LEADER)
    assert sign_in_through_the_provider(Client(), claims("thanh", "lanh-dao-bo"))["Location"] == "/dashboard/"
    # The button of a login page reached from /reports/ carries it through the provider.
    answer = sign_in_through_the_provider(Client(), claims("hoa", "kts-reviewers"), next_page="/reports/")
    assert answer["Location"] == "/reports/"


def test_a_reporter_by_the_groups_claim_and_the_role_following_the_claim(oidc):
    client = Client()
    sign_in_through_the_provider(client, claims("minh", "cuc-vt-reporters"))
    membership = Membership.objects.select_related("unit").get(user__username="minh")
    assert (membership.role, membership.unit.slug) == ("reporter", "cuc-vt")
    # Moved out of the group at the provider: the next sign-in has no role.
    client = Client()
    assert sign_in_through_the_provider(client, claims("minh", "all-staff")).status_code == 302
    assert not Membership.objects.filter(user__username="minh").exists()
    assert client.get("/").status_code == 403


def test_an_answer_naming_no_user_or_with_another_nonce_signs_no_one_in(oidc):
    client = Client()
    nameless = claims("", "kts-reviewers")
    answer = sign_in_through_the_provider(client, nameless)
    assert answer.status_code == 302 and answer["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session
    assert "Đăng nhập một lần không thành công" in client.get(answer["Location"]).content.decode()
    # An ID token made for another sign-in (a replay): the library refuses it, Django answers 400.
    replayed = Client(raise_request_exception=False)
    answer = sign_in_through_the_provider(replayed, claims("hoa", "kts-reviewers"), nonce_seen="another")
    assert answer.status_code == 400
    assert "_auth_user_id" not in replayed.session
    assert not Membership.objects.filter(user__username="hoa").exists()


def test_claims_read_into_a_directory_person(settings):
    settings.OIDC_USERNAME_CLAIM = "email"
    person = person_from_claims({"sub": "42", "email": "Hoa@MIC.gov.vn", "groups": "kts-reviewers"})
    assert person is not None
    assert (person.username, person.identifier, person.groups) == ("hoa@mic.gov.vn", "42", ("kts-reviewers",))
    assert person_from_claims({"sub": "42"}) is None
