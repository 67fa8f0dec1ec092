"""Scenario 8 in a real browser: the reporter of Trung tâm NEAC downloads the unit's pre-filled form, fills it
offline, uploads it; the tracker shows every change (old → new) before saving, and a cell with "1O,5" is named with
its sheet and cell, nothing being saved until it is fixed."""

from datetime import date

import pytest
from openpyxl import load_workbook

from reporting.models import SubmissionValue
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def _value_cells(path) -> dict[str, str]:
    """{indicator code: the cell of its value} on the figures sheet (the value column is D)."""
    sheet = load_workbook(path).worksheets[0]
    return {
        str(row[0].value).strip(): f"D{row[0].row}"
        for row in sheet.iter_rows(min_col=1, max_col=1)
        if row[0].value is not None and str(row[0].value).strip() in {"1.4", "2.3"}
    }


def _fill(path, out, cells: dict[str, object]) -> None:
    workbook = load_workbook(path)
    for ref, value in cells.items():
        workbook.worksheets[0][ref] = value
    workbook.save(out)


def _upload(page, path) -> None:
    page.click("text=Nhập từ Excel")
    page.set_input_files("#id_file", str(path))
    page.click("button:has-text('Kiểm tra tệp')")


def test_scenario_8_a_unit_works_in_excel(page, on_day, tmp_path):
    on_day(date(2026, 11, 25))
    log_in(page, "neac")
    page.goto(f"{page.base_url}/submissions/neac/2026Q4/")
    with page.expect_download() as download:
        page.click("text=Tải biểu mẫu (Excel)")
    form = tmp_path / "form.xlsx"
    download.value.save_as(form)
    cells = _value_cells(form)
    assert set(cells) == {"1.4", "2.3"}, cells

    # Filled offline: one figure mistyped with the letter O for a zero.
    mistyped = tmp_path / "mistyped.xlsx"
    _fill(form, mistyped, {cells["1.4"]: "1O,5", cells["2.3"]: 61.5})
    _upload(page, mistyped)
    problems = page.locator("#import-problems").inner_text()
    assert "Tệp có 1 lỗi: chưa có gì được lưu." in problems
    assert f"Trang “Số liệu”, ô {cells['1.4']} (“1O,5”): Nhập một số" in problems
    assert page.locator("#import-changes").count() == 0
    assert not SubmissionValue.objects.filter(submission__unit__slug="neac").exists()

    # Fixed and uploaded again: every change is shown, old → new, and saved only when she says so.
    fixed = tmp_path / "fixed.xlsx"
    _fill(form, fixed, {cells["1.4"]: "10,5", cells["2.3"]: 61.5})
    _upload(page, fixed)
    changes = page.locator("#import-changes tbody tr")
    rows = {changes.nth(i).locator("td").nth(0).inner_text(): changes.nth(i) for i in range(changes.count())}
    assert {"1.4", "2.3"} <= set(rows)
    assert rows["1.4"].locator("td").nth(2).inner_text() == cells["1.4"]
    assert rows["1.4"].locator("td").nth(3).inner_text() == "—"
    assert rows["1.4"].locator("td").nth(4).inner_text() == "10,5"
    assert rows["2.3"].locator("td").nth(4).inner_text() == "61,5"
    assert not SubmissionValue.objects.filter(submission__unit__slug="neac").exists()
    page.click("#import-changes ~ form button[type=submit]")
    assert page.locator("[name='v-1.4-value']").input_value() == "10,5"
    assert page.locator("[name='v-2.3-value']").input_value() == "61,5"
    saved = dict(SubmissionValue.objects.filter(submission__unit__slug="neac").values_list("indicator__code", "value"))
    assert {code: str(value.normalize()) for code, value in saved.items()} == {"1.4": "10.5", "2.3": "61.5"}
