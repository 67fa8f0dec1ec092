"""Writes of the target round: propose it, decide each indicator, revise an indicator sent back. Each is one
transaction; an approved indicator's values become targets in force of the round's record document."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from indicators.formatting import format_target
from indicators.history import record_author
from indicators.models import Document, Indicator, Membership, Observation, Target
from notifications.models import Notification
from notifications.services import notify, people_with_role
from strategy_tracker import clock
from strategy_tracker.rights import is_proposer
from targets.figures import FigureRow
from targets.models import RoundItem, RoundValue, TargetRound
from targets.selectors import Candidate

Values = dict[int, tuple[str, Decimal | None, str]]  # year → (comparator, value, wording)


@dataclass(frozen=True)
class Proposal:
    """One indicator as the reviewer proposes it: its candidate (with the suggestion) and the values chosen."""

    candidate: Candidate
    values: Values
    reason: str


@dataclass(frozen=True)
class Decision:
    item: RoundItem
    decision: str
    note: str = ""
    changes: dict[int, Decimal] = field(default_factory=dict)  # year → the value approved instead


class RoundRefused(Exception):
    """Nothing was saved: the message says why."""


class ProposerCannotDecide(RoundRefused):
    def __init__(self) -> None:
        super().__init__(_("You proposed this round: another leader must decide on it. Nothing was changed."))


@transaction.atomic
def target_round_propose(*, first_year: int, goal_year: int, proposals: Sequence[Proposal], proposed_by) -> TargetRound:
    if not proposals:
        raise RoundRefused(_("Choose at least one indicator to propose."))
    ids = [p.candidate.indicator.pk for p in proposals]
    # Lock the indicators: two reviewers proposing the same indicator at once make one round, not two.
    list(Indicator.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    busy = RoundItem.objects.open().filter(indicator_id__in=ids).select_related("indicator")
    if busy:
        codes = ", ".join(sorted(item.indicator.code for item in busy))
        raise RoundRefused(_("Already in an open round: %(codes)s. Nothing was saved.") % {"codes": codes})
    target_round = TargetRound(first_year=first_year, goal_year=goal_year, proposed_by=proposed_by)
    record_author(target_round, proposed_by)
    target_round.full_clean()
    target_round.save()
    for proposal in proposals:
        candidate = proposal.candidate
        item = RoundItem(
            round=target_round,
            indicator=candidate.indicator,
            last_goal=candidate.last_goal[:255],
            last_verdict=candidate.last_verdict[:255],
            reason=proposal.reason.strip(),
        )
        record_author(item, proposed_by)
        item.full_clean()
        item.save()
        for suggested, basis in zip(candidate.values, candidate.bases, strict=True):
            comparator, value, wording = proposal.values[suggested.year]
            row = RoundValue(
                item=item,
                year=suggested.year,
                kind=suggested.kind,
                method=suggested.method,
                basis=basis,
                suggested_comparator=suggested.comparator if suggested.value is not None else "",
                suggested_value=suggested.value,
                suggested_wording=suggested.wording,
                comparator=comparator if value is not None else "",
                value=value,
                wording=wording,
            )
            record_author(row, proposed_by)
            row.full_clean()
            row.save()
    _tell_leadership(target_round, len(proposals), proposed_by)
    return target_round


def _tell_leadership(target_round: TargetRound, count: int, actor) -> None:
    """Leadership is told that indicators of the round await its decision (never the one who proposed it)."""
    notify(
        recipients=people_with_role(Membership.Role.LEADER),
        kind=Notification.Kind.ROUND_PENDING,
        about=target_round,
        params={"round": target_round.period_label, "count": count},
        path=reverse("targets:round", args=[target_round.pk]),
        actor=actor,
    )


def record_document(target_round: TargetRound, day: date, decided_by) -> Document:
    """The round's record document of the decision day: "Kết quả rà soát chỉ tiêu giai đoạn 2026–2030", of a
    minister's decision's rank (the ministry's leadership sets its action plan's targets, as 466/QĐ-BTTTT did)."""
    slug = f"ra-soat-chi-tieu-{target_round.first_year}-{target_round.goal_year}-{target_round.pk}-{day:%Y%m%d}"
    found = Document.objects.filter(slug=slug).first()
    if found is not None:
        return found
    with translation.override(settings.LANGUAGE_CODE):  # documents are recorded in their own language
        document = Document(
            slug=slug,
            kind=Document.Kind.DECISION,
            rank=Document.Rank.MINISTRY,
            title=_("Results of the review of targets for the period %(period)s")
            % {"period": target_round.period_label},
            issuer=_("Leadership of the Ministry (%(decider)s)")
            % {"decider": decided_by.get_full_name() or decided_by.username},
            issued_on=day,
            note=_("Target round no. %(number)d, proposed on %(date)s.")
            % {"number": target_round.pk, "date": timezone.localdate(target_round.proposed_at).strftime("%d/%m/%Y")},
        )
    record_author(document, decided_by)
    document.full_clean()
    document.save()
    return document


def _target_of(value: RoundValue, document: Document, decided_by) -> Target | None:
    indicator = value.item.indicator
    number = value.final_value
    if number is None and not value.wording:
        return None
    comparator = value.comparator if number is not None else ""
    unchanged = (
        number == value.suggested_value and comparator == value.suggested_comparator
        if number is not None
        else value.wording == value.suggested_wording
    )
    if value.method == RoundValue.Method.DOCUMENT and unchanged:
        return None  # a document already sets this target, and it is in force
    with translation.override(settings.LANGUAGE_CODE):
        wording = format_target(comparator, number, indicator.measure_unit, indicator.decimals) or value.wording
    target = Target(
        indicator=indicator,
        year=value.year,
        kind=value.kind,
        comparator=comparator,
        value=number,
        wording=wording,
        document=document,
        note=value.item.reason,
    )
    record_author(target, decided_by)
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def target_round_decide(*, target_round: TargetRound, decisions: Sequence[Decision], decided_by) -> list[RoundItem]:
    """Leadership's decisions on indicators of the round, all or none. Approved values become targets of the
    round's record document of today, with history."""
    target_round = TargetRound.objects.select_for_update().get(pk=target_round.pk)
    if is_proposer(decided_by, target_round):
        raise ProposerCannotDecide()
    if not decisions:
        raise RoundRefused(_("Choose a decision for at least one indicator."))
    locked = {
        item.pk: item
        for item in RoundItem.objects.select_for_update()
        .filter(round=target_round, pk__in=[d.item.pk for d in decisions])
        .select_related("indicator")
    }
    now = clock.now()
    document = None
    decided = []
    for decision in decisions:
        item = locked.get(decision.item.pk)
        if item is None:
            raise RoundRefused(_("This indicator is not in this round."))
        if item.decision != RoundItem.Decision.PENDING:
            raise RoundRefused(
                _("Indicator %(code)s has been decided already (%(decision)s): nothing was changed.")
                % {"code": item.indicator.code, "decision": item.get_decision_display()}
            )
        if decision.decision not in RoundItem.Decision.values or decision.decision == RoundItem.Decision.PENDING:
            raise RoundRefused(_("Unknown decision."))
        note = decision.note.strip()
        if decision.decision != RoundItem.Decision.APPROVED and not note:
            raise RoundRefused(_("Indicator %(code)s: say why.") % {"code": item.indicator.code})
        item.decision, item.decision_note, item.decided_by, item.decided_at = decision.decision, note, decided_by, now
        if item.is_approved:
            document = document or record_document(target_round, timezone.localdate(now), decided_by)
            item.document = document
            for value in item.values.all():
                if value.year in decision.changes and decision.decision == RoundItem.Decision.APPROVED_CHANGED:
                    value.decided_value = decision.changes[value.year]
                    if value.value is None:
                        raise RoundRefused(_("A text target is approved as it is, or sent back."))
                value.target = _target_of(value, document, decided_by)
                record_author(value, decided_by)
                value.full_clean()
                value.save()
        record_author(item, decided_by, reason=note[:100] or None)
        item.full_clean()
        item.save()
        decided.append(item)
    return decided


