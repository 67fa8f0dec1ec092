"""The consolidated report as files: the Phụ lục 01 table in Excel (openpyxl) and CSV, the report in Word
(python-docx). Each renders the plain dict of `reports.selectors.report_data`, the live one or a sent version's
frozen copy, so a file of a sent version reads as it was sent."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from strategy_tracker.files import csv_bytes, put

QUARTER_NAMES = ("I", "II", "III", "IV")
# The notes of Phụ lục 01 of Quyết định 466/QĐ-BTTTT, verbatim (the document's own words, not translated).
PRINCIPLES = (
    "1: Lấy dữ liệu làm trung tâm: Quản lý thực thi chiến lược dựa trên dữ liệu, lấy dữ liệu làm trung tâm, ưu tiên "
    "dữ liệu có thể giám sát tự động. Hạn chế tối đa các báo cáo không dựa trên dữ liệu.",
    "2. Thường xuyên, liên tục: Dữ liệu quản lý thực thi chiến lược được cập nhật, theo dõi liên tục hằng quý.",
    "3. Động, kịp thời: Nếu phát hiện dữ liệu phát triển lĩnh vực có xu hướng không đạt chỉ tiêu phát triển của năm, "
    "giai đoạn thì phải có giải pháp thúc đẩy kịp thời. Ngược lại, nếu phát hiện dữ liệu phát triển lĩnh vực có xu "
    "hướng vượt xa chỉ tiêu chiến lược của năm, giai đoạn thì phải đề xuất điều chỉnh kịp thời chỉ tiêu phát triển "
    "của năm, giai đoạn để tạo cơ hội phát triển đột phá. Hằng năm, đề xuất điều chỉnh các chỉ tiêu: thêm, bót, "
    "tăng, giảm cho phù hợp.",
    "4. So sánh với quốc tế: Ưu tiên các dữ liệu so sánh được với quốc tế, đặc biệt là dữ liệu từ các tổ chức quốc "
    "tế uy tín. Đơn vị quản lý lĩnh vực phối hợp với Viện Chiến lược Thông tin và Truyền thông đề xuất các chỉ tiêu "
    "mới so sánh được với quốc tế, báo cáo Bộ trưởng xem xét, quyết định.",
)
SECTION_TITLES = (
    ("trend_assessment", "III. Đánh giá xu hướng"),
    ("international_comparison", "IV. So sánh quốc tế"),
    ("difficulties", "V. Khó khăn, vướng mắc"),
    ("proposals", "VI. Đề xuất"),
)

PROVISIONAL_FILL = PatternFill("solid", fgColor="FFF4CC")
PENDING_FILL = PatternFill("solid", fgColor="FBE3D6")
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

# The administrative form of Nghị định 30/2020/NĐ-CP, Phụ lục I: its fixed words are Vietnamese whatever the
# interface's language (the report is a document of the Vietnamese administration); the body follows the language.
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCUMENT_TYPE = "BÁO CÁO"
SUMMARY = "Tình hình thực hiện các chỉ tiêu Chiến lược quốc gia phát triển kinh tế số và xã hội số"
FONT = "Times New Roman"
BODY_SIZE = Pt(13)
TABLE_SIZE = Pt(12)
# A4 landscape (section I.2: a text with tables not made into annexes may be laid out across the page), and the
# margins of section I.3 (top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm).
MARGINS = {"top_margin": Cm(2), "bottom_margin": Cm(2), "left_margin": Cm(3), "right_margin": Cm(1.5)}
TEXT_WIDTH = Cm(29.7 - 3 - 1.5)
LEFT_BLOCK = Cm(10)


def administrative_date(place: str, day: date | None) -> str:
    """'Hà Nội, ngày 08 tháng 12 năm 2026': a day below 10 and the months 1 and 2 with a leading zero (Phụ lục I,
    II.4.b); without a day, the dotted line the clerk fills in."""
    if day is None:
        return f"{place}, ngày … tháng … năm …"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _issue_day(data: dict) -> date | None:
    """The report's date: the day its figures were read (a sent version's: the day it was sent)."""
    return date.fromisoformat(data["as_of"]) if data.get("as_of") else None


def file_stem(data: dict, version: int | None = None) -> str:
    """'bao-cao-tong-hop_2026-quy-4' (with '_lan-2' for a sent version), 'bao-cao-tong-hop_2026' for a year: the
    year and quarter in the name."""
    stem = f"bao-cao-tong-hop_{data['year']}"
    if data.get("quarter"):
        stem += f"-quy-{data['quarter']}"
    return f"{stem}_lan-{version}" if version else stem


def _number_format(decimals: int) -> str:
    # Shown with the reader's separators: 14,26 in a Vietnamese Excel.
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _marks(cell: dict) -> list[str]:
    marks = []
    if cell.get("provisional"):
        marks.append(_("provisional estimate"))
    if cell.get("value") is not None and not cell.get("accepted"):
        marks.append(_("not yet accepted"))
    return marks


def _title(data: dict) -> str:
    return _("Consolidated table of the strategy's indicators, %(period)s") % {"period": data["period_label"]}


def _missing_lines(data: dict) -> list[str]:
    """'Cục ATTT: Chưa nộp (…)'; in a year's table each line names its quarter first."""
    year_view = data.get("quarter") is None
    return [
        (f"{o['period_label']}, " if year_view else "") + f"{o['unit']}: {o['deadline_label']} ({o['status_label']})"
        for o in data["outstanding"]
    ]


