"""The submission pages. Every view fetches its objects through `_get_unit_for_user` or
`_get_submission_for_user`, which answer 404 for what does not exist and 403 for what the person may not see;
every write goes through reporting.services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_tables2 import RequestConfig

from indicators.models import Unit
from places.selectors import regions as region_list
from reporting import services
from reporting.calendar import PeriodError, ReportingPeriod, all_periods, parse_period_code
from reporting.filters import UnitScopeFilter
from reporting.forms import OFFICIAL_EXISTS, IndicatorFigureForm, ReviewForm, SubmissionForm, forged_codes
from reporting.labels import locked_message
from reporting.models import Submission
from reporting.selectors import (
    AUDIT_SHOWN,
    audit_trail,
    default_overview_period,
    entry_rows,
    period_overview,
    reporting_units,
    reporting_units_placed,
    status_of,
    unit_contacts,
    unit_periods,
)
from reporting.tables import OverviewTable, UnitPeriodTable
from reporting.workflow import Action, Status
from reports.services import ReminderRefused, reminder_send_by_hand
from strategy_tracker import clock
from strategy_tracker.rights import (
    SubmissionRights,
    member,
    reporter_unit,
    submission_rights,
    unit_contact_rights,
)


def _get_unit_for_user(request: HttpRequest, unit_slug: str) -> tuple[Unit, SubmissionRights]:
    """(unit, rights): 403 for a person without a role (before the unit is read), 404 for an unknown unit, 403 for
    a unit whose submissions the person may not read."""
    person = member(request.user)
    unit = get_object_or_404(reporting_units(), slug=unit_slug)
    return unit, submission_rights(person, unit)


def _get_submission_for_user(request: HttpRequest, unit_slug: str, period: ReportingPeriod):
    """(unit, submission or None, rights): 404 for an unknown unit or a period not open yet, 403 for a unit
    the person may not read."""
    unit, rights = _get_unit_for_user(request, unit_slug)
    if not period.is_open_on(clock.today()):
        raise Http404(period.code)
    submission = Submission.objects.with_people().for_unit(unit).for_period(period).first()
    return unit, submission, rights


STALE_MESSAGE = gettext_lazy(
    "Someone else saved this submission after you opened it, so nothing of yours was saved and their changes "
    "are intact. Reload the page to see them, then enter your changes again."
)


NEEDS_CORRECTING = gettext_lazy("Some entries need correcting (see the messages beside the fields): nothing was saved.")
CONFIRMATION_NEEDED = gettext_lazy("Confirm this figure with a note before submitting: say why it is right.")
CONFIRMATIONS_NEEDED = gettext_lazy(
    "Some figures were asked about (see the questions beside them): confirm each with a note, or correct it, then "
    "submit again. Nothing was saved."
)


def _errors_beside_fields(
    exc: services.OfficialFigureExists | services.SubmissionIncomplete, rows, form: SubmissionForm
) -> None:
    message: str | Promise
    if isinstance(exc, services.OfficialFigureExists):
        message, field, codes = OFFICIAL_EXISTS, "provisional", exc.codes
    else:
        message, field, codes = _("Enter this quarter's figure before submitting."), "value", exc.missing_values
        for name in exc.missing_sections:
            form.add_error(name, _("The second quarter's report must include this section."))
    for row in rows:
        if row.indicator.code in codes:
            row.form.add_error(field, str(message))


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """Reviewers, leadership and administrators: which units have submitted a period, which are late or missing.
    A reporter is sent to their unit's page."""
    member(request.user)
    unit = reporter_unit(request.user)
    if unit is not None:
        return redirect("reporting:unit", unit_slug=unit.slug)
    today = clock.today()
    try:
        period = parse_period_code(request.GET["period"]) if request.GET.get("period") else None
    except PeriodError:
        period = None
        messages.error(request, _("There is no such reporting period; showing the quarter under review."))
    period = period or default_overview_period(today)
    if period is None:
        raise Http404

    regions = region_list()
    scope = UnitScopeFilter(request.GET or None, regions=regions)
    units = [unit for unit in reporting_units_placed() if scope.keeps_unit(unit)]
    overview = period_overview(period, today, units, with_reminders=True)
    table = OverviewTable(
        overview.rows,
        can_remind=unit_contact_rights(request.user).can_remind,
        request=request,
        exclude=() if regions else ("region",),
    )
    RequestConfig(request, paginate=False).configure(table)
    chosen = {name: value for name in ("kind", "region") if (value := request.GET.get(name))}
    ctx = {
        "overview": overview,
        "table": table,
        "filter": scope,
        # The choice of units, kept by the links to the previous and next quarters.
        "scope_query": "&" + urlencode(chosen) if chosen else "",
        "period": period,
        "previous_period": period.previous(),
        "next_period": next_ if (next_ := period.next()) and next_.is_open_on(today) else None,
        "today": today,
    }
    return render(request, "reporting/overview.html", ctx)


