"""report.docx in the administrative form of Nghị định 30/2020/NĐ-CP (Phụ lục I), checked on the file the real
view sends: the heading block (Quốc hiệu, Tiêu ngữ, the governing and issuing bodies, the number left for the
clerk, the place and date), the type and summary, the table with the gap to the goal, Nơi nhận and the signer as an
administrator set them (a sent version keeps the signer of the day it was sent), Times New Roman on A4 with the
decree's margins and the page number from page 2; the xlsx with the same heading block above its table."""

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from openpyxl import load_workbook

from reporting.calendar import ReportingPeriod
from reports import services
from reports.exports import administrative_date
from reports.models import ReportIssuer
from reports.selectors import report_data
from strategy_tracker import clock
from tests.reports.test_exports import q4  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

ISSUER_FORM = {
    "governing_body": "Bộ Khoa học và Công nghệ",
    "issuing_body": "Vụ Kinh tế số và Xã hội số",
    "symbol": "BC-KTS",
    "place": "Hà Nội",
    "addressee": "Viện Chiến lược Thông tin và Truyền thông",
    "authority": "KT.",
    "head_title": "Vụ trưởng",
    "signer_title": "Phó Vụ trưởng",
    "signer_name": "Trần Thị Bình",
    "recipients": "Như trên;\nLãnh đạo Bộ (để b/c);\nLưu: VT, KTS.",
}


def _docx(client, name="reports:docx", args=("2026Q4",)):
    response = client.get(reverse(name, args=list(args)))
    assert response.status_code == 200
    return Document(io.BytesIO(response.content))


