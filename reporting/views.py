"""The submission pages. Every view fetches its objects through `_get_unit_for_user` or
`_get_submission_for_user`, which answer 404 for what does not exist and 403 for what the person may not see, and
return what the person may do with them (`strategy_tracker.rights.submission_rights`); every write goes through
reporting.services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache, partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_tables2 import RequestConfig

from indicators.models import Unit
from reporting import services
from reporting.calendar import PeriodError, ReportingPeriod, all_periods, parse_period_code
from reporting.forms import OFFICIAL_EXISTS, IndicatorFigureForm, ReviewForm, SubmissionForm, forged_codes
from reporting.labels import locked_message
from reporting.models import Submission
from reporting.selectors import (
    AUDIT_SHOWN,
    audit_trail,
    default_overview_period,
    entry_rows,
    first_tracked_period,
    overview_made_from,
    period_overview,
    reporting_units,
    status_of,
    submission_page_made_from,
    unit_periods,
    unit_periods_made_from,
)
from reporting.tables import OverviewTable, UnitPeriodTable
from reporting.workflow import Action, Status
from strategy_tracker import clock
from strategy_tracker.kept import MADE_NOW, AsStored, as_it_is, instances_compiled_once, lazily
from strategy_tracker.rights import SubmissionRights, member, reporter_unit, submission_rights


def _get_unit_for_user(request: HttpRequest, unit_slug: str) -> tuple[Unit, SubmissionRights]:
    """(unit, rights): 403 for a person without a role (before the unit is read), 404 for an unknown unit, 403 for
    a unit whose submissions the person may not read."""
    person = member(request.user)
    found = instances_compiled_once(
        Unit, "reporting unit", (unit_slug,), lambda: reporting_units().filter(slug=unit_slug)
    )
    if not found:
        raise Http404(unit_slug)
    unit = found[0]
    return unit, submission_rights(person, unit)


def _get_submission_for_user(request: HttpRequest, unit_slug: str, period: ReportingPeriod, *, people: bool = True):
    """(unit, submission or None, rights): 404 for an unknown unit or a period not open yet, 403 for a unit
    the person may not read. `people=False` leaves out the people it names (a page that reads them only when it
    makes its kept part)."""
    unit, rights = _get_unit_for_user(request, unit_slug)
    if not period.is_open_on(clock.today()):
        raise Http404(period.code)
    if people:
        submission = Submission.objects.with_people().for_unit(unit).for_period(period).first()
    else:
        found = instances_compiled_once(
            Submission,
            "a unit's submission",
            (unit.pk, period.year, period.quarter),
            lambda: Submission.objects.for_unit(unit).for_period(period).order_by("pk")[:1],
        )
        submission = found[0] if found else None
    return unit, submission, rights


STALE_MESSAGE = gettext_lazy(
    "Someone else saved this submission after you opened it, so nothing of yours was saved and their changes "
    "are intact. Reload the page to see them, then enter your changes again."
)


NEEDS_CORRECTING = gettext_lazy("Some entries need correcting (see the messages beside the fields): nothing was saved.")


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

    overview = lazily(lambda: period_overview(period, today))

    def table() -> OverviewTable:
        table = OverviewTable(overview.rows)
        RequestConfig(request, paginate=False).configure(table)
        return table

    ctx = {
        # The counts and the table are a kept part: read and rendered only when not kept for what they show.
        "made_from": AsStored(lambda: (period.code, first_tracked_period().code, today, overview_made_from(period))),
        "overview": overview,
        "table": lazily(table),
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
    today = clock.today()
    chosen = request.GET.get("period")
    if chosen:
        listed = {row.period for row in unit_periods(unit, today)}
        if chosen in {p.code for p in _earlier_periods(listed, today)}:  # back-filling an earlier quarter
            return redirect("reporting:submission", unit_slug=unit.slug, period=chosen)
    rows = lazily(lambda: unit_periods(unit, today))

    def table() -> UnitPeriodTable:
        table = UnitPeriodTable(rows)
        RequestConfig(request, paginate=False).configure(table)
        return table

    ctx = {
        "unit": unit,
        # The table and the earlier quarters' form are a kept part: read and rendered only when not kept for what
        # they show (or to decide where `?period=` leads, above).
        "made_from": AsStored(
            lambda: (as_it_is(unit), first_tracked_period().code, today, unit_periods_made_from(unit))
        ),
        "table": lazily(table),
        "earlier": lambda: _earlier_periods({row.period for row in rows}, today),
        "rights": rights,
        "today": today,
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
    rights,
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
    made_from=MADE_NOW,
    shown=None,
):
    """The page, its content a kept part when `made_from` says what it is made from (a GET: `submission_page`),
    made for this request alone otherwise (a form sent back with its errors). `rows` may be lazy, and `shown`, the
    submission as the page shows it (with its people), defaults to `submission`: they are read only when the part
    is made."""
    today = clock.today()
    current_status = Status(submission.status) if submission else Status.DRAFT
    version = submission.version if submission else 0
    every_change = request.GET.get("history") == "all"

    @cache
    def audit():
        if submission is None:
            return None
        codes = {row.indicator.pk: row.indicator.code for row in rows}
        return audit_trail(submission, codes, limit=None if every_change else AUDIT_SHOWN)

    editable = rights.can_edit and (submission is None or submission.is_editable)
    review_actions = [a for a in rights.actions(current_status) if a in REVIEW_ACTIONS]
    if made_from is not MADE_NOW:
        read = made_from
        shown_to = (today, rights.role, editable, tuple(review_actions), every_change)
        made_from = AsStored(lambda: (read(), *shown_to))
    ctx = {
        "made_from": made_from,
        "unit": unit,
        "period": period,
        "submission": submission if shown is None else shown,
        "rows": rows,
        "form": form,
        "editable": editable,
        "errors": errors,
        "deadline": status_of(period, submission, today),
        "review_actions": review_actions,
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
    unit, submission, rights = _get_submission_for_user(request, unit_slug, period, people=request.method != "GET")
    today = clock.today()
    if request.method == "GET":
        version = submission.version if submission else 0
        initial = {"version": version, "action": SubmissionForm.SAVE}
        if submission is not None:
            initial |= {name: getattr(submission, name) for name in services.SECTION_FIELDS}
        form = SubmissionForm(initial=initial, period=period)

        def shown_rows() -> list:
            rows = entry_rows(unit, period, submission)
            _figure_forms(rows, None, today, require_value=False)
            return rows

        made_from = partial(submission_page_made_from, unit, period, submission)
        shown = None
        if submission is not None:
            pk = submission.pk
            shown = lazily(lambda: Submission.objects.with_people().get(pk=pk))
        return _render_submission(
            request,
            rights,
            unit,
            period,
            submission,
            lazily(shown_rows),
            form,
            made_from=made_from,
            shown=shown,
        )
    rows = entry_rows(unit, period, submission)

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
