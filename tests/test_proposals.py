"""Target adjustment proposals: a reviewer of Vụ KTS và XHS proposes from a flagged indicator, leadership decides;
an accepted proposal becomes a new target of its own document, and the old target stays on record."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.figures import target_in_force
from indicators.models import Document, Indicator, IndicatorGroup, Target, TargetProposal
from indicators.services import target_proposal_accept, target_proposal_create
from strategy_tracker import clock
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db

THIS_YEAR = TODAY.year
GOAL_YEAR = 2030  # the strategy goal year still ahead (Decision 411: 2025 and 2030)


def _new_url(code: str = "2.1") -> str:
    return reverse("target_proposal_new", args=[code])


def _form(**changes) -> dict:
    data = {
        "year": str(GOAL_YEAR),
        "kind": "goal",
        "comparator": ">=",
        "value": "92,5",
        "reason": "Năm 2022 đã đạt 85%, vượt mục tiêu 80%: đề nghị nâng chỉ tiêu.",
    }
    data.update(changes)
    return data


def _propose(reviewer, *, code="2.1", year=GOAL_YEAR, value="92.5", comparator=">="):
    return target_proposal_create(
        indicator=Indicator.objects.get(code=code),
        year=year,
        kind="goal",
        comparator=comparator,
        value=Decimal(value),
        reason="Số liệu vượt xa mục tiêu.",
        proposed_by=reviewer,
    )


def _in_force(code: str, year: int) -> Target | None:
    return target_in_force(Target.objects.select_related("document").filter(indicator__code=code, year=year))


# --- Proposing ---------------------------------------------------------------------------------------------


def test_reviewer_proposes_raising_the_smartphone_target_from_its_flag(client_for, reviewer, on_day):
    on_day(date(2025, 6, 30))  # 2025 not yet past: 85% in 2022 far beyond the 2025 goal of 80%
    client = client_for(reviewer)
    page = client.get(reverse("indicator_detail", args=["2.1"])).content.decode()
    assert _new_url() in page  # the indicator page offers it to the reviewer
    form = client.get(_new_url()).content.decode()
    assert "Vượt xa mục tiêu: đề xuất nâng chỉ tiêu" in form

    response = client.post(_new_url(), _form())
    assert response.status_code == 302 and response["Location"] == reverse("indicator_detail", args=["2.1"])
    proposal = TargetProposal.objects.get()
    assert (proposal.year, proposal.comparator, proposal.value) == (GOAL_YEAR, ">=", Decimal("92.5"))
    assert proposal.flag == "far_ahead"  # what prompted it
    assert proposal.status == TargetProposal.Status.PENDING and proposal.proposed_by == reviewer
    assert proposal.history.get().history_user == reviewer
    page = client.get(reverse("indicator_detail", args=["2.1"])).content.decode()
    assert "Chờ quyết định" in page and "Số liệu vượt xa mục tiêu" not in page  # its own reason is shown
    assert "Năm 2022 đã đạt 85%" in page


def test_the_proposal_records_the_target_it_would_replace(reviewer):
    proposal = _propose(reviewer, code="1.1", year=2030, value="32")
    assert proposal.replaces == _in_force("1.1", 2030)
    assert proposal.replaces.document.number == "5473/BTTTT-KTS&XHS"


def test_a_proposal_is_dated_by_the_trackers_clock_not_the_real_time(reviewer, on_day):
    moment = on_day(date(2025, 6, 30), hour=9)  # a day the real clock will never show again
    proposal = _propose(reviewer)
    proposal.refresh_from_db()
    assert proposal.proposed_at == moment
    assert timezone.localdate(proposal.proposed_at) == date(2025, 6, 30)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": "abc"}, "Nhập một số, ví dụ 14,26 hoặc 85."),
        ({"value": "1e2"}, "Nhập một số, ví dụ 14,26 hoặc 85."),
        ({"value": "1_0"}, "Nhập một số, ví dụ 14,26 hoặc 85."),
        ({"value": "٥"}, "Nhập một số, ví dụ 14,26 hoặc 85."),
        ({"value": "150"}, "Nhập giá trị trong khoảng từ 0 đến 100."),
        ({"value": "-3"}, "Nhập giá trị trong khoảng từ 0 đến 100."),
        ({"value": ""}, "Hãy nhập giá trị mới, ví dụ 22,5."),
        ({"value": "12,34567"}, "Chỉ dùng tối đa 4 chữ số thập phân."),
        ({"value": "9" * 30}, "Số này quá lớn."),
        ({"reason": "   "}, "Hãy nêu lý do đề xuất."),
        ({"year": str(THIS_YEAR - 1)}, f"Năm {THIS_YEAR - 1} đã qua: chỉ đề xuất chỉ tiêu từ năm {THIS_YEAR} trở đi."),
        ({"year": "hai nghìn"}, "Hãy nhập năm, ví dụ 2030."),
        ({"comparator": "≥"}, "Hãy chọn một lựa chọn hợp lệ. ≥ không phải là một trong các lựa chọn khả thi."),
        ({"kind": "goal", "year": "2026"}, "Mục tiêu Chiến lược chỉ đặt cho các năm 2025, 2030."),
        ({"kind": "plan", "year": "2100"}, "Kế hoạch năm chỉ đặt đến năm 2030, năm mục tiêu cuối của Chiến lược."),
    ],
)
def test_bad_input_gets_a_clear_vietnamese_message_and_nothing_is_saved(client_for, reviewer, changes, message):
    response = client_for(reviewer).post(_new_url(), _form(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TargetProposal.objects.exists()


def test_a_proposal_equal_to_the_target_in_force_is_refused(client_for, reviewer):
    in_force = _in_force("2.1", 2030)  # ≥ 95% by 2030, from Decision 411
    data = _form(year="2030", comparator=in_force.comparator, value="95")
    response = client_for(reviewer).post(_new_url(), data)
    assert "Đây đã là chỉ tiêu đang áp dụng cho năm 2030." in response.content.decode()
    assert not TargetProposal.objects.exists()


def test_the_form_starts_from_the_first_goal_not_yet_past(client_for, reviewer):
    goal = _in_force("2.1", 2030)  # ≥ 95% by 2030; the 2025 goal is past once 2026 has begun
    html = client_for(reviewer).get(_new_url()).content.decode()
    expected_year = 2025 if THIS_YEAR <= 2025 else 2030
    assert f'name="year" value="{expected_year}"' in html
    if expected_year == 2030:
        assert f'name="value" value="{goal.value.normalize():f}"' in html


def test_when_the_last_goal_is_only_a_text_and_past_the_form_starts_from_the_next_strategy_goal_year(
    client_for, reviewer
):
    """Such an indicator is flagged no_numeric_target, like one whose goal ahead is only a text: the flag does not
    say whether the goal year is past, so the form's starting year cannot be read from the flag alone."""
    document = Document.objects.get(slug="qd-466-2023")
    indicator = Indicator.objects.create(
        code="1.9", group=IndicatorGroup.objects.get(code="1"), name="Chỉ tiêu thử", measure_unit="%",
        introduced_by=document,
    )  # fmt: skip
    Target.objects.create(
        indicator=indicator, year=2025, kind="goal", comparator="", value=None, wording="Theo Kế hoạch của Bộ Y tế",
        document=document,
    )  # fmt: skip
    html = client_for(reviewer).get(_new_url("1.9")).content.decode()
    assert 'name="year" value="2030"' in html  # not 2025, a year the form refuses once 2026 has begun


