"""GET /api/v1/tasks/: the tasks with their filters, described in the OpenAPI schema, refused to strangers."""

import pytest
from django.contrib.auth import get_user_model

from plans.models import Task

pytestmark = pytest.mark.django_db


def test_anonymous_calls_are_refused(client):
    assert client.get("/api/v1/tasks/").status_code == 401


def test_an_account_without_a_role_is_refused(client):
    client.force_login(get_user_model().objects.create_user("charlie"))
    assert client.get("/api/v1/tasks/").status_code == 403


def test_the_tasks_of_a_unit_due_in_a_quarter(client_for, neac_reporter):
    data = client_for(neac_reporter).get("/api/v1/tasks/", {"unit": "neac", "due": "2023Q4"}).json()["results"]
    assert {t["ref"] for t in data} == {"A.I.1", "A.V.7"}
    signatures = next(t for t in data if t["ref"] == "A.V.7")
    assert signatures["document"] == "qd-466-2023" and signatures["implementing_units"] == ["neac"]
    assert signatures["criterion_indicator"] == "2.3" and signatures["criterion_value"] == "15.0000"
    assert signatures["deadline"] == "2023-12-31" and signatures["overdue"] is True


def test_overdue_only_and_status(client_for, leader):
    client = client_for(leader)
    overdue = client.get("/api/v1/tasks/", {"document": "tb-4-vpcp", "overdue": "true"}).json()["results"]
    assert {t["number"] for t in overdue} == {"8", "12", "13", "14"}  # January and Q1 2026 have passed
    assert all(t["status"] == "not_started" for t in overdue)
    not_planned = client.get("/api/v1/tasks/", {"status": "not_planned"}).json()["results"]
    assert len(not_planned) == 5 and not any(t["overdue"] for t in not_planned)


def test_the_list_is_paged_by_50_as_the_task_list_shows_them(client_for, reviewer, django_assert_num_queries):
    client = client_for(reviewer)
    client.get("/api/v1/tasks/")  # signs in
    # The session and its person, the count, the page of tasks (with their document, section and criterion's
    # indicator) and their units, whatever the number of tasks.
    with django_assert_num_queries(5):
        first = client.get("/api/v1/tasks/").json()
    every = Task.objects.count()
    assert every > 100 and first["count"] == every and len(first["results"]) == 50
    assert first["previous"] is None and first["next"].endswith("/api/v1/tasks/?page=2")
    last_page = (every + 49) // 50
    last = client.get("/api/v1/tasks/", {"page": last_page}).json()
    assert len(last["results"]) == every - 50 * (last_page - 1) and last["next"] is None
    seen = [
        task["id"]
        for page in range(1, last_page + 1)
        for task in client.get("/api/v1/tasks/", {"page": page}).json()["results"]
    ]
    assert sorted(seen) == sorted(Task.objects.values_list("pk", flat=True))  # every task once, in a fixed order
    assert client.get("/api/v1/tasks/", {"page": last_page + 1}).status_code == 404
    assert len(client.get("/api/v1/tasks/", {"page_size": 200}).json()["results"]) == 200  # at most 200 a page
    too_many = client.get("/api/v1/tasks/", {"page_size": 1000})  # refused as the schema says, not cut to 200
    assert (too_many.status_code, too_many.json()) == (
        400,
        {"page_size": ["Ghi page_size là một số nguyên từ 1 đến 200."]},
    )


def test_a_filtered_list_is_counted_and_paged_as_filtered(client_for, leader):
    data = client_for(leader).get("/api/v1/tasks/", {"document": "tb-4-vpcp", "page_size": 5}).json()
    assert data["count"] == 18 and len(data["results"]) == 5
    assert "document=tb-4-vpcp" in data["next"] and "page=2" in data["next"]


def test_a_bad_filter_is_a_400(client_for, leader):
    assert client_for(leader).get("/api/v1/tasks/", {"due": "soon"}).status_code == 400


def test_the_filters_are_in_the_schema(client_for, leader):
    schema = client_for(leader).get("/api/v1/schema/", {"format": "json"}).json()
    parameters = {p["name"] for p in schema["paths"]["/api/v1/tasks/"]["get"]["parameters"]}
    assert {"document", "section", "lead", "unit", "status", "due", "overdue"} <= parameters
