"""The entry page as a reporter of Cục Viễn thông uses it: what it shows beside each field, what it refuses
(in Vietnamese, beside the field, saving nothing), and what it costs."""

import html as htmllib
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from indicators.models import Document, Indicator, IndicatorGroup, Observation, Target, Unit
from indicators.values import parse_figure
from reporting import services
from reporting.models import Submission, SubmissionValue
from tests.reporting.conftest import FIGURE_FIELDS, SECTIONS, entry_data, post_entry, submission_url, version_of

pytestmark = pytest.mark.django_db

URL = submission_url("cuc-vt", "2026Q4")


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def errors_beside(response, field: str) -> list[str]:
    """The messages shown under one field (`v-2.5-value`, `trend_assessment`)."""
    html = response.content.decode()
    block = re.search(rf'id="id_{re.escape(field)}-errors">(.*?)</ul>', html, re.S)
    return [htmllib.unescape(m) for m in re.findall(r"<li>(.*?)</li>", block.group(1))] if block else []


def test_only_the_units_indicators_with_last_figures_and_this_years_target(client_for, cvt_reporter):
    response = client_for(cvt_reporter).get(URL)
    assert response.status_code == 200
    codes = re.findall(r'id="indicator-([0-9.]+)"', response.content.decode())
    assert codes == ["2.1", "2.5"]
    text = text_of(response)
    assert "Cục Viễn thông: báo cáo Quý 4/2026" in text
    assert "Số liệu gồm 10/2026–11/2026" in text and "Hạn đơn vị gửi 05/12/2026" in text
    # beside 2.1: its 2022 estimate (85%, provisional), no 2026 target, the next one (2030, ≥ 95%)
    assert "Số liệu các kỳ trước 2022 85% tạm tính" in text
    assert "Chưa có chỉ tiêu cho năm 2026. Chỉ tiêu kế tiếp (2030): ≥ 95%" in text


def test_a_years_target_and_earlier_quarters_are_shown_beside_the_field(client_for, cvt_reporter, on_day):
    on_day(date(2024, 11, 20))
    smartphones = Indicator.objects.get(code="2.1")
    for quarter, value in ((1, "86.1"), (2, "86.4"), (3, "86.9")):
        Observation.objects.create(indicator=smartphones, year=2024, quarter=quarter, value=Decimal(value), source="x")
    text = text_of(client_for(cvt_reporter).get(submission_url("cuc-vt", "2024Q4")))
    assert "Số liệu các kỳ trước Quý 3/2024 86,9% Quý 2/2024 86,4% Quý 1/2024 86,1% 2022 85% tạm tính" in text
    assert "Chỉ tiêu năm 2024 ≥ 90%" in text


def test_saving_a_draft_keeps_every_field(client_for, cvt_reporter):
    figures = {
        "2.5": {
            "value": "81,2",
            "provisional": True,
            "source": "Tổng cục Thống kê (ước tính)",
            "note": "Chờ số liệu chính thức",
            "comparison_with": "Thái Lan",
            "comparison_value": "77,5",
            "comparison_year": "2023",
            "comparison_source": "ITU",
        }
    }
    response = post_entry(
        client_for(cvt_reporter), "cuc-vt", "2026Q4", figures=figures, sections={"difficulties": "Thiếu số liệu."}
    )
    assert response.status_code == 302
    row = SubmissionValue.objects.get(indicator__code="2.5")
    assert (row.value, row.provisional, row.source, row.note) == (
        Decimal("81.2"), True, "Tổng cục Thống kê (ước tính)", "Chờ số liệu chính thức",
    )  # fmt: skip
    assert (row.comparison_with, row.comparison_value, row.comparison_year, row.comparison_source) == (
        "Thái Lan", Decimal("77.5"), 2023, "ITU",
    )  # fmt: skip
    assert row.submission.difficulties == "Thiếu số liệu."
    page = client_for(cvt_reporter).get(URL).content.decode()
    assert 'value="81,2"' in page and 'value="77,5"' in page  # shown back the Vietnamese way


