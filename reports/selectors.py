"""The consolidated report's read model: one plain, JSON-ready dict built from the rules of the read model
(the stored assessments, `status_of`) with a fixed number of queries, whatever the number of units, indicators and
quarters. The page, the API, the xlsx/csv/docx files and the frozen copy of a sent version all render this dict;
none of them decides "in force", the flag or "missing" again.

Queries of `report_data` and `year_data`: the data versions (one query, `strategy_tracker.versions`); only when the
rows are not kept for them, the indicators (group, unit, parent and stored assessment
joined; see `indicators.stored` for the queries of any assessment not stored for today) and the year's submitted
values up to the quarter (their submission joined); only when the completeness is not kept for it, the reporting
units and the year's submissions; then the target adjustment proposals awaiting a decision (indicator, target
replaced, proposer joined).

The quarter pivot (indicator × quarter) is a dict built in one pass over the values: pandas would add a DataFrame
and a conversion back to the JSON-ready dicts every renderer reads, for no fewer lines and no fewer queries.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from django.core.cache import caches
from django.db.models import Count, Q
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dashboard.selectors import pending_proposals
from indicators.assessment import InForce
from indicators.explanations import Words, explain, flag_label
from indicators.figures import year_target
from indicators.formatting import decimal_to_plain, format_measure, format_number, format_target
from indicators.models import Indicator
from indicators.progress import ACTION_FLAGS, FLAG_URGENCY, REMEDY_FLAGS, Flag
from indicators.selectors import Assessment
from indicators.stored import stored_assessments
from places.regions import unit_place
from reporting.audit import record_changes
from reporting.calendar import FIRST_YEAR, LAST_YEAR, DeadlineStatus, ReportingPeriod, periods_of_year
from reporting.labels import deadline_label, period_label, short_date, status_label
from reporting.models import Submission, SubmissionValue
from reporting.selectors import first_tracked_period, reporting_units_placed, status_of
from reporting.workflow import Status
from reports.models import Consolidation, ReportIssuer
from strategy_tracker.versions import version_key, versions

QUARTERS = (1, 2, 3, 4)
# Values the report shows: sent to Vụ KTS và XHS (submitted), accepted, or reopened after acceptance. A draft or a
# submission returned for correction is the unit's work in progress, not a figure sent.
SHOWN_STATUSES = (Status.SUBMITTED.value, Status.ACCEPTED.value, Status.REOPENED.value)
SECTIONS = (
    ("trend_assessment", "III"),
    ("international_comparison", "IV"),
    ("difficulties", "V"),
    ("proposals", "VI"),
)


def _plain(value: Decimal | None) -> str | None:
    return decimal_to_plain(value)


class _ShownValue(NamedTuple):
    """A unit's figure as the table shows it: the value's fields and its submission's status and quarter."""

    indicator_id: int
    quarter: int
    status: str
    value: Decimal | None
    provisional: bool
    source: str
    comparison_with: str
    comparison_value: Decimal | None
    comparison_year: int | None


_SHOWN_FIELDS = ("indicator_id", "submission__quarter", "submission__status", *_ShownValue._fields[3:])


def _comparison(value: _ShownValue, words: Words) -> str:
    if not value.comparison_with and value.comparison_value is None:
        return ""
    parts = [value.comparison_with or "—"]
    if value.comparison_year:
        parts[0] += f" ({value.comparison_year})"
    if value.comparison_value is not None:
        parts.append(words.measure(value.comparison_value))
    return ": ".join(parts)


def _quarter_cell(value: _ShownValue | None, words: Words) -> dict:
    if value is None or value.value is None:
        return {"value": None, "display": "", "provisional": False, "accepted": False, "comparison": ""}
    accepted = value.status == Status.ACCEPTED.value
    return {
        "value": _plain(value.value),
        "display": words.measure(value.value),
        "provisional": value.provisional,
        "accepted": accepted,
        "status": value.status,
        "comparison": _comparison(value, words),
        "comparison_value": _plain(value.comparison_value),
        "source": value.source,
    }


