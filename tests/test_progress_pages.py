"""Gap and trend flags where people read them: the home table (columns, filter, sort), the indicator page's sentence,
and the `progress` object of the API. Scenario 4: the leader reads the picture before a meeting."""

import html as htmllib
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Document, Indicator, IndicatorGroup, Observation, Target, TargetProposal
from indicators.progress import FLAG_URGENCY
from indicators.selectors import assess_indicator
from plans.models import Task
from strategy_tracker import clock

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
    "at_risk": "Đã đạt nhưng xu hướng giảm: cần giải pháp giữ vững",
    "no_goal_ahead": "Cần đề xuất mục tiêu mới",
}
MID_2025 = date(2025, 6, 30)  # the 2025 goal still ahead: the examples of the method as it read then


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _flags_by_code(html: str) -> dict[str, str]:
    """{code: flag} read from the home table's rows."""
    row = r'<td class="col-code">\s*<a [^>]*>([0-9.]+)</a>.*?<span class="flag flag-([a-z_]+)">'
    return dict(re.findall(row, html, re.S))


def _codes(html: str) -> list[str]:
    return re.findall(r'<td class="col-code">\s*<a [^>]*>([0-9.]+)</a>', html)


# --- Home table ----------------------------------------------------------------------------------------------


def test_leader_sees_at_a_glance_what_is_on_track_far_ahead_or_short_of_data(client_for, leader):
    """Late 2026: the assessment steers to 2030. 1.1 is on track for 30%; 2.1's single figure (85%) is too little to
    judge a trend to 95%; indicators whose documents set no goal beyond 2025 ask for one."""
    html = client_for(leader).get(reverse("home")).content.decode()
    flags = _flags_by_code(html)
    assert len(flags) == Indicator.objects.count()
    assert flags["1.1"] == "on_track"  # 18,3% in 2024, heading for about 30,7% in 2030
    assert flags["2.1"] == "insufficient_data"  # smartphones: one figure, the 2030 goal is 95%
    assert flags["2.3"] == "no_goal_ahead"  # digital signatures: a 2025 goal only, and 2025 is over
    assert flags["1.2.1"] == "insufficient_data"  # the per-sector goal of 1.2 (≥ 20% in 2030), no figure yet
    assert flags["1.2.2"] == "insufficient_data"
    text = _text(html)
    assert LABELS["no_goal_ahead"] in text and LABELS["on_track"] in text
    # the summary above the table counts each flag as the rows show it
    for flag in set(flags.values()):
        count = list(flags.values()).count(flag)
        assert f"{LABELS[flag]} {count}" in text, flag
    assert f"Tất cả chỉ tiêu {len(flags)}" in text


def test_the_home_table_filters_by_flag(client_for, leader):
    client = client_for(leader)
    html = client.get(reverse("home"), {"flag": "insufficient_data"}).content.decode()
    assert _codes(html) == ["1.2", "1.2.1", "1.2.2", "2.1", "2.2"]
    assert 'aria-current="true"' in html  # the chosen chip is marked

    everything = client.get(reverse("home")).content.decode()
    no_goal = client.get(reverse("home"), {"flag": "no_goal_ahead"}).content.decode()
    expected = [code for code, flag in _flags_by_code(everything).items() if flag == "no_goal_ahead"]
    assert _codes(no_goal) == expected and "2.3" in expected


def test_an_unknown_flag_in_the_address_is_ignored(client_for, leader):
    response = client_for(leader).get(reverse("home"), {"flag": "<script>"})
    assert response.status_code == 200
    assert len(_codes(response.content.decode())) == Indicator.objects.count()


def test_the_filter_keeps_the_sort_and_the_sort_keeps_the_filter(client_for, leader):
    html = client_for(leader).get(reverse("home"), {"flag": "insufficient_data", "sort": "-code"}).content.decode()
    assert _codes(html) == ["2.2", "2.1", "1.2.2", "1.2.1", "1.2"]
    assert "sort=-code&amp;flag=on_track" in html or "flag=on_track&amp;sort=-code" in html