@pytest.mark.parametrize(
    ("spelling", "stored"),
    [("14,26", "14.26"), ("14.26", "14.26"), ("14,26 %", "14.26"), ("1.234,5", None)],
)
def test_the_spellings_of_a_figure(client_for, cvt_reporter, spelling, stored):
    response = post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", figures={"2.5": {"value": spelling}})
    if stored is None:  # 1.234,5 reads as 1234.5, which is not a percentage
        assert errors_beside(response, "v-2.5-value") == ["Nhập giá trị trong khoảng từ 0 đến 100."]
    else:
        assert SubmissionValue.objects.get().value == Decimal(stored)


THAILAND = {"comparison_with": "Thái Lan", "comparison_value": "77"}
BAD_FIGURES = [
    ("v-2.5-value", {"2.5": {"value": "abc"}}, "Nhập một số, ví dụ 14,26 hoặc 85."),
    ("v-2.5-value", {"2.5": {"value": "150"}}, "Nhập giá trị trong khoảng từ 0 đến 100."),
    ("v-2.5-value", {"2.5": {"value": "-3"}}, "Nhập giá trị trong khoảng từ 0 đến 100."),
    ("v-2.5-value", {"2.5": {"value": "81,23456"}}, "Chỉ dùng tối đa 4 chữ số thập phân."),
    ("v-2.5-source", {"2.5": {"value": "81", "source": "x" * 501}}, "Nội dung tối đa 500 ký tự (hiện có 501 ký tự)."),
    ("v-2.5-note", {"2.5": {"value": "81", "note": "a\x00b"}},
     "Nội dung có ký tự null, không lưu được: hãy xóa ký tự này."),
    ("v-2.5-comparison_value", {"2.5": {"comparison_with": "Thái Lan", "comparison_value": "-9999999999"}},
     "Nhập giá trị trong khoảng từ 0 đến 100."),
    ("v-2.5-comparison_value", {"2.5": {"comparison_with": "Thái Lan", "comparison_value": "100,5"}},
     "Nhập giá trị trong khoảng từ 0 đến 100."),
    ("v-2.5-comparison_year", {"2.5": {**THAILAND, "comparison_year": "2027"}}, "Nhập năm không muộn hơn 2026."),
    ("v-2.5-comparison_year", {"2.5": {**THAILAND, "comparison_year": "năm"}}, "Nhập năm, ví dụ 2023."),
    ("v-2.5-comparison_value", {"2.5": {"comparison_with": "Thái Lan"}}, "Nhập giá trị được so sánh."),
    ("v-2.5-comparison_with", {"2.5": {"comparison_value": "77"}}, "Ghi rõ quốc gia hoặc tổ chức được so sánh."),
]  # fmt: skip


@pytest.mark.parametrize(("field", "figures", "message"), BAD_FIGURES, ids=[m for _f, _g, m in BAD_FIGURES])
def test_bad_input_is_answered_in_vietnamese_beside_the_field_and_nothing_is_saved(
    client_for, cvt_reporter, field, figures, message
):
    figures = {"2.1": {"value": "86"}, **figures}  # a good figure alongside is not saved either
    response = post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", figures=figures)
    assert response.status_code == 400
    assert errors_beside(response, field) == [message]
    assert "Một số ô cần sửa (xem thông báo bên cạnh từng ô): chưa có gì được lưu." in text_of(response)
    assert not Submission.objects.exists() and not SubmissionValue.objects.exists()


def test_a_negative_count_is_refused(client_for, cvt_reporter):
    enterprises = Indicator.objects.get(code="1.7")  # enterprises per 1,000 people: at least 0, no maximum
    enterprises.reporting_unit = Unit.objects.get(slug="cuc-vt")
    enterprises.save()
    response = post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", figures={"1.7": {"value": "-2"}})
    assert errors_beside(response, "v-1.7-value") == ["Giá trị không được là số âm."]
    assert not SubmissionValue.objects.exists()