def _target_display(assessment: Assessment, year: int) -> tuple[str, str | None]:
    """The year's target in force (`year_target`): (display, value). Read from the figures in force, so that the
    targets themselves are never unpickled for the table."""
    found = year_target(assessment.figures_in_force, year)
    if found is None:
        return ("", None)
    figure = InForce(*found)
    return (figure.display(assessment.indicator), _plain(figure.value))


def _indicator_row(assessment: Assessment, year: int) -> dict:
    """An indicator's row of the table without the values the units sent (`_with_values` adds them): what the
    indicators alone make."""
    indicator, progress = assessment.indicator, assessment.progress
    words = Words(indicator)
    target_display, target_value = _target_display(assessment, year)
    goal = progress.goal
    flag = progress.flag
    return {
        "code": indicator.code,
        "sort_key": indicator.sort_key,
        "name": indicator.name,
        "group": indicator.group.code,
        "group_name": indicator.group.name,
        "is_child": indicator.parent_id is not None,
        "measure_unit": indicator.measure_unit,
        "decimals": indicator.decimals,
        "unit": indicator.reporting_unit.short_name if indicator.reporting_unit else "",
        "unit_slug": indicator.reporting_unit.slug if indicator.reporting_unit else "",
        "target": target_display,
        "target_value": target_value,
        "goal": words.target(goal) if goal else "",
        "goal_year": goal.year if goal else None,
        "goal_value": _plain(goal.value) if goal else None,
        "gap": words.gap(progress),
        "gap_value": _plain(progress.gap),
        "flag": flag.value,
        "flag_label": flag_label(flag),
        "flag_rank": FLAG_URGENCY.index(flag),
        "explanation": explain(progress, indicator) if flag in ACTION_FLAGS else "",
    }


def _with_values(row: dict, values: dict[int, _ShownValue]) -> dict:
    """A copy of the row with the values of the year's quarters (`quarters`)."""
    words = Words.of_measure(row["measure_unit"], row["decimals"])
    cells = {str(q): _quarter_cell(values.get(q), words) for q in QUARTERS}
    done = dict(row)
    done["quarters"] = cells
    return done


class _SentRow(NamedTuple):
    """A submission as the completeness and the sections read it (`reporting.selectors.Sent`)."""

    unit_id: int
    quarter: int
    status: str
    first_submitted_at: datetime | None
    trend_assessment: str
    international_comparison: str
    difficulties: str
    proposals: str
    flagged: int  # its figures the data-quality rules asked about (quality.rules), annotated in the same query


