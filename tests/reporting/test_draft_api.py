"""GET /api/v1/submissions/<unit>/<quarter>/: a feed reads its unit's draft back before writing (each value as the
write API writes it, and the submission's version, also its ETag, which the next write sends). The unit's own
reporters (with their token or their session) read it; reviewers, leadership and administrators read every
unit's; a reporter of another unit and a person without a role read nothing."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from reporting.models import Submission, SubmissionValue

pytestmark = pytest.mark.django_db

URL = "/api/v1/submissions/cuc-vt/2026Q4/"
WRITE = "/api/v1/observations/"
READERS_ONLY = "Chỉ cán bộ báo cáo của Cục Viễn thông, cán bộ rà soát và lãnh đạo mới được xem báo cáo của đơn vị."


def api_client(person) -> Client:
    """A client with the person's API token."""
    return Client(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(person)[1]}")


@pytest.fixture
def cvt_feed(cvt_reporter) -> Client:
    return api_client(cvt_reporter)


def write(client: Client, headers=None, **body):
    return client.post(WRITE, body, content_type="application/json", headers=headers or {})


@pytest.fixture
def draft(cvt_feed):
    """Cục Viễn thông's draft for Q4 2026: 2.5 = 81,2 (provisional, from VNNIC) and 2.1 = 86, written by its feed."""
    write(cvt_feed, indicator="2.5", period="2026Q4", value="81,2", provisional=True, source="VNNIC", note="ước tính")
    version = Submission.objects.get().version
    assert write(cvt_feed, indicator="2.1", period="2026Q4", value="86", version=version).status_code == 201
    return Submission.objects.get()


def test_the_route_is_the_one_the_write_api_names():
    assert reverse("api_submission_draft", args=["cuc-vt", "2026Q4"]) == URL


def test_the_feed_reads_its_draft_back_with_the_version_it_writes_from(cvt_feed, draft):
    response = cvt_feed.get(URL)
    assert response.status_code == 200
    assert response.json() == {
        "unit": "cuc-vt",
        "period": "2026Q4",
        "status": "draft",
        "version": draft.version,
        "values": [
            {"indicator": "2.1", "value": "86", "provisional": False, "source": "", "note": ""},
            {"indicator": "2.5", "value": "81.2", "provisional": True, "source": "VNNIC", "note": "ước tính"},
        ],
    }
    assert response["ETag"] == f'"{draft.version}"'
    assert "no-store" in response["Cache-Control"]
    # ... and writes from it
    answer = write(cvt_feed, indicator="2.5", period="2026Q4", value="81,5", headers={"If-Match": response["ETag"]})
    assert answer.status_code == 200
    assert cvt_feed.get(URL).json()["values"][1]["value"] == "81.5"


def test_a_quarter_without_a_submission_reads_as_an_empty_draft_at_version_0(cvt_feed):
    response = cvt_feed.get(URL)
    assert response.status_code == 200
    assert response.json() == {"unit": "cuc-vt", "period": "2026Q4", "status": None, "version": 0, "values": []}
    assert response["ETag"] == '"0"'
    # version 0: the feed has read no draft, and may make it
    assert write(cvt_feed, indicator="2.5", period="2026Q4", value="81", headers={"If-Match": '"0"'}).status_code == 201


@pytest.mark.parametrize("path", ["queryset", "sql"])
def test_a_change_by_any_path_shows_with_a_new_version(cvt_feed, draft, path):
    if path == "queryset":
        SubmissionValue.objects.filter(indicator__code="2.5").update(value=Decimal("79.9"))
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {SubmissionValue._meta.db_table} SET value = 79.9 WHERE value = 81.2")
    body = cvt_feed.get(URL).json()
    assert body["values"][1]["value"] == "79.9"
    assert body["version"] > draft.version


def test_reading_costs_a_fixed_number_of_queries(cvt_feed, draft, django_assert_num_queries):
    # The token with its person, their membership, the unit, the submission, its values with their indicators.
    with django_assert_num_queries(5):
        response = cvt_feed.get(URL)
    assert len(response.json()["values"]) == 2


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", 401),
        ("no_role", 403),
        ("cvt", 200),  # a reporter of Cục Viễn thông: its own unit
        ("neac", 403),  # a reporter of Trung tâm NEAC: another unit
        ("kts", 403),  # a reporter of Vụ KTS và XHS, which reviews but reports its own indicators
        ("reviewer", 200),
        ("leader", 200),
        ("admin", 200),
    ],
)
def test_who_reads_a_units_draft(draft, person, expected):
    if person == "anonymous":
        client = Client()
    elif person == "no_role":
        client = api_client(get_user_model().objects.create_user("charlie", password="x"))
    else:
        client = api_client(get_user_model().objects.get(username=person))
    response = client.get(URL)
    assert response.status_code == expected
    assert "no-store" in response["Cache-Control"]
    if expected == 200:
        assert response.json()["version"] == draft.version
    elif person in ("neac", "kts"):
        assert response.json() == {"detail": READERS_ONLY}


def test_a_reporter_reads_with_the_session_of_the_pages_too(client_for, cvt_reporter, draft):
    assert client_for(cvt_reporter).get(URL).json()["version"] == draft.version


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/v1/submissions/khong-co/2026Q4/", "Không có đơn vị báo cáo nào mang mã “khong-co”."),
        (
            "/api/v1/submissions/cuc-vt/2026Q5/",
            "Không có kỳ báo cáo này: ghi năm và quý, ví dụ 2024Q3 (từ 2023 đến 2030).",
        ),
    ],
)
def test_an_unknown_unit_or_quarter_is_a_404(client_for, reviewer, url, message):
    response = client_for(reviewer).get(url)
    assert (response.status_code, response.json()) == (404, {"detail": message})
    assert "no-store" in response["Cache-Control"]


def test_the_read_back_is_in_the_schema_with_its_etag(client_for, reviewer):
    schema = client_for(reviewer).get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/submissions/{unit_slug}/{period_code}/"]["get"]
    assert operation["operationId"] == "submission_draft"
    assert "ETag" in operation["responses"]["200"]["headers"]
    write_operation = schema["paths"]["/api/v1/observations/"]["post"]
    assert {"If-Match", "Idempotency-Key"} <= {p["name"] for p in write_operation["parameters"]}
    assert {"409", "422", "428"} <= set(write_operation["responses"])
