"""The sectors of `fixtures/sectors.csv` and the former provinces of `fixtures/former_provinces.csv`, loaded as the rest
of the reference data (indicators.reference_data): by their key, a changed row saved with its history, again
without change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from indicators.models import Document, Indicator
from indicators.reference_data import (
    CellError,
    LoadReport,
    ReferenceDataError,
    Sheet,
    choice,
    load_sheet,
    optional_date,
    reference,
    text,
    whole_number,
)
from places.models import DivisionType, Province, Sector

SECTORS = Sheet(
    "sectors.csv",
    Sector,
    ("slug",),
    {
        "slug": ("slug", text(max_length=60)),
        "order": ("order", whole_number),
        "name": ("name", text(max_length=120)),
        "kind": ("kind", choice(Sector.Kind)),
        "lead": ("lead", text(required=False, max_length=255)),
        "indicator": ("indicator", reference(Indicator, "code", required=False)),
        "document": ("document", reference(Document, "slug")),
        "section": ("section", text(required=False, max_length=80)),
        "note": ("note", text(required=False)),
    },
)


def province_in_force(raw: str) -> Province:
    """A province of the 34 by its name as the installed package writes it (“Tuyên Quang”, “Thành phố Hà Nội”):
    a former province may have the same name or code, so neither alone finds it among all the provinces."""
    value = raw.strip()
    province = Province.objects.current().filter(name=value).first()
    if province is None:
        raise CellError(
            _(
                "no province in force is named “%(name)s” (load the provinces from the package first; after an upgrade "
                "that renames one, write its new name here)"
            )
            % {"name": value}
        )
    return province


def _check_former(values: dict[str, Any]) -> None:
    if values["valid_to"] is None or values["successor"] is None:
        raise CellError(_("a former province has its last day and the province it became part of"))


FORMER_PROVINCES = Sheet(
    "former_provinces.csv",
    Province,
    ("code", "valid_to"),
    {
        "code": ("code", whole_number),
        "name": ("name", text(max_length=120)),
        "division_type": ("division_type", choice(DivisionType)),
        "codename": ("codename", text(max_length=80)),
        "phone_code": ("phone_code", whole_number),
        "valid_to": ("valid_to", optional_date),
        "successor": ("successor", province_in_force),
        "source": ("source", text(max_length=255)),
    },
    check=_check_former,
)


@transaction.atomic
def former_provinces_load(*, directory: Path) -> LoadReport:
    """The 63 provinces before 1 July 2025, each with the province in force it became part of (the provinces in
    force must be loaded first: `places.services.places_load`). Found again by code and last day: a changed row is
    saved with its history (an edit made in the admin stays on record, the file's values put back); run again on
    the same file, it changes nothing."""
    report = LoadReport()
    path = directory / FORMER_PROVINCES.filename
    if not path.exists():
        raise ReferenceDataError(_("%(file)s: file not found") % {"file": path})
    load_sheet(FORMER_PROVINCES, path, report)
    return report


@transaction.atomic
def sectors_load(*, directory: Path, report: LoadReport | None = None) -> LoadReport:
    """Load the sectors after the documents and indicators they name."""
    report = report or LoadReport()
    path = directory / SECTORS.filename
    if not path.exists():
        raise ReferenceDataError(_("%(file)s: file not found") % {"file": path})
    load_sheet(SECTORS, path, report)
    return report
