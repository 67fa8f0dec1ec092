"""The admin, in Vietnamese, shows targets and figures of record but does not change them: they change only
through their workflows, each on record."""

import re

import pytest

from indicators.models import Observation, Target

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["target", "observation", "indicator", "unit", "document"])
def test_the_administrator_reads_every_list_in_vietnamese(client_for, admin_user, model):
    response = client_for(admin_user).get(f"/admin/indicators/{model}/")
    assert response.status_code == 200
    assert "Quản trị hệ thống theo dõi Chiến lược 411" in response.content.decode()


@pytest.mark.parametrize(("model", "instance"), [("target", Target), ("observation", Observation)])
def test_targets_and_figures_cannot_be_added_changed_or_deleted_in_the_admin(client_for, admin_user, model, instance):
    client = client_for(admin_user)
    obj = instance.objects.order_by("pk").first()
    before = (instance.objects.count(), obj.value)
    assert client.get(f"/admin/indicators/{model}/add/").status_code == 403
    assert client.post(f"/admin/indicators/{model}/{obj.pk}/change/", {"value": "1"}).status_code == 403
    assert client.post(f"/admin/indicators/{model}/{obj.pk}/delete/", {"post": "yes"}).status_code == 403
    obj.refresh_from_db()
    assert (instance.objects.count(), obj.value) == before
    assert client.get(f"/admin/indicators/{model}/{obj.pk}/history/").status_code == 200


def test_the_indicator_form_shows_its_targets_read_only(client_for, admin_user):
    from indicators.models import Indicator

    pk = Indicator.objects.get(code="2.8").pk
    html = client_for(admin_user).get(f"/admin/indicators/indicator/{pk}/change/").content.decode()
    assert "Trên 30%" in html and 'name="targets-0-value"' not in html


