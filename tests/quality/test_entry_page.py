"""The entry page asks about a figure the data-quality rules flag, needs the unit's note before submitting, and the
reviewer reads the flags and the notes first, before accepting; an accepted figure keeps both on record.

People: a reporter of Cục Viễn thông (`cvt`, 2.1 and 2.5), a reporter of Trung tâm NEAC (`neac`), the reviewer of
Vụ KTS và XHS (`reviewer`), a leader (`leader`)."""

import re

import pytest

from quality.rules import Severity
from reporting.models import Submission, SubmissionValue
from tests.quality.conftest import record
from tests.reporting.conftest import post_entry, submission_url, version_of

pytestmark = pytest.mark.django_db

URL = submission_url("cuc-vt", "2026Q4")
SOURCED = {"2.1": {"value": "86", "source": "Tổng cục Thống kê"}}
WRITTEN = {"trend_assessment": "Ổn định."}


def fibre(value: str, **more) -> dict:
    return {**SOURCED, "2.5": {"value": value, "source": "VNNIC", **more}}


def test_a_draft_with_a_flagged_figure_saves_and_the_page_asks_for_a_note(client_for, cvt_reporter, fibre_at_81_2):
    client = client_for(cvt_reporter)
    response = post_entry(client, "cuc-vt", "2026Q4", figures=fibre("8,12"))
    assert response.status_code == 302  # the draft saves anyway
    row = SubmissionValue.objects.get(indicator__code="2.5")
    assert [f["rule"] for f in row.flags] == ["share_jump"] and row.confirmation == ""
    html = client.get(URL).content.decode()
    assert "Tỷ lệ thay đổi 73,08 điểm phần trăm so với quý trước (81,2%)" in html
    assert 'name="v-2.5-confirmation"' in html
    assert 'name="v-2.1-confirmation"' not in html  # 2.1 is asked nothing


def test_submitting_a_flagged_figure_without_a_note_is_refused_and_saves_nothing(
    client_for, cvt_reporter, fibre_at_81_2
):
    client = client_for(cvt_reporter)
    response = post_entry(client, "cuc-vt", "2026Q4", action="submit", figures=fibre("8,12"), sections=WRITTEN)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Xác nhận số liệu này bằng một giải trình trước khi gửi" in html
    assert 'id="id_v-2.5-confirmation-errors"' in html and "73,08 điểm phần trăm" in html
    assert not Submission.objects.exists()


def test_with_a_note_the_figure_is_submitted_with_its_flag_and_note(client_for, cvt_reporter, fibre_at_81_2):
    client = client_for(cvt_reporter)
    note = "Quý 4 đổi phương pháp: chỉ tính thuê bao FTTH đang hoạt động."
    response = post_entry(
        client, "cuc-vt", "2026Q4", action="submit", figures=fibre("8,12", confirmation=note), sections=WRITTEN
    )
    assert response.status_code == 302
    assert Submission.objects.get().status == "submitted"
    row = SubmissionValue.objects.get(indicator__code="2.5")
    assert row.confirmation == note and row.flag_count == 1
    assert row.history.first().confirmation == note  # on record
    history = client.get(URL).content.decode().split('id="history"')[1]
    assert "giải trình xác nhận" in history and note in history  # listed with the submission's changes


def test_a_figure_in_line_submits_without_a_note(client_for, cvt_reporter, fibre_at_81_2):
    client = client_for(cvt_reporter)
    response = post_entry(client, "cuc-vt", "2026Q4", action="submit", figures=fibre("81,9"), sections=WRITTEN)
    assert response.status_code == 302
    assert not SubmissionValue.objects.filter(flag_count__gt=0).exists()


def test_a_refusing_rule_refuses_on_the_page_beside_the_figure(client_for, cvt_reporter, fibre_at_81_2, rules):
    rules["share_jump"].severity = Severity.REFUSE
    rules["share_jump"].save()
    response = post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", figures=fibre("8,12"))
    assert response.status_code == 400
    errors = re.search(r'id="id_v-2.5-value-errors">(.*?)</ul>', response.content.decode(), re.S)
    assert errors and "73,08 điểm phần trăm" in errors[1]
    assert not Submission.objects.exists()