@transaction.atomic
def round_item_revise(*, item: RoundItem, values: Values, reason: str, revised_by) -> RoundItem:
    """A reviewer revises an indicator sent back: new values and reason, and it awaits a decision again."""
    item = RoundItem.objects.select_for_update().select_related("round").get(pk=item.pk)
    if item.decision != RoundItem.Decision.SENT_BACK:
        raise RoundRefused(_("Only an indicator sent back is revised."))
    if not reason.strip():
        raise RoundRefused(_("Give the reason for the proposal."))
    for value in item.values.all():
        comparator, number, wording = values[value.year]
        value.comparator, value.value, value.wording = (comparator if number is not None else ""), number, wording
        value.decided_value = None
        record_author(value, revised_by)
        value.full_clean()
        value.save()
    item.reason = reason.strip()
    item.decision, item.decided_by, item.decided_at = RoundItem.Decision.PENDING, None, None
    record_author(item, revised_by, reason=_("Revised after being sent back")[:100])
    item.full_clean()
    item.save()
    _tell_leadership(item.round, 1, revised_by)
    return item


def refusal_message(error: ValidationError | RoundRefused) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error)


# ---------------------------------------------------------------- figures of record from a published source


@dataclass(frozen=True)
class FigureChange:
    """What a checked row would do: record a new figure, change a figure of the same source, or nothing."""

    row: FigureRow
    indicator: Indicator
    current: Observation | None  # the figure of the same source for the year, if any
    document: Document | None  # the source document, if it is on record already

    @property
    def kind(self) -> str:
        if self.current is None:
            return "new"
        same = self.current.value == self.row.value and self.current.provisional == self.row.provisional
        return "unchanged" if same and self.current.note == self.row.note else "changed"


