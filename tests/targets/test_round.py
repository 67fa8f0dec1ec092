"""The next period's target round: a reviewer of Vụ KTS và XHS opens /targets/next-period/, sees every indicator
without a goal ahead (or without yearly plans toward it) with a suggestion, and proposes them; a leader decides each
indicator; approved values become targets in force of the round's record document, read at once by every page."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from indicators.figures import target_in_force
from indicators.models import Document, Indicator, Membership, Target
from indicators.progress import Flag
from indicators.selectors import assess_indicator
from notifications import messages
from notifications.models import Notification
from strategy_tracker import clock
from targets.models import RoundItem, RoundValue, TargetRound
from targets.services import Decision, ProposerCannotDecide, target_round_decide
from tests.conftest import TODAY
from tests.targets.posted import decision_post, proposal_post

pytestmark = pytest.mark.django_db

NEXT_PERIOD = reverse("targets:next_period")
NO_GOAL_AHEAD = ["1.3", "1.4", "1.5", "1.6", "1.7"] + [f"2.{n}" for n in range(3, 13)]


def _propose(client) -> TargetRound:
    response = client.post(NEXT_PERIOD, proposal_post())
    assert response.status_code == 302, response.content.decode()[:2000]
    return TargetRound.objects.get()


def _in_force(code: str, year: int, kind: str) -> Target | None:
    return target_in_force(Target.objects.select_related("document").filter(indicator__code=code, year=year, kind=kind))


def test_the_reviewer_sees_every_indicator_without_a_goal_ahead_with_a_suggestion(
    client_for, reviewer, django_assert_num_queries
):
    client = client_for(reviewer)
    # session and person (2), the goal years, the indicators with whether they are in an open round, their targets
    # and the targets' documents, their figures and the figures' documents, the open round, the last rounds
    with django_assert_num_queries(10):
        response = client.get(NEXT_PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    model = response.context["model"]
    assert model.period.label == "2026–2030"
    assert model.without_goal_ahead == 15
    assert sorted(c.indicator.code for c in model.candidates if c.no_goal_ahead) == sorted(NO_GOAL_AHEAD)
    # 1.1, 1.2, 2.1 and 2.2 have a 2030 goal but no yearly plan toward it; so have 1.2.1 and 1.2.2 (each sector's
    # goal of row 1.2: at least 20% in 2030)
    assert {c.indicator.code for c in model.candidates if not c.no_goal_ahead} == {"1.1", "1.2", "1.2.1", "1.2.2",
                                                                                   "2.1", "2.2"}  # fmt: skip
    for candidate in model.candidates:
        if candidate.indicator.code in NO_GOAL_AHEAD:
            assert [v.year for v in candidate.values] == [2026, 2027, 2028, 2029, 2030]
            assert [v.kind for v in candidate.values] == ["plan"] * 4 + ["goal"]
            assert all(v.value is not None and v.method != "none" for v in candidate.values), candidate
    assert 'data-count="no-goal-ahead">15<' in html
    assert "Tốc độ mà mục tiêu kỳ trước đòi hỏi" in html or "pace" in html.lower()


def test_the_suggestion_names_its_method_and_stays_within_the_bounds(client_for, reviewer):
    model = client_for(reviewer).get(NEXT_PERIOD).context["model"]
    by_code = {c.indicator.code: c for c in model.candidates}
    # 1.1: the 2030 goal of a loaded document (≥ 30%), and an even path to it from the latest figure (18,3% in 2024)
    first = by_code["1.1"].values
    assert (first[-1].method, first[-1].value) == ("document", Decimal(30))
    assert [v.method for v in first[:-1]] == ["document_path"] * 4
    assert first[0].value == Decimal("22.20")  # 18,3 + 2 × (30 − 18,3) / 6
    # 1.2.2: no figure; from the 2025 goal (≥ 10%) to the forum report's 2030 goal (≥ 20%), not a flat 10%
    other_sectors = by_code["1.2.2"]
    assert [v.value for v in other_sectors.values] == [Decimal(n) for n in (12, 14, 16, 18, 20)]
    assert other_sectors.bases[0].startswith("Từ mục tiêu năm 2025 (10%) tới mục tiêu 20% của ")
    # 2.9: 50% in 2023 to 90% in 2025 asked 20 points a year: continued, but never past 100%, and "≥ 100%" not "> 100%"
    pace = by_code["2.9"].values
    assert {v.method for v in pace} == {"pace"}
    assert all(v.value == Decimal(100) and v.comparator == ">=" for v in pace)


def test_a_reporter_cannot_open_the_round(client_for, cvt_reporter, reviewer):
    client = client_for(reviewer)
    target_round = _propose(client)
    client = client_for(cvt_reporter)
    assert client.get(NEXT_PERIOD).status_code == 403
    assert client.post(NEXT_PERIOD, proposal_post()).status_code == 403
    assert client.get(reverse("targets:round", args=[target_round.pk])).status_code == 403
    assert client.get(reverse("targets:round_xlsx", args=[target_round.pk])).status_code == 403
    assert client.post(reverse("targets:round_decide", args=[target_round.pk]), {}).status_code == 403
    assert TargetRound.objects.count() == 1


def test_a_leader_reads_the_page_but_does_not_propose(client_for, leader):
    client = client_for(leader)
    response = client.get(NEXT_PERIOD)
    assert response.status_code == 200 and "Propose the round" not in response.content.decode()
    assert client.post(NEXT_PERIOD, proposal_post()).status_code == 403
    assert not TargetRound.objects.exists()


def test_a_round_needs_a_reason_and_a_value_for_each_year_else_nothing_is_saved(client_for, reviewer):
    client = client_for(reviewer)
    data = proposal_post(reason="")
    response = client.post(NEXT_PERIOD, data)
    assert response.status_code == 400
    assert not TargetRound.objects.exists()
    data = proposal_post()
    data["i2_5-y2027"] = "abc"
    data["i2_6-y2028"] = "150"
    response = client.post(NEXT_PERIOD, data)
    assert response.status_code == 400 and not TargetRound.objects.exists()
    errors = response.context["forms"]
    assert any(form.errors for _c, form, _p in errors)


def test_the_leader_approves_all_but_one_and_sends_one_back(client_for, reviewer, leader):
    target_round = _propose(client_for(reviewer))
    items = {item.indicator.code: item for item in target_round.items.select_related("indicator")}
    assert len(items) == 21  # every indicator: 15 without a goal ahead, 6 without yearly plans toward 2030
    assert {i.decision for i in items.values()} == {RoundItem.Decision.PENDING}
    client = client_for(leader)
    home_before = client.get(reverse("home")).content.decode()
    dashboard_before = client.get(reverse("dashboard:overview"))
    decisions = {code: ("approved", "") for code in items}
    decisions["2.8"] = ("sent_back", "Đề nghị làm rõ căn cứ của mục tiêu 80% năm 2030.")
    response = client.post(
        reverse("targets:round_decide", args=[target_round.pk]), decision_post(target_round, decisions)
    )
    assert response.status_code == 302

    document = Document.objects.get(round_items__round=target_round, round_items__indicator__code="1.3")
    assert document.title == "Kết quả rà soát chỉ tiêu giai đoạn 2026–2030"
    assert document.rank == Document.Rank.MINISTRY and document.issued_on == TODAY
    goal = _in_force("1.3", 2030, "goal")
    assert goal is not None and goal.document == document and goal.history.count() == 1
    assert _in_force("1.3", 2026, "plan").document == document
    assert _in_force("2.8", 2030, "goal") is None  # sent back: nothing in force
    # 1.1's 2030 goal stays the higher-ranked document's; its yearly plans are the round's
    assert _in_force("1.1", 2030, "goal").document != document
    assert _in_force("1.1", 2027, "plan").document == document

    today = clock.today()
    for code in items:
        flag = assess_indicator(Indicator.objects.with_figures().get(code=code), today).progress.flag
        if code == "2.8":
            assert flag == Flag.NO_GOAL_AHEAD
        else:
            assert flag != Flag.NO_GOAL_AHEAD, code
    # every page reads them at once, without a cache being emptied
    home = client.get(reverse("home")).content.decode()
    assert home != home_before
    assert "2026 plan" in home or "Kế hoạch 2026" in home
    api = client.get(reverse("indicator-detail", args=["1.3"])).json()
    assert any(t["year"] == 2030 and t["document"] == document.label and t["in_force"] for t in api["targets"])
    dashboard = client.get(reverse("dashboard:overview"))
    assert dashboard.content != dashboard_before.content


def test_the_proposer_never_decides_even_when_made_a_leader(client_for, reviewer):
    target_round = _propose(client_for(reviewer))
    Membership.objects.filter(user=reviewer).update(role=Membership.Role.LEADER, unit=None)
    reviewer.refresh_from_db()
    client = client_for(reviewer)
    page = client.get(reverse("targets:round", args=[target_round.pk])).content.decode()
    assert "Record the decisions" not in page
    decisions = {item.indicator.code: ("approved", "") for item in target_round.items.select_related("indicator")}
    response = client.post(
        reverse("targets:round_decide", args=[target_round.pk]), decision_post(target_round, decisions)
    )
    assert response.status_code == 302
    assert not RoundItem.objects.exclude(decision=RoundItem.Decision.PENDING).exists()
    with pytest.raises(ProposerCannotDecide):
        target_round_decide(
            target_round=target_round,
            decisions=[Decision(target_round.items.first(), "approved")],
            decided_by=reviewer,
        )
    assert not Target.objects.filter(document__round_items__isnull=False).exists()


def test_approve_with_a_change_puts_the_leaders_value_in_force(client_for, reviewer, leader):
    target_round = _propose(client_for(reviewer))
    client = client_for(leader)
    data = decision_post(
        target_round,
        {"2.5": ("approved_changed", "Nâng mục tiêu 2030 lên 90%.")},
        changes={"2.5": {2030: "90"}},
    )
    assert client.post(reverse("targets:round_decide", args=[target_round.pk]), data).status_code == 302
    goal = _in_force("2.5", 2030, "goal")
    assert goal.value == Decimal(90)
    value = RoundValue.objects.get(item__indicator__code="2.5", year=2030)
    assert value.decided_value == Decimal(90) and value.target == goal
    assert RoundItem.objects.get(indicator__code="2.5").decided_by == leader


def test_a_decision_without_its_reason_saves_nothing(client_for, reviewer, leader):
    target_round = _propose(client_for(reviewer))
    client = client_for(leader)
    data = decision_post(target_round, {"1.3": ("approved", ""), "1.4": ("rejected", "")})
    response = client.post(reverse("targets:round_decide", args=[target_round.pk]), data)
    assert response.status_code == 400
    assert not RoundItem.objects.exclude(decision=RoundItem.Decision.PENDING).exists()
    assert not Document.objects.filter(round_items__isnull=False).exists()


def test_an_indicator_sent_back_is_revised_and_decided_again(client_for, reviewer, leader):
    target_round = _propose(client_for(reviewer))
    leader_client = client_for(leader)
    data = decision_post(target_round, {"2.8": ("sent_back", "Làm rõ căn cứ.")})
    leader_client.post(reverse("targets:round_decide", args=[target_round.pk]), data)
    item = RoundItem.objects.get(indicator__code="2.8")
    assert item.decision == RoundItem.Decision.SENT_BACK
    client = client_for(reviewer)
    revise = reverse("targets:round_item_revise", args=[target_round.pk, item.pk])
    values = {f"r{item.pk}-y{year}": str(50 + 5 * (year - 2026)) for year in range(2026, 2031)}
    response = client.post(
        revise,
        {f"r{item.pk}-include": "on", f"r{item.pk}-comparator": ">=", f"r{item.pk}-reason": "Theo lộ trình"} | values,
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.decision == RoundItem.Decision.PENDING and item.reason == "Theo lộ trình"
    assert item.history.count() == 3  # proposed, sent back, revised
    client = client_for(leader)
    data = decision_post(target_round, {"2.8": ("approved", "")})
    client.post(reverse("targets:round_decide", args=[target_round.pk]), data)
    assert _in_force("2.8", 2030, "goal").value == Decimal(70)


def test_the_indicator_page_and_the_next_period_page_show_an_open_round(client_for, reviewer, leader):
    _propose(client_for(reviewer))
    client = client_for(leader)
    page = client.get(reverse("indicator_detail", args=["1.3"])).content.decode()
    assert "proposing the 2030 target" in page or "đang đề xuất mục tiêu 2030" in page
    model = client.get(NEXT_PERIOD).context["model"]
    assert model.open_round is not None
    assert model.candidates == []  # every indicator is in the open round


def test_the_api_lists_and_shows_rounds_to_reviewers_and_leadership_only(
    client_for, reviewer, leader, cvt_reporter, django_assert_num_queries
):
    target_round = _propose(client_for(reviewer))
    client = client_for(leader)
    decisions = {"1.3": ("approved", ""), "2.8": ("sent_back", "Làm rõ căn cứ.")}
    client.post(reverse("targets:round_decide", args=[target_round.pk]), decision_post(target_round, decisions))
    listing = client.get(reverse("target-round-list"))
    assert listing.status_code == 200
    assert [(r["id"], r["indicators"], r["open"]) for r in listing.json()] == [(target_round.pk, 21, 20)]
    # session and person (2), the round with its proposer, its items with their indicator, decider and document,
    # their years
    with django_assert_num_queries(5):
        detail = client.get(reverse("target-round-detail", args=[target_round.pk]))
    body = detail.json()
    items = {item["code"]: item for item in body["items"]}
    assert items["1.3"]["decision"] == "approved" and items["1.3"]["decided_by"]
    assert items["2.8"]["decision"] == "sent_back" and items["2.8"]["decision_note"] == "Làm rõ căn cứ."
    years = items["1.3"]["years"]
    assert [y["year"] for y in years] == [2026, 2027, 2028, 2029, 2030]
    assert all(y["method"] == "pace" and y["proposed_value"] and y["target_id"] for y in years)
    assert items["1.1"]["years"][-1]["method"] == "document"
    reporter = client_for(cvt_reporter)
    assert reporter.get(reverse("target-round-list")).status_code == 403
    assert reporter.get(reverse("target-round-detail", args=[target_round.pk])).status_code == 403
    assert client_for(leader).get(reverse("target-round-detail", args=[999])).status_code == 404


def test_the_schema_describes_the_round_routes(client_for, leader):
    schema = client_for(leader).get("/api/v1/schema/?format=json").json()
    assert "/api/v1/target-rounds/" in schema["paths"] and "/api/v1/target-rounds/{id}/" in schema["paths"]


def test_the_dashboard_shows_the_open_round(client_for, reviewer, leader):
    _propose(client_for(reviewer))
    html = client_for(leader).get(reverse("dashboard:overview")).content.decode()
    assert "round-state" in html and reverse("targets:round", args=[TargetRound.objects.get().pk]) in html


def test_the_round_as_xlsx_and_docx(client_for, reviewer, leader):
    from io import BytesIO

    from docx import Document as WordDocument
    from openpyxl import load_workbook

    target_round = _propose(client_for(reviewer))
    client = client_for(leader)
    client.post(
        reverse("targets:round_decide", args=[target_round.pk]), decision_post(target_round, {"1.3": ("approved", "")})
    )
    response = client.get(reverse("targets:round_xlsx", args=[target_round.pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    ws = load_workbook(BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    assert len(rows) == 21 * 5
    first = next(r for r in rows if r[0] == "1.3" and r[4] == "2030")
    assert first[6] and first[8] and first[11] and first[12]  # method, proposed, decision, decider
    assert all(isinstance(c.value, str) for c in ws[5] if c.value is not None)  # text cells, "2.10" stays 2.10
    response = client.get(reverse("targets:round_docx", args=[target_round.pk]))
    doc = WordDocument(BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    heading = "\n".join(c.text for c in doc.tables[0].rows[0].cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in heading and "Độc lập - Tự do - Hạnh phúc" in heading
    assert "Hà Nội, ngày" in text
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert round(doc.sections[0].page_width.cm, 1) == 29.7 and round(doc.sections[0].page_height.cm, 1) == 21.0
    assert len(doc.tables[1].rows) == 1 + 21


def test_the_round_page_costs_the_same_queries_whatever_the_round(
    client_for, reviewer, leader, django_assert_num_queries
):
    target_round = _propose(client_for(reviewer))
    client = client_for(leader)
    url = reverse("targets:round", args=[target_round.pk])
    # session and person (2), the round with its proposer, its items with their indicator, decider and record
    # document, their years
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200
    client.post(
        reverse("targets:round_decide", args=[target_round.pk]), decision_post(target_round, {"1.3": ("approved", "")})
    )
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200


def test_the_leaders_awaiting_decisions_hold_the_round_with_a_link_and_the_count(client_for, reviewer, leader):
    """ "Chờ quyết định" on the leader's dashboard lists the round's indicators awaiting his decision, links to the
    round, and the count beside the heading counts each of them; one decided, one fewer; the proposer sees none."""
    target_round = _propose(client_for(reviewer))
    waiting = target_round.items.count()
    assert waiting > len(NO_GOAL_AHEAD)  # and those whose 2030 goal has no yearly plans
    leader_client = client_for(leader)
    html = leader_client.get(reverse("dashboard:overview")).content.decode()
    decisions = html.split('class="decisions"')[1].split("</div>")[0]
    link = f'href="{reverse("targets:round", args=[target_round.pk])}"'
    count = f'<span class="badge badge-count" aria-label="{waiting} việc cần quyết định">{waiting}</span>'
    assert f"Chờ quyết định {count}" in decisions
    assert f'<a class="button-link primary-action" {link}>Đợt rà soát chỉ tiêu 2026–2030: {waiting} chỉ tiêu chờ' in (
        decisions
    )
    # The header's badge counts the round's notification, which links to the round
    assert '<span class="badge badge-count" aria-hidden="true">1</span>' in html.split('class="notification-link"')[1]
    (told,) = Notification.objects.filter(recipient=leader)
    assert told.kind == Notification.Kind.ROUND_PENDING
    assert told.path == reverse("targets:round", args=[target_round.pk])
    assert not Notification.objects.filter(recipient=reviewer).exists()
    with translation.override("vi"):
        assert messages.title(told.kind, told.params) == (
            f"Đợt rà soát chỉ tiêu 2026–2030: {waiting} chỉ tiêu chờ Lãnh đạo quyết định"
        )
    response = leader_client.post(
        reverse("targets:round_decide", args=[target_round.pk]),
        decision_post(target_round, {"1.3": ("approved", "")}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    html = leader_client.get(reverse("dashboard:overview")).content.decode()
    assert f"Đợt rà soát chỉ tiêu 2026–2030: {waiting - 1} chỉ tiêu chờ quyết định" in html
    assert "Chờ quyết định" not in client_for(reviewer).get(reverse("dashboard:overview")).content.decode()


def test_the_admin_reads_the_rounds_with_their_history_and_never_changes_them(client_for, reviewer, admin_user):
    target_round = _propose(client_for(reviewer))
    item = target_round.items.select_related("indicator").get(indicator__code="1.3")
    value = item.values.order_by("year").first()
    client = client_for(admin_user)
    for model, obj in (("targetround", target_round), ("rounditem", item), ("roundvalue", value)):
        listing = client.get(f"/admin/targets/{model}/")
        assert listing.status_code == 200 and "Quản trị hệ thống theo dõi Chiến lược 411" in listing.content.decode()
        assert client.get(f"/admin/targets/{model}/{obj.pk}/change/").status_code == 200
        assert client.get(f"/admin/targets/{model}/{obj.pk}/history/").status_code == 200
        assert client.get(f"/admin/targets/{model}/add/").status_code == 403
        assert client.post(f"/admin/targets/{model}/{obj.pk}/delete/", {"post": "yes"}).status_code == 403
    assert "1.3" in client.get(f"/admin/targets/targetround/{target_round.pk}/change/").content.decode()
    response = client.post(f"/admin/targets/rounditem/{item.pk}/change/", {"decision": "approved", "reason": "x"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.decision == RoundItem.Decision.PENDING and TargetRound.objects.count() == 1
    assert client_for(reviewer).get("/admin/targets/targetround/").status_code == 302  # not staff: the login page
