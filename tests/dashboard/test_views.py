"""The dashboard pages: who reads them, what they show with the reference data, the leader's landing after login,
and a fixed number of queries whatever the data size."""

import json
import re
from datetime import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.urls import reverse

from indicators.models import Document, Indicator, IndicatorGroup, Observation, Target, Unit
from indicators.services import target_proposal_create, target_proposal_reject
from reporting.models import Submission
from tests.conftest import HANOI
from tests.test_progress_pages import _add_indicators

OVERVIEW, BRIEFING = reverse("dashboard:overview"), reverse("dashboard:briefing")


def _figure(html: str, name: str) -> dict:
    match = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', html, re.S)
    assert match, name
    return json.loads(match.group(1))


@pytest.mark.parametrize("url", [OVERVIEW, BRIEFING])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, url, db):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", [OVERVIEW, BRIEFING])
def test_an_account_without_a_role_is_refused(client, url, db):
    charlie = get_user_model().objects.create_user("charlie", password="x")  # no Membership
    client.force_login(charlie)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("person", ["cvt_reporter", "reviewer", "leader", "admin_user"])
@pytest.mark.parametrize("url", [OVERVIEW, BRIEFING])
def test_every_person_with_a_role_reads_the_dashboard_read_only(db, client_for, request, person, url):
    html = client_for(request.getfixturevalue(person)).get(url).content.decode()
    assert "<form" not in html.split('<main class="page">')[1]  # nothing to write here


def test_a_leader_lands_on_the_dashboard_after_login_and_others_on_the_indicator_table(client, leader, reviewer):
    response = client.post(reverse("login"), {"username": "leader", "password": "demo"})
    assert response["Location"] == OVERVIEW
    client.logout()
    assert client.post(reverse("login"), {"username": "cvt", "password": "demo"})["Location"] == reverse("home")
    client.logout()
    asked = client.post(reverse("login") + "?next=/indicators/1.1/", {"username": "leader", "password": "demo"})
    assert asked["Location"] == "/indicators/1.1/"  # a page asked for wins


def test_the_menu_links_the_dashboard(client_for, cvt_reporter):
    html = client_for(cvt_reporter).get(reverse("home")).content.decode()
    assert f'<a href="{OVERVIEW}">Bảng điều hành</a>' in html


def test_the_overview_shows_every_indicator_coloured_by_flag_with_the_counts_and_the_2025_verdicts(client_for, leader):
    html = client_for(leader).get(OVERVIEW).content.decode()
    figure = _figure(html, "overview-figure")
    codes = [code for trace in figure["data"] if "flag" in trace["meta"] for code in trace["y"]]
    assert sorted(codes) == sorted(Indicator.objects.values_list("code", flat=True))
    rows = [code for trace in figure["data"] if trace["meta"].get("role") == "row" for code in trace["y"]]
    assert sorted(rows) == sorted(codes)  # every row opens its indicator, with or without a bar
    on_track = next(t for t in figure["data"] if t["meta"].get("flag") == "on_track")
    assert on_track["y"] == ["1.1"] and on_track["text"] == ["35% · Đúng tiến độ"]
    assert "Xu hướng đến năm mục tiêu: khoảng 30,66% (2030)" in on_track["customdata"][0][1]
    assert figure["layout"]["separators"] == ",."
    titles = [a["text"] for a in figure["layout"]["annotations"] if a["yref"].endswith("paper")]
    assert titles == ["Phát triển kinh tế số", "Phát triển xã hội số"]
    assert "<b>2.7</b> Tỷ lệ dân số trưởng thành có sử dụng dịch vụ công trực…" in [
        a["text"] for a in figure["layout"]["annotations"]
    ]
    assert 'href="/?flag=on_track"' in html and "Đúng tiến độ <b>1</b>" in html
    verdicts = _figure(html, "verdicts-figure")
    assert [(t["meta"]["verdict"], t["x"]) for t in verdicts["data"]] == [("pending", [21])]
    assert "1.1</a> Mục tiêu 2025 (≥ 20%): chờ số liệu năm 2025" in html
    assert "khoảng 20,36%" in html
    assert 'src="/static/dashboard/vendor/plotly.min.js"' in html and 'src="http' not in html  # no CDN
    assert "<script>" not in html  # data through json_script only, drawn by a static script


