"""The submission's workflow as data: which action moves which status to which, and who may act.

    draft ──submit──▶ submitted ──accept──▶ accepted ──reopen (reason)──▶ reopened ──submit──▶ submitted
                          │                                                   ▲
                          └──return (reason)──▶ returned ──submit─────────────┘ (and back to submitted)

Pure: plain strings, no query (the roles are `Membership.Role`). The service functions consult `transition()` before
writing; `strategy_tracker.rights` reads `can_act()` and `actions_for()`.
"""

from __future__ import annotations

from enum import StrEnum

from indicators.models import Membership


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    REOPENED = "reopened"


class Action(StrEnum):
    SAVE = "save"
    SUBMIT = "submit"
    RETURN = "return"
    ACCEPT = "accept"
    REOPEN = "reopen"


# Who acts: the tracker's one list of roles.
Role = Membership.Role

# The unit's reporters can change the figures and texts only while the submission is in their hands.
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED, Status.REOPENED})

_TRANSITIONS: dict[Action, tuple[frozenset[Status], Status | None]] = {
    Action.SAVE: (EDITABLE, None),  # None: the status does not change
    Action.SUBMIT: (EDITABLE, Status.SUBMITTED),
    Action.RETURN: (frozenset({Status.SUBMITTED}), Status.RETURNED),
    Action.ACCEPT: (frozenset({Status.SUBMITTED}), Status.ACCEPTED),
    Action.REOPEN: (frozenset({Status.ACCEPTED}), Status.REOPENED),
}

_ACTORS: dict[Action, frozenset[Role]] = {
    Action.SAVE: frozenset({Role.REPORTER}),
    Action.SUBMIT: frozenset({Role.REPORTER}),
    Action.RETURN: frozenset({Role.REVIEWER, Role.ADMIN}),
    Action.ACCEPT: frozenset({Role.REVIEWER, Role.ADMIN}),
    Action.REOPEN: frozenset({Role.REVIEWER, Role.ADMIN}),
}

NEEDS_REASON = frozenset({Action.RETURN, Action.REOPEN})


class TransitionError(Exception):
    def __init__(self, action: Action, status: Status) -> None:
        super().__init__(f"cannot {action} a {status} submission")
        self.action = action
        self.status = status


def can_act(role: Role | str | None, action: Action) -> bool:
    return role is not None and role in _ACTORS[action]


def is_allowed(action: Action, status: Status | str) -> bool:
    return Status(status) in _TRANSITIONS[action][0]


def transition(action: Action, status: Status | str) -> Status:
    """The status after `action`, or TransitionError when the action is not possible from `status`."""
    sources, target = _TRANSITIONS[action]
    current = Status(status)
    if current not in sources:
        raise TransitionError(action, current)
    return target or current


def actions_for(role: Role | str | None, status: Status | str) -> list[Action]:
    """What this person may do now with a submission in `status` (for the buttons on the page)."""
    return [a for a in Action if can_act(role, a) and is_allowed(a, status)]
