"""Consolidating a quarter freezes the report as sent: a later change of a value never alters the sent version's
page or files, the table page says what changed since (old → new, who, when), and a second consolidation is a
new version, every version still downloadable."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reporting import services as reporting_services
from reporting.models import Submission
from reports.models import Consolidation
from tests.reports.conftest import at, send
from tests.reports.test_table import table_rows, text_of

pytestmark = pytest.mark.django_db

CONFIRMED = {"confirm_missing": "1"}  # consolidated although some units have not sent the quarter


def q4_value(workbook_bytes: bytes, code: str):
    ws = load_workbook(io.BytesIO(workbook_bytes)).worksheets[0]
    for row in ws.iter_rows(min_row=6):
        if row[0].value == code:
            return row[10].value  # Quý IV
    raise AssertionError(code)


def test_the_sent_version_stays_as_sent_and_the_page_shows_what_changed(client_for, cvt_reporter, reviewer, on_day):
    send(
        cvt_reporter,
        "2026Q4",
        {"2.1": {"value": "86"}, "2.5": {"value": "81.2", "provisional": True}},
        on=date(2026, 12, 2),
        accept_by=reviewer,
    )
    on_day(date(2026, 12, 10))
    client = client_for(reviewer)
    response = client.post(
        reverse("reports:consolidate", args=["2026Q4"]),
        {"confirm_missing": "1", "note": "Gửi kèm công văn"},
        follow=True,
    )
    assert "Đã tổng hợp Quý 4/2026, gửi Viện Chiến lược TTTT (lần 1)." in text_of(response)
    sent = Consolidation.objects.get()
    assert (sent.version, sent.consolidated_by, sent.note) == (1, reviewer, "Gửi kèm công văn")
    assert "Không có thay đổi: bảng vẫn như khi gửi." in text_of(client.get(reverse("reports:table", args=["2026Q4"])))

    # January: the official figure replaces the provisional 81,2 (reopen, correct, submit, accept).
    on_day(date(2027, 1, 15))
    submission = Submission.objects.get(unit__slug="cuc-vt", year=2026, quarter=4)
    submission = reporting_services.submission_reopen(
        submission=submission,
        user=reviewer,
        version=submission.version,
        reason="Có số liệu chính thức",
        now=at(date(2027, 1, 15)),
    )
    on_day(date(2027, 1, 16))  # the tracker's clock dates the history too
    send(
        cvt_reporter,
        "2026Q4",
        {"2.1": {"value": "86"}, "2.5": {"value": "80.9"}},
        on=date(2027, 1, 16),
        accept_by=reviewer,
    )
    on_day(date(2027, 1, 17))

    page = client.get(reverse("reports:table", args=["2026Q4"]))
    assert "80,9%" in table_rows(page)["2.5"]
    text = text_of(page)
    changes = text.split("Thay đổi kể từ khi gửi lần 1", 1)[1]
    # the reporter who entered the official figure, not the reviewer who accepted it afterwards
    assert "2.5 Quý 4/2026 81,2% (tạm ước tính) 80,9% Cán bộ Cục Viễn thông" in changes, changes  # not "4"
    assert "16/01/2027" in changes

    # The sent version's report and files read as sent.
    report = text_of(client.get(reverse("reports:version_report", args=["2026Q4", 1])))
    assert "81,2%*" in report and "80,9%" not in report
    assert "Lần gửi 1, do Chuyên viên rà soát Vụ KTS và XHS gửi lúc" in report, report
    assert q4_value(client.get(reverse("reports:version_xlsx", args=["2026Q4", 1])).content, "2.5") == 81.2
    assert q4_value(client.get(reverse("reports:xlsx", args=["2026Q4"])).content, "2.5") == 80.9
    assert '\n"2.5",' in client.get(reverse("reports:version_csv", args=["2026Q4", 1])).content.decode("utf-8-sig")
    assert ",81.2,true," in client.get(reverse("reports:version_csv", args=["2026Q4", 1])).content.decode("utf-8-sig")

    # Consolidated again: version 2, version 1 still there.
    client.post(reverse("reports:consolidate", args=["2026Q4"]), CONFIRMED)
    assert list(Consolidation.objects.values_list("version", flat=True)) == [2, 1]
    assert q4_value(client.get(reverse("reports:version_xlsx", args=["2026Q4", 2])).content, "2.5") == 80.9
    assert q4_value(client.get(reverse("reports:version_xlsx", args=["2026Q4", 1])).content, "2.5") == 81.2
    assert client.get(reverse("reports:version_docx", args=["2026Q4", 1])).status_code == 200
    assert client.get(reverse("reports:version_report", args=["2026Q4", 3])).status_code == 404


def test_consolidating_with_units_missing_asks_to_confirm_naming_them(client_for, cvt_reporter, reviewer, on_day):
    """Cục Viễn thông sent and was accepted; the four other units have not sent Q4/2026 by the 10th. The form names
    them beside a box to tick; without it nothing is sent and the page says who is missing."""
    send(cvt_reporter, "2026Q4", {"2.1": {"value": "86"}, "2.5": {"value": "81.2"}}, on=date(2026, 12, 2),
         accept_by=reviewer)  # fmt: skip
    on_day(date(2026, 12, 10))
    client = client_for(reviewer)
    page = text_of(client.get(reverse("reports:table", args=["2026Q4"])))
    missing = "Cục ATTT, Cục CĐSQG, Trung tâm NEAC, Vụ KTS và XHS"
    assert f"Vẫn tổng hợp khi các đơn vị sau chưa gửi báo cáo quý: {missing}" in page
    response = client.post(reverse("reports:consolidate", args=["2026Q4"]), {"note": "Gửi"}, follow=True)
    assert f"Chưa tổng hợp: {missing} chưa gửi báo cáo Quý 4/2026." in text_of(response)
    assert not Consolidation.objects.exists()
    client.post(reverse("reports:consolidate", args=["2026Q4"]), {"note": "Gửi", **CONFIRMED})
    assert Consolidation.objects.get().version == 1


def test_a_note_too_long_is_refused_and_nothing_is_sent(client_for, reviewer):
    response = client_for(reviewer).post(
        reverse("reports:consolidate", args=["2026Q4"]), {"confirm_missing": "1", "note": "x" * 2001}, follow=True
    )
    assert "Ghi chú tối đa 2000 ký tự." in text_of(response)
    assert not Consolidation.objects.exists()


def test_a_reviewer_who_meets_another_consolidation_is_refused_in_words(client_for, reviewer, on_day, monkeypatch):
    """After the attempts (tests/reports/test_consolidation_races.py makes them meet for real), the page says to
    send again: no version, no server error. Any other database error is not taken for a meeting."""
    from django.db import IntegrityError

    from reports import services

    on_day(date(2026, 12, 10))
    attempts = []

    def met(**kwargs):
        attempts.append(kwargs["outermost"])
        raise IntegrityError(
            "UNIQUE constraint failed: reports_consolidation.year, reports_consolidation.quarter, "
            "reports_consolidation.version"
        )

    monkeypatch.setattr(services, "_consolidate", met)
    response = client_for(reviewer).post(reverse("reports:consolidate", args=["2026Q4"]), CONFIRMED, follow=True)
    assert "Một chuyên viên khác đang tổng hợp quý này cùng lúc: chưa gửi được. Hãy gửi lại." in text_of(response)
    assert attempts == [False]  # inside the test's transaction: one attempt, the caller's isolation

    def broken(**kwargs):
        raise IntegrityError("NOT NULL constraint failed: reports_consolidation.snapshot")

    monkeypatch.setattr(services, "_consolidate", broken)
    with pytest.raises(IntegrityError):
        services.consolidation_create(period=Consolidation(year=2026, quarter=4).period, user=reviewer)
    assert not Consolidation.objects.exists()