def test_a_made_up_parameter_is_left_out_of_the_home_table_s_links(client_for, leader):
    """The table is kept in Django's cache for the parameters it knows (a flag, a sort): a made-up one never enters
    its headings' links, which the next visitor would be given."""
    client = client_for(leader)
    html = client.get(reverse("home"), {"sort": "-code", "utm_source": "<b>mail</b>"}).content.decode()
    table = html.split("indicator-table", 1)[1].split("</table>", 1)[0]
    assert 'href="?sort=code"' in table and "utm_source" not in table
    assert "utm_source" not in client.get(reverse("home"), {"sort": "-code"}).content.decode()


def test_sorting_by_assessment_puts_the_most_urgent_first(client_for, leader):
    html = client_for(leader).get(reverse("home"), {"sort": "assessment"}).content.decode()
    order = [FLAG_URGENCY.index(flag) for flag in _flags_by_code(html).values()]
    assert order == sorted(order)
    assert list(_flags_by_code(html).values())[0] == "no_goal_ahead"  # nothing is behind or regressing yet


def test_sorting_by_gap_compares_the_gap_as_a_share_of_the_goal(client_for, leader):
    html = client_for(leader).get(reverse("home"), {"sort": "gap"}).content.decode()
    # 1.6: −0,29 of > 2 (−14,5%, against 2025, its last goal); 2.5: 5 of ≥ 80 (6,25%); 2.1: 10 of ≥ 95 (10,5%);
    # 2.2: 20,37 of > 95 (21,4%); 1.3: 2,5 of > 10 (25%)
    assert _codes(html)[:5] == ["1.6", "2.5", "2.1", "2.2", "1.3"]


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
    page = (reverse("home"), {"flag": "on_track", "sort": "gap"})
    # 1 session, 2 the person with their membership (for the page header; a leader has no unit), 3 the indicators'
    # counters (what the table is made from: it is kept per server for them, the day, the language and the
    # parameters), 4 how many units have sent the quarter due now (the notice of reporting.templatetags), 5 the
    # proposals, 6 the target rounds' indicators and 7 the releases awaiting the leader's decision (the same notice).
    # Made: 8 indicators (with group, reporting unit, parent and stored assessment); gap and flag are read from the
    # stored assessments, no query per row. An assessment not stored for today adds 4 queries (targets, their
    # documents, figures, their documents) and 3 to store it (the upsert in a savepoint of its own), whatever the
    # number of them.
    with django_assert_num_queries(8 + 7):
        client.get(*page)
    with django_assert_num_queries(7):
        client.get(*page)
    _add_indicators(12)
    with django_assert_num_queries(8 + 7):
        client.get(*page)
    with django_assert_num_queries(7):
        html = client.get(*page).content.decode()
    # The added indicators have a 2025 goal only, and 2025 is over: no goal ahead. The digital-economy share is
    # still the one indicator on track.
    assert _codes(html) == ["1.1"]
    all_rows = client.get(reverse("home")).content.decode()
    assert {_flags_by_code(all_rows)[f"9.{n}"] for n in range(1, 13)} == {"no_goal_ahead"}


# --- Indicator page ------------------------------------------------------------------------------------------


def test_the_indicator_page_costs_the_same_queries_whatever_its_figures(client_for, leader, django_assert_num_queries):
    client = client_for(leader)
    page = reverse("indicator_detail", args=["2.1"])
    # Kept: 1 session, 2 the person with their membership (access and page header), 3 the reference data's version
    # (its parts' key, read first), 4 the indicator (group, unit, parent and the document introducing it joined;
    # whether it has target proposals and action-plan tasks), 5 its action-plan tasks (it has some; no proposal:
    # none read). Made (its parts are kept for the version,
    # the day and the person's right to propose): 6 targets, 7 their documents, 8 figures, 9 their
    # documents.
    assert not TargetProposal.objects.filter(indicator__code="2.1").exists()
    assert Task.objects.filter(criterion_indicator__code="2.1").exists()
    with django_assert_num_queries(9):
        client.get(page)
    with django_assert_num_queries(5):
        client.get(page)
    indicator = Indicator.objects.get(code="2.1")
    for year in range(2000, 2020):
        for quarter in (1, 2, 3, 4):
            Observation.objects.create(indicator=indicator, year=year, quarter=quarter, value=Decimal(year % 90))
    with django_assert_num_queries(9):
        client.get(page)
    with django_assert_num_queries(5):
        html = client.get(page).content.decode()
    assert "Quý 4/2019" in html  # the figures added, not the part kept before them


