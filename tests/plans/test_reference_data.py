"""The tasks are the documents' own: counts per document, and a sample pinned to the seed text."""

import shutil
from decimal import Decimal

import pytest

from indicators.reference_data import ReferenceDataError
from plans.models import Section, Status, Task
from plans.reference_data import plans_reference_data_load
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db


def _task(document: str, ref: str) -> Task:
    return Task.objects.get(document__slug=document, ref=ref)


def test_the_count_of_tasks_per_document():
    counts = {
        slug: Task.objects.filter(document__slug=slug).count()
        for slug in ("qd-466-2023", "cv-5473-2024", "bc-dien-dan-kts-2023", "tb-4-vpcp")
    }
    # 466 Phụ lục 02: 100 numbered tasks and the 35 national platforms (1)–(35) under A.III task 2;
    # 5473: tasks 1 and 6, the lettered items of 2–5, 8 and 10, and each “+” item of 7 and 9;
    # the forum: its ten programmes; Thông báo 4/TB-VPCP: the eighteen tasks and solutions it lists.
    assert counts == {"qd-466-2023": 135, "cv-5473-2024": 69, "bc-dien-dan-kts-2023": 10, "tb-4-vpcp": 18}
    platforms = Task.objects.filter(document__slug="qd-466-2023", parent__ref="A.III.2")
    assert sorted(int(t.number.strip("()")) for t in platforms) == list(range(1, 36))


def test_the_sections_of_466_as_numbered_in_the_document():
    keys = list(Section.objects.filter(document__slug="qd-466-2023", parent__isnull=True).values_list("key", flat=True))
    assert keys == ["A", "B", "C"]
    assert Section.objects.get(document__slug="qd-466-2023", key="A.II").title == "Phát triển hạ tầng"
    assert Section.objects.get(document__slug="qd-466-2023", key="B.V.1").title == "Thương mại"


@pytest.mark.parametrize(
    ("ref", "title_start", "lead", "period", "units_text", "due"),
    [
        (
            "A.I.1",
            "Xây dựng, trình ban hành và tổ chức thực thi Luật Giao dịch điện tử",
            "Bộ Thông tin và Truyền thông",
            "2022 - 2025",
            "NEAC",
            "Quý IV/2023",
        ),
        (
            "A.II.1",
            "Xây dựng, trình Thủ tướng Chính phủ phê duyệt và tổ chức triển khai Chiến lược phát triển hạ tầng số",
            "Bộ Thông tin và Truyền thông",
            "2022 - 2025",
            "Cục Viễn thông",
            "Quý II/2023",
        ),
        (
            "A.III.2.I.(3)",
            "Nền tảng bản đồ số",
            "Bộ Tài nguyên và Môi trường",
            "2022 - 2030",
            "Vụ Bưu chính; Tổng công ty Bưu điện Việt Nam",
            "Theo kế hoạch chi tiết của cơ quan chủ quản",
        ),
        (
            "A.V.7",
            "Tổ chức triển khai ký số từ xa",
            "Bộ Thông tin và Truyền thông",
            "2022 - 2023",
            "NEAC",
            "Quý IV/2023",
        ),
        (
            "A.VII.6",
            "Triển khai các chương trình đẩy mạnh phát triển văn hóa số",
            "Bộ Thông tin và Truyền thông; các bộ và các tỉnh, thành phố trực thuộc trung ương",
            "2022 - 2030",
            "Vụ KTS và XHS, Cục Viễn thông, Cục CĐSQG, Cục ATTT",
            "Cả năm",
        ),
        (
            "C.IV.4",
            "Rà soát, sửa đổi quy định, chính sách để khuyến khích tất cả các doanh nghiệp trích lập 10%",
            "Bộ Khoa học và Công nghệ; Bộ Tài chính",
            "2022 - 2025",
            "Vụ KHCN, các đơn vị thuộc Bộ",
            "Cả năm",
        ),
    ],
)
def test_a_sample_of_466_read_from_phu_luc_02(ref, title_start, lead, period, units_text, due):
    task = _task("qd-466-2023", ref)
    assert task.title.startswith(title_start)
    assert (task.lead, task.period, task.units_text, task.due) == (lead, period, units_text, due)


def test_the_criterion_of_fibre_coverage_is_indicator_2_5_at_77_percent_in_2023():
    task = _task("qd-466-2023", "A.II.14.1")
    assert task.criterion == "77% hộ gia đình được phủ mạng Internet băng rộng cáp quang"
    assert (task.criterion_indicator.code, task.criterion_year, task.criterion_comparator, task.criterion_value) == (
        "2.5",
        2023,
        ">=",
        Decimal("77"),
    )
    linked = dict(
        Task.objects.filter(criterion_indicator__isnull=False).values_list("ref", "criterion_indicator__code")
    )
    assert linked == {
        "A.II.14.1": "2.5",
        "A.V.4": "2.6",
        "A.V.7": "2.3",
        "A.VII.2": "2.4",
        "A.VII.5": "2.1",
        "A.VII.6": "2.7",
        "A.VIII.2": "1.5",
    }


def test_implementing_units_are_the_tracker_units_where_they_exist_and_text_otherwise():
    assert {u.slug for u in _task("qd-466-2023", "A.VII.6").units.all()} == {
        "vu-kts",
        "cuc-vt",
        "cuc-cdsqg",
        "cuc-attt",
    }
    sand_box = _task("qd-466-2023", "A.I.5")
    assert sand_box.units_text == "Cục CNICT" and not sand_box.units.exists()