def _as_of(data: dict) -> str:
    """The figures' date, with the quarter's deadlines (a year has none of its own)."""
    if data.get("quarter") is None:
        return _("Figures as of %(day)s.") % {"day": data["as_of_display"]}
    return _("Figures as of %(day)s. Units submit by %(deadline)s; Vụ KTS và XHS consolidates by %(cons)s.") % {
        "day": data["as_of_display"],
        "deadline": data["unit_deadline"],
        "cons": data["consolidation_deadline"],
    }


def _header(ws, row: int, col: int, text: str, *, rows: int = 1, cols: int = 1) -> None:
    cell = put(ws, row, col, text)
    if rows > 1 or cols > 1:
        ws.merge_cells(start_row=row, start_column=col, end_row=row + rows - 1, end_column=col + cols - 1)
    for r in range(row, row + rows):
        for c in range(col, col + cols):
            ws.cell(row=r, column=c).border = BORDER
            ws.cell(row=r, column=c).fill = HEADER_FILL
    cell.font = Font(bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


BODY_STYLE, NAME_STYLE, CHILD_NAME_STYLE = "Tracker body", "Tracker indicator", "Tracker sub-indicator"


def _body_styles() -> list[NamedStyle]:
    return [
        NamedStyle(name=BODY_STYLE, border=BORDER, alignment=Alignment(vertical="top", wrap_text=True)),
        NamedStyle(name=NAME_STYLE, border=BORDER, alignment=Alignment(vertical="top", wrap_text=True)),
        NamedStyle(name=CHILD_NAME_STYLE, border=BORDER, alignment=Alignment(vertical="top", wrap_text=True, indent=2)),
    ]


def table_xlsx(data: dict, *, issuer: dict, sent: dict | None = None) -> bytes:
    """Phụ lục 01's table under the report's heading block (`_xlsx_heading`): STT, indicator, measure unit,
    reporting unit, then the year's four quarters each with its international comparison and the year's target
    under one merged heading, then the period goal, the gap and the assessment. `sent` (who and when) heads a sent
    version."""
    wb = Workbook()
    for style in _body_styles():
        wb.add_named_style(style)
    ws = wb.active
    ws.title = _("Table")
    year = data["year"]
    ncols = 4 + 9 + 3
    first = _xlsx_heading(ws, data, issuer, ncols)
    put(ws, first, 1, _title(data).upper()).font = Font(bold=True, size=13)
    ws.merge_cells(start_row=first, start_column=1, end_row=first, end_column=ncols)
    subtitle = _as_of(data)
    if sent:
        subtitle += " " + _("Version %(version)s, sent by %(who)s at %(when)s.") % sent
    put(ws, first + 1, 1, subtitle).font = Font(italic=True)
    ws.merge_cells(start_row=first + 1, start_column=1, end_row=first + 1, end_column=ncols)

    top, sub = first + 3, first + 4
    for col, text in enumerate(
        (
            _("No."),
            _("Indicator of the digital economy and digital society strategy"),
            _("Measure unit"),
            _("Reporting unit"),
        ),
        start=1,
    ):
        _header(ws, top, col, text, rows=2)
    _header(ws, top, 5, _("Year %(year)s") % {"year": year}, cols=9)
    col = 5
    for name in QUARTER_NAMES:
        _header(ws, sub, col, _("Quarter %(q)s") % {"q": name})
        _header(ws, sub, col + 1, _("International comparison (may be approximate)"))
        col += 2
    _header(ws, sub, 13, _("Target %(year)s") % {"year": year})
    ws.row_dimensions[sub].height = 48  # the comparison's heading on three lines, within its own row
    _header(ws, top, 14, _("Period goal"), rows=2)
    _header(ws, top, 15, _("Gap to goal"), rows=2)
    _header(ws, top, 16, _("Assessment"), rows=2)

    r = sub + 1
    group = None
    for row in data["rows"]:
        if row["group"] != group:
            group = row["group"]
            put(ws, r, 1, group).number_format = "@"
            put(ws, r, 2, row["group_name"]).font = Font(bold=True)
            for c in range(1, ncols + 1):
                ws.cell(row=r, column=c).fill = GROUP_FILL
                ws.cell(row=r, column=c).border = BORDER
            r += 1
        # Each cell's border and alignment as one named style, set first (a style resets the number format): a
        # style per property and cell made the export three times slower.
        for c in range(1, ncols + 1):
            ws.cell(row=r, column=c).style = BODY_STYLE
        ws.cell(row=r, column=2).style = CHILD_NAME_STYLE if row["is_child"] else NAME_STYLE
        code = put(ws, r, 1, row["code"])
        code.number_format = "@"  # 2.10 stays 2.10
        put(ws, r, 2, row["name"])
        put(ws, r, 3, row["measure_unit"])
        put(ws, r, 4, row["unit"])
        col = 5
        for q in ("1", "2", "3", "4"):
            cell = row["quarters"][q]
            target = ws.cell(row=r, column=col)
            if cell["value"] is not None:
                put(target, value=float(Decimal(cell["value"])))
                target.number_format = _number_format(_decimals(cell["value"], row["decimals"]))
                marks = _marks(cell)
                if marks:
                    target.fill = PROVISIONAL_FILL if cell.get("provisional") else PENDING_FILL
                    target.font = Font(italic=True)
                    target.comment = Comment(", ".join(marks), "Vụ KTS và XHS")
            put(ws, r, col + 1, cell.get("comparison") or None)
            col += 2
        put(ws, r, 13, row["target"] or None)
        goal = f"{row['goal']} ({row['goal_year']})" if row["goal"] and row["goal_year"] else row["goal"]
        put(ws, r, 14, goal or None)
        put(ws, r, 15, row["gap"] or None)
        put(ws, r, 16, row["flag_label"])
        # Excel and LibreOffice do not grow a row to its wrapped text on opening: give it the lines it needs.
        lines = max(len(row["name"]) // 52, len(row["flag_label"]) // 26, len(goal or "") // 16, 0) + 1
        ws.row_dimensions[r].height = 15 * lines
        r += 1

    r += 1
    put(ws, r, 1, _("Legend:")).font = Font(bold=True)
    legend = put(ws, r, 2, _("provisional estimate"))
    legend.fill = PROVISIONAL_FILL
    pending = put(ws, r, 3, _("not yet accepted"))
    pending.fill = PENDING_FILL
    r += 1
    if not data["any_value"]:
        put(ws, r, 1, _("No figure has been submitted or accepted for this year yet.")).font = Font(bold=True)
        r += 1
    missing = _missing_lines(data)
    if missing:
        put(ws, r, 1, _("Still outstanding for %(period)s:") % {"period": data["period_label"]}).font = Font(
            bold=True, color="9C0006"
        )
        for line in missing:
            r += 1
            put(ws, r, 2, line)

    widths = {1: 7, 2: 48, 3: 9, 4: 16, 13: 13, 14: 16, 15: 16, 16: 24}
    for c in range(1, ncols + 1):
        ws.column_dimensions[get_column_letter(c)].width = widths.get(c, 11 if c % 2 else 16)
    ws.freeze_panes = ws.cell(row=sub + 1, column=3)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{top}:{sub}"

    notes = wb.create_sheet(_("Notes"))
    notes.column_dimensions["A"].width = 10
    notes.column_dimensions["B"].width = 10
    notes.column_dimensions["C"].width = 90
    put(notes, 1, 1, _("Sources of the quarterly figures")).font = Font(bold=True)
    n = 2
    for header_col, text in enumerate((_("Code"), _("Quarter"), _("Source")), start=1):
        put(notes, n, header_col, text).font = Font(bold=True)
    for row in data["rows"]:
        for q, name in zip(("1", "2", "3", "4"), QUARTER_NAMES, strict=True):
            cell = row["quarters"][q]
            if cell["value"] is None:
                continue
            n += 1
            put(notes, n, 1, row["code"]).number_format = "@"
            put(notes, n, 2, name)
            put(notes, n, 3, cell.get("source") or "—")
    n += 2
    put(notes, n, 1, "Ghi chú về các nguyên tắc quản lý thực thi Chiến lược:").font = Font(bold=True)
    for principle in PRINCIPLES:
        n += 1
        put(notes, n, 1, principle).alignment = Alignment(wrap_text=True, vertical="top")
        notes.merge_cells(start_row=n, start_column=1, end_row=n, end_column=3)
        notes.row_dimensions[n].height = 15 * (1 + len(principle) // 110)
    n += 2
    put(notes, n, 1, _("Source: Phụ lục 01, Quyết định 466/QĐ-BTTTT."))

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _xlsx_heading(ws, data: dict, issuer: dict, ncols: int) -> int:
    """The report's heading block above the table, as on report.docx (Nghị định 30/2020/NĐ-CP, Phụ lục I): the
    governing and issuing bodies on the left (columns A–D), Quốc hiệu, Tiêu ngữ and the place and date on the
    right (the last eight columns), in Times New Roman; returns the first row under it."""
    right = ncols - 7
    lines = (
        (issuer["governing_body"].upper(), False, NATIONAL_NAME, False),
        (issuer["issuing_body"].upper(), True, MOTTO, False),
        ("", False, administrative_date(issuer["place"], _issue_day(data)), True),
    )
    for row, (left_text, left_bold, right_text, italic) in enumerate(lines, start=1):
        for column, end, text, bold in ((1, 4, left_text, left_bold), (right, ncols, right_text, not italic)):
            cell = put(ws, row, column, text or None)
            cell.font = Font(name=FONT, size=13, bold=bold, italic=italic)
            cell.alignment = Alignment(horizontal="center", vertical="center")
            ws.merge_cells(start_row=row, start_column=column, end_row=row, end_column=end)
        ws.row_dimensions[row].height = 18
    return len(lines) + 2


def _decimals(value: str, most: int) -> int:
    exponent = Decimal(value).normalize().as_tuple().exponent
    return min(most, max(0, -exponent)) if isinstance(exponent, int) else 0


def _csv_columns(data: dict) -> list[tuple[str, str]]:
    """The CSV's columns: the header and the Table Schema type of each, one list for the file and its schema."""
    columns = [(_("Code"), "string"), (_("Indicator"), "string"), (_("Measure unit"), "string")]
    columns += [(_("Reporting unit"), "string")]
    for name in QUARTER_NAMES:
        quarter = _("Quarter %(q)s") % {"q": name}
        columns += [
            (quarter, "number"),
            (f"{quarter}: {_('provisional estimate')}", "boolean"),
            (f"{quarter}: {_('accepted')}", "boolean"),
            (f"{quarter}: {_('International comparison (may be approximate)')}", "string"),
        ]
    columns += [(_("Target %(year)s") % {"year": data["year"]}, "string"), (_("Period goal"), "string")]
    columns += [(_("Gap to goal"), "string"), (_("Assessment"), "string")]
    return columns


def table_csv_schema(data: dict) -> dict:
    """The Table Schema of `table_csv` (frictionless): what a machine needs to read the code as text, the values
    as numbers and the marks as booleans."""
    fields: list[dict] = []
    for name, kind in _csv_columns(data):
        field: dict = {"name": name, "type": kind}
        if kind == "boolean":
            field |= {"trueValues": ["true"], "falseValues": ["false"]}
        fields.append(field)
    fields[0]["constraints"] = {"required": True, "unique": True}
    return {"fields": fields, "primaryKey": [fields[0]["name"]], "missingValues": [""]}


def table_csv(data: dict) -> bytes:
    """The table for machines (`strategy_tracker.files.csv_bytes`: UTF-8 with a BOM, text quoted and neutralised):
    data rows only, numbers as plain numbers (14.26), the marks as true/false in their own columns, described by
    `table_csv_schema`. What is still outstanding is in the xlsx and on the page, not among the data."""
    header = [name for name, _kind in _csv_columns(data)]
    lines = []
    for row in data["rows"]:
        line: list[object] = [row["code"], row["name"], row["measure_unit"], row["unit"]]
        for q in ("1", "2", "3", "4"):
            cell = row["quarters"][q]
            present = cell["value"] is not None
            line += [
                Decimal(cell["value"]) if present else None,
                bool(cell["provisional"]) if present else None,
                bool(cell["accepted"]) if present else None,
                cell.get("comparison", ""),
            ]
        goal = f"{row['goal']} ({row['goal_year']})" if row["goal"] and row["goal_year"] else row["goal"]
        line += [row["target"], goal, row["gap"], row["flag_label"]]
        lines.append(line)
    return csv_bytes(header, lines)


# ---------------------------------------------------------------- Word


def _cell_text(cell: dict) -> str:
    if cell["value"] is None:
        return ""
    text = cell["display"]
    if cell.get("provisional"):
        text += " *"
    if not cell.get("accepted"):
        text += " †"
    if cell.get("comparison"):
        text += f"\n({cell['comparison']})"
    return text


def target_proposal_line(proposal: dict) -> str:
    """'2030: ≥ 95% instead of “Trên 80%” (QĐ 411). Reason. (proposed by … on …)'"""
    line = f"{proposal['year']}: {proposal['target']}"
    if proposal["replaces"]:
        line += " " + _("instead of “%(wording)s” (%(document)s)") % {
            "wording": proposal["replaces"],
            "document": proposal["replaces_document"],
        }
    who = _("proposed by %(who)s on %(day)s") % {"who": proposal["proposed_by"], "day": proposal["proposed_on"]}
    return f"{line}. {proposal['reason']} ({who})"


def _times(rpr) -> None:
    """Times New Roman for every script of a run's or a style's properties, the theme's fonts removed: Word's
    headings name the theme's font (Calibri Light), which wins over a font named beside it."""
    fonts = rpr.get_or_add_rFonts()
    for name in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(name), None)
    for name in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(name), FONT)


def _set_styles(doc) -> None:
    """Times New Roman, black, 13 pt everywhere: the document's defaults, the body and the headings (Word's are a
    blue sans-serif)."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _times(rpr)
    for name, size, bold, italic in (
        ("Normal", BODY_SIZE, None, None),
        ("Heading 1", BODY_SIZE, True, False),
        ("Heading 2", BODY_SIZE, True, True),
        ("List Bullet", BODY_SIZE, None, None),
        ("List Bullet 2", BODY_SIZE, None, None),
        ("Header", BODY_SIZE, None, None),
    ):
        style = doc.styles[name]
        _times(style.element.get_or_add_rPr())
        style.font.size = size
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.bold = bold
        style.font.italic = italic
        style.paragraph_format.line_spacing = 1.0
        style.paragraph_format.space_after = Pt(6)
        if name.startswith("Heading"):
            style.paragraph_format.space_before = Pt(6)
            style.paragraph_format.keep_with_next = True
    doc.styles["Normal"].paragraph_format.space_after = Pt(6)


def _set_page(doc) -> None:
    """A4 across, the decree's margins, the page number centred in the top margin from page 2 on (I.7)."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for side, length in MARGINS.items():
        setattr(section, side, length)
    section.header_distance = Cm(1)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        run = number.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)