def test_values_are_read_the_vietnamese_way(client_for, reviewer):
    client_for(reviewer).post(_new_url("1.7"), _form(value="1,25"))
    assert TargetProposal.objects.get().value == Decimal("1.25")


@pytest.mark.parametrize("person", ["cvt_reporter", "neac_reporter", "kts_reporter", "leader", "admin_user"])
def test_only_reviewers_propose(client_for, request, person):
    client = client_for(request.getfixturevalue(person))
    assert client.get(_new_url()).status_code == 403
    assert client.post(_new_url(), _form()).status_code == 403
    assert _new_url() not in client.get(reverse("indicator_detail", args=["2.1"])).content.decode()
    assert not TargetProposal.objects.exists()


def test_anonymous_visitor_cannot_propose(client):
    response = client.post(_new_url(), _form())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not TargetProposal.objects.exists()


def test_unknown_indicator_is_a_404_for_the_reviewer(client_for, reviewer):
    assert client_for(reviewer).get(_new_url("9.9")).status_code == 404


# --- Deciding ----------------------------------------------------------------------------------------------


def _decide_url(proposal) -> str:
    return reverse("target_proposal_decide", args=[proposal.pk])


def test_leader_accepts_and_the_proposal_becomes_the_target_in_force(client_for, reviewer, leader):
    proposal = _propose(reviewer, code="2.1", year=2030, value="97")
    old = _in_force("2.1", 2030)
    client = client_for(leader)
    assert f'action="{_decide_url(proposal)}"' in client.get(reverse("indicator_detail", args=["2.1"])).content.decode()

    response = client.post(_decide_url(proposal), {"decision": "accept", "note": "Đồng ý."})
    assert response.status_code == 302

    proposal.refresh_from_db()
    assert proposal.status == TargetProposal.Status.ACCEPTED and proposal.decided_by == leader
    new = proposal.target
    assert (new.year, new.kind, new.comparator, new.value) == (2030, "goal", ">=", Decimal("97"))
    assert new.document.kind == Document.Kind.PROPOSAL
    assert new.document.issued_on == clock.today()  # dated on acceptance, so it is the latest document
    assert _in_force("2.1", 2030) == new
    assert Target.objects.filter(pk=old.pk).exists()  # the old target is kept
    assert new.history.get().history_user == leader
    assert [h.status for h in proposal.history.order_by("history_date")] == ["pending", "accepted"]

    page = client.get(reverse("indicator_detail", args=["2.1"])).content.decode()
    assert "Đã chấp thuận" in page and "Đồng ý." in page
    assert "≥ 97%" in page


