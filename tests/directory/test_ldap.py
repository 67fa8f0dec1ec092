"""Sign-in through a real OpenLDAP directory (tests/directory/slapd.py), through the login form: a reviewer, a
reporter of Cục Viễn thông, a person in no mapped group, a wrong password, a person removed from a group between
two sign-ins, a person disabled in the directory, a role given by hand, and the directory out of reach. Skipped
where slapd is not installed, except where LDAP_REQUIRED is set (CI installs it)."""

from __future__ import annotations

import json
import os

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client

from directory.ldap import DirectoryUnavailable, LdapSettings, find_person
from directory.models import DirectoryAccount, DirectoryGroupRole, RoleChange
from directory.roles import parse_group_roles
from indicators.models import Membership, Unit
from tests.directory import slapd
from tests.directory.slapd import ALL_STAFF, CUC_VT_REPORTERS, REVIEWERS

pytestmark = pytest.mark.skipif(
    slapd.SLAPD is None and not os.environ.get("LDAP_REQUIRED"),
    reason="slapd is not installed (apt-get install slapd ldap-utils)",
)

LOGIN = "/accounts/login/"
User = get_user_model()


@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    started = slapd.start(tmp_path_factory.mktemp("slapd"))
    yield started
    started.process.terminate()
    started.process.wait(timeout=10)


@pytest.fixture
def ldap(settings, directory, db):
    """The tracker pointed at the test directory: the reviewers' group mapped in the admin (its DN typed in
    another case and with spaces: LDAP compares DNs without them), Cục Viễn thông's reporters in
    LDAP_GROUP_ROLES."""
    settings.LDAP_SERVER_URI = directory.uri
    settings.LDAP_BIND_DN = slapd.SERVICE_DN
    settings.LDAP_BIND_PASSWORD = slapd.SERVICE_PASSWORD
    settings.LDAP_USER_SEARCH_BASE = slapd.PEOPLE
    settings.LDAP_GROUP_SEARCH_BASE = slapd.GROUPS
    settings.LDAP_START_TLS = False  # the test directory has no certificate
    settings.LDAP_GROUP_ROLES = parse_group_roles(json.dumps({CUC_VT_REPORTERS: "reporter:cuc-vt"}))
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "directory.backends.LdapBackend"]
    DirectoryGroupRole.objects.create(group=REVIEWERS.upper().replace(",", ", "), role=Membership.Role.REVIEWER)
    return directory


def sign_in(username: str, password: str, address: str = "10.9.9.9") -> Client:
    client = Client(REMOTE_ADDR=address)
    client.answer = client.post(LOGIN, {"username": username, "password": password})  # type: ignore[attr-defined]
    return client


def role(username: str) -> tuple[str, str | None] | None:
    membership = Membership.objects.select_related("unit").filter(user__username=username).first()
    return (membership.role, membership.unit.slug if membership.unit else None) if membership else None


def test_a_reviewer_of_the_directory_signs_in_through_the_login_form_and_lands_as_a_reviewer(ldap):
    hoa = sign_in("hoa", "hoa-secret")
    assert hoa.answer.status_code == 302 and hoa.answer["Location"] == "/"
    assert hoa.get("/").status_code == 200
    assert hoa.get("/submissions/").status_code == 200  # every unit's submissions: a reviewer's page

    person = User.objects.get(username="hoa")
    assert (person.first_name, person.last_name, person.email) == ("Thị Hoa", "Nguyễn", "hoa@mic.gov.vn")
    assert not person.has_usable_password()  # the directory keeps the password, the tracker none
    assert role("hoa") == ("reviewer", None)
    account = DirectoryAccount.objects.get(user=person)
    assert account.role_from_directory and account.identifier == f"uid=hoa,{slapd.PEOPLE}"
    assert sorted(account.groups) == sorted([REVIEWERS, ALL_STAFF])
    gained = RoleChange.objects.get(user=person)
    assert (gained.role_before, gained.role_after, gained.source) == ("", "reviewer", "ldap")
    assert person.membership.history.get().history_change_reason == "directory sign-in (ldap): the groups at sign-in"

    # The next sign-in changes nothing, and records nothing.
    assert sign_in("hoa", "hoa-secret").answer.status_code == 302
    assert RoleChange.objects.filter(user=person).count() == 1


def test_a_reporter_of_cuc_vien_thong_signs_in_as_that_units_reporter(ldap):
    minh = sign_in("minh", "minh-secret")
    assert minh.answer.status_code == 302
    assert role("minh") == ("reporter", "cuc-vt")
    cuc_vt = Unit.objects.get(slug="cuc-vt")
    assert minh.get(f"/submissions/{cuc_vt.slug}/").status_code in (200, 302)
    assert minh.get("/reports/").status_code == 403  # the consolidated report is not a reporter's


def test_a_person_in_no_mapped_group_signs_in_and_meets_the_no_role_page(ldap):
    lan = sign_in("lan", "lan-secret")
    assert lan.answer.status_code == 302
    assert role("lan") is None
    refused = lan.get("/")
    assert refused.status_code == 403
    assert "Vai trò của bạn" in refused.content.decode()
    assert not RoleChange.objects.filter(user__username="lan").exists()


