"""The rights model (strategy_tracker/rights.py): one role list, the "reads everything" rule once, and one helper
per object kind that returns the object with what the person may do with it, refusing (403) before the object is
read when the role alone decides.

The people: a reporter of Cục Viễn thông (cvt), a reporter of another unit (Trung tâm NEAC), a reviewer of Vụ KTS
và XHS, a leader, an administrator, and Charlie, who has an account and no role."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404

from indicators.models import Indicator, Membership, TargetProposal, Unit
from indicators.templatetags.people import reads_everything
from plans.models import Task
from publication.models import Release
from publication.services import release_approve, release_withdraw
from reporting import workflow
from reporting.workflow import Action, Status
from strategy_tracker import rights
from strategy_tracker.rights import (
    Person,
    get_indicator_for_user,
    get_proposal_for_user,
    get_release_for_user,
    get_task_for_user,
    proposal_rights,
    release_rights,
    report_rights,
    submission_rights,
)
from tests.publication.conftest import propose

pytestmark = pytest.mark.django_db

EVERYONE = ("cvt_reporter", "neac_reporter", "reviewer", "leader", "admin_user", "charlie")


@pytest.fixture
def charlie(db):
    """Charlie has a Django account and no role in the tracker (read as a page reads a person, with whatever
    membership they have)."""
    pk = get_user_model().objects.create_user("charlie", password="x").pk
    return get_user_model().objects.select_related("membership__unit").get(pk=pk)


@pytest.fixture
def people(request) -> dict:
    return {name: request.getfixturevalue(name) for name in EVERYONE}


def _refused(call) -> bool:
    try:
        call()
    except PermissionDenied:
        return True
    return False


# ---------------------------------------------------------------- the roles


def test_the_workflow_reads_the_one_role_list():
    assert workflow.Role is Membership.Role is rights.Role


def test_reviewers_leadership_and_administrators_read_everything(people):
    reads = {name for name, person in people.items() if Person.of(person).reads_everything}
    assert reads == {"reviewer", "leader", "admin_user"}
    assert {name for name, person in people.items() if reads_everything(person)} == reads  # the menu's filter


def test_a_person_is_read_from_the_membership_fetched_with_them(people, django_assert_num_queries):
    with django_assert_num_queries(0):
        seen = {name: Person.of(person) for name, person in people.items() if name != "charlie"}
    cvt, neac = Unit.objects.get(slug="cuc-vt"), Unit.objects.get(slug="neac")
    assert seen["cvt_reporter"].reporting_unit_id == cvt.pk and seen["neac_reporter"].reporting_unit_id == neac.pk
    # A reviewer belongs to Vụ KTS và XHS but reports for no unit.
    assert seen["reviewer"].unit_id is not None and seen["reviewer"].reporting_unit_id is None
    assert Person.of(people["charlie"]) == Person(None, None)


# ---------------------------------------------------------------- indicators and proposals


def test_every_member_reads_an_indicator_and_only_a_reviewer_may_propose(people):
    for name, person in people.items():
        indicator, may = get_indicator_for_user(person, "2.5")
        assert indicator.code == "2.5"
        assert may.can_propose == (name == "reviewer"), name


def test_proposing_is_refused_before_the_indicator_is_read(people, django_assert_num_queries):
    for name, person in people.items():
        if name == "reviewer":
            continue
        with django_assert_num_queries(0):
            assert _refused(lambda p=person: get_indicator_for_user(p, "no-such-code", proposing=True)), name
    with pytest.raises(Http404):
        get_indicator_for_user(people["reviewer"], "no-such-code", proposing=True)


def _proposal(by) -> TargetProposal:
    return TargetProposal.objects.create(
        indicator=Indicator.objects.get(code="2.1"), year=2030, kind="goal", comparator=">=",
        value=Decimal("92.5"), reason="Số liệu vượt xa mục tiêu.", proposed_by=by,
    )  # fmt: skip


def test_a_leader_decides_a_pending_proposal_of_someone_else(people):
    proposal = _proposal(people["reviewer"])
    for name, person in people.items():
        may = proposal_rights(person, proposal)
        assert (may.can_decide, may.decides_now, may.another_decides) == ((name == "leader",) * 2 + (False,)), name


def test_the_leader_who_proposed_leaves_the_decision_to_another_leader(leader):
    may = proposal_rights(leader, _proposal(leader))
    assert may.can_decide and not may.decides_now and may.another_decides


def test_a_decided_proposal_awaits_no_decision(reviewer, leader):
    proposal = _proposal(reviewer)
    proposal.status = TargetProposal.Status.REJECTED
    assert proposal_rights(leader, proposal) == rights.ProposalRights(can_decide=True)


def test_only_leadership_reads_a_proposal_to_decide_on_it(people, django_assert_num_queries):
    proposal = _proposal(people["reviewer"])
    for name, person in people.items():
        if name == "leader":
            found, may = get_proposal_for_user(person, proposal.pk)
            assert found == proposal and may.decides_now
        else:
            with django_assert_num_queries(0):
                assert _refused(lambda p=person: get_proposal_for_user(p, proposal.pk)), name
    with pytest.raises(Http404):
        get_proposal_for_user(people["leader"], 999999)


# ---------------------------------------------------------------- submissions and the consolidated report


def test_what_each_person_may_do_with_the_submissions_of_cuc_vien_thong(people):
    cvt = Unit.objects.get(slug="cuc-vt")
    expected = {  # (edits, reads every unit, actions on a draft, actions on a submitted one)
        "cvt_reporter": (True, False, [Action.SAVE, Action.SUBMIT], []),
        "reviewer": (False, True, [], [Action.RETURN, Action.ACCEPT]),
        "leader": (False, True, [], []),
        "admin_user": (False, True, [], [Action.RETURN, Action.ACCEPT]),
    }
    for name, person in people.items():
        if name not in expected:  # a reporter of another unit, and Charlie
            assert _refused(lambda p=person: submission_rights(Person.of(p), cvt)), name
            continue
        may = submission_rights(Person.of(person), cvt)
        seen = (may.can_edit, may.reads_every_unit, may.actions(Status.DRAFT), may.actions(Status.SUBMITTED))
        assert seen == expected[name], name


def test_the_consolidated_report_is_read_by_those_who_read_everything_and_sent_by_reviewers(people):
    for name, person in people.items():
        reads = name in ("reviewer", "leader", "admin_user")
        assert _refused(lambda p=person: report_rights(p)) == (not reads), name
        assert _refused(lambda p=person: report_rights(p, consolidating=True)) == (name != "reviewer"), name
        if reads:
            assert report_rights(person).can_consolidate == (name == "reviewer")


# ---------------------------------------------------------------- releases


def test_releases_are_refused_to_reporters_and_to_charlie_before_any_is_read(people, django_assert_num_queries):
    for name in ("cvt_reporter", "neac_reporter", "charlie"):
        with django_assert_num_queries(0):
            assert _refused(lambda p=people[name]: get_release_for_user(p, 999999)), name
    with pytest.raises(Http404):
        get_release_for_user(people["reviewer"], 999999)


def test_what_each_reader_may_do_with_a_release_as_it_goes(reviewer, leader, admin_user):
    readers = {"reviewer": reviewer, "leader": leader, "admin": admin_user}

    def flags(release: Release) -> dict:
        found = {name: get_release_for_user(person, release.pk)[1] for name, person in readers.items()}
        return {name: {f for f in ("can_decide", "can_withdraw", "can_correct") if getattr(r, f)} for name, r in
                found.items()}  # fmt: skip

    assert [release_rights(p).can_propose for p in readers.values()] == [True, False, False]
    release = propose(reviewer, "1.1", [(2024, 0)])
    assert flags(release) == {"reviewer": set(), "leader": {"can_decide"}, "admin": set()}
    release = release_approve(release=release, approved_by=leader)
    assert flags(release) == {"reviewer": {"can_withdraw"}, "leader": {"can_withdraw"}, "admin": set()}
    release = release_withdraw(release=release, withdrawn_by=leader, reason="Số liệu cần đính chính.")
    assert flags(release) == {"reviewer": {"can_correct"}, "leader": set(), "admin": set()}


def test_a_leader_never_approves_a_release_they_proposed(leader):
    assert release_rights(leader, Release(status=Release.Status.PROPOSED, proposed_by=leader)).can_decide is False
    assert release_rights(leader, Release(status=Release.Status.PROPOSED, proposed_by_id=-1)).can_decide is True


# ---------------------------------------------------------------- action-plan tasks


def test_a_reporter_of_an_implementing_unit_records_progress_for_it(people):
    task = Task.objects.get(document__slug="qd-466-2023", ref="A.II.14.1")  # implemented by Cục Viễn thông
    cvt = Unit.objects.get(slug="cuc-vt")
    for name, person in people.items():
        found, may = get_task_for_user(person, task.pk)
        assert found == task
        assert (may.can_update, may.reporting_unit_id) == ((True, cvt.pk) if name == "cvt_reporter" else (False, None))
    with pytest.raises(Http404):
        get_task_for_user(people["cvt_reporter"], 999999)
