"""The signed-in release workflow: /releases/ (reviewers propose, leadership approves, either withdraws)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from publication.forms import ReasonForm, ReleaseForm
from publication.models import PLACE_ORDER, Release
from publication.selectors import release_verdicts
from publication.services import ReleaseError, release_approve, release_propose, release_reject, release_withdraw
from strategy_tracker import clock
from strategy_tracker.rights import get_release_for_user, member_required, release_rights


@member_required
def release_list(request: HttpRequest) -> HttpResponse:
    rights = release_rights(request.user)
    releases = Release.objects.with_people().prefetch_related("figures")
    return render(request, "publication/release_list.html", {"releases": releases, "rights": rights})


@member_required
def release_new(request: HttpRequest) -> HttpResponse:
    if not release_rights(request.user).can_propose:
        raise PermissionDenied
    corrects = None
    corrects_pk = request.POST.get("corrects") or request.GET.get("corrects")
    if corrects_pk:
        corrects, _rights = get_release_for_user(
            request.user, int(corrects_pk) if corrects_pk.isascii() and corrects_pk.isdigit() else 0
        )
    initial: dict[str, object] = {"scope": Release.Scope.FIGURES}
    if corrects is not None:
        initial |= {
            "scope": corrects.scope,
            "indicator": corrects.indicator,
            "periods": sorted({f.period for f in corrects.figures.all()}),
            "quarter": corrects.subject if corrects.scope == Release.Scope.QUARTER else "",
        }
    form = ReleaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["scope"] == Release.Scope.QUARTER:
                release = release_propose(
                    proposed_by=request.user, note=data["note"], quarter=data["quarter_period"], corrects=corrects
                )
            else:
                release = release_propose(
                    proposed_by=request.user,
                    note=data["note"],
                    indicator=data["indicator"],
                    periods=data["period_list"],
                    corrects=corrects,
                )
        except ReleaseError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Release proposed: leadership approves it before it is published."))
            return redirect("publication:release", release.pk)
    return render(request, "publication/release_new.html", {"form": form, "corrects": corrects})


@member_required
def release_detail(request: HttpRequest, pk: int) -> HttpResponse:
    release, rights = get_release_for_user(request.user, pk)
    ctx = {
        "release": release,
        "rights": rights,
        "figures": release.figures.select_related("indicator", "province", "sector").order_by(
            "indicator__sort_key", "year", "quarter", *PLACE_ORDER
        ),
        "history": release.history.select_related("history_user").order_by("-history_date", "-history_id"),
        "reason_form": ReasonForm(),
        # What the public pages will say of each indicator once it is published, beside the ministry's own reading.
        "verdicts": release_verdicts(release, clock.today()) if release.status == Release.Status.PROPOSED else [],
    }
    return render(request, "publication/release_detail.html", ctx)


def _act(request: HttpRequest, pk: int, allowed: str, action) -> HttpResponse:
    release, rights = get_release_for_user(request.user, pk)
    if not getattr(rights, allowed):
        raise PermissionDenied
    try:
        action(release)
    except ReleaseError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("publication:release", release.pk)


@member_required
@require_POST
def release_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    def approve(release):
        release_approve(release=release, approved_by=request.user)
        messages.success(request, _("Release approved: the figures are on the public pages."))

    return _act(request, pk, "can_decide", approve)


def _reason(request: HttpRequest) -> str:
    form = ReasonForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


@member_required
@require_POST
def release_reject_view(request: HttpRequest, pk: int) -> HttpResponse:
    def reject(release):
        release_reject(release=release, decided_by=request.user, reason=_reason(request))
        messages.success(request, _("Release not approved: nothing was published."))

    return _act(request, pk, "can_decide", reject)


@member_required
@require_POST
def release_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    def withdraw(release):
        release_withdraw(release=release, withdrawn_by=request.user, reason=_reason(request))
        messages.success(request, _("Release withdrawn: its figures are off the public pages and files."))

    return _act(request, pk, "can_withdraw", withdraw)
