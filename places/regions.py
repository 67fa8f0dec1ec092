"""Which reporting units a reviewer's choice of kind of unit and region keeps: one rule, pure, read by the overview
of the quarter, the consolidated table and the monitoring API.

A unit is the nation's (a ministry's unit or agency: its figures are the nation's) or a province's (its Sở Khoa học
và Công nghệ, reporting for its province). A region groups provinces: choosing one keeps the provincial units of
the provinces in it, never a ministry's unit; NATIONAL keeps the nation's units only. A province without a region
is kept only when no region is chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from indicators.models import Unit

# The region filter's choice for the nation's units: a region's key may never be this (`Region.slug`).
NATIONAL = "national"


class UnitKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministries and agencies (central)")
    PROVINCE = "province", _("Provinces and cities")


def kept(*, provincial: bool, region: str, kind: str = "", chosen_region: str = "") -> bool:
    """Whether a unit is kept: `provincial` (it reports for a province), `region` (its province's region's key, ""
    for none or for a ministry's unit), `kind` (a `UnitKind` value, "" for both) and `chosen_region` (a region's
    key, NATIONAL, or "" for every unit)."""
    if kind == UnitKind.MINISTRY and provincial:
        return False
    if kind == UnitKind.PROVINCE and not provincial:
        return False
    if chosen_region == NATIONAL:
        return not provincial
    if chosen_region:
        return provincial and region == chosen_region
    return True


def unit_place(unit: Unit) -> tuple[bool, str]:
    """(whether the unit reports for a province, its province's region's key or ""): what the rule reads of a unit
    whose province and region were read with it (`reporting.selectors.reporting_units_placed`: no query here)."""
    province = unit.province if unit.province_id is not None else None
    region = province.region if province is not None and province.region_id is not None else None
    return province is not None, region.slug if region is not None else ""


def unit_kept(unit: Unit, *, kind: str = "", chosen_region: str = "") -> bool:
    """`places.regions.kept` for a unit read with its province and region."""
    provincial, region = unit_place(unit)
    return kept(provincial=provincial, region=region, kind=kind, chosen_region=chosen_region)
