"""The unit's Phụ lục 01 form as an Excel workbook: built for download, read back on upload.

No ORM here: `build_workbook` takes plain values (`FormContent`, made by `reporting.imports.form_content`) and
returns the bytes of an .xlsx; `read_workbook` takes the bytes of an upload and returns the raw cells of the
editable columns (`ReadForm`), or raises `WorkbookRefused` with every problem named by sheet and cell. Checking
the cells' values (numbers, bounds, lengths) is the entry page's own forms' job (`reporting.imports`).

The workbook has three sheets:
- the figures (Phụ lục 01, Mục II): one row per indicator of the unit from row 7, its code in column A; the
  editable cells (value, provisional, source, note, international comparison) are unlocked, the rest is
  protected; the value cells carry a data validation (a decimal within the indicator's bounds);
- the written sections III–VI, one unlocked cell each;
- a very hidden sheet naming the form, its template version, the unit, the period, the submission's version at
  download and the indicators in row order, so that an upload is matched to its unit and period.

An upload is refused before openpyxl opens it when it is too large, not a zip archive (a CSV or a PDF renamed
.xlsx, an old .xls, an empty file), or unpacks to more than `MAX_UNPACKED_BYTES` (a zip bomb). It is read in
read-only mode and formulas are not evaluated: a formula or an error value (#DIV/0!) in an editable cell is
refused, so that what is saved is what the person sees and typed.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import column_index_from_string
from openpyxl.utils.escape import unescape
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from strategy_tracker.files import put

TEMPLATE_VERSION = 1
FORM_KIND = "phu-luc-01"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # a form of twenty indicators unpacks to well under 1 MB
MAX_MEMBERS = 100

META_SHEET = "_tracker"
HEADER_ROW = 6
FIRST_ROW = 7
EXTRA_ROWS_CHECKED = 30  # rows below the table that must stay empty (a row added at the end)
CODE_COLUMN = 1
# The editable columns of the figures sheet, by field of reporting.services.FigureInput.
FIELD_COLUMNS: dict[str, str] = {
    "value": "D",
    "provisional": "E",
    "source": "F",
    "note": "G",
    "comparison_with": "H",
    "comparison_value": "I",
    "comparison_year": "J",
    "comparison_source": "K",
}
LAST_COLUMN = "O"
SECTION_COLUMN = "B"
SECTION_FIRST_ROW = 4
SECTION_NAMES = ("trend_assessment", "international_comparison", "difficulties", "proposals")
FIRST_COMPARISON_YEAR = 1990
EXCEL_DIGITS = 15  # Excel keeps and shows 15 significant digits


# ---------------------------------------------------------------- building


@dataclass(frozen=True)
class FormLine:
    """One indicator's row: what the unit has entered (`entered`, by FigureInput field) and what it sees beside."""

    code: str
    name: str
    measure_unit: str
    data_source: str
    minimum: Decimal | None
    maximum: Decimal | None
    entered: Mapping[str, object]
    year_target: str
    goal: str
    latest: str


@dataclass(frozen=True)
class FormContent:
    unit_slug: str
    unit_name: str
    period_code: str
    period_label: str
    coverage: str
    deadline: str
    year: int
    version: int
    lines: Sequence[FormLine]
    sections: Mapping[str, str]
    section_labels: Mapping[str, str]
    required_sections: Sequence[str]
    last_comparison_year: int
    downloaded_at: str = ""
    goal_year: int | None = None  # the first goal year not before the period's (2030 for 2026Q4)


def figures_sheet_name() -> str:
    return _("Figures")


def sections_sheet_name() -> str:
    return _("Sections III–VI")


THIN = Side(style="thin", color="9AA5B1")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
EDIT_FILL = PatternFill("solid", fgColor="FFFFFF")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)

COLUMN_WIDTHS = {
    "A": 7, "B": 36, "C": 9, "D": 12, "E": 11, "F": 20, "G": 20,
    "H": 15, "I": 12, "J": 9, "K": 16, "L": 22, "M": 20, "N": 18, "O": 20,
}  # fmt: skip
LINE_HEIGHT = 15  # points per line of wrapped text


