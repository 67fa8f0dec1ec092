"""The "Thông báo" page: each person sees and marks read only their own; the header's badge counts the unread ones
at no query of its own; opening one marks it read and goes to its page."""

from datetime import date

import pytest
from django.urls import reverse

from notifications.models import Notification
from reporting import services
from strategy_tracker import clock
from tests.notifications.conftest import cvt_sends

pytestmark = pytest.mark.django_db


def returned(cvt_reporter, reviewer, on_day):
    submission = cvt_sends(cvt_reporter, on_day=on_day)
    on_day(date(2026, 12, 7))
    services.submission_return(submission=submission, user=reviewer, version=submission.version,
                               reason="Chỉ tiêu 2.1 thiếu nguồn số liệu", now=clock.now())  # fmt: skip
    return Notification.objects.get(recipient=cvt_reporter)


def test_the_reporter_reads_her_notification_with_its_reason_and_the_badge_counts_it(
    client_for, cvt_reporter, reviewer, on_day, django_assert_num_queries
):
    notification = returned(cvt_reporter, reviewer, on_day)
    client = client_for(cvt_reporter)
    # 1 session, 2 the person with their membership, its unit and their unread notifications (the header's badge),
    # 3 how many notifications she has, 4 the page of them
    with django_assert_num_queries(4):
        html = client.get(reverse("notifications:list")).content.decode()
    assert "Báo cáo Quý 4/2026 của Cục Viễn thông đã bị trả lại để chỉnh sửa" in html
    assert "Lý do: Chỉ tiêu 2.1 thiếu nguồn số liệu" in html
    assert 'class="badge badge-count" aria-hidden="true">1</span>' in html
    # opening it marks it read and goes to the submission
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/submissions/cuc-vt/2026Q4/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    html = client.get(reverse("notifications:list")).content.decode()
    assert "badge-count" not in html and "đã đọc lúc" in html


def test_the_badge_costs_no_query_on_every_page(client_for, cvt_reporter, reviewer, on_day, django_assert_num_queries):
    returned(cvt_reporter, reviewer, on_day)
    client = client_for(cvt_reporter)
    html = client.get(reverse("plans:list")).content.decode()
    assert 'href="/notifications/"' in html and 'badge-count" aria-hidden="true">1<' in html


def test_nobody_reads_or_marks_another_person_s_notification(client_for, cvt_reporter, neac_reporter, reviewer, leader,
                                                             on_day):  # fmt: skip
    notification = returned(cvt_reporter, reviewer, on_day)
    for person in (neac_reporter, reviewer, leader):
        client = client_for(person)
        assert "thiếu nguồn" not in client.get(reverse("notifications:list")).content.decode()
        assert client.post(reverse("notifications:open", args=[notification.pk])).status_code == 404
        assert client.post(reverse("notifications:read", args=[notification.pk])).status_code == 404
        client.post(reverse("notifications:read_all"))
    notification.refresh_from_db()
    assert notification.read_at is None
    client.logout()
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_marking_read_is_a_post_and_mark_all_reads_only_one_s_own(client_for, cvt_reporter, reviewer, on_day):
    notification = returned(cvt_reporter, reviewer, on_day)
    client = client_for(cvt_reporter)
    assert client.get(reverse("notifications:read", args=[notification.pk])).status_code == 405
    assert client.post(reverse("notifications:read_all")).status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None
    html = client.get(reverse("notifications:list")).content.decode()
    assert "Đã đánh dấu tất cả thông báo là đã đọc." in html
