"""A year's figures of record from a published source, several at once: the xlsx template (one row per indicator
and year, with the source's columns) and the reading of an upload into rows and problems by cell. No ORM here: the
rows come in as plain values, the checked rows go out as plain values (`targets.services.figures_record` saves
them). The archive checks, the reading of a cell (a formula or an error value refused, a number read exactly) and
the problems named by sheet and cell are the units' Excel import's (`reporting.excel`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from indicators.fields import figure_error_message
from indicators.values import FigureError, read_figure
from reporting.excel import CellValue, Problem, WorkbookRefused, check_archive
from reporting.excel import _read_cell as read_cell
from targets.exports import write_text

FORM_KIND = "so-lieu-chinh-thuc"
TEMPLATE_VERSION = 1
META_SHEET = "_tracker"
HEADER_ROW = 4
FIRST_ROW = 5
MAX_ROWS = 500
TEXT_LIMIT = 500

# column letter → field
COLUMNS: dict[str, str] = {
    "A": "code",
    "B": "name",
    "C": "measure_unit",
    "D": "year",
    "E": "value",
    "F": "provisional",
    "G": "document_number",
    "H": "document_title",
    "I": "issuer",
    "J": "issued_on",
    "K": "page",
    "L": "note",
}
EDITABLE = ("year", "value", "provisional", "document_number", "document_title", "issuer", "issued_on", "page", "note")
WIDTHS = {"A": 7, "B": 46, "C": 12, "D": 7, "E": 12, "F": 11, "G": 20, "H": 40, "I": 28, "J": 13, "K": 8, "L": 30}


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    name: str
    measure_unit: str
    percentage: bool
    minimum: Decimal | None
    maximum: Decimal | None


@dataclass(frozen=True)
class TemplateRow:
    """A row of the template: an indicator and a year, with its figure of record if one is entered already."""

    indicator: IndicatorInfo
    year: int
    value: Decimal | None = None
    provisional: bool = False
    document_number: str = ""
    document_title: str = ""
    issuer: str = ""
    issued_on: date | None = None
    page: str = ""
    note: str = ""


@dataclass(frozen=True)
class FigureRow:
    """A checked row of an upload: what will be recorded."""

    row: int
    code: str
    year: int
    value: Decimal
    provisional: bool
    document_number: str
    document_title: str
    issuer: str
    issued_on: date
    page: str
    note: str

    def as_session(self) -> dict:
        return {
            "row": self.row,
            "code": self.code,
            "year": self.year,
            "value": str(self.value),
            "provisional": self.provisional,
            "document_number": self.document_number,
            "document_title": self.document_title,
            "issuer": self.issuer,
            "issued_on": self.issued_on.isoformat(),
            "page": self.page,
            "note": self.note,
        }

    @classmethod
    def from_session(cls, data: dict) -> FigureRow:
        return cls(**(data | {"value": Decimal(data["value"]), "issued_on": date.fromisoformat(data["issued_on"])}))


def sheet_name() -> str:
    return _("Figures of record")[:31]


def _headers() -> dict[str, str]:
    return {
        "code": _("Code"),
        "name": _("Indicator"),
        "measure_unit": _("Unit of measure"),
        "year": _("Year"),
        "value": _("Figure of record"),
        "provisional": _("Provisional (Yes/No)"),
        "document_number": _("Document number"),
        "document_title": _("Document title"),
        "issuer": _("Issued by"),
        "issued_on": _("Date issued (dd/mm/yyyy)"),
        "page": _("Page"),
        "note": _("Note"),
    }


def yes_no() -> tuple[str, str]:
    return _("Yes"), _("No")


def build_template(rows: Sequence[TemplateRow], *, made_at: datetime) -> bytes:
    """The template: the indicators and years given, each with its figure of record if any; the code, name and
    unit locked, the rest editable. A very hidden sheet names the form and its version."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name()
    write_text(ws["A1"], _("Figures of record from published sources"))
    ws["A1"].font = Font(bold=True, size=13)
    write_text(
        ws["A2"],
        _(
            "One row per indicator and year. Enter the figure as the source publishes it, the source document "
            "(number or title, issuer, date) and the page. Leave the figure empty to record nothing for the row. "
            "Rows may be added for other years, with the indicator's code."
        ),
    )
    ws["A2"].alignment = Alignment(wrap_text=True)
    ws.merge_cells("A2:L2")
    ws.row_dimensions[2].height = 45
    headers = _headers()
    for letter, field in COLUMNS.items():
        cell = ws[f"{letter}{HEADER_ROW}"]
        write_text(cell, headers[field])
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[letter].width = WIDTHS[letter]
    yes, no = yes_no()
    choice = DataValidation(type="list", formula1=f'"{yes},{no}"', allow_blank=True)
    ws.add_data_validation(choice)
    for offset, row in enumerate(rows):
        r = FIRST_ROW + offset
        values = {
            "code": row.indicator.code,
            "name": row.indicator.name,
            "measure_unit": row.indicator.measure_unit,
            "year": str(row.year),
            "provisional": (yes if row.provisional else no) if row.value is not None else "",
            "document_number": row.document_number,
            "document_title": row.document_title,
            "issuer": row.issuer,
            "issued_on": row.issued_on.strftime("%d/%m/%Y") if row.issued_on else "",
            "page": row.page,
            "note": row.note,
        }
        for letter, field in COLUMNS.items():
            cell = ws[f"{letter}{r}"]
            if field == "value":
                if row.value is not None:
                    cell.value = Decimal(format(row.value.normalize(), "f"))
            else:
                write_text(cell, values[field])
            cell.alignment = Alignment(wrap_text=field in ("name", "document_title", "note"), vertical="top")
            cell.protection = Protection(locked=field not in EDITABLE)
        choice.add(f"F{r}")
    # rows below the table, for other years: editable too
    for r in range(FIRST_ROW + len(rows), FIRST_ROW + len(rows) + 30):
        for letter in COLUMNS:
            ws[f"{letter}{r}"].protection = Protection(locked=False)
    ws.freeze_panes = ws[f"C{FIRST_ROW}"]
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    meta = wb.create_sheet(META_SHEET)
    for n, (key, value) in enumerate(
        (("form", FORM_KIND), ("template_version", str(TEMPLATE_VERSION)), ("made_at", made_at.isoformat())), start=1
    ):
        write_text(meta.cell(row=n, column=1), key)
        write_text(meta.cell(row=n, column=2), value)
    meta.sheet_state = "veryHidden"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _not_the_template() -> WorkbookRefused:
    return WorkbookRefused(
        [Problem(_("This is not the tracker's template of figures of record: download the template and use it."))]
    )