def _line(container, text: str = "", *, size=BODY_SIZE, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER):
    """A paragraph of one run, with no space around it (the heading and signature blocks)."""
    para = container.add_paragraph()
    para.alignment = align
    para.paragraph_format.space_after = Pt(0)
    para.paragraph_format.space_before = Pt(0)
    if text:
        run = para.add_run(text)
        run.font.size, run.bold, run.italic = size, bold, italic
    return para


def _rule(container, width, box_width) -> None:
    """The short solid line under the motto, the issuing body and the summary: the bottom border of an empty
    paragraph as wide as `width`, centred in `box_width`."""
    para = _line(container, size=Pt(2))
    para.paragraph_format.line_spacing = Pt(2)
    side = (box_width - width) // 2
    para.paragraph_format.left_indent = side
    para.paragraph_format.right_indent = side
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    para._p.get_or_add_pPr().append(borders)


def _two_columns(doc, widths):
    """A borderless table of one row and two cells, as administrative documents lay out their heading and their
    signature: (left cell, right cell)."""
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    row = table.rows[0]
    row_properties = row._tr.get_or_add_trPr()
    row_properties.append(OxmlElement("w:cantSplit"))
    cells = row.cells
    for cell, width in zip(cells, widths, strict=True):
        cell.width = width
        table.columns[cells.index(cell)].width = width
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)  # each block adds its own lines
    return cells