def test_the_reviewer_reads_the_flags_and_notes_first_then_accepts_and_both_stay(
    client_for, cvt_reporter, reviewer, fibre_at_81_2
):
    note = "Đổi phương pháp thống kê."
    post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", action="submit",
               figures=fibre("8,12", confirmation=note), sections=WRITTEN)  # fmt: skip
    html = client_for(reviewer).get(URL).content.decode()
    flags_at, figures_at = html.index('id="flags"'), html.index("II. Số liệu")
    assert flags_at < figures_at  # first
    summary = html[flags_at:figures_at]
    assert "73,08 điểm phần trăm" in summary and note in summary
    response = client_for(reviewer).post(
        submission_url("cuc-vt", "2026Q4", "accept"), {"version": version_of("cuc-vt", "2026Q4")}
    )
    assert response.status_code == 302
    row = SubmissionValue.objects.get(indicator__code="2.5")
    assert row.official_observation.value == row.value and row.confirmation == note and row.flag_count == 1
    assert note in client_for(reviewer).get(URL).content.decode()  # accepted: still on the page


@pytest.mark.parametrize(("person", "status"), [("leader", 200), ("neac_reporter", 403)])
def test_who_reads_the_flags(client_for, cvt_reporter, fibre_at_81_2, request, person, status):
    post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", action="submit",
               figures=fibre("8,12", confirmation="Đã kiểm tra."), sections=WRITTEN)  # fmt: skip
    response = client_for(request.getfixturevalue(person)).get(URL)
    assert response.status_code == status
    assert ("Đã kiểm tra." in response.content.decode()) is (status == 200)


def test_only_the_units_reporter_writes_a_note(client_for, cvt_reporter, reviewer, fibre_at_81_2):
    post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", figures=fibre("8,12"))
    version = version_of("cuc-vt", "2026Q4")
    response = post_entry(client_for(reviewer), "cuc-vt", "2026Q4", version=version,
                          figures=fibre("8,12", confirmation="Tôi xác nhận."))  # fmt: skip
    assert response.status_code == 403
    assert SubmissionValue.objects.get(indicator__code="2.5").confirmation == ""


def test_the_page_with_flags_costs_what_it_cost_without(client_for, reviewer, cvt_reporter, fibre_at_81_2,
                                                        django_assert_num_queries):  # fmt: skip
    post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", action="submit",
               figures=fibre("8,12", confirmation="x"), sections=WRITTEN)  # fmt: skip
    client = client_for(reviewer)
    # As tests/reporting/test_entry_page.py (12): the flags and notes are stored on the values the page reads.
    with django_assert_num_queries(12):
        client.get(URL)


def test_a_provisional_figure_waiting_two_quarters_is_asked_about(client_for, cvt_reporter):
    record("2.1", 2026, 2, "86", provisional=True)  # 2026Q2's estimate, not replaced by 2026Q4
    post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", figures=SOURCED)
    [flag] = SubmissionValue.objects.get(indicator__code="2.1").flags
    assert flag["rule"] == "provisional_age" and "2 quý" in flag["message"]


def test_an_old_comparison_and_a_missing_source_are_asked_about(client_for, cvt_reporter):
    figures = {
        "2.1": {"value": "86", "comparison_with": "Thái Lan", "comparison_value": "80", "comparison_year": "2021"}
    }
    post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", figures=figures)
    flags = SubmissionValue.objects.get(indicator__code="2.1").flags
    assert [f["rule"] for f in flags] == ["comparison_age", "missing_source"]
    assert "cũ 5 năm" in flags[0]["message"]


def test_a_parent_row_outside_its_sub_rows_is_asked_about(client_for, kts_reporter):
    figures = {
        code: {"value": v, "source": "Bộ TTTT"} for code, v in (("1.2", "20"), ("1.2.1", "4,36"), ("1.2.2", "12"))
    }
    post_entry(client_for(kts_reporter), "vu-kts", "2026Q4", figures=figures)
    [flag] = SubmissionValue.objects.get(indicator__code="1.2").flags
    assert flag["rule"] == "subrow_parent" and "từ 4,36 đến 12" in flag["message"]
    figures["1.2"]["value"] = "8"
    post_entry(client_for(kts_reporter), "vu-kts", "2026Q4", figures=figures, version=version_of("vu-kts", "2026Q4"))
    assert SubmissionValue.objects.get(indicator__code="1.2").flags == []
