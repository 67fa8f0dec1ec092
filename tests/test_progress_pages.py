"""Gap and trend flags where people read them: the home table (columns, filter, sort), the indicator page's sentence,
and the `progress` object of the API. Scenario 4: the leader reads the picture before a meeting."""

import html as htmllib
import re
from datetime import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.models import Document, Indicator, IndicatorGroup, Observation, Target
from indicators.progress import FLAG_URGENCY
from indicators.selectors import assess_indicator

pytestmark = pytest.mark.django_db

LABELS = {
    "far_ahead": "Vượt xa mục tiêu: đề xuất nâng chỉ tiêu",
    "target_met": "Đã đạt mục tiêu",
    "on_track": "Đúng tiến độ",
    "accelerate": "Cần đẩy nhanh: đề xuất giải pháp",
    "off_track": "Chậm tiến độ: cần giải pháp",
    "regressing": "Đi lùi",
    "insufficient_data": "Chưa đủ số liệu",
    "no_numeric_target": "Chưa có mục tiêu định lượng",
}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _flags_by_code(html: str) -> dict[str, str]:
    """{code: flag} read from the home table's rows."""
    rows = re.findall(r'<td class="code">\s*<a [^>]*>([0-9.]+)</a>.*?<span class="flag flag-([a-z_]+)">', html, re.S)
    return dict(rows)


def _codes(html: str) -> list[str]:
    return re.findall(r'<td class="code">\s*<a [^>]*>([0-9.]+)</a>', html)


# --- Home table ----------------------------------------------------------------------------------------------


def test_leader_sees_at_a_glance_what_is_on_track_far_ahead_or_short_of_data(client_for, leader):
    html = client_for(leader).get(reverse("home")).content.decode()
    flags = _flags_by_code(html)
    assert len(flags) == Indicator.objects.count()
    assert flags["1.1"] == "on_track"  # the digital-economy share: 18,3% in 2024, heading for 20% in 2025
    assert flags["2.1"] == "far_ahead"  # smartphones: 85% against 80%
    assert flags["2.3"] == "insufficient_data"  # digital signatures: one figure
    assert flags["1.7"] == "insufficient_data"  # a goal and no figure
    assert flags["1.2.1"] == "no_numeric_target"  # yearly plans, no period goal
    text = _text(html)
    assert LABELS["far_ahead"] in text and LABELS["on_track"] in text
    # the summary above the table counts each flag as the rows show it
    for flag in set(flags.values()):
        count = list(flags.values()).count(flag)
        assert f"{LABELS[flag]} {count}" in text, flag
    assert f"Tất cả chỉ tiêu {len(flags)}" in text


def test_the_home_table_filters_by_flag(client_for, leader):
    client = client_for(leader)
    html = client.get(reverse("home"), {"flag": "far_ahead"}).content.decode()
    assert _codes(html) == ["1.6", "2.1"]
    assert 'aria-current="true"' in html  # the chosen chip is marked

    everything = client.get(reverse("home")).content.decode()
    insufficient = client.get(reverse("home"), {"flag": "insufficient_data"}).content.decode()
    expected = [code for code, flag in _flags_by_code(everything).items() if flag == "insufficient_data"]
    assert _codes(insufficient) == expected


def test_an_unknown_flag_in_the_address_is_ignored(client_for, leader):
    response = client_for(leader).get(reverse("home"), {"flag": "<script>"})
    assert response.status_code == 200
    assert len(_codes(response.content.decode())) == Indicator.objects.count()


def test_the_filter_keeps_the_sort_and_the_sort_keeps_the_filter(client_for, leader):
    html = client_for(leader).get(reverse("home"), {"flag": "far_ahead", "sort": "-code"}).content.decode()
    assert _codes(html) == ["2.1", "1.6"]
    assert "sort=-code&amp;flag=on_track" in html or "flag=on_track&amp;sort=-code" in html


def test_sorting_by_assessment_puts_the_most_urgent_first(client_for, leader):
    html = client_for(leader).get(reverse("home"), {"sort": "assessment"}).content.decode()
    order = [FLAG_URGENCY.index(flag) for flag in _flags_by_code(html).values()]
    assert order == sorted(order)
    assert list(_flags_by_code(html).values())[0] == "far_ahead"  # nothing is behind or regressing yet


def test_sorting_by_gap_compares_the_gap_as_a_share_of_the_goal(client_for, leader):
    html = client_for(leader).get(reverse("home"), {"sort": "gap"}).content.decode()
    # 1.6: −0,29 of > 2 (−14,5%); 2.1: −5 of ≥ 80 (−6,25%); 2.5: 5 of ≥ 80 (6,25%); 2.2: 5,37 of ≥ 80 (6,7%);
    # 1.1: 1,7 of ≥ 20 (8,5%)
    assert _codes(html)[:5] == ["1.6", "2.1", "2.5", "2.2", "1.1"]