def _heading(doc, data: dict, issuer: dict) -> None:
    """Quốc hiệu and Tiêu ngữ on the right, the governing and issuing bodies with the number on the left, the place
    and date under the motto; then the type, the summary and the addressee, centred."""
    right_width = TEXT_WIDTH - LEFT_BLOCK
    left, right = _two_columns(doc, (LEFT_BLOCK, right_width))
    _line(left, issuer["governing_body"].upper())
    _line(left, issuer["issuing_body"].upper(), bold=True)
    _rule(left, Cm(3.5), LEFT_BLOCK)
    _line(left).paragraph_format.space_before = Pt(6)
    left.paragraphs[-1].add_run(f"Số: ……/{issuer['symbol']}")
    _line(right, NATIONAL_NAME, bold=True)
    _line(right, MOTTO, size=Pt(14), bold=True)
    _rule(right, Cm(6.4), right_width)
    place = _line(right, administrative_date(issuer["place"], _issue_day(data)), size=Pt(14), italic=True)
    place.paragraph_format.space_before = Pt(6)

    kind = _line(doc, DOCUMENT_TYPE, size=Pt(14), bold=True)
    kind.paragraph_format.space_before = Pt(18)
    summary = _line(doc, SUMMARY, size=Pt(14), bold=True)
    summary.runs[0].add_break()
    period = summary.add_run(f"Quý {data['quarter']}/{data['year']}" if data.get("quarter") else f"Năm {data['year']}")
    period.font.size, period.bold = Pt(14), True
    _rule(doc, Cm(5), TEXT_WIDTH)
    if issuer["addressee"]:
        to = _line(doc, f"Kính gửi: {issuer['addressee']}.", size=Pt(14))
        to.paragraph_format.space_before = Pt(12)
    _line(doc).paragraph_format.space_after = Pt(6)


