"""The submission's workflow and the audit diff, without a database."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from reporting.audit import FieldChange, record_changes
from reporting.workflow import Action, Role, Status, TransitionError, actions_for, can_act, transition


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        (Action.SAVE, Status.DRAFT, Status.DRAFT),
        (Action.SUBMIT, Status.DRAFT, Status.SUBMITTED),
        (Action.RETURN, Status.SUBMITTED, Status.RETURNED),
        (Action.SAVE, Status.RETURNED, Status.RETURNED),
        (Action.SUBMIT, Status.RETURNED, Status.SUBMITTED),
        (Action.ACCEPT, Status.SUBMITTED, Status.ACCEPTED),
        (Action.REOPEN, Status.ACCEPTED, Status.REOPENED),
        (Action.SUBMIT, Status.REOPENED, Status.SUBMITTED),
    ],
)
def test_the_moves_of_the_workflow(action, before, after):
    assert transition(action, before) == after


@pytest.mark.parametrize(
    ("action", "status"),
    [
        (Action.SAVE, Status.SUBMITTED),
        (Action.SAVE, Status.ACCEPTED),
        (Action.SUBMIT, Status.SUBMITTED),
        (Action.SUBMIT, Status.ACCEPTED),
        (Action.ACCEPT, Status.DRAFT),
        (Action.ACCEPT, Status.RETURNED),
        (Action.ACCEPT, Status.ACCEPTED),
        (Action.RETURN, Status.ACCEPTED),
        (Action.RETURN, Status.DRAFT),
        (Action.REOPEN, Status.SUBMITTED),
        (Action.REOPEN, Status.REOPENED),
    ],
)
def test_accepted_is_locked_and_nothing_skips_a_step(action, status):
    with pytest.raises(TransitionError):
        transition(action, status)


def test_who_acts():
    assert can_act(Role.REPORTER, Action.SUBMIT) and not can_act(Role.REPORTER, Action.ACCEPT)
    assert can_act(Role.REVIEWER, Action.REOPEN) and not can_act(Role.REVIEWER, Action.SAVE)
    assert not any(can_act(Role.LEADER, action) for action in Action)
    assert not any(can_act(None, action) for action in Action)
    assert actions_for(Role.REVIEWER, Status.SUBMITTED) == [Action.RETURN, Action.ACCEPT]
    assert actions_for(Role.REVIEWER, Status.ACCEPTED) == [Action.REOPEN]
    assert actions_for(Role.REPORTER, Status.RETURNED) == [Action.SAVE, Action.SUBMIT]


@dataclass
class Record:
    history_id: int
    history_date: datetime
    history_type: str
    id: int
    value: Any = None
    provisional: bool = False
    source: str = ""


def test_each_record_lists_what_it_changed_against_the_previous_record_of_the_same_object():
    at = datetime(2026, 12, 1)
    records = [
        Record(3, at.replace(hour=10), "~", 1, "80.9", False, "GSO"),
        Record(1, at.replace(hour=8), "+", 1, "81.2", True, ""),
        Record(2, at.replace(hour=9), "~", 1, "81.2", True, ""),  # saved without a change: left out
        Record(4, at.replace(hour=9), "+", 2, None, False, ""),  # created empty: nothing to say
    ]
    changes = record_changes(records, ("value", "provisional", "source"), key=lambda r: r.id)
    assert [(c.record.history_id, c.changes) for c in changes] == [
        (1, (FieldChange("value", None, "81.2"), FieldChange("provisional", None, True))),
        (3, (FieldChange("value", "81.2", "80.9"), FieldChange("provisional", True, False),
             FieldChange("source", "", "GSO"))),
    ]  # fmt: skip