def _completeness(
    year: int, focus: tuple[ReportingPeriod, ...], today: date
) -> tuple[list[dict], list[dict], list[dict], list[str]]:
    """Units × quarters of the year (each cell: deadline status, submission status, deadline); what is still
    missing for the quarters in `focus` (units not submitted, or submitted and not yet accepted); the units'
    sections III–VI (of a single quarter only: a year has no report of its own); the units late or missing in
    `focus`."""
    units = list(reporting_units_placed())
    # Rows of only what the cells and the sections read: a hundred units × four quarters, no model instances.
    submissions = {
        (row.unit_id, row.quarter): row
        for row in map(
            _SentRow._make,
            Submission.objects.filter(year=year)
            .annotate(flagged=Count("values", filter=Q(values__flag_count__gt=0)))
            .values_list(*_SentRow._fields),
        )
    }
    first_tracked = first_tracked_period()
    periods = periods_of_year(year)
    # The words of a cell, made once per value for the hundred units × four quarters of a national table.
    deadline_days = {p: (p.unit_deadline.isoformat(), short_date(p.unit_deadline)) for p in periods}
    deadline_words = {status: deadline_label(status) for status in DeadlineStatus}
    status_words: dict[str, str] = {}
    matrix = []
    outstanding = []
    lagging = []
    for unit in units:
        # Whether the unit reports for a province and its province's region: what the filters by kind and region
        # read (`reporting.filters`).
        provincial, region = unit_place(unit)
        cells = {}
        for p in periods:
            submission = submissions.get((unit.pk, p.quarter))
            deadline = status_of(p, submission, today, first_tracked)
            status = submission.status if submission else ""
            if status not in status_words:
                status_words[status] = status_label(status)
            cells[str(p.quarter)] = {
                "deadline_status": deadline.value,
                "deadline_label": deadline_words[deadline],
                "status": status,
                "status_label": status_words[status],
                "unit_deadline": deadline_days[p][0],
                "unit_deadline_display": deadline_days[p][1],
                "flagged": submission.flagged if submission else 0,
            }
            if p not in focus:
                continue
            if deadline in (DeadlineStatus.LATE, DeadlineStatus.MISSING) and unit.slug not in lagging:
                lagging.append(unit.slug)
            sent = deadline in (DeadlineStatus.ON_TIME, DeadlineStatus.LATE)
            if deadline in (DeadlineStatus.MISSING, DeadlineStatus.DUE) or (sent and status != Status.ACCEPTED.value):
                outstanding.append(
                    {
                        "unit": unit.short_name,
                        "unit_slug": unit.slug,
                        "period": p.code,
                        "period_label": period_label(p),
                        "deadline_status": deadline.value,
                        "deadline_label": deadline_label(deadline),
                        "status": status,
                        "status_label": status_label(status),
                        "provincial": provincial,
                        "region": region,
                    }
                )
        matrix.append(
            {
                "unit": unit.short_name,
                "unit_slug": unit.slug,
                "provincial": provincial,
                "region": region,
                "quarters": cells,
            }
        )
    sections = []
    for unit in units:
        submission = submissions.get((unit.pk, focus[0].quarter)) if len(focus) == 1 else None
        if submission is None or submission.status not in SHOWN_STATUSES:
            continue
        texts = {name: getattr(submission, name).strip() for name, _number in SECTIONS}
        if any(texts.values()):
            sections.append({"unit": unit.short_name, "accepted": submission.status == Status.ACCEPTED.value, **texts})
    return matrix, outstanding, sections, lagging


def _kept(kind: str, key: tuple, make):
    """`make()`, kept in Django's "reports" cache under `key` (which begins with the data versions it is made from,
    read before the data) and the language."""
    parts = "|".join(str(part) for part in (kind, *key, get_language()))
    full = "report:" + hashlib.sha256(parts.encode()).hexdigest()
    found = caches["reports"].get(full)
    if found is None:
        found = make()
        caches["reports"].set(full, found)
    return found


def _kept_completeness(
    year: int, focus: tuple[ReportingPeriod, ...], today: date, versions: str
) -> tuple[list[dict], list[dict], list[dict], list[str]]:
    """`_completeness`, kept with the rows for the versions of the reference data (the reporting units) and of the
    submissions, the first tracked quarter, the quarters in focus and the day."""
    key = (versions, year, ",".join(p.code for p in focus), today, first_tracked_period().code)
    return _kept("completeness", key, lambda: _completeness(year, focus, today))


def _pending_proposals(reference: str) -> dict[str, list[dict]]:
    """`_make_pending_proposals`, kept for the reference data's version (proposals, indicators, documents and
    people are reference data)."""
    return _kept("pending proposals", (reference,), _make_pending_proposals)


def _make_pending_proposals() -> dict[str, list[dict]]:
    """The target adjustment proposals awaiting leadership's decision, by indicator, oldest first. One query
    (indicator, target replaced with its document, proposer joined)."""
    by_indicator: dict[str, list[dict]] = {}
    for proposal in pending_proposals():
        indicator = proposal.indicator
        replaces = proposal.replaces
        by_indicator.setdefault(indicator.code, []).append(
            {
                "year": proposal.year,
                "kind": proposal.kind,
                "target": format_target(
                    proposal.comparator, proposal.value, indicator.measure_unit, indicator.decimals
                ),
                "replaces": replaces.wording if replaces else "",
                "replaces_document": replaces.document.label if replaces else "",
                "reason": proposal.reason,
                "proposed_by": _person(proposal.proposed_by),
                "proposed_on": short_date(localtime(proposal.proposed_at)),
            }
        )
    return by_indicator


