"""What needs a person first: the rule (pure), and the front pages that follow it. A reporter whose quarter was
returned after the deadline sees it first, with the big button; a reviewer sees what waits for review, the units
missing and the changes since consolidation; a leader sees what waits for his decision above the charts, and the
picture in one line."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from dashboard.selectors import picture_summary
from indicators.models import Indicator
from indicators.progress import Flag, Verdict
from indicators.services import target_proposal_create
from publication.services import release_propose
from reporting import services
from reporting.agenda import Correction, Need, corrections_since, reporter_agenda
from reporting.calendar import DeadlineStatus, ReportingPeriod
from reports.services import consolidation_create
from strategy_tracker import clock
from tests.notifications.conftest import cvt_sends
from tests.reporting.test_entry_page import text_of

Q3, Q4, Q1 = ReportingPeriod(2026, 3), ReportingPeriod(2026, 4), ReportingPeriod(2027, 1)
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_handed_back_comes_before_overdue_before_due_each_oldest_first():
    quarters = [
        (Q1, "", DeadlineStatus.DUE, ""),
        (Q4, "returned", DeadlineStatus.ON_TIME, "Thiếu nguồn"),
        (Q3, "draft", DeadlineStatus.MISSING, ""),
        (ReportingPeriod(2026, 2), "reopened", DeadlineStatus.LATE, "Số liệu chính thức"),
    ]
    tasks = reporter_agenda(quarters, Q1)
    assert [(t.period.code, t.need) for t in tasks] == [
        ("2026Q2", Need.HANDED_BACK), ("2026Q4", Need.HANDED_BACK), ("2026Q3", Need.OVERDUE), ("2027Q1", Need.DUE),
    ]  # fmt: skip
    assert tasks[1].reason == "Thiếu nguồn"
    # the quarter due next is listed once, under its most urgent need
    assert [t.need for t in reporter_agenda([(Q4, "returned", DeadlineStatus.ON_TIME, "x")], Q4)] == [Need.HANDED_BACK]
    assert reporter_agenda([], None) == []
    assert [(t.period, t.status) for t in reporter_agenda([(Q4, "submitted", DeadlineStatus.ON_TIME, "")], Q4)] == [
        (Q4, "submitted")
    ]


def test_a_correction_is_a_review_after_the_quarter_s_latest_consolidation():
    sent = datetime(2026, 12, 8, 10, tzinfo=HANOI)
    later, earlier = datetime(2027, 1, 15, tzinfo=HANOI), datetime(2026, 12, 4, tzinfo=HANOI)
    reviewed = [
        (Q4, 1, "reopened", later),
        (Q4, 2, "accepted", earlier),
        (Q3, 3, "accepted", later),
        (Q4, 4, "x", None),
    ]
    assert corrections_since({Q4: sent}, reviewed) == [Correction(Q4, 1, "reopened", later)]


def test_the_picture_in_one_line_counts_the_assessments():
    """1.4 going backwards with no goal ahead is counted twice: it needs remedies and a new goal."""
    flags = [Flag.OFF_TRACK, Flag.REGRESSING, *[Flag.NO_GOAL_AHEAD] * 14, Flag.ON_TRACK, Flag.FAR_AHEAD]
    new_goal = [False, True, *[True] * 14, False, False]
    years = [2030, *[2025] * 15, 2030, 2030]
    verdicts = [(2025, Verdict.PENDING)] * 19 + [(2025, Verdict.MET)]
    with_vi = picture_summary(flags, new_goal, years, verdicts)
    assert " · ".join(with_vi) == (
        "2 chỉ tiêu cần giải pháp · 1 chỉ tiêu cần nâng mục tiêu · 15 chỉ tiêu cần đề xuất mục tiêu sau 2025 · "
        "19 mục tiêu 2025 chờ số liệu"
    )
    assert picture_summary([Flag.ON_TRACK], [False], [None], []) == []


@pytest.mark.django_db
def test_the_reporter_sees_her_returned_quarter_first_after_the_deadline(client_for, cvt_reporter, reviewer, on_day):
    submission = cvt_sends(cvt_reporter, on_day=on_day)
    on_day(date(2026, 12, 7))
    services.submission_return(submission=submission, user=reviewer, version=submission.version,
                               reason="Chỉ tiêu 2.1 thiếu nguồn số liệu", now=clock.now())  # fmt: skip
    html = client_for(cvt_reporter).get(reverse("home")).content.decode()
    first = html.index('class="button-link primary-action"')
    assert html[first:].startswith('class="button-link primary-action" href="/submissions/cuc-vt/2026Q4/"')
    text = text_of(client_for(cvt_reporter).get(reverse("home")))
    assert "Báo cáo Quý 4/2026 đã bị trả lại: hãy chỉnh sửa và gửi lại. Mở báo cáo" in text
    assert "Lý do Vụ KTS và XHS nêu: Chỉ tiêu 2.1 thiếu nguồn số liệu" in text
    assert text.index("Quý 4/2026 đã bị trả lại") < text.index("Tiếp theo: báo cáo Quý 1/2027")


@pytest.mark.django_db
def test_the_reviewer_sees_what_waits_for_review_the_missing_units_and_the_changes_since_consolidation(
    client_for, cvt_reporter, reviewer, on_day
):
    submission = cvt_sends(cvt_reporter, on_day=on_day)
    on_day(date(2026, 12, 6))
    text = text_of(client_for(reviewer).get(reverse("home")))
    assert "1 báo cáo chờ rà soát Cục Viễn thông · Quý 4/2026" in text
    assert "Chưa gửi báo cáo Quý 4/2026 (hạn tổng hợp 10/12/2026) Cục ATTT" in text
    submission = services.submission_accept(submission=submission, user=reviewer, version=submission.version,
                                            now=clock.now())  # fmt: skip
    on_day(date(2026, 12, 8))
    consolidation_create(period=Q4, user=reviewer)
    on_day(date(2026, 12, 9))
    services.submission_reopen(submission=submission, user=reviewer, version=submission.version,
                               reason="Số liệu chính thức", now=clock.now())  # fmt: skip
    text = text_of(client_for(reviewer).get(reverse("home")))
    assert "Thay đổi sau khi quý đã được tổng hợp Cục Viễn thông · Quý 4/2026" in text


@pytest.mark.django_db
def test_the_leader_sees_the_pending_proposal_and_release_above_the_charts(
    client_for, cvt_reporter, reviewer, leader, on_day, django_assert_num_queries
):
    submission = cvt_sends(cvt_reporter, on_day=on_day)
    services.submission_accept(submission=submission, user=reviewer, version=submission.version, now=clock.now())
    indicator = Indicator.objects.get(code="2.1")
    proposal = target_proposal_create(indicator=indicator, year=2030, kind="goal", comparator=">=",
                                      value=Decimal("97"), reason="x", proposed_by=reviewer)  # fmt: skip
    release = release_propose(proposed_by=reviewer, note="Quý 4", quarter=(2026, 4))
    html = client_for(leader).get(reverse("dashboard:overview")).content.decode()
    decisions = html.index("Chờ quyết định")
    assert decisions < html.index('id="overview-chart"')
    assert f'href="/indicators/2.1/#proposal-{proposal.pk}">Đề xuất mục tiêu: chỉ tiêu 2.1, năm 2030' in html
    assert f'href="/releases/{release.pk}/">Công bố số liệu: toàn bộ' in html
    assert 'class="picture-summary"' in html and "mục tiêu 2025 chờ số liệu" in html
    # the one who proposed sees nothing to decide: he never decides on his own proposal
    assert "Chờ quyết định" not in client_for(reviewer).get(reverse("dashboard:overview")).content.decode()


STATUSES = st.sampled_from(["", "draft", "submitted", "returned", "accepted", "reopened"])
DEADLINES = st.sampled_from(list(DeadlineStatus))
QUARTERS = st.lists(
    st.tuples(st.integers(2026, 2028), st.integers(1, 4), STATUSES, DEADLINES), unique_by=lambda q: q[:2], max_size=8
)


@given(QUARTERS, st.booleans())
def test_every_handed_back_quarter_comes_before_every_overdue_one_and_each_is_listed_once(quarters, with_due):
    rows = [(ReportingPeriod(y, q), status, deadline, "") for y, q, status, deadline in quarters]
    due = rows[-1][0] if with_due and rows else None
    tasks = reporter_agenda(rows, due)
    needs = [t.need for t in tasks]
    order = [Need.HANDED_BACK, Need.OVERDUE, Need.DUE]
    assert needs == sorted(needs, key=order.index)
    assert len({t.period for t in tasks}) == len(tasks)
    for need in (Need.HANDED_BACK, Need.OVERDUE):
        periods = [t.period for t in tasks if t.need == need]
        assert periods == sorted(periods)
    handed_back = {p for p, status, _d, _r in rows if status in ("returned", "reopened")}
    assert {t.period for t in tasks if t.need == Need.HANDED_BACK} == handed_back
    assert (due is not None) == (Need.DUE in needs or due in {t.period for t in tasks})
