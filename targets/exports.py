"""The round as files for the meeting: the round's table as xlsx (one row per indicator and year) and as a Word
document (A4, Times New Roman, the administrative heading of Nghị định 30/2020/NĐ-CP). Both render
`targets.selectors.round_table`; no query here."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill

from targets.models import TargetRound

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"


def file_stem(target_round: TargetRound) -> str:
    return f"ra-soat-chi-tieu-{target_round.first_year}-{target_round.goal_year}-dot-{target_round.pk}"


def write_text(cell: Cell, value: object) -> None:
    """A text cell stays text: "2.10" is not a number, and "=…" typed in a reason is not a formula."""
    cell.value = "" if value is None else str(value)
    cell.data_type = "s"
    cell.number_format = "@"


def _title(target_round: TargetRound) -> str:
    return _("Review of the targets for the period %(period)s (round no. %(number)d)") % {
        "period": target_round.period_label,
        "number": target_round.pk,
    }


def _headers() -> list[str]:
    return [
        _("Code"),
        _("Indicator"),
        _("Last period's goal"),
        _("Verdict"),
        _("Year"),
        _("Suggestion"),
        _("Method"),
        _("Numbers behind the suggestion"),
        _("Proposed value"),
        _("Decided value"),
        _("Reason"),
        _("Decision"),
        _("Decider"),
        _("Decision note"),
    ]


def round_xlsx(target_round: TargetRound, rows: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Round")[:31]
    write_text(ws.cell(row=1, column=1), _title(target_round))
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    proposed = timezone.localtime(target_round.proposed_at).strftime("%d/%m/%Y")
    who = target_round.proposed_by.get_full_name() or target_round.proposed_by.username
    write_text(ws.cell(row=2, column=1), _("Proposed by %(who)s on %(day)s.") % {"who": who, "day": proposed})
    header_row = 4
    for col, text in enumerate(_headers(), start=1):
        cell = ws.cell(row=header_row, column=col)
        write_text(cell, text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    r = header_row + 1
    for row in rows:
        for year in row["years"]:
            value = year["value"]
            decided = (year["decided"] or year["proposed"]) if row["item"].is_approved else ""
            texts = [
                row["indicator"].code, row["indicator"].name, row["last_goal"], row["last_verdict"], str(value.year),
                year["suggested"], year["method"], value.basis, year["proposed"], decided, row["reason"],
                row["decision"], row["decider"], row["decision_note"],
            ]  # fmt: skip
            for col, text in enumerate(texts, start=1):
                cell = ws.cell(row=r, column=col)
                write_text(cell, text)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            r += 1
    widths = [7, 40, 18, 40, 7, 14, 22, 40, 14, 14, 40, 16, 20, 30]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=header_row, column=col).column_letter].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = f"{header_row}:{header_row}"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _suggestion_lines(years: list[dict]) -> str:
    """Each year's suggestion, and the method once after the years it covers."""
    lines: list[str] = []
    for n, year in enumerate(years):
        lines.append(f"{year['value'].year}: {year['suggested'] or '—'}")
        following = years[n + 1]["method"] if n + 1 < len(years) else None
        if following != year["method"]:
            lines.append(f"({year['method']})")
    return "\n".join(lines)


