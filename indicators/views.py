import functools
import re

from django.contrib import messages
from django.db.models import Exists, OuterRef, Subquery, prefetch_related_objects
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators.explanations import FLAG_LABELS, explain, flag_label, past_goal_lines, progress_facts
from indicators.figures import in_period_order
from indicators.filters import IndicatorRowFilter
from indicators.forms import ProposalDecisionForm, TargetProposalForm
from indicators.models import Indicator, Observation, TargetProposal
from indicators.progress import FLAG_URGENCY, Flag
from indicators.selectors import assess_indicator, goal_years, home_table, proposal_initial, target_years
from indicators.services import (
    ProposalAlreadyDecided,
    ProposerCannotDecide,
    target_proposal_accept,
    target_proposal_create,
    target_proposal_reject,
)
from indicators.tables import IndicatorTable
from places.models import Sector
from plans.models import Task
from strategy_tracker import clock
from strategy_tracker.rights import get_indicator_for_user, get_proposal_for_user, member_required, proposal_rights
from strategy_tracker.versions import data_version
from targets.models import RoundItem


def _flag_summary(params: QueryDict, rows, active: str) -> list[dict]:
    """The chips above the home table: how many indicators have each flag, each a link that filters by it."""
    counts = {flag: 0 for flag in FLAG_URGENCY}
    for row in rows:
        counts[row.progress.flag] += 1

    def url(flag: str) -> str:
        query = params.copy()
        query.pop("flag", None)
        if flag:
            query["flag"] = flag
        return f"?{query.urlencode()}" if query else "?"

    summary = [{"flag": "", "label": _("All indicators"), "count": len(rows), "url": url(""), "active": not active}]
    summary += [
        {
            "flag": flag.value,
            "label": FLAG_LABELS[flag],
            "count": counts[flag],
            "url": url(flag),
            "active": active == flag,
        }
        for flag in FLAG_URGENCY
        if counts[flag]
    ]
    return summary


_SORT = re.compile(r"-?[a-z0-9_]{1,40}")


def home_params(request: HttpRequest) -> QueryDict:
    """The home table's parameters: a flag the tracker knows and a sort that looks like a column's name. Anything
    else is left out, of the table and of its links alike, so that a made-up parameter never makes another table
    to keep."""
    params = QueryDict(mutable=True)
    flag, sort = request.GET.get("flag", ""), request.GET.get("sort", "")
    if flag in {f.value for f in Flag}:
        params["flag"] = flag
    if _SORT.fullmatch(sort):
        params["sort"] = sort
    return params


def home_cache_key(params: QueryDict, today) -> str:
    """What the home page's table is kept for in Django's cache (`{% cache %}`): the reference data's version, which
    the database raises with every change of it (strategy_tracker.versions), the day and the table's parameters."""
    return f"{data_version('reference')}|{today.isoformat()}|{params.urlencode()}"


