"""Stored assessments: each indicator's read model (`Assessment`) kept in the database, so that the pages listing
every indicator (home, dashboard, consolidated table and its files, the API list) read it instead of fetching every
target and figure ever recorded and assessing them again.

A stored assessment is read only if it was made for the indicator's current `revision`, for today and in the
current layout; otherwise it is made again (from the targets and figures, `assess_indicator`) and stored. The
revision is raised by database triggers in the same transaction as every change that can alter an assessment
(of the indicator, its targets and figures, or a document they cite: `strategy_tracker.versions`), whatever path
made it, so a stored assessment is never read stale: a reader that made one from figures since changed stored it
under the old revision, which no later reader takes. The day is part of the key because the goal to steer to, the
verdicts on goals past and the projections depend on it.

What is stored is the assessment's progress and, apart from it (unpickled only when a page reads them), its
targets per (year, kind) and its yearly figures, pickled as Django's own caches store values, with the indicator
itself left out and put back on reading.
"""

from __future__ import annotations

import hashlib
import io
import logging
import pickle
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path

import django
from django.db import DEFAULT_DB_ALIAS, DatabaseError, models, transaction
from django.db.models import prefetch_related_objects
from django.db.models.base import ModelState

from indicators.assessment import Assessment, assess_indicator
from indicators.models import Document, Indicator, Observation, StoredAssessment, Target
from indicators.progress import Progress


def _layout() -> str:
    """A change of what is stored, of the code that makes it (the method, the rules in force, the read model), or
    of Django (whose model instances are pickled) makes every assessment again."""
    digest = hashlib.sha256()
    for module in ("progress.py", "figures.py", "values.py", "assessment.py", "stored.py", "models.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return f"4/{django.get_version()}/{digest.hexdigest()[:16]}"


LAYOUT = _layout()
# What a stored assessment may hold: the read model's own types, numbers and days; nothing else is unpickled.
_ALLOWED_MODULES = {"decimal", "datetime", "indicators.progress", "indicators.models", "indicators.stored"}
_INDICATOR = "indicator"
_FIGURES = ("targets", "targets__document", "observations", "observations__document")
logger = logging.getLogger(__name__)


def _instance(cls: type[models.Model], values: dict, related: dict) -> models.Model:
    """A target, figure or document as it was stored, with its related objects (its document, the indicator)
    cached as a fetch would have them. Django's own unpickling looks the model up in the app registry for every
    instance: most of a page's time with a thousand targets."""
    instance = cls.__new__(cls)
    instance.__dict__.update(values)
    state = ModelState()
    state.adding = False
    state.db = DEFAULT_DB_ALIAS
    state.fields_cache = related
    instance._state = state
    return instance


class _Pickler(pickle.Pickler):
    def __init__(self, file, indicator: Indicator) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.indicator = indicator

    def persistent_id(self, obj):  # the indicator (which every target and figure refers to) is not stored
        return _INDICATOR if obj is self.indicator else None

    def reducer_override(self, obj):
        if isinstance(obj, (Target, Observation, Document)):
            values = {key: value for key, value in obj.__dict__.items() if not key.startswith("_")}
            return _instance, (type(obj), values, dict(obj._state.fields_cache))
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, indicator: Indicator) -> None:
        super().__init__(file)
        self.indicator = indicator

    def persistent_load(self, pid):
        if pid != _INDICATOR:
            raise pickle.UnpicklingError(f"unknown reference {pid!r}")
        return self.indicator

    def find_class(self, module: str, name: str):
        if module not in _ALLOWED_MODULES:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a stored assessment")
        return super().find_class(module, name)


def _dumps(value, indicator: Indicator) -> bytes:
    file = io.BytesIO()
    _Pickler(file, indicator).dump(value)
    return file.getvalue()


def _loads(data: bytes, indicator: Indicator):
    return _Unpickler(io.BytesIO(data), indicator).load()