def test_not_planned_this_year_is_a_status_not_a_date():
    not_planned = Task.objects.filter(document__slug="qd-466-2023", planned=False)
    assert sorted(t.ref for t in not_planned) == ["A.I.6", "A.VIII.9.4", "A.VIII.9.5", "C.VIII.1", "C.VIII.2"]
    assert {t.status for t in not_planned} == {Status.NOT_PLANNED}
    assert {t.deadline for t in not_planned} == {None}


@pytest.mark.parametrize(
    ("ref", "title", "lead", "due"),
    [
        ("III.1", "Đo lường trực tuyến sự phát triển của kinh tế số", "Các địa phương", "Quý I/2025"),
        (
            "III.2.b",
            "Định kỳ cập nhật các tiêu chí đo lường, đánh giá mức độ chuyển đổi số phù hợp thực tế phát triển.",
            "Các bộ, ngành",
            "Quý IV hàng năm",
        ),
        (
            "III.7.a.1",
            "Ban hành bộ tiêu chí đo lường về mức độ chuyển đổi số doanh nghiệp, hộ kinh doanh, cửa hàng và "
            "chợ truyền thống trong lĩnh vực thương mại bán buôn, bán lẻ. "
            "Phối hợp với Bộ Thông tin và Truyền thông công bố.",
            "Bộ Công Thương",
            "Quý I/2025",
        ),
        (
            "III.9.b.8",
            "Chỉ đạo các doanh nghiệp viễn thông được cấp phép triển khai Mobile Money tại những vùng khó khăn, "
            "vùng công ích.",
            "Bộ Thông tin và Truyền thông",
            "Quý IV/2024",
        ),
        (
            "III.8.b",
            "Hướng dẫn các doanh nghiệp viễn thông triển khai, mở rộng vùng phủ sóng mạng kết nối IoT (4G IoT, "
            "5G IoT, NB-IoT, LTE-M,...) đến các khu vực có nhu cầu. Đảm bảo hạ tầng kết nối "
            "đáp ứng yêu cầu kỹ thuật và chất lượng dịch vụ.",
            "Bộ Thông tin và Truyền thông",
            "Trong năm 2025",
        ),
    ],
)
def test_a_sample_of_the_5473_framework(ref, title, lead, due):
    task = _task("cv-5473-2024", ref)
    assert (task.title, task.lead, task.due) == (title, lead, due)


def test_the_forum_programmes_and_their_deadlines_agree_with_the_press_article():
    first = _task("bc-dien-dan-kts-2023", "1")
    assert first.title.startswith("Thúc đẩy tỷ lệ người dân sử dụng, hướng tới phổ cập smartphone")
    assert first.due == "Tháng 12/2024"
    dues = dict(Task.objects.filter(document__slug="bc-dien-dan-kts-2023").values_list("number", "due"))
    assert {n: d for n, d in dues.items() if d} == {
        "1": "Tháng 12/2024",
        "2": "Quý IV/2023",
        "7": "Năm 2025",
        "8": "Quý IV/2023",
        "9": "Trước quý II/2024",
    }
    # the press article (seed 000) gives the same deadlines: tháng 12/2024, quý 4/2023, năm 2025, quý 2/2024


def test_the_conclusions_of_the_3rd_forum_with_their_deadlines():
    tasks = {t.number: t for t in Task.objects.filter(document__slug="tb-4-vpcp")}
    data = tasks["8"]
    assert data.lead == "Bộ Công an" and data.due == "Tháng 01/2026"
    assert "Khung Kinh tế dữ liệu quốc gia" in data.title
    assert tasks["12"].due == "Quý 1/2026" and tasks["12"].lead == "Bộ Giáo dục và Đào tạo"
    assert tasks["13"].due == "Tháng 1/2026" and tasks["14"].due == "Quý 1/2026"
    assert tasks["16"].title.startswith("Bộ Công Thương đẩy nhanh tiến độ") and "(DEPA)" in tasks["16"].title


def test_loading_twice_changes_nothing_and_keeps_the_units_progress(kts_reporter):
    task = _task("qd-466-2023", "A.I.2")
    task.status = Status.IN_PROGRESS
    task.save(update_fields=["status"])
    history = Task.history.count()
    report = plans_reference_data_load(directory=FIXTURES)
    assert report.created == report.updated == 0
    assert Task.history.count() == history
    task.refresh_from_db()
    assert task.status == Status.IN_PROGRESS


def test_a_bad_row_stops_everything_with_its_file_row_and_column(tmp_path):
    shutil.copytree(FIXTURES / "plans", tmp_path / "plans")
    path = tmp_path / "plans" / "tasks.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace("qd-466-2023,A.I.5,A.I,5,,5,", "qd-466-2023,A.I.5,A.I,5,,năm,", 1)
    path.write_text("".join(lines), encoding="utf-8")
    before = Task.objects.get(ref="A.I.1", document__slug="qd-466-2023").title
    with pytest.raises(ReferenceDataError, match=r"plans/tasks.csv, (dòng|row) 6, (cột|column) “order”"):
        plans_reference_data_load(directory=tmp_path)
    assert Task.objects.get(ref="A.I.1", document__slug="qd-466-2023").title == before
