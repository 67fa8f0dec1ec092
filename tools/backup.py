"""Back up and restore the tracker's database: `python tools/backup.py backup FILE` / `restore FILE`.

The database is the one the settings use (DATABASE_URL, else SQLite under var/).
- PostgreSQL: `pg_dump --format=custom` (a consistent snapshot while the app keeps serving) and `pg_restore
  --clean --if-exists` (replaces every table of the dump; run it with the app servers stopped). The client tools
  (`pg_dump`, `pg_restore`) must match the server's major version or be newer.
- SQLite: SQLite's online backup (a consistent copy, even while the app writes), and the same in reverse
  (run the restore with the app servers stopped too: each keeps answers in memory for the database's state).
`make backup` and `make restore BACKUP=FILE` call it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent


def _database() -> dict[str, Any]:
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_tracker.settings")
    import django
    from django.conf import settings

    django.setup()
    return dict(settings.DATABASES["default"])


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


def _sqlite_copy(source: str, target: str) -> None:
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()


def backup(path: Path) -> None:
    db = _database()
    path.parent.mkdir(parents=True, exist_ok=True)
    if "postgresql" in db["ENGINE"]:
        subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--file", str(path)], env=_pg_env(db), check=True)
    elif "sqlite3" in db["ENGINE"]:
        _sqlite_copy(str(db["NAME"]), str(path))
    else:
        raise SystemExit(f"No backup for the database engine {db['ENGINE']}")


def restore(path: Path) -> None:
    if not path.is_file():
        raise SystemExit(f"No backup file {path}")
    db = _database()
    if "postgresql" in db["ENGINE"]:
        subprocess.run(
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
            check=True,
        )
    elif "sqlite3" in db["ENGINE"]:
        _sqlite_copy(str(path), str(db["NAME"]))
    else:
        raise SystemExit(f"No restore for the database engine {db['ENGINE']}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in {"backup", "restore"}:
        raise SystemExit("usage: python tools/backup.py backup|restore FILE")
    {"backup": backup, "restore": restore}[sys.argv[1]](Path(sys.argv[2]))
    print(f"{sys.argv[1]}: {sys.argv[2]}")