@login_required
@require_GET
def unit_page(request: HttpRequest, unit_slug: str) -> HttpResponse:
    """A unit's periods with what is due, late or missing."""
    unit, rights = _get_unit_for_user(request, unit_slug)
    contact = unit_contact_rights(request.user)
    today = clock.today()
    rows = unit_periods(unit, today, with_reminders=True)
    earlier = _earlier_periods({row.period for row in rows}, today)
    chosen = request.GET.get("period")
    if chosen and chosen in {p.code for p in earlier}:  # back-filling an earlier quarter
        return redirect("reporting:submission", unit_slug=unit.slug, period=chosen)
    table = UnitPeriodTable(rows, can_remind=contact.can_remind, request=request)
    RequestConfig(request, paginate=False).configure(table)
    ctx = {
        "unit": unit,
        "table": table,
        "earlier": earlier,
        "rights": rights,
        "today": today,
        "contacts": unit_contacts(unit) if contact.sees_contacts else None,
    }
    return render(request, "reporting/unit.html", ctx)


def _earlier_periods(listed: set[ReportingPeriod], today: date) -> list[ReportingPeriod]:
    """The open quarters a unit's page does not list, newest first: those it may back-fill."""
    return [p for p in reversed(all_periods()) if p.is_open_on(today) and p not in listed]


def _figure_forms(rows, data, today, require_value: bool):
    for row in rows:
        initial = {}
        if row.value is not None:
            initial = {name: getattr(row.value, name) for name in services.FIGURE_FIELDS}
            initial["confirmation"] = row.value.confirmation
        row.form = IndicatorFigureForm(
            data,
            indicator=row.indicator,
            today=today,
            initial=initial,
            require_value=require_value,
            official_accepted=row.official_accepted,
        )
    return [row.form for row in rows]


REVIEW_ACTIONS = (Action.RETURN, Action.ACCEPT, Action.REOPEN)


