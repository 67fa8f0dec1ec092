"""Writes to submissions. Each is one transaction that locks the submission row first, so two people acting at
once are served one after the other, and the second one, carrying an outdated version, is refused.

How accepted values become figures of record: `submission_accept` writes each value into an
`indicators.Observation` for (indicator, year, quarter) with the value's source and note, recorded by the person
who submitted. A provisional value goes to the value's provisional observation, an official one to its official
observation. When a reopened submission replaces a provisional estimate with the official figure, a new official
observation is created and the provisional one stays: the indicator page lists both, and progress (the
indicator page, the home table, the API's `progress.latest`: `indicators.progress.series`) uses the official
one. A correction of the same kind updates the observation in place, and its history (simple-history) keeps
the old value, who and when.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from indicators.history import record_author
from indicators.models import Indicator, Membership, Observation, Unit
from notifications.models import Notification
from notifications.services import notify, people_with_role, reporters_of
from quality.selectors import RuleWarning, figure_warnings
from reporting.calendar import ReportingPeriod
from reporting.models import Submission, SubmissionValue
from reporting.workflow import Action, Status, TransitionError, transition
from reports.models import Consolidation


class SubmissionError(Exception):
    """Base of the refusals a page or the API turns into a message."""


class StaleSubmission(SubmissionError):
    """Someone else saved the submission after this person opened it."""


class SubmissionLocked(SubmissionError):
    """The action is not possible in the submission's status (e.g. editing a submitted or accepted one)."""

    def __init__(self, status: Status) -> None:
        super().__init__(status)
        self.status = status


class IndicatorNotReported(SubmissionError):
    """A value for an indicator the unit does not report."""

    def __init__(self, codes: Sequence[str]) -> None:
        super().__init__(", ".join(codes))
        self.codes = list(codes)


class SubmissionIncomplete(SubmissionError):
    """Submitting with required parts empty: `missing_values` are indicator codes, `missing_sections` field names."""

    def __init__(self, missing_values: Sequence[str], missing_sections: Sequence[str]) -> None:
        super().__init__(", ".join([*missing_values, *missing_sections]))
        self.missing_values = list(missing_values)
        self.missing_sections = list(missing_sections)


class OfficialFigureExists(SubmissionError):
    """Marking a value provisional when the official figure has already been accepted."""

    def __init__(self, codes: Sequence[str]) -> None:
        super().__init__(", ".join(codes))
        self.codes = list(codes)