def _add_indicators(count: int) -> None:
    """Indicators with a goal, four yearly figures of which one is given by two documents, and two quarters."""
    group = IndicatorGroup.objects.get(code="2")
    older, newer = Document.objects.get(slug="qd-466-2023"), Document.objects.get(slug="cv-5473-2024")
    for n in range(count):
        indicator = Indicator.objects.create(
            code=f"9.{n + 1}", group=group, name=f"Chỉ tiêu thử {n}", measure_unit="%", introduced_by=older
        )
        Target.objects.create(
            indicator=indicator, year=2025, kind="goal", comparator=">=", value=30, wording="30%", document=older
        )
        Target.objects.create(
            indicator=indicator, year=2024, kind="plan", comparator=">=", value=20, wording="20%", document=older
        )
        for year, value in ((2021, 10), (2022, 14), (2023, 18), (2024, 22)):
            Observation.objects.create(indicator=indicator, year=year, value=Decimal(value), source="x", document=newer)
        Observation.objects.create(indicator=indicator, year=2022, value=Decimal(13), source="x", document=older)
        for quarter, value in ((1, 23), (2, 24)):
            Observation.objects.create(
                indicator=indicator, year=2025, quarter=quarter, value=Decimal(value), source="x"
            )


def test_home_page_with_flags_costs_the_same_queries_whatever_the_data_size(
    client_for, leader, django_assert_num_queries
):
    client = client_for(leader)
    # 1 session, 2 user, 3 indicators (with group, reporting unit, parent), 4 targets (with documents),
    # 5 observations (with documents), 6 the person's membership (for the page header; a leader has no unit),
    # 7 how many units have sent the quarter due now (the notice of reporting.templatetags).
    # Gap and flag are computed in Python from what queries 3–5 fetched: none per row.
    with django_assert_num_queries(7):
        client.get(reverse("home"), {"flag": "on_track", "sort": "gap"})
    _add_indicators(12)
    with django_assert_num_queries(7):
        html = client.get(reverse("home"), {"flag": "on_track", "sort": "gap"}).content.decode()
    # The added indicators are not on track: 24% at mid-2025, rising 4 points a year, gives 26% at the end of
    # 2025, a third of the 6 points needed for 30% (Q = 2/6): behind. The digital-economy share still is.
    assert _codes(html) == ["1.1"]
    all_rows = client.get(reverse("home")).content.decode()
    assert {_flags_by_code(all_rows)[f"9.{n}"] for n in range(1, 13)} == {"off_track"}


# --- Indicator page ------------------------------------------------------------------------------------------


def _page_text(client, code: str) -> str:
    return _text(client.get(reverse("indicator_detail", args=[code])).content.decode())


def test_the_digital_economy_share_explained_in_one_vietnamese_sentence(client_for, leader):
    text = _page_text(client_for(leader), "1.1")
    assert (
        "Cần tăng 1,7 điểm %/năm đến 2025; 2023–2024 tăng 1,8 điểm %/năm, theo xu hướng này năm 2025 đạt khoảng"
    ) in text
    assert ": đúng tiến độ (số liệu tạm ước tính)." in text
    assert "Kế hoạch 2024 (≥ 17,5%): đạt, năm 2024 đạt 18,3%" in text  # the milestone of the year's own plan
    assert "79% quãng đường từ 11,91% (2021) đến mục tiêu" in text  # (18,3 − 11,91) / (20 − 11,91)
    assert "Tỷ số tăng trưởng R" in text


def test_smartphones_far_beyond_the_goal_ask_for_a_raised_target(client_for, leader):
    text = _page_text(client_for(leader), "2.1")
    assert (
        "Năm 2022 đạt 85%, vượt mục tiêu 2025 (≥ 80%) 5 điểm %: vượt xa mục tiêu, đề xuất nâng chỉ tiêu "
        "(số liệu tạm ước tính)."
    ) in text


def test_digital_signatures_one_figure_says_what_pace_is_needed(client_for, leader):
    text = _page_text(client_for(leader), "2.3")
    assert (
        "Mới có một số liệu (năm 2021: 0,34%), chưa đủ để đánh giá xu hướng; cần tăng 12,42 điểm %/năm đến 2025."
    ) in text  # (50 − 0,34) / 4 years = 12,415


def test_an_indicator_with_yearly_plans_only_says_it_has_no_period_goal(client_for, leader):
    text = _page_text(client_for(leader), "1.2.1")
    assert "Chỉ tiêu này chưa có mục tiêu giai đoạn (2025, 2030)." in text


def test_where_documents_disagree_the_period_goal_says_which_one_is_in_force(client_for, leader):
    text = _page_text(client_for(leader), "2.8")
    assert "> 30% vào năm 2025 (466/QĐ-BTTTT, Mục II.1); văn bản khác ghi > 50% (466/QĐ-BTTTT, Phụ lục 01)" in text
    assert "Chưa có số liệu; mục tiêu 2025 là > 30%." in text


