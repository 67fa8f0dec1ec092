"""Writes of the places: the administrative units refreshed from the installed package `vietnam-provinces`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import vietnam_provinces
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from places.models import Commune, Province

FIELDS = {
    "province": ("name", "division_type", "codename", "phone_code"),
    "commune": ("name", "division_type", "codename"),
}


def package_source() -> str:
    """What the units were read from: the package, its version and the date its data were retrieved."""
    return f"vietnam-provinces {vietnam_provinces.__version__} ({vietnam_provinces.__data_version__})"


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


@transaction.atomic
def places_load() -> PlacesReport:
    """Make the provinces in force and their communes what the installed package lists, by code: a new code is
    created, a changed name or type is saved (its history keeps the old one), nothing is deleted. Run again on the
    same package, it changes nothing."""
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

    communes = {c.code: c for c in Commune.objects.all()}
    new = []
    for ward in vietnam_provinces.Ward.iter_all():
        wanted = {
            "name": ward.name,
            "division_type": ward.division_type.value,
            "codename": ward.codename,
            "province": provinces[int(ward.province_code)],
        }
        commune = communes.get(int(ward.code))
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
