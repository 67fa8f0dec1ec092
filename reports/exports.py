"""The consolidated report as files: the Phụ lục 01 table in Excel (openpyxl) and CSV, the report in Word
(python-docx). Each renders the plain dict of `reports.selectors.report_data`, the live one or a sent version's
frozen copy, so a file of a sent version reads as it was sent."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
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


def table_xlsx(data: dict, *, sent: dict | None = None) -> bytes:
    """Phụ lục 01's table: STT, indicator, measure unit, reporting unit, then the year's four quarters each with
    its international comparison and the year's target under one merged heading, then the period goal, the gap
    and the assessment. `sent` (who and when) heads a sent version."""
    wb = Workbook()
    for style in _body_styles():
        wb.add_named_style(style)
    ws = wb.active
    ws.title = _("Table")
    year = data["year"]
    ncols = 4 + 9 + 3
    put(ws, 1, 1, _title(data).upper()).font = Font(bold=True, size=13)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    subtitle = _as_of(data)
    if sent:
        subtitle += " " + _("Version %(version)s, sent by %(who)s at %(when)s.") % sent
    put(ws, 2, 1, subtitle).font = Font(italic=True)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncols)

    top, sub = 4, 5
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


def _set_landscape(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))


def report_docx(data: dict, *, sent: dict | None = None) -> bytes:
    """The quarterly report as a Word document the department can edit and sign: the table, then sections III–VI
    from each unit, the indicators that call for action, and the four principles."""
    doc = WordDocument()
    _set_landscape(doc)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)
    doc.add_paragraph("Vụ Kinh tế số và Xã hội số").runs[0].bold = True
    doc.add_heading(_("Consolidated quarterly report, %(period)s") % {"period": data["period_label"]}, level=0)
    meta = _as_of(data)
    if sent:
        meta += " " + _("Version %(version)s, sent by %(who)s at %(when)s.") % sent
    doc.add_paragraph(meta)

    doc.add_heading(_("I–II. The indicators"), level=1)
    if not data["any_value"]:
        doc.add_paragraph(_("No figure has been submitted or accepted for this year yet."))
    headers = [_("Code"), _("Indicator")]
    headers += [_("Quarter %(q)s") % {"q": name} for name in QUARTER_NAMES]
    headers += [_("Target %(year)s") % {"year": data["year"]}, _("Period goal"), _("Assessment")]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for i, text in enumerate(headers):
        cell = table.rows[0].cells[i]
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in data["rows"]:
        cells = table.add_row().cells
        goal = f"{row['goal']} ({row['goal_year']})" if row["goal"] and row["goal_year"] else row["goal"]
        values = [row["code"], row["name"]]
        values += [_cell_text(row["quarters"][q]) for q in ("1", "2", "3", "4")]
        values += [row["target"], goal, row["flag_label"]]
        for i, text in enumerate(values):
            cells[i].text = text
            for paragraph in cells[i].paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8.5)
    widths = [Cm(1.2), Cm(7.5)] + [Cm(2.4)] * 4 + [Cm(2.2), Cm(2.6), Cm(3.2)]
    table.autofit = False
    for i, width in enumerate(widths):
        table.columns[i].width = width
    for row in table.rows:
        for i, width in enumerate(widths):
            row.cells[i].width = width
    doc.add_paragraph(_("* provisional estimate   † not yet accepted by Vụ KTS và XHS")).runs[0].italic = True
    missing = _missing_lines(data)
    if missing:
        para = doc.add_paragraph()
        run = para.add_run(_("Still outstanding for %(period)s:") % {"period": data["period_label"]})
        run.bold = True
        run.font.color.rgb = RGBColor(0x9C, 0x00, 0x06)
        for line in missing:
            doc.add_paragraph(line, style="List Bullet")

    for name, title in SECTION_TITLES:
        heading = title
        if name == "trend_assessment" and data["half_year"]:
            heading += " " + _("(including the first six months)")
        doc.add_heading(heading, level=1)
        written = [s for s in data["sections"] if s[name]]
        if not written:
            doc.add_paragraph(_("No unit has written this section."))
        for section in written:
            doc.add_heading(section["unit"], level=2)
            for line in section[name].splitlines():
                if line.strip():
                    doc.add_paragraph(line.strip())

    doc.add_heading(_("Indicators that call for action (principle 3)"), level=1)
    if not data["actions"]:
        doc.add_paragraph(_("No indicator calls for remedies or a higher target."))
    for action in data["actions"]:
        para = doc.add_paragraph(style="List Bullet")
        para.add_run(f"{action['code']} {action['name']}: ").bold = True
        para.add_run(f"{action['flag_label']}. {action['explanation']}")
        if action["unit_proposals"]:
            doc.add_paragraph(
                _("Proposals of %(unit)s: %(text)s") % {"unit": action["unit"], "text": action["unit_proposals"]}
            )
        proposals = action.get("target_proposals") or []  # absent from versions sent before they were listed
        if proposals:
            doc.add_paragraph(_("Target adjustment proposals awaiting the leadership's decision:"))
        for proposal in proposals:
            doc.add_paragraph(target_proposal_line(proposal), style="List Bullet 2")

    doc.add_heading("Ghi chú về các nguyên tắc quản lý thực thi Chiến lược", level=1)
    for principle in PRINCIPLES:
        doc.add_paragraph(principle)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
