"""A reviewer's "Nhắc đơn vị": the unit's reporters are reminded now, recorded with who, when and to whom; every page
that lists the unit's status says when it was last reminded, by the daily run or by hand; the unit's page shows
its reporters' e-mail and phone to reviewers only. Nobody else may remind."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from indicators.models import Membership
from notifications.models import Notification
from reports.models import Reminder
from reports.services import reminders_send

pytestmark = pytest.mark.django_db

REMIND = reverse("reporting:remind", args=["cuc-attt", "2026Q4"])


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://kts.example.gov.vn"


@pytest.fixture
def attt_reporter(db):
    from tests.conftest import _person

    person = _person("attt")
    person.email = "attt@mic.gov.vn"
    person.save(update_fields=["email"])
    Membership.objects.filter(user=person).update(phone="024 3556 7890")
    return person


def test_the_reviewer_reminds_a_missing_unit_and_every_page_says_when(client_for, reviewer, attt_reporter, on_day):
    on_day(date(2026, 12, 8), hour=9)
    client = client_for(reviewer)
    response = client.post(REMIND, {"next": "/reports/2026Q4/"})
    assert response.status_code == 302 and response["Location"] == "/reports/2026Q4/"
    (message,) = mail.outbox
    assert message.to == ["attt@mic.gov.vn"] and "đã quá hạn" in message.subject.lower() + message.body.lower()
    reminder = Reminder.objects.get(kind="by_hand")
    assert (reminder.recipient, reminder.unit.slug, reminder.sent_by, reminder.outcome, reminder.address) == (
        attt_reporter, "cuc-attt", reviewer, "sent", "attt@mic.gov.vn",
    )  # fmt: skip
    # the reporter is told in the tracker too (its e-mail is the reminder's own: not sent twice)
    told = Notification.objects.get(recipient=attt_reporter)
    assert (told.kind, told.mail_status) == ("reminder", "none")
    said = "đã nhắc lúc 09:00 08/12/2026 (Chuyên viên rà soát Vụ KTS và XHS)"
    for page in ("/reports/2026Q4/", "/submissions/?period=2026Q4", "/submissions/cuc-attt/", "/"):
        html = client.get(page).content.decode()
        assert said in html, page
    # pressed again later: a second record, and the pages say the latest
    on_day(date(2026, 12, 9), hour=8)
    client.post(REMIND)
    assert Reminder.objects.filter(kind="by_hand", outcome="sent").count() == 2
    assert "đã nhắc lúc 08:00 09/12/2026" in client.get("/submissions/cuc-attt/").content.decode()


def test_a_reminder_of_the_daily_run_is_shown_as_automatic(client_for, reviewer, attt_reporter, on_day):
    on_day(date(2026, 12, 6), hour=7)
    reminders_send()
    html = client_for(reviewer).get("/submissions/?period=2026Q4").content.decode()
    assert "đã nhắc lúc 07:00 06/12/2026 (tự động)" in html


def test_only_a_reviewer_reminds(client_for, cvt_reporter, attt_reporter, leader, admin_user, on_day):
    on_day(date(2026, 12, 8))
    for person in (cvt_reporter, attt_reporter, leader, admin_user):
        assert client_for(person).post(REMIND).status_code == 403
    assert mail.outbox == [] and not Reminder.objects.exists()
    # and the button is offered to nobody else
    assert "Nhắc đơn vị" not in client_for(leader).get("/reports/2026Q4/").content.decode()


def test_a_unit_that_has_sent_is_not_reminded(client_for, reviewer, cvt_reporter, on_day):
    from tests.notifications.conftest import cvt_sends

    cvt_sends(cvt_reporter, on_day=on_day)
    on_day(date(2026, 12, 8))
    client = client_for(reviewer)
    response = client.post(reverse("reporting:remind", args=["cuc-vt", "2026Q4"]), follow=True)
    assert "Cục Viễn thông không còn tồn đọng gì cho Quý 4/2026: không gửi lời nhắc." in response.content.decode()
    assert not Reminder.objects.exists()
    assert client.post(reverse("reporting:remind", args=["cuc-vt", "2027Q2"])).status_code == 404  # not open


def test_a_reporter_without_an_address_is_told_in_the_tracker_and_the_reviewer_is_told_so(client_for, reviewer, on_day):
    on_day(date(2026, 12, 8))
    response = client_for(reviewer).post(REMIND, follow=True)
    assert "không có địa chỉ thư điện tử: chỉ được báo trong hệ thống." in response.content.decode()
    assert Reminder.objects.get().outcome == "skipped" and mail.outbox == []
    assert Notification.objects.get().kind == "reminder"


def test_the_unit_s_page_shows_its_reporters_contacts_to_reviewers_only(
    client_for, reviewer, leader, attt_reporter, on_day
):
    html = client_for(reviewer).get("/submissions/cuc-attt/").content.decode()
    assert "attt@mic.gov.vn" in html and "024 3556 7890" in html and "Cán bộ báo cáo của đơn vị" in html
    for person in (leader, attt_reporter):
        html = client_for(person).get("/submissions/cuc-attt/").content.decode()
        assert "024 3556 7890" not in html and "Cán bộ báo cáo của đơn vị" not in html


def test_the_unit_s_page_costs_the_same_queries(client_for, reviewer, attt_reporter, on_day, django_assert_num_queries):
    client = client_for(reviewer)
    # 1 session, 2 the person with their membership and unread notifications, 3 the unit, 4 its submissions, 5 the
    # reminders to its reporters, 6 its reporters (with their person)
    with django_assert_num_queries(6):
        client.get("/submissions/cuc-attt/")
