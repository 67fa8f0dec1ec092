"""Writes of the release workflow: propose, approve, reject, withdraw. Each is one transaction, on record."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from indicators.explanations import period_name
from indicators.history import record_author
from indicators.models import Indicator, Membership, Observation
from notifications.models import Notification
from notifications.services import notify, people_with_role
from publication.models import PLACE_ORDER, Release, ReleasedFigure
from strategy_tracker import clock
from strategy_tracker.rights import is_proposer


class ReleaseError(ValidationError):
    """A refused step of the workflow: nothing was written. The message says why, in the person's language."""


def _already_public(observations: Sequence[Observation]) -> set[int]:
    """Observations whose current value is already public, unchanged (publishing them again adds nothing)."""
    published = ReleasedFigure.objects.filter(
        observation__in=observations, release__status=Release.Status.PUBLISHED
    ).values_list("observation_id", "value", "provisional", "source")
    current = {o.pk: (o.value, o.provisional, o.source) for o in observations}
    return {pk for pk, value, provisional, source in published if current.get(pk) == (value, provisional, source)}


@transaction.atomic
def release_propose(
    *,
    proposed_by,
    note: str,
    indicator: Indicator | None = None,
    periods: Sequence[tuple[int, int]] = (),
    quarter: tuple[int, int] | None = None,
    corrects: Release | None = None,
) -> Release:
    """Propose the figures of record of `indicator` for `periods` (years as (2024, 0), quarters as (2026, 4)), or
    every figure of record of `quarter`, for release: the nation's and the provinces' and sectors' alike. Figures
    already public with the same value are left out."""
    note = note.strip()
    if not note:
        raise ReleaseError(_("Write a release note: the public reads it beside the figures."))
    if corrects is not None and corrects.status != Release.Status.WITHDRAWN:
        raise ReleaseError(_("Only a withdrawn release is corrected by a new one."))
    observations: QuerySet[Observation] | list[Observation]  # the query, then the figures it chose
    # The nation's figures and the provinces' and sectors' of the same indicators and periods; never a commune's (a
    # released figure names no commune: it would be published as the nation's).
    observations = (
        Observation._base_manager.filter(commune__isnull=True)
        .select_related("indicator", "province", "sector")
        .order_by("indicator__sort_key", "year", "quarter", *PLACE_ORDER)
    )
    if quarter is not None:
        year, number = quarter
        if not 1 <= number <= 4:
            raise ReleaseError(_("Choose a quarter."))
        observations = list(observations.filter(year=year, quarter=number))
        scope = Release.Scope.QUARTER
        if not observations:
            raise ReleaseError(
                _("No figure of record for %(period)s: accept the units' submissions first.")
                % {"period": period_name(year, number)}
            )
    else:
        if indicator is None or not periods:
            raise ReleaseError(_("Choose an indicator and at least one period."))
        year, number = None, None
        scope = Release.Scope.FIGURES
        chosen = set(periods)
        observations = [o for o in observations.filter(indicator=indicator) if (o.year, o.quarter) in chosen]
        found = {(o.year, o.quarter) for o in observations}
        absent = sorted(chosen - found)
        if absent:
            raise ReleaseError(
                _("Indicator %(code)s has no figure of record for %(periods)s.")
                % {"code": indicator.code, "periods": ", ".join(period_name(y, q) for y, q in absent)}
            )
    unchanged = _already_public(observations)
    observations = [o for o in observations if o.pk not in unchanged]
    if not observations:
        raise ReleaseError(_("These figures are already published with the same values: nothing to release."))

    now = clock.now()
    release = Release(
        scope=scope,
        indicator=indicator if scope == Release.Scope.FIGURES else None,
        year=year,
        quarter=number,
        note=note,
        corrects=corrects,
        proposed_by=proposed_by,
        proposed_at=now,
    )
    record_author(release, proposed_by)
    release.full_clean()
    release.save()
    for o in observations:
        figure = ReleasedFigure(
            release=release,
            observation=o,
            indicator=o.indicator,
            year=o.year,
            quarter=o.quarter,
            value=o.value,
            provisional=o.provisional,
            source=o.source,
            province=o.province,
            province_name=o.province.name if o.province else "",
            sector=o.sector,
            sector_name=o.sector.name if o.sector else "",
        )
        record_author(figure, proposed_by)
        figure.save()
    _tell(release, Notification.Kind.RELEASE_PENDING, people_with_role(Membership.Role.LEADER), proposed_by)
    return release


