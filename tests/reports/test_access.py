"""Who may read the consolidated report and send it: reviewers, leadership and administrators read the pages and
files; only reviewers consolidate; reporters, a person without a role and anonymous visitors are refused."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from reports.models import Consolidation

pytestmark = pytest.mark.django_db

READ_URLS = [
    reverse("reports:index"),
    reverse("reports:table", args=["2026Q4"]),
    reverse("reports:report", args=["2026Q4"]),
    reverse("reports:xlsx", args=["2026Q4"]),
    reverse("reports:csv", args=["2026Q4"]),
    reverse("reports:docx", args=["2026Q4"]),
    reverse("reports:year", args=[2026]),
    reverse("reports:year_xlsx", args=[2026]),
    reverse("reports:year_csv", args=[2026]),
    "/api/v1/reports/2026Q4/",
]
CONSOLIDATE = reverse("reports:consolidate", args=["2026Q4"])


@pytest.mark.parametrize("person", ["reviewer", "leader", "admin_user"])
def test_reviewers_leadership_and_administrators_read_every_page_and_file(client_for, person, request):
    client = client_for(request.getfixturevalue(person))
    for url in READ_URLS:
        response = client.get(url)
        assert response.status_code in (200, 302), url


@pytest.mark.parametrize("person", ["cvt_reporter", "neac_reporter", "kts_reporter"])
def test_reporters_are_refused_even_vu_kts_reporter(client_for, person, request):
    client = client_for(request.getfixturevalue(person))
    for url in READ_URLS:
        assert client.get(url).status_code == 403, url
    assert client.post(CONSOLIDATE).status_code == 403
    assert not Consolidation.objects.exists()


def test_the_menu_link_shows_for_readers_only(client_for, cvt_reporter, leader):
    assert "Báo cáo tổng hợp" in client_for(leader).get("/").content.decode()
    assert "Báo cáo tổng hợp" not in client_for(cvt_reporter).get("/").content.decode()


def test_a_person_without_a_role_is_refused(client_for):
    nobody = get_user_model().objects.create_user("charlie", password="x")
    client = client_for(nobody)
    for url in READ_URLS:
        assert client.get(url).status_code == 403, url


def test_anonymous_visitors_are_sent_to_log_in_and_the_api_refuses_them(client):
    for url in READ_URLS[:-1]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert client.get(READ_URLS[-1]).status_code in (401, 403)
    assert client.post(CONSOLIDATE).status_code == 302
    assert not Consolidation.objects.exists()


@pytest.mark.parametrize("person", ["leader", "admin_user"])
def test_only_reviewers_consolidate(client_for, person, request):
    client = client_for(request.getfixturevalue(person))
    assert client.post(CONSOLIDATE).status_code == 403
    assert not Consolidation.objects.exists()
    assert "Đã tổng hợp, gửi Viện Chiến lược TTTT" not in client.get(READ_URLS[1]).content.decode()


def test_consolidating_is_a_post(client_for, reviewer):
    assert client_for(reviewer).get(CONSOLIDATE).status_code == 405
