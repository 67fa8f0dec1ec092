"""Every spreadsheet cell and CSV field the tracker writes goes through this module, so that text typed by a person
(a source, a note, a comparison, a section III text, a unit's name) reaches the reader as that text and never as a
live formula, however it starts.

- Workbooks (openpyxl): `put` writes a cell. openpyxl reads a string that starts with "=" as a formula and a
  string such as "#N/A" as an error value; `put` keeps every string a string cell, and marks one that starts with a
  character a spreadsheet would evaluate (=, +, -, @, tab, CR, LF) with the cell's "quote prefix", so that Excel and
  LibreOffice also keep it text when the cell is edited. The cell holds the text exactly as typed: read back, it is
  what was written (the unit's form round trip).
- CSV: `csv_bytes` writes UTF-8 with a BOM (so that a spreadsheet reads the Vietnamese letters), every text field in
  double quotes (RFC 4180, so that a separator of another locale inside a text splits nothing), and a text field
  that starts with =, +, -, @, tab or CR prefixed with a single quote, as OWASP's CSV injection guidance says. A
  number (int, Decimal, float) is written as a plain number ("14.26", "-3.5"), never prefixed: only a number's type
  makes it a number here, so callers hand numbers over as numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

# What a spreadsheet may evaluate when it starts a field (OWASP, CSV Injection; ASVS 1.2.10), LF for good measure.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
BOM = "\ufeff"


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def put(target: Worksheet | Cell, row: int | None = None, column: int | None = None, value: object = None) -> Cell:
    """Write `value` into a cell (`put(cell, value=...)`, or `put(ws, row, column, value)`) and return the cell: a
    string stays text whatever it starts with; numbers, dates and booleans keep their types."""
    cell = target.cell(row=row, column=column) if isinstance(target, Worksheet) else target
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # not "f" (a leading "=") nor "e" ("#N/A"): the text as typed
        if starts_like_formula(value):
            cell.quotePrefix = True
    return cell


def put_row(ws: Worksheet, row: int, values: Sequence[object], *, first_column: int = 1) -> None:
    for offset, value in enumerate(values):
        put(ws, row, first_column + offset, value)


# ---------------------------------------------------------------- CSV


def csv_field(value: object) -> str:
    """One field as it goes into the file: numbers plain, booleans true/false, nothing empty, text quoted and
    neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else ""
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    if starts_like_formula(text):
        text = "'" + text
    return '"' + text.replace('"', '""') + '"'


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A CSV file of a header and data rows (nothing else: notes belong in the xlsx), UTF-8 with a BOM, CRLF."""
    lines = [",".join(csv_field(name) for name in header)]
    lines.extend(",".join(csv_field(value) for value in row) for row in rows)
    return (BOM + "\r\n".join(lines) + "\r\n").encode("utf-8")