def _submit(unit_slug: str, quarter: int, day: datetime | None, status: str) -> None:
    Submission.objects.create(
        unit=Unit.objects.get(slug=unit_slug), year=2026, quarter=quarter, status=status, first_submitted_at=day
    )


def test_the_timeliness_heatmap_shows_each_unit_and_quarter(client_for, reviewer, on_day):
    on_day(datetime(2026, 12, 8).date())  # Q4 2026 was due on 05/12
    _submit("cuc-vt", 4, datetime(2026, 12, 2, 9, tzinfo=HANOI), "accepted")
    _submit("neac", 4, datetime(2026, 12, 7, 9, tzinfo=HANOI), "submitted")
    html = client_for(reviewer).get(OVERVIEW).content.decode()
    heatmap = _figure(html, "timeliness-figure")["data"][0]
    cells = dict(zip(heatmap["y"], heatmap["text"], strict=True))
    assert cells["Cục Viễn thông"][3] == "Đã gửi đúng hạn · Đã chấp nhận"
    assert cells["Trung tâm NEAC"][3] == "Gửi muộn · Đã gửi"
    assert cells["Cục ATTT"][3] == "Chưa gửi, đã quá hạn"
    assert cells["Cục ATTT"][0].startswith("Không theo dõi")  # before the first tracked quarter
    assert heatmap["x"] == ["Quý 1/2026", "Quý 2/2026", "Quý 3/2026", "Quý 4/2026"]


def test_the_heatmap_kept_shows_a_renamed_unit_at_once_and_is_not_made_again_for_a_goal(
    client_for, reviewer, monkeypatch
):
    """The heatmap's part is kept for the submissions' version and the units as read for the request: an UPDATE of
    a unit's name shows at once (no cache emptied), while a goal changed leaves the kept part to be read."""
    from dashboard import views

    made = []
    timeliness = views.timeliness_model
    monkeypatch.setattr(views, "timeliness_model", lambda *a, **k: made.append(1) or timeliness(*a, **k))
    client = client_for(reviewer)
    client.get(OVERVIEW)
    assert made == [1]
    assert Target.objects.filter(indicator__code="2.5", kind=Target.Kind.GOAL).update(value=Decimal("96")) > 0
    html = client.get(OVERVIEW).content.decode()
    assert made == [1] and "Cục Viễn thông" in _figure(html, "timeliness-figure")["data"][0]["y"]
    Unit.objects.filter(slug="cuc-vt").update(short_name="Cục Viễn thông (đổi tên)")
    html = client.get(OVERVIEW).content.decode()
    assert made == [1, 1] and "Cục Viễn thông (đổi tên)" in _figure(html, "timeliness-figure")["data"][0]["y"]


def test_a_reporter_sees_only_their_own_unit_on_the_heatmap(client_for, cvt_reporter):
    html = client_for(cvt_reporter).get(OVERVIEW).content.decode()
    assert _figure(html, "timeliness-figure")["data"][0]["y"] == ["Cục Viễn thông"]


@pytest.mark.parametrize("year", ["abc", "1999", "", "2026'--", "99999999999999999999"])
def test_any_year_asked_for_the_heatmap_gives_a_page(client_for, leader, year):
    response = client_for(leader).get(OVERVIEW, {"year": year})
    assert response.status_code == 200 and "năm 2026" in response.content.decode()


def test_the_heatmap_pages_through_the_years(client_for, leader):
    html = client_for(leader).get(OVERVIEW, {"year": "2025"}).content.decode()
    assert "Tình hình gửi báo cáo quý đúng hạn, năm 2025" in html and 'href="?year=2026#timeliness"' in html


