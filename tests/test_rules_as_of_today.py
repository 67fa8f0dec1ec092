"""The tracker's rules decided in one place, where people read them: each test is named after the rule of the
documents it guards, and each failed on the main before the rules were brought into one read model."""

import csv
import html as htmllib
import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from indicators.models import Document, Indicator, IndicatorGroup, Observation, Target, TargetProposal
from indicators.progress import Goal, Point, assess
from indicators.reference_data import reference_data_load
from indicators.serializers import ProgressSerializer
from indicators.services import target_proposal_accept, target_proposal_create
from reporting.calendar import ReportingPeriod
from reporting.selectors import due_notice_for, period_overview, unit_periods
from tests.reporting.conftest import post_entry

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _headers(html: str) -> list[str]:
    return [_text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", html.split("<tbody")[0], re.S)]


def _row(html: str, code: str) -> str:
    return re.search(rf'<td class="col-code">\s*<a [^>]*>{re.escape(code)}</a>.*?</tr>', html, re.S).group(0)


# --- Quarters before the first tracked quarter are never missing (REPORTING_FIRST_PERIOD) -----------------------


def test_back_filling_one_old_quarter_never_floods_missing(client_for, cvt_reporter, reviewer, on_day):
    """The Cục Viễn thông reporter back-fills 2024Q1: its home notice and unit page list no quarter as missing
    (the tracker starts with 2026Q4), and the reviewer's 2025Q2 overview shows no unit missing."""
    on_day(date(2026, 12, 8))  # 2026Q4 is due on 05/12: missing now, the one quarter that counts
    client = client_for(cvt_reporter)
    assert (
        post_entry(client, "cuc-vt", "2024Q1", figures={"2.5": {"value": "76", "source": "Cục Thống kê"}}).status_code
        == 302
    )

    notice = due_notice_for(cvt_reporter, date(2026, 12, 8))
    assert [row.period.code for row in notice.missing] == ["2026Q4"]
    rows = {row.period.code: row.deadline for row in unit_periods(cvt_reporter.membership.unit, date(2026, 12, 8))}
    # the back-filled quarter, no gap of ten quarters, the one missing and Q1/2027 (it covers December) due
    assert rows == {"2024Q1": "not_tracked", "2026Q4": "missing", "2027Q1": "due"}

    overview = period_overview(ReportingPeriod(2025, 2), date(2026, 12, 8))
    assert {row.deadline for row in overview.rows} == {"not_tracked"}
    page = _text(client_for(reviewer).get(reverse("reporting:overview"), {"period": "2025Q2"}).content.decode())
    assert f"{len(overview.rows)} không theo dõi (trước quý bắt đầu theo dõi)" in page


# --- One meaning of "in force": per year and kind, everywhere -------------------------------------------------


def test_a_plan_and_a_goal_for_the_same_year_are_each_in_force_on_every_page(client_for, reviewer, leader):
    """Leadership accepts a yearly plan "≥ 50%" for 1.1 in 2030: the plan is in force for 2030's plan, the goal
    "≥ 30%" stays in force for 2030's goal, and the home table, the indicator page, the API, the flag and the
    proposal form all say so."""
    indicator = Indicator.objects.get(code="1.1")
    proposal = target_proposal_create(
        indicator=indicator, year=2030, kind="plan", comparator=">=", value=Decimal(50),
        reason="Đẩy nhanh lộ trình.", proposed_by=reviewer,
    )  # fmt: skip
    plan = target_proposal_accept(proposal=proposal, decided_by=leader)

    home = client_for(leader).get(reverse("home")).content.decode()
    assert "Kế hoạch 2030" in _headers(home) and "Mục tiêu 2030" in _headers(home)
    cells = [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", _row(home, "1.1"), re.S)]
    headers = _headers(home)
    assert cells[headers.index("Kế hoạch 2030")] == "≥ 50%"
    assert cells[headers.index("Mục tiêu 2030")] == "≥ 30%"
    assert cells[headers.index("Còn cách mục tiêu")] == "còn 11,7 điểm % 2030"  # the flag's goal: 30, not 50

    api = client_for(leader).get("/api/v1/indicators/1.1/").json()
    in_force = {(t["year"], t["kind"], t["value"]) for t in api["targets"] if t["in_force"]}
    assert {(2030, "plan", "50"), (2030, "goal", "30")} <= in_force
    assert api["progress"]["goal"]["value"] == "30"

    page = client_for(leader).get(reverse("indicator_detail", args=["1.1"])).content.decode()
    plan_rows = re.findall(r'<tr class="in-force[^"]*" data-year="2030" data-kind="(plan|goal)"', page)
    assert sorted(plan_rows) == ["goal", "plan"]

    form = client_for(reviewer).get(reverse("target_proposal_new", args=["1.1"])).content.decode()
    assert re.search(r'name="value"[^>]*value="30"', form) and re.search(r'name="year"[^>]*value="2030"', form)
    assert TargetProposal.objects.get().target == plan


# --- The home table's columns come from the data --------------------------------------------------------------


def test_a_document_with_yearly_plans_for_2026_to_2030_changes_the_home_table_columns(tmp_path, client_for, leader):
    """When the 2026–2030 programme is issued, its yearly plans enter through the reference data and the home
    table moves to the new period, with no code change."""
    fixtures = tmp_path / "fixtures"
    shutil.copytree(Path(settings.BASE_DIR) / "fixtures", fixtures)
    with open(fixtures / "documents.csv", "a", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow(
            ["ct-kts-2026-2030", "99/QĐ-TTg", "decision", 40, "Chương trình thử 2026–2030", "Thủ tướng Chính phủ",
             "2026-10-01", "Văn bản thử trong kiểm thử."]
        )  # fmt: skip
    with open(fixtures / "targets.csv", "a", encoding="utf-8", newline="") as f:
        for year, value in zip(range(2026, 2031), ("21", "23", "25", "27", "30"), strict=True):
            csv.writer(f).writerow(["1.1", year, "plan", ">=", value, f"{value}%", "ct-kts-2026-2030", "Phụ lục", ""])
    html = client_for(leader).get(reverse("home")).content.decode()
    assert "Kế hoạch 2026" not in _headers(html)
    reference_data_load(directory=fixtures)
    headers = _headers(client_for(leader).get(reverse("home")).content.decode())
    assert headers[3:11] == [
        "Số liệu 2025 (cơ sở)", "Mục tiêu 2025", "Kế hoạch 2026", "Kế hoạch 2027", "Kế hoạch 2028",
        "Kế hoạch 2029", "Kế hoạch 2030", "Mục tiêu 2030",
    ]  # fmt: skip


# --- No input in the models' range raises ---------------------------------------------------------------------


def _open_quantity_with(values: list[tuple[int, str]], goal: str) -> Indicator:
    document = Document.objects.get(slug="qd-466-2023")
    indicator = Indicator.objects.create(
        code="1.9", group=IndicatorGroup.objects.get(code="1"), name="Số doanh nghiệp thử", measure_unit="doanh nghiệp",
        introduced_by=document, min_value=0,
    )  # fmt: skip
    Target.objects.create(
        indicator=indicator, year=2030, kind="goal", comparator=">=", value=Decimal(goal), wording=goal,
        document=document,
    )  # fmt: skip
    for year, value in values:
        Observation.objects.create(indicator=indicator, year=year, value=Decimal(value), source="thử")
    return indicator


def test_a_large_projection_never_breaks_the_page_or_the_api(client_for, leader):
    """Figures 10 then 100000 of an open quantity against 200000 in 2030 made the explanation and the API raise
    decimal.InvalidOperation: the indicator page answered 500 and the API list failed for every indicator."""
    _open_quantity_with([(2023, "10"), (2024, "100000")], "200000")
    client = client_for(leader)
    assert client.get(reverse("indicator_detail", args=["1.9"])).status_code == 200
    assert client.get("/api/v1/indicators/").status_code == 200
    progress = client.get("/api/v1/indicators/1.9/").json()["progress"]
    assert progress["flag"] == "far_ahead" and progress["projected_value"] == "2000000"  # capped: 10 × the goal


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.lists(
        st.decimals(min_value=Decimal("-9999999999.9999"), max_value=Decimal("9999999999.9999"), places=4),
        min_size=0,
        max_size=5,
    ),
    goal=st.decimals(min_value=Decimal("-9999999999.9999"), max_value=Decimal("9999999999.9999"), places=4),
    comparator=st.sampled_from([">=", ">", "<=", "<", "=", "~"]),
    share=st.booleans(),
)
def test_the_api_serializer_never_raises_on_values_in_the_models_range(values, goal, comparator, share):
    indicator = Indicator(code="9.9", name="thử", measure_unit="%" if share else "doanh nghiệp", decimals=2)
    points = [Point(2020 + i, 0, value) for i, value in enumerate(values)]
    progress = assess(points=points, goals=[Goal(2030, comparator, goal)], today=date(2026, 11, 30), share=share)
    data = ProgressSerializer(progress, context={"indicator": indicator}).data
    assert data["flag"] == progress.flag.value
