"""`make backup` / `make restore` (tools/backup.py): a scratch database of the same engine as the test run's gets
the reference data, a submission with its values and their history; it is backed up, wiped and restored, and
every row of every table (values, targets, submissions, history records, people) comes back as it was.

On PostgreSQL it needs pg_dump and pg_restore; without them the test is skipped and says why."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)

SEED = """
import os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "strategy_tracker.settings"
django.setup()
from datetime import datetime, timezone
from decimal import Decimal
from django.contrib.auth import get_user_model
from django.core.management import call_command
from indicators.models import Indicator, Membership, Unit
from indicators.reference_data import reference_data_load
from reporting.calendar import parse_period_code
from reporting.services import FigureInput, SectionsInput, submission_save
from pathlib import Path

call_command("migrate", verbosity=0)
reference_data_load(directory=Path("fixtures"))
unit = Unit.objects.get(slug="cuc-vt")
alice = get_user_model().objects.create_user("alice", password="x")
Membership.objects.create(user=alice, role=Membership.Role.REPORTER, unit=unit)
now = datetime(2026, 11, 30, 5, tzinfo=timezone.utc)
figures = [FigureInput(indicator=i, value=Decimal("81.25")) for i in Indicator.objects.filter(reporting_unit=unit)]
first = submission_save(unit=unit, period=parse_period_code("2026Q4"), user=alice, version=0, figures=figures,
                        sections=SectionsInput(), submit=False, now=now)
figures = [FigureInput(indicator=f.indicator, value=Decimal("82.5"), source="Báo cáo quý") for f in figures]
submission_save(unit=unit, period=parse_period_code("2026Q4"), user=alice, version=first.version, figures=figures,
                sections=SectionsInput(trend_assessment="Tăng"), submit=False, now=now)
"""

FINGERPRINT = """
import hashlib, json, os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "strategy_tracker.settings"
django.setup()
from django.apps import apps
tables = {}
for model in apps.get_models():
    rows = list(model.objects.order_by("pk").values_list())
    tables[model._meta.label] = [len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()]
print(json.dumps(tables))
"""


def _python(code: str, url: str) -> str:
    env = {**os.environ, "DATABASE_URL": url}
    result = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _tool(action: str, path: Path, url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    result = subprocess.run(
        [sys.executable, "tools/backup.py", action, str(path)], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


class Scratch:
    """An empty database of the test run's engine, made and wiped outside the test run's own."""

    def __init__(self, tmp_path: Path):
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.file = tmp_path / "scratch.sqlite3"
            self.url = f"sqlite:///{self.file}"
        else:
            db = connection.settings_dict
            self.name = f"{db['NAME']}_backup"[:63]
            auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
            self.url = f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{self.name}"

    def _admin(self, sql: str) -> None:
        import psycopg

        db = connection.settings_dict
        with psycopg.connect(
            dbname="postgres",
            user=db["USER"],
            password=db.get("PASSWORD") or None,
            host=db["HOST"],
            port=db["PORT"],
            autocommit=True,
        ) as conn:
            conn.execute(sql)

    def wipe(self) -> None:
        if self.vendor == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.file}{suffix}").unlink(missing_ok=True)
        else:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}"')
            self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        if self.vendor == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}"')


@pytest.fixture
def scratch(tmp_path):
    if connection.vendor not in {"sqlite", "postgresql"}:
        pytest.skip(f"no backup for {connection.vendor}")
    if connection.vendor == "postgresql" and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("PostgreSQL client tools (pg_dump, pg_restore) are not installed: backup test not run")
    db = Scratch(tmp_path)
    db.wipe()
    yield db
    db.drop()


def test_a_backup_wiped_and_restored_gives_back_every_row(scratch, tmp_path):
    _python(SEED, scratch.url)
    before = json.loads(_python(FINGERPRINT, scratch.url))
    for model in (
        "indicators.Observation",
        "indicators.Target",
        "indicators.HistoricalTarget",
        "indicators.HistoricalObservation",
        "reporting.Submission",
        "reporting.SubmissionValue",
        "reporting.HistoricalSubmission",
        "reporting.HistoricalSubmissionValue",
        "auth.User",
    ):
        assert before[model][0] > 0, model
    assert before["reporting.HistoricalSubmissionValue"][0] >= 2  # the first value and its correction

    backup = tmp_path / "tracker.backup"
    _tool("backup", backup, scratch.url)
    assert backup.stat().st_size > 0

    scratch.wipe()
    _python_fails(FINGERPRINT, scratch.url)  # no tables any more

    _tool("restore", backup, scratch.url)
    assert json.loads(_python(FINGERPRINT, scratch.url)) == before


def _python_fails(code: str, url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    result = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode != 0, "the wiped database still has the tables"