def _texts(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


def _set_issuer(client, **changes):
    """The administrator saves the issuer and signer in the admin (added the first time, changed after)."""
    existing = ReportIssuer.objects.first()
    url = f"/admin/reports/reportissuer/{existing.pk}/change/" if existing else "/admin/reports/reportissuer/add/"
    return client.post(url, {**ISSUER_FORM, **changes})


def test_the_date_line_is_written_the_decrees_way():
    """Phụ lục I, II.4: a day below 10 and the months 1 and 2 with a leading zero, the other months without."""
    assert administrative_date("Hà Nội", date(2026, 12, 8)) == "Hà Nội, ngày 08 tháng 12 năm 2026"
    assert administrative_date("Hà Nội", date(2027, 1, 15)) == "Hà Nội, ngày 15 tháng 01 năm 2027"
    assert administrative_date("Hà Nội", date(2027, 2, 28)) == "Hà Nội, ngày 28 tháng 02 năm 2027"
    assert administrative_date("Hà Nội", date(2027, 3, 5)) == "Hà Nội, ngày 05 tháng 3 năm 2027"
    assert administrative_date("Hà Nội", date(2027, 10, 10)) == "Hà Nội, ngày 10 tháng 10 năm 2027"
    assert administrative_date("Hà Nội", None) == "Hà Nội, ngày … tháng … năm …"


def test_the_reviewers_report_carries_the_decrees_heading_block(client_for, reviewer, q4):  # noqa: F811
    doc = _docx(client_for(reviewer))
    heading = doc.tables[0]
    assert heading.style.name == "Normal Table"  # borderless
    left, right = heading.rows[0].cells
    assert _texts(left) == ["BỘ KHOA HỌC VÀ CÔNG NGHỆ", "VỤ KINH TẾ SỐ VÀ XÃ HỘI SỐ", "", "Số: ……/BC-KTS"]
    assert _texts(right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
        "Hà Nội, ngày 08 tháng 12 năm 2026",  # the day of the report's figures, standing on 08/12/2026
    ]
    governing, body, body_rule, number = left.paragraphs
    assert not governing.runs[0].bold and body.runs[0].bold
    national, motto, motto_rule, place = right.paragraphs
    assert national.runs[0].bold and motto.runs[0].bold and place.runs[0].italic and not place.runs[0].bold
    assert national.runs[0].font.size == Pt(13) and motto.runs[0].font.size == Pt(14)
    for rule in (body_rule, motto_rule):  # the short solid line under the motto and under the issuing body
        assert rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"
    # The motto's rule is about as long as the motto, the body's shorter than its name.
    assert motto_rule.paragraph_format.left_indent > Cm(4) and body_rule.paragraph_format.left_indent > Cm(3)

    paragraphs = [p for p in doc.paragraphs if p.text]
    kind, summary, to = paragraphs[:3]
    assert kind.text == "BÁO CÁO" and kind.runs[0].bold and kind.alignment == 1  # centred
    assert summary.text == (
        "Tình hình thực hiện các chỉ tiêu Chiến lược quốc gia phát triển kinh tế số và xã hội số\nQuý 4/2026"
    )
    assert all(run.bold for run in summary.runs if run.text) and summary.alignment == 1
    assert to.text == "Kính gửi: Viện Chiến lược Thông tin và Truyền thông."
    assert paragraphs[3].text.startswith("Số liệu tính đến ngày 08/12/2026.")


def test_the_report_ends_with_the_recipients_and_the_signers_block(client_for, reviewer, q4):  # noqa: F811
    doc = _docx(client_for(reviewer))
    signature = doc.tables[-1]
    assert signature.style.name == "Normal Table"
    assert doc.element.body[-2] is signature._tbl  # last, after the principles (then the section's properties)
    left, right = signature.rows[0].cells
    assert _texts(left) == ["Nơi nhận:", "- Như trên;", "- Lãnh đạo Bộ (để b/c);", "- Lưu: VT, KTS."]
    title = left.paragraphs[0].runs[0]
    assert title.bold and title.italic and title.font.size == Pt(12)
    assert {p.runs[0].font.size for p in left.paragraphs[1:]} == {Pt(11)}
    # Nothing saved yet: the defaults, a deputy signing on behalf of the head, the name's line left empty.
    assert _texts(right) == ["KT. VỤ TRƯỞNG", "PHÓ VỤ TRƯỞNG", "", "", "", "", ""]
    assert all(p.runs[0].bold for p in right.paragraphs if p.text)


def test_the_administrator_sets_the_signer_and_the_leader_reads_it(client_for, admin_user, leader, q4):  # noqa: F811
    client = client_for(admin_user)
    response = _set_issuer(
        client,
        authority="",
        signer_title="Vụ trưởng",
        signer_name="Nguyễn Văn An",
        governing_body="Bộ Khoa học và Công nghệ",
        recipients="- Như trên;\nBộ trưởng (để b/c)\nCục Thống kê\nLưu: VT, KTS",
    )
    assert response.status_code == 302, response.content.decode()
    doc = _docx(client_for(leader))
    left, right = doc.tables[-1].rows[0].cells
    assert _texts(left) == ["Nơi nhận:", "- Như trên;", "- Bộ trưởng (để b/c);", "- Cục Thống kê;", "- Lưu: VT, KTS."]
    assert [t for t in _texts(right) if t] == ["VỤ TRƯỞNG", "Nguyễn Văn An"]  # the head signs: no "KT."
    assert ReportIssuer.history.count() == 1 and ReportIssuer.history.first().history_user == admin_user


def test_the_issuer_is_one_row_never_deleted_and_a_bad_form_saves_nothing(client_for, admin_user, leader):
    client = client_for(admin_user)
    refused = _set_issuer(client, recipients="  \n - \n")
    assert refused.status_code == 200 and "Hãy ghi ít nhất một nơi nhận" in refused.content.decode()
    assert not ReportIssuer.objects.exists()
    assert _set_issuer(client).status_code == 302
    issuer = ReportIssuer.objects.get()
    add = client.get("/admin/reports/reportissuer/add/")  # opens the one row
    assert add.status_code == 302 and add["Location"] == f"/admin/reports/reportissuer/{issuer.pk}/change/"
    assert client.post(f"/admin/reports/reportissuer/{issuer.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"/admin/reports/reportissuer/{issuer.pk}/history/").status_code == 200
    assert client_for(leader).get("/admin/reports/reportissuer/").status_code == 302  # to the admin's login


def test_a_sent_version_keeps_the_signer_of_the_day_it_was_sent(client_for, admin_user, reviewer, q4, on_day):  # noqa: F811
    admin = client_for(admin_user)
    _set_issuer(admin, signer_name="Trần Thị Bình")
    on_day(date(2026, 12, 10))
    services.consolidation_create(period=ReportingPeriod(2026, 4), user=reviewer, note="")
    on_day(date(2026, 12, 20))
    _set_issuer(admin, signer_name="Nguyễn Văn An", signer_title="Phó Vụ trưởng")
    client = client_for(reviewer)
    sent = _docx(client, "reports:version_docx", ("2026Q4", 1))
    assert _texts(sent.tables[-1].rows[0].cells[1])[-1] == "Trần Thị Bình"
    assert _texts(sent.tables[0].rows[0].cells[1])[-1] == "Hà Nội, ngày 10 tháng 12 năm 2026"  # the day it was sent
    today = _docx(client)
    assert _texts(today.tables[-1].rows[0].cells[1])[-1] == "Nguyễn Văn An"
    assert _texts(today.tables[0].rows[0].cells[1])[-1] == "Hà Nội, ngày 20 tháng 12 năm 2026"


def test_the_report_is_times_new_roman_in_black_on_a4_with_the_decrees_margins(client_for, reviewer, q4):  # noqa: F811
    doc = _docx(client_for(reviewer))
    section = doc.sections[0]
    # A4 across (a text with a table may be laid out across the page, Phụ lục I, I.2), the margins of I.3.
    # (Word keeps lengths in twentieths of a point: read to the tenth of a millimetre.)
    assert (round(section.page_width.mm, 1), round(section.page_height.mm, 1)) == (297, 210)
    assert 20 <= round(section.top_margin.mm, 1) <= 25 and 20 <= round(section.bottom_margin.mm, 1) <= 25
    assert 30 <= round(section.left_margin.mm, 1) <= 35 and 15 <= round(section.right_margin.mm, 1) <= 20
    # The page number, centred in the top margin, not on the first page (I.7).
    assert section.different_first_page_header_footer
    assert "".join(p.text for p in section.first_page_header.paragraphs) == ""
    number = section.header.paragraphs[0]
    assert number.alignment == 1 and "PAGE" in "".join(t.text for t in number._p.iter(qn("w:instrText")))
    # Every style the report uses: Times New Roman for every script, black, no theme font (Word's headings name
    # Calibri Light in blue), 13 pt.
    fonts = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).rFonts
    assert fonts.get(qn("w:ascii")) == "Times New Roman" and fonts.get(qn("w:asciiTheme")) is None
    used = {p.style.name for p in doc.paragraphs} | {
        p.style.name for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs
    }
    assert {"Normal", "Heading 1", "Heading 2", "List Bullet"} <= used
    for name in used:
        style = doc.styles[name]
        rfonts = style.element.rPr.rFonts
        assert {rfonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}, name
        assert not [a for a in rfonts.attrib if a.endswith("Theme") or a.endswith("theme")], name
        assert style.font.color.rgb in (None, RGBColor(0, 0, 0)), name
        assert style.font.size == Pt(13), name
    heading = next(p for p in doc.paragraphs if p.text == "III. Đánh giá xu hướng")
    assert heading.style.name == "Heading 1" and heading.style.font.color.rgb == RGBColor(0, 0, 0)
    runs = [r for p in doc.paragraphs for r in p.runs] + [
        r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
    ]
    assert {r.font.name for r in runs} <= {None, "Times New Roman"}
    assert {r.font.size for r in runs} <= {None, Pt(2), Pt(11), Pt(12), Pt(13), Pt(14)}


def test_the_table_shows_the_gap_to_the_goal_as_the_read_model_has_it(client_for, reviewer, q4):  # noqa: F811
    doc = _docx(client_for(reviewer))
    table = doc.tables[1]
    headers = [c.text for c in table.rows[0].cells]
    assert headers[-4:] == ["Chỉ tiêu 2026", "Mục tiêu giai đoạn", "Còn cách mục tiêu", "Đánh giá"]
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in table.rows[1:]}
    data = {r["code"]: r for r in report_data(ReportingPeriod(2026, 4), clock.today())["rows"]}
    assert rows["2.1"][5] == "86%" and rows["2.1"][8] == data["2.1"]["gap"] != ""
    assert all(rows[code][8] == row["gap"] for code, row in data.items())
    assert rows["1"][1] == data["1.1"]["group_name"]  # each group heads its rows
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page


