"""Every API route answers its errors as JSON, whatever the client's Accept: a bug (500), a database that does not
answer (503 with Retry-After), a path that matches nothing, a request refused before any view; and every API answer
is `Cache-Control: no-store`. Pages answer the same failures with the tracker's pages. /healthz answers a probe by
IP address."""

import logging

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client
from knox.models import AuthToken
from rest_framework.views import APIView

from strategy_tracker import health

pytestmark = pytest.mark.django_db

HTML = {"HTTP_ACCEPT": "text/html,application/xhtml+xml"}


@pytest.fixture(autouse=True)
def fresh_state(monkeypatch):
    monkeypatch.setattr(health, "state", health.DatabaseState())


def _signed_in(person) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(person)
    return client


def _no_store(response) -> bool:
    return "no-store" in {part.strip() for part in response.get("Cache-Control", "").split(",")}


def _raising(exc):
    def fail(*args, **kwargs):
        raise exc

    return fail


def test_a_bug_in_an_api_view_is_a_json_500_even_to_a_browser(leader, monkeypatch, caplog):
    monkeypatch.setattr(APIView, "initial", _raising(RuntimeError("a bug")))
    response = _signed_in(leader).get("/api/v1/indicators/", **HTML)
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "Hệ thống gặp lỗi: dữ liệu chưa được lưu. Vui lòng thử lại sau hoặc báo quản trị viên."
    }
    assert _no_store(response)
    # Logged by Django with its traceback, as every bug.
    assert any(r.name == "django.request" and r.exc_info for r in caplog.records)


def test_a_database_outage_in_an_api_view_is_a_json_503_with_retry_after(leader, monkeypatch, caplog):
    monkeypatch.setattr(APIView, "initial", _raising(OperationalError("canceling statement due to statement timeout")))
    with caplog.at_level(logging.INFO):
        response = _signed_in(leader).get("/api/v1/indicators/", **HTML)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["detail"].startswith("Cơ sở dữ liệu chưa trả lời")
    assert _no_store(response)
    assert not [r for r in caplog.records if r.name == "django.request"]  # no traceback per request
    assert [r.getMessage() for r in caplog.records if r.name == "strategy_tracker.health"] == ["database unreachable"]


def test_a_database_outage_before_any_view_is_answered_too(leader, monkeypatch):
    """The session is read by the middleware, before DRF sees the request."""
    client = _signed_in(leader)
    monkeypatch.setattr(SessionStore, "load", _raising(OperationalError("connection refused")))
    api = client.get("/api/v1/indicators/", **HTML)
    assert api.status_code == 503 and api["Retry-After"] == "5" and "detail" in api.json() and _no_store(api)
    page = client.get("/")
    assert page.status_code == 503 and page["Retry-After"] == "5"
    assert "Vui lòng thử lại sau vài giây" in page.content.decode()


def test_a_page_with_a_bug_shows_the_trackers_page(leader, monkeypatch):
    client = _signed_in(leader)
    monkeypatch.setattr(SessionStore, "load", _raising(RuntimeError("a bug")))
    response = client.get("/")
    assert response.status_code == 500
    assert "Lỗi hệ thống" in response.content.decode()


def test_a_path_no_route_matches_and_a_refused_call_are_json_and_not_stored():
    client = Client()
    missing = client.get("/api/v1/no-such-thing/", **HTML)
    assert missing.status_code == 404 and missing.json() == {"detail": "Không tìm thấy."} and _no_store(missing)
    anonymous = client.get("/api/v1/indicators/")
    assert anonymous.status_code == 401 and "detail" in anonymous.json() and _no_store(anonymous)
    # A browser's Accept: the API has JSON only, and says so in JSON.
    browser = client.get("/api/v1/indicators/", **HTML)
    assert browser.status_code == 406 and "detail" in browser.json() and _no_store(browser)


def test_a_request_for_an_unknown_host_is_json_under_api(settings):
    response = Client(HTTP_HOST="evil.example").get("/api/v1/indicators/", **HTML)
    assert response.status_code == 400
    assert response.json() == {"detail": "Dữ liệu không hợp lệ."} and _no_store(response)


def test_a_successful_api_answer_to_a_feed_with_a_token_is_not_stored(leader):
    _token, key = AuthToken.objects.create(leader)
    response = Client().get("/api/v1/indicators/2.3/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200 and _no_store(response)


def test_the_health_check_answers_a_probe_by_ip_address():
    """The load balancer probes each app server by address: not a name in ALLOWED_HOSTS."""
    by_address = Client(HTTP_HOST="10.0.0.7:8000")
    assert by_address.get("/healthz").json() == {"status": "ok", "database": "ok"}
    assert by_address.get("/accounts/login/").status_code == 400  # the rest still checks the Host


def _schema(person) -> dict:
    response = _signed_in(person).get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_declares_every_error_answer_with_its_body(reviewer):
    """What a generated client needs to read a refusal: every operation declares the answers every route can give
    (401, 403, 429 and 503 with Retry-After), and each of its own, with a body."""
    schema = _schema(reviewer)
    assert schema["components"]["schemas"]["Error"]["additionalProperties"] == {
        "type": "array",
        "items": {"type": "string"},
    }  # `{"page_size": ["…"]}`: the messages by parameter or field
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            answers = operation["responses"]
            assert {"401", "403", "429", "503"} <= set(answers), (method, path)
            for code, answer in answers.items():
                if code >= "400":
                    assert answer["content"]["application/json"]["schema"], (method, path, code)
            for code in ("429", "503"):
                assert "Retry-After" in answers[code]["headers"], (method, path, code)

    write = schema["paths"]["/api/v1/observations/"]["post"]["responses"]
    assert set(write) == {"200", "201", "400", "401", "403", "409", "415", "422", "428", "429", "503"}
    refused = schema["components"]["schemas"]["ObservationWriteError"]["properties"]
    assert {"detail", "indicator", "period", "value", "provisional", "source", "note", "version"} <= set(refused)
    assert (refused["value"]["type"], refused["value"]["items"]) == ("array", {"type": "string"})

    upload = schema["paths"]["/api/v1/submissions/{unit_slug}/{period_code}/import/"]["post"]
    assert set(upload["requestBody"]["content"]) == {"multipart/form-data"}
    assert schema["components"]["schemas"]["ImportRequest"]["properties"]["file"]["format"] == "binary"
    assert {"400", "403", "404", "409", "413", "415"} <= set(upload["responses"])
