"""Writes of the places: the administrative units refreshed from the installed package `vietnam-provinces`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import vietnam_provinces
from django.db import transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from indicators.models import Indicator, Membership, Unit
from indicators.services import DemoPerson, demo_users_create
from places.models import Commune, DivisionType, Province, Region

FIELDS = {
    "province": ("name", "division_type", "codename", "phone_code"),
    "commune": ("name", "division_type", "codename"),
}


def package_source() -> str:
    """What the units were read from: the package, its version and the date its data were retrieved."""
    return f"vietnam-provinces {vietnam_provinces.__version__}, {vietnam_provinces.__data_version__}"


@dataclass(frozen=True)
class PlacesReport:
    created: int
    updated: int
    unchanged: int
    # Codes in force here that the package no longer lists: left as they are, for a person to end with a source.
    not_in_package: tuple[int, ...]


def _apply(row, wanted: Mapping[str, object]) -> bool:
    changed = [name for name, value in wanted.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, wanted[name])
    return bool(changed)


CITY_PREFIX = "Thành phố "


def reporting_unit_fields(province: Province) -> dict[str, object]:
    """The province's reporting unit, its Sở Khoa học và Công nghệ, named after the province."""
    short = province.name
    if province.division_type == DivisionType.CENTRAL_CITY and short.startswith(CITY_PREFIX):
        short = short[len(CITY_PREFIX) :]
    return {
        "name": f"Sở Khoa học và Công nghệ {province.name}",
        "short_name": f"Sở KHCN {short}",
        "kind": Unit.Kind.PROVINCE,
    }


def _reporting_units(provinces: list[Province]) -> tuple[int, int, int]:
    """Each province in force has its reporting unit (`skhcn-<code name>`), renamed with the province."""
    created = updated = unchanged = 0
    units = {u.province_id: u for u in Unit.objects.filter(province__in=provinces)}
    for province in provinces:
        wanted = reporting_unit_fields(province)
        unit = units.get(province.pk)
        if unit is None:
            slug = "skhcn-" + province.codename.replace("_", "-")
            Unit.objects.create(slug=slug, province=province, **wanted)
            created += 1
        elif _apply(unit, wanted):
            unit.save()
            updated += 1
        else:
            unchanged += 1
    return created, updated, unchanged


@transaction.atomic
def places_load(*, communes: bool = True) -> PlacesReport:
    """Make the provinces in force, their reporting units and (unless `communes` is false) their communes what the
    installed package lists, by code: a new code is created, a changed name or type is saved (its history keeps the
    old one), nothing is deleted. Run again on the same package, it changes nothing."""
    source = package_source()
    created = updated = unchanged = 0
    provinces = {p.code: p for p in Province.objects.current()}
    for item in vietnam_provinces.Province.iter_all():
        wanted = {
            "name": item.name,
            "division_type": item.division_type.value,
            "codename": item.codename,
            "phone_code": item.phone_code,
        }
        row = provinces.get(int(item.code))
        if row is None:
            provinces[int(item.code)] = Province.objects.create(code=int(item.code), source=source, **wanted)
            created += 1
        elif _apply(row, wanted):
            row.source = source
            row.save()
            updated += 1
        else:
            unchanged += 1
    listed = {int(item.code) for item in vietnam_provinces.Province.iter_all()}
    missing = tuple(sorted(code for code in provinces if code not in listed))
    counts = _reporting_units([provinces[code] for code in sorted(listed)])
    created, updated, unchanged = created + counts[0], updated + counts[1], unchanged + counts[2]
    if not communes:
        return PlacesReport(created=created, updated=updated, unchanged=unchanged, not_in_package=missing)

    stored = {c.code: c for c in Commune.objects.all()}
    new = []
    for ward in vietnam_provinces.Ward.iter_all():
        wanted = {
            "name": ward.name,
            "division_type": ward.division_type.value,
            "codename": ward.codename,
            "province": provinces[int(ward.province_code)],
        }
        commune = stored.get(int(ward.code))
        if commune is None:
            new.append(Commune(code=int(ward.code), **wanted))
        elif _apply(commune, wanted):
            commune.save()
            updated += 1
        else:
            unchanged += 1
    if new:
        bulk_create_with_history(new, Commune, batch_size=500)
        created += len(new)
    return PlacesReport(created=created, updated=updated, unchanged=unchanged, not_in_package=missing)


DEMO_PROVINCIAL_REPORTER = DemoPerson("skhcn_hanoi", "Cán bộ Sở KHCN Hà Nội", Membership.Role.REPORTER, "skhcn-ha-noi")
# What the demo province reports for itself: the digital economy's share of its GRDP (1.1 for the nation), which the
# forum's eighth programme gives provinces a tool to measure every quarter.
DEMO_PROVINCIAL_INDICATORS = ("1.1",)


@transaction.atomic
def demo_provincial_reporter_create() -> None:
    """The demo reporter of Sở KHCN Hà Nội, whose unit reports 1.1 for the city; the provinces must be loaded."""
    demo_users_create((DEMO_PROVINCIAL_REPORTER,))
    unit = Unit.objects.get(slug=DEMO_PROVINCIAL_REPORTER.unit_slug)
    unit.provincial_indicators.set(Indicator.objects.filter(code__in=DEMO_PROVINCIAL_INDICATORS))


@transaction.atomic
def region_provinces_set(*, region: Region, provinces: Iterable[Province]) -> int:
    """From now on the provinces of `region` are `provinces`, and only they: a province named that was in another
    region leaves it (a province belongs to one region at most), one of the region's that is not named leaves the
    region. Each province changed is saved on its own, on record (django-simple-history). The number changed."""
    wanted = {p.pk for p in provinces}
    changed = 0
    for province in Province.objects.select_for_update().filter(Q(region=region) | Q(pk__in=wanted)).order_by("pk"):
        target = region if province.pk in wanted else None
        if province.region_id != (target.pk if target else None):
            province.region = target
            province.save(update_fields=["region"])
            changed += 1
    return changed
