"""Which role a person's directory groups give them: pure, no ORM.

A group is named as the directory names it: an LDAP group's DN (`cn=kts-reviewers,ou=groups,dc=mic,dc=gov,dc=vn`)
or the value of an OpenID Connect claim (`kts-reviewers`). Names compare without regard to case and to the spaces
around a DN's commas, as LDAP compares DNs. A role is written `reviewer`, `leader`, `administrator` or
`reporter:<unit key>` (LDAP_GROUP_ROLES and the admin's mappings say it the same way).

The tracker gives a person one role (`Membership`): of the roles their groups give, the strongest, in the order
administrator, leader, reviewer, reporter; between two reporter units, the first by key (and the choice is logged
by the caller, since the directory holds a contradiction).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Membership.Role's values, strongest first (indicators.models cannot be imported into a pure module).
ORDER = ("admin", "leader", "reviewer", "reporter")
NAMES = {"administrator": "admin", "leader": "leader", "reviewer": "reviewer"}


@dataclass(frozen=True, order=True)
class Grant:
    """A role (a `Membership.Role` value) and, for a reporter, the key (slug) of the unit they report for."""

    role: str
    unit_slug: str | None = None

    def __str__(self) -> str:
        return f"reporter:{self.unit_slug}" if self.role == "reporter" else self.role


def normalise_group(name: str) -> str:
    """A group's name as it is compared: lower case, no spaces around a DN's commas and equal signs."""
    parts = (part.strip() for part in name.strip().split(","))
    return ",".join("=".join(piece.strip() for piece in part.split("=", 1)) for part in parts).lower()


def parse_role(text: str) -> Grant:
    """`reviewer`, `leader`, `administrator` or `reporter:<unit key>`; ValueError for anything else."""
    value = text.strip()
    if value.lower() in NAMES:
        return Grant(NAMES[value.lower()])
    kind, _, slug = value.partition(":")
    if kind.strip().lower() == "reporter" and slug.strip():
        return Grant("reporter", slug.strip())
    raise ValueError(f"{text!r} is not a role: reviewer, leader, administrator or reporter:<unit key>")


def parse_group_roles(text: str) -> dict[str, Grant]:
    """LDAP_GROUP_ROLES: a JSON object, group → role. ValueError naming what is wrong."""
    if not text.strip():
        return {}
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg} at character {error.pos})") from None
    if not isinstance(loaded, dict):
        raise ValueError('a JSON object is expected: {"<group>": "<role>", ...}')
    mapping: dict[str, Grant] = {}
    for group, role in loaded.items():
        if not isinstance(role, str) or not group.strip():
            raise ValueError(f'group {group!r}: the role must be a text such as "reviewer"')
        mapping[normalise_group(group)] = parse_role(role)
    return mapping


def grants_for(groups: Iterable[str], *mappings: Mapping[str, Grant]) -> list[Grant]:
    """The grants of the person's groups, each group read in the first mapping that names it (the admin's mappings
    come before the environment's), strongest first."""
    found: set[Grant] = set()
    for group in {normalise_group(name) for name in groups}:
        for mapping in mappings:
            if group in mapping:
                found.add(mapping[group])
                break
    return sorted(found, key=lambda grant: (ORDER.index(grant.role), grant.unit_slug or ""))


def strongest(grants: list[Grant]) -> Grant | None:
    """The role the person is given: the first of `grants_for`'s list, or None when no group is mapped."""
    return grants[0] if grants else None
