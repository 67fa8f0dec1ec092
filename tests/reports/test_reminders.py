"""`manage.py send_reminders`, run daily: each unit's reporters a few days before their deadline and after it while
still missing, the reviewers the list of missing units; once per deadline and person; a failed mail is logged and
sent on the next run."""

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from reports.models import Reminder
from reports.services import reminders_send
from tests.reports.conftest import send

pytestmark = pytest.mark.django_db


SITE = "https://kts.example.gov.vn"


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = SITE


@pytest.fixture(autouse=True)
def emails():
    """The demo people with an e-mail address."""
    for user in get_user_model().objects.filter(
        username__in=["cvt", "neac", "cdsqg", "attt", "kts", "reviewer", "leader"]
    ):
        user.email = f"{user.username}@mic.gov.vn"
        user.save(update_fields=["email"])


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_three_days_before_the_deadline_the_units_not_yet_sent_are_reminded_once(cvt_reporter, on_day):
    send(cvt_reporter, "2026Q4", {"2.1": {"value": "86"}, "2.5": {"value": "81.2"}}, on=date(2026, 12, 2))
    on_day(date(2026, 12, 1))  # four days before: not yet
    assert reminders_send().sent == []
    on_day(date(2026, 12, 2))
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert recipients() == ["attt@mic.gov.vn", "cdsqg@mic.gov.vn", "kts@mic.gov.vn", "neac@mic.gov.vn"]
    assert out.getvalue().endswith(
        "4 reminder(s) sent, 0 failed (tried again next run), 0 skipped (no e-mail address or no active reporter)\n"
    )
    message = next(m for m in mail.outbox if m.to == ["attt@mic.gov.vn"])
    assert message.subject == "Nhắc hạn: báo cáo Quý 4/2026 của Cục An toàn thông tin hết hạn ngày 05/12/2026"
    assert "Hạn gửi là ngày 05/12/2026" in message.body
    mail.outbox.clear()
    on_day(date(2026, 12, 3))
    call_command("send_reminders", stdout=StringIO())
    assert mail.outbox == []  # never twice for the same deadline and person


def test_nothing_is_sent_well_before_the_deadline(on_day):
    on_day(date(2026, 11, 20))
    assert reminders_send().sent == [] and mail.outbox == []


def test_the_day_after_the_deadline_the_missing_units_and_the_reviewers_are_told(cvt_reporter, neac_reporter, on_day):
    send(cvt_reporter, "2026Q4", {"2.1": {"value": "86"}, "2.5": {"value": "81.2"}}, on=date(2026, 12, 2))
    send(neac_reporter, "2026Q4", {"1.4": {"value": "55"}, "2.3": {"value": "12.5"}}, on=date(2026, 12, 5))
    on_day(date(2026, 12, 6))
    reminders_send()
    assert recipients() == ["attt@mic.gov.vn", "cdsqg@mic.gov.vn", "kts@mic.gov.vn", "reviewer@mic.gov.vn"]
    to_reviewer = next(m for m in mail.outbox if m.to == ["reviewer@mic.gov.vn"])
    assert to_reviewer.subject == "3 đơn vị chưa gửi báo cáo Quý 4/2026 (hạn 05/12/2026)"
    assert "- Cục An toàn thông tin" in to_reviewer.body and "Trung tâm" not in to_reviewer.body
    assert Reminder.objects.filter(kind="missing").count() == 3
    mail.outbox.clear()
    on_day(date(2026, 12, 7))
    reminders_send()
    assert mail.outbox == []
    on_day(date(2026, 12, 11))  # past the consolidation deadline: no more for Q4
    reminders_send()
    assert mail.outbox == []


