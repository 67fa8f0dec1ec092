"""Serve plotly.js from the installed plotly package as the static file `dashboard/vendor/plotly.min.js`: the
charts need no CDN and no copy of the library in the repository, and collectstatic/WhiteNoise hash, compress and
cache it like any other static file. The version is plotly's, pinned in pyproject.toml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_JS = "dashboard/vendor/plotly.min.js"
_SOURCE = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        storage: Any = FileSystemStorage(location=str(_SOURCE.parent))  # `prefix`: not in the storage's stubs
        storage.prefix = "dashboard/vendor"
        self.storage = storage

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path == PLOTLY_JS and _SOURCE.exists():
            return [str(_SOURCE)] if find_all else str(_SOURCE)
        return [] if find_all else None

    def list(self, ignore_patterns):
        if _SOURCE.exists():
            yield _SOURCE.name, self.storage
