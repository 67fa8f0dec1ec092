"""The Excel round trip's pages: download the unit's pre-filled Phụ lục 01 form, upload it back, see every change,
confirm. Objects are fetched through the submission pages' access helper; the save goes through
reporting.services.submission_import."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indicators.models import Indicator
from reporting import excel, imports, services
from reporting.calendar import ReportingPeriod
from reporting.labels import locked_message
from reporting.selectors import entry_rows
from reporting.uploads import LimitedRequest, limit_upload
from reporting.views import _get_submission_for_user
from reporting.workflow import Status
from strategy_tracker import clock


def _session_key(unit, period: ReportingPeriod) -> str:
    return f"excel-import:{unit.slug}:{period.code}"


@login_required
@require_GET
def form_download(request: HttpRequest, unit_slug: str, period: ReportingPeriod) -> HttpResponse:
    """The unit's form for the period, pre-filled with what is entered: for the unit's reporters and for everyone
    who reads the submission (reviewers, leadership, administrators)."""
    unit, submission, _rights = _get_submission_for_user(request, unit_slug, period)
    rows = entry_rows(unit, period, submission)
    content = imports.form_content(
        unit=unit, period=period, submission=submission, rows=rows, now=timezone.localtime(clock.now())
    )
    response = HttpResponse(excel.build_workbook(content), content_type=excel.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{imports.form_filename(unit, period)}"'
    return response


def _get_editable_for_user(request: HttpRequest, unit_slug: str, period: ReportingPeriod):
    """Only the unit's own reporters upload a form: reviewers and leadership read submissions, never enter them."""
    unit, submission, rights = _get_submission_for_user(request, unit_slug, period)
    if not rights.can_edit:
        raise PermissionDenied
    return unit, submission


def _render(request, unit, period, submission, *, status=200, problems=(), preview=None, error=""):
    ctx = {
        "unit": unit,
        "period": period,
        "submission": submission,
        "locked": locked_message(Status(submission.status)) if submission and not submission.is_editable else "",
        "problems": problems,
        "preview": preview,
        "error": error,
        "max_mb": excel.MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "reporting/import.html", ctx, status=status)


@limit_upload(excel.MAX_UPLOAD_BYTES)
@login_required
@csrf_protect
@require_http_methods(["GET", "POST"])
def form_upload(request: HttpRequest, unit_slug: str, period: ReportingPeriod) -> HttpResponse:
    """GET: the upload form. POST: read the file and show every change it would make, saving nothing."""
    unit, submission = _get_editable_for_user(request, unit_slug, period)
    if request.method == "GET":
        return _render(request, unit, period, submission)
    upload = request.FILES.get("file")  # reads the body, through the size limit
    if cast(LimitedRequest, request).upload_limit.exceeded:
        return _render(request, unit, period, submission, status=413, problems=[excel.too_large_problem()])
    if upload is None:
        error = _("Choose the Excel file of the form, then press “Check the file”.")
        return _render(request, unit, period, submission, status=400, error=error)
    rows = entry_rows(unit, period, submission)
    try:
        preview = imports.import_preview(
            content=upload.read(), unit=unit, period=period, submission=submission, rows=rows, today=clock.today()
        )
    except imports.ImportRefused as refused:
        return _render(request, unit, period, submission, status=refused.status, problems=refused.problems)
    request.session[_session_key(unit, period)] = preview.as_session()
    return _render(request, unit, period, submission, preview=preview)


@login_required
@require_POST
def form_import_confirm(request: HttpRequest, unit_slug: str, period: ReportingPeriod) -> HttpResponse:
    """Save the previewed upload as a draft, in one transaction, refused if the submission changed since."""
    unit, submission = _get_editable_for_user(request, unit_slug, period)
    data = request.session.get(_session_key(unit, period))
    if data is None:
        messages.error(request, _("There is no checked file to save: upload the form again."))
        return HttpResponseRedirect(reverse("reporting:excel_upload", args=[unit.slug, period.code]))
    if not data["changes"]:
        del request.session[_session_key(unit, period)]
        messages.info(request, _("The file changes nothing: nothing was saved."))
        return HttpResponseRedirect(reverse("reporting:submission", args=[unit.slug, period.code]))
    version, figures, sections = imports.from_session(data, list(Indicator.objects.reported_by(unit)))
    try:
        services.submission_import(
            unit=unit, period=period, user=request.user, version=version, figures=figures, sections=sections,
            now=clock.now(),
        )  # fmt: skip
    except services.StaleSubmission:
        error = _(
            "The submission was changed after you checked the file, so nothing was saved: upload the file again "
            "to see the changes against what is saved now."
        )
        return _render(request, unit, period, submission, status=409, error=error)
    except services.SubmissionLocked as exc:
        return _render(request, unit, period, submission, status=409, error=locked_message(exc.status))
    except services.SubmissionError:
        error = _("The submission was changed after you checked the file: upload the file again.")
        return _render(request, unit, period, submission, status=409, error=error)
    del request.session[_session_key(unit, period)]
    count = data["changes"]
    done = ngettext(
        "Imported from Excel: %(count)d change saved as a draft. Check it, then submit.",
        "Imported from Excel: %(count)d changes saved as a draft. Check them, then submit.",
        count,
    )
    messages.success(request, done % {"count": count})
    return HttpResponseRedirect(reverse("reporting:submission", args=[unit.slug, period.code]))