@member_required
def home(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    params = home_params(request)
    cache_key = home_cache_key(params, today)  # read before the data: never older than what it keeps
    made = functools.cache(lambda: home_table(today))

    def make_table() -> IndicatorTable:
        model = made()
        filterset = IndicatorRowFilter(params, rows=model.rows)
        active = filterset.form.cleaned_data.get("flag", "") if filterset.is_valid() else ""
        table = IndicatorTable(list(filterset.qs), columns=model.columns, order_by=params.get("sort"), params=params)
        table.flag_summary = _flag_summary(params, model.rows, active)
        return table

    # Made only when the page's table is not kept for what it is made from.
    ctx = {
        "table": SimpleLazyObject(make_table),
        "model": SimpleLazyObject(made),
        "cache_key": cache_key,
    }
    return render(request, "indicators/home.html", ctx)


@member_required
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    version = data_version("reference")  # read before the indicator: the parts are never kept under a newer key
    # Its targets and figures only when a part is not kept (`fetched`, below); whether it has target proposals and
    # action-plan tasks, read with it, so that an indicator without them costs no query for them.
    shown = Indicator.objects.select_related("group", "reporting_unit", "parent", "introduced_by").annotate(
        has_proposals=Exists(TargetProposal.objects.filter(indicator=OuterRef("pk"))),
        has_tasks=Exists(Task.objects.filter(criterion_indicator=OuterRef("pk"))),
        # The open target round it is in, if any: "proposing the 2030 target" (targets.views).
        round_goal_year=Subquery(
            RoundItem.objects.open().filter(indicator=OuterRef("pk")).values("round__goal_year")[:1]
        ),
        round_pk=Subquery(RoundItem.objects.open().filter(indicator=OuterRef("pk")).values("round_id")[:1]),
        # Whether it has figures by province, or sectors (1.2's rows and the focus sectors): only then their parts.
        has_provinces=Exists(Observation.breakdowns.filter(indicator=OuterRef("pk"), province__isnull=False)),
        has_sectors=Exists(Sector.objects.filter(indicator__parent=OuterRef("pk")))
        | Exists(Observation.breakdowns.filter(indicator=OuterRef("pk"), sector__isnull=False)),
        # Whether it has figures by commune: only then the link to them (`places.views.indicator_communes`).
        has_communes=Exists(Observation.breakdowns.filter(indicator=OuterRef("pk"), commune__isnull=False)),
    )
    indicator, rights = get_indicator_for_user(request.user, code, shown)
    today = clock.today()
    can_propose = rights.can_propose
    has_proposals: bool = indicator.has_proposals  # type: ignore[attr-defined]  # annotated by `shown`, above
    proposals = TargetProposal.objects.with_people().filter(indicator=indicator) if has_proposals else ()

    @functools.cache
    def fetched() -> Indicator:
        # Only when a part is not kept for what it is made from: the targets and figures with their documents.
        prefetch_related_objects([indicator], "targets__document", "observations__document")
        return indicator

    @functools.cache
    def assessment():
        return assess_indicator(fetched(), today)

    # The template calls each of these when a part that is not kept reads it.
    ctx = {
        "indicator": indicator,
        # The page's parts are kept in Django's cache (`{% cache %}`) for the reference data's version, the
        # indicator, the day and whether the person may propose a target.
        "cache_key": f"{version}|{indicator.pk}|{today.isoformat()}|{can_propose}",
        "assessment": assessment,
        "years": functools.cache(lambda: target_years(assessment())),
        "past_goals": functools.cache(lambda: past_goal_lines(assessment().progress, indicator)),
        "observations": functools.cache(lambda: in_period_order(fetched().observations.all())),
        "progress": lambda: assessment().progress,
        "flag_label": functools.cache(lambda: flag_label(assessment().progress.flag)),
        "explanation": functools.cache(lambda: explain(assessment().progress, indicator)),
        "facts": functools.cache(lambda: progress_facts(assessment().progress, indicator, assessment().goal_targets)),
        "proposals": [(p, proposal_rights(request.user, p)) for p in proposals],
        "can_propose": can_propose,
        "decision_form": ProposalDecisionForm(),
    }
    return render(request, "indicators/indicator_detail.html", ctx)


@member_required
def target_proposal_new(request: HttpRequest, code: str) -> HttpResponse:
    indicator, _rights = get_indicator_for_user(request.user, code, proposing=True)
    today = clock.today()
    years = goal_years()
    assessment = assess_indicator(indicator, today)
    if request.method == "POST":
        form = TargetProposalForm(request.POST, indicator=indicator, today=today, goal_years=years)
        if form.is_valid():
            target_proposal_create(indicator=indicator, proposed_by=request.user, **form.cleaned_data)
            messages.success(request, _("Proposal recorded: leadership will decide on it."))
            return redirect("indicator_detail", indicator.code)
    else:
        initial = proposal_initial(assessment, years)
        form = TargetProposalForm(initial=initial, indicator=indicator, today=today, goal_years=years)
    ctx = {
        "indicator": indicator,
        "form": form,
        "progress": assessment.progress,
        "flag_label": flag_label(assessment.progress.flag),
        "explanation": explain(assessment.progress, indicator),
        "suggests_raise": assessment.progress.flag == Flag.FAR_AHEAD,
        "suggests_remedies": assessment.progress.needs_remedies,
    }
    return render(request, "indicators/target_proposal_form.html", ctx)


def _back_to(proposal: TargetProposal) -> HttpResponse:
    return redirect(reverse("indicator_detail", args=[proposal.indicator.code]) + f"#proposal-{proposal.pk}")


@member_required
@require_POST
def target_proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal, _rights = get_proposal_for_user(request.user, pk)
    form = ProposalDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))  # already a str: an ErrorList yields its messages
        return _back_to(proposal)
    try:
        if form.cleaned_data["decision"] == ProposalDecisionForm.ACCEPT:
            target_proposal_accept(proposal=proposal, decided_by=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("Proposal accepted: the new target is in force."))
        else:
            target_proposal_reject(proposal=proposal, decided_by=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("Proposal not accepted; the target in force is unchanged."))
    except ProposalAlreadyDecided:
        messages.error(request, _("Someone has already decided on this proposal: nothing was changed."))
    except ProposerCannotDecide as refusal:
        messages.error(request, str(refusal))
    return _back_to(proposal)