def test_a_failed_mail_is_logged_and_sent_on_the_next_run(on_day, monkeypatch, caplog):
    on_day(date(2026, 12, 6))
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send

    def flaky(self, fail_silently=False):
        if self.to == ["attt@mic.gov.vn"]:
            raise ConnectionRefusedError("SMTP server unreachable")
        return real_send(self, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", flaky)
    run = reminders_send()
    assert [(r.address, r.reason) for r in run.failed] == [("attt@mic.gov.vn", "SMTP server unreachable")]
    assert "attt@mic.gov.vn" not in recipients() and "cdsqg@mic.gov.vn" in recipients()
    assert "Reminder to attt@mic.gov.vn for 2026Q4 not sent" in caplog.text
    monkeypatch.setattr(EmailMessage, "send", real_send)
    mail.outbox.clear()
    on_day(date(2026, 12, 7))
    reminders_send()
    assert recipients() == ["attt@mic.gov.vn"]


def test_people_without_an_address_or_inactive_get_nothing(on_day):
    get_user_model().objects.filter(username="attt").update(email="")
    get_user_model().objects.filter(username="cdsqg").update(is_active=False)
    on_day(date(2026, 12, 3))
    reminders_send()
    assert "attt@mic.gov.vn" not in recipients() and "cdsqg@mic.gov.vn" not in recipients()


def test_every_mail_links_to_the_page_it_is_about(on_day):
    on_day(date(2026, 12, 6))
    reminders_send()
    to_attt = next(m for m in mail.outbox if m.to == ["attt@mic.gov.vn"])
    assert f"{SITE}/submissions/cuc-attt/2026Q4/" in to_attt.body
    assert "Mở trên hệ thống theo dõi:" in to_attt.body
    to_reviewer = next(m for m in mail.outbox if m.to == ["reviewer@mic.gov.vn"])
    assert f"{SITE}/submissions/?period=2026Q4" in to_reviewer.body
    assert all(SITE in m.body for m in mail.outbox)


def _run(on: date) -> tuple[str, str, Exception | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("send_reminders", stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def test_the_command_says_who_was_reminded_who_was_not_and_why_and_fails_when_a_mail_failed(on_day, monkeypatch):
    """The reporter of Cục An toàn thông tin's mail fails, Trung tâm's reporter has no address: each is named with
    the unit, and the run exits non-zero."""
    from django.core.mail import EmailMessage

    get_user_model().objects.filter(username="cdsqg").update(email="")
    real_send = EmailMessage.send

    def flaky(self, fail_silently=False):
        if self.to == ["attt@mic.gov.vn"]:
            raise ConnectionRefusedError("SMTP server unreachable")
        return real_send(self, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", flaky)
    on_day(date(2026, 12, 3))
    out, err, failure = _run(date(2026, 12, 3))
    assert failure is not None and "1 reminder(s) could not be sent" in str(failure)
    assert "failed: attt <attt@mic.gov.vn>, Cục An toàn thông tin, 2026Q4 (before): SMTP server unreachable" in err
    skipped = [line for line in out.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == 1 and skipped[0].startswith("skipped: cdsqg <no address>, ")
    assert skipped[0].endswith(", 2026Q4 (before): no e-mail address")
    assert f"sent: cvt <cvt@mic.gov.vn>, Cục Viễn thông, 2026Q4 (before), {SITE}/submissions/cuc-vt/2026Q4/" in out
    assert out.endswith(
        "3 reminder(s) sent, 1 failed (tried again next run), 1 skipped (no e-mail address or no active reporter)\n"
    )


def test_with_no_address_on_any_reporter_the_run_says_why_nothing_was_sent(on_day):
    get_user_model().objects.update(email="")
    on_day(date(2026, 12, 3))
    out, _err, failure = _run(date(2026, 12, 3))
    assert failure is None
    assert out.count("skipped: ") == 5 and out.count(": no e-mail address") == 5
    assert "0 reminder(s) sent, 0 failed (tried again next run), 5 skipped" in out
    # Run again the next day: still said, and the admin keeps one row per person and deadline.
    on_day(date(2026, 12, 4))
    assert _run(date(2026, 12, 4))[0].count("skipped: ") == 5
    assert Reminder.objects.filter(outcome="skipped").count() == 5


def test_a_unit_with_no_active_reporter_is_named(on_day):
    get_user_model().objects.filter(username="attt").update(is_active=False)
    on_day(date(2026, 12, 3))
    out, _err, _failure = _run(date(2026, 12, 3))
    assert "skipped: -, Cục An toàn thông tin, 2026Q4 (before): no active reporter" in out


def test_the_command_refuses_to_run_without_the_sites_address(settings):
    settings.SITE_URL = ""
    with pytest.raises(CommandError, match="SITE_URL must be set"):
        call_command("send_reminders", stdout=StringIO())


def test_the_admins_reminders_sent_lists_the_failed_and_skipped_with_why(on_day, monkeypatch, admin_user, client):
    from django.core.mail import EmailMessage

    get_user_model().objects.filter(username="cdsqg").update(email="")
    monkeypatch.setattr(EmailMessage, "send", lambda self, fail_silently=False: (_ for _ in ()).throw(OSError("down")))
    on_day(date(2026, 12, 3))
    reminders_send()
    client.force_login(admin_user)
    page = client.get("/admin/reports/reminder/").content.decode()
    assert "no e-mail address" in page and "down" in page
    assert client.get("/admin/reports/reminder/?outcome=failed").content.decode().count("attt@mic.gov.vn") == 1