def test_the_briefing_lists_the_indicators_that_call_for_action_and_the_pending_proposals(client_for, reviewer, leader):
    smartphones = Indicator.objects.get(code="2.1")
    target_proposal_create(
        indicator=smartphones, year=2030, kind="goal", comparator=">=", value=Decimal(97),
        reason="Năm 2022 đã đạt 85%: đề nghị nâng mục tiêu 2030.", proposed_by=reviewer,
    )  # fmt: skip
    decided = target_proposal_create(
        indicator=smartphones, year=2030, kind="goal", comparator=">=", value=Decimal(96), reason="Cũ.",
        proposed_by=reviewer,
    )  # fmt: skip
    target_proposal_reject(proposal=decided, decided_by=leader, note="Chưa đủ căn cứ.")
    html = client_for(leader).get(BRIEFING).content.decode()
    table = html.split('id="pending-proposals"')[1].split("</table>")[0]
    assert "2030: ≥ 97%" in table and "đề nghị nâng mục tiêu 2030" in table and "≥ 96%" not in table
    assert "(QĐ 411/QĐ-TTg, dẫn theo Sở Thông tin và Truyền thông Cao Bằng" in table  # the goal it replaces
    assert "Quyết định từng đề xuất trên trang của chỉ tiêu." in html
    # With the reference data the indicators whose goal years are all past call for a new target, and nothing else
    # calls for a decision yet: each is listed with what to do.
    actions = html.split('class="briefing-actions"')[1].split("</ol>")[0]
    assert actions.count("<li") == actions.count("Cần đề xuất mục tiêu mới") >= 13
    assert "Hiện không có chỉ tiêu nào cần" not in html
    assert _figure(html, "overview-figure")["data"]
    # 1.1's figures are all estimates: the page does not call its figures official
    assert "Số liệu chính thức đến ngày" not in html and "số liệu ước tính tạm thời, có ghi rõ" in html


def _falling_indicator() -> Indicator:
    """A share whose figures fall year after year toward a 2030 goal of 50%: moving away from it."""
    document = Document.objects.get(slug="qd-466-2023")
    indicator = Indicator.objects.create(
        code="9.1", group=IndicatorGroup.objects.get(code="2"), name="Chỉ tiêu thử đi lùi", measure_unit="%",
        introduced_by=document,
    )  # fmt: skip
    Target.objects.create(
        indicator=indicator, year=2030, kind="goal", comparator=">=", value=50, wording="50%", document=document
    )
    for year, value in ((2021, 30), (2022, 28), (2023, 26), (2024, 24)):
        Observation.objects.create(indicator=indicator, year=year, value=Decimal(value), source="x", document=document)
    return indicator


def test_the_briefing_explains_each_indicator_that_calls_for_action(client_for, leader):
    _falling_indicator()
    html = client_for(leader).get(BRIEFING).content.decode()
    actions = html.split('class="briefing-actions"')[1].split("</ol>")[0]
    items = actions.split("<li")[1:]
    assert items[0].startswith(' data-code="9.1"')  # the most urgent first
    assert "Đi lùi" in items[0] and "giảm 2 điểm %/năm" in items[0]
    # Every indicator whose goal years are all past calls for a new target, and the briefing says so.
    proposing = [item for item in items if "Cần đề xuất mục tiêu mới" in item]
    assert len(items) == 1 + len(proposing) and len(proposing) >= 13
    assert 'data-code="1.3"' in actions and "cần đề xuất mục tiêu tiếp theo" in actions


def test_the_indicator_page_has_its_chart_from_the_same_assessment(client_for, leader):
    html = client_for(leader).get(reverse("indicator_detail", args=["1.1"])).content.decode()
    figure = _figure(html, "indicator-figure")
    roles = [t["meta"]["role"] for t in figure["data"]]
    # Every figure of 1.1 is an estimate (466's footnote [1], PTIT's series in 5473): all hollow.
    assert roles == ["trend", "provisional", "plan", "goal", "path", "projection", "projection"]
    assert figure["data"][1]["x"] == [2021.0, 2022.0, 2022.0, 2023.0, 2024.0]
    assert figure["data"][3]["text"] == ["≥ 20%", "≥ 30%"]
    projections = [t for t in figure["data"] if t["meta"]["role"] == "projection"]
    assert [p["x"][1] for p in projections] == [2030.0, 2025.0]  # to 2030, and the 2025 goal awaiting its figure


