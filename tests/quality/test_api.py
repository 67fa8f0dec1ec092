"""The write API answers the data-quality warnings beside the figure it stored, and refuses what a rule refuses."""

import pytest

from quality.rules import Severity
from reporting.models import SubmissionValue
from tests.reporting.test_api import feed_of

pytestmark = pytest.mark.django_db

URL = "/api/v1/observations/"


def test_fibre_falling_from_81_2_to_8_12_is_stored_with_a_warning(cvt_reporter, fibre_at_81_2):
    answer = feed_of(cvt_reporter)(indicator="2.5", period="2026Q4", value="8,12", source="VNNIC")
    assert answer.status_code == 201
    body = answer.json()
    assert body["value"] == "8.12"
    [warning] = body["warnings"]
    assert warning["rule"] == "share_jump" and warning["severity"] == "confirm"
    assert "73,08 điểm phần trăm" in warning["message"] and "(81,2%)" in warning["message"]
    row = SubmissionValue.objects.get()
    assert row.flags == body["warnings"] and row.flag_count == 1


def test_a_figure_in_line_with_the_series_answers_no_warning(cvt_reporter, fibre_at_81_2):
    answer = feed_of(cvt_reporter)(indicator="2.5", period="2026Q4", value="81,9", source="VNNIC")
    assert answer.status_code == 201 and answer.json()["warnings"] == []
    assert SubmissionValue.objects.get().flag_count == 0


def test_a_figure_without_a_source_is_asked_about(cvt_reporter, fibre_at_81_2):
    answer = feed_of(cvt_reporter)(indicator="2.5", period="2026Q4", value="81,9")
    assert [w["rule"] for w in answer.json()["warnings"]] == ["missing_source"]


def test_a_rule_that_refuses_answers_400_in_vietnamese_and_writes_nothing(cvt_reporter, fibre_at_81_2, rules):
    rules["share_jump"].severity = Severity.REFUSE
    rules["share_jump"].save()
    answer = feed_of(cvt_reporter)(indicator="2.5", period="2026Q4", value="8,12", source="VNNIC")
    assert answer.status_code == 400
    [message] = answer.json()["value"]
    assert message.startswith("Tỷ lệ thay đổi 73,08 điểm phần trăm")
    assert not SubmissionValue.objects.exists()


def test_a_switched_off_rule_asks_nothing(cvt_reporter, fibre_at_81_2, rules):
    rules["share_jump"].active = False
    rules["share_jump"].save()
    answer = feed_of(cvt_reporter)(indicator="2.5", period="2026Q4", value="8,12", source="VNNIC")
    assert answer.json()["warnings"] == []


def test_a_write_with_the_rules_on_costs_a_fixed_number_of_queries(
    cvt_reporter, fibre_at_81_2, django_assert_num_queries
):
    feed = feed_of(cvt_reporter)
    etag = feed(indicator="2.5", period="2026Q4", value="81,2", source="VNNIC")["ETag"]
    # As without rules (tests/reporting/test_api.py: 15), and the indicators' figures of record and their sub-rows.
    with django_assert_num_queries(17):
        answer = feed(indicator="2.5", period="2026Q4", value="8,12", source="VNNIC", headers={"If-Match": etag})
    assert answer.status_code == 200 and len(answer.json()["warnings"]) == 1


def test_the_schema_declares_the_warnings(client_for, cvt_reporter):
    schema = client_for(cvt_reporter).get("/api/v1/schema/?format=json").json()
    result = schema["components"]["schemas"]["ObservationWriteResult"]
    assert "warnings" in result["required"]
    warning = schema["components"]["schemas"]["Warning"]
    assert set(warning["properties"]) == {"rule", "message", "severity"}