def test_a_quarterly_figure_is_judged_with_the_fraction_of_the_year_left(client_for, leader):
    Observation.objects.create(
        indicator=Indicator.objects.get(code="1.1"), year=2025, quarter=2, value=Decimal("19.4"), source="thử"
    )
    text = _page_text(client_for(leader), "1.1")
    assert "Cần tăng 1,2 điểm %/năm đến 2025; 2024–Q2/2025 tăng 2,2 điểm %/năm" in text  # 0,6 in half a year
    assert "19,4% (Q2/2025)" in text


def test_the_explanation_in_english(client_for, leader):
    client = client_for(leader)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = _page_text(client, "1.1")
    assert "Needs to rise 1.7 percentage points a year until 2025; 2023–2024 rose 1.8 percentage points a year" in text
    assert "on track (provisional estimates)." in text
    assert "On track" in _text(client.get(reverse("home")).content.decode())


# --- API -----------------------------------------------------------------------------------------------------


def test_the_api_gives_the_progress_of_an_indicator(client_for, leader):
    progress = client_for(leader).get("/api/v1/indicators/1.1/").json()["progress"]
    assert progress["flag"] == "on_track" and progress["flag_label"] == LABELS["on_track"]
    assert progress["goal"] == {
        "year": 2025,
        "comparator": ">=",
        "value": "20",
        "text": "Tỷ trọng kinh tế số đạt 20% GDP",
    }
    assert progress["latest"] == {"period": "2024", "value": "18.3", "provisional": True}
    assert progress["gap"] == "1.7" and progress["required_pace"] == "1.7" and progress["last_pace"] == "1.8"
    assert Decimal("20") < Decimal(progress["projected_value"]) < Decimal("21")
    assert Decimal("0.95") <= Decimal(progress["projected_share"]) < Decimal("1.3")
    actual = (18.3 / 11.91) ** (1 / 3) - 1
    required = (20 / 11.91) ** (1 / 4) - 1
    assert float(progress["ratio"]) == pytest.approx(actual / required, abs=1e-4)
    assert progress["milestone"]["year"] == 2024 and progress["milestone"]["met"] is True
    assert progress["explanation"].startswith("Cần tăng 1,7 điểm %/năm đến 2025")


@pytest.mark.parametrize(
    ("code", "flag", "gap", "latest"),
    [
        ("2.1", "far_ahead", "-5", "85"),
        ("2.3", "insufficient_data", "49.66", "0.34"),
        ("1.7", "insufficient_data", None, None),
    ],
)
def test_the_api_progress_of_the_real_series(client_for, reviewer, code, flag, gap, latest):
    progress = client_for(reviewer).get(f"/api/v1/indicators/{code}/").json()["progress"]
    assert (progress["flag"], progress["gap"]) == (flag, gap)
    assert (progress["latest"] or {}).get("value") == latest
    assert progress["projected_value"] is None and progress["ratio"] is None


def test_the_api_list_with_progress_costs_the_same_queries_whatever_the_data_size(
    client_for, leader, django_assert_num_queries
):
    client = client_for(leader)
    # 1 session, 2 user, 3 the person's membership (every route checks the caller has a role),
    # 4 indicators (with group, reporting unit, parent), 5 targets (with documents),
    # 6 observations (with documents); the progress of each indicator is computed from them.
    with django_assert_num_queries(6):
        client.get("/api/v1/indicators/")
    _add_indicators(10)
    with django_assert_num_queries(6):
        data = client.get("/api/v1/indicators/").json()
    added = [item for item in data if item["code"].startswith("9.")]
    assert len(added) == 10 and {item["progress"]["latest"]["period"] for item in added} == {"2025Q2"}


def test_the_openapi_schema_documents_the_progress_object(client_for, leader):
    schema = client_for(leader).get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    components = schema["components"]["schemas"]
    assert "progress" in components["Indicator"]["properties"]
    progress = components["Progress"]["properties"]
    assert {"flag", "goal", "latest", "gap", "projected_value", "ratio", "projected_share", "explanation"} <= set(
        progress
    )
    assert set(components["FlagEnum"]["enum"]) == set(LABELS)
    assert {"year", "comparator", "value"} <= set(components["ProgressGoal"]["properties"])
    assert {"period", "value", "provisional"} <= set(components["ProgressFigure"]["properties"])


def test_the_flag_does_not_depend_on_the_day_it_is_computed(monkeypatch):
    """The period goal comes from the figures' years, never from today's date: computed in 2031, 1.1 is still
    judged against 2025 with the figures it has."""

    def assessment():
        return assess_indicator(Indicator.objects.with_figures().get(code="1.1")).progress

    before = assessment()
    later = timezone.make_aware(datetime(2031, 6, 1, 9, 0))
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later.date())
    after = assessment()
    assert after == before and after.goal.year == 2025
