"""Writes that touch several rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from indicators.figures import target_in_force
from indicators.formatting import format_target
from indicators.history import record_author
from indicators.models import Document, DocumentCorrection, Indicator, Membership, Target, TargetProposal, Unit
from indicators.selectors import assess_indicator
from notifications.models import Notification
from notifications.services import notify, people_with_role
from strategy_tracker import clock
from strategy_tracker.rights import is_proposer


@dataclass(frozen=True)
class DemoPerson:
    username: str
    full_name: str
    role: str
    unit_slug: str | None


DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson("cvt", "Cán bộ Cục Viễn thông", Membership.Role.REPORTER, "cuc-vt"),
    DemoPerson("neac", "Cán bộ Trung tâm NEAC", Membership.Role.REPORTER, "neac"),
    DemoPerson("cdsqg", "Cán bộ Cục CĐSQG", Membership.Role.REPORTER, "cuc-cdsqg"),
    DemoPerson("attt", "Cán bộ Cục ATTT", Membership.Role.REPORTER, "cuc-attt"),
    DemoPerson("kts", "Cán bộ Vụ KTS và XHS", Membership.Role.REPORTER, "vu-kts"),
    DemoPerson("reviewer", "Chuyên viên rà soát Vụ KTS và XHS", Membership.Role.REVIEWER, "vu-kts"),
    DemoPerson("leader", "Lãnh đạo Bộ", Membership.Role.LEADER, None),
    DemoPerson("admin", "Quản trị hệ thống", Membership.Role.ADMIN, None),
)
DEMO_PASSWORD = "demo"


@transaction.atomic
def demo_users_create(people: tuple[DemoPerson, ...] = DEMO_PEOPLE) -> None:
    """Create or reset the demo people; the reference units must be loaded first."""
    User = get_user_model()
    units = {unit.slug: unit for unit in Unit.objects.filter(slug__in=[p.unit_slug for p in people if p.unit_slug])}
    for person in people:
        if person.unit_slug and person.unit_slug not in units:
            raise LookupError(
                _("Unit “%(slug)s” is missing: load the reference data first.") % {"slug": person.unit_slug}
            )
        user, _created = User.objects.get_or_create(username=person.username)
        first, _sep, last = person.full_name.rpartition(" ")
        user.first_name, user.last_name = first, last
        user.is_staff = user.is_superuser = person.role == Membership.Role.ADMIN
        user.set_password(DEMO_PASSWORD)
        user.save()
        Membership.objects.update_or_create(
            user=user, defaults={"role": person.role, "unit": units.get(person.unit_slug) if person.unit_slug else None}
        )


class ProposalAlreadyDecided(Exception):
    """Someone decided on the proposal first (two leaders, two tabs): nothing changed."""


class ProposerCannotDecide(Exception):
    """The person who proposed a target change never decides it, whatever role they hold later."""

    def __init__(self) -> None:
        super().__init__(_("You proposed this change: another leader must decide on it. Nothing was changed."))


@transaction.atomic
def target_proposal_create(
    *, indicator: Indicator, year: int, kind: str, comparator: str, value: Decimal, reason: str, proposed_by
) -> TargetProposal:
    """Record a reviewer's proposal with the flag that prompted it and the target it would replace."""
    indicator = Indicator.objects.with_figures().get(pk=indicator.pk)
    same_year = [t for t in indicator.targets.all() if t.year == year and t.kind == kind]
    proposal = TargetProposal(
        indicator=indicator,
        year=year,
        kind=kind,
        comparator=comparator,
        value=value,
        reason=reason.strip(),
        flag=assess_indicator(indicator, clock.today()).progress.flag.value,
        replaces=target_in_force(same_year),
        proposed_by=proposed_by,
    )
    record_author(proposal, proposed_by)
    proposal.full_clean()
    proposal.save()
    _tell_about_proposal(proposal, Notification.Kind.PROPOSAL_PENDING, people_with_role(Membership.Role.LEADER))
    return proposal


def _tell_about_proposal(proposal: TargetProposal, kind: str, recipients, note: str = "") -> None:
    indicator = proposal.indicator
    target = format_target(proposal.comparator, proposal.value, indicator.measure_unit, indicator.decimals)
    notify(
        recipients=recipients,
        kind=kind,
        about=proposal,
        params={"code": indicator.code, "year": proposal.year, "target": target, "reason": note.strip()},
        path=reverse("indicator_detail", args=[indicator.code]) + f"#proposal-{proposal.pk}",
        actor=proposal.decided_by or proposal.proposed_by,
    )


def _locked_pending(proposal: TargetProposal, decided_by) -> TargetProposal:
    locked = TargetProposal.objects.select_for_update().get(pk=proposal.pk)
    if is_proposer(decided_by, locked):
        raise ProposerCannotDecide()
    if locked.status != TargetProposal.Status.PENDING:
        raise ProposalAlreadyDecided(locked.get_status_display())
    return locked


