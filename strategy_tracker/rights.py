"""Who may do what in the tracker: the one place for its rights. Pages, the API and the menu read the flags that
these functions return; none of them compares roles itself.

The roles are `Membership.Role` (the submissions' workflow reads the same list):

- every page and API route: signed in and given a role (`member_required`, `IsMember`); a Django account without
  a membership (one made with createsuperuser, say) reads nothing until an administrator gives it a role;
- reviewers of Vụ KTS và XHS, leadership and administrators read everything (`READS_EVERYTHING`): every unit's
  submissions, the consolidated report and the releases;
- indicators: every person with a role reads them; a reviewer proposes a target adjustment (the department
  consolidates every unit's figures and, under the third management principle, proposes each year which targets
  to raise, lower, add or drop); leadership decides on it (a target of the Ministry's action plan is set by its
  leadership, as Quyết định 466/QĐ-BTTTT was), never the person who proposed it;
- submissions: a unit's reporters read, enter and send their own unit's, for the indicators their unit reports;
  reviewers and administrators return, accept and reopen them (`reporting.workflow`); leadership reads them;
- the consolidated report: reviewers read and consolidate it (mark a quarter sent to Viện Chiến lược TTTT);
  leadership and administrators read it; reporters are refused (the department's document to the Minister, and
  every other unit's figures before review are not theirs to read);
- releases: a reviewer proposes one and may withdraw a published one; leadership approves or rejects a proposed
  one (never the person who proposed it) and may withdraw a published one; administrators read them; everyone,
  signed in or not, reads what is published under /public/;
- notifications: each person reads and marks read their own, nobody else's (another's answers 404, as one that
  does not exist); reminding a unit's reporters by hand, and reading their e-mail and phone, is the reviewers';
- target rounds (the next period's targets, `/targets/next-period/`): reviewers, leadership and administrators
  read them; a reviewer proposes a round and revises an indicator sent back; leadership decides each indicator
  (approve, approve with a change, send back, reject), never the person who proposed the round; reporters are
  refused. A year's figure of record from a published source is entered by a reviewer;
- search (`search.selectors`): a person with a role finds what they may open: every indicator and task, a unit's
  page of submissions if they read it (else the list of the tasks it implements, else the unit is not a result);
- action-plan tasks: every person with a role reads every task; a reporter records progress on the tasks their
  unit implements, for their unit; the others record nothing (progress is the implementing unit's own account).

One `get_<kind>_for_user` per object kind returns the object and a frozen value of what the person may do with
it: 403 for a person whose role may not (before the object is read when the role alone decides), 404 for an
object that does not exist. A unit and its submission are read by `reporting.views`, which asks
`submission_rights` what the person may do with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from indicators.codes import normalise_code
from indicators.models import Indicator, Membership, TargetProposal, Unit
from notifications.models import Notification
from plans.models import Task
from publication.models import Release
from reporting.workflow import Action, Status, actions_for, can_act
from targets.models import TargetRound

Role = Membership.Role
READS_EVERYTHING = frozenset({Role.REVIEWER, Role.LEADER, Role.ADMIN})


def membership_of(user) -> Membership | None:
    """The person's membership, or None. Read through the user's cached relation: a person signed in through
    a page's session comes with their membership and its unit (`strategy_tracker.backends.MemberBackend`), so the
    page header (which shows the role and unit) and the access checks cost no query; a person read by an API
    token, one for the membership and one for its unit when read."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def role_of(user) -> Role | None:
    membership = membership_of(user)
    return Role(membership.role) if membership is not None else None


@dataclass(frozen=True)
class Person:
    """Who asks, as the rights read them: their role and their unit. Made from the cached membership (no query)."""

    role: Role | None
    unit_id: int | None

    @classmethod
    def of(cls, user) -> Person:
        membership = membership_of(user)
        if membership is None:
            return cls(None, None)
        return cls(Role(membership.role), membership.unit_id)

    @property
    def reads_everything(self) -> bool:
        return self.role in READS_EVERYTHING

    @property
    def reporting_unit_id(self) -> int | None:
        """The unit a reporter reports for; None for everyone else."""
        return self.unit_id if self.role == Role.REPORTER else None

    @property
    def is_reporter(self) -> bool:
        return self.reporting_unit_id is not None

    @property
    def is_reviewer(self) -> bool:
        return self.role == Role.REVIEWER

    @property
    def is_leadership(self) -> bool:
        return self.role == Role.LEADER

    def reads_unit(self, unit_id: int) -> bool:
        """Whether the person reads the unit's submissions: those who read everything, and its own reporters."""
        return self.reads_everything or self.edits_unit(unit_id)

    def edits_unit(self, unit_id: int) -> bool:
        """Whether the person enters and sends the unit's figures: its own reporters."""
        return self.reporting_unit_id is not None and self.reporting_unit_id == unit_id


