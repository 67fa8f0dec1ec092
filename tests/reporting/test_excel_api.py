"""POST /api/v1/submissions/<unit>/<period>/import/: Cục Viễn thông's feed sends its filled-in form; a dry run
answers the changes, a real run saves them; every refusal is JSON in Vietnamese and leaves the database as it was."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from reporting.models import Submission, SubmissionValue
from tests.reporting.conftest import post_entry, submission_url
from tests.reporting.excel_files import as_upload, download, filled, snapshot

pytestmark = pytest.mark.django_db

URL = "/api/v1/submissions/cuc-vt/2026Q4/import/"


def feed_of(person) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(person)[1]}")


@pytest.fixture
def form(client_for, cvt_reporter) -> bytes:
    """Cục Viễn thông's form with 2.5 = 81,2 (provisional) and a difficulty filled in."""
    return filled(download(client_for(cvt_reporter)), {"D8": "81,2", "E8": "Có"}, {"B6": "Thiếu số liệu."})


def send(client, content: bytes, url: str = URL, **fields):
    return client.post(url, {**fields, "file": as_upload(content)})


def test_the_route_is_the_one_the_issue_names():
    assert reverse("api_submission_import", args=["cuc-vt", "2026Q4"]) == URL


def test_a_dry_run_answers_the_changes_and_saves_nothing(cvt_reporter, form):
    before = snapshot()
    response = send(feed_of(cvt_reporter), form)  # dry_run is true unless it says false
    assert response.status_code == 200
    assert response.json() == {
        "dry_run": True,
        "saved": False,
        "version": 0,
        "downloaded_version": 0,
        "changed_since_download": False,
        "changes": [
            {"indicator": "2.5", "field": "value", "label": "Giá trị", "cell": "D8", "old": "—", "new": "81,2"},
            {
                "indicator": "2.5", "field": "provisional", "label": "Số liệu tạm ước tính", "cell": "E8",
                "old": "chính thức", "new": "số liệu tạm ước tính",
            },
            {
                "indicator": "", "field": "difficulties", "label": "V. Khó khăn, vướng mắc", "cell": "B6",
                "old": "—", "new": "Thiếu số liệu.",
            },
        ],
        "warnings": [],  # the data-quality rules are off here (tests/quality)
        "submission": None,
    }  # fmt: skip
    assert snapshot() == before


def test_a_real_run_saves_the_draft_in_one_go(cvt_reporter, form):
    feed = feed_of(cvt_reporter)
    version = send(feed, form).json()["version"]
    response = send(feed, form, dry_run="false", version=str(version))
    assert response.status_code == 200
    body = response.json()
    saved = Submission.objects.get()
    assert saved.version > version  # raised by the database: by one or more, a number only compared
    assert (body["saved"], body["submission"]) == (
        True,
        {"unit": "cuc-vt", "period": "2026Q4", "status": "draft", "version": saved.version},
    )
    row = SubmissionValue.objects.get()
    assert (row.indicator.code, row.value, row.provisional) == ("2.5", Decimal("81.2"), True)
    assert row.history.latest().history_user == cvt_reporter
    assert Submission.objects.get().difficulties == "Thiếu số liệu."
    # sent again, it changes nothing and saves nothing
    again = send(feed, form, dry_run="false")
    assert (again.json()["saved"], again.json()["changes"]) == (False, [])
    assert Submission.objects.get().version == saved.version


def test_bad_cells_are_a_400_listing_each_cell(cvt_reporter, client_for):
    content = filled(download(client_for(cvt_reporter)), {"D7": "1O,5", "D8": 150})
    before = snapshot()
    response = send(feed_of(cvt_reporter), content, dry_run="false")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Không nhập được tệp: chưa có gì được lưu.",
        "errors": [
            {
                "sheet": "Số liệu", "cell": "D7", "message": "Nhập một số, ví dụ 14,26 hoặc 85.",
                "text": "Trang “Số liệu”, ô D7 (“1O,5”): Nhập một số, ví dụ 14,26 hoặc 85.",
            },
            {
                "sheet": "Số liệu", "cell": "D8", "message": "Nhập giá trị trong khoảng từ 0 đến 100.",
                "text": "Trang “Số liệu”, ô D8 (“150”): Nhập giá trị trong khoảng từ 0 đến 100.",
            },
        ],
    }  # fmt: skip
    assert snapshot() == before


