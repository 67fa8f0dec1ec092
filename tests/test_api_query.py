"""The API's query parameters are read strictly, as the schema declares them: a value the schema does not allow
answers 400 with a Vietnamese message under the parameter's name, never ignored (`?overdue=-35347` once returned
every task, `?page_size=abc` the first 50). The leader of the ministry reads; the schema says the same limits."""

import pytest

pytestmark = pytest.mark.django_db

WHOLE_1_TO_200 = "Ghi page_size là một số nguyên từ 1 đến 200."
TRUE_OR_FALSE = "Ghi true hoặc false."


@pytest.mark.parametrize(
    ("path", "query", "answer"),
    [
        ("/api/v1/tasks/", {"overdue": "-35347"}, {"overdue": [TRUE_OR_FALSE]}),
        ("/api/v1/tasks/", {"overdue": "có"}, {"overdue": [TRUE_OR_FALSE]}),
        ("/api/v1/tasks/", {"page_size": "abc"}, {"page_size": [WHOLE_1_TO_200]}),
        ("/api/v1/tasks/", {"page_size": "0"}, {"page_size": [WHOLE_1_TO_200]}),
        ("/api/v1/tasks/", {"page_size": "201"}, {"page_size": [WHOLE_1_TO_200]}),
        ("/api/v1/tasks/", {"page_size": ["5", "6"]}, {"page_size": ["Chỉ ghi page_size một lần."]}),
        ("/api/v1/tasks/", {"overdue": ""}, {"overdue": ["Ghi giá trị cho overdue, hoặc bỏ tham số này."]}),
        (
            "/api/v1/tasks/",
            {"status": "", "section": ""},
            {
                "status": ["Ghi giá trị cho status, hoặc bỏ tham số này."],
                "section": ["Ghi giá trị cho section, hoặc bỏ tham số này."],
            },
        ),
        ("/api/v1/tasks/", {"status": ["done", "done"]}, {"status": ["Chỉ ghi status một lần."]}),
        (
            "/api/v1/tasks/",
            {"status": "xong"},
            {"status": ["Hãy chọn một lựa chọn hợp lệ. xong không phải là một trong các lựa chọn khả thi."]},
        ),
        ("/api/v1/indicators/", {"nested": ""}, {"nested": ["Ghi giá trị cho nested, hoặc bỏ tham số này."]}),
        ("/api/v1/indicators/", {"page_size": "null"}, {"page_size": [WHOLE_1_TO_200]}),
        ("/api/v1/indicators/", {"page_size": "-1"}, {"page_size": [WHOLE_1_TO_200]}),
        ("/api/v1/indicators/", {"page": "last"}, {"page": ["Ghi page là một số nguyên từ 1 trở lên."]}),
        ("/api/v1/indicators/", {"page": "0"}, {"page": ["Ghi page là một số nguyên từ 1 trở lên."]}),
        ("/api/v1/indicators/", {"page": "1.5"}, {"page": ["Ghi page là một số nguyên từ 1 trở lên."]}),
        ("/api/v1/indicators/", {"page_size": "9" * 5000}, {"page_size": [WHOLE_1_TO_200]}),
        ("/api/v1/indicators/", {"nested": "yes please"}, {"nested": ["Ghi nested là true hoặc false."]}),
        (
            "/api/v1/submissions/",
            {"period": "2026Q5"},
            {"detail": "Không có kỳ báo cáo này: ghi năm và quý, ví dụ 2024Q3 (từ 2023 đến 2030)."},
        ),
        ("/api/v1/submissions/", {"period": ""}, {"detail": "Ghi kỳ báo cáo, ví dụ “2024Q3”."}),
    ],
)
def test_a_bad_parameter_is_a_400_with_its_message(client_for, leader, path, query, answer):
    response = client_for(leader).get(path, query)
    assert (response.status_code, response.json()) == (400, answer)


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({}, None),
        ({"overdue": "true"}, 4),
        ({"overdue": "1"}, 4),
        ({"overdue": "false"}, None),
        ({"overdue": "0"}, None),
    ],
)
def test_good_values_are_read_as_the_schema_says(client_for, leader, query, count):
    client = client_for(leader)
    every = client.get("/api/v1/tasks/", {"document": "tb-4-vpcp"}).json()["count"]
    response = client.get("/api/v1/tasks/", {"document": "tb-4-vpcp", **query})
    assert response.status_code == 200
    assert response.json()["count"] == (every if count is None else count)


def test_page_and_page_size(client_for, leader):
    client = client_for(leader)
    first = client.get("/api/v1/indicators/", {"page_size": "5"}).json()
    second = client.get("/api/v1/indicators/", {"page_size": "5", "page": "2"}).json()
    assert len(first["results"]) == len(second["results"]) == 5
    assert {i["code"] for i in first["results"]}.isdisjoint({i["code"] for i in second["results"]})
    for past_the_last in ("999", "1266066063096", "9" * 5000):
        assert client.get("/api/v1/indicators/", {"page": past_the_last}).status_code == 404
    assert client.get("/api/v1/indicators/", {"nested": "1", "page_size": "1"}).json()["results"][0]["targets"]


def test_the_task_pages_checkbox_still_filters(client_for, leader):
    """The page and the API share the filter: the page's ticked box (`on`) filters and stays ticked."""
    import re

    from django.urls import reverse

    client = client_for(leader)
    ticked = client.get(reverse("plans:list"), {"document": "tb-4-vpcp", "overdue": "on"}).content.decode()
    unticked = client.get(reverse("plans:list"), {"document": "tb-4-vpcp"}).content.decode()
    assert "4 nhiệm vụ" in ticked and "4 nhiệm vụ" not in unticked
    assert re.search(r'<input[^>]*name="overdue"[^>]*checked', ticked)
    assert not re.search(r'<input[^>]*name="overdue"[^>]*checked', unticked)


def test_the_schema_declares_the_limits(client_for, reviewer):
    schema = client_for(reviewer).get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    tasks = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/tasks/"]["get"]["parameters"]}
    assert tasks["page_size"] == {"type": "integer", "minimum": 1, "maximum": 200}
    assert tasks["page"] == {"type": "integer", "minimum": 1}
    assert tasks["overdue"] == {"type": "boolean"}
    submissions = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/submissions/"]["get"]["parameters"]}
    pattern = "^(2023|2024|2025|2026|2027|2028|2029|2030)Q[1-4]$"  # the calendar's years
    assert submissions["period"] == {"type": "string", "pattern": pattern}
    assert submissions["kind"] == {"type": "string", "enum": ["ministry", "province"]}
    indicators = {p["name"] for p in schema["paths"]["/api/v1/indicators/"]["get"]["parameters"]}
    assert indicators == {"page", "page_size", "nested"}
