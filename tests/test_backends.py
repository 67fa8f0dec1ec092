"""The sign-in backend reads the person with their membership and its unit in one query."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from strategy_tracker.backends import MemberBackend
from strategy_tracker.rights import membership_of


@pytest.mark.django_db
def test_a_reporter_comes_with_their_membership_and_unit_in_one_query(cvt_reporter, django_assert_num_queries):
    with django_assert_num_queries(1):
        person = MemberBackend().get_user(cvt_reporter.pk)
        assert membership_of(person).role == "reporter"
        assert person.membership.unit.slug == "cuc-vt"


@pytest.mark.django_db
def test_a_person_without_membership_has_none_and_a_missing_or_inactive_one_is_nobody(
    django_assert_num_queries, leader
):
    nobody = get_user_model().objects.create_user("no-role", password="x")
    with django_assert_num_queries(1):
        assert membership_of(MemberBackend().get_user(nobody.pk)) is None
    assert MemberBackend().get_user(10**9) is None
    leader.is_active = False
    leader.save()
    assert MemberBackend().get_user(leader.pk) is None


@pytest.mark.django_db
def test_signing_in_with_a_password_keeps_the_person_signed_in_through_this_backend(cvt_reporter):
    cvt_reporter.set_password("Mật khẩu đủ dài 2026")
    cvt_reporter.save()
    client = Client()
    response = client.post("/accounts/login/", {"username": cvt_reporter.username, "password": "Mật khẩu đủ dài 2026"})
    assert response.status_code == 302
    request = client.get("/").wsgi_request
    assert request.user == cvt_reporter and not isinstance(request.user, AnonymousUser)
    assert request.session["_auth_user_backend"] == "strategy_tracker.backends.MemberBackend"


@pytest.mark.django_db
def test_the_sessions_signed_in_through_django_s_backend_stay_signed_in_after_the_migration(leader):
    """A session made before the backend changed names Django's ModelBackend, which is no longer listed: the
    migration names the new backend in it, so its person stays signed in (and going back restores the old name)."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.contrib.sessions.models import Session
    from django.db import connection

    migration = importlib.import_module("indicators.migrations.0009_sessions_signed_in_through_member_backend")
    editor = SimpleNamespace(connection=connection)
    client = Client()
    client.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    Session.objects.create(session_key="x" * 32, session_data="not a signed session", expire_date="2099-01-01T00:00Z")
    assert client.get("/").status_code == 302  # read as signed out: sent to the sign-in page

    migration.forwards(apps, editor)
    assert client.get("/").status_code == 200
    assert client.get("/").wsgi_request.user == leader
    assert Session.objects.get(session_key="x" * 32).session_data == "not a signed session"  # left as it is

    migration.backwards(apps, editor)
    assert client.session["_auth_user_backend"] == "django.contrib.auth.backends.ModelBackend"
