"""The next period's target round (`/targets/next-period/`) and a year's figures of record (`/targets/figures/`).
Every view checks access first through strategy_tracker.rights; the writes go through targets.services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from strategy_tracker import clock
from strategy_tracker.rights import get_round_for_user, member_required, round_rights
from targets import exports, services
from targets.forms import RoundDecisionForm, RoundItemForm
from targets.models import RoundItem, TargetRound
from targets.selectors import Candidate, next_period_model, round_table


def _prefix(code: str) -> str:
    return "i" + code.replace(".", "_")


def _initial(candidate: Candidate) -> dict:
    values = candidate.values
    numeric = [v for v in values if v.value is not None]
    text = next((v.wording for v in values if v.value is None and v.wording), "")
    initial: dict = {"include": candidate.has_suggestion, "text": text if not numeric else ""}
    if numeric:
        initial["comparator"] = numeric[-1].comparator
    for v in numeric:
        initial[f"y{v.year}"] = v.value
    return initial


@member_required
def next_period(request: HttpRequest) -> HttpResponse:
    """The indicators that need the next period's targets, each with its suggestion; a reviewer proposes them."""
    rights = round_rights(request.user)
    model = next_period_model(clock.today())
    years = model.period.years
    posting = request.method == "POST"
    if posting and not rights.can_propose:
        raise PermissionDenied
    forms = [
        (
            candidate,
            RoundItemForm(
                request.POST if posting else None,
                prefix=_prefix(candidate.indicator.code),
                indicator=candidate.indicator,
                years=years,
                initial=_initial(candidate),
            ),
        )
        for candidate in model.candidates
    ]
    error = ""
    common_reason = request.POST.get("common_reason", "").strip() if posting else ""
    if posting:
        if common_reason:
            data = request.POST.copy()  # one reason for every indicator without its own
            for _candidate, form in forms:
                if not data.get(form.add_prefix("reason"), "").strip():
                    data[form.add_prefix("reason")] = common_reason
            for _candidate, form in forms:
                form.data = data
        if all(form.is_valid() for _c, form in forms):
            proposals = [
                services.Proposal(candidate, form.proposed_values(), form.cleaned_data["reason"])
                for candidate, form in forms
                if form.cleaned_data["include"]
            ]
            try:
                target_round = services.target_round_propose(
                    first_year=model.period.first_year,
                    goal_year=model.period.goal_year,
                    proposals=proposals,
                    proposed_by=request.user,
                )
            except (services.RoundRefused, ValidationError) as refused:
                error = services.refusal_message(refused)
            else:
                messages.success(
                    request,
                    _("Round proposed: %(count)d indicators await leadership's decision.") % {"count": len(proposals)},
                )
                return redirect("targets:round", target_round.pk)
        else:
            error = _("Some values need attention (marked below): nothing was saved.")
    ctx = {
        "model": model,
        "years": years,
        "forms": [(c, form, list(zip(c.rows, form.year_fields(), strict=True))) for c, form in forms],
        "rights": rights,
        "error": error,
        "common_reason": common_reason,
        "rounds": TargetRound.objects.order_by("-proposed_at", "-pk")[:10],
    }
    return render(request, "targets/next_period.html", ctx, status=400 if error else 200)


def _decision_forms(request: HttpRequest, target_round: TargetRound, rows: list[dict], years: list[int]):
    data = request.POST if request.method == "POST" else None
    return {
        row["item"].pk: RoundDecisionForm(
            data,
            prefix=f"d{row['item'].pk}",
            item=row["item"],
            years=years,
            numeric=any(v["value"].value is not None for v in row["years"]),
        )
        for row in rows
        if row["item"].decision == RoundItem.Decision.PENDING
    }


def _revision_forms(request: HttpRequest, rows: list[dict], years: list[int], posted: int | None = None):
    forms = {}
    for row in rows:
        item = row["item"]
        if item.decision != RoundItem.Decision.SENT_BACK:
            continue
        values = {v["value"].year: v["value"] for v in row["years"]}
        numeric = [v for v in values.values() if v.value is not None]
        initial = {"include": True, "reason": item.reason}
        if numeric:
            initial["comparator"] = numeric[-1].comparator
            initial |= {f"y{year}": v.value for year, v in values.items()}
        else:
            initial["text"] = next((v.wording for v in values.values()), "")
        forms[item.pk] = RoundItemForm(
            request.POST if posted == item.pk else None,
            prefix=f"r{item.pk}",
            indicator=item.indicator,
            years=years,
            initial=initial,
        )
    return forms