def test_an_indicator_without_proposals_or_tasks_reads_neither(client_for, leader, django_assert_num_queries):
    """Whether the indicator has target proposals and action-plan tasks is read with it: without them, no query
    for them; with a proposal, the proposal is read and shown, whatever was kept before."""
    _add_indicators(1)
    client = client_for(leader)
    page = reverse("indicator_detail", args=["9.1"])
    client.get(page)
    # 1 session, 2 the person with their membership, 3 the data version, 4 the indicator (with whether it has
    # proposals and tasks).
    with django_assert_num_queries(4):
        html = client.get(page).content.decode()
    assert "Chưa có đề xuất điều chỉnh nào cho chỉ tiêu này." in html
    indicator = Indicator.objects.get(code="9.1")
    TargetProposal.objects.create(
        indicator=indicator, year=2030, kind="goal", comparator=">=", value=Decimal("45.5"), reason="Nâng mục tiêu.",
        proposed_by=leader,
    )  # fmt: skip
    # A proposal is reference data: the parts are made again. 5 its proposals (people joined), 6 targets, 7 their
    # documents, 8 figures, 9 their documents.
    with django_assert_num_queries(9):
        html = client.get(page).content.decode()
    assert "Nâng mục tiêu." in html and "Chưa có đề xuất điều chỉnh nào" not in html


def _page_text(client, code: str) -> str:
    return _text(client.get(reverse("indicator_detail", args=[code])).content.decode())


def test_the_digital_economy_share_explained_in_one_vietnamese_sentence(client_for, leader, on_day):
    on_day(MID_2025)
    text = _page_text(client_for(leader), "1.1")
    assert (
        "Cần tăng 1,7 điểm %/năm đến 2025; xu hướng 2021–2024 tăng 2,06 điểm %/năm, chậm dần qua từng năm "
        "(2,35 → 2,24 → 1,8), theo xu hướng này năm 2025 đạt khoảng"
    ) in text
    assert ": đúng tiến độ (số liệu tạm ước tính)." in text
    assert "Kế hoạch 2024 (≥ 17,5%): đạt, năm 2024 đạt 18,3%" in text  # the milestone of the year's own plan
    assert "79% quãng đường từ 11,91% (2021) đến mục tiêu" in text  # (18,3 − 11,91) / (20 − 11,91)
    assert "Tỷ số tăng trưởng R" in text


def test_the_digital_economy_share_as_of_today_steers_to_2030_and_awaits_the_2025_figure(client_for, leader):
    text = _page_text(client_for(leader), "1.1")
    assert (
        "Cần tăng 1,95 điểm %/năm đến 2030; xu hướng 2021–2024 tăng 2,06 điểm %/năm, chậm dần qua từng năm "
        "(2,35 → 2,24 → 1,8), theo xu hướng này năm 2030 đạt khoảng 30,66%: đúng tiến độ (số liệu tạm ước tính)."
    ) in text
    assert "Mục tiêu cần hướng tới ≥ 30% vào năm 2030 (QĐ 411/QĐ-TTg, dẫn theo 5473/BTTTT-KTS&XHS, Đoạn mở đầu)" in text
    assert (
        "Mục tiêu 2025 (≥ 20%): chờ số liệu năm 2025; số liệu gần nhất trước đó là 18,3% (năm 2024), "
        "theo xu hướng đến năm 2025 đạt khoảng 20,36% (số liệu tạm ước tính)"
    ) in text


def test_the_2025_goal_gets_its_verdict_once_the_2025_figure_is_in(client_for, leader):
    one_one = Indicator.objects.get(code="1.1")
    Observation.objects.create(indicator=one_one, year=2025, value=Decimal("19.5"), source="Cục Thống kê")
    text = _page_text(client_for(leader), "1.1")
    assert "Mục tiêu 2025 (≥ 20%): không đạt, năm 2025 đạt 19,5%, còn thiếu 0,5 điểm %" in text
    html = client_for(leader).get(reverse("home")).content.decode()
    row = re.search(r'<a href="/indicators/1.1/">1.1</a>.*?</tr>', html, re.S).group(0)
    assert "verdict-missed" in row


