"""Back up and restore the tracker's database: `python tools/backup.py backup FILE` / `restore FILE`.

The database is the one the settings use: DATABASE_URL, from the environment or the configuration file
(TRACKER_ENV_FILE, default .env); with DEBUG off and no DATABASE_URL nothing is backed up (strategy_tracker.
configuration). A backup that cannot be trusted is an error, never a success:
- a database with no migrations applied or no reference data (no indicator) is refused: it is not the tracker's;
- the file written is read back (`pg_restore --list` lists every table's data; SQLite's `PRAGMA integrity_check` on
  the copy says "ok"), and the rows of each table are printed: on PostgreSQL counted in the very snapshot that
  `pg_dump` writes (`--snapshot`), on SQLite in the copy itself;
- the counts are kept beside the backup (FILE.counts.json); a restore prints each table's rows afterwards and fails
  when they differ from the backup's.
The backup and its counts are readable by their owner alone (0600), in a folder made 0700.

- PostgreSQL: `pg_dump --format=custom` (a consistent snapshot while the app keeps serving) and `pg_restore
  --clean --if-exists` (replaces every table of the dump; run it with the app servers stopped). The client tools
  (`pg_dump`, `pg_restore`) must match the server's major version or be newer.
- SQLite: SQLite's online backup (a consistent copy, even while the app writes), and the same in reverse
  (run the restore with the app servers stopped too: each keeps answers in memory for the database's state).
`make backup` and `make restore BACKUP=FILE` call it.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from strategy_tracker.configuration import exit_on_configuration_error  # noqa: E402


def _database() -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_tracker.settings")
    import django
    from django.conf import settings

    django.setup()
    return dict(settings.DATABASES["default"])


def _engine(db: dict[str, Any]) -> str:
    for engine in ("postgresql", "sqlite3"):
        if engine in db["ENGINE"]:
            return engine
    raise SystemExit(f"No backup for the database engine {db['ENGINE']}")


def _name(db: dict[str, Any]) -> str:
    if _engine(db) == "sqlite3":
        return f"the SQLite database {db['NAME']}"
    return f"the database {db['NAME']} on {db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}"


def _pg_env(db: dict) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            key: str(value)
            for key, value in {
                "PGHOST": db.get("HOST"),
                "PGPORT": db.get("PORT"),
                "PGUSER": db.get("USER"),
                "PGPASSWORD": db.get("PASSWORD"),
                "PGDATABASE": db["NAME"],
            }.items()
            if value
        }
    )
    return env


def _run(command: list[str], env: dict[str, str] | None = None) -> str:
    """Runs a client tool; its own error message goes to stderr, and a failure ends the backup."""
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed (exit status {done.returncode}): see its message above")
    return done.stdout


def _sqlite_copy(source: str, target: str, *, one_file: bool = False) -> None:
    """SQLite's online backup of `source` into `target`; `one_file`: the copy without a write-ahead log (a backup is
    one file, read back without -wal and -shm files beside it)."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
        if one_file:
            dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


def _sqlite_check(path: Path) -> dict[str, int]:
    """The copy read back: SQLite's integrity check, then the rows of each table."""
    copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        verdict = [row[0] for row in copy.execute("PRAGMA integrity_check")]
        if verdict != ["ok"]:
            raise SystemExit(f"{path} cannot be read back: PRAGMA integrity_check says {'; '.join(verdict)}")
        names = [
            row[0]
            for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        ]
        return {name: copy.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in sorted(names)}
    finally:
        copy.close()


def _pg_listed_tables(path: Path) -> set[str]:
    """The tables whose data `pg_restore --list` reads from the dump (it fails on a file it cannot read)."""
    listing = _run(["pg_restore", "--list", str(path)])
    return {match[1] for match in re.finditer(r"\bTABLE DATA \S+ (\S+)", listing)}


def _row_counts() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def _refusal() -> str | None:
    """Why this database is not one to back up (no migrations applied, no reference data), or None."""
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    from indicators.models import Indicator

    recorder = MigrationRecorder(connection)
    if not recorder.has_table() or not recorder.applied_migrations():
        return "has no migrations applied"
    if Indicator._meta.db_table not in connection.introspection.table_names() or not Indicator.objects.exists():
        return "has no reference data (no indicator: manage.py load_reference_data)"
    return None