@pytest.mark.parametrize("person", ["reviewer", "leader", "cvt_reporter"])
def test_only_administrators_enter_the_admin(client_for, request, person):
    response = client_for(request.getfixturevalue(person)).get("/admin/indicators/target/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# --- Every admin path refuses to change a figure of record -------------------------------------------------
# Targets, figures of record (observations), proposals and submissions change only through the reference data,
# the submission workflow and accepted proposals. django-simple-history's "history form"
# (<id>/history/<history_id>/) saved a past version on POST after checking only the view permission: an
# administrator changed an accepted figure, a target, put an accepted submission back to draft and rejected a
# pending proposal through it.


def _records(cvt_reporter, reviewer, leader) -> dict:
    """One of each record, each with at least two versions in its history."""
    from decimal import Decimal

    from indicators.models import Indicator, TargetProposal, Unit
    from indicators.services import target_proposal_create
    from reporting.calendar import ReportingPeriod
    from reporting.models import Submission, SubmissionValue
    from reporting.services import FigureInput, SectionsInput, submission_accept, submission_save
    from strategy_tracker import clock

    unit = Unit.objects.get(slug="cuc-vt")
    figures = [
        FigureInput(indicator=indicator, value=Decimal("40"), provisional=False)
        for indicator in Indicator.objects.filter(reporting_unit=unit)
    ]
    common = {"unit": unit, "period": ReportingPeriod(2026, 4), "user": cvt_reporter, "sections": SectionsInput()}
    draft = submission_save(**common, version=0, figures=figures, submit=False, now=clock.now())
    sent = submission_save(**common, version=draft.version, figures=figures, submit=True, now=clock.now())
    submission = submission_accept(submission=sent, user=reviewer, version=sent.version, now=clock.now())
    target = Target.objects.get(indicator__code="2.1", year=2023)
    Target.objects.filter(pk=target.pk).update(note="")  # a second version, as a reload of the reference data
    target.note = "Mục II.1"
    target.save()
    proposal = target_proposal_create(
        indicator=Indicator.objects.get(code="2.1"), year=2030, kind="goal", comparator=">=",
        value=Decimal("97"), reason="Vượt xa mục tiêu.", proposed_by=reviewer,
    )  # fmt: skip
    proposal.reason = "Vượt xa mục tiêu 2030."
    proposal.save()
    from plans.models import Task
    from plans.services import progress_update_record

    task = Task.objects.filter(units=unit).order_by("pk").first()
    for report in ("Đang triển khai.", "Đang triển khai, đạt 60%."):
        progress = progress_update_record(
            task=task, unit_id=unit.pk, user=cvt_reporter, status="in_progress", report=report, evidence_url=""
        )
    return {
        "indicators/target": target,
        "indicators/observation": Observation.objects.get(indicator__code="2.1", year=2026, quarter=4),
        "indicators/targetproposal": TargetProposal.objects.get(pk=proposal.pk),
        "reporting/submission": Submission.objects.get(pk=submission.pk),
        "reporting/submissionvalue": SubmissionValue.objects.filter(submission=submission).first(),
        "plans/task": Task.objects.get(pk=task.pk),
        "plans/progressupdate": type(progress).objects.get(pk=progress.pk),
    }


# The change each attack tries, field → value (what the review did through the history form).
ATTACKS = {
    "indicators/target": {"value": "1"},
    "indicators/observation": {"value": "99.9"},
    "indicators/targetproposal": {"status": "rejected", "decision_note": "Không."},
    "reporting/submission": {"status": "draft", "version": "0"},
    "reporting/submissionvalue": {"value": "99.9"},
    "plans/task": {"title": "Nhiệm vụ đã sửa"},
    "plans/progressupdate": {"report": "Sửa bởi quản trị", "status": "done"},
}


def _form_data(instance, **changes) -> dict:
    """What a browser posts from the admin form of `instance`, with `changes`."""
    from datetime import datetime

    from django.utils import timezone

    data = {}
    for field in instance._meta.fields:
        if not field.editable or field.primary_key:
            continue
        value = changes.get(field.name, getattr(instance, field.attname))
        if value is None:
            data[field.name] = ""
        elif isinstance(value, bool):
            if value:
                data[field.name] = "on"
        elif isinstance(value, datetime):
            local = timezone.localtime(value)
            data[f"{field.name}_0"] = local.date().isoformat()
            data[f"{field.name}_1"] = local.strftime("%H:%M:%S")
        else:
            data[field.name] = str(value)
    return data


def _snapshot(instance):
    model = type(instance)
    return list(model.objects.filter(pk=instance.pk).values()), model.history.filter(id=instance.pk).count()


@pytest.mark.parametrize("label", list(ATTACKS))
def test_figures_of_record_change_only_through_their_workflows_not_the_admin_history_form(
    client_for, admin_user, cvt_reporter, reviewer, leader, label
):
    instance = _records(cvt_reporter, reviewer, leader)[label]
    first = instance.history.earliest()
    before = _snapshot(instance)
    client = client_for(admin_user)
    url = f"/admin/{label}/{instance.pk}/history/{first.history_id}/"

    response = client.post(url, _form_data(first.instance, **ATTACKS[label]))
    assert response.status_code == 403
    assert _snapshot(instance) == before

    # the history list and each past version stay readable, with nothing to save
    assert client.get(f"/admin/{label}/{instance.pk}/history/").status_code == 200
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="_save"' not in html and 'name="_change_history"' not in html
    assert "<textarea" not in html and 'name="value"' not in html and 'name="status"' not in html


@pytest.mark.parametrize("label", list(ATTACKS))
def test_figures_of_record_cannot_be_added_changed_deleted_or_bulk_deleted_in_the_admin(
    client_for, admin_user, cvt_reporter, reviewer, leader, label
):
    instance = _records(cvt_reporter, reviewer, leader)[label]
    model = type(instance)
    before, count = _snapshot(instance), model.objects.count()
    client = client_for(admin_user)
    data = _form_data(instance, **ATTACKS[label])

    assert client.post(f"/admin/{label}/add/", data).status_code == 403
    assert client.post(f"/admin/{label}/{instance.pk}/change/", data).status_code == 403
    assert client.post(f"/admin/{label}/{instance.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [instance.pk], "post": "yes"}
    client.post(f"/admin/{label}/", bulk)
    assert _snapshot(instance) == before and model.objects.count() == count


def test_deleting_an_indicator_in_the_admin_does_not_take_its_targets_and_figures_with_it(client_for, admin_user):
    from indicators.models import Indicator

    indicator = Indicator.objects.get(code="2.1")
    targets, figures = indicator.targets.count(), indicator.observations.count()
    client = client_for(admin_user)
    assert client.post(f"/admin/indicators/indicator/{indicator.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [indicator.pk], "post": "yes"}
    client.post("/admin/indicators/indicator/", bulk)
    assert (indicator.targets.count(), indicator.observations.count()) == (targets, figures) != (0, 0)


# --- Every history admin shows past versions and restores none ---------------------------------------------


def test_every_admin_with_history_refuses_the_history_forms_save():
    from django.contrib import admin
    from simple_history.admin import SimpleHistoryAdmin

    from indicators.admin import HistoryAdmin

    with_history = [a for a in admin.site._registry.values() if isinstance(a, SimpleHistoryAdmin)]
    assert len(with_history) >= 10  # units, documents, indicators, memberships and every record
    assert [type(a).__name__ for a in with_history if not isinstance(a, HistoryAdmin)] == []


def test_a_person_allowed_only_to_view_memberships_cannot_give_themselves_a_role_through_the_history_form(
    client_for, cvt_reporter
):
    # simple-history's history form checks only the view permission and posts every field as editable.
    from django.contrib.auth.models import Permission

    from indicators.models import Membership

    cvt_reporter.is_staff = True
    cvt_reporter.save()
    cvt_reporter.user_permissions.add(Permission.objects.get(codename="view_membership"))
    membership = cvt_reporter.membership
    membership.save()  # a second version
    past = membership.history.earliest()
    url = f"/admin/indicators/membership/{membership.pk}/history/{past.history_id}/"
    client = client_for(cvt_reporter)
    assert client.get(url).status_code == 200
    response = client.post(url, {"user": cvt_reporter.pk, "role": "leader", "unit": ""})
    assert response.status_code == 403
    membership.refresh_from_db()
    assert (membership.role, membership.unit_id) == (Membership.Role.REPORTER, past.unit_id)


@pytest.mark.parametrize(
    ("label", "attack"),
    [
        ("unit", {"short_name": "Cục VT cũ"}),
        ("document", {"title": "Tiêu đề khác"}),
        ("indicator", {"direction": "decrease"}),
        ("membership", {"role": "leader", "unit": None}),
    ],
)
def test_the_administrator_views_past_versions_of_units_documents_indicators_and_memberships_but_restores_none(
    client_for, admin_user, cvt_reporter, label, attack
):
    from indicators.models import Document, Indicator, Unit

    instance = {
        "unit": lambda: Unit.objects.get(slug="cuc-vt"),
        "document": lambda: Document.objects.order_by("pk").first(),
        "indicator": lambda: Indicator.objects.get(code="2.1"),
        "membership": lambda: cvt_reporter.membership,
    }[label]()
    instance.save()  # a second version
    past = instance.history.earliest()
    before = _snapshot(instance)
    url = f"/admin/indicators/{label}/{instance.pk}/history/{past.history_id}/"
    client = client_for(admin_user)
    page = client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(url, _form_data(past.instance, **attack)).status_code == 403
    assert _snapshot(instance) == before


def test_people_are_deactivated_never_deleted_so_their_changes_keep_their_author(client_for, admin_user, reviewer):
    from django.contrib.auth.models import User

    client = client_for(admin_user)
    assert client.post(f"/admin/auth/user/{reviewer.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post("/admin/auth/user/", {"action": "delete_selected", "_selected_action": [reviewer.pk], "post": "yes"})
    assert User.objects.filter(pk=reviewer.pk).exists()
    assert client.get(f"/admin/auth/user/{reviewer.pk}/change/").status_code == 200


def test_a_reminder_sent_cannot_be_deleted_in_the_admin(client_for, admin_user, cvt_reporter):
    from django.utils import timezone

    from reports.models import Reminder

    reminder = Reminder.objects.create(
        recipient=cvt_reporter,
        year=2026,
        quarter=4,
        kind=Reminder.Kind.MISSING,
        unit=cvt_reporter.membership.unit,
        sent_at=timezone.now(),
    )
    client = client_for(admin_user)
    assert client.post(f"/admin/reports/reminder/{reminder.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(
        "/admin/reports/reminder/", {"action": "delete_selected", "_selected_action": [reminder.pk], "post": "yes"}
    )
    assert Reminder.objects.filter(pk=reminder.pk).exists()


@pytest.mark.parametrize(
    "url", ["/admin/reporting/submission/", "/admin/indicators/observation/", "/admin/plans/progressupdate/"]
)
def test_the_admin_lists_name_periods_as_people_read_them_and_filter_by_them(client_for, admin_user, url):
    """Not "2026Q4" in a column, nor a year filter and a "Quý: 4" filter: one period column and one period filter."""
    from indicators.models import Unit
    from reporting.models import Submission

    Submission.objects.create(unit=Unit.objects.get(slug="cuc-vt"), year=2026, quarter=4)
    Observation.objects.create(
        indicator=Observation.objects.order_by("pk").first().indicator, year=2026, quarter=4, value=1, source="x"
    )
    client = client_for(admin_user)
    html = client.get(url).content.decode()
    assert "Bởi quý" not in html and "Bởi năm" not in html
    if "progressupdate" not in url:  # (no task progress is recorded in the reference data: no period to filter by)
        assert "Bởi Kỳ" in html and "Quý 4/2026" in html and not re.search(r">\s*2026Q4\s*<", html)
        filtered = client.get(url, {"period": "2026Q4"}).content.decode()
        assert "Quý 4/2026" in filtered and client.get(url, {"period": "nonsense"}).status_code == 200
