"""The services tell the right people what happened: a return (with its reason), a reopen and an accept to the
unit's reporters; a target proposal's decision to its proposer; a release's to whoever proposed it; a correction
after consolidation to the reviewers. Each e-mail goes once the transaction commits, and never twice."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators.models import Indicator
from indicators.services import target_proposal_accept, target_proposal_create, target_proposal_reject
from notifications import messages
from notifications.models import Notification
from notifications.services import MAX_ATTEMPTS, notifications_mail
from publication.services import release_approve, release_propose, release_reject, release_withdraw
from reporting import services
from reports.services import consolidation_create
from strategy_tracker import clock
from tests.notifications.conftest import Q4, SITE, cvt_sends

pytestmark = pytest.mark.django_db

Kind = Notification.Kind


def notes_of(person) -> list[tuple[str, dict]]:
    return [(n.kind, n.params) for n in Notification.objects.for_person(person).order_by("pk")]


def test_a_return_tells_the_unit_s_reporters_with_the_reason_and_mails_them_after_commit(
    cvt_reporter, neac_reporter, reviewer, emails, on_day, django_capture_on_commit_callbacks
):
    submission = cvt_sends(cvt_reporter, on_day=on_day)
    on_day(date(2026, 12, 3))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submission_return(
            submission=submission, user=reviewer, version=submission.version,
            reason="Chỉ tiêu 2.1 thiếu nguồn số liệu", now=clock.now(),
        )  # fmt: skip
        assert mail.outbox == []  # nothing leaves before the transaction commits
    facts = {"unit": "Cục Viễn thông", "period": "2026Q4", "reason": "Chỉ tiêu 2.1 thiếu nguồn số liệu"}
    assert notes_of(cvt_reporter) == [(Kind.SUBMISSION_RETURNED, facts)]
    assert notes_of(neac_reporter) == [] and notes_of(reviewer) == []  # another unit, and the one who acted
    for callback in callbacks:
        callback()
    (message,) = mail.outbox
    assert message.to == ["cvt@mic.gov.vn"]
    assert message.subject == "Báo cáo Quý 4/2026 của Cục Viễn thông đã bị trả lại để chỉnh sửa"
    assert "Lý do: Chỉ tiêu 2.1 thiếu nguồn số liệu" in message.body
    assert f"{SITE}/submissions/cuc-vt/2026Q4/" in message.body
    notification = Notification.objects.get(recipient=cvt_reporter)
    assert (notification.mail_status, notification.mail_attempts) == ("sent", 1)
    # the timer's run finds nothing left to send: never twice
    mail.outbox.clear()
    assert notifications_mail().sent == [] and mail.outbox == []


def test_reopen_and_accept_tell_the_reporters_and_a_correction_after_consolidation_tells_the_reviewers(
    cvt_reporter, reviewer, admin_user, emails, on_day
):
    submission = cvt_sends(cvt_reporter, on_day=on_day)
    on_day(date(2026, 12, 4))
    submission = services.submission_accept(submission=submission, user=reviewer, version=submission.version,
                                            now=clock.now())  # fmt: skip
    on_day(date(2026, 12, 8))
    consolidation_create(period=Q4, user=reviewer)
    on_day(date(2027, 1, 15))
    submission = services.submission_reopen(submission=submission, user=reviewer, version=submission.version,
                                            reason="Đã có số liệu chính thức", now=clock.now())  # fmt: skip
    submission = cvt_sends(cvt_reporter, on_day=on_day, day=date(2027, 1, 16), value="80.9")
    # an administrator accepts this time: the reviewer is told of the correction, the one who acted is not
    services.submission_accept(submission=submission, user=admin_user, version=submission.version, now=clock.now())
    assert [kind for kind, _params in notes_of(cvt_reporter)] == [
        Kind.SUBMISSION_ACCEPTED, Kind.SUBMISSION_REOPENED, Kind.SUBMISSION_ACCEPTED,
    ]  # fmt: skip
    assert notes_of(reviewer) == [
        (Kind.FIGURE_CORRECTED, {"unit": "Cục Viễn thông", "period": "2026Q4", "codes": ["2.1"]})
    ]  # fmt: skip (2.5 unchanged)
    assert notes_of(admin_user) == []
    corrected = Notification.objects.get(recipient=reviewer)
    assert corrected.path == "/reports/2026Q4/"
    assert messages.title(corrected.kind, corrected.params) == (
        "Cục Viễn thông đã sửa số liệu Quý 4/2026 sau khi quý đã được tổng hợp: 2.1"
    )


def test_an_accept_before_consolidation_is_no_correction(cvt_reporter, reviewer, on_day):
    submission = cvt_sends(cvt_reporter, on_day=on_day)
    services.submission_accept(submission=submission, user=reviewer, version=submission.version, now=clock.now())
    assert not Notification.objects.filter(kind=Kind.FIGURE_CORRECTED).exists()


def test_a_target_proposal_goes_to_the_leaders_and_its_decision_to_its_proposer(reviewer, leader, emails):
    indicator = Indicator.objects.get(code="2.1")
    proposal = target_proposal_create(indicator=indicator, year=2030, kind="goal", comparator=">=",
                                      value=Decimal("97"), reason="Vượt", proposed_by=reviewer)  # fmt: skip
    assert notes_of(leader) == [(Kind.PROPOSAL_PENDING, {"code": "2.1", "year": 2030, "target": "≥ 97%", "reason": ""})]
    target_proposal_reject(proposal=proposal, decided_by=leader, note="Chờ số liệu 2025")
    assert notes_of(reviewer)[-1] == (
        Kind.PROPOSAL_REJECTED, {"code": "2.1", "year": 2030, "target": "≥ 97%", "reason": "Chờ số liệu 2025"}
    )  # fmt: skip
    second = target_proposal_create(indicator=indicator, year=2030, kind="goal", comparator=">=",
                                    value=Decimal("96"), reason="Lần hai", proposed_by=reviewer)  # fmt: skip
    target_proposal_accept(proposal=second, decided_by=leader)
    assert [kind for kind, _p in notes_of(reviewer)] == [Kind.PROPOSAL_REJECTED, Kind.PROPOSAL_ACCEPTED]
    assert Notification.objects.get(kind=Kind.PROPOSAL_ACCEPTED).path == f"/indicators/2.1/#proposal-{second.pk}"


def test_a_release_s_decisions_and_withdrawal_go_to_whoever_proposed_it(cvt_reporter, reviewer, leader, on_day):
    submission = cvt_sends(cvt_reporter, on_day=on_day)
    services.submission_accept(submission=submission, user=reviewer, version=submission.version, now=clock.now())
    first = release_propose(proposed_by=reviewer, note="Quý 4", quarter=(2026, 4))
    assert notes_of(leader) == [(Kind.RELEASE_PENDING, {"period": "2026Q4", "reason": ""})]
    release_reject(release=first, decided_by=leader, reason="Chưa đủ")
    second = release_propose(proposed_by=reviewer, note="Quý 4", indicator=Indicator.objects.get(code="2.1"),
                             periods=[(2026, 4)])  # fmt: skip
    release_approve(release=second, approved_by=leader)
    release_withdraw(release=second, withdrawn_by=leader, reason="Sai nguồn")
    assert [(kind, p.get("reason")) for kind, p in notes_of(reviewer)] == [
        (Kind.RELEASE_REJECTED, "Chưa đủ"),
        (Kind.RELEASE_APPROVED, ""),
        (Kind.RELEASE_WITHDRAWN, "Sai nguồn"),
    ]
    withdrawn = Notification.objects.filter(recipient=reviewer).order_by("pk").last()
    assert (
        messages.title(withdrawn.kind, withdrawn.params)
        == "Đợt công bố số liệu bạn đề xuất (chỉ tiêu 2.1) đã bị rút lại"
    )


def test_a_failed_mail_is_logged_kept_and_sent_once_by_the_command(
    cvt_reporter, reviewer, emails, on_day, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send

    def down(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", down)
    submission = cvt_sends(cvt_reporter, on_day=on_day)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_return(submission=submission, user=reviewer, version=submission.version,
                                   reason="Thiếu nguồn", now=clock.now())  # fmt: skip
    notification = Notification.objects.get(recipient=cvt_reporter)
    assert (notification.mail_status, notification.mail_attempts) == ("failed", 1)
    assert notification.mail_error == "mail server down"
    assert "not sent: mail server down" in caplog.text
    with pytest.raises(CommandError):
        call_command("send_notifications")  # still down: the timer's run fails, visibly
    monkeypatch.setattr(EmailMessage, "send", real_send)
    call_command("send_notifications")
    assert [m.to for m in mail.outbox] == [["cvt@mic.gov.vn"]]
    call_command("send_notifications")
    assert len(mail.outbox) == 1  # never twice
    notification.refresh_from_db()
    assert (notification.mail_status, notification.mail_attempts) == ("sent", 3)


def test_a_mail_claimed_by_another_run_is_not_sent_again_and_one_failing_for_good_stops(
    cvt_reporter, reviewer, emails, on_day
):
    submission = cvt_sends(cvt_reporter, on_day=on_day)
    services.submission_return(submission=submission, user=reviewer, version=submission.version, reason="Thiếu",
                               now=clock.now())  # fmt: skip
    notification = Notification.objects.get(recipient=cvt_reporter)
    Notification.objects.filter(pk=notification.pk).update(mail_status="sending", mail_attempts=1)
    assert notifications_mail().sent == [] and mail.outbox == []
    on_day(date(2026, 12, 3))
    assert [n.pk for n in notifications_mail().stuck] == [notification.pk]  # reported, not sent again
    Notification.objects.filter(pk=notification.pk).update(mail_status="failed", mail_attempts=MAX_ATTEMPTS)
    assert notifications_mail().sent == [] and mail.outbox == []


def test_a_person_without_an_address_is_told_in_the_tracker_only(cvt_reporter, reviewer, on_day):
    submission = cvt_sends(cvt_reporter, on_day=on_day)
    services.submission_return(submission=submission, user=reviewer, version=submission.version, reason="Thiếu",
                               now=clock.now())  # fmt: skip
    assert Notification.objects.get(recipient=cvt_reporter).mail_status == "none"
    assert notifications_mail().sent == [] and mail.outbox == []


def test_a_refused_review_tells_nobody(cvt_reporter, reviewer, on_day):
    submission = cvt_sends(cvt_reporter, on_day=on_day)
    with pytest.raises(services.StaleSubmission):
        services.submission_return(submission=submission, user=reviewer, version=submission.version - 1,
                                   reason="Thiếu", now=clock.now())  # fmt: skip
    assert not Notification.objects.exists()