def _signature(doc, issuer: dict) -> None:
    """Nơi nhận on the left (12 pt bold italic, the list in 11 pt: a dash before each, a semicolon after, a full
    stop after the last), the signer's authority, title and name on the right."""
    _line(doc).paragraph_format.space_after = Pt(6)
    left, right = _two_columns(doc, (LEFT_BLOCK, TEXT_WIDTH - LEFT_BLOCK))
    _line(left, "Nơi nhận:", size=Pt(12), bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    recipients = issuer["recipients"]
    for i, name in enumerate(recipients):
        end = "." if i == len(recipients) - 1 else ";"
        _line(left, f"- {name}{end}", size=Pt(11), align=WD_ALIGN_PARAGRAPH.LEFT)
    lines = [issuer["signer_title"].upper()]
    if issuer["authority"]:
        lines.insert(0, f"{issuer['authority']} {issuer['head_title'].upper()}")
    for text in lines:
        _line(right, text, bold=True)
    for _blank in range(4):  # the signature and the seal
        _line(right)
    _line(right, issuer["signer_name"], bold=True)


def _body(doc, text: str, *, style: str | None = None):
    """A paragraph of the body: justified, its first line indented 1 cm (Phụ lục I, II.6)."""
    para = doc.add_paragraph(text, style=style)
    para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if style is None:
        para.paragraph_format.first_line_indent = Cm(1)
    return para


def _table(doc, data: dict) -> None:
    headers = [_("Code"), _("Indicator")]
    headers += [_("Quarter %(q)s") % {"q": name} for name in QUARTER_NAMES]
    headers += [
        _("Target %(year)s") % {"year": data["year"]},
        _("Period goal"),
        _("Gap to goal"),
        _("Assessment"),
    ]
    widths = [Cm(1.3), Cm(5.9)] + [Cm(2.1)] * 4 + [Cm(2.0), Cm(2.5), Cm(2.4), Cm(2.7)]  # TEXT_WIDTH
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
    for cell, text in zip(header.cells, headers, strict=True):
        cell.text = text
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].runs[0].bold = True
    group = None
    for row in data["rows"]:
        if row["group"] != group:
            group = row["group"]
            cells = table.add_row().cells
            cells[0].text = group
            heading = cells[1].merge(cells[-1])
            heading.text = row["group_name"]
            for cell in (cells[0], heading):
                cell.paragraphs[0].runs[0].bold = True
        added = table.add_row()
        added._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row is never cut by a page break
        cells = added.cells
        goal = f"{row['goal']} ({row['goal_year']})" if row["goal"] and row["goal_year"] else row["goal"]
        values = [row["code"], row["name"]]
        values += [_cell_text(row["quarters"][q]) for q in ("1", "2", "3", "4")]
        values += [row["target"], goal, row["gap"], row["flag_label"]]
        for i, text in enumerate(values):
            cells[i].text = text
            if 2 <= i <= 8:
                for paragraph in cells[i].paragraphs:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = TABLE_SIZE
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width