def test_smartphones_far_beyond_the_goal_ask_for_a_raised_target(client_for, leader, on_day):
    on_day(MID_2025)
    text = _page_text(client_for(leader), "2.1")
    assert (
        "Năm 2022 đạt 85%, vượt mục tiêu 2025 (≥ 80%) 5 điểm %: vượt xa mục tiêu, đề xuất nâng chỉ tiêu "
        "(số liệu tạm ước tính)."
    ) in text


def test_digital_signatures_one_figure_says_what_pace_is_needed(client_for, leader, on_day):
    on_day(MID_2025)
    text = _page_text(client_for(leader), "2.3")
    assert (
        "Mới có một số liệu (năm 2021: 0,34%), chưa đủ để đánh giá xu hướng; cần tăng 12,42 điểm %/năm đến 2025."
    ) in text  # (50 − 0,34) / 4 years = 12,415


def test_a_sub_row_of_1_2_steers_to_its_parent_s_per_sector_goal(client_for, leader):
    text = _page_text(client_for(leader), "1.2.1")
    assert "Chưa có số liệu; mục tiêu 2030 là ≥ 20%." in text
    assert "Chỉ tiêu này chưa có mục tiêu chiến lược." not in text


def test_where_documents_disagree_the_period_goal_says_which_one_is_in_force(client_for, leader, on_day):
    on_day(MID_2025)
    text = _page_text(client_for(leader), "2.8")
    assert "> 30% vào năm 2025 (466/QĐ-BTTTT, Mục II.1); văn bản khác ghi > 50% (466/QĐ-BTTTT, Phụ lục 01)" in text
    assert "Chưa có số liệu; mục tiêu 2025 là > 30%." in text


def test_a_quarterly_figure_is_judged_with_the_fraction_of_the_year_left(client_for, leader, on_day):
    on_day(date(2025, 7, 20))
    Observation.objects.create(
        indicator=Indicator.objects.get(code="1.1"), year=2025, quarter=2, value=Decimal("19.4"), source="thử"
    )
    text = _page_text(client_for(leader), "1.1")
    # 0,6 in half a year; the trend runs from 2021 to the quarter, and the quarter's step (2,2 a year) ends the slowing
    assert "Cần tăng 1,2 điểm %/năm đến 2025; xu hướng 2021–Quý 2/2025 tăng 2,06 điểm %/năm, theo xu hướng" in text
    assert "+2,2 điểm %/năm trong 2024–Quý 2/2025" in text  # the last step, among the facts
    assert "19,4% (Quý 2/2025)" in text


def test_the_explanation_in_english(client_for, leader, on_day):
    on_day(MID_2025)
    client = client_for(leader)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = _page_text(client, "1.1")
    assert (
        "Needs to rise 1.7 percentage points a year until 2025; the trend over 2021–2024 rises 2.06 percentage points "
        "a year, slowing year after year (2.35 → 2.24 → 1.8)"
    ) in text
    assert "on track (provisional estimates)." in text
    assert "On track" in _text(client.get(reverse("home")).content.decode())


# --- API -----------------------------------------------------------------------------------------------------


def test_the_api_gives_the_progress_of_an_indicator(client_for, leader, on_day):
    on_day(MID_2025)
    progress = client_for(leader).get("/api/v1/indicators/1.1/").json()["progress"]
    assert progress["flag"] == "on_track" and progress["flag_label"] == LABELS["on_track"]
    assert progress["goal"] == {
        "year": 2025,
        "comparator": ">=",
        "value": "20",
        "text": "20%",  # 466's Mục II.1: a minister's decision outranks 5473, an official letter
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
        ("2.1", "insufficient_data", "10", "85"),
        ("2.3", "no_goal_ahead", "49.66", "0.34"),
        ("1.7", "no_goal_ahead", None, None),
    ],
)
def test_the_api_progress_of_the_real_series(client_for, reviewer, code, flag, gap, latest):
    progress = client_for(reviewer).get(f"/api/v1/indicators/{code}/").json()["progress"]
    assert (progress["flag"], progress["gap"]) == (flag, gap)
    assert (progress["latest"] or {}).get("value") == latest
    assert progress["projected_value"] is None and progress["ratio"] is None
    (verdict,) = progress["past_goals"]
    assert verdict["goal"]["year"] == 2025 and verdict["verdict"] == "pending"