@contextmanager
def _snapshot(engine: str) -> Iterator[str | None]:
    """On PostgreSQL, one repeatable-read transaction whose snapshot pg_dump reads too: the checks, the counts and
    the dump see the same rows, whatever the app servers write meanwhile."""
    from django.db import connection, transaction

    if engine != "postgresql":
        yield None
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        yield cursor.fetchone()[0]


def _private_folder(folder: Path) -> None:
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)


def _counts_file(path: Path) -> Path:
    return path.with_name(path.name + ".counts.json")


def _report(title: str, counts: dict[str, int]) -> None:
    width = max(len(name) for name in counts)
    print(title)
    for name, rows in counts.items():
        print(f"  {name:<{width}} {rows:>9}")
    print(f"  {len(counts)} tables, {sum(counts.values())} rows")


def backup(path: Path) -> None:
    db = _database()
    engine = _engine(db)
    if engine == "sqlite3" and not Path(db["NAME"]).is_file():
        raise SystemExit(f"backup refused: {_name(db)} does not exist (DATABASE_URL names another?)")
    _private_folder(path.parent)
    previous = os.umask(0o077)  # what pg_dump and SQLite write is their owner's alone
    try:
        with _snapshot(engine) as snapshot:
            if reason := _refusal():
                raise SystemExit(f"backup refused: {_name(db)} {reason}")
            if snapshot:
                counts = _row_counts()
                _run(
                    ["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot}", "--file", str(path)],
                    env=_pg_env(db),
                )
        if engine == "sqlite3":
            _sqlite_copy(str(db["NAME"]), str(path), one_file=True)
            counts = _sqlite_check(path)
            read_back = "PRAGMA integrity_check: ok"
        else:
            unlisted = sorted(set(counts) - _pg_listed_tables(path))
            if unlisted:
                raise SystemExit(f"{path} cannot be read back whole: pg_restore --list misses {', '.join(unlisted)}")
            read_back = f"pg_restore --list: the data of all {len(counts)} tables"
        _counts_file(path).write_text(json.dumps({"tables": counts}, indent=1) + "\n")
    finally:
        os.umask(previous)
    path.chmod(0o600)
    _counts_file(path).chmod(0o600)
    _report(f"backup: {path} ({path.stat().st_size} bytes), of {_name(db)}; read back ({read_back}):", counts)


def restore(path: Path) -> None:
    if not path.is_file():
        raise SystemExit(f"No backup file {path}")
    db = _database()
    engine = _engine(db)
    # The file is read before anything is replaced.
    if engine == "postgresql":
        _pg_listed_tables(path)
    else:
        _sqlite_check(path)
    if engine == "postgresql":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                db["NAME"],
                str(path),
            ],
            env=_pg_env(db),
        )
    else:
        previous = os.umask(0o077)
        try:
            _sqlite_copy(str(path), str(db["NAME"]))
        finally:
            os.umask(previous)
    counts = _row_counts()
    _report(f"restore: {path} into {_name(db)}; rows now:", counts)
    expected_file = _counts_file(path)
    if not expected_file.is_file():
        print(f"  ({expected_file.name} not found: the counts are not compared with the backup's)")
        return
    expected = json.loads(expected_file.read_text())["tables"]
    differ = [
        f"{name} {expected.get(name, 'none')} → {counts.get(name, 'none')}"
        for name in sorted(set(expected) | set(counts))
        if expected.get(name) != counts.get(name)
    ]
    if differ:
        raise SystemExit(f"restore: the rows differ from the backup's ({expected_file.name}): {'; '.join(differ)}")
    print(f"  the same rows as the backup's, table by table ({expected_file.name})")


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in {"backup", "restore"}:
        raise SystemExit("usage: python tools/backup.py backup|restore FILE")
    {"backup": backup, "restore": restore}[sys.argv[1]](Path(sys.argv[2]))


if __name__ == "__main__":
    exit_on_configuration_error(main)
