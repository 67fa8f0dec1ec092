"""Loading the reference data (units, documents, indicators, targets, figures) from the CSV files in fixtures/.

Each file is described by a `Sheet`: the model it fills, the columns that identify a row, and one parser per
column. Loading is one transaction: a bad row stops everything with a message naming the file and the row,
and the database stays as it was. Loading the same files again changes nothing (no row is saved, so no
history record is written, unless a value differs).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from indicators.codes import is_valid_code, normalise_code
from indicators.models import (
    Comparator,
    Document,
    Indicator,
    IndicatorGroup,
    Observation,
    Target,
    Unit,
)
from indicators.periods import parse_period


class ReferenceDataError(Exception):
    pass


class CellError(ValueError):
    """A cell that cannot be read; the loader adds the file, the row and the column."""


Parser = Callable[[str], Any]


def text(required: bool = True, max_length: int | None = None) -> Parser:
    def parse(raw: str) -> str:
        value = raw.strip()
        if required and not value:
            raise CellError(_("is empty"))
        if max_length is not None and len(value) > max_length:
            raise CellError(_("is longer than %(n)d characters") % {"n": max_length})
        return value

    return parse


def optional_date(raw: str) -> date | None:
    if not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError as exc:
        raise CellError(_("“%(raw)s” is not a date written YYYY-MM-DD") % {"raw": raw}) from exc


def number(required: bool = True) -> Parser:
    def parse(raw: str) -> Decimal | None:
        if not raw.strip():
            if required:
                raise CellError(_("is empty"))
            return None
        try:
            value = Decimal(raw.strip())
        except InvalidOperation as exc:
            raise CellError(_("“%(raw)s” is not a number") % {"raw": raw}) from exc
        if not value.is_finite():
            raise CellError(_("“%(raw)s” is not a number") % {"raw": raw})
        return value

    return parse


def whole_number(raw: str) -> int:
    try:
        return int(raw.strip())
    except ValueError as exc:
        raise CellError(_("“%(raw)s” is not a whole number") % {"raw": raw}) from exc


def yes_no(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"yes", "có", "1", "true"}:
        return True
    if value in {"no", "không", "0", "false"}:
        return False
    raise CellError(_("“%(raw)s” is neither yes nor no") % {"raw": raw})


def _yes_unless_no(raw: str) -> bool:
    """An optional yes/no column whose blank means yes (observations.csv's unit_written)."""
    return yes_no(raw) if raw.strip() else True


def choice(choices: type[models.Choices], required: bool = True) -> Parser:
    allowed = [str(c.value) for c in choices]

    def parse(raw: str) -> str:
        value = raw.strip()
        if not value and not required:
            return ""
        if value not in allowed:
            raise CellError(_("“%(raw)s” is not one of %(allowed)s") % {"raw": raw, "allowed": ", ".join(allowed)})
        return value

    return parse


def rank(raw: str) -> int:
    """A document's legal rank: 40, 30, 20 or 10 (Document.Rank; higher wins)."""
    allowed = [str(r.value) for r in Document.Rank]
    value = raw.strip()
    if value not in allowed:
        raise CellError(
            _("“%(raw)s” is not a legal rank: %(allowed)s")
            % {"raw": raw, "allowed": "; ".join(f"{r.value} ({r.label})" for r in Document.Rank)}
        )
    return int(value)


def code(raw: str) -> str:
    value = normalise_code(raw)
    if not is_valid_code(value):
        raise CellError(_("“%(raw)s” is not an indicator code such as 1.2 or 2.10") % {"raw": raw})
    return value


def reference(model: type[models.Model], field: str, required: bool = True) -> Parser:
    """A cell naming a row loaded earlier (a unit by its key, an indicator by its code)."""

    def parse(raw: str) -> models.Model | None:
        value = raw.strip()
        if not value:
            if required:
                raise CellError(_("is empty"))
            return None
        if field == "code":
            value = normalise_code(value)
        try:
            return model._default_manager.get(**{field: value})  # `objects`: the only manager of each model
        except ObjectDoesNotExist as exc:  # what `get` raises: the model's DoesNotExist
            raise CellError(
                _("no %(model)s “%(value)s” (it must be listed before it is used)")
                % {"model": model._meta.verbose_name, "value": value}
            ) from exc

    return parse


@dataclass(frozen=True)
class Sheet:
    filename: str
    model: type[models.Model]
    key: tuple[str, ...]
    columns: dict[str, tuple[str, Parser]]  # CSV column → (model field, parser)
    check: Callable[[dict[str, Any]], None] | None = None


def _check_target(values: dict[str, Any]) -> None:
    if (values["value"] is None) != (values["comparator"] == ""):
        raise CellError(_("a target has both a value and a comparator, or neither"))


def _period_fields(raw: str) -> tuple[int, int]:
    try:
        return parse_period(raw)
    except ValueError as exc:
        raise CellError(_("“%(raw)s” is not a period such as 2022 or 2024Q3") % {"raw": raw}) from exc


SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "documents.csv",
        Document,
        ("slug",),
        {
            "slug": ("slug", text(max_length=60)),
            "number": ("number", text(required=False, max_length=80)),
            "kind": ("kind", choice(Document.Kind)),
            "rank": ("rank", rank),
            "title": ("title", text()),
            "issuer": ("issuer", text(max_length=255)),
            "issued_on": ("issued_on", optional_date),
            "note": ("note", text(required=False)),
        },
    ),
    Sheet(
        "units.csv",
        Unit,
        ("slug",),
        {
            "slug": ("slug", text(max_length=60)),
            "name": ("name", text(max_length=255)),
            "short_name": ("short_name", text(max_length=80)),
            "kind": ("kind", choice(Unit.Kind)),
            "parent": ("parent", reference(Unit, "slug", required=False)),
            "valid_from": ("valid_from", optional_date),
            "valid_to": ("valid_to", optional_date),
            "successor": ("successor", reference(Unit, "slug", required=False)),
            "note": ("note", text(required=False)),
        },
    ),
    Sheet(
        "indicator_groups.csv",
        IndicatorGroup,
        ("code",),
        {"code": ("code", code), "name": ("name", text(max_length=255))},
    ),
    Sheet(
        "indicators.csv",
        Indicator,
        ("code",),
        {
            "code": ("code", code),
            "group": ("group", reference(IndicatorGroup, "code")),
            "parent": ("parent", reference(Indicator, "code", required=False)),
            "name": ("name", text()),
            "measure_unit": ("measure_unit", text(max_length=40)),
            "direction": ("direction", choice(Indicator.Direction)),
            "decimals": ("decimals", whole_number),
            "min_value": ("min_value", number(required=False)),
            "max_value": ("max_value", number(required=False)),
            "data_source": ("data_source", text(required=False, max_length=255)),
            "reporting_unit": ("reporting_unit", reference(Unit, "slug", required=False)),
            "introduced_by": ("introduced_by", reference(Document, "slug")),
            "note": ("note", text(required=False)),
        },
    ),
    Sheet(
        "targets.csv",
        Target,
        ("indicator", "year", "document", "section"),
        {
            "indicator": ("indicator", reference(Indicator, "code")),
            "year": ("year", whole_number),
            "kind": ("kind", choice(Target.Kind)),
            "comparator": ("comparator", choice(Comparator, required=False)),
            "value": ("value", number(required=False)),
            "wording": ("wording", text()),
            "document": ("document", reference(Document, "slug")),
            "section": ("section", text(required=False, max_length=80)),
            "note": ("note", text(required=False)),
        },
        check=_check_target,
    ),
    Sheet(
        "observations.csv",
        Observation,
        ("indicator", "year", "quarter", "document"),
        {
            "indicator": ("indicator", reference(Indicator, "code")),
            "period": ("period", _period_fields),
            "value": ("value", number()),
            "provisional": ("provisional", yes_no),
            "source": ("source", text()),
            "document": ("document", reference(Document, "slug")),
            "note": ("note", text(required=False)),
            "unit_written": ("unit_written", _yes_unless_no),
        },
    ),
)


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _read_row(sheet: Sheet, row: dict[str, str], where: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column, (field, parse) in sheet.columns.items():
        try:
            parsed = parse(row.get(column) or "")
        except CellError as exc:
            message = _("%(where)s, column “%(column)s”: %(error)s") % {"where": where, "column": column, "error": exc}
            raise ReferenceDataError(message) from exc
        if field == "period":
            values["year"], values["quarter"] = parsed
        else:
            values[field] = parsed
    if sheet.check:
        try:
            sheet.check(values)
        except CellError as exc:
            raise ReferenceDataError(f"{where}: {exc}") from exc
    return values


def _save_row(sheet: Sheet, values: dict[str, Any], where: str, report: LoadReport) -> None:
    key = {field: values[field] for field in sheet.key}
    instance = sheet.model._default_manager.filter(**key).first()
    if instance is None:
        instance = sheet.model(**values)
        report.created += 1
    else:
        changed = {field: value for field, value in values.items() if getattr(instance, field) != value}
        if not changed:
            report.unchanged += 1
            return
        for field, value in changed.items():
            setattr(instance, field, value)
        report.updated += 1
    try:
        instance.full_clean(validate_unique=False)
    except ValidationError as exc:
        messages = "; ".join(
            " ".join(errors) if field == NON_FIELD_ERRORS else f"{field}: {' '.join(errors)}"
            for field, errors in exc.message_dict.items()
        )
        raise ReferenceDataError(f"{where}: {messages}") from exc
    instance.save()


def load_sheet(sheet: Sheet, path: Path, report: LoadReport) -> None:
    seen: dict[tuple, int] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in sheet.columns if column not in (reader.fieldnames or [])]
        if missing:
            raise ReferenceDataError(
                _("%(file)s: missing columns %(columns)s") % {"file": sheet.filename, "columns": ", ".join(missing)}
            )
        for line_number, row in enumerate(reader, start=2):
            where = _("%(file)s, row %(row)d") % {"file": sheet.filename, "row": line_number}
            values = _read_row(sheet, row, where)
            key = tuple(getattr(values[field], "pk", values[field]) for field in sheet.key)
            if key in seen:
                raise ReferenceDataError(
                    _("%(where)s: the same row as row %(first)d") % {"where": where, "first": seen[key]}
                )
            seen[key] = line_number
            _save_row(sheet, values, where, report)


@transaction.atomic
def reference_data_load(*, directory: Path) -> LoadReport:
    """Load every sheet from `directory`, all or nothing."""
    report = LoadReport()
    for sheet in SHEETS:
        path = directory / sheet.filename
        if not path.exists():
            raise ReferenceDataError(_("%(file)s: file not found") % {"file": path})
        load_sheet(sheet, path, report)
    return report
