"""Secure by default: the health check, HTTPS settings, no caching of signed-in pages, sessions that end after a
working day idle, the password change page, login throttling without user enumeration, expiring hashed API
tokens with throttled failures, the Content Security Policy, and the request log."""

import json
import logging
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken

from strategy_tracker.logs import JSONFormatter

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_the_health_check_answers_anonymously_that_the_database_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "sessionid" not in response.cookies


def test_the_health_check_says_503_when_the_database_is_down(client, monkeypatch):
    def broken(self):
        raise RuntimeError("connection refused")

    monkeypatch.setattr("django.db.backends.base.base.BaseDatabaseWrapper.cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_check_deploy_gives_no_warning_with_production_settings():
    """`manage.py check --deploy` in a bare production environment (DEBUG=0, a real key): HSTS, the HTTPS
    redirect and secure cookies are on by default."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "DEBUG", "DATABASE_URL"))}
    key = "k" * 20 + "-production-like-secret-key-0123456789-abcdefghij"
    env.update(DEBUG="0", SECRET_KEY=key, ALLOWED_HOSTS="x.gov.vn")
    env["DATABASE_URL"] = "postgres://tracker@db.x.gov.vn/tracker"  # with DEBUG off, the database is named
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_a_signed_in_page_is_neither_cached_nor_stored(client_for, leader):
    response = client_for(leader).get("/")
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_a_session_ends_after_a_working_day_idle_and_activity_extends_it(client_for, leader):
    assert settings.SESSION_COOKIE_AGE == 9 * 3600
    client = client_for(leader)
    key = client.session.session_key
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(minutes=5))
    session = client.session
    session["_touched"] = 0  # last active long ago
    session.save()
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(minutes=5))

    assert client.get("/").status_code == 200

    expires = Session.objects.get(pk=key).expire_date
    assert expires > timezone.now() + timedelta(hours=8, minutes=50)


def test_an_idle_session_has_ended(client_for, leader):
    client = client_for(leader)
    Session.objects.filter(pk=client.session.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_a_reporter_of_cuc_vien_thong_changes_her_password_in_vietnamese(client_for, cvt_reporter):
    client = client_for(cvt_reporter)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200
    assert "Đổi mật khẩu" in page.content.decode()

    weak = client.post(
        reverse("password_change"), {"old_password": "demo", "new_password1": "123", "new_password2": "123"}
    )
    assert weak.status_code == 200  # Django's validators refuse it
    cvt_reporter.refresh_from_db()
    assert cvt_reporter.check_password("demo")

    new = "Vien-thong-2026-quy-4"
    done = client.post(reverse("password_change"), {"old_password": "demo", "new_password1": new, "new_password2": new})
    assert done.status_code == 302 and done["Location"] == reverse("password_change_done")
    cvt_reporter.refresh_from_db()
    assert cvt_reporter.check_password(new)
    assert "Mật khẩu của anh/chị đã được đổi." in client.get(done["Location"]).content.decode()


def test_the_password_change_page_refuses_an_anonymous_visitor(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def _error_text(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_login_does_not_tell_whether_a_username_exists(client):
    known = client.post(LOGIN, {"username": "cvt", "password": "wrong"})
    unknown = client.post(LOGIN, {"username": "nobody-here", "password": "wrong"})
    assert known.status_code == unknown.status_code == 200
    assert _error_text(known).replace("cvt", "X") == _error_text(unknown).replace("nobody-here", "X")


def test_wrong_passwords_lock_out_that_person_from_that_address_in_vietnamese(cvt_reporter, admin_user):
    alice = Client(REMOTE_ADDR="10.1.1.1")  # someone guessing the reporter of Cục Viễn thông's password
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert alice.post(LOGIN, {"username": "cvt", "password": "guess"}).status_code == 200
    assert alice.post(LOGIN, {"username": "cvt", "password": "guess"}).status_code == 429  # the 5th: locked

    locked = alice.post(LOGIN, {"username": "cvt", "password": "demo"})  # even the right one, now
    assert locked.status_code == 429
    assert "đăng nhập sai quá nhiều lần" in locked.content.decode()
    assert "30 phút" in locked.content.decode()
    assert "_auth_user_id" not in alice.session

    # Per person and address: the reporter at her own desk, and another person at the guesser's, still log in.
    assert Client(REMOTE_ADDR="10.2.2.2").post(LOGIN, {"username": "cvt", "password": "demo"}).status_code == 302
    assert Client(REMOTE_ADDR="10.1.1.1").post(LOGIN, {"username": "neac", "password": "demo"}).status_code == 302

    # The administrator lifts the lockout in the admin.
    attempt = AccessAttempt.objects.get(username="cvt", ip_address="10.1.1.1")
    admin = Client()
    admin.force_login(admin_user)
    lifted = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert lifted.status_code == 302
    assert alice.post(LOGIN, {"username": "cvt", "password": "demo"}).status_code == 302


def test_api_tokens_are_stored_hashed_and_expire(client, leader):
    instance, key = AuthToken.objects.create(leader)
    assert key not in {instance.digest, instance.token_key}
    assert instance.expiry - timezone.now() > timedelta(days=89)
    assert client.get("/api/v1/indicators/2.3/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200

    AuthToken.objects.filter(pk=instance.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    expired = client.get("/api/v1/indicators/2.3/", HTTP_AUTHORIZATION=f"Token {key}")
    assert expired.status_code == 401
    assert not AuthToken.objects.filter(pk=instance.pk).exists()


def test_wrong_api_tokens_from_one_address_are_throttled_in_vietnamese(leader):
    _instance, key = AuthToken.objects.create(leader)
    bob = Client(REMOTE_ADDR="10.3.3.3")  # a script trying keys
    for _ in range(settings.API_TOKEN_FAILURE_LIMIT):
        assert bob.get("/api/v1/indicators/", HTTP_AUTHORIZATION="Token " + "0" * 64).status_code == 401
    refused = bob.get("/api/v1/indicators/", HTTP_AUTHORIZATION="Token " + "0" * 64)
    assert refused.status_code == 429
    assert "quá nhiều mã xác thực (token) API sai" in refused.json()["detail"]
    # Another address is not slowed down.
    other = Client(REMOTE_ADDR="10.4.4.4").get("/api/v1/indicators/", HTTP_AUTHORIZATION="Token " + "0" * 64)
    assert other.status_code == 401
    right = Client(REMOTE_ADDR="10.4.4.4").get("/api/v1/indicators/", HTTP_AUTHORIZATION=f"Token {key}")
    assert right.status_code == 200


def test_the_admin_shows_a_new_token_once_and_never_its_key_again(client_for, admin_user, leader):
    client = client_for(admin_user)
    created = client.post(
        "/admin/knox/authtoken/add/",
        {"user": leader.pk, "expiry_0": "30/11/2026", "expiry_1": "12:00:00"},
        follow=True,
    )
    assert created.status_code == 200
    token = AuthToken.objects.get(user=leader)
    shown = re.search(r"TOKEN ([0-9a-f]{64})", created.content.decode())
    assert shown, "the key is shown once, after it is created"
    assert token.digest != shown.group(1)
    listing = client.get("/admin/knox/authtoken/").content.decode()
    assert shown.group(1) not in listing


def test_every_page_sends_a_content_security_policy_without_inline_code(client_for, leader):
    policy = client_for(leader).get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    # Scripts only from the app's files, never inline; plotly.js needs inline styles of its own (settings.py).
    inline = {name for name, sources in directives.items() if "unsafe-inline" in sources}
    assert inline == {"style-src-elem", "style-src-attr"}
    assert "unsafe-eval" not in policy


TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]


def _templates():
    return [p for d in TEMPLATE_DIRS for p in d.rglob("*.html") if ".venv" not in p.parts]


def test_no_template_has_inline_script_style_or_event_handler():
    assert len(_templates()) > 10
    offenders = []
    for path in _templates():
        text = path.read_text()
        for match in re.finditer(r"<script\b([^>]*)>(.*?)</script>", text, re.S):
            if match.group(2).strip() or "src=" not in match.group(1):
                offenders.append(f"{path.name}: inline <script>")
        if re.search(r"<style\b", text):
            offenders.append(f"{path.name}: <style>")
        if re.search(r"\sstyle=", text):
            offenders.append(f"{path.name}: style attribute")
        if re.search(r"\son[a-z]+\s*=", text):
            offenders.append(f"{path.name}: inline event handler")
    assert offenders == []


def test_each_request_is_one_json_log_line_with_user_status_and_duration(client_for, leader, caplog):
    with caplog.at_level(logging.INFO, logger="strategy_tracker.requests"):
        client_for(leader).get("/indicators/1.1/")
    records = [r for r in caplog.records if r.name == "strategy_tracker.requests"]
    assert len(records) == 1
    line = json.loads(JSONFormatter().format(records[0]))
    assert line["user"] == "leader"
    assert line["status"] == 200
    assert line["path"] == "/indicators/1.1/"
    assert line["method"] == "GET"
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    assert "\n" not in JSONFormatter().format(records[0])


def test_hsts_is_sent_without_preload_unless_the_operator_opts_in(client, settings):
    """Preloading binds the whole ministry domain for months: off by default, on when SECURE_HSTS_PRELOAD says so."""
    assert settings.SECURE_HSTS_PRELOAD is False
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    header = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")["Strict-Transport-Security"]
    assert header == "max-age=3600; includeSubDomains"
    settings.SECURE_HSTS_PRELOAD = True
    header = Client().get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")["Strict-Transport-Security"]
    assert header.endswith("; preload")


def test_the_admin_has_one_token_section_the_one_the_api_reads(client_for, admin_user):
    index = client_for(admin_user).get("/admin/").content.decode()
    assert "/admin/knox/authtoken/" in index
    assert "/admin/authtoken/" not in index  # DRF's own tokens, which the API does not read