def _text(cell: CellValue, problems: list[Problem], sheet: str) -> str:
    if cell.value is None:
        return ""
    if isinstance(cell.value, datetime | date):
        return cell.value.strftime("%d/%m/%Y")
    text = cell.shown.strip()
    if len(text) > TEXT_LIMIT:
        problems.append(Problem(_("Keep this to %(limit)d characters at most.") % {"limit": TEXT_LIMIT}, sheet,
                                cell.ref, text[:40]))  # fmt: skip
    return text[:TEXT_LIMIT]


def _date(cell: CellValue, problems: list[Problem], sheet: str, today: date) -> date | None:
    value = cell.value
    if isinstance(value, datetime):
        found: date | None = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, str) and value.strip():
        parts = value.strip().replace("-", "/").replace(".", "/").split("/")
        try:
            day, month, year = (int(p) for p in parts)
            found = date(year, month, day)
        except (ValueError, TypeError):
            problems.append(Problem(_("Write the date as dd/mm/yyyy, such as 28/02/2026."), sheet, cell.ref,
                                    cell.shown))  # fmt: skip
            return None
    else:
        problems.append(Problem(_("Enter the date the document was issued."), sheet, cell.ref))
        return None
    if found is not None and found > today:
        problems.append(Problem(_("This date is in the future."), sheet, cell.ref, cell.shown))
        return None
    return found