def test_a_wrong_password_is_refused_and_counted_by_the_throttling(ldap, settings):
    wrong = sign_in("hoa", "not-her-password", address="10.3.3.3")
    assert wrong.answer.status_code == 200
    assert "_auth_user_id" not in wrong.session
    assert AccessAttempt.objects.get(username="hoa", ip_address="10.3.3.3").failures_since_start == 1
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        last = wrong.post(LOGIN, {"username": "hoa", "password": "guess"})
    assert last.status_code == 429  # locked out, as a local account is
    assert wrong.post(LOGIN, {"username": "hoa", "password": "hoa-secret"}).status_code == 429
    assert not User.objects.filter(username="hoa").exists()  # never recognised, never made


def test_a_person_removed_from_the_group_has_no_role_at_the_next_sign_in(ldap):
    assert sign_in("tuan", "tuan-secret").answer.status_code == 302
    assert role("tuan") == ("reviewer", None)
    ldap.remove_from_group("tuan", REVIEWERS)
    try:
        tuan = sign_in("tuan", "tuan-secret")
        assert tuan.answer.status_code == 302
        assert role("tuan") is None
        assert tuan.get("/").status_code == 403
        lost = RoleChange.objects.filter(user__username="tuan").first()
        assert lost is not None and (lost.role_before, lost.role_after) == ("reviewer", "")
        assert lost.groups == [ALL_STAFF]
        deleted = Membership.history.filter(user__username="tuan", history_type="-").get()
        assert deleted.history_change_reason == "directory sign-in (ldap): the groups at sign-in"
    finally:
        ldap.add_to_group("tuan", REVIEWERS)


def test_a_person_disabled_in_the_directory_cannot_sign_in_and_loses_the_role(ldap):
    assert sign_in("khoa", "khoa-secret").answer.status_code == 302
    ldap.disable("khoa")
    khoa = sign_in("khoa", "khoa-secret")
    assert khoa.answer.status_code == 200
    assert "_auth_user_id" not in khoa.session
    assert role("khoa") is None
    lost = RoleChange.objects.filter(user__username="khoa").first()
    assert lost is not None and (lost.role_before, lost.reason) == ("reviewer", "disabled")


def test_a_role_given_by_hand_is_never_taken_away_by_a_sign_in(ldap, admin_user):
    assert sign_in("lan", "lan-secret").answer.status_code == 302
    admin = Client()
    admin.force_login(admin_user)
    lan = User.objects.get(username="lan")
    given = admin.post("/admin/indicators/membership/add/", {"user": lan.pk, "role": "leader", "unit": ""})
    assert given.status_code == 302
    assert not DirectoryAccount.objects.get(user=lan).role_from_directory

    assert sign_in("lan", "lan-secret").answer.status_code == 302
    assert role("lan") == ("leader", None)  # her groups give nothing, her role stays
    # Hoa's role from her group, changed by hand to leader, stays too though her group says reviewer.
    assert sign_in("hoa", "hoa-secret").answer.status_code == 302
    membership = Membership.objects.get(user__username="hoa")
    membership.role = Membership.Role.LEADER
    membership.save()
    assert sign_in("hoa", "hoa-secret").answer.status_code == 302
    assert role("hoa") == ("leader", None)
    assert not RoleChange.objects.filter(user=lan).exists()


def test_a_local_account_of_the_same_name_is_never_taken_over(ldap):
    User.objects.create_user("hoa", password="her-local-password")
    assert sign_in("hoa", "hoa-secret").answer.status_code == 200
    assert not DirectoryAccount.objects.exists()
    assert sign_in("hoa", "her-local-password").answer.status_code == 302


def test_a_directory_out_of_reach_is_said_in_vietnamese_and_local_accounts_still_sign_in(ldap, settings, cvt_reporter):
    settings.LDAP_SERVER_URI = f"ldap://127.0.0.1:{slapd._free_port()}"  # nothing listens there
    settings.LDAP_TIMEOUT = 2
    refused = sign_in("hoa", "hoa-secret")
    assert refused.answer.status_code == 200
    page = refused.answer.content.decode()
    assert "Hệ thống thư mục của Bộ không trả lời" in page
    assert "không khớp" not in page  # the password is not blamed
    assert sign_in("cvt", "demo").answer.status_code == 302

    # Nobody's password was wrong: the tries are not counted, and the person signs in once the directory is back.
    patient = Client(REMOTE_ADDR="10.4.4.4")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        assert patient.post(LOGIN, {"username": "hoa", "password": "hoa-secret"}).status_code == 200
    assert not AccessAttempt.objects.filter(username="hoa").exists()
    # A guess at a local account's password is counted all the same (it never reaches the directory).
    patient.post(LOGIN, {"username": "cvt", "password": "guess"})
    assert AccessAttempt.objects.get(username="cvt", ip_address="10.4.4.4").failures_since_start == 1
    settings.LDAP_SERVER_URI = ldap.uri
    assert patient.post(LOGIN, {"username": "hoa", "password": "hoa-secret"}).status_code == 302


def test_the_directory_refuses_an_empty_password_and_a_filter_in_the_name(ldap):
    config = LdapSettings.from_settings()
    assert find_person("hoa", "", config) is None  # an anonymous bind would have said yes
    assert find_person("*", "hoa-secret", config) is None  # the typed name is escaped in the filter
    assert find_person("hoa)(uid=*", "hoa-secret", config) is None
    found = find_person("hoa", "hoa-secret", config)
    assert found is not None and set(found.groups) == {REVIEWERS, ALL_STAFF}


def test_a_service_account_refused_is_an_outage_not_a_wrong_password(ldap, settings):
    settings.LDAP_BIND_PASSWORD = "not-the-service-password"
    with pytest.raises(DirectoryUnavailable):
        find_person("hoa", "hoa-secret", LdapSettings.from_settings())