def test_a_file_over_the_limit_is_a_413(cvt_reporter):
    before = snapshot()
    response = send(feed_of(cvt_reporter), b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024), dry_run="false")
    assert response.status_code == 413
    assert response.json()["detail"] == "Tệp lớn hơn 5 MB: đây không phải biểu mẫu của hệ thống. Hãy tải lại biểu mẫu."
    assert snapshot() == before


def test_an_accepted_submission_is_a_409(cvt_reporter, reviewer, client_for, form):
    client = client_for(cvt_reporter)
    post_entry(client, "cuc-vt", "2026Q4", action="submit", figures={"2.1": {"value": "86"}, "2.5": {"value": "80"}})
    client_for(reviewer).post(
        submission_url("cuc-vt", "2026Q4", "accept"), {"version": Submission.objects.get().version}
    )
    assert Submission.objects.get().status == "accepted"
    before = snapshot()
    response = send(feed_of(cvt_reporter), form, dry_run="false")
    assert response.status_code == 409
    assert response.json()["detail"] == "Báo cáo đang ở trạng thái “Đã chấp nhận”: hiện không thể sửa."
    assert snapshot() == before


def test_a_save_after_the_dry_run_is_a_409(cvt_reporter, client_for, form):
    feed = feed_of(cvt_reporter)
    version = send(feed, form).json()["version"]
    post_entry(client_for(cvt_reporter), "cuc-vt", "2026Q4", figures={"2.1": {"value": "86"}})
    before = snapshot()
    response = send(feed, form, dry_run="false", version=str(version))
    assert response.status_code == 409
    assert response.json()["detail"] == "Báo cáo đã thay đổi sau lần chạy thử: chưa có gì được lưu. Hãy chạy thử lại."
    assert snapshot() == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"dry_run": "maybe"}, "Ghi dry_run là true hoặc false."),
        ({"version": "v1"}, "Ghi version là một số nguyên, như lần chạy thử (dry run) đã trả về."),
    ],
)
def test_bad_fields_are_a_400(cvt_reporter, form, fields, message):
    response = send(feed_of(cvt_reporter), form, **fields)
    assert (response.status_code, response.json()) == (400, {"detail": message})


def test_no_file_and_a_json_body_are_refused(cvt_reporter):
    feed = feed_of(cvt_reporter)
    response = feed.post(URL, {"dry_run": "true"})
    assert (response.status_code, response.json()["detail"]) == (
        400,
        "Gửi biểu mẫu dưới dạng tải tệp (multipart) trong trường “file”.",
    )
    assert feed.post(URL, {"file": "x"}, content_type="application/json").status_code == 415


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/v1/submissions/khong-co/2026Q4/import/", "Không có đơn vị báo cáo nào mang mã “khong-co”."),
        ("/api/v1/submissions/cuc-vt/2027Q1/import/", "Không có kỳ báo cáo này đang mở: ghi kỳ theo dạng 2026Q4."),
        ("/api/v1/submissions/cuc-vt/2026Q5/import/", "Không có kỳ báo cáo này đang mở: ghi kỳ theo dạng 2026Q4."),
    ],
)
def test_an_unknown_unit_or_period_is_a_404(cvt_reporter, form, url, message):
    response = send(feed_of(cvt_reporter), form, url=url)
    assert (response.status_code, response.json()) == (404, {"detail": message})


@pytest.mark.parametrize(
    ("person", "expected"),
    [("anonymous", 401), ("cvt", 200), ("neac", 403), ("reviewer", 403), ("leader", 403), ("admin", 403)],
)
def test_only_the_units_reporters_import(person, expected, form, django_user_model):
    client = Client() if person == "anonymous" else feed_of(django_user_model.objects.get(username=person))
    before = snapshot()
    response = send(client, form, dry_run="false")
    assert response.status_code == expected
    if expected == 200:
        assert SubmissionValue.objects.get().value == Decimal("81.2")
    else:
        assert snapshot() == before
    if expected == 403:
        assert response.json() == {"detail": "Chỉ cán bộ báo cáo của Cục Viễn thông mới được nhập biểu mẫu của đơn vị."}


def test_the_import_is_in_the_schema(client_for, reviewer):
    schema = client_for(reviewer).get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/submissions/{unit_slug}/{period_code}/import/"]["post"]
    assert operation["operationId"] == "submission_import"
    assert "multipart/form-data" in operation["requestBody"]["content"]
    assert set(operation["responses"]) >= {"200", "400", "403", "404", "409", "413"}