def member(user) -> Person:
    """The person asking, who has a role in the tracker; 403 for anyone else."""
    person = Person.of(user)
    if person.role is None:
        raise PermissionDenied
    return person


def reporter_unit(user) -> Unit | None:
    """The unit a reporter reports for (read with the person on a page; one query through an API token), or None
    for everyone else."""
    membership = membership_of(user)
    if membership is None or membership.role != Role.REPORTER:
        return None
    return membership.unit


def is_proposer(user, proposed: TargetProposal | Release | TargetRound | None) -> bool:
    """Whether the person proposed it: the person who proposes a change (a target, a release) never decides on it,
    whatever role they hold later."""
    return proposed is not None and proposed.proposed_by_id == user.pk


def member_required(view):
    """Every page: signed in (else the login page), and given a role in the tracker (else 403)."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        member(request.user)
        return view(request, *args, **kwargs)

    return wrapped


class IsMember(BasePermission):
    """The same rule for every API route (the default permission in settings.REST_FRAMEWORK)."""

    message = _("You have no role in the tracker: ask an administrator to give you one.")

    def has_permission(self, request, view) -> bool:
        return role_of(request.user) is not None


# ---------------------------------------------------------------- indicators and target adjustment proposals


@dataclass(frozen=True)
class IndicatorRights:
    can_propose: bool  # propose a target adjustment


def get_indicator_for_user(
    user, code: str, queryset: QuerySet[Indicator] | None = None, *, proposing: bool = False
) -> tuple[Indicator, IndicatorRights]:
    """The indicator of `code` (404 if none) and what the person may do with it; every person with a role reads
    every indicator. With `proposing`, 403 for a person who may not propose, before the indicator is read. By
    default with its targets and figures; `queryset` reads it otherwise."""
    rights = IndicatorRights(can_propose=Person.of(user).is_reviewer)
    if proposing and not rights.can_propose:
        raise PermissionDenied
    if queryset is None:
        queryset = Indicator.objects.with_figures().select_related("introduced_by")
    try:
        return queryset.get(code=normalise_code(code)), rights
    except Indicator.DoesNotExist as exc:
        raise Http404(code) from exc


@dataclass(frozen=True)
class ProposalRights:
    can_decide: bool  # leadership: the decision is theirs (the service refuses a proposal decided already)
    decides_now: bool = False  # the proposal awaits a decision that the person may take
    another_decides: bool = False  # the proposal awaits a decision, and the person proposed it


def proposal_rights(user, proposal: TargetProposal | None = None) -> ProposalRights:
    """What the person may do with target adjustment proposals (with `proposal`: with that one)."""
    leads = Person.of(user).is_leadership
    pending = leads and proposal is not None and proposal.status == TargetProposal.Status.PENDING
    own = is_proposer(user, proposal)
    return ProposalRights(can_decide=leads, decides_now=pending and not own, another_decides=pending and own)


def get_proposal_for_user(user, pk: int) -> tuple[TargetProposal, ProposalRights]:
    """A proposal to decide on: 403 for anyone but leadership (before the proposal is read), 404 if none."""
    if not proposal_rights(user).can_decide:
        raise PermissionDenied
    proposal = get_object_or_404(TargetProposal.objects.select_related("indicator"), pk=pk)
    return proposal, proposal_rights(user, proposal)


@dataclass(frozen=True)
class RoundRights:
    """What a person may do with the next period's target round: reviewers and leadership read it (and
    administrators, who read everything); a reviewer proposes it and revises an indicator sent back; leadership
    decides each indicator, never the person who proposed the round."""

    can_propose: bool
    can_decide: bool  # with a round: this round, which the person did not propose
    another_decides: bool = False  # a leader who proposed the round: another leader decides


def round_rights(user, target_round: TargetRound | None = None) -> RoundRights:
    """What the person may do with target rounds (with `target_round`: with that one); 403 for a reporter."""
    person = Person.of(user)
    if not person.reads_everything:
        raise PermissionDenied
    own = is_proposer(user, target_round)
    return RoundRights(
        can_propose=person.is_reviewer,
        can_decide=person.is_leadership and not own,
        another_decides=person.is_leadership and own,
    )


def get_round_for_user(user, pk: int, queryset: QuerySet[TargetRound] | None = None) -> tuple[TargetRound, RoundRights]:
    """The round (404 if none) and what the person may do with it; 403 before it is read for a reporter."""
    round_rights(user)
    target_round = get_object_or_404(queryset if queryset is not None else TargetRound.objects.all(), pk=pk)
    return target_round, round_rights(user, target_round)


class ReadsRounds(BasePermission):
    def has_permission(self, request, view) -> bool:
        return Person.of(request.user).reads_everything


def figure_rights(user) -> None:
    """A year's figure of record from a published source: entered by a reviewer of Vụ KTS và XHS (the department
    that consolidates the figures), with history; 403 for anyone else."""
    if not Person.of(user).is_reviewer:
        raise PermissionDenied


# ---------------------------------------------------------------- submissions and the consolidated report


@dataclass(frozen=True)
class SubmissionRights:
    """What a person who reads a unit's submissions may do with them (the submission's status says when:
    `reporting.workflow`). A reporter reads only their own unit's, so the role alone decides the actions."""

    role: Role
    can_edit: bool  # enter, save, send and import the unit's figures: its own reporters
    reads_every_unit: bool

    def can(self, action: Action) -> bool:
        return can_act(self.role, action)

    def actions(self, status: Status | str) -> list[Action]:
        """What the person may do now with the unit's submission in `status` (the page's buttons)."""
        return actions_for(self.role, status)