def test_two_proposals_accepted_the_same_day_the_later_one_is_in_force(reviewer, leader):
    first, second = _propose(reviewer, year=2030, value="96"), _propose(reviewer, year=2030, value="98")
    target_proposal_accept(proposal=first, decided_by=leader)
    target_proposal_accept(proposal=second, decided_by=leader)
    assert _in_force("2.1", 2030).value == Decimal("98")


def test_rejecting_needs_a_reason_and_changes_no_target(client_for, reviewer, leader):
    proposal = _propose(reviewer)
    targets = Target.objects.count()
    client = client_for(leader)
    response = client.post(_decide_url(proposal), {"decision": "reject", "note": ""}, follow=True)
    assert "Hãy nêu lý do không chấp thuận đề xuất." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == TargetProposal.Status.PENDING

    client.post(_decide_url(proposal), {"decision": "reject", "note": "Chờ số liệu chính thức của TCTK."})
    proposal.refresh_from_db()
    assert proposal.status == TargetProposal.Status.REJECTED and proposal.decision_note.startswith("Chờ số liệu")
    assert Target.objects.count() == targets


def test_a_proposal_decided_once_cannot_be_decided_again(client_for, reviewer, leader):
    proposal = _propose(reviewer)
    client = client_for(leader)
    client.post(_decide_url(proposal), {"decision": "accept"})
    targets = Target.objects.count()
    response = client.post(_decide_url(proposal), {"decision": "reject", "note": "Nhầm."}, follow=True)
    assert "Đề xuất này đã được quyết định trước đó: không có thay đổi nào." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == TargetProposal.Status.ACCEPTED and Target.objects.count() == targets


@pytest.mark.parametrize("person", ["reviewer", "cvt_reporter", "neac_reporter", "kts_reporter", "admin_user"])
def test_only_leadership_decides(client_for, request, reviewer, person):
    proposal = _propose(reviewer)  # the reviewer who proposed may not approve it either
    targets = Target.objects.count()
    client = client_for(request.getfixturevalue(person))
    assert client.post(_decide_url(proposal), {"decision": "accept"}).status_code == 403
    assert (
        f'action="{_decide_url(proposal)}"'
        not in client.get(reverse("indicator_detail", args=["2.1"])).content.decode()
    )
    proposal.refresh_from_db()
    assert proposal.status == TargetProposal.Status.PENDING and Target.objects.count() == targets


