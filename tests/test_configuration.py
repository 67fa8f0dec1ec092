"""No silent fallback, and one configuration file read everywhere (strategy_tracker.configuration).

With DEBUG off, a process without DATABASE_URL or SECRET_KEY stops at start with one line naming them: manage.py
and its commands, the WSGI entry under gunicorn, the tools. The configuration file (TRACKER_ENV_FILE, default .env
at the project root) completes the environment, the process's own variables winning. Each test runs the tracker in a
fresh process from a bare environment (`env -i PATH=/usr/bin:/bin`), as cron and systemd run it."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent


def bare(tmp_path: Path, **env: str) -> dict[str, str]:
    """A bare environment with no configuration file: the project's own .env when it has none (a fresh clone, CI),
    else an empty file in its place, so that a developer's .env changes nothing here."""
    environment = {"PATH": "/usr/bin:/bin"}
    if (BASE_DIR / ".env").exists():
        empty = tmp_path / "empty.env"
        empty.touch(mode=0o600)
        environment["TRACKER_ENV_FILE"] = str(empty)
    return {**environment, **env}


def env_file(tmp_path: Path, text: str, mode: int = 0o600) -> Path:
    path = tmp_path / "tracker.env"
    path.write_text(text)
    path.chmod(mode)
    return path


def run(args: list[str], env: dict[str, str], cwd: Path = BASE_DIR) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


PRINT_SETTINGS = """
import json, os, sys
sys.path.insert(0, os.environ["PROJECT"])
import strategy_tracker.wsgi
from django.conf import settings as s
print(json.dumps({"hosts": s.ALLOWED_HOSTS, "first": s.REPORTING_FIRST_PERIOD, "db": s.DATABASES["default"]["NAME"]}))
"""