def test_the_api_list_with_progress_costs_the_same_queries_whatever_the_data_size(
    client_for, leader, django_assert_num_queries
):
    client = client_for(leader)
    # 1 session, 2 the person with their membership (every route checks the caller has a role),
    # 3 the count of indicators (the list is paginated), 4 the page's ids with what each item is kept under (its
    # revision and the names it shows of its group, parent and reporting unit), for the day and the language; those
    # not kept are made at once: 5 the indicators (with group,
    # reporting unit, parent and stored assessment), the progress read from the stored assessment. Those not
    # stored for today add 4 queries (targets, their documents, figures, their documents) and 3 to store them
    # (the upsert in a savepoint of its own).
    with django_assert_num_queries(5 + 7):
        client.get("/api/v1/indicators/")
    with django_assert_num_queries(4):
        client.get("/api/v1/indicators/")
    _add_indicators(10)
    with django_assert_num_queries(5 + 7):
        client.get("/api/v1/indicators/")
    with django_assert_num_queries(4):
        data = client.get("/api/v1/indicators/").json()["results"]
    added = [item for item in data if item["code"].startswith("9.")]
    assert len(added) == 10 and {item["progress"]["latest"]["period"] for item in added} == {"2025Q2"}
    # A new figure of one indicator: only its item made again, with the figure; never the item kept before.
    Observation.objects.create(indicator=Indicator.objects.get(code="9.3"), year=2025, quarter=3, value=Decimal(25))
    with django_assert_num_queries(5 + 7):
        changed = {item["code"]: item for item in client.get("/api/v1/indicators/").json()["results"]}
    assert changed["9.3"]["progress"]["latest"]["period"] == "2025Q3"
    assert [changed[item["code"]] for item in data if item["code"] != "9.3"] == [i for i in data if i["code"] != "9.3"]


def test_an_indicator_s_api_detail_reads_its_stored_assessment_in_a_fixed_number_of_queries(
    client_for, leader, django_assert_num_queries
):
    client = client_for(leader)
    # 1 session, 2 the person with their membership, 3 the indicator's id with what its answer is kept under (its
    # revision and the names it shows). Not kept for those, the day and the language: 4 the indicator (with group,
    # reporting unit, parent and stored assessment), 5 its targets with their documents, 6 its figures with their
    # documents; not stored for today,
    # 3 more to store its assessment (the upsert in a savepoint of its own).
    with django_assert_num_queries(6 + 3):
        first = client.get("/api/v1/indicators/2.1/").json()
    with django_assert_num_queries(3):
        again = client.get("/api/v1/indicators/2.1/").json()
    assert first == again
    # A new figure raises the revision: made again, from the stored assessment made again.
    Observation.objects.create(indicator=Indicator.objects.get(code="2.1"), year=2026, quarter=3, value=Decimal(87))
    with django_assert_num_queries(6 + 3):
        changed = client.get("/api/v1/indicators/2.1/").json()
    assert changed["observations"][-1]["value"] == "87" and changed != again
    with django_assert_num_queries(3):
        assert client.get("/api/v1/indicators/2.1/").json() == changed
    fresh = assess_indicator(Indicator.objects.with_figures().get(code="2.1"), clock.today())
    in_force = {
        (t.year, t.kind, format(t.value.normalize(), "f")) for t in fresh.in_force.values() if t.value is not None
    }
    assert {(t["year"], t["kind"], t["value"]) for t in changed["targets"] if t["in_force"] and t["value"]} == in_force
    assert changed["progress"]["flag"] == fresh.progress.flag.value != again["progress"]["flag"]
    assert len(changed["observations"]) == fresh.indicator.observations.count() == len(again["observations"]) + 1
    # Its reporting unit renamed, in English: never the answer kept before.
    unit = fresh.indicator.reporting_unit
    unit.short_name = "Cục VT"
    unit.save()
    assert client.get("/api/v1/indicators/2.1/").json()["reporting_unit"]["short_name"] == "Cục VT"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get("/api/v1/indicators/2.1/").json()["progress"]["flag_label"]
    assert english != changed["progress"]["flag_label"]


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