def test_the_excel_tables_keep_the_heading_block_above_the_table(client_for, leader, q4):  # noqa: F811
    client = client_for(leader)
    for name, args in (("reports:xlsx", ["2026Q4"]), ("reports:year_xlsx", [2026])):
        ws = load_workbook(io.BytesIO(client.get(reverse(name, args=args)).content)).worksheets[0]
        assert [ws["A1"].value, ws["A2"].value] == ["BỘ KHOA HỌC VÀ CÔNG NGHỆ", "VỤ KINH TẾ SỐ VÀ XÃ HỘI SỐ"]
        assert [ws["I1"].value, ws["I2"].value, ws["I3"].value] == [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Hà Nội, ngày 08 tháng 12 năm 2026",
        ]
        assert ws["A2"].font.b and ws["I1"].font.b and ws["I3"].font.i and not ws["A1"].font.b
        assert {ws[c].font.name for c in ("A1", "A2", "I1", "I2", "I3")} == {"Times New Roman"}
        assert {"A1:D1", "A2:D2", "I1:P1", "I2:P2", "I3:P3"} <= {str(r) for r in ws.merged_cells.ranges}
        assert ws["A5"].value.startswith("BẢNG TỔNG HỢP CHỈ TIÊU CHIẾN LƯỢC")
        assert ws["E8"].value == "Năm 2026" and ws["O8"].value == "Còn cách mục tiêu"