def test_anonymous_visitor_cannot_decide(client, reviewer):
    proposal = _propose(reviewer)
    response = client.post(_decide_url(proposal), {"decision": "accept"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    proposal.refresh_from_db()
    assert proposal.status == TargetProposal.Status.PENDING


def test_deciding_is_a_post(client_for, reviewer, leader):
    proposal = _propose(reviewer)
    assert client_for(leader).get(_decide_url(proposal)).status_code == 405


def test_deciding_on_an_unknown_proposal_is_a_404(client_for, leader):
    assert (
        client_for(leader).post(reverse("target_proposal_decide", args=[999999]), {"decision": "accept"}).status_code
        == 404
    )


def test_administrators_read_proposals_in_the_admin_but_cannot_make_or_decide_them(client_for, reviewer, admin_user):
    proposal = _propose(reviewer)
    client = client_for(admin_user)
    assert client.get("/admin/indicators/targetproposal/").status_code == 200
    assert client.get("/admin/indicators/targetproposal/add/").status_code == 403
    assert (
        client.post(f"/admin/indicators/targetproposal/{proposal.pk}/change/", {"status": "accepted"}).status_code
        == 403
    )
    proposal.refresh_from_db()
    assert proposal.status == TargetProposal.Status.PENDING


# --- The person who proposes never decides -----------------------------------------------------------------


def _made_leader(person):
    person.membership.role = "leader"
    person.membership.unit = None
    person.membership.save()
    return type(person).objects.select_related("membership").get(pk=person.pk)


def test_the_person_who_proposes_is_not_the_one_who_approves_even_after_becoming_leader(client_for, reviewer):
    from django.contrib.auth import get_user_model

    from indicators.models import Membership
    from indicators.services import ProposerCannotDecide, target_proposal_reject

    proposal = _propose(reviewer)
    targets = Target.objects.count()
    promoted = _made_leader(reviewer)  # the reviewer who proposed is now leadership

    with pytest.raises(ProposerCannotDecide):
        target_proposal_accept(proposal=proposal, decided_by=promoted)
    with pytest.raises(ProposerCannotDecide):
        target_proposal_reject(proposal=proposal, decided_by=promoted, note="Rút lại.")

    client = client_for(promoted)
    page = client.get(reverse("indicator_detail", args=["2.1"])).content.decode()
    assert f'action="{_decide_url(proposal)}"' not in page  # no decide form for the proposer
    assert "Anh/chị là người đề xuất thay đổi này: một lãnh đạo khác sẽ quyết định." in page
    response = client.post(_decide_url(proposal), {"decision": "accept"}, follow=True)
    assert "Anh/chị là người đề xuất thay đổi này" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == TargetProposal.Status.PENDING and Target.objects.count() == targets

    # another leader decides
    other = get_user_model().objects.create(username="lanhdao2", first_name="Lãnh đạo", last_name="Vụ")
    Membership.objects.create(user=other, role=Membership.Role.LEADER)
    client = client_for(other)
    assert f'action="{_decide_url(proposal)}"' in client.get(reverse("indicator_detail", args=["2.1"])).content.decode()
    client.post(_decide_url(proposal), {"decision": "accept", "note": "Đồng ý."})
    proposal.refresh_from_db()
    assert proposal.status == TargetProposal.Status.ACCEPTED and proposal.decided_by == other


def test_an_accepted_proposal_is_recorded_as_a_decision_of_the_ministry(reviewer, leader):
    target = target_proposal_accept(proposal=_propose(reviewer), decided_by=leader)
    assert target.document.rank == Document.Rank.MINISTRY


def test_the_document_of_an_accepted_proposal_cannot_be_corrected_to_outrank_another(reviewer, leader, admin_user):
    # Its rank and date are the decision's: a correction would change which target is in force without leadership.
    from django.core.exceptions import ValidationError

    from indicators.services import document_correct

    target = target_proposal_accept(proposal=_propose(reviewer, year=2030, value="96"), decided_by=leader)
    document = target.document
    with pytest.raises(ValidationError) as refused:
        document_correct(
            document=document, rank=Document.Rank.PRIME_MINISTER, reason="Nâng cấp.", corrected_by=admin_user
        )
    assert "quyết định của lãnh đạo" in str(refused.value)
    document.refresh_from_db()
    assert (document.rank, document.corrections.count()) == (Document.Rank.MINISTRY, 0)


def test_the_admin_shows_the_record_of_an_accepted_proposal_and_changes_nothing(
    client_for, reviewer, leader, admin_user
):
    document = target_proposal_accept(proposal=_propose(reviewer, year=2030, value="96"), decided_by=leader).document
    client = client_for(admin_user)
    page = client.get(f"/admin/indicators/document/{document.pk}/change/").content.decode()
    assert 'name="_save"' not in page and "/correct/" not in page
    form = {"slug": document.slug, "number": document.number, "kind": "decision", "title": document.title,
            "issuer": document.issuer, "rank": "40", "issued_on": "2022-03-31", "note": ""}  # fmt: skip
    assert client.post(f"/admin/indicators/document/{document.pk}/change/", form).status_code == 403
    correct = {"rank": "40", "issued_on": "2022-03-31", "reason": "Nâng cấp."}
    assert client.post(f"/admin/indicators/document/{document.pk}/correct/", correct).status_code == 403
    document.refresh_from_db()
    assert (document.kind, document.rank, document.corrections.count()) == (
        Document.Kind.PROPOSAL,
        Document.Rank.MINISTRY,
        0,
    )


# --- Free text has a sane length ---------------------------------------------------------------------------


def test_a_proposals_reason_longer_than_2000_characters_is_refused_in_vietnamese(client_for, reviewer):
    response = client_for(reviewer).post(_new_url(), _form(reason="x" * 2001))
    assert response.status_code == 200
    assert "Nội dung tối đa 2000 ký tự (hiện có 2001 ký tự)." in response.content.decode()
    assert not TargetProposal.objects.exists()
    assert client_for(reviewer).post(_new_url(), _form(reason="x" * 2000)).status_code == 302


def test_a_decision_note_longer_than_2000_characters_is_refused_in_vietnamese(client_for, reviewer, leader):
    proposal = _propose(reviewer)
    response = client_for(leader).post(_decide_url(proposal), {"decision": "reject", "note": "x" * 2001}, follow=True)
    assert "Nội dung tối đa 2000 ký tự (hiện có 2001 ký tự)." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == TargetProposal.Status.PENDING and proposal.decision_note == ""