def test_the_goal_to_steer_to_follows_today_and_nothing_else(on_day):
    """The tracker lived in 2025: in late 2026 the next goal not yet past is 2030, and the 2025 goal awaits its
    verdict; standing in mid-2025 the same figures are judged against 2025."""

    def assessment():
        return assess_indicator(Indicator.objects.with_figures().get(code="1.1"), clock.today()).progress

    now = assessment()
    assert now.goal.year == 2030 and [p.goal.year for p in now.past_goals] == [2025]
    on_day(MID_2025)
    then = assessment()
    assert then.goal.year == 2025 and then.past_goals == ()


def test_the_nested_api_list_is_each_indicator_s_detail_kept_with_it(client_for, leader, django_assert_num_queries):
    """`?nested=1` gives each indicator of the page as its detail, kept per server under the detail's own key: the
    same answers, never stale, in a fixed number of queries whatever the data size."""
    client = client_for(leader)
    _add_indicators(6)
    # 1 session, 2 the person with their membership, 3 the count, 4 the page's ids with what each is kept under. Not
    # kept: 5 the indicators (with their stored assessments), 6 their targets, 7 their figures (each with its document);
    # not stored for today, 3 more to store their assessments (made from the targets and figures just read).
    with django_assert_num_queries(7 + 3):
        first = client.get("/api/v1/indicators/?nested=1&page_size=20").json()
    with django_assert_num_queries(4):
        assert client.get("/api/v1/indicators/?nested=1&page_size=20").json() == first
    codes = [item["code"] for item in first["results"]]
    assert first["count"] == 27 and len(codes) == 20 and first["next"].endswith("page=2&page_size=20")
    # Each is the indicator's detail, read back from what the list kept (the detail's key query only).
    for item in first["results"]:
        with django_assert_num_queries(3):
            assert client.get(f"/api/v1/indicators/{item['code']}/").json() == item
    # A detail kept before is part of the next page as it was kept; the others are made (and stored) at once.
    kept_before = client.get("/api/v1/indicators/9.6/").json()
    with django_assert_num_queries(7 + 3):
        second = client.get("/api/v1/indicators/?nested=1&page_size=20&page=2").json()
    rest = {item["code"]: item for item in second["results"]}
    assert len(rest) == 7 and rest["9.6"] == kept_before and second["next"] is None
    # A new figure of one indicator: that one made again, with its figure; the others read back.
    Observation.objects.create(indicator=Indicator.objects.get(code="2.1"), year=2026, quarter=3, value=Decimal(87))
    with django_assert_num_queries(7 + 3):
        changed = client.get("/api/v1/indicators/?nested=1&page_size=20").json()
    after = {item["code"]: item for item in changed["results"]}
    assert after["2.1"]["observations"][-1]["value"] == "87" and after["2.1"] != first["results"][codes.index("2.1")]
    others = [item for item in first["results"] if item["code"] != "2.1"]
    assert [after[code] for code in codes if code != "2.1"] == others
    assert after["2.1"] == client.get("/api/v1/indicators/2.1/").json()


def test_an_indicator_deleted_while_its_answer_is_made_is_left_out_or_not_found(client_for, leader, monkeypatch):
    """Between reading the page's revisions and making the answers, an indicator may be deleted: the list leaves it
    out and the detail answers 404, as for any unknown code (never a server error)."""
    from indicators.api import IndicatorViewSet

    gone = Indicator.objects.get(code="2.1").pk
    made = IndicatorViewSet._items

    def deleted_meanwhile(self, pks, today, *, nested):
        return {pk: item for pk, item in made(self, pks, today, nested=nested).items() if pk != gone}

    monkeypatch.setattr(IndicatorViewSet, "_items", deleted_meanwhile)
    client = client_for(leader)
    for query in ("", "?nested=1"):
        codes = [item["code"] for item in client.get(f"/api/v1/indicators/{query}").json()["results"]]
        assert "2.1" not in codes and "2.2" in codes and len(codes) == 20
    response = client.get("/api/v1/indicators/2.1/")
    assert response.status_code == 404 and "2.1" in response.json()["detail"]
