"""Who may do what with submissions: one place for the rules, used by the pages, the API and the home notice.

- a unit's reporters read and edit their own unit's submissions, for the indicators their unit reports;
- reviewers (Vụ KTS và XHS) and administrators read every submission and return, accept or reopen them;
- leadership reads every submission and changes nothing;
- anyone else (no membership) reads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.models import Membership, Unit
from reporting.workflow import Action, Role, can_act


@dataclass(frozen=True)
class Viewer:
    role: Role | None
    unit_id: int | None

    @classmethod
    def of(cls, membership: Membership | None) -> Viewer:
        if membership is None:
            return cls(None, None)
        return cls(Role(membership.role), membership.unit_id)

    @property
    def is_reporter(self) -> bool:
        return self.role == Role.REPORTER and self.unit_id is not None

    @property
    def reads_all(self) -> bool:
        return self.role in (Role.REVIEWER, Role.LEADER, Role.ADMIN)

    def can_read(self, unit: Unit) -> bool:
        return self.reads_all or (self.is_reporter and unit.pk == self.unit_id)

    def can_edit(self, unit: Unit) -> bool:
        return self.is_reporter and unit.pk == self.unit_id

    def can(self, action: Action) -> bool:
        return can_act(self.role, action)


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


def viewer_of(user) -> Viewer:
    return Viewer.of(membership_of(user))
