"""The Excel round trip's read model and checks: what the downloaded form holds, and what an uploaded one would
change.

An upload's cells go through the entry page's own forms (`IndicatorFigureForm`, `SubmissionForm`): the same
parser (`indicators.values`), the same bounds, lengths and messages as a figure typed on the page. A number
stored as a number in Excel is taken exactly as it is (`reporting.excel.exact_number`) and never goes through
the text parser, so "1.234" typed as a number is one and a bit whatever the text parser's rules.
Saving goes through `reporting.services.submission_import`, the entry page's save.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from indicators.fields import FigureField, figure_error_message
from indicators.figures import GOAL, targets_in_force
from indicators.formatting import format_measure, format_target
from indicators.models import Indicator, Unit
from indicators.values import MAX_DECIMALS, MAX_INTEGER_DIGITS, FigureError, accepted_examples, check_bounds
from quality.selectors import RuleWarning, figure_warnings
from reporting import excel
from reporting.calendar import ReportingPeriod
from reporting.forms import IndicatorFigureForm, SubmissionForm, prefix_for
from reporting.labels import locked_message, period_coverage, period_label, short_date
from reporting.models import Submission
from reporting.selectors import EntryRow, _display
from reporting.services import FIGURE_FIELDS, SECTION_FIELDS, FigureInput, SectionsInput, required_sections
from reporting.workflow import Status

# ---------------------------------------------------------------- the downloaded form


def _target_text(target, indicator: Indicator) -> str:
    if target is None:
        return ""
    figure = format_target(target.comparator, target.value, indicator.measure_unit, indicator.decimals)
    return f"{figure or target.wording} ({target.cited_inline})"


def _year_target(row: EntryRow, year: int) -> str:
    if row.target is not None:
        return _target_text(row.target, row.indicator)
    text = _("No target set for %(year)s.") % {"year": year}
    if row.next_target is not None:
        text += " " + _("Next target (%(year)s):") % {"year": row.next_target.year}
        text += " " + _target_text(row.next_target, row.indicator)
    return text


def _goal_text(in_force: dict, indicator: Indicator, year: int, goal_year: int | None) -> str:
    """The goal column of one line: the indicator's goal of the column's year; else its own next goal, its year
    written; else, once its last goal year has passed (15 indicators after 2025), that goal, said to be past and
    that no later goal is set, as a reporter reads Phụ lục 01: the goal the figures were steered to until a new
    one is set."""
    goals = sorted(y for y, kind in in_force if kind == GOAL)
    ahead = [y for y in goals if y >= year]
    if ahead:
        text = _target_text(in_force[(ahead[0], GOAL)], indicator)
        return text if ahead[0] == goal_year else _("%(year)s goal: %(target)s") % {"year": ahead[0], "target": text}
    if not goals:
        return ""
    last = goals[-1]
    return _("%(year)s goal (past): %(target)s. No goal set after %(year)s.") % {
        "year": last,
        "target": _target_text(in_force[(last, GOAL)], indicator),
    }


def _latest(row: EntryRow) -> str:
    if not row.previous:
        return ""
    o = row.previous[0]
    when = period_label(ReportingPeriod(o.year, o.quarter)) if o.quarter else str(o.year)
    text = f"{when}: {format_measure(o.value, row.indicator.measure_unit, row.indicator.decimals)}"
    return f"{text} ({_('provisional estimate')})" if o.provisional else text


def form_content(
    *, unit: Unit, period: ReportingPeriod, submission: Submission | None, rows: list[EntryRow], now: datetime
) -> excel.FormContent:
    """The workbook's content from the entry page's rows (no query: the rows hold the prefetched targets)."""
    lines = []
    # Phụ lục 01 shows a strategy goal beside every indicator: the goal to steer to from this period on (2030 for
    # 2026Q4), the first goal year not before the period's, as the documents set it (no year written here).
    in_force = {row.indicator.pk: targets_in_force(row.indicator.targets.all()) for row in rows}
    goal_years = sorted({year for targets in in_force.values() for year, kind in targets if kind == GOAL})
    goal_year = next((year for year in goal_years if year >= period.year), None)
    for row in rows:
        indicator = row.indicator
        entered = {name: getattr(row.value, name) for name in FIGURE_FIELDS} if row.value is not None else {}
        lines.append(
            excel.FormLine(
                code=indicator.code,
                name=indicator.name,
                measure_unit=indicator.measure_unit,
                data_source=indicator.data_source,
                minimum=indicator.min_value,
                maximum=indicator.max_value,
                entered=entered,
                year_target=_year_target(row, period.year),
                goal=_goal_text(in_force[indicator.pk], indicator, period.year, goal_year),
                latest=_latest(row),
            )
        )
    labels = SubmissionForm(period=period).fields
    return excel.FormContent(
        unit_slug=unit.slug,
        unit_name=unit.short_name,
        period_code=period.code,
        period_label=period_label(period),
        coverage=period_coverage(period),
        deadline=short_date(period.unit_deadline),
        year=period.year,
        version=submission.version if submission else 0,
        lines=lines,
        sections={name: getattr(submission, name) for name in SECTION_FIELDS} if submission else {},
        section_labels={name: str(labels[name].label) for name in SECTION_FIELDS},
        required_sections=required_sections(period),
        last_comparison_year=now.year,
        downloaded_at=date_format(now, "SHORT_DATETIME_FORMAT"),
        goal_year=goal_year,
    )


def form_filename(unit: Unit, period: ReportingPeriod) -> str:
    return f"phu-luc-01_{unit.slug}_{period.code}.xlsx"


# ---------------------------------------------------------------- checking an upload


class CellFigureField(FigureField):
    """The entry page's figure field, also taking a number cell (a Decimal read exactly from the workbook)."""

    def to_python(self, value):
        if isinstance(value, bool | datetime | date | time):
            examples = accepted_examples(percentage=self.percentage, minimum=self.minimum, maximum=self.maximum)
            error = FigureError("not_a_number", examples=examples)
            raise ValidationError(figure_error_message(error), code="not_a_number")
        if not isinstance(value, Decimal):
            return super().to_python(value)
        try:
            sign, digits, exponent = value.as_tuple()
            decimals = max(0, -exponent) if isinstance(exponent, int) else 0
            if decimals > MAX_DECIMALS:
                raise FigureError("too_many_decimals", decimals=MAX_DECIMALS)
            if len(digits) - decimals > MAX_INTEGER_DIGITS:
                raise FigureError("too_large")
            check_bounds(value, minimum=self.minimum, maximum=self.maximum)
        except FigureError as error:
            raise ValidationError(figure_error_message(error), code=error.code) from error
        return value