def _actions(rows: list[dict], sections: list[dict], proposals: dict[str, list[dict]]) -> list[dict]:
    unit_proposals = {s["unit"]: s["proposals"] for s in sections if s["proposals"]}
    actions = []
    for row in sorted(rows, key=lambda r: (r["flag_rank"], r["sort_key"])):
        flag = Flag(row["flag"])
        if flag not in ACTION_FLAGS:
            continue
        actions.append(
            {
                "code": row["code"],
                "name": row["name"],
                "flag": row["flag"],
                "flag_label": row["flag_label"],
                "kind": "remedy" if flag in REMEDY_FLAGS else "new" if flag == Flag.NO_GOAL_AHEAD else "raise",
                "explanation": row["explanation"],
                "unit": row["unit"],
                "unit_proposals": unit_proposals.get(row["unit"], ""),
                "target_proposals": proposals.get(row["code"], []),
            }
        )
    return actions


def _rows(year: int, up_to: int, today: date, reference: str, both: str) -> list[dict]:
    """Every indicator's row (its assessment and the values of the year's quarters up to `up_to`), kept for the
    data versions (`both`: reference data and submissions), the day and the language: a national table's rows take
    about twenty times longer to make than to read back. What the indicators alone make is kept apart for the
    reference data's version (`_indicator_rows`), so a unit's write (every feed's, during a quarter's entry) makes
    only the values again."""
    return _kept(
        "rows",
        (both, year, up_to, today),
        lambda: _make_rows(year, up_to, today, _indicator_rows(year, today, reference)),
    )


def _make_indicator_rows(year: int, today: date) -> list[tuple[int, dict]]:
    """(indicator id, its row without values) of every indicator, in the table's order."""
    assessments = stored_assessments(Indicator.objects.with_stored(), today)
    return [(a.indicator.pk, _indicator_row(a, year)) for a in assessments]


def _indicator_rows(year: int, today: date, reference: str) -> list[tuple[int, dict]]:
    """`_make_indicator_rows`, kept for the reference data's version, the year, the day and the language."""
    return _kept("indicator rows", (reference, year, today), lambda: _make_indicator_rows(year, today))


def _make_rows(year: int, up_to: int, today: date, indicator_rows: list[tuple[int, dict]] | None = None) -> list[dict]:
    """The rows with the values the units sent up to `up_to`, onto `indicator_rows` (made here when None)."""
    values: dict[int, dict[int, _ShownValue]] = {}
    # The nation's figures only: a province's unit sends its province's (`reporting.selectors.figures_of`).
    shown = SubmissionValue.objects.filter(
        submission__year=year,
        submission__quarter__lte=up_to,
        submission__status__in=SHOWN_STATUSES,
        submission__unit__province__isnull=True,
    ).values_list(*_SHOWN_FIELDS)
    for value in map(_ShownValue._make, shown):
        values.setdefault(value.indicator_id, {})[value.quarter] = value
    if indicator_rows is None:
        indicator_rows = _make_indicator_rows(year, today)
    return [_with_values(row, values.get(pk, {})) for pk, row in indicator_rows]


def _table(year: int, up_to: int, focus: tuple[ReportingPeriod, ...], today: date, *, kept: bool = True) -> dict:
    """The part shared by a quarter and a year: the rows (values of the year's quarters up to `up_to`), the
    completeness of the year, what is outstanding for the quarters in `focus`, the sections and the actions.
    `kept=False`: every part made from the database, none read from the caches (a version being frozen)."""
    found = versions()  # read before the data: what is kept is never older than its key
    reference = version_key(found, "reference")
    both = version_key(found, "reference", "submissions")
    if kept:
        rows = _rows(year, up_to, today, reference, both)
        matrix, outstanding, sections, lagging = _kept_completeness(year, focus, today, both)
        proposals = _pending_proposals(reference)
    else:
        rows = _make_rows(year, up_to, today)
        matrix, outstanding, sections, lagging = _completeness(year, focus, today)
        proposals = _make_pending_proposals()
    actions = _actions(rows, sections, proposals)
    return {
        "year": year,
        "as_of": today.isoformat(),
        # The versions the rows and the completeness were read at (before them): the pages keep the table's
        # rendering for it (`{% cache %}`).
        "data_version": both,
        "as_of_display": short_date(today),
        "rows": rows,
        "any_accepted": any(c["accepted"] for r in rows for c in r["quarters"].values()),
        "any_value": any(c["value"] is not None for r in rows for c in r["quarters"].values()),
        "completeness": matrix,
        "outstanding": outstanding,
        "late_or_missing": lagging,
        "sections": sections,
        "actions": actions,
    }