def report_docx(data: dict, *, issuer: dict, sent: dict | None = None) -> bytes:
    """The quarterly report as a Word document in the administrative form of Nghị định 30/2020/NĐ-CP (Phụ lục I),
    ready for the department to number, sign and send: the heading block, the type and summary, the table (with
    the gap to the goal), sections III–VI from each unit, the indicators that call for action, the four principles,
    then Nơi nhận and the signer (`issuer`: `reports.selectors.report_issuer`)."""
    doc = WordDocument()
    _set_styles(doc)
    _set_page(doc)
    doc.core_properties.title = f"{DOCUMENT_TYPE} {SUMMARY} {data['period_label']}"
    doc.core_properties.author = issuer["issuing_body"]
    _heading(doc, data, issuer)
    meta = _as_of(data)
    if sent:
        meta += " " + _("Version %(version)s, sent by %(who)s at %(when)s.") % sent
    _body(doc, meta)

    doc.add_heading(_("I–II. The indicators"), level=1)
    if not data["any_value"]:
        _body(doc, _("No figure has been submitted or accepted for this year yet."))
    _table(doc, data)
    legend = doc.add_paragraph()
    legend.paragraph_format.space_before = Pt(6)
    legend.add_run(_("* provisional estimate   † not yet accepted by Vụ KTS và XHS")).italic = True
    missing = _missing_lines(data)
    if missing:
        para = doc.add_paragraph()
        para.add_run(_("Still outstanding for %(period)s:") % {"period": data["period_label"]}).bold = True
        for line in missing:
            doc.add_paragraph(line, style="List Bullet")

    for name, title in SECTION_TITLES:
        heading = title
        if name == "trend_assessment" and data["half_year"]:
            heading += " " + _("(including the first six months)")
        doc.add_heading(heading, level=1)
        written = [s for s in data["sections"] if s[name]]
        if not written:
            _body(doc, _("No unit has written this section."))
        for section in written:
            doc.add_heading(section["unit"], level=2)
            for line in section[name].splitlines():
                if line.strip():
                    _body(doc, line.strip())

    doc.add_heading(_("Indicators that call for action (principle 3)"), level=1)
    if not data["actions"]:
        _body(doc, _("No indicator calls for remedies, a higher target or a new target."))
    for action in data["actions"]:
        para = _body(doc, "", style="List Bullet")
        para.add_run(f"{action['code']} {action['name']}: ").bold = True
        para.add_run(f"{action['flag_label']}. {action['explanation']}")
        if action["unit_proposals"]:
            words = {"unit": action["unit"], "text": action["unit_proposals"]}
            _body(doc, _("Proposals of %(unit)s: %(text)s") % words)
        proposals = action.get("target_proposals") or []  # absent from versions sent before they were listed
        if proposals:
            _body(doc, _("Target adjustment proposals awaiting the leadership's decision:"))
        for proposal in proposals:
            _body(doc, target_proposal_line(proposal), style="List Bullet 2")

    doc.add_heading("Ghi chú về các nguyên tắc quản lý thực thi Chiến lược", level=1)
    for principle in PRINCIPLES:
        _body(doc, principle)
    _signature(doc, issuer)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