def _document_for(row: FigureRow, documents: list[Document]) -> Document | None:
    number, title = row.document_number.strip().lower(), row.document_title.strip().lower()
    for document in documents:
        if number and document.number.strip().lower() == number:
            return document
    for document in documents:
        if not number and title and document.title.strip().lower() == title:
            return document
    return None


def figures_preview(rows: Sequence[FigureRow]) -> list[FigureChange]:
    """Each row against what is on record, in three queries (the indicators, the documents, the figures)."""
    indicators = {i.code: i for i in Indicator.objects.filter(code__in={r.code for r in rows})}
    documents = list(Document.objects.all())
    changes = []
    observations = {
        (o.indicator_id, o.year, o.document_id): o
        for o in Observation.objects.filter(indicator__in=indicators.values(), quarter=0, document__isnull=False)
    }
    for row in rows:
        indicator = indicators[row.code]
        document = _document_for(row, documents)
        current = observations.get((indicator.pk, row.year, document.pk)) if document is not None else None
        changes.append(FigureChange(row, indicator, current, document))
    return changes


def _source(row: FigureRow) -> str:
    label = row.document_number or row.document_title
    text = f"{label} ({row.issuer}, {row.issued_on:%d/%m/%Y})" if row.issuer else f"{label} ({row.issued_on:%d/%m/%Y})"
    return f"{text}, tr. {row.page}" if row.page else text


def _new_document(row: FigureRow, recorded_by) -> Document:
    base = slugify(row.document_number or row.document_title)[:50] or "nguon-so-lieu"
    slug, n = base, 1
    while Document.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    document = Document(
        slug=slug,
        number=row.document_number[:80],
        kind=Document.Kind.REPORT,
        rank=Document.Rank.REPORT,
        title=row.document_title or row.document_number,
        issuer=row.issuer or "—",
        issued_on=row.issued_on,
    )
    record_author(document, recorded_by)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def figures_record(*, rows: Sequence[FigureRow], recorded_by) -> list[FigureChange]:
    """Record the rows' figures of record, all or none: each cites its source document (found by its number, or
    its title, else recorded as a new report), with the page in its source; a figure of the same source and year
    is changed in place, its earlier value kept in its history."""
    changes = figures_preview(rows)
    made: dict[str, Document] = {}
    for change in changes:
        row = change.row
        if change.kind == "unchanged":
            continue
        key = (row.document_number or row.document_title).strip().lower()
        document = change.document or made.get(key)
        if document is None:
            document = made[key] = _new_document(row, recorded_by)
        observation = change.current or Observation(indicator=change.indicator, year=row.year, quarter=0,
                                                    document=document)  # fmt: skip
        observation.value, observation.provisional = row.value, row.provisional
        observation.source, observation.note = _source(row), row.note
        observation.recorded_by = recorded_by
        record_author(observation, recorded_by, reason=_("Figure of record from a published source")[:100])
        observation.full_clean()
        observation.save()
    return changes