@pytest.mark.parametrize("code", ["1.7", "1.2.1", "2.6"])  # no figure; no numeric target; only a goal
def test_an_indicator_page_without_figures_or_targets_still_has_a_chart_that_says_so(client_for, leader, code):
    response = client_for(leader).get(reverse("indicator_detail", args=[code]))
    assert response.status_code == 200
    assert _figure(response.content.decode(), "indicator-figure")["layout"]["annotations"]


def test_plotly_is_served_by_the_app_from_the_installed_package(client, db):
    response = client.get("/static/dashboard/vendor/plotly.min.js")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200 and b"plotly.js" in body[:2000]


def test_the_dashboard_pages_cost_the_same_queries_whatever_the_data_size(
    client_for, leader, django_assert_num_queries
):
    client = client_for(leader)
    # Overview, kept: 1 session, 2 the person with their membership, its unit and their unread notifications (page
    # header and access), 3 how many units have sent the quarter under review, 4 the proposals, 5 the target rounds'
    # indicators and 6 the releases awaiting the leader's decision (above the charts), 7 the data versions of the
    # reference data and the submissions, 8 the reporting units: each part is kept for the versions, the day (and the
    # units the person may read). Made: 9 the indicators' keys (revision and the names they show), 10 those whose
    # part is not kept (group, unit, parent and stored assessment joined), 11 the year's submissions (the four
    # quarters at once). Assessments not stored for today add 4 queries (targets, figures and their documents) and 3
    # to store them (the upsert in a savepoint of its own), and one for the open target round, if any ("proposing the
    # 2030 target").
    with django_assert_num_queries(11 + 7 + 1):
        client.get(OVERVIEW)
    with django_assert_num_queries(8):
        client.get(OVERVIEW)
    # Briefing, kept: 1 session, 2 the person with their membership, 3 the reference data's version, 4 the pending
    # proposals (indicator, replaced target's document, proposer joined). Made: 5 the indicators' keys (their
    # parts, made for the overview, are kept).
    with django_assert_num_queries(5):
        client.get(BRIEFING)
    with django_assert_num_queries(4):
        client.get(BRIEFING)
    before = _figure(client.get(OVERVIEW).content.decode(), "timeliness-figure")["data"][0]["text"]
    _add_indicators(10)
    for unit in Unit.objects.filter(reported_indicators__isnull=False).distinct():
        _submit(unit.slug, 4, datetime(2026, 11, 20, tzinfo=HANOI), "submitted")
    with django_assert_num_queries(11 + 7 + 1):
        client.get(OVERVIEW)
    with django_assert_num_queries(8):
        html = client.get(OVERVIEW).content.decode()
    assert "9.10" in [c for t in _figure(html, "overview-figure")["data"] if "flag" in t["meta"] for c in t["y"]]
    # The units' new submissions, not the heatmap kept before them.
    assert _figure(html, "timeliness-figure")["data"][0]["text"] != before
    with django_assert_num_queries(5):
        client.get(BRIEFING)
    with django_assert_num_queries(4):
        assert "9.10" in client.get(BRIEFING).content.decode()
    # The briefing alone, its parts not kept: 6 those indicators with their stored assessments.
    caches["indicators"].clear()
    caches["template_fragments"].clear()
    with django_assert_num_queries(6):
        client.get(BRIEFING)


def test_the_overview_reads_in_vietnamese_even_where_its_text_holds_a_percent_sign(db, client_for, leader):
    """Django doubles "%" in a {% translate %} string before looking it up: the catalogue must hold "100%%"."""
    html = client_for(leader).get(reverse("dashboard:overview")).content.decode()
    assert "100% là đạt mục tiêu" in html and "Bar: the share" not in html