def _row_height(texts: Mapping[str, object], *, widths: Mapping[str, int] = COLUMN_WIDTHS, minimum: int = 2) -> int:
    """Excel and LibreOffice do not grow a row to its wrapped text when opening a file: size it here."""
    lines = minimum
    for letter, text in texts.items():
        if text not in (None, ""):
            per_line = max(1, int(widths[letter] * 1.1))
            lines = max(lines, sum(-(-len(part) // per_line) or 1 for part in str(text).split("\n")))
    return min(409, lines * LINE_HEIGHT)  # Excel's tallest row


def _headers(content: FormContent) -> dict[str, str]:
    return {
        "A": _("Code"),
        "B": _("Indicator"),
        "C": _("Measure unit"),
        "D": _("Figure of %(period)s") % {"period": content.period_label},
        "E": _("Provisional estimate (Yes/No)"),
        "F": _("Source of the figure"),
        "G": _("Note"),
        "H": _("International comparison: country or organisation"),
        "I": _("International comparison: value"),
        "J": _("International comparison: year"),
        "K": _("International comparison: source"),
        "L": _("%(year)d target") % {"year": content.year},
        "M": _("%(year)s goal") % {"year": content.goal_year} if content.goal_year else _("Goal to steer to"),
        "N": _("Latest figure of record"),
        "O": _("Data-source agency"),
    }


def yes_no() -> tuple[str, str]:
    return _("Yes"), _("No")


def _cell_value(name: str, value: object) -> object:
    if isinstance(value, Decimal):
        return Decimal(_plain(value))  # 81.2000 → 81.2, and 1E+2 → 100
    if name == "provisional":
        return yes_no()[0] if value else yes_no()[1]
    return None if value in ("", None) else value


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _value_validation(minimum: Decimal | None, maximum: Decimal | None) -> DataValidation | None:
    """A decimal within the indicator's bounds (Excel refuses anything else as it is typed)."""
    if minimum is not None and maximum is not None:
        dv = DataValidation(type="decimal", operator="between", formula1=_plain(minimum), formula2=_plain(maximum))
        message = _("Enter a number from %(minimum)s to %(maximum)s.")
    elif minimum is not None:
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1=_plain(minimum))
        message = _("Enter a number not less than %(minimum)s.")
    elif maximum is not None:
        dv = DataValidation(type="decimal", operator="lessThanOrEqual", formula1=_plain(maximum))
        message = _("Enter a number not more than %(maximum)s.")
    else:
        return None
    bounds = {"minimum": minimum, "maximum": maximum}
    dv.error = message % {k: _plain(v) for k, v in bounds.items() if v is not None}
    dv.errorTitle = _("Value out of range")
    dv.showErrorMessage = True
    dv.allow_blank = True
    return dv


def _title(ws, row: int, text: str, *, size: int = 11, bold: bool = False, height: int | None = None) -> None:
    ws.merge_cells(f"A{row}:{LAST_COLUMN}{row}")
    cell = put(ws, row, 1, text)
    cell.font = Font(size=size, bold=bold)
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    if height:
        ws.row_dimensions[row].height = height


def _protect(ws) -> None:
    ws.protection.sheet = True
    # People may still widen columns and rows to read long texts, and sort nothing.
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _figures_sheet(ws, content: FormContent) -> None:
    ws.title = figures_sheet_name()
    _title(ws, 1, _("PHỤ LỤC 01 – FORM FOR THE STRATEGY'S INDICATORS (Quyết định 466/QĐ-BTTTT)"), size=13, bold=True)
    _title(
        ws,
        2,
        _("Indicators of the national strategy for the digital economy and digital society (Quyết định 411/QĐ-TTg)"),
    )
    facts = _("Reporting unit: %(unit)s · Period: %(period)s (figures cover %(coverage)s) · Submit by %(deadline)s")
    _title(ws, 3, facts % {
        "unit": content.unit_name, "period": content.period_label,
        "coverage": content.coverage, "deadline": content.deadline,
    }, bold=True)  # fmt: skip
    _title(
        ws,
        4,
        _(
            "Fill in only the white cells. Write numbers as 14,26 or 14.26 (a percentage without the % sign is "
            "fine). Do not add, delete or move rows. Then upload the file on the submission's page "
            "(“Import from Excel”): you will see every change before it is saved."
        ),
        height=45,
    )
    headers = _headers(content)
    for letter, text in headers.items():
        cell = put(ws[f"{letter}{HEADER_ROW}"], value=text)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[letter].width = COLUMN_WIDTHS[letter]
    ws.row_dimensions[HEADER_ROW].height = 60

    yes, no = yes_no()
    provisional_dv = DataValidation(type="list", formula1=f'"{yes},{no}"', allow_blank=True, showErrorMessage=True)
    provisional_dv.error = _("Choose “%(yes)s” or “%(no)s”.") % {"yes": yes, "no": no}
    year_dv = DataValidation(
        type="whole", operator="between", formula1=str(FIRST_COMPARISON_YEAR),
        formula2=str(content.last_comparison_year), allow_blank=True, showErrorMessage=True,
    )  # fmt: skip
    year_dv.error = _("Enter a year from %(first)d to %(last)d.") % {
        "first": FIRST_COMPARISON_YEAR,
        "last": content.last_comparison_year,
    }
    ws.add_data_validation(provisional_dv)
    ws.add_data_validation(year_dv)

    value_rules: dict[tuple[Decimal | None, Decimal | None], DataValidation | None] = {}
    for index, line in enumerate(content.lines):
        row = FIRST_ROW + index
        fixed = {
            "A": line.code, "B": line.name, "C": line.measure_unit, "L": line.year_target,
            "M": line.goal, "N": line.latest, "O": line.data_source,
        }  # fmt: skip
        for letter, text in fixed.items():
            cell = put(ws[f"{letter}{row}"], value=text or None)  # "2.10" stays text
            cell.fill = LOCKED_FILL
        for name, letter in FIELD_COLUMNS.items():
            cell = put(ws[f"{letter}{row}"], value=_cell_value(name, line.entered.get(name)))
            cell.protection = UNLOCKED
            cell.fill = EDIT_FILL
        for letter in headers:
            cell = ws[f"{letter}{row}"]
            cell.border = BORDER
            cell.alignment = WRAP_TOP
        ws[f"D{row}"].font = Font(bold=True)
        ws.row_dimensions[row].height = _row_height(
            {**fixed, **{letter: line.entered.get(name) for name, letter in FIELD_COLUMNS.items()}}
        )
        bounds = (line.minimum, line.maximum)
        if bounds not in value_rules:
            value_rules[bounds] = _value_validation(*bounds)
            if value_rules[bounds] is not None:
                ws.add_data_validation(value_rules[bounds])
        rule = value_rules[bounds]
        if rule is not None:
            rule.add(f"D{row}")
            rule.add(f"I{row}")
        provisional_dv.add(f"E{row}")
        year_dv.add(f"J{row}")

    ws.freeze_panes = f"D{FIRST_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3  # the table has fifteen columns
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    _protect(ws)


def _sections_sheet(ws, content: FormContent) -> None:
    ws.title = sections_sheet_name()
    widths = {"A": 38, "B": 110}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    ws.merge_cells("A1:B1")
    put(ws["A1"], value=_("Written sections of the report (Phụ lục 01)"))
    ws["A1"].font = Font(size=13, bold=True)
    ws.merge_cells("A2:B2")
    put(ws["A2"], value=_("Reporting unit: %(unit)s · Period: %(period)s") % {
        "unit": content.unit_name,
        "period": content.period_label,
    })  # fmt: skip
    if content.required_sections:
        ws.merge_cells("A3:B3")
        put(ws["A3"], value=_("The second quarter's report must include sections III and VI before it is submitted."))
        ws["A3"].font = Font(italic=True)
    for offset, name in enumerate(SECTION_NAMES):
        row = SECTION_FIRST_ROW + offset
        label = put(ws[f"A{row}"], value=content.section_labels[name])
        label.font = Font(bold=True)
        label.fill = LOCKED_FILL
        label.alignment = WRAP_TOP
        label.border = BORDER
        text = put(ws[f"{SECTION_COLUMN}{row}"], value=content.sections.get(name) or None)
        text.protection = UNLOCKED
        text.alignment = WRAP_TOP
        text.border = BORDER
        ws.row_dimensions[row].height = _row_height({SECTION_COLUMN: text.value}, widths=widths, minimum=8)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    _protect(ws)


def _meta_sheet(ws, content: FormContent) -> None:
    rows = [
        ("form", FORM_KIND),
        ("template_version", str(TEMPLATE_VERSION)),
        ("unit", content.unit_slug),
        ("unit_name", content.unit_name),
        ("period", content.period_code),
        ("period_label", content.period_label),
        ("version", str(content.version)),
        ("indicators", ",".join(line.code for line in content.lines)),
        ("figures_sheet", figures_sheet_name()),
        ("sections_sheet", sections_sheet_name()),
        ("downloaded_at", content.downloaded_at),
    ]
    for number, (key, value) in enumerate(rows, start=1):
        put(ws, number, 1, key)
        put(ws, number, 2, value)
    ws.sheet_state = "veryHidden"
    _protect(ws)


def build_workbook(content: FormContent) -> bytes:
    wb = Workbook()
    _figures_sheet(wb.active, content)
    _sections_sheet(wb.create_sheet(), content)
    _meta_sheet(wb.create_sheet(META_SHEET), content)
    wb.active = 0
    # No sheet can be added, deleted, renamed or unhidden: the reader finds them by name.
    wb.security = WorkbookProtection(lockStructure=True)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an upload; `sheet` and `cell` are empty for the file as a whole."""

    message: str
    sheet: str = ""
    cell: str = ""
    shown: str = ""  # the cell's content as the person sees it

    def __str__(self) -> str:
        if not self.cell:
            return self.message
        if self.shown:
            return _("Sheet “%(sheet)s”, cell %(cell)s (“%(shown)s”): %(message)s") % {
                "sheet": self.sheet, "cell": self.cell, "shown": self.shown, "message": self.message,
            }  # fmt: skip
        return _("Sheet “%(sheet)s”, cell %(cell)s: %(message)s") % {
            "sheet": self.sheet,
            "cell": self.cell,
            "message": self.message,
        }

    def as_dict(self) -> dict[str, str]:
        return {"sheet": self.sheet, "cell": self.cell, "message": self.message, "text": str(self)}


class WorkbookRefused(Exception):
    """The upload cannot be used; `too_large` says it was refused for its size (HTTP 413)."""

    def __init__(self, problems: Sequence[Problem], *, too_large: bool = False) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = list(problems)
        self.too_large = too_large


@dataclass(frozen=True)
class CellValue:
    """A cell's content: None, a str, a Decimal (a number, read exactly), a bool, or a date/time."""

    sheet: str
    ref: str
    value: object

    @property
    def shown(self) -> str:
        if self.value is None:
            return ""
        if isinstance(self.value, Decimal):
            return format(self.value, "f")
        return str(self.value)


@dataclass(frozen=True)
class FormIdentity:
    """What the upload must be: this unit's form for this period, with these indicators in this order."""

    unit_slug: str
    unit_name: str
    period_code: str
    period_label: str
    codes: Sequence[str]


@dataclass(frozen=True)
class ReadForm:
    figures_sheet: str
    sections_sheet: str
    version: int | None  # the submission's version when the form was downloaded
    figures: dict[str, dict[str, CellValue]] = field(default_factory=dict)
    sections: dict[str, CellValue] = field(default_factory=dict)


def too_large_problem() -> Problem:
    return Problem(
        _("The file is larger than %(size)d MB: this is not the tracker's form. Download the form again.")
        % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
    )


def _not_an_xlsx() -> WorkbookRefused:
    return WorkbookRefused(
        [
            Problem(
                _(
                    "This file is not an Excel workbook (.xlsx). Upload the form downloaded from the tracker; if "
                    "you saved it in another format (.xls, .csv, .pdf) or with a password, save it again as an "
                    "Excel workbook (.xlsx) without a password."
                )
            )
        ]
    )


def check_archive(content: bytes) -> None:
    """Refuse what openpyxl should not open: no bytes, too many, not a zip, or a zip that unpacks too far."""
    if not content:
        raise WorkbookRefused([Problem(_("The file is empty."))])
    if len(content) > MAX_UPLOAD_BYTES:
        raise WorkbookRefused([too_large_problem()], too_large=True)
    if not content.startswith(b"PK\x03\x04"):
        raise _not_an_xlsx()
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _not_an_xlsx() from exc
    # The declared sizes bound what zipfile will ever unpack (it stops at a member's declared size).
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise WorkbookRefused(
            [Problem(_("The file unpacks to far more than a form does: it was not opened. Download the form again."))]
        )
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise _not_an_xlsx()


def exact_number(value: int | float) -> Decimal:
    """A number cell as the Decimal the person typed: 14.26 (a float) is Decimal("14.26"), not the float's
    binary expansion. A float noisier than Excel's 15 significant digits (0.1 + 0.2 pasted as a value) reads as
    Excel shows it (0.3)."""
    if isinstance(value, int):
        return Decimal(value)
    number = Decimal(repr(value))
    if len(number.as_tuple().digits) > EXCEL_DIGITS:
        number = Decimal(f"{value:.{EXCEL_DIGITS}g}")
    return number


def _read_cell(cell, sheet: str, ref: str, problems: list[Problem]) -> CellValue:
    value = cell.value
    if cell.data_type == "f":
        shown = value if isinstance(value, str) else "="
        problems.append(
            Problem(
                _("This cell holds a formula: enter the value itself (copy the cell, then Paste Special → Values)."),
                sheet,
                ref,
                shown,
            )  # fmt: skip
        )
        return CellValue(sheet, ref, None)
    if cell.data_type == "e":
        problems.append(
            Problem(_("This cell holds an error value: enter a number or leave it empty."), sheet, ref, str(value))
        )
        return CellValue(sheet, ref, None)
    if isinstance(value, bool) or value is None or isinstance(value, datetime | date | time):
        return CellValue(sheet, ref, value)
    if isinstance(value, int | float):
        try:
            number = exact_number(value)
        except (InvalidOperation, ValueError):
            problems.append(Problem(_("This cell does not hold a usable number."), sheet, ref, str(value)))
            return CellValue(sheet, ref, None)
        if "%" in (cell.number_format or ""):
            number = number * 100  # typed 14,26% in a percentage cell: Excel keeps 0.1426 and shows 14,26%
        if number.is_finite():
            number = Decimal(format(number.normalize(), "f"))
        return CellValue(sheet, ref, number)
    # Excel writes a character that XML cannot carry (a control character) as _xHHHH_ (ECMA-376, ST_Xstring), and
    # a typed "_x" as _x005F_x; openpyxl leaves both as they are. Read as the person typed it: the forms then refuse
    # a control character in words, with the cell.
    return CellValue(sheet, ref, unescape(str(value)))


def _meta(wb) -> dict[str, str]:
    ws = wb[META_SHEET]
    meta = {}
    for key, value, *_rest in ws.iter_rows(min_row=1, max_row=40, max_col=2, values_only=True):
        if isinstance(key, str):
            meta[key] = "" if value is None else str(value)
    return meta


def _check_identity(meta: dict[str, str], expected: FormIdentity) -> None:
    if meta.get("form") != FORM_KIND:
        raise WorkbookRefused([_not_the_form()])
    if meta.get("template_version") != str(TEMPLATE_VERSION):
        raise WorkbookRefused([Problem(
            _("This form was made with an earlier version of the template: download the form again and copy your "
              "figures into it.")
        )])  # fmt: skip
    if meta.get("unit") != expected.unit_slug:
        raise WorkbookRefused([Problem(
            _("This is the form of %(other)s, not of %(unit)s: upload %(unit)s's form.")
            % {"other": meta.get("unit_name") or meta.get("unit"), "unit": expected.unit_name}
        )])  # fmt: skip
    if meta.get("period") != expected.period_code:
        raise WorkbookRefused([Problem(
            _("This is the form for %(other)s, not for %(period)s: download the form for %(period)s.")
            % {"other": meta.get("period_label") or meta.get("period"), "period": expected.period_label}
        )])  # fmt: skip
    if meta.get("indicators", "").split(",") != list(expected.codes):
        raise WorkbookRefused([Problem(
            _("The indicators %(unit)s reports have changed since this form was downloaded: download the form again.")
            % {"unit": expected.unit_name}
        )])  # fmt: skip


def _not_the_form() -> Problem:
    return Problem(
        _(
            "This workbook is not a form downloaded from the tracker (or its hidden identification sheet was "
            "removed): download the form of the submission and fill that one in."
        )
    )


def read_workbook(content: bytes, *, expected: FormIdentity) -> ReadForm:
    """The editable cells of an uploaded form, or WorkbookRefused listing every problem found."""
    check_archive(content)
    try:
        wb = load_workbook(BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, XML errors, ...) for a damaged file
        raise _not_an_xlsx() from exc
    try:
        if META_SHEET not in wb.sheetnames:
            raise WorkbookRefused([_not_the_form()])
        meta = _meta(wb)
        _check_identity(meta, expected)
        figures_name, sections_name = meta.get("figures_sheet", ""), meta.get("sections_sheet", "")
        missing = [name for name in (figures_name, sections_name) if name not in wb.sheetnames]
        if missing:
            raise WorkbookRefused([Problem(
                _("The sheet “%(sheet)s” is missing: download the form again.") % {"sheet": missing[0]}
            )])  # fmt: skip
        problems: list[Problem] = []
        figures = _read_figures(wb[figures_name], figures_name, expected.codes, problems)
        sections = _read_sections(wb[sections_name], sections_name, problems)
    finally:
        wb.close()
    if problems:
        raise WorkbookRefused(problems)
    version = meta.get("version", "")
    return ReadForm(
        figures_sheet=figures_name,
        sections_sheet=sections_name,
        version=int(version) if version.isascii() and version.isdigit() else None,
        figures=figures,
        sections=sections,
    )


def _read_figures(ws, sheet: str, codes: Sequence[str], problems: list[Problem]) -> dict[str, dict[str, CellValue]]:
    last_row = FIRST_ROW + len(codes) - 1 + EXTRA_ROWS_CHECKED
    last_column = max(CODE_COLUMN, *(_column_index(c) for c in FIELD_COLUMNS.values()))
    rows = list(ws.iter_rows(min_row=FIRST_ROW, max_row=last_row, max_col=last_column))
    figures: dict[str, dict[str, CellValue]] = {}
    moved = []
    for offset in range(last_row - FIRST_ROW + 1):
        number = FIRST_ROW + offset
        cells = {c.column: c for c in rows[offset] if hasattr(c, "column")} if offset < len(rows) else {}
        code_cell = cells.get(CODE_COLUMN)
        found = "" if code_cell is None or code_cell.value is None else str(code_cell.value).strip()
        if offset >= len(codes):
            used = [c for c in cells.values() if c.value not in (None, "")]
            if used:
                problems.append(Problem(
                    _("This row is below the form's last indicator: rows must not be added. Move its content "
                      "into the indicator's own row."), sheet, used[0].coordinate,
                ))  # fmt: skip
            continue
        code = codes[offset]
        if found != code:  # the first row out of place: the rows below it are out of place too
            moved.append(Problem(
                _("This row should be indicator %(code)s but holds %(found)s: rows were deleted, added or moved. "
                  "Download the form again and keep its rows as they are.")
                % {"code": code, "found": found or "—"}, sheet, f"A{number}",
            ))  # fmt: skip
            break
        figures[code] = {
            name: _read_cell(cells[_column_index(letter)], sheet, f"{letter}{number}", problems)
            if _column_index(letter) in cells
            else CellValue(sheet, f"{letter}{number}", None)
            for name, letter in FIELD_COLUMNS.items()
        }
    if moved:
        problems[:0] = moved
    return figures


def _read_sections(ws, sheet: str, problems: list[Problem]) -> dict[str, CellValue]:
    column = _column_index(SECTION_COLUMN)
    last_row = SECTION_FIRST_ROW + len(SECTION_NAMES) - 1
    rows = list(ws.iter_rows(min_row=SECTION_FIRST_ROW, max_row=last_row, min_col=column, max_col=column))
    sections = {}
    for offset, name in enumerate(SECTION_NAMES):
        ref = f"{SECTION_COLUMN}{SECTION_FIRST_ROW + offset}"
        cell = rows[offset][0] if offset < len(rows) and rows[offset] else None
        sections[name] = CellValue(sheet, ref, None) if cell is None else _read_cell(cell, sheet, ref, problems)
    return sections


def _column_index(letter: str) -> int:
    return column_index_from_string(letter)
