"""A year's figures of record from a published source (`/targets/figures/`): one at a time through a form, or
several from the xlsx template with a preview of every change and every problem by cell before anything is saved.
Reviewers of Vụ KTS và XHS only (strategy_tracker.rights.figure_rights); the save is
targets.services.figures_record, all or nothing."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indicators.models import Indicator, Observation, Target
from indicators.values import is_percentage
from reporting.excel import MAX_UPLOAD_BYTES, WorkbookRefused, too_large_problem
from reporting.uploads import LimitedRequest, limit_upload
from strategy_tracker import clock
from strategy_tracker.rights import figure_rights, member_required
from targets import figures, services
from targets.forms import FigureOfRecordForm
from targets.selectors import next_period

SESSION_KEY = "figures-of-record"


def _infos() -> dict[str, figures.IndicatorInfo]:
    return {
        i.code: figures.IndicatorInfo(
            i.code, i.name, i.measure_unit, is_percentage(i.measure_unit), i.min_value, i.max_value
        )
        for i in Indicator.objects.all()
    }


def _page(request, *, form=None, status=200, problems=(), preview=None, error=""):
    ctx = {
        "form": form or FigureOfRecordForm(today=clock.today()),
        "problems": problems,
        "preview": preview,
        "error": error,
        "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
        "recent": Observation.objects.filter(recorded_by__isnull=False, quarter=0, document__isnull=False)
        .select_related("indicator", "document", "recorded_by")
        .order_by("-recorded_at")[:20],
    }
    return render(request, "targets/figures.html", ctx, status=status)


def _row_of(form: FigureOfRecordForm) -> figures.FigureRow:
    data = form.cleaned_data
    return figures.FigureRow(
        row=0,
        code=data["indicator"].code,
        year=data["year"],
        value=data["value"],
        provisional=data["provisional"],
        document_number=data["document_number"].strip(),
        document_title=data["document_title"].strip(),
        issuer=data["issuer"].strip(),
        issued_on=data["issued_on"],
        page=data["page"].strip(),
        note=data["note"].strip(),
    )


@member_required
@require_http_methods(["GET", "POST"])
def figures_page(request: HttpRequest) -> HttpResponse:
    figure_rights(request.user)
    if request.method == "GET":
        return _page(request)
    form = FigureOfRecordForm(request.POST, today=clock.today())
    if not form.is_valid():
        return _page(request, form=form, status=400)
    row = _row_of(form)
    services.figures_record(rows=[row], recorded_by=request.user)
    messages.success(request, _("Figure of record saved: %(code)s, %(year)d.") % {"code": row.code, "year": row.year})
    return HttpResponseRedirect(reverse("targets:figures"))


@member_required
@require_GET
def figures_template(request: HttpRequest) -> HttpResponse:
    """The template: every indicator for each year since the last goal year that is past (late 2026: 2025), with
    the figure of record of the year if one is entered already."""
    figure_rights(request.user)
    today = clock.today()
    goal_years = list(Target.objects.filter(kind=Target.Kind.GOAL).values_list("year", flat=True).distinct())
    first = next_period(sorted(goal_years), today).first_year - 1
    years = list(range(first, today.year))
    infos = _infos()
    recorded = {
        (o.indicator.code, o.year): o
        for o in Observation.objects.filter(quarter=0, year__in=years, document__isnull=False)
        .select_related("indicator", "document")
        .order_by("document__issued_on", "pk")
    }
    rows = []
    for code in sorted(infos, key=lambda c: [int(p) for p in c.split(".")]):
        for year in years:
            found = recorded.get((code, year))
            document = found.document if found is not None else None
            rows.append(
                figures.TemplateRow(
                    indicator=infos[code],
                    year=year,
                    value=found.value if found else None,
                    provisional=found.provisional if found else False,
                    document_number=document.number if document else "",
                    document_title=document.title if document else "",
                    issuer=document.issuer if document else "",
                    issued_on=document.issued_on if document else None,
                    note=found.note if found else "",
                )
            )
    content = figures.build_template(rows, made_at=timezone.localtime(clock.now()))
    response = HttpResponse(content, content_type=figures.XLSX)
    response["Content-Disposition"] = f'attachment; filename="so-lieu-chinh-thuc-{today:%Y%m%d}.xlsx"'
    return response


@limit_upload(MAX_UPLOAD_BYTES)
@member_required
@csrf_protect
@require_POST
def figures_upload(request: HttpRequest) -> HttpResponse:
    """Read the file and show every change it would make and every problem by cell, saving nothing."""
    figure_rights(request.user)
    upload = request.FILES.get("file")
    if cast(LimitedRequest, request).upload_limit.exceeded:
        return _page(request, status=413, problems=[too_large_problem()])
    if upload is None:
        return _page(request, status=400, error=_("Choose the filled-in template, then press “Check the file”."))
    try:
        rows = figures.read_upload(upload.read(), indicators=_infos(), today=clock.today())
    except WorkbookRefused as refused:
        request.session.pop(SESSION_KEY, None)
        return _page(request, status=400, problems=refused.problems)
    preview = services.figures_preview(rows)
    request.session[SESSION_KEY] = [row.as_session() for row in rows]
    return _page(request, preview=preview)


@member_required
@require_POST
def figures_confirm(request: HttpRequest) -> HttpResponse:
    figure_rights(request.user)
    data = request.session.get(SESSION_KEY)
    if not data:
        messages.error(request, _("There is no checked file to save: upload the template again."))
        return HttpResponseRedirect(reverse("targets:figures"))
    rows = [figures.FigureRow.from_session(row) for row in data]
    changes = services.figures_record(rows=rows, recorded_by=request.user)
    del request.session[SESSION_KEY]
    saved = sum(1 for c in changes if c.kind != "unchanged")
    messages.success(request, _("%(count)d figures of record saved.") % {"count": saved})
    return HttpResponseRedirect(reverse("targets:figures"))
