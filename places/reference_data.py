"""The sectors of `fixtures/sectors.csv`, loaded as the rest of the reference data (indicators.reference_data)."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from indicators.models import Document, Indicator
from indicators.reference_data import (
    LoadReport,
    ReferenceDataError,
    Sheet,
    choice,
    load_sheet,
    reference,
    text,
    whole_number,
)
from places.models import Sector

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


@transaction.atomic
def sectors_load(*, directory: Path, report: LoadReport | None = None) -> LoadReport:
    """Load the sectors after the documents and indicators they name."""
    report = report or LoadReport()
    path = directory / SECTORS.filename
    if not path.exists():
        raise ReferenceDataError(_("%(file)s: file not found") % {"file": path})
    load_sheet(SECTORS, path, report)
    return report