def settings_of(env: dict[str, str], cwd: Path = BASE_DIR) -> dict:
    import json

    result = run([sys.executable, "-c", PRINT_SETTINGS], {**env, "PROJECT": str(BASE_DIR)}, cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_in_a_bare_environment_a_command_stops_with_one_line_naming_the_database_and_the_key(tmp_path):
    result = run([sys.executable, "manage.py", "check"], bare(tmp_path))
    assert result.returncode == 1
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: DATABASE_URL and SECRET_KEY are not set in the environment"), line


@pytest.mark.parametrize(("missing", "given"), [("DATABASE_URL", "SECRET_KEY"), ("SECRET_KEY", "DATABASE_URL")])
def test_each_missing_variable_is_named(tmp_path, missing, given):
    value = {"SECRET_KEY": "k" * 50, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}[given]
    result = run([sys.executable, "manage.py", "check"], bare(tmp_path, DEBUG="0", **{given: value}))
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {missing} is not set"), line
    assert given not in line


def test_the_app_server_does_not_start_and_says_why(tmp_path):
    result = run([str(BIN / "gunicorn"), "strategy_tracker.wsgi", "--bind", "127.0.0.1:0"], bare(tmp_path))
    assert result.returncode != 0
    assert "DATABASE_URL and SECRET_KEY are not set in the environment" in result.stderr


def test_development_falls_back_to_sqlite_under_the_project(tmp_path):
    assert settings_of(bare(tmp_path, DEBUG="1"))["db"] == str(BASE_DIR / "var" / "db.sqlite3")


def test_a_relative_sqlite_file_is_under_the_project_whatever_the_directory(tmp_path):
    env = bare(tmp_path, DEBUG="0", SECRET_KEY="k" * 50, DATABASE_URL="sqlite:///var/elsewhere.sqlite3")
    assert settings_of(env, cwd=tmp_path)["db"] == str(BASE_DIR / "var" / "elsewhere.sqlite3")


def test_the_configuration_file_is_read_by_manage_py_and_the_wsgi_entry(tmp_path):
    path = env_file(
        tmp_path,
        f"DEBUG=0\nSECRET_KEY={'k' * 50}\nDATABASE_URL=sqlite:///{tmp_path / 'db.sqlite3'}\n"
        "ALLOWED_HOSTS=tracker.example\nREPORTING_FIRST_PERIOD=2027Q1\n",
    )
    env = {"PATH": "/usr/bin:/bin", "TRACKER_ENV_FILE": str(path)}
    result = run([sys.executable, "manage.py", "check"], env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    read = settings_of(env)
    assert read == {"hosts": ["tracker.example"], "first": "2027Q1", "db": str(tmp_path / "db.sqlite3")}

    # The process's environment wins over the file.
    assert settings_of({**env, "REPORTING_FIRST_PERIOD": "2028Q2"})["first"] == "2028Q2"


def test_the_default_file_is_dotenv_at_the_project_root(tmp_path):
    (tmp_path / ".env").write_text("FROM_THE_FILE=yes\nPATH=/nowhere\n")
    (tmp_path / ".env").chmod(0o600)
    code = (
        "import os, sys; from pathlib import Path; from strategy_tracker.configuration import read_env_file; "
        "print(read_env_file(Path(sys.argv[1])), os.environ.get('FROM_THE_FILE'), os.environ['PATH'])"
    )
    result = run([sys.executable, "-c", code, str(tmp_path)], {"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(tmp_path / ".env"), "yes", "/usr/bin:/bin"]


def test_a_named_file_that_does_not_exist_stops_everything(tmp_path):
    missing = tmp_path / "tracker.env"
    result = run([sys.executable, "manage.py", "check"], {"PATH": "/usr/bin:/bin", "TRACKER_ENV_FILE": str(missing)})
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: TRACKER_ENV_FILE names {missing}, which does not exist"


def test_a_file_that_others_can_read_is_said_to_be_so_once(tmp_path):
    path = env_file(tmp_path, f"DEBUG=0\nSECRET_KEY={'k' * 50}\nDATABASE_URL=sqlite:///{tmp_path / 'db'}\n", 0o644)
    result = run([sys.executable, "manage.py", "check"], {"PATH": "/usr/bin:/bin", "TRACKER_ENV_FILE": str(path)})
    assert result.returncode == 0, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line == f"warning: {path} can be read by other users (mode 644): chmod 600 {path}"


@pytest.mark.parametrize("script", [["bench/bench.py"], ["bench/load.py"], ["bench/profile.py", "/", "leader"]])
def test_the_benchmark_tools_read_the_configuration_file(tmp_path, script):
    """They read DATABASE_URL before any setting is loaded: through the same file (here one that is missing)."""
    missing = tmp_path / "tracker.env"
    result = run([sys.executable, *script], {"PATH": "/usr/bin:/bin", "TRACKER_ENV_FILE": str(missing)})
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: TRACKER_ENV_FILE names {missing}, which does not exist"


def test_the_sqlite_database_file_is_readable_by_its_owner_alone(tmp_path):
    database = tmp_path / "db.sqlite3"
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'strategy_tracker.settings'; django.setup(); "
        "from django.db import connection; connection.ensure_connection()"
    )
    result = run([sys.executable, "-c", code], bare(tmp_path, DEBUG="1", DATABASE_URL=f"sqlite:///{database}"))
    assert result.returncode == 0, result.stderr
    assert database.stat().st_mode & 0o777 == 0o600


GARBAGE = """
import gc, os, sys
sys.path.insert(0, os.environ["PROJECT"])
import strategy_tracker.wsgi
print(gc.get_freeze_count(), gc.get_threshold()[0], "dashboard.views" in sys.modules, "places.views" in sys.modules)
"""


def test_an_app_server_loads_every_view_then_sets_what_it_holds_apart_from_garbage_collection(tmp_path):
    """What a worker holds once booted is never walked by a collection again (strategy_tracker/wsgi.py)."""
    result = run([sys.executable, "-c", GARBAGE], {**bare(tmp_path, DEBUG="1"), "PROJECT": str(BASE_DIR)})
    assert result.returncode == 0, result.stderr
    frozen, threshold, dashboard, places = result.stdout.split()
    assert int(frozen) > 50_000 and int(threshold) == 10_000
    assert dashboard == places == "True"  # the views were imported before the freeze, not at the first request