def submission_rights(person: Person, unit: Unit) -> SubmissionRights:
    """What the person may do with the unit's submissions; 403 for a person who may not read them."""
    if person.role is None or not person.reads_unit(unit.pk):
        raise PermissionDenied
    return SubmissionRights(person.role, person.edits_unit(unit.pk), person.reads_everything)


@dataclass(frozen=True)
class ReportRights:
    can_consolidate: bool  # mark a quarter consolidated and sent to Viện Chiến lược TTTT


def report_rights(user, *, consolidating: bool = False) -> ReportRights:
    """What the person may do with the consolidated report; 403 for a person who may not read it (or, with
    `consolidating`, send it)."""
    person = Person.of(user)
    rights = ReportRights(can_consolidate=person.is_reviewer)
    if not person.reads_everything or (consolidating and not rights.can_consolidate):
        raise PermissionDenied
    return rights


class ReadsReports(BasePermission):
    def has_permission(self, request, view) -> bool:
        return Person.of(request.user).reads_everything


# ---------------------------------------------------------------- releases


@dataclass(frozen=True)
class ReleaseRights:
    can_propose: bool
    can_decide: bool
    can_withdraw: bool
    can_correct: bool  # propose the corrected figures of a withdrawn release


def release_rights(user, release: Release | None = None) -> ReleaseRights:
    """What the person may do with releases (with `release`: with that one); 403 for a person who reads none."""
    person = Person.of(user)
    if not person.reads_everything:
        raise PermissionDenied
    status = release.status if release is not None else None
    return ReleaseRights(
        can_propose=person.is_reviewer,
        can_decide=person.is_leadership and status == Release.Status.PROPOSED and not is_proposer(user, release),
        can_withdraw=(person.is_reviewer or person.is_leadership) and status == Release.Status.PUBLISHED,
        can_correct=person.is_reviewer and status == Release.Status.WITHDRAWN,
    )


def get_release_for_user(user, pk: int) -> tuple[Release, ReleaseRights]:
    """The release and what the person may do with it; 403 for a person who reads no release, 404 if none."""
    release_rights(user)
    release = get_object_or_404(Release.objects.with_people(), pk=pk)
    return release, release_rights(user, release)


# ---------------------------------------------------------------- action-plan tasks


@dataclass(frozen=True)
class TaskRights:
    """What a person may do with one task: read it (always, for a member), and for which unit they may report."""

    reporting_unit_id: int | None

    @property
    def can_update(self) -> bool:
        return self.reporting_unit_id is not None


def get_task_for_user(user, pk: int) -> tuple[Task, TaskRights]:
    """The task (404 if none) and whether, and for which unit, the person may record its progress: a reporter of
    a unit that implements it. Every person with a role reads every task."""
    task = get_object_or_404(Task.objects.for_list().select_related("parent", "section__parent"), pk=pk)
    unit_id = Person.of(user).reporting_unit_id
    return task, TaskRights(unit_id if unit_id in {u.pk for u in task.units.all()} else None)


# ---------------------------------------------------------------- notifications and reminders


def get_notification_for_user(user, pk: int) -> Notification:
    """The person's own notification; 404 for another person's, as for one that does not exist."""
    member(user)
    return get_object_or_404(Notification.objects.for_person(user), pk=pk)


@dataclass(frozen=True)
class UnitContactRights:
    can_remind: bool  # send the unit's reporters a reminder now
    sees_contacts: bool  # the reporters' names, e-mail addresses and phones


def unit_contact_rights(user) -> UnitContactRights:
    """Reviewers remind the units and call their reporters; nobody else (a reporter is refused: 403 on a POST)."""
    reviews = Person.of(user).is_reviewer
    return UnitContactRights(can_remind=reviews, sees_contacts=reviews)