class FigureRefused(SubmissionError):
    """A data-quality rule of severity "refuse" refuses figures: their messages by indicator code."""

    def __init__(self, messages: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{code}: {' '.join(m)}" for code, m in messages.items()))
        self.messages = messages


class ConfirmationMissing(SubmissionError):
    """Submitting figures the data-quality rules asked about without the unit's confirmation note: their warnings
    by indicator code."""

    def __init__(self, warnings: dict[str, list[RuleWarning]]) -> None:
        super().__init__(", ".join(warnings))
        self.warnings = warnings


@dataclass(frozen=True)
class FigureInput:
    indicator: Indicator
    value: Decimal | None
    provisional: bool = False
    source: str = ""
    note: str = ""
    comparison_with: str = ""
    comparison_value: Decimal | None = None
    comparison_year: int | None = None
    comparison_source: str = ""
    # The unit's answer to the data-quality flags; None leaves the stored one (an upload or a feed that has none).
    confirmation: str | None = None


FIGURE_FIELDS = tuple(f.name for f in fields(FigureInput) if f.name not in ("indicator", "confirmation"))


@dataclass(frozen=True)
class SectionsInput:
    trend_assessment: str = ""
    international_comparison: str = ""
    difficulties: str = ""
    proposals: str = ""


SECTION_FIELDS = tuple(f.name for f in fields(SectionsInput))


def required_sections(period: ReportingPeriod) -> tuple[str, ...]:
    """Q2 asks for the six-month trend assessment and proposals (Quyết định 466, Mục II.2)."""
    return ("trend_assessment", "proposals") if period.asks_half_year_assessment else ()


def _lock(unit: Unit, period: ReportingPeriod) -> Submission | None:
    # order_by(): no join on the unit for the default ordering, so only the submission row is locked
    return Submission.objects.select_for_update().for_unit(unit).for_period(period).order_by().first()


def _lock_or_create(unit: Unit, period: ReportingPeriod, *, version: int | None, user) -> Submission:
    """The submission row, locked; created (version 0) when it does not exist yet and the caller expected none.

    `version` None means "whatever the current version" (the API, which writes one value at a time)."""
    submission = _lock(unit, period)
    if submission is None:
        if version not in (None, 0):
            raise StaleSubmission()
        try:
            with transaction.atomic():
                submission = Submission(unit=unit, year=period.year, quarter=period.quarter, updated_by=user)
                record_author(submission, user)
                submission.save()
        except IntegrityError as exc:  # created by someone else a moment ago
            raise StaleSubmission() from exc
        return submission
    if version is not None and submission.version != version:
        raise StaleSubmission()
    return submission


def _check_transition(action: Action, submission: Submission) -> Status:
    try:
        return transition(action, submission.status)
    except TransitionError as exc:
        raise SubmissionLocked(Status(submission.status)) from exc


def _write_figure(
    submission: Submission, row: SubmissionValue | None, figure: FigureInput, user, warnings: list[RuleWarning]
) -> tuple[SubmissionValue | None, bool]:
    """Create or update the value row with the data-quality warnings of its figure; save (and so write a history
    record) only when something changed. Returns the row as stored (None when there was none and the figure is
    empty) and whether it was saved."""
    flags = [w.as_dict() for w in warnings]
    confirmation = figure.confirmation if figure.confirmation is not None else getattr(row, "confirmation", "")
    if row is None:
        if figure.value is None and not confirmation and not any(getattr(figure, n) for n in FIGURE_FIELDS):
            return None, False
        row = SubmissionValue(submission=submission, indicator=figure.indicator)
    elif (
        all(getattr(row, name) == getattr(figure, name) for name in FIGURE_FIELDS)
        and row.flags == flags
        and row.confirmation == confirmation
    ):
        return row, False
    for name in FIGURE_FIELDS:
        setattr(row, name, getattr(figure, name))
    row.flags, row.flag_count, row.confirmation = flags, len(flags), confirmation
    record_author(row, user)
    row.save()
    return row, True


def _check_figures(unit: Unit, rows: dict[int, SubmissionValue], figures: Sequence[FigureInput]) -> None:
    foreign = [f.indicator for f in figures if f.indicator.reporting_unit_id != unit.pk]
    if foreign and unit.province_id is not None:  # a province's unit: the indicators it reports for its province
        provincial = set(Indicator.objects.reported_by(unit).values_list("pk", flat=True))
        foreign = [indicator for indicator in foreign if indicator.pk not in provincial]
    if foreign:
        raise IndicatorNotReported([indicator.code for indicator in foreign])
    downgraded = [
        f.indicator.code
        for f in figures
        if f.provisional and (row := rows.get(f.indicator.pk)) is not None and row.official_observation_id
    ]
    if downgraded:
        raise OfficialFigureExists(downgraded)


def _warnings(
    unit: Unit, period: ReportingPeriod, rows: dict[int, SubmissionValue], figures: Sequence[FigureInput]
) -> dict[int, list[RuleWarning]]:
    """The data-quality warnings of the figures (by indicator id); FigureRefused when a rule refuses one. A
    province's unit's figures are judged against its province's series."""
    stored = {pk: row.value for pk, row in rows.items()}
    found = figure_warnings(period=period, figures=figures, stored=stored, province_id=unit.province_id)
    codes = {f.indicator.pk: f.indicator.code for f in figures}
    refused = {
        codes[pk]: [w.message for w in ws if w.refuses] for pk, ws in found.items() if any(w.refuses for w in ws)
    }
    if refused:
        raise FigureRefused(refused)
    return found


def _unconfirmed(
    indicators: Sequence[Indicator],
    rows: dict[int, SubmissionValue],
    figures: Sequence[FigureInput],
    warnings: dict[int, list[RuleWarning]],
) -> dict[str, list[RuleWarning]]:
    """The unit's figures asked about that have no confirmation note, by code: what a submission must not carry."""
    given = {f.indicator.pk: f for f in figures}
    missing = {}
    for indicator in indicators:
        figure, row = given.get(indicator.pk), rows.get(indicator.pk)
        if figure is not None:
            asked = warnings.get(indicator.pk, [])
            note = figure.confirmation if figure.confirmation is not None else getattr(row, "confirmation", "")
        elif row is not None:
            asked = [RuleWarning(**flag) for flag in row.flags]
            note = row.confirmation
        else:
            continue
        if asked and not (note or "").strip():
            missing[indicator.code] = asked
    return missing


def _bump(submission: Submission, user, now: datetime) -> None:
    submission.updated_at = now
    submission.updated_by = user
    record_author(submission, user)
    submission.save()
    # Raised by the database with every write of the submission and its values (strategy_tracker.versions).
    submission.refresh_from_db(fields=["version"])


@transaction.atomic
def submission_save(
    *,
    unit: Unit,
    period: ReportingPeriod,
    user,
    version: int,
    figures: Sequence[FigureInput],
    sections: SectionsInput,
    submit: bool,
    now: datetime,
) -> Submission:
    """Save the unit's figures and texts as a draft, or save and submit them. Refused (nothing written) when the
    version is outdated, the status does not allow it, a figure is of another unit's indicator, or, on submit,
    a required part is empty."""
    submission = _lock_or_create(unit, period, version=version, user=user)
    new_status = _check_transition(Action.SUBMIT if submit else Action.SAVE, submission)
    rows = {row.indicator_id: row for row in SubmissionValue.objects.filter(submission=submission)}
    _check_figures(unit, rows, figures)
    warnings = _warnings(unit, period, rows, figures)

    if submit:
        given = {f.indicator.pk: f.value for f in figures}
        unit_indicators = list(Indicator.objects.reported_by(unit).order_by("sort_key"))
        missing_values = [
            i.code
            for i in unit_indicators
            if (given[i.pk] if i.pk in given else getattr(rows.get(i.pk), "value", None)) is None
        ]
        missing_sections = [name for name in required_sections(period) if not getattr(sections, name).strip()]
        if missing_values or missing_sections:
            raise SubmissionIncomplete(missing_values, missing_sections)
        unconfirmed = _unconfirmed(unit_indicators, rows, figures, warnings)
        if unconfirmed:
            raise ConfirmationMissing(unconfirmed)

    for figure in figures:
        _write_figure(submission, rows.get(figure.indicator.pk), figure, user, warnings.get(figure.indicator.pk, []))
    for name in SECTION_FIELDS:
        setattr(submission, name, getattr(sections, name))
    submission.status = new_status.value
    if submit:
        submission.submitted_at = now
        submission.submitted_by = user
        submission.first_submitted_at = submission.first_submitted_at or now
    _bump(submission, user, now)
    return submission


@transaction.atomic
def submission_value_write(
    *, unit: Unit, period: ReportingPeriod, user, figure: FigureInput, now: datetime, version: int | None = None
) -> tuple[Submission, SubmissionValue, bool]:
    """Write one value into the unit's draft for the period (the API's automated feeds). Returns the submission
    (with its unit), the value row as stored (with its submission and indicator) and whether the row was created.
    `version` is the submission's version the caller last read (0: no draft yet); another one is refused
    (StaleSubmission, nothing written), checked under the submission's lock. None checks nothing: the API always
    passes one. A figure with nothing in it (no value, no other field) for an indicator without a row is refused
    (ValueError, nothing written): the API always sends a value."""
    submission = _lock_or_create(unit, period, version=version, user=user)
    _check_transition(Action.SAVE, submission)
    rows = {row.indicator_id: row for row in SubmissionValue.objects.filter(submission=submission)}
    row = rows.get(figure.indicator.pk)
    _check_figures(unit, {row.indicator_id: row} if row else {}, [figure])
    warnings = _warnings(unit, period, rows, [figure])
    created = row is None
    written, changed = _write_figure(submission, row, figure, user, warnings.get(figure.indicator.pk, []))
    # A feed that sends the same figure again changes nothing, so a page open on the draft stays current.
    if changed or submission.version == 0:
        _bump(submission, user, now)
    if written is None:
        raise ValueError("submission_value_write: an empty figure for an indicator without a value row")
    # What the answer names, as written (the figure fits its column: `indicators.values`), without reading it back.
    submission.unit, written.submission, written.indicator = unit, submission, figure.indicator
    return submission, written, created


def _lock_for_review(submission: Submission, version: int) -> Submission:
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.version != version:
        raise StaleSubmission()
    return locked


def _hand_back(action: Action, *, submission: Submission, user, version: int, reason: str, now: datetime) -> Submission:
    """A reviewer gives the submission back to the unit (returned or reopened), with the reason on record."""
    submission = _lock_for_review(submission, version)
    submission.status = _check_transition(action, submission).value
    submission.reason = reason
    submission.reviewed_at, submission.reviewed_by = now, user
    _bump(submission, user, now)
    kind = Notification.Kind.SUBMISSION_RETURNED if action == Action.RETURN else Notification.Kind.SUBMISSION_REOPENED
    _tell_unit(kind, submission, user, reason)
    return submission


def _submission_facts(submission: Submission) -> tuple[dict, str]:
    unit = submission.unit
    facts = {"unit": unit.short_name, "period": submission.period.code}
    return facts, reverse("reporting:submission", args=[unit.slug, submission.period.code])


def _tell_unit(kind: str, submission: Submission, user, reason: str = "") -> None:
    """The unit's reporters learn what the reviewer did with their submission, and why."""
    facts, path = _submission_facts(submission)
    notify(
        recipients=reporters_of(submission.unit_id),
        kind=kind,
        about=submission,
        params={**facts, "reason": reason},
        path=path,
        actor=user,
    )


def _tell_reviewers_of_correction(submission: Submission, user, codes: list[str]) -> None:
    """Figures of a quarter already consolidated changed: the report sent no longer says what the tracker does."""
    if not codes or not Consolidation.objects.for_period(submission.period).exists():
        return
    facts, _path = _submission_facts(submission)
    notify(
        recipients=people_with_role(Membership.Role.REVIEWER),
        kind=Notification.Kind.FIGURE_CORRECTED,
        about=submission,
        params={**facts, "codes": codes},
        path=reverse("reports:table", args=[submission.period.code]),
        actor=user,
    )


@transaction.atomic
def submission_return(*, submission: Submission, user, version: int, reason: str, now: datetime) -> Submission:
    """Send a submitted submission back to the unit for correction, with the reason."""
    return _hand_back(Action.RETURN, submission=submission, user=user, version=version, reason=reason, now=now)


@transaction.atomic
def submission_reopen(*, submission: Submission, user, version: int, reason: str, now: datetime) -> Submission:
    """Unlock an accepted submission so that the unit can correct it (e.g. the official figure is out)."""
    return _hand_back(Action.REOPEN, submission=submission, user=user, version=version, reason=reason, now=now)


def _provenance(submission: Submission) -> str:
    """Where a figure of record came from, in the tracker's language (Vietnamese) whoever accepts it."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Quarterly submission of %(unit)s for Q%(quarter)d/%(year)d.") % {
            "unit": submission.unit.short_name,
            "quarter": submission.quarter,
            "year": submission.year,
        }


def _record(row: SubmissionValue, submission: Submission, user) -> bool:
    """Write the value into its figure of record (see the module docstring); whether it changed a figure of
    record that existed (a correction)."""
    link = "provisional_observation" if row.provisional else "official_observation"
    # A province's unit submits its province's figures: they are the province's, never the nation's.
    observation = getattr(row, link) or Observation(
        indicator_id=row.indicator_id,
        year=submission.year,
        quarter=submission.quarter,
        province_id=submission.unit.province_id,
    )
    provenance = _provenance(submission)
    wanted = {
        "value": row.value,
        "provisional": row.provisional,
        "source": row.source or provenance,
        "note": f"{row.note}\n{provenance}".strip() if row.source else row.note,
        "recorded_by_id": submission.submitted_by_id,
    }
    if observation.pk and all(getattr(observation, k) == v for k, v in wanted.items()):
        return False
    # The value had a figure of record already (this one, or its provisional estimate): this is a correction.
    corrected = bool(observation.pk or row.provisional_observation_id or row.official_observation_id)
    for key, value in wanted.items():
        setattr(observation, key, value)
    record_author(observation, user)
    observation.save()
    if getattr(row, f"{link}_id") != observation.pk:
        setattr(row, link, observation)
        record_author(row, user)
        row.save(update_fields=[link])
    return corrected


@transaction.atomic
def submission_accept(*, submission: Submission, user, version: int, now: datetime) -> Submission:
    """Accept and lock a submitted submission, and write its values into the figures of record."""
    submission = _lock_for_review(submission, version)
    submission.status = _check_transition(Action.ACCEPT, submission).value
    submission.reviewed_at, submission.reviewed_by = now, user
    rows = SubmissionValue.objects.filter(submission=submission, value__isnull=False).select_related(
        "indicator", "provisional_observation", "official_observation"
    )
    corrected = [row.indicator.code for row in rows if _record(row, submission, user)]
    _bump(submission, user, now)
    _tell_unit(Notification.Kind.SUBMISSION_ACCEPTED, submission, user)
    _tell_reviewers_of_correction(submission, user, corrected)
    return submission


@transaction.atomic
def submission_import(
    *,
    unit: Unit,
    period: ReportingPeriod,
    user,
    version: int,
    figures: Sequence[FigureInput],
    sections: SectionsInput,
    now: datetime,
) -> Submission:
    """Save the figures and texts of an uploaded Excel form (checked by reporting.imports) as a draft: the entry
    page's save, so the same refusals (outdated version, locked status, another unit's indicator, a provisional
    figure over an accepted official one), the same history and one transaction. The unit submits from the page."""
    return submission_save(
        unit=unit, period=period, user=user, version=version, figures=figures, sections=sections, submit=False, now=now
    )
