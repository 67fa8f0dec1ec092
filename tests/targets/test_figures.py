"""A year's figures of record from a published source: a reviewer of Vụ KTS và XHS enters one through a form or
several from the xlsx template, with a preview of every change and every problem by cell before anything is saved;
the 2025 verdict of an indicator whose 2025 figure is recorded becomes met or missed."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import Document, Indicator, Observation
from indicators.progress import Verdict
from indicators.selectors import assess_indicator
from strategy_tracker import clock

pytestmark = pytest.mark.django_db

PAGE = reverse("targets:figures")
TEMPLATE = reverse("targets:figures_template")
UPLOAD = reverse("targets:figures_upload")
CONFIRM = reverse("targets:figures_confirm")


def _verdict(code: str, year: int = 2025):
    assessment = assess_indicator(Indicator.objects.with_figures().get(code=code), clock.today())
    return next(p for p in assessment.progress.past_goals if p.goal.year == year)


def _filled(client, figures: dict[str, tuple[object, str]]) -> bytes:
    """The downloaded template with figures typed in: code → (figure, provisional Có/Không)."""
    wb = load_workbook(BytesIO(client.get(TEMPLATE).content))
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_row=5):
        code = row[0].value
        if code in figures:
            value, provisional = figures[code]
            row[4].value = value
            row[5].value = provisional
            row[6].value = "Niên giám thống kê 2025"
            row[7].value = "Niên giám thống kê năm 2025"
            row[8].value = "Cục Thống kê, Bộ Tài chính"
            row[9].value = "15/06/2026"
            row[10].value = "112"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_template_lists_every_indicator_for_2025_with_source_columns(client_for, reviewer):
    response = client_for(reviewer).get(TEMPLATE)
    assert response.status_code == 200
    ws = load_workbook(BytesIO(response.content)).worksheets[0]
    headers = [c.value for c in ws[4]]
    assert len(headers) == 12 and headers[9].startswith("Ngày ban hành") or headers[9].startswith("Date")
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[0]]
    assert len(rows) == Indicator.objects.count() and {r[3] for r in rows} == {"2025"}
    assert [r[0] for r in rows][:3] == ["1.1", "1.2", "1.2.1"] and "2.10" in [r[0] for r in rows]
    assert ws["A5"].data_type == "s" and ws["D5"].data_type == "s"  # "2.10" and "2025" stay text


def test_three_figures_from_the_template_close_their_2025_goals(client_for, reviewer):
    assert {_verdict(c).verdict for c in ("1.3", "2.5", "2.9")} == {Verdict.PENDING}
    client = client_for(reviewer)
    content = _filled(client, {"1.3": ("10,8", "Không"), "2.5": (78.5, "Không"), "2.9": ("91", "Có")})
    response = client.post(UPLOAD, {"file": BytesIO(content)})
    assert response.status_code == 200
    preview = response.context["preview"]
    assert [(c.row.code, c.kind) for c in preview] == [("1.3", "new"), ("2.5", "new"), ("2.9", "new")]
    assert not Observation.objects.filter(year=2025, quarter=0).exists()  # the preview saves nothing
    assert client.post(CONFIRM).status_code == 302
    assert _verdict("1.3").verdict == Verdict.MET
    assert _verdict("2.5").verdict == Verdict.MISSED  # 78,5% short of 80%
    met = _verdict("2.9")
    assert met.verdict == Verdict.MET and met.figure.provisional
    figure = Observation.objects.get(indicator__code="2.5", year=2025)
    assert figure.document.title == "Niên giám thống kê năm 2025" and "tr. 112" in figure.source
    assert figure.recorded_by == reviewer and figure.history.count() == 1
    assert Document.objects.filter(title="Niên giám thống kê năm 2025").count() == 1  # one document for the three
    page = client.get(reverse("indicator_detail", args=["2.5"])).content.decode()
    assert "verdict-missed" in page and "official-figure" in page


def test_a_file_with_one_bad_cell_is_refused_and_saves_nothing(client_for, reviewer):
    client = client_for(reviewer)
    content = _filled(client, {"1.3": ("10,8", "Không"), "2.5": ("150", "Không"), "2.9": ("91", "Có")})
    response = client.post(UPLOAD, {"file": BytesIO(content)})
    assert response.status_code == 400
    problems = response.context["problems"]
    assert len(problems) == 1 and problems[0].cell.startswith("E") and "100" in str(problems[0])
    assert client.post(CONFIRM).status_code == 302  # nothing was checked to save
    assert not Observation.objects.filter(year=2025, quarter=0).exists()
    assert _verdict("1.3").verdict == Verdict.PENDING


def test_a_second_upload_from_the_same_source_changes_the_figure_and_keeps_its_history(client_for, reviewer):
    client = client_for(reviewer)
    client.post(UPLOAD, {"file": BytesIO(_filled(client, {"2.5": ("78,5", "Có")}))})
    client.post(CONFIRM)
    response = client.post(UPLOAD, {"file": BytesIO(_filled(client, {"2.5": ("80,9", "Không")}))})
    assert [c.kind for c in response.context["preview"]] == ["changed"]
    client.post(CONFIRM)
    figure = Observation.objects.get(indicator__code="2.5", year=2025)
    assert not figure.provisional and figure.history.count() == 2
    assert _verdict("2.5").verdict == Verdict.MET


def test_one_figure_through_the_form(client_for, reviewer):
    client = client_for(reviewer)
    data = {
        "indicator": Indicator.objects.get(code="1.4").pk,
        "year": "2025",
        "value": "78",
        "document_number": "123/BC-NEAC",
        "document_title": "Báo cáo năm 2025 của Trung tâm NEAC",
        "issuer": "Trung tâm NEAC",
        "issued_on": "2026-03-02",
        "page": "4",
    }
    assert client.post(PAGE, data | {"value": "abc"}).status_code == 400
    assert not Observation.objects.filter(indicator__code="1.4", year=2025).exists()
    assert client.post(PAGE, data).status_code == 302
    assert _verdict("1.4").verdict == Verdict.MISSED


def test_only_a_reviewer_enters_figures_of_record(client_for, leader, cvt_reporter):
    for person in (leader, cvt_reporter):
        client = client_for(person)
        assert client.get(PAGE).status_code == 403
        assert client.get(TEMPLATE).status_code == 403
        assert client.post(UPLOAD, {}).status_code == 403
        assert client.post(CONFIRM).status_code == 403


def test_the_page_costs_a_fixed_number_of_queries(client_for, reviewer, django_assert_num_queries):
    client = client_for(reviewer)
    # session and person (2), the figures entered lately with their indicator, document and author, the indicators
    # of the form's list
    with django_assert_num_queries(4):
        assert client.get(PAGE).status_code == 200
    client.post(UPLOAD, {"file": BytesIO(_filled(client, {"1.3": ("10,8", "Không"), "2.5": ("78,5", "Không")}))})
    client.post(CONFIRM)
    with django_assert_num_queries(4):
        assert client.get(PAGE).status_code == 200
