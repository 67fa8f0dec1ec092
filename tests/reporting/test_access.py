"""Who may open or do what: every route of the submissions against every kind of person, each cell tested, and
each refused write leaving everything as it was."""

from datetime import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from indicators.models import Indicator, Unit
from reporting.calendar import ReportingPeriod
from reporting.models import Submission
from reporting.services import FigureInput, SectionsInput, submission_accept, submission_save
from tests.reporting.conftest import HANOI, entry_data, submission_url

pytestmark = pytest.mark.django_db

LOGIN = "login"
PEOPLE = ("anonymous", "cvt", "neac", "reviewer", "leader", "admin", "outsider")

# route: (the submission's status before, the expected answer per person in the order of PEOPLE).
# LOGIN: sent to the login page; "unit": a reporter sent to their own unit's page.
TABLE = {
    "overview": (None, [LOGIN, "unit", "unit", 200, 200, 200, 403]),
    "unit page": (None, [LOGIN, 200, 403, 200, 200, 200, 403]),
    "submission page": ("submitted", [LOGIN, 200, 403, 200, 200, 200, 403]),
    "save": ("draft", [LOGIN, 302, 403, 403, 403, 403, 403]),
    "submit": ("draft", [LOGIN, 302, 403, 403, 403, 403, 403]),
    "return": ("submitted", [LOGIN, 403, 403, 302, 403, 302, 403]),
    "accept": ("submitted", [LOGIN, 403, 403, 302, 403, 302, 403]),
    "reopen": ("accepted", [LOGIN, 403, 403, 302, 403, 302, 403]),
    "api write": ("draft", [401, 200, 403, 403, 403, 403, 403]),
}
CELLS = [(route, person, expected[i]) for route, (_s, expected) in TABLE.items() for i, person in enumerate(PEOPLE)]


def _person(name):
    if name == "anonymous":
        return None
    if name == "outsider":  # signed in, but no membership in the tracker
        return get_user_model().objects.create_user("outsider")
    return get_user_model().objects.get(username=name)


def _submission(status: str | None, cvt) -> Submission | None:
    """Cục Viễn thông's Q4/2026 submission brought to `status`."""
    if status is None:
        return None
    figures = [
        FigureInput(indicator=i, value=85) for i in Indicator.objects.filter(reporting_unit__slug="cuc-vt")
    ]  # fmt: skip
    submission = submission_save(
        unit=Unit.objects.get(slug="cuc-vt"), period=ReportingPeriod(2026, 4), user=cvt, version=0, figures=figures,
        sections=SectionsInput(), submit=status != "draft", now=datetime(2026, 12, 1, tzinfo=HANOI),
    )  # fmt: skip
    if status == "accepted":
        submission = submission_accept(
            submission=submission, user=cvt, version=submission.version, now=datetime(2026, 12, 2, tzinfo=HANOI)
        )
    return submission


def _request(route: str, person, version: int):
    client = Client()
    if route == "api write":
        headers = {"HTTP_AUTHORIZATION": f"Token {AuthToken.objects.create(person)[1]}"} if person else {}
        body = {"indicator": "2.5", "period": "2026Q4", "value": "81,2", "provisional": True, "version": version}
        return client.post(reverse("api_observation_write"), body, content_type="application/json", **headers)
    if person is not None:
        client.force_login(person)
    if route == "overview":
        return client.get(reverse("reporting:overview"))
    if route == "unit page":
        return client.get(reverse("reporting:unit", args=["cuc-vt"]))
    if route == "submission page":
        return client.get(submission_url("cuc-vt", "2026Q4"))
    if route in ("save", "submit"):
        action = route
        figures = {"2.1": {"value": "86"}, "2.5": {"value": "81,2"}}
        return client.post(
            submission_url("cuc-vt", "2026Q4"), entry_data("cuc-vt", version=version, action=action, figures=figures)
        )
    return client.post(submission_url("cuc-vt", "2026Q4", route), {"version": version, "reason": "Lý do"})


@pytest.mark.parametrize(("route", "person_name", "expected"), CELLS, ids=[f"{r}-{p}" for r, p, _e in CELLS])
def test_role_route_table(route, person_name, expected, cvt_reporter):
    submission = _submission(TABLE[route][0], cvt_reporter)
    before = (submission.status, submission.version) if submission else None
    person = _person(person_name)
    response = _request(route, person, submission.version if submission else 0)
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif expected == "unit":
        assert response.status_code == 302
        assert response["Location"] == reverse("reporting:unit", args=[person.membership.unit.slug])
    else:
        assert response.status_code == expected
    if route in ("overview", "unit page", "submission page"):
        return
    after = Submission.objects.filter(unit__slug="cuc-vt").values_list("status", "version").first()
    if expected in (200, 201, 302):
        assert after != before  # the write happened
    else:
        assert after == before  # refused: nothing changed


def test_a_reporter_of_another_unit_cannot_open_its_submission_by_editing_the_address(client_for, neac_reporter):
    client = client_for(neac_reporter)
    assert client.get(submission_url("cuc-vt", "2026Q4")).status_code == 403
    assert client.get(reverse("reporting:unit", args=["cuc-vt"])).status_code == 403
    assert client.get(submission_url("neac", "2026Q4")).status_code == 200


def test_an_unknown_unit_or_a_unit_that_reports_nothing_is_not_found(client_for, reviewer):
    client = client_for(reviewer)
    assert client.get(reverse("reporting:unit", args=["khong-co"])).status_code == 404
    assert client.get(reverse("reporting:unit", args=["bo-yt"])).status_code == 404  # reports no indicator
    assert client.get(submission_url("bo-yt", "2026Q4")).status_code == 404


def test_review_actions_on_a_submission_not_started_are_not_found(client_for, reviewer):
    response = client_for(reviewer).post(submission_url("cuc-vt", "2026Q4", "accept"), {"version": 0})
    assert response.status_code == 404


def test_review_actions_answer_only_to_post(client_for, reviewer):
    assert client_for(reviewer).get(submission_url("cuc-vt", "2026Q4", "accept")).status_code == 405