def test_the_compared_value_is_bounded_like_the_value(client_for, cvt_reporter):
    """A percentage compared with a percentage, a count with a count: -9999999999 was once saved for 2.5."""
    enterprises = Indicator.objects.get(code="1.7")  # at least 0, no maximum
    enterprises.reporting_unit = Unit.objects.get(slug="cuc-vt")
    enterprises.save()
    figures = {"1.7": {"value": "2", "comparison_with": "Thái Lan", "comparison_value": "-0,5"}}
    response = post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", figures=figures)
    assert errors_beside(response, "v-1.7-comparison_value") == ["Giá trị không được là số âm."]
    assert not SubmissionValue.objects.exists()
    figures = {"1.7": {"value": "2", "comparison_with": "Thái Lan", "comparison_value": "1.234.567"}}  # no maximum
    assert post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", figures=figures).status_code == 302
    assert SubmissionValue.objects.get().comparison_value == Decimal(1234567)


def test_a_too_long_text_in_a_section_is_refused(client_for, cvt_reporter):
    response = post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", sections={"proposals": "x" * 5001})
    assert errors_beside(response, "proposals") == ["Nội dung tối đa 5000 ký tự (hiện có 5001 ký tự)."]
    assert not Submission.objects.exists()


def test_submitting_with_an_empty_figure_is_refused_beside_that_field(client_for, cvt_reporter):
    client = client_for(cvt_reporter)
    response = post_entry(client, "cuc-vt", "2026Q4", action="submit", figures={"2.5": {"value": "81"}})
    assert response.status_code == 400
    assert errors_beside(response, "v-2.1-value") == ["Nhập số liệu của quý trước khi gửi báo cáo."]
    assert errors_beside(response, "v-2.5-value") == []
    assert not Submission.objects.exists()


def test_the_second_quarter_asks_for_the_six_month_assessment_and_proposals(client_for, cvt_reporter, on_day):
    on_day(date(2026, 7, 2))
    client = client_for(cvt_reporter)
    page = text_of(client.get(submission_url("cuc-vt", "2026Q2")))
    assert "III. Đánh giá xu hướng 6 tháng đầu năm" in page
    figures = {"2.1": {"value": "86"}, "2.5": {"value": "81"}}
    response = post_entry(client, "cuc-vt", "2026Q2", action="submit", figures=figures)
    assert errors_beside(response, "trend_assessment") == ["Báo cáo quý II phải có mục này."]
    assert errors_beside(response, "proposals") == ["Báo cáo quý II phải có mục này."]
    assert errors_beside(response, "difficulties") == []
    assert not Submission.objects.exists()


def test_a_period_that_does_not_exist_or_has_not_begun_is_not_found(client_for, cvt_reporter):
    client = client_for(cvt_reporter)
    for period in ("2026Q5", "2022Q4", "2031Q1", "2027Q1", "2026-4"):
        assert client.get(f"/submissions/cuc-vt/{period}/").status_code == 404, period
        assert client.post(f"/submissions/cuc-vt/{period}/", entry_data("cuc-vt")).status_code == 404, period
    assert not Submission.objects.exists()


def test_a_forged_field_for_another_units_indicator_is_refused_and_nothing_changes(client_for, cvt_reporter):
    data = entry_data("cuc-vt", figures={"2.5": {"value": "81"}})
    data["v-1.4-value"] = "50"  # Trung tâm NEAC's indicator
    response = client_for(cvt_reporter).post(URL, data)
    assert response.status_code == 400
    assert "Biểu mẫu có số liệu của chỉ tiêu mà đơn vị bạn không phụ trách (1.4): không có gì được lưu." in text_of(
        response
    )
    assert not Submission.objects.exists() and not SubmissionValue.objects.exists()


def test_an_indicator_moved_to_another_unit_before_the_write_is_a_403_and_nothing_is_saved(
    client_for, cvt_reporter, monkeypatch
):
    """The service refuses a figure of an indicator the unit does not report; the page answers 403, as the API
    does (here 2.5 moves to NEAC between the page's checks and the write)."""
    write = services.submission_save

    def moved_meanwhile(**kwargs):
        Indicator.objects.filter(code="2.5").update(reporting_unit=Unit.objects.get(slug="neac"))
        moved = Indicator.objects.get(code="2.5")
        figures = [replace(f, indicator=moved) if f.indicator.code == "2.5" else f for f in kwargs.pop("figures")]
        return write(figures=figures, **kwargs)

    monkeypatch.setattr(services, "submission_save", moved_meanwhile)
    response = post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", figures={"2.5": {"value": "81"}})
    assert response.status_code == 403
    assert "Cục Viễn thông không phụ trách báo cáo chỉ tiêu 2.5." in text_of(response)
    assert not Submission.objects.exists() and not SubmissionValue.objects.exists()