def missing_units(outstanding: list[dict]) -> list[str]:
    """The units that have not sent the quarter (its deadline passed or still running), by name: consolidating
    without them asks the reviewer to confirm, naming them."""
    unsent = (DeadlineStatus.MISSING.value, DeadlineStatus.DUE.value)
    return list(dict.fromkeys(o["unit"] for o in outstanding if o["deadline_status"] in unsent))


def report_data(period: ReportingPeriod, today: date, *, kept: bool = True) -> dict:
    """The consolidated table and report of `period` as of `today` (see the module's docstring for its queries).
    Quarter columns are the four quarters of the period's year; values are shown up to the period's quarter.
    `kept=False` reads nothing from the caches: every part is made from the transaction's own reads."""
    return {
        "period": period.code,
        "quarter": period.quarter,
        "period_label": period_label(period),
        "unit_deadline": short_date(period.unit_deadline),
        "consolidation_deadline": short_date(period.consolidation_deadline),
        "half_year": period.asks_half_year_assessment,
        **_table(period.year, period.quarter, (period,), today, kept=kept),
    }


def open_quarters(year: int, today: date) -> tuple[ReportingPeriod, ...]:
    """The year's quarters whose figures have begun by `today` (none for a year outside the calendar)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return ()
    return tuple(p for p in periods_of_year(year) if p.is_open_on(today))


def year_data(year: int, today: date) -> dict:
    """The year's consolidated table as of `today`: the same read model as a quarter's (same queries), with the
    values of all its quarters begun, and what is still outstanding for any of them. `quarter` is None."""
    return {
        "period": str(year),
        "quarter": None,
        "period_label": _("Year %(year)s") % {"year": year},
        "unit_deadline": "",
        "consolidation_deadline": "",
        "half_year": False,
        **_table(year, 4, open_quarters(year, today), today),
    }


# ---------------------------------------------------------------- sent versions and what changed since


def consolidations_of(period: ReportingPeriod) -> list[Consolidation]:
    """Every sent version of the period, newest first. Query: the versions (who joined)."""
    return list(
        Consolidation.objects.for_period(period)
        .select_related("consolidated_by")
        .defer("snapshot")
        .order_by("-version")
    )


def consolidation_of(period: ReportingPeriod, version: int) -> Consolidation | None:
    return Consolidation.objects.for_period(period).filter(version=version).select_related("consolidated_by").first()


@dataclass(frozen=True)
class Change:
    code: str
    quarter: int
    old: str
    new: str
    who: str
    when: datetime | None
    period_label: str = ""  # "Quý 4/2026", as a person reads the quarter


def _cell_text(cell: dict) -> str:
    if cell.get("value") is None:
        return "—"
    marks = []
    if cell.get("provisional"):
        marks.append(_("provisional"))
    if not cell.get("accepted"):
        marks.append(_("not yet accepted"))
    return cell["display"] + (f" ({', '.join(marks)})" if marks else "")


def _person(user) -> str:
    if user is None:
        return _("system")
    return user.get_full_name() or user.username


FIGURE_CHANGES = ("value", "provisional")  # what makes a cell of the table differ


def changes_since(sent: dict, current: dict, since: datetime) -> list[Change]:
    """The cells of the table that differ between a sent version and today's (old → new), with the last person
    who changed that value and when (from the values' history). Query: the history of the year's values changed
    since the version was sent (people joined)."""
    old_rows = {r["code"]: r for r in sent["rows"]}
    differing: list[tuple[str, int, str, str]] = []
    for row in current["rows"]:
        before = old_rows.get(row["code"])
        for q in QUARTERS:
            new = _cell_text(row["quarters"][str(q)])
            old = _cell_text(before["quarters"][str(q)]) if before else "—"
            if old != new:
                differing.append((row["code"], q, old, new))
    if not differing:
        return []
    # The whole history of the year's values (one query), so that a change is a record whose figure differs from
    # the one before it: a later save that changed nothing of the figure (the review's accept) names no one.
    records = SubmissionValue.history.filter(
        submission__year=current["year"], submission__unit__province__isnull=True
    ).select_related("history_user", "indicator", "submission")
    latest: dict[tuple[str, int], Any] = {}  # historical records, which have no declared type
    unit_of: dict[str, int] = {}
    for changed in record_changes(records, FIGURE_CHANGES, key=lambda r: r.id):
        record = changed.record
        unit_of[record.indicator.code] = record.submission.unit_id
        if record.history_date > since:
            latest[(record.indicator.code, record.submission.quarter)] = record
    reviews = {
        (s.unit_id, s.quarter): s
        for s in Submission.objects.filter(year=current["year"], reviewed_at__gt=since).select_related("reviewed_by")
    }
    changes = []
    for code, q, old, new in differing:
        record = latest.get((code, q))
        review = reviews.get((unit_of.get(code), q))
        if record is not None:
            who, when = _person(record.history_user), record.history_date
        elif review is not None:
            who, when = _person(review.reviewed_by), review.reviewed_at
        else:
            who, when = "", None
        changes.append(Change(code, q, old, new, who, when, period_label(ReportingPeriod(current["year"], q))))
    return changes


def number_text(value: str | None, decimals: int = 2) -> str:
    """A plain decimal string of the dict ('14.26') in the active language's notation (14,26)."""
    return "" if value is None else format_number(Decimal(value), decimals)


def measure_text(value: str | None, measure_unit: str, decimals: int = 2) -> str:
    return "" if value is None else format_measure(Decimal(value), measure_unit, decimals)


def filter_rows(
    rows: Iterable[dict],
    *,
    group: str = "",
    unit: str = "",
    flag: str = "",
    accepted_only: bool = False,
    late_or_missing: bool = False,
    lagging_units: Iterable[str] = (),
) -> list[dict]:
    """The rows a filter asks for; with `accepted_only`, values not yet accepted are left out of the cells."""
    lagging = set(lagging_units)
    result = []
    for row in rows:
        if (group and row["group"] != group) or (unit and row["unit_slug"] != unit) or (flag and row["flag"] != flag):
            continue
        if late_or_missing and row["unit_slug"] not in lagging:
            continue
        if accepted_only:
            row = {
                **row,
                "quarters": {
                    q: (c if c["accepted"] else {**c, "value": None, "display": "", "comparison": ""})
                    for q, c in row["quarters"].items()
                },
            }
        result.append(row)
    return result


# ---------------------------------------------------------------- who issues and signs the report


def report_issuer(at: datetime | None = None) -> dict:
    """Who issues and signs the report (`ReportIssuer`) as a plain dict: today's, or as it was at `at` (when a
    version was sent), from its history; the fields' defaults where nothing was saved yet (by then). One query."""
    if at is None:
        issuer = ReportIssuer.objects.first() or ReportIssuer()
    else:
        record = ReportIssuer.history.filter(history_date__lte=at).order_by("-history_date", "-history_id").first()
        issuer = record.instance if record is not None and record.history_type != "-" else ReportIssuer()
    return {
        "governing_body": issuer.governing_body,
        "issuing_body": issuer.issuing_body,
        "symbol": issuer.symbol,
        "place": issuer.place,
        "addressee": issuer.addressee,
        "authority": issuer.authority,
        "head_title": issuer.head_title,
        "signer_title": issuer.signer_title,
        "signer_name": issuer.signer_name,
        "recipients": issuer.recipients_list(),
    }
