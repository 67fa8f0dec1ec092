"""Loading the action-plan tasks from fixtures/plans/ (sections.csv, then tasks.csv), after the indicators and in
the same transaction (see the load_reference_data command).

Rows are read with the parsers of the indicators' loader, so a bad cell stops everything with a message naming the
file, the row and the column. Loading again changes nothing; a task's status is the units' business (their
progress updates), so the loader sets it only when it creates the task, from the document's “chưa thực hiện
trong năm nay”.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from indicators.models import Comparator, Document, Indicator, Unit
from indicators.reference_data import (
    CellError,
    LoadReport,
    ReferenceDataError,
    choice,
    number,
    reference,
    text,
    whole_number,
    yes_no,
)
from plans.models import Section, Status, Task

SUBDIRECTORY = "plans"


def optional_whole_number(raw: str) -> int | None:
    return whole_number(raw) if raw.strip() else None


def unit_slugs(raw: str) -> list[Unit]:
    units = []
    for slug in raw.split():
        try:
            units.append(Unit.objects.get(slug=slug))
        except Unit.DoesNotExist as exc:
            raise CellError(_("no unit “%(value)s” (it must be listed before it is used)") % {"value": slug}) from exc
    return units


SECTION_COLUMNS = {
    "document": reference(Document, "slug"),
    "key": text(max_length=40),
    "parent": text(required=False, max_length=40),
    "number": text(max_length=10),
    "title": text(),
}

TASK_COLUMNS = {
    "document": reference(Document, "slug"),
    "ref": text(max_length=40),
    "section": text(required=False, max_length=40),
    "number": text(max_length=12),
    "parent": text(required=False, max_length=40),
    "order": whole_number,
    "title": text(),
    "description": text(required=False),
    "lead": text(required=False),
    "period": text(required=False, max_length=40),
    "units": unit_slugs,
    "units_text": text(required=False),
    "product": text(required=False),
    "criterion": text(required=False),
    "criterion_indicator": reference(Indicator, "code", required=False),
    "criterion_year": optional_whole_number,
    "criterion_comparator": choice(Comparator, required=False),
    "criterion_value": number(required=False),
    "due": text(required=False, max_length=200),
    "plan_year": optional_whole_number,
    "planned": yes_no,
    "note": text(required=False),
}


def _rows(path: Path, columns: dict[str, Any]):
    if not path.exists():
        raise ReferenceDataError(_("%(file)s: file not found") % {"file": path})
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in columns if column not in (reader.fieldnames or [])]
        if missing:
            raise ReferenceDataError(
                _("%(file)s: missing columns %(columns)s") % {"file": path.name, "columns": ", ".join(missing)}
            )
        seen: dict[tuple[str, str | None], int] = {}
        for line_number, row in enumerate(reader, start=2):
            where = _("%(file)s, row %(row)d") % {"file": f"{SUBDIRECTORY}/{path.name}", "row": line_number}
            values = {}
            for column, parse in columns.items():
                try:
                    values[column] = parse(row.get(column) or "")
                except CellError as exc:
                    raise ReferenceDataError(
                        _("%(where)s, column “%(column)s”: %(error)s")
                        % {"where": where, "column": column, "error": exc}
                    ) from exc
            key = (values["document"].slug, values.get("key") or values.get("ref"))
            if key in seen:
                raise ReferenceDataError(
                    _("%(where)s: the same row as row %(first)d") % {"where": where, "first": seen[key]}
                )
            seen[key] = line_number
            yield where, values


def _lookup(model, document: Document, field: str, key: str, where: str, column: str):
    if not key:
        return None
    try:
        return model.objects.get(document=document, **{field: key})
    except model.DoesNotExist as exc:
        raise ReferenceDataError(
            _("%(where)s, column “%(column)s”: no “%(value)s” in %(document)s above this row")
            % {"where": where, "column": column, "value": key, "document": document.label}
        ) from exc


def _save(model, key: dict[str, Any], values: dict[str, Any], where: str, report: LoadReport, on_create=None):
    instance = model.objects.filter(**key).first()
    if instance is None:
        instance = model(**key, **values)
        if on_create:
            on_create(instance)
        report.created += 1
    else:
        changed = {field: value for field, value in values.items() if getattr(instance, field) != value}
        if not changed:
            report.unchanged += 1
            return instance, False
        for field, value in changed.items():
            setattr(instance, field, value)
        report.updated += 1
    try:
        instance.full_clean(validate_unique=False)
    except ValidationError as exc:
        messages = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items())
        raise ReferenceDataError(f"{where}: {messages}") from exc
    instance.save()
    return instance, True


def _check_criterion(values: dict[str, Any], where: str) -> None:
    parts = [values[f] for f in ("criterion_indicator", "criterion_year", "criterion_value")]
    if any(p is not None for p in parts) and (any(p is None for p in parts) or not values["criterion_comparator"]):
        raise ReferenceDataError(
            _("%(where)s: a criterion tied to an indicator needs the indicator, the year, the comparator and the value")
            % {"where": where}
        )


@transaction.atomic
def plans_reference_data_load(*, directory: Path, report: LoadReport | None = None) -> LoadReport:
    """Load the sections and the tasks of fixtures/plans/, all or nothing."""
    report = report or LoadReport()
    folder = directory / SUBDIRECTORY
    for where, values in _rows(folder / "sections.csv", SECTION_COLUMNS):
        document = values.pop("document")
        values["parent"] = _lookup(Section, document, "key", values["parent"], where, "parent")
        _save(Section, {"document": document, "key": values.pop("key")}, values, where, report)
    for where, values in _rows(folder / "tasks.csv", TASK_COLUMNS):
        document = values.pop("document")
        _check_criterion(values, where)
        values["section"] = _lookup(Section, document, "key", values["section"], where, "section")
        values["parent"] = _lookup(Task, document, "ref", values["parent"], where, "parent")
        units = values.pop("units")

        def initial_status(task: Task) -> None:
            task.status = Status.NOT_STARTED if task.planned else Status.NOT_PLANNED

        task, _changed = _save(
            Task, {"document": document, "ref": values.pop("ref")}, values, where, report, on_create=initial_status
        )
        if {u.pk for u in task.units.all()} != {u.pk for u in units}:
            task.units.set(units)
    return report