class ImportFigureForm(IndicatorFigureForm):
    """The entry page's form for one indicator's row of the workbook."""

    value = CellFigureField(label=IndicatorFigureForm.base_fields["value"].label, required=False)
    comparison_value = CellFigureField(label=IndicatorFigureForm.base_fields["comparison_value"].label, required=False)


def _provisional(cell: excel.CellValue) -> bool | None:
    """Yes/No in the active language or the other one; None when the cell cannot be read as either."""
    value = cell.value
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().lower()
    yes, no = (word.lower() for word in excel.yes_no())
    if text in {yes, "có", "yes", "x", "1", "true", "tạm ước tính"}:
        return True
    if text in {no, "", "không", "no", "0", "false"}:
        return False
    return None


def _form_value(name: str, cell: excel.CellValue) -> object:
    """What the entry form receives for a cell: texts as text, numbers as exact Decimals for the figure fields."""
    value = cell.value
    if value is None:
        return ""
    if name in ("value", "comparison_value"):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


@dataclass(frozen=True)
class Change:
    code: str  # "" for a written section
    field: str
    label: str
    cell: str
    old: str
    new: str


@dataclass
class ImportPreview:
    version: int  # the submission's version the preview was made on (0: not started)
    downloaded_version: int | None
    figures: list[FigureInput]
    sections: SectionsInput
    changes: list[Change]
    # What the data-quality rules ask about the file's figures, by indicator code (the page asks for the notes)
    warnings: dict[str, list[RuleWarning]] = field(default_factory=dict)

    @property
    def changed_since_download(self) -> bool:
        return self.downloaded_version is not None and self.downloaded_version != self.version

    def as_session(self) -> dict:
        """For the confirmation step, in the session (JSON): values as exact strings."""
        return {
            "version": self.version,
            "figures": {
                f.indicator.code: {name: _plain(getattr(f, name)) for name in FIGURE_FIELDS} for f in self.figures
            },
            "sections": {name: getattr(self.sections, name) for name in SECTION_FIELDS},
            "changes": len(self.changes),
        }


def _plain(value):
    return format(value, "f") if isinstance(value, Decimal) else value


def from_session(data: dict, indicators: list[Indicator]) -> tuple[int, list[FigureInput], SectionsInput]:
    by_code = {i.code: i for i in indicators}
    figures = []
    for code, values in data["figures"].items():
        values = dict(values)
        for name in ("value", "comparison_value"):
            values[name] = Decimal(values[name]) if values[name] is not None else None
        figures.append(FigureInput(indicator=by_code[code], **values))
    return data["version"], figures, SectionsInput(**data["sections"])