def _round_page(request, target_round, rights, *, status=200, error="", decision_forms=None, revision_forms=None):
    rows = round_table(target_round)
    years = list(range(target_round.first_year, target_round.goal_year + 1))
    decision_forms = decision_forms if decision_forms is not None else (
        _decision_forms(request, target_round, rows, years) if rights.can_decide else {}
    )  # fmt: skip
    revision_forms = revision_forms if revision_forms is not None else (
        _revision_forms(request, rows, years) if rights.can_propose else {}
    )  # fmt: skip
    for row in rows:
        row["decision_form"] = form = decision_forms.get(row["item"].pk)
        row["revision_form"] = revision_forms.get(row["item"].pk)
        fields = form.year_fields() if form is not None else []
        for year, field in zip(row["years"], fields or [None] * len(row["years"]), strict=True):
            year["change_field"] = field
    ctx = {
        "round": target_round,
        "rows": rows,
        "years": years,
        "rights": rights,
        "error": error,
        "open_count": sum(1 for row in rows if row["item"].is_open),
        "approved_count": sum(1 for row in rows if row["item"].is_approved),
        "documents": sorted({row["item"].document for row in rows if row["item"].document}, key=lambda d: d.pk),
    }
    return render(request, "targets/round.html", ctx, status=status)


def _round_for(request: HttpRequest, pk: int):
    return get_round_for_user(request.user, pk, TargetRound.objects.with_items())


@member_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target_round, rights = _round_for(request, pk)
    return _round_page(request, target_round, rights)


@member_required
@require_POST
def round_decide(request: HttpRequest, pk: int) -> HttpResponse:
    target_round, rights = _round_for(request, pk)
    if rights.another_decides:
        messages.error(request, str(services.ProposerCannotDecide()))
        return redirect("targets:round", pk)
    if not rights.can_decide:
        raise PermissionDenied
    rows = round_table(target_round)
    years = list(range(target_round.first_year, target_round.goal_year + 1))
    forms = _decision_forms(request, target_round, rows, years)
    if not all(form.is_valid() for form in forms.values()):
        error = _("Some decisions need attention (marked below): nothing was saved.")
        return _round_page(request, target_round, rights, status=400, error=error, decision_forms=forms)
    decisions = [
        services.Decision(form.item, form.cleaned_data["decision"], form.cleaned_data["note"], form.changes())
        for form in forms.values()
        if form.cleaned_data["decision"]
    ]
    try:
        decided = services.target_round_decide(target_round=target_round, decisions=decisions, decided_by=request.user)
    except (services.RoundRefused, ValidationError) as refused:
        return _round_page(
            request, target_round, rights, status=409, error=services.refusal_message(refused), decision_forms=forms
        )
    messages.success(request, _("%(count)d decisions recorded.") % {"count": len(decided)})
    return redirect("targets:round", pk)


@member_required
@require_POST
def round_item_revise(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    target_round, rights = _round_for(request, pk)
    if not rights.can_propose:
        raise PermissionDenied
    rows = round_table(target_round)
    years = list(range(target_round.first_year, target_round.goal_year + 1))
    forms = _revision_forms(request, rows, years, posted=item_pk)
    form = forms.get(item_pk)
    if form is None:
        messages.error(request, _("Only an indicator sent back is revised."))
        return redirect("targets:round", pk)
    if not form.is_valid():
        error = _("Some values need attention (marked below): nothing was saved.")
        return _round_page(request, target_round, rights, status=400, error=error, revision_forms=forms)
    try:
        services.round_item_revise(
            item=next(row["item"] for row in rows if row["item"].pk == item_pk),
            values=form.proposed_values(),
            reason=form.cleaned_data["reason"],
            revised_by=request.user,
        )
    except (services.RoundRefused, ValidationError) as refused:
        messages.error(request, services.refusal_message(refused))
    else:
        messages.success(request, _("Revised: the indicator awaits leadership's decision again."))
    return redirect(reverse("targets:round", args=[pk]) + f"#item-{item_pk}")


def _round_file(request: HttpRequest, pk: int, render_file, content_type: str, extension: str) -> HttpResponse:
    target_round, _rights = _round_for(request, pk)
    response = HttpResponse(render_file(target_round, round_table(target_round)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exports.file_stem(target_round)}.{extension}"'
    return response


@member_required
def round_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_file(request, pk, exports.round_xlsx, exports.XLSX, "xlsx")


@member_required
def round_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_file(request, pk, exports.round_docx, exports.DOCX, "docx")