def _tell(release: Release, kind: str, recipients, actor, reason: str = "") -> None:
    if release.scope == Release.Scope.QUARTER:
        facts = {"period": f"{release.year}Q{release.quarter}"}
    else:
        facts = {"code": release.indicator.code if release.indicator else ""}
    notify(
        recipients=recipients,
        kind=kind,
        about=release,
        params={**facts, "reason": reason},
        path=reverse("publication:release", args=[release.pk]),
        actor=actor,
    )


def _locked(release: Release, *expected: str) -> Release:
    locked = Release.objects.select_for_update().get(pk=release.pk)
    if locked.status not in expected:
        raise ReleaseError(_("Someone acted on this release first: reload the page. Nothing was changed."))
    return locked


def _save(release: Release, user) -> Release:
    record_author(release, user)
    release.full_clean()
    release.save()
    return release


def _frozen(figure: ReleasedFigure) -> tuple:
    return (figure.value, figure.provisional, figure.source, figure.province_id, figure.sector_id)


def _recorded(observation: Observation) -> tuple:
    return (
        observation.value,
        observation.provisional,
        observation.source,
        observation.province_id,
        observation.sector_id,
    )


@transaction.atomic
def release_approve(*, release: Release, approved_by) -> Release:
    """Publish the release. The person who proposed it never approves it, and a figure of record changed since
    the proposal is not published as it was proposed."""
    release = _locked(release, Release.Status.PROPOSED)
    if is_proposer(approved_by, release):
        raise ReleaseError(_("You proposed this release: another person must approve it. Nothing was changed."))
    changed = [
        f"{f.indicator.code} {period_name(f.year, f.quarter)}" + (f" ({f.place_name})" if f.place_name else "")
        for f in release.figures.select_related("indicator", "observation").order_by(
            "indicator__sort_key", "year", "quarter", *PLACE_ORDER
        )
        if _frozen(f) != _recorded(f.observation)
    ]
    if changed:
        raise ReleaseError(
            _("The figures of record of %(figures)s changed after the proposal: propose the release again.")
            % {"figures": ", ".join(changed)}
        )
    now = clock.now()
    release.status = Release.Status.PUBLISHED
    release.decided_by, release.decided_at, release.published_at = approved_by, now, now
    _save(release, approved_by)
    _tell(release, Notification.Kind.RELEASE_APPROVED, [release.proposed_by], approved_by)
    return release


@transaction.atomic
def release_reject(*, release: Release, decided_by, reason: str) -> Release:
    release = _locked(release, Release.Status.PROPOSED)
    if is_proposer(decided_by, release):
        raise ReleaseError(_("You proposed this release: another person must decide on it. Nothing was changed."))
    if not reason.strip():
        raise ReleaseError(_("Say why the release is not approved."))
    release.status = Release.Status.REJECTED
    release.decided_by, release.decided_at, release.decision_note = decided_by, clock.now(), reason.strip()
    _save(release, decided_by)
    _tell(release, Notification.Kind.RELEASE_REJECTED, [release.proposed_by], decided_by, reason)
    return release


@transaction.atomic
def release_withdraw(*, release: Release, withdrawn_by, reason: str) -> Release:
    """Take a published release off the public pages and files at once; the public page says it was withdrawn."""
    release = _locked(release, Release.Status.PUBLISHED)
    if not reason.strip():
        raise ReleaseError(_("Say why the release is withdrawn."))
    release.status = Release.Status.WITHDRAWN
    release.withdrawn_by, release.withdrawn_at, release.withdrawal_reason = withdrawn_by, clock.now(), reason.strip()
    _save(release, withdrawn_by)
    _tell(release, Notification.Kind.RELEASE_WITHDRAWN, [release.proposed_by], withdrawn_by, reason)
    return release