def _para(container, text: str, *, bold: bool = False, italic: bool = False, size: float = 13, center: bool = False):
    paragraph = container.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT
    paragraph.paragraph_format.space_after = Pt(0)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _administrative_heading(doc, day) -> None:
    """The heading of Nghị định 30/2020/NĐ-CP, Phụ lục I: the issuing body on the left, the national title and
    motto on the right, then the place and date."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    right.paragraphs[0].text = ""
    for cell, lines in (
        (left, [("BỘ KHOA HỌC VÀ CÔNG NGHỆ", False), ("VỤ KINH TẾ SỐ VÀ XÃ HỘI SỐ", True), ("———", False)]),
        (right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True), ("Độc lập - Tự do - Hạnh phúc", True), ("———", False)]),
    ):
        first = True
        for text, bold in lines:
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            run = paragraph.add_run(text)
            run.bold, run.font.size, run.font.name = bold, Pt(12 if cell is left else 12.5), FONT
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
    place = _para(doc, f"Hà Nội, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}", italic=True, size=13)
    place.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def round_docx(target_round: TargetRound, rows: list[dict]) -> bytes:
    """The round's table for the meeting, as a Word document on A4 (landscape for the table)."""
    doc = WordDocument()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(2), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    _administrative_heading(doc, timezone.localdate())
    _para(doc, "")
    _para(doc, _("TABLE").upper(), bold=True, size=14, center=True)
    _para(doc, _title(target_round), bold=True, size=14, center=True)
    proposed = timezone.localtime(target_round.proposed_at).strftime("%d/%m/%Y")
    who = target_round.proposed_by.get_full_name() or target_round.proposed_by.username
    _para(doc, _("Proposed by %(who)s on %(day)s.") % {"who": who, "day": proposed}, italic=True, size=12,
          center=True)  # fmt: skip
    _para(doc, "")
    headers = [
        _("Code"), _("Indicator"), _("Last period's goal and verdict"), _("Suggestion and method"),
        _("Proposed value"), _("Reason"), _("Decision and decider"),
    ]  # fmt: skip
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for i, text in enumerate(headers):
        cell = table.rows[0].cells[i]
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size, run.font.name = True, Pt(11), FONT
    for row in rows:
        years = row["years"]
        suggestion = _suggestion_lines(years)
        proposed_lines = []
        for y in years:
            line = f"{y['value'].year}: {y['proposed'] or '—'}"
            if y["decided"]:
                line += " → " + y["decided"]
            proposed_lines.append(line)
        decision = row["decision"]
        if row["decider"]:
            decision += f"\n{row['decider']}"
        if row["decision_note"]:
            decision += f"\n{row['decision_note']}"
        last = row["last_verdict"] or row["last_goal"]
        values = [row["indicator"].code, row["indicator"].name, last, suggestion, "\n".join(proposed_lines),
                  row["reason"], decision]  # fmt: skip
        cells = table.add_row().cells
        for i, text in enumerate(values):
            cells[i].text = ""
            lines = text.split("\n")
            for n, line in enumerate(lines):
                paragraph = cells[i].paragraphs[0] if n == 0 else cells[i].add_paragraph()
                run = paragraph.add_run(line)
                run.font.size, run.font.name = Pt(10), FONT
                paragraph.paragraph_format.space_after = Pt(0)
    widths = [Cm(1.2), Cm(4.6), Cm(4.6), Cm(5.4), Cm(3.2), Cm(4.2), Cm(3)]
    table.autofit = False
    for i, width in enumerate(widths):
        table.columns[i].width = width
    for r in table.rows:
        for i, width in enumerate(widths):
            r.cells[i].width = width
    _para(doc, "")
    signature = doc.add_table(rows=1, cols=2)
    recipients, signer = signature.rows[0].cells
    recipients.paragraphs[0].text = ""
    run = recipients.paragraphs[0].add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size, run.font.name = True, True, Pt(12), FONT
    for line in ("- Lãnh đạo Bộ (để báo cáo);", "- Các đơn vị báo cáo;", "- Lưu: VT, KTS&XHS."):
        p = recipients.add_paragraph()
        r = p.add_run(line)
        r.font.size, r.font.name = Pt(11), FONT
        p.paragraph_format.space_after = Pt(0)
    signer.paragraphs[0].text = ""
    run = signer.paragraphs[0].add_run("VỤ TRƯỞNG VỤ KINH TẾ SỐ VÀ XÃ HỘI SỐ")
    run.bold, run.font.size, run.font.name = True, Pt(13), FONT
    signer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    hint = signer.add_paragraph()
    r = hint.add_run("(Ký, ghi rõ họ tên)")
    r.italic, r.font.size, r.font.name = True, Pt(12), FONT
    hint.alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
