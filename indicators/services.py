"""Writes that touch several rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from indicators.models import Membership, Unit


@dataclass(frozen=True)
class DemoPerson:
    username: str
    full_name: str
    role: str
    unit_slug: str | None


DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson("cvt", "Cán bộ Cục Viễn thông", Membership.Role.REPORTER, "cuc-vt"),
    DemoPerson("neac", "Cán bộ Trung tâm NEAC", Membership.Role.REPORTER, "neac"),
    DemoPerson("cdsqg", "Cán bộ Cục CĐSQG", Membership.Role.REPORTER, "cuc-cdsqg"),
    DemoPerson("attt", "Cán bộ Cục ATTT", Membership.Role.REPORTER, "cuc-attt"),
    DemoPerson("kts", "Cán bộ Vụ KTS và XHS", Membership.Role.REPORTER, "vu-kts"),
    DemoPerson("reviewer", "Chuyên viên rà soát Vụ KTS và XHS", Membership.Role.REVIEWER, "vu-kts"),
    DemoPerson("leader", "Lãnh đạo Bộ", Membership.Role.LEADER, None),
    DemoPerson("admin", "Quản trị hệ thống", Membership.Role.ADMIN, None),
)
DEMO_PASSWORD = "demo"


@transaction.atomic
def demo_users_create() -> None:
    """Create or reset the demo people; the reference units must be loaded first."""
    User = get_user_model()
    units = {
        unit.slug: unit for unit in Unit.objects.filter(slug__in=[p.unit_slug for p in DEMO_PEOPLE if p.unit_slug])
    }
    for person in DEMO_PEOPLE:
        if person.unit_slug and person.unit_slug not in units:
            raise LookupError(
                _("Unit “%(slug)s” is missing: load the reference data first.") % {"slug": person.unit_slug}
            )
        user, _created = User.objects.get_or_create(username=person.username)
        first, _sep, last = person.full_name.rpartition(" ")
        user.first_name, user.last_name = first, last
        user.is_staff = user.is_superuser = person.role == Membership.Role.ADMIN
        user.set_password(DEMO_PASSWORD)
        user.save()
        Membership.objects.update_or_create(
            user=user, defaults={"role": person.role, "unit": units.get(person.unit_slug) if person.unit_slug else None}
        )
