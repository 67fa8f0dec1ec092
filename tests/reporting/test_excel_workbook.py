"""The workbook's pure core: numbers read exactly, and what is refused before openpyxl opens a file."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reporting.excel import MAX_UPLOAD_BYTES, WorkbookRefused, check_archive, exact_number
from tests.reporting.excel_files import zip_bomb


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (14.26, "14.26"),
        (81.2, "81.2"),
        (0.1 + 0.2, "0.3"),  # 0.30000000000000004: more than Excel's 15 digits, read as Excel shows it
        (1e-05, "0.00001"),
        (85, "85"),
        (1234567890.1234, "1234567890.1234"),
    ],
)
def test_a_number_cell_is_the_decimal_typed(cell, expected):
    assert exact_number(cell) == Decimal(expected)


@given(st.decimals(min_value=0, max_value=10**10, places=4, allow_nan=False, allow_infinity=False))
def test_any_figure_the_tracker_stores_survives_excels_float(value):
    """A figure of 14 digits with 4 decimals, written to a cell (a double) and read back, is the same figure."""
    assert exact_number(float(value)) == value


@pytest.mark.parametrize(
    ("content", "too_large"),
    [
        (b"", False),
        ("Mã,Giá trị\n2.1,86\n".encode(), False),
        (b"%PDF-1.7\n", False),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, False),  # an old .xls, or an .xlsx with a password
        (b"PK\x03\x04 not really a zip", False),
        (b"PK\x03\x04" + b"\0" * MAX_UPLOAD_BYTES, True),
    ],
)
def test_what_is_not_a_workbook_is_refused_unopened(content, too_large):
    with pytest.raises(WorkbookRefused) as refused:
        check_archive(content)
    assert refused.value.too_large is too_large


def test_a_zip_bomb_is_refused_by_its_declared_size():
    with pytest.raises(WorkbookRefused, match="giải nén"):
        check_archive(zip_bomb())