def _render_submission(
    request,
    rights: SubmissionRights,
    unit,
    period,
    submission,
    rows,
    form,
    *,
    status=200,
    errors=(),
    review_form=None,
    review_action=None,
):
    today = clock.today()
    current_status = Status(submission.status) if submission else Status.DRAFT
    version = submission.version if submission else 0
    audit = None
    if submission is not None:
        codes = {row.indicator.pk: row.indicator.code for row in rows}
        every_change = request.GET.get("history") == "all"
        audit = audit_trail(submission, codes, limit=None if every_change else AUDIT_SHOWN)
    ctx = {
        "unit": unit,
        "period": period,
        "submission": submission,
        "rows": rows,
        "flagged": [row for row in rows if row.flags],  # the figures the data-quality rules asked about, first
        "form": form,
        "editable": rights.can_edit and (submission is None or submission.is_editable),
        "errors": errors,
        "deadline": status_of(period, submission, today),
        "review_actions": [a for a in rights.actions(current_status) if a in REVIEW_ACTIONS],
        "review_form": review_form or ReviewForm(initial={"version": version}),
        "review_action": review_action,
        "audit": audit,
        "audit_shown": AUDIT_SHOWN,
        "today": today,
    }
    return render(request, "reporting/submission.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def submission_page(request: HttpRequest, unit_slug: str, period: ReportingPeriod) -> HttpResponse:
    """The submission of a unit for a quarter: the entry form for the unit's reporters while it is in their
    hands, a read-only page with the review actions otherwise."""
    unit, submission, rights = _get_submission_for_user(request, unit_slug, period)
    today = clock.today()
    rows = entry_rows(unit, period, submission)
    if request.method == "GET":
        version = submission.version if submission else 0
        initial = {"version": version, "action": SubmissionForm.SAVE}
        if submission is not None:
            initial |= {name: getattr(submission, name) for name in services.SECTION_FIELDS}
        form = SubmissionForm(initial=initial, period=period)
        _figure_forms(rows, None, today, require_value=False)
        return _render_submission(request, rights, unit, period, submission, rows, form)

    if not rights.can_edit:
        raise PermissionDenied
    form = SubmissionForm(request.POST, period=period)
    submitting = request.POST.get("action") == SubmissionForm.SUBMIT
    figure_forms = _figure_forms(rows, request.POST, today, require_value=submitting)
    forged = forged_codes(request.POST.keys(), {row.indicator.code for row in rows})
    if forged:
        error = _(
            "The form carries figures for indicators your unit does not report (%(codes)s): nothing was saved."
        ) % {"codes": ", ".join(forged)}
        return _render_submission(request, rights, unit, period, submission, rows, form, status=400, errors=[error])
    if submission is not None and not submission.is_editable:
        error = locked_message(Status(submission.status))
        return _render_submission(request, rights, unit, period, submission, rows, form, status=409, errors=[error])
    valid = form.is_valid()
    valid = all([f.is_valid() for f in figure_forms]) and valid
    if not valid:
        return _render_submission(
            request, rights, unit, period, submission, rows, form, status=400, errors=[NEEDS_CORRECTING]
        )
    try:
        services.submission_save(
            unit=unit,
            period=period,
            user=request.user,
            version=form.cleaned_data["version"],
            figures=[f.to_input() for f in figure_forms],
            sections=form.to_input(),
            submit=submitting,
            now=clock.now(),
        )
    except services.StaleSubmission:
        return _render_submission(
            request, rights, unit, period, submission, rows, form, status=409, errors=[STALE_MESSAGE]
        )
    except services.SubmissionLocked as exc:
        error = locked_message(exc.status)
        return _render_submission(request, rights, unit, period, submission, rows, form, status=409, errors=[error])
    except services.IndicatorNotReported as exc:
        # The forms hold only the unit's indicators, so the service's refusal is a safeguard: a 403, as in the API.
        error = _("%(unit)s does not report indicator %(code)s.") % {
            "unit": unit.short_name,
            "code": ", ".join(exc.codes),
        }
        return _render_submission(request, rights, unit, period, submission, rows, form, status=403, errors=[error])
    except (services.OfficialFigureExists, services.SubmissionIncomplete) as exc:
        # The forms check both first; these answer a change made between the page's checks and the write.
        _errors_beside_fields(exc, rows, form)
        return _render_submission(
            request, rights, unit, period, submission, rows, form, status=400, errors=[NEEDS_CORRECTING]
        )
    except services.FigureRefused as exc:
        for row in rows:
            for message in exc.messages.get(row.indicator.code, []):
                row.form.add_error("value", message)
        return _render_submission(
            request, rights, unit, period, submission, rows, form, status=400, errors=[NEEDS_CORRECTING]
        )
    except services.ConfirmationMissing as exc:
        for row in rows:
            if row.indicator.code in exc.warnings:
                row.flags = exc.warnings[row.indicator.code]
                row.form.add_error("confirmation", str(CONFIRMATION_NEEDED))
        return _render_submission(
            request, rights, unit, period, submission, rows, form, status=400, errors=[CONFIRMATIONS_NEEDED]
        )
    if submitting:
        messages.success(request, _("Submitted. Vụ KTS và XHS will review it."))
    else:
        messages.success(request, _("Draft saved."))
    return HttpResponseRedirect(request.path)


def _review(request: HttpRequest, unit_slug: str, period: ReportingPeriod, action: Action) -> HttpResponse:
    unit, submission, rights = _get_submission_for_user(request, unit_slug, period)
    if not rights.can(action):
        raise PermissionDenied
    if submission is None:
        raise Http404
    form = ReviewForm(request.POST, reason_required=action in (Action.RETURN, Action.REOPEN))
    error: str | Promise | None = None
    if form.is_valid():
        kwargs = {"reason": form.cleaned_data["reason"]} if action != Action.ACCEPT else {}
        service_of: dict[Action, Callable[..., object]] = {  # the three take different keywords
            Action.RETURN: services.submission_return,
            Action.ACCEPT: services.submission_accept,
            Action.REOPEN: services.submission_reopen,
        }
        service = service_of[action]
        try:
            service(
                submission=submission,
                user=request.user,
                version=form.cleaned_data["version"],
                now=clock.now(),
                **kwargs,
            )
        except services.StaleSubmission:
            error, status = STALE_MESSAGE, 409
        except services.SubmissionLocked as exc:
            error, status = locked_message(exc.status), 409
        else:
            done = {
                Action.RETURN: _("Returned to %(unit)s for correction."),
                Action.ACCEPT: _("Accepted: the figures are now figures of record."),
                Action.REOPEN: _("Reopened: %(unit)s can correct it and submit again."),
            }[action]
            messages.success(request, done % {"unit": unit.short_name})
            return HttpResponseRedirect(reverse("reporting:submission", args=[unit.slug, period.code]))
    else:
        error, status = _("The review needs correcting (see the message beside the field): nothing was changed."), 400
    rows = entry_rows(unit, period, submission)
    _figure_forms(rows, None, clock.today(), require_value=False)
    sub_form = SubmissionForm(initial={"version": submission.version}, period=period)
    return _render_submission(
        request, rights, unit, period, submission, rows, sub_form,
        status=status, errors=[error], review_form=form, review_action=action,
    )  # fmt: skip


@login_required
@require_POST
def submission_return(request: HttpRequest, unit_slug: str, period: ReportingPeriod) -> HttpResponse:
    return _review(request, unit_slug, period, Action.RETURN)


@login_required
@require_POST
def submission_accept(request: HttpRequest, unit_slug: str, period: ReportingPeriod) -> HttpResponse:
    return _review(request, unit_slug, period, Action.ACCEPT)


@login_required
@require_POST
def submission_reopen(request: HttpRequest, unit_slug: str, period: ReportingPeriod) -> HttpResponse:
    return _review(request, unit_slug, period, Action.REOPEN)


@login_required
@require_POST
def remind(request: HttpRequest, unit_slug: str, period: ReportingPeriod) -> HttpResponse:
    """A reviewer's "Nhắc đơn vị": the unit's reporters are reminded now (reports.services.reminder_send_by_hand);
    back to the page the button was on."""
    if not unit_contact_rights(request.user).can_remind:
        raise PermissionDenied
    unit, _rights = _get_unit_for_user(request, unit_slug)
    if not period.is_open_on(clock.today()):
        raise Http404(period.code)
    try:
        run = reminder_send_by_hand(unit=unit, period=period, sent_by=request.user)
    except ReminderRefused as refusal:
        messages.error(request, str(refusal))
    else:
        names = ", ".join(
            r.recipient.get_full_name() or r.recipient.username for r in run.sent if r.recipient is not None
        )
        if run.sent:
            messages.success(request, _("Reminder sent to %(names)s.") % {"names": names})
        for reminder in run.failed:
            messages.error(
                request,
                _("The reminder to %(address)s could not be sent (%(error)s): press the button again later.")
                % {"address": reminder.address, "error": reminder.reason},
            )
        for reminder in run.skipped:
            if reminder.recipient is None:
                messages.warning(request, _("%(unit)s has no active reporter to remind.") % {"unit": unit.short_name})
            else:
                who = reminder.recipient.get_full_name() or reminder.recipient.username
                messages.warning(
                    request,
                    _("%(name)s has no e-mail address: told in the tracker only.") % {"name": who},
                )
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(back)
    return redirect("reporting:unit", unit_slug=unit.slug)