def dump(assessment: Assessment) -> tuple[bytes, bytes]:
    """The progress and the figures of the targets in force, and apart from them the targets and yearly figures
    (read only by the pages that show them)."""
    indicator = assessment.indicator
    return (
        _dumps((assessment.progress, assessment.figures_in_force), indicator),
        _dumps((assessment.groups, assessment.yearly), indicator),
    )


class _ReadAssessment(Assessment):
    """An assessment read from storage. Its targets and yearly figures are unpickled when first read: the API list,
    the dashboard and the consolidated table read only the progress and the figures in force; the home table, an
    indicator's API detail and the API list with `nested=1` the targets too."""

    def __init__(
        self,
        indicator: Indicator,
        progress: Progress,
        figures_in_force: dict[tuple[int, str], tuple[str, Decimal | None, str]],
        today: date,
        detail: bytes,
    ) -> None:
        # Not the dataclass's __init__: `groups` and `yearly` are left unset until __getattr__ reads them.
        self.indicator = indicator
        self.progress = progress
        self.__dict__["figures_in_force"] = figures_in_force  # the cached property, as stored
        self.today = today
        self._detail = detail

    def __getattr__(self, name: str):
        if name not in ("groups", "yearly"):
            raise AttributeError(name)
        try:
            self.groups, self.yearly = _loads(self.__dict__["_detail"], self.indicator)
        except Exception:  # noqa: BLE001  # unreadable: made again from the database for this indicator
            logger.warning("stored targets of indicator %s unreadable: read again", self.indicator.pk, exc_info=True)
            prefetch_related_objects([self.indicator], *_FIGURES)
            made = assess_indicator(self.indicator, self.today)
            self.groups, self.yearly = made.groups, made.yearly
        return self.__dict__[name]


def load(stored: StoredAssessment, indicator: Indicator, today: date) -> Assessment:
    progress, figures_in_force = _loads(bytes(stored.data), indicator)
    return _ReadAssessment(indicator, progress, figures_in_force, today, bytes(stored.detail))


def _stored(indicator: Indicator, today: date) -> StoredAssessment | None:
    try:
        stored = indicator.stored_assessment
    except StoredAssessment.DoesNotExist:
        return None
    if stored.revision != indicator.revision or stored.as_of != today or stored.layout != LAYOUT:
        return None
    return stored


def stored_assessments(indicators: Iterable[Indicator], today: date) -> list[Assessment]:
    """The assessment of each indicator (fetched with `Indicator.objects.with_stored()`) as of `today`, in their
    order. Queries: none when every one is stored for today; otherwise four to fetch the targets and figures of
    those that are not (and their documents), and one to store them."""
    indicators = list(indicators)
    found: dict[int, Assessment] = {}
    missing = []
    for indicator in indicators:
        stored = _stored(indicator, today)
        try:
            if stored is not None:
                found[indicator.pk] = load(stored, indicator, today)
                continue
        except Exception:  # noqa: BLE001  # unreadable (a class since renamed): made again, as if not stored
            logger.warning("stored assessment of indicator %s unreadable: made again", indicator.pk, exc_info=True)
        missing.append(indicator)
    if missing:
        prefetch_related_objects(missing, *_FIGURES)
        made = [assess_indicator(indicator, today) for indicator in missing]
        found.update((a.indicator.pk, a) for a in made)
        _store(made, today)
    return [found[indicator.pk] for indicator in indicators]


def _store(made: list[Assessment], today: date) -> None:
    """Store what a page made. A page that cannot write (the database busy with a long write, an indicator deleted
    meanwhile) still shows what it made: the next page makes it again."""
    rows = []
    for a in made:
        data, detail = dump(a)
        rows.append(
            StoredAssessment(
                indicator=a.indicator,
                revision=a.indicator.revision,
                as_of=today,
                layout=LAYOUT,
                data=data,
                detail=detail,
            )
        )
    try:
        with transaction.atomic():
            StoredAssessment.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["indicator"],
                update_fields=["revision", "as_of", "layout", "data", "detail"],
            )
    except DatabaseError:
        logger.warning("stored assessments not written: made again by the next page", exc_info=True)