def read_upload(content: bytes, *, indicators: dict[str, IndicatorInfo], today: date) -> list[FigureRow]:
    """The rows of an upload that carry a figure, checked; WorkbookRefused with every problem by cell otherwise."""
    check_archive(content)
    try:
        wb = load_workbook(BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _not_the_template() from exc
    try:
        if META_SHEET not in wb.sheetnames:
            raise _not_the_template()
        meta = {
            str(k): ("" if v is None else str(v))
            for k, v, *_rest in wb[META_SHEET].iter_rows(min_row=1, max_row=10, max_col=2, values_only=True)
            if k is not None
        }
        if meta.get("form") != FORM_KIND:
            raise _not_the_template()
        if meta.get("template_version") != str(TEMPLATE_VERSION):
            raise WorkbookRefused([Problem(_("This template is of an earlier version: download it again."))])
        name = sheet_name()
        if name not in wb.sheetnames:
            raise WorkbookRefused([Problem(_("The sheet “%(sheet)s” is missing: download the template again.")
                                           % {"sheet": name})])  # fmt: skip
        problems: list[Problem] = []
        raw_rows = list(wb[name].iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW + MAX_ROWS, max_col=len(COLUMNS)))
        cells_of_rows = []
        for offset, raw in enumerate(raw_rows):
            r = FIRST_ROW + offset
            by_letter = {getattr(c, "column_letter", ""): c for c in raw}
            cells = {
                field: read_cell(by_letter[letter], name, f"{letter}{r}", problems)
                if letter in by_letter
                else CellValue(name, f"{letter}{r}", None)
                for letter, field in COLUMNS.items()
            }
            cells_of_rows.append((r, cells))
    finally:
        wb.close()
    out: list[FigureRow] = []
    seen: dict[tuple[str, int], int] = {}
    yes, no = yes_no()
    for r, cells in cells_of_rows:
        if cells["value"].value in (None, ""):
            continue
        code = cells["code"].shown.strip()
        info = indicators.get(code)
        if info is None:
            problems.append(Problem(_("No indicator has this code."), name, f"A{r}", code))
            continue
        year_cell = cells["year"]
        year_text = year_cell.shown.strip()
        if not (year_text.isascii() and year_text.isdigit() and 2000 <= int(year_text) <= today.year):
            problems.append(Problem(_("Enter a year from 2000 to %(year)d.") % {"year": today.year}, name,
                                    year_cell.ref, year_text))  # fmt: skip
            continue
        year = int(year_text)
        if (code, year) in seen:
            again = _("Indicator %(code)s, %(year)d is already in row %(row)d.")
            problems.append(Problem(again % {"code": code, "year": year, "row": seen[(code, year)]}, name, f"A{r}"))
            continue
        seen[(code, year)] = r
        value_cell = cells["value"]
        raw = value_cell.value
        try:
            value = read_figure(
                raw if isinstance(raw, str | Decimal) else str(raw),
                percentage=info.percentage,
                minimum=info.minimum,
                maximum=info.maximum,
            )
        except FigureError as error:
            problems.append(Problem(figure_error_message(error), name, value_cell.ref, value_cell.shown))
            continue
        provisional_text = cells["provisional"].shown.strip()
        if provisional_text.lower() not in ("", yes.lower(), no.lower()):
            problems.append(Problem(_("Write “%(yes)s” or “%(no)s”.") % {"yes": yes, "no": no}, name,
                                    cells["provisional"].ref, provisional_text))  # fmt: skip
        number = _text(cells["document_number"], problems, name)
        title = _text(cells["document_title"], problems, name)
        if not number and not title:
            problems.append(Problem(_("Name the source document: its number or its title."), name, f"G{r}"))
        issued_on = _date(cells["issued_on"], problems, name, today)
        out.append(
            FigureRow(
                row=r,
                code=code,
                year=year,
                value=value,
                provisional=provisional_text.lower() == yes.lower(),
                document_number=number,
                document_title=title,
                issuer=_text(cells["issuer"], problems, name),
                issued_on=issued_on or today,
                page=_text(cells["page"], problems, name),
                note=_text(cells["note"], problems, name),
            )
        )
    if problems:
        raise WorkbookRefused(problems)
    if not out:
        raise WorkbookRefused([Problem(_("The file holds no figure: nothing to record."))])
    return out


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
