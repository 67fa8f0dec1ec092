"""Who may do what with the action-plan tasks.

- every person with a role reads every task and its progress (the plan is the Ministry's, not a unit's);
- a reporter records progress on the tasks their unit implements (Đơn vị triển khai thực hiện), for their unit;
- reviewers of Vụ KTS và XHS, leadership and administrators read everything and record nothing: progress is the
  implementing unit's own account;
- anyone without a role reads nothing (member_required, IsMember).
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.models import Membership


@dataclass(frozen=True)
class TaskAccess:
    """What a person may do with one task: read it (always, for a member), and for which unit they may report."""

    reporting_unit_id: int | None

    @property
    def can_update(self) -> bool:
        return self.reporting_unit_id is not None


def task_access(membership: Membership | None, implementing_unit_ids: set[int]) -> TaskAccess:
    if membership is None or membership.role != Membership.Role.REPORTER or membership.unit_id is None:
        return TaskAccess(None)
    return TaskAccess(membership.unit_id if membership.unit_id in implementing_unit_ids else None)


def reporter_unit_id(membership: Membership | None) -> int | None:
    if membership is None or membership.role != Membership.Role.REPORTER:
        return None
    return membership.unit_id
