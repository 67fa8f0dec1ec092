"""Who may do what with target adjustment proposals.

- a reviewer of Vụ KTS và XHS records a proposal: the department consolidates every unit's figures and, under the
  third management principle, proposes each year which targets to raise, lower, add or drop;
- leadership (Lãnh đạo Bộ) accepts or rejects it: a target of the Ministry's action plan is set by the Ministry's
  leadership (Quyết định 466/QĐ-BTTTT was signed by it), and the person who proposes a change is not the one who
  approves it;
- reporters, administrators (a technical role) and anyone without a membership do neither; every signed-in
  person reads the proposals on the indicator page.
"""

from __future__ import annotations

from indicators.models import Membership


def role_of(user) -> str | None:
    """The person's role, read through the user's cached membership (the page header reads it too)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.membership.role
    except Membership.DoesNotExist:
        return None


def can_propose_targets(user) -> bool:
    return role_of(user) == Membership.Role.REVIEWER


def can_decide_proposals(user) -> bool:
    return role_of(user) == Membership.Role.LEADER
