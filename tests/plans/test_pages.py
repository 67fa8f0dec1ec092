"""The task pages: who may read, who may report progress, what is refused, and what a page costs."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from plans.models import ProgressUpdate, Status, Task

pytestmark = pytest.mark.django_db


def _task(ref: str, document: str = "qd-466-2023") -> Task:
    return Task.objects.get(document__slug=document, ref=ref)


@pytest.fixture
def charlie(db):
    """Charlie has a Django account and no role in the tracker."""
    return get_user_model().objects.create_user("charlie", password="x")


FIBRE = "A.II.14.1"  # implemented by Cục Viễn thông, criterion 77% of households on fibre (2.5)
E_TRANSACTIONS_LAW = "A.I.1"  # implemented by NEAC


@pytest.mark.parametrize("name", ["plans:list", "plans:mine"])
def test_anonymous_people_are_sent_to_the_login_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_an_account_without_a_role_reads_no_task(client_for, charlie):
    client = client_for(charlie)
    task = _task(FIBRE)
    for url in (reverse("plans:list"), reverse("plans:mine"), reverse("plans:task", args=[task.pk])):
        assert client.get(url).status_code == 403
    assert client.post(reverse("plans:progress", args=[task.pk]), {"status": "done"}).status_code == 403
    assert client.get("/api/v1/tasks/").status_code == 403


def test_the_task_list_in_vietnamese_with_every_document(client_for, leader):
    html = client_for(leader).get(reverse("plans:list")).content.decode()
    assert "Nhiệm vụ kế hoạch hành động" in html
    assert "232 nhiệm vụ" in html
    assert "Cơ quan chủ trì" in html and "Chỉ nhiệm vụ quá hạn" in html


def test_the_list_filters_by_document_unit_and_overdue(client_for, reviewer):
    client = client_for(reviewer)
    html = client.get(reverse("plans:list"), {"document": "tb-4-vpcp"}).content.decode()
    assert "18 nhiệm vụ" in html
    html = client.get(reverse("plans:list"), {"unit": "cuc-vt", "due": "2023Q2"}).content.decode()
    assert "1 nhiệm vụ" in html and "Chiến lược phát triển hạ tầng số" in html
    # On 30/11/2026 nothing of 466 has been reported: every task with a date has passed it, except those not planned
    overdue = client.get(reverse("plans:list"), {"document": "qd-466-2023", "overdue": "on"}).content.decode()
    dated = Task.objects.filter(document__slug="qd-466-2023", deadline__isnull=False).count()
    assert f"{dated} nhiệm vụ" in overdue


def test_a_section_filter_takes_the_parts_under_it(client_for, leader):
    section = Task.objects.get(document__slug="qd-466-2023", ref="A.III.2").section
    html = client_for(leader).get(reverse("plans:list"), {"section": section.pk}).content.decode()
    assert f"{Task.objects.filter(section__key__startswith='A.III').count()} nhiệm vụ" in html


def test_a_filter_value_that_is_not_a_choice_is_a_message_not_a_500(client_for, leader):
    response = client_for(leader).get(reverse("plans:list"), {"due": "2099Q9", "status": "lost"})
    assert response.status_code == 200
    assert (
        "Hãy chọn một lựa chọn hợp lệ. 2099Q9 không phải là một trong các lựa chọn khả thi."
        in response.content.decode()
    )


def test_the_list_costs_the_same_queries_whatever_the_filters(client_for, cvt_reporter, django_assert_num_queries):
    client = client_for(cvt_reporter)
    # 1 session, 2 the person with their membership and its unit (access, page header), 3 the count of tasks (the
    # list is paged), the filter choices: 4 documents with tasks, 5 sections, 6 the lead agencies, 7 units with
    # tasks; 8 the page of tasks with their documents (the table shows the implementing units as written)
    with django_assert_num_queries(8):
        client.get(reverse("plans:list"))
    # Filtered: 9 the document chosen (validating the filter), 10 the overdue filter reads deadline and status of
    # the matching tasks once and decides in Python (plans.due.is_overdue): still none per row.
    filtered = {"document": "qd-466-2023", "overdue": "on", "sort": "-due"}
    with django_assert_num_queries(10):
        client.get(reverse("plans:list"), filtered)


def test_my_units_tasks_for_a_reporter_overdue_first(client_for, cvt_reporter):
    html = client_for(cvt_reporter).get(reverse("plans:mine")).content.decode()
    assert "Nhiệm vụ do Cục Viễn thông triển khai thực hiện" in html
    assert html.index("Chiến lược phát triển hạ tầng số") < html.index("Nền tảng thiết bị IoT")


def test_a_reviewer_is_sent_from_my_tasks_to_the_whole_list(client_for, reviewer):
    response = client_for(reviewer).get(reverse("plans:mine"))
    assert response.status_code == 302 and response["Location"] == reverse("plans:list")


def test_a_reporter_records_progress_on_his_units_task_and_the_history_keeps_both_versions(client_for, cvt_reporter):
    client = client_for(cvt_reporter)
    task = _task(FIBRE)
    url = reverse("plans:progress", args=[task.pk])
    response = client.post(url, {"status": "in_progress", "report": "Đã phủ 80% hộ gia đình.", "evidence_url": ""})
    assert response.status_code == 302
    client.post(url, {"status": "done", "report": "Hoàn thành.", "evidence_url": "https://vnta.gov.vn/bao-cao"})
    update = ProgressUpdate.objects.get(task=task)
    assert (update.year, update.quarter, update.status, update.unit.slug) == (2026, 4, "done", "cuc-vt")
    task.refresh_from_db()
    assert task.status == Status.DONE
    assert [h.status for h in update.history.order_by("history_date")] == ["in_progress", "done"]
    html = client.get(reverse("plans:task", args=[task.pk])).content.decode()
    assert "Đã phủ 80% hộ gia đình." in html and "Hoàn thành." in html  # the old report stays in the history
    assert "quá hạn" not in html.split('id="progress"')[0]  # done: no longer overdue


def test_from_1_december_the_page_records_progress_for_the_next_years_first_quarter(client_for, cvt_reporter, on_day):
    client = client_for(cvt_reporter)
    task = _task(FIBRE)
    page, progress = reverse("plans:task", args=[task.pk]), reverse("plans:progress", args=[task.pk])

    def form_part(html: str) -> str:
        return html.split('id="record"')[1].split('id="history"')[0]

    assert "Cập nhật tiến độ Quý 4/2026" in client.get(page).content.decode()  # 30/11/2026
    on_day(date(2026, 12, 1))
    assert "Cập nhật tiến độ Quý 1/2027" in client.get(page).content.decode()
    client.post(progress, {"status": "in_progress", "report": "Đã phủ 80% hộ gia đình.", "evidence_url": ""})
    assert ProgressUpdate.objects.get(task=task).quarter == 1
    on_day(date(2027, 3, 31))  # the same quarter: the form starts from the unit's record of it
    html = client.get(page).content.decode()
    assert "Cập nhật tiến độ Quý 1/2027" in html and "Đã phủ 80% hộ gia đình." in form_part(html)
    on_day(date(2027, 4, 1))  # a new quarter: a new record
    html = client.get(page).content.decode()
    assert "Cập nhật tiến độ Quý 2/2027" in html and "Đã phủ 80% hộ gia đình." not in form_part(html)
    client.post(progress, {"status": "done", "report": "Hoàn thành.", "evidence_url": ""})
    assert list(ProgressUpdate.objects.filter(task=task).values_list("year", "quarter")) == [(2027, 2), (2027, 1)]


def test_after_the_reporting_calendar_ends_no_progress_is_recorded(client_for, cvt_reporter, on_day):
    on_day(date(2030, 12, 1))  # would be Q1 2031: the calendar ends with 2030
    client = client_for(cvt_reporter)
    task = _task(FIBRE)
    html = client.get(reverse("plans:task", args=[task.pk])).content.decode()
    assert 'id="record"' not in html and "Lưu tiến độ" not in html
    assert client.post(reverse("plans:progress", args=[task.pk]), {"status": "done"}).status_code == 403
    assert not ProgressUpdate.objects.filter(task=task).exists()


def test_a_reporter_updating_another_units_task_is_refused(client_for, cvt_reporter):
    task = _task(E_TRANSACTIONS_LAW)  # NEAC's
    response = client_for(cvt_reporter).post(reverse("plans:progress", args=[task.pk]), {"status": "done"})
    assert response.status_code == 403
    assert not ProgressUpdate.objects.filter(task=task).exists()
    assert "Lưu tiến độ" not in client_for(cvt_reporter).get(reverse("plans:task", args=[task.pk])).content.decode()


@pytest.mark.parametrize("person", ["reviewer", "leader", "admin_user"])
def test_reviewers_leaders_and_administrators_read_but_do_not_report(client_for, request, person):
    client = client_for(request.getfixturevalue(person))
    task = _task(FIBRE)
    assert client.get(reverse("plans:task", args=[task.pk])).status_code == 200
    assert client.post(reverse("plans:progress", args=[task.pk]), {"status": "done"}).status_code == 403


@pytest.mark.parametrize(
    "link", ["ftp://example.org/x.pdf", "javascript:alert(1)", "vnta.gov.vn/bao-cao", "file:///etc"]
)
def test_an_evidence_link_that_is_not_http_is_refused_and_nothing_is_saved(client_for, cvt_reporter, link):
    task = _task(FIBRE)
    response = client_for(cvt_reporter).post(
        reverse("plans:progress", args=[task.pk]), {"status": "done", "report": "x", "evidence_url": link}
    )
    assert response.status_code == 400
    assert "Nhập đường dẫn bắt đầu bằng http:// hoặc https://." in response.content.decode()
    assert not ProgressUpdate.objects.filter(task=task).exists()
    task.refresh_from_db()
    assert task.status == Status.NOT_STARTED


def test_an_unknown_status_is_refused(client_for, cvt_reporter):
    task = _task(FIBRE)
    response = client_for(cvt_reporter).post(reverse("plans:progress", args=[task.pk]), {"status": "finished"})
    assert response.status_code == 400 and not ProgressUpdate.objects.exists()


def test_an_unknown_task_is_a_404(client_for, leader):
    assert client_for(leader).get(reverse("plans:task", args=[999999])).status_code == 404


def test_the_indicator_page_lists_the_tasks_tied_to_it(client_for, leader):
    html = client_for(leader).get(reverse("indicator_detail", args=["2.5"])).content.decode()
    assert "Nhiệm vụ gắn với chỉ tiêu này" in html
    assert "77% hộ gia đình được phủ mạng Internet băng rộng cáp quang" in html
    html = client_for(leader).get(reverse("indicator_detail", args=["1.1"])).content.decode()
    assert "Chưa có nhiệm vụ nào của kế hoạch hành động lấy chỉ tiêu này làm chỉ tiêu đánh giá." in html