def test_two_reporters_save_at_once_the_second_is_told_to_reload_and_the_first_values_stay(client_for, cvt_reporter):
    User = type(cvt_reporter)
    colleague = User.objects.create_user("cvt2", first_name="Lan")
    colleague.membership = type(cvt_reporter.membership).objects.create(
        user=colleague, role="reporter", unit=cvt_reporter.membership.unit
    )
    first = client_for(cvt_reporter)
    response = post_entry(first, "cuc-vt", "2026Q4", version=0, figures={"2.5": {"value": "81,2"}})
    assert response.status_code == 302
    saved = version_of("cuc-vt", "2026Q4")
    second = Client()
    second.force_login(colleague)
    response = post_entry(second, "cuc-vt", "2026Q4", version=0, figures={"2.5": {"value": "90"}})
    assert response.status_code == 409
    assert "Người khác đã lưu báo cáo này sau khi bạn mở trang" in text_of(response)
    assert 'value="90"' in response.content.decode()  # their typing is still on the page to copy
    assert SubmissionValue.objects.get().value == Decimal("81.2")
    assert Submission.objects.get().version == saved


def test_the_page_costs_the_same_queries_whatever_the_indicators_and_past_periods(
    client_for, cvt_reporter, django_assert_num_queries
):
    client = client_for(cvt_reporter)
    post_entry(client, "cuc-vt", "2026Q4", figures={"2.5": {"value": "81,2", "provisional": True}})
    post_entry(
        client,
        "cuc-vt",
        "2026Q4",
        version=version_of("cuc-vt", "2026Q4"),
        figures={"2.5": {"value": "81,3"}, "2.1": {"value": "86"}},
    )
    # session; the person with their membership and its unit (access, page header); the unit (by slug, among the
    # reporting units); the submission with its people; the unit's indicators (group, unit, parent joined), their
    # targets and their observations (each with its document joined); the submission's values (figures of record
    # joined); the submission's latest changes and its values' (2 queries: each record beside the one before it),
    # and those records (2, people joined)
    with django_assert_num_queries(12):
        client.get(URL)

    unit = Unit.objects.get(slug="cuc-vt")
    group = IndicatorGroup.objects.get(code="2")
    document = Document.objects.get(slug="qd-466-2023")
    for n in range(20, 26):
        indicator = Indicator.objects.create(
            code=f"2.{n}", group=group, name=f"Chỉ tiêu thử {n}", measure_unit="%", reporting_unit=unit,
            introduced_by=document, min_value=0, max_value=100,
        )  # fmt: skip
        Target.objects.create(indicator=indicator, year=2026, kind="plan", comparator=">=", value=50, wording="50%",
                              document=document, section=f"thử {n}")  # fmt: skip
        for year in range(2023, 2027):
            for quarter in range(0, 5):
                Observation.objects.create(indicator=indicator, year=year, quarter=quarter, value=n, source="thử")
    post_entry(
        client,
        "cuc-vt",
        "2026Q4",
        version=version_of("cuc-vt", "2026Q4"),
        figures={f"2.{n}": {"value": "40"} for n in range(20, 26)},
    )
    with django_assert_num_queries(12):
        response = client.get(URL)
    assert re.findall(r'id="indicator-([0-9.]+)"', response.content.decode())[-1] == "2.25"
    assert SubmissionValue.objects.count() == 8


