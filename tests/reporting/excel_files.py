"""Building the files of the Excel tests with openpyxl: the tracker's own form, filled in or spoiled as a person
(or a feed) would, and files that are not forms at all."""

from __future__ import annotations

import zipfile
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from reporting.models import Submission, SubmissionValue

# Cục Viễn thông's form: 2.1 on row 7, 2.5 on row 8; D value, E provisional, F source, G note,
# H–K international comparison (country, value, year, source); sections III–VI in B4:B7 of the second sheet.


def download(client, unit: str = "cuc-vt", period: str = "2026Q4") -> bytes:
    response = client.get(reverse("reporting:excel_download", args=[unit, period]))
    assert response.status_code == 200, response.status_code
    return response.content


def filled(content: bytes, figures: dict | None = None, sections: dict | None = None, edit=None) -> bytes:
    """The form with cells set as in Excel: figures={"D7": 86.1}, sections={"B6": "..."}; `edit(wb)` for the rest."""
    wb = load_workbook(BytesIO(content))
    for ref, value in (figures or {}).items():
        wb.worksheets[0][ref] = value
    for ref, value in (sections or {}).items():
        wb.worksheets[1][ref] = value
    if edit is not None:
        edit(wb)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def as_upload(content: bytes, name: str = "phu-luc-01_cuc-vt_2026Q4.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def zip_bomb() -> bytes:
    """A small zip that says it unpacks to 60 MB, with the workbook part an .xlsx has."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    return out.getvalue()


def snapshot() -> tuple:
    """Everything an import could touch: the submissions, their values and both histories."""
    return (
        list(Submission.objects.order_by("pk").values()),
        list(SubmissionValue.objects.order_by("pk").values()),
        Submission.history.count(),
        SubmissionValue.history.count(),
    )
