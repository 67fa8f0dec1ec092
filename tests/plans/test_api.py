"""GET /api/v1/tasks/: the tasks with their filters, described in the OpenAPI schema, refused to strangers."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_anonymous_calls_are_refused(client):
    assert client.get("/api/v1/tasks/").status_code == 401


def test_an_account_without_a_role_is_refused(client):
    client.force_login(get_user_model().objects.create_user("charlie"))
    assert client.get("/api/v1/tasks/").status_code == 403


def test_the_tasks_of_a_unit_due_in_a_quarter(client_for, neac_reporter):
    data = client_for(neac_reporter).get("/api/v1/tasks/", {"unit": "neac", "due": "2023Q4"}).json()
    assert {t["ref"] for t in data} == {"A.I.1", "A.V.7"}
    signatures = next(t for t in data if t["ref"] == "A.V.7")
    assert signatures["document"] == "qd-466-2023" and signatures["implementing_units"] == ["neac"]
    assert signatures["criterion_indicator"] == "2.3" and signatures["criterion_value"] == "15.0000"
    assert signatures["deadline"] == "2023-12-31" and signatures["overdue"] is True


def test_overdue_only_and_status(client_for, leader):
    client = client_for(leader)
    overdue = client.get("/api/v1/tasks/", {"document": "tb-4-vpcp", "overdue": "true"}).json()
    assert {t["number"] for t in overdue} == {"8", "12", "13", "14"}  # January and Q1 2026 have passed
    assert all(t["status"] == "not_started" for t in overdue)
    not_planned = client.get("/api/v1/tasks/", {"status": "not_planned"}).json()
    assert len(not_planned) == 5 and not any(t["overdue"] for t in not_planned)


def test_a_bad_filter_is_a_400(client_for, leader):
    assert client_for(leader).get("/api/v1/tasks/", {"due": "soon"}).status_code == 400


def test_the_filters_are_in_the_schema(client_for, leader):
    schema = client_for(leader).get("/api/v1/schema/", {"format": "json"}).json()
    parameters = {p["name"] for p in schema["paths"]["/api/v1/tasks/"]["get"]["parameters"]}
    assert {"document", "section", "lead", "unit", "status", "due", "overdue"} <= parameters
