"""`make backup` / `make restore` (tools/backup.py): a scratch database of the same engine as the test run's gets
the reference data, a submission with its values and their history; it is backed up, wiped and restored, and
every row of every table (values, targets, submissions, history records, people) comes back as it was. The backup
cannot lie: a database with no migrations or no reference data is refused, the file is read back, the rows are
counted and compared after a restore; `make backup` from a bare environment (cron's) names what is missing.

On PostgreSQL it needs pg_dump and pg_restore; without them the test is skipped and says why."""

import json
import os
import re
import shutil
import sqlite3
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

MIGRATE = """
import os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "strategy_tracker.settings"
django.setup()
from pathlib import Path
from django.core.management import call_command
from indicators.reference_data import reference_data_load
call_command("migrate", verbosity=0)
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


def _tool(action: str, path: Path, url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "tools/backup.py", action, str(path)], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )


def _make(target: str, path: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`make backup` / `make restore` as cron runs them: a bare environment, the configuration from its file
    (`-o install`: the virtual environment is this test run's, not one the Makefile would make)."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    command = [
        "make",
        "--no-print-directory",
        "-o",
        "install",
        "-o",
        ".venv/.installed",
        target,
        f"BACKUP={path}",
        f"PY={sys.executable}",
    ]
    return subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300)


def _counts(output: str) -> dict[str, int]:
    """The rows of each table, as the backup and the restore print them."""
    return {name: int(rows) for name, rows in re.findall(r"^  (\w+) +(\d+)$", output, re.MULTILINE)}


def _env_file(tmp_path: Path, url: str) -> dict[str, str]:
    path = tmp_path / "tracker.env"
    path.write_text(f"DEBUG=0\nSECRET_KEY={'k' * 50}\nDATABASE_URL={url}\n")
    path.chmod(0o600)
    return {"PATH": "/usr/bin:/bin", "TRACKER_ENV_FILE": str(path)}


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

    backup = tmp_path / "backups" / "tracker.backup"
    env = _env_file(tmp_path, scratch.url)
    made = _make("backup", backup, env)
    assert made.returncode == 0, made.stderr
    assert backup.stat().st_size > 0
    assert backup.stat().st_mode & 0o777 == 0o600 and backup.parent.stat().st_mode & 0o777 == 0o700
    assert sorted(p.name for p in backup.parent.iterdir()) == ["tracker.backup", "tracker.backup.counts.json"]
    assert (backup.parent / "tracker.backup.counts.json").stat().st_mode & 0o777 == 0o600
    counts = _counts(made.stdout)
    assert counts["reporting_submissionvalue"] == before["reporting.SubmissionValue"][0]
    assert counts["reporting_historicalsubmissionvalue"] == before["reporting.HistoricalSubmissionValue"][0]
    assert counts["indicators_indicator"] > 0 and counts["django_migrations"] > 0
    assert "read back (" in made.stdout

    scratch.wipe()
    _python_fails(FINGERPRINT, scratch.url)  # no tables any more

    restored = _make("restore", backup, env)
    assert restored.returncode == 0, restored.stderr
    assert _counts(restored.stdout) == counts
    assert "the same rows as the backup's" in restored.stdout
    assert json.loads(_python(FINGERPRINT, scratch.url)) == before


def test_in_a_bare_environment_make_backup_names_the_missing_database(tmp_path):
    bare = {"PATH": "/usr/bin:/bin"}
    if (BASE_DIR / ".env").exists():  # this checkout has one: an empty file in its place
        (tmp_path / "empty.env").touch(mode=0o600)
        bare["TRACKER_ENV_FILE"] = str(tmp_path / "empty.env")
    backup = tmp_path / "tracker.backup"
    made = _make("backup", backup, bare)
    assert made.returncode != 0
    assert "error: DATABASE_URL and SECRET_KEY are not set in the environment" in made.stderr
    assert not backup.exists()


def test_a_database_with_no_migrations_is_refused(scratch, tmp_path):
    if scratch.vendor == "sqlite":
        sqlite3.connect(scratch.file).close()  # an empty file, as a mistyped path would make
    backup = tmp_path / "tracker.backup"
    refused = _tool("backup", backup, scratch.url)
    assert refused.returncode == 1
    assert refused.stderr.strip().startswith("backup refused: the ") and "has no migrations applied" in refused.stderr
    assert not backup.exists()


def test_a_missing_sqlite_file_is_refused_not_made(tmp_path):
    missing = tmp_path / "db.sqlite3"
    refused = _tool("backup", tmp_path / "tracker.backup", f"sqlite:///{missing}")
    assert refused.returncode == 1
    assert (
        refused.stderr.strip()
        == f"backup refused: the SQLite database {missing} does not exist (DATABASE_URL names another?)"
    )
    assert not missing.exists()


def test_a_database_with_no_reference_data_is_refused(scratch, tmp_path):
    _python(MIGRATE, scratch.url)
    refused = _tool("backup", tmp_path / "tracker.backup", scratch.url)
    assert refused.returncode == 1
    assert "has no reference data" in refused.stderr
    assert not (tmp_path / "tracker.backup").exists()


def test_a_restore_whose_rows_differ_from_the_backups_fails_and_an_unreadable_file_replaces_nothing(scratch, tmp_path):
    _python(MIGRATE + "reference_data_load(directory=Path('fixtures'))\n", scratch.url)
    backup = tmp_path / "tracker.backup"
    made = _tool("backup", backup, scratch.url)
    assert made.returncode == 0, made.stderr
    before = _python(FINGERPRINT, scratch.url)

    garbage = tmp_path / "garbage.backup"
    garbage.write_bytes(b"not a backup" * 100)
    assert _tool("restore", garbage, scratch.url).returncode != 0
    assert _python(FINGERPRINT, scratch.url) == before  # read first: nothing was replaced

    counts_file = tmp_path / "tracker.backup.counts.json"
    counts = json.loads(counts_file.read_text())
    counts["tables"]["indicators_indicator"] += 1
    counts_file.write_text(json.dumps(counts))
    restored = _tool("restore", backup, scratch.url)
    assert restored.returncode == 1
    assert "the rows differ from the backup's" in restored.stderr and "indicators_indicator" in restored.stderr


def _python_fails(code: str, url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    result = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode != 0, "the wiped database still has the tables"