text_or_number = st.one_of(
    st.text(max_size=60), st.sampled_from(["", "-0", "1e9", "٣", "１２", "0x10", "NaN", "1.234,5", "9" * 45])
)
# Odd but valid: the edges of 0–100, signs, spaces, "%", thousands marks, the last decimal place.
ODD_FIGURES = ["0", "100", "-0", "+0,0001", " 99,9999 % ", "\u00a081,2\u00a0%", "1.234", "0.000", "100,0000"]
ODD_YEARS = ["", "1990", " 2026 ", "2000"]
figure_texts = st.one_of(st.sampled_from([*ODD_FIGURES, "", "  "]), text_or_number)
# No comparison; an odd but complete one; or anything.
comparisons = st.one_of(
    st.just({"comparison_with": "", "comparison_year": "", "comparison_value": ""}),
    st.fixed_dictionaries(
        {
            "comparison_with": st.just("Thái Lan"),
            "comparison_year": st.sampled_from(ODD_YEARS),
            "comparison_value": st.sampled_from(ODD_FIGURES),
        }
    ),
    st.fixed_dictionaries(
        {
            "comparison_with": st.sampled_from(["", "Thái Lan"]),
            "comparison_year": st.one_of(st.sampled_from(ODD_YEARS), text_or_number),
            "comparison_value": figure_texts,
        }
    ),
)
Q4_2026 = {"unit__slug": "cuc-vt", "year": 2026, "quarter": 4}


def what_is_saved() -> tuple:
    """The unit's Q4 2026 submission as stored: its version and texts, and its value rows by indicator code."""
    submission = Submission.objects.filter(**Q4_2026).values("version", *SECTIONS).first()
    rows = SubmissionValue.objects.filter(submission__unit__slug="cuc-vt", submission__year=2026)
    return submission, {row["indicator__code"]: row for row in rows.values("indicator__code", *FIGURE_FIELDS)}


def errors_on_the_page(response) -> list[str]:
    html = response.content.decode()
    blocks = re.findall(r'id="id_[^"]*-errors">(.*?)</ul>', html, re.S)
    return [htmllib.unescape(m) for block in blocks for m in re.findall(r"<li>(.*?)</li>", block)]


VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.IGNORECASE)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=figure_texts, comparison=comparisons, text=st.text(max_size=80))
def test_no_input_produces_a_server_error_and_refused_input_saves_nothing(
    client_for, cvt_reporter, value, comparison, text
):
    """Each example posts the version now stored, as a browser that has just loaded the page: so odd but valid
    input is saved (the version goes up, the value is the one typed) and invalid input is refused beside
    its field, in Vietnamese, with nothing saved."""
    before = what_is_saved()
    version = before[0]["version"] if before[0] else 0
    figures = {"2.5": {"value": value, "source": text, **comparison}}
    response = post_entry(
        client_for(cvt_reporter), "cuc-vt", "2026Q4", version=version, figures=figures, sections={"proposals": text}
    )
    assert response.status_code in (302, 400)
    event(f"answered {response.status_code}")  # --hypothesis-show-statistics: how often the save path runs
    if response.status_code == 400:
        assert what_is_saved() == before
        errors = errors_on_the_page(response)
        assert errors and all(VIETNAMESE.search(e) for e in errors), errors
        return
    submission, rows = what_is_saved()
    assert submission["version"] > version and submission["proposals"] == text.strip()
    saved = rows.get("2.5", {"value": None, "source": ""})
    assert saved["value"] == (parse_figure(value, percentage=True) if value.strip() else None)  # 2.5 is a share
    assert saved["source"] == text.strip()


def test_a_figure_saved_without_a_source_gets_a_light_hint_for_the_reporter_and_the_reviewer(
    client_for, cvt_reporter, reviewer
):
    """2.1 saved with its source, 2.5 without: a hint under 2.5's source field only, and “chưa ghi nguồn” in the
    reviewer's table; nothing is refused."""
    from tests.reporting.conftest import post_entry, submission_url

    figures = {"2.1": {"value": "86", "source": "Cục Viễn thông"}, "2.5": {"value": "81,2"}}
    assert post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", figures=figures).status_code == 302
    html = client_for(cvt_reporter).get(submission_url("cuc-vt", "2026Q4")).content.decode()
    hint = "Số liệu này chưa ghi nguồn: Vụ KTS và XHS sẽ hỏi nguồn khi xem xét."
    assert html.count(hint) == 1 and html.index(hint) > html.index('id="indicator-2.5"')
    table = text_of(client_for(reviewer).get(submission_url("cuc-vt", "2026Q4")))
    assert "chưa ghi nguồn" in table and "Cục Viễn thông" in table