class ImportRefused(Exception):
    """The upload cannot be saved: `status` is the HTTP answer (400, 409 locked, 413 too large)."""

    def __init__(self, problems: list[excel.Problem], status: int = 400) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems
        self.status = status


def identity(unit: Unit, period: ReportingPeriod, rows: list[EntryRow]) -> excel.FormIdentity:
    return excel.FormIdentity(
        unit_slug=unit.slug,
        unit_name=unit.short_name,
        period_code=period.code,
        period_label=period_label(period),
        codes=[row.indicator.code for row in rows],
    )


def check_editable(submission: Submission | None) -> None:
    if submission is not None and not submission.is_editable:
        raise ImportRefused([excel.Problem(locked_message(Status(submission.status)))], status=409)


def import_preview(
    *,
    content: bytes,
    unit: Unit,
    period: ReportingPeriod,
    submission: Submission | None,
    rows: list[EntryRow],
    today: date,
) -> ImportPreview:
    """Every change the upload would make to the unit's submission, or ImportRefused with every problem by sheet
    and cell. Writes nothing."""
    check_editable(submission)
    try:
        read = excel.read_workbook(content, expected=identity(unit, period, rows))
    except excel.WorkbookRefused as refused:
        raise ImportRefused(refused.problems, status=413 if refused.too_large else 400) from refused

    problems: list[excel.Problem] = []
    figures: list[FigureInput] = []
    changes: list[Change] = []
    for row in rows:
        code = row.indicator.code
        cells = read.figures[code]
        prefix = prefix_for(row.indicator)
        data = {f"{prefix}-{name}": _form_value(name, cell) for name, cell in cells.items() if name != "provisional"}
        provisional = _provisional(cells["provisional"])
        if provisional is None:
            yes, no = excel.yes_no()
            cell = cells["provisional"]
            message = _("Write “%(yes)s” or “%(no)s”.") % {"yes": yes, "no": no}
            problems.append(excel.Problem(message, cell.sheet, cell.ref, cell.shown))
        data[f"{prefix}-provisional"] = bool(provisional)
        form = ImportFigureForm(data, indicator=row.indicator, today=today, official_accepted=row.official_accepted)
        if not form.is_valid():
            # in the order of the row's cells, as the person reads them
            for name in sorted(form.errors, key=lambda n: cells[n].ref if n in cells else ""):
                cell = cells.get(name) or cells["value"]
                problems.extend(excel.Problem(str(e), cell.sheet, cell.ref, cell.shown) for e in form.errors[name])
            continue
        figure = form.to_input()
        figures.append(figure)
        for name in FIGURE_FIELDS:
            old = getattr(row.value, name) if row.value is not None else _empty(name)
            new = getattr(figure, name)
            if old != new:
                label = str(form.fields[name].label)
                if name.startswith("comparison_") and name != "comparison_with":
                    label = f"{form.fields['comparison_with'].help_text}: {label}"
                changes.append(Change(code, name, label, cells[name].ref, _display(name, old), _display(name, new)))

    sections_data: dict[str, object] = {"version": "0", "action": SubmissionForm.SAVE}
    sections_data |= {name: _form_value(name, read.sections[name]) for name in SECTION_FIELDS}
    sections_form = SubmissionForm(sections_data, period=period)
    sections = SectionsInput()
    if sections_form.is_valid():
        sections = sections_form.to_input()
        for name in SECTION_FIELDS:
            old, new = (getattr(submission, name) if submission else ""), getattr(sections, name)
            if old != new:
                label = str(sections_form.fields[name].label)
                changes.append(
                    Change("", name, label, read.sections[name].ref, _display(name, old), _display(name, new))
                )
    else:
        for name, errors in sections_form.errors.items():
            cell = read.sections[name]
            problems.extend(excel.Problem(str(e), cell.sheet, cell.ref) for e in errors)

    stored = {row.indicator.pk: row.value.value for row in rows if row.value is not None}
    found = figure_warnings(period=period, figures=figures, stored=stored, province_id=unit.province_id)
    warnings = {f.indicator.code: found[f.indicator.pk] for f in figures if f.indicator.pk in found}
    for code, asked in warnings.items():
        cell = read.figures[code]["value"]
        problems.extend(excel.Problem(w.message, cell.sheet, cell.ref, cell.shown) for w in asked if w.refuses)

    if problems:
        raise ImportRefused(problems)
    return ImportPreview(
        version=submission.version if submission else 0,
        downloaded_version=read.version,
        figures=figures,
        sections=sections,
        changes=changes,
        warnings=warnings,
    )


def _empty(name: str):
    return False if name == "provisional" else None if name in ("value", "comparison_value", "comparison_year") else ""
