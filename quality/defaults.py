"""The rules the tracker starts with (Issue "data quality at entry"): one per kind, each editable in the admin."""

from __future__ import annotations

from decimal import Decimal

from quality.rules import Kind, Severity

DEFAULT_RULES: list[dict] = [
    {
        "kind": Kind.SERIES_DEVIATION,
        "k": Decimal(6),  # on the generated national data: recall 90,5%, false alarms 1,1% (docs/features.md)
        "severity": Severity.CONFIRM,
        "message": "Giá trị cách trung vị của các quý gần đây ({median}) {times} lần độ lệch tuyệt đối trung vị "
        "({mad}), quá ngưỡng {k} lần: đề nghị kiểm tra và giải trình.",
    },
    {
        "kind": Kind.SHARE_JUMP,
        "n": Decimal(20),
        "severity": Severity.CONFIRM,
        "message": "Tỷ lệ thay đổi {points} điểm phần trăm so với quý trước ({previous}%), quá {n} điểm: đề nghị "
        "kiểm tra và giải trình.",
    },
    {
        "kind": Kind.SUBROW_PARENT,
        "n": Decimal(0),
        "severity": Severity.CONFIRM,
        "message": "Số liệu của chỉ tiêu không khớp với các dòng con của nó (từ {low} đến {high}): đề nghị kiểm tra.",
    },
    {
        "kind": Kind.PLAUSIBLE_RANGE,
        "measure_unit": "doanh nghiệp/1.000 dân",
        "low": Decimal(0),
        "high": Decimal(10),
        "severity": Severity.CONFIRM,
        "message": "Giá trị nằm ngoài khoảng hợp lý của đơn vị đo (từ {low} đến {high}): đề nghị kiểm tra.",
    },
    {
        "kind": Kind.PROVISIONAL_AGE,
        "n": Decimal(2),
        "severity": Severity.CONFIRM,
        "message": "Số liệu tạm ước tính đã {quarters} quý chưa được thay bằng số liệu chính thức: đề nghị cập nhật "
        "hoặc giải trình.",
    },
    {
        "kind": Kind.COMPARISON_AGE,
        "n": Decimal(3),
        "severity": Severity.CONFIRM,
        "message": "Số liệu so sánh quốc tế đã cũ {years} năm (quá {n} năm): đề nghị cập nhật hoặc giải trình.",
    },
    {
        "kind": Kind.MISSING_SOURCE,
        "severity": Severity.CONFIRM,
        "message": "Số liệu chưa ghi nguồn: đề nghị ghi nguồn hoặc giải trình.",
    },
]