@transaction.atomic
def target_proposal_accept(*, proposal: TargetProposal, decided_by, note: str = "") -> Target:
    """The proposal becomes a new target of its own document (kind "proposal", dated today), which
    `target_in_force` then prefers as the latest document; the target it replaces stays on record."""
    proposal = _locked_pending(proposal, decided_by)
    indicator = proposal.indicator
    today = clock.today()
    proposer = proposal.proposed_by
    with translation.override(settings.LANGUAGE_CODE):  # documents are recorded in their own language
        document = Document.objects.create(
            slug=f"de-xuat-dieu-chinh-{proposal.pk}",
            kind=Document.Kind.PROPOSAL,
            rank=Document.Rank.MINISTRY,  # the ministry's leadership decides its action-plan targets
            title=_("Target adjustment proposal no. %(number)d: indicator %(code)s, %(year)d")
            % {"number": proposal.pk, "code": indicator.code, "year": proposal.year},
            issuer=_("%(decider)s (leadership), on the proposal of %(proposer)s")
            % {
                "decider": decided_by.get_full_name() or decided_by.username,
                "proposer": proposer.get_full_name() or proposer.username,
            },
            issued_on=today,
            note=note.strip(),
        )
        wording = format_target(proposal.comparator, proposal.value, indicator.measure_unit, indicator.decimals)
    target = Target(
        indicator=indicator,
        year=proposal.year,
        kind=proposal.kind,
        comparator=proposal.comparator,
        value=proposal.value,
        wording=wording,
        document=document,
        note=proposal.reason,
    )
    record_author(target, decided_by)
    target.full_clean()
    target.save()
    proposal.target = target
    _record_decision(proposal, TargetProposal.Status.ACCEPTED, decided_by, note)
    _tell_about_proposal(proposal, Notification.Kind.PROPOSAL_ACCEPTED, [proposer], note)
    return target


@transaction.atomic
def target_proposal_reject(*, proposal: TargetProposal, decided_by, note: str) -> TargetProposal:
    if not note.strip():
        raise ValueError("a rejection needs a reason")
    proposal = _locked_pending(proposal, decided_by)
    _record_decision(proposal, TargetProposal.Status.REJECTED, decided_by, note)
    _tell_about_proposal(proposal, Notification.Kind.PROPOSAL_REJECTED, [proposal.proposed_by], note)
    return proposal


def _record_decision(proposal: TargetProposal, status: str, decided_by, note: str) -> None:
    proposal.status = status
    proposal.decided_by = decided_by
    proposal.decided_at = clock.now()
    proposal.decision_note = note.strip()
    record_author(proposal, decided_by)
    proposal.save()


@transaction.atomic
def document_correct(
    *, document: Document, rank: int | None = None, issued_on: date | None = None, reason: str, corrected_by
) -> list[DocumentCorrection]:
    """Correct a document's legal rank or date (None: unchanged), one DocumentCorrection per changed field.

    The only way to change them once a target or a figure cites the document (Document.save refuses
    otherwise): they decide which target is in force, so every change keeps its reason, who and when. A document
    recording an accepted proposal is refused: only leadership decides its target.
    """
    if document.kind == Document.Kind.PROPOSAL:
        # A proposal accepted by leadership is recorded as a document of its own (target_proposal_accept): its
        # rank and date are the decision's, and changing them would change which target is in force without one.
        raise ValidationError(
            _("This document records a leadership decision on a proposal: its rank and date are not corrected here.")
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    if len(reason) > DocumentCorrection.REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("Keep the reason under %(n)d characters.") % {"n": DocumentCorrection.REASON_MAX_LENGTH}}
        )
    document = Document.objects.select_for_update().get(pk=document.pk)
    changes = {
        field: (getattr(document, field), value)
        for field, value in (("rank", rank), ("issued_on", issued_on))
        if value is not None and value != getattr(document, field)
    }
    if not changes:
        raise ValidationError(_("The new rank and date are the same as the recorded ones: nothing to correct."))
    now = clock.now()
    corrections = []
    for field, (old, new) in changes.items():
        setattr(document, field, new)
        corrections.append(
            DocumentCorrection(
                document=document,
                field=field,
                old_value=_correction_value(old),
                new_value=_correction_value(new),
                reason=reason,
                corrected_by=corrected_by,
                corrected_at=now,
            )
        )
    document._correction = True
    record_author(document, corrected_by, reason=reason[:100])
    try:
        document.full_clean()
        document.save()
    finally:
        document._correction = False
    for correction in corrections:
        correction.full_clean()
        correction.save()
    return corrections


def _correction_value(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)
