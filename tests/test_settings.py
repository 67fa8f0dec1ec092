"""Settings are read from the environment and from nothing else (the configuration file adds to it:
tests/test_configuration.py); the test run sets its own variables (pyproject.toml, through pytest-env), and the
settings never ask whether they are under test."""

import json
import os
import subprocess
import sys

from django.conf import settings

# What the test run sets (pyproject.toml), removed so that a fresh process sees a bare production environment.
TEST_VARIABLES = (
    "SECRET_KEY",
    "DEBUG",
    "DJANGO_SETTINGS_MODULE",
    "ALLOWED_HOSTS",
    "SECURE_COOKIES",
    "FAST_PASSWORD_HASHER",
    "STATIC_FROM_FINDERS",
    "DATABASE_URL",
)
ENV = {k: v for k, v in os.environ.items() if k not in TEST_VARIABLES}


def _run(code: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env={**ENV, **env}, capture_output=True, text=True
    )


READ_SETTINGS = """
import json, os, pytest  # pytest loaded, as in a test run: it must change nothing
os.environ["DJANGO_SETTINGS_MODULE"] = "strategy_tracker.settings"
import django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "hasher": s.PASSWORD_HASHERS[0].rsplit(".", 1)[-1],
    "secure_cookies": s.SESSION_COOKIE_SECURE,
    "storage": s.STORAGES["staticfiles"]["BACKEND"].rsplit(".", 1)[-1],
    "finders": s.WHITENOISE_USE_FINDERS,
    "hosts": s.ALLOWED_HOSTS,
    "has_key": bool(s.SECRET_KEY),
    "db_options": s.DATABASES["default"].get("OPTIONS", {}),
    "test_name": s.DATABASES["default"].get("TEST", {}).get("NAME"),
}))
"""


# What production must set (strategy_tracker.configuration; tests/test_configuration.py: without them nothing starts).
PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://tracker:password@db.example/tracker"}


def _settings(**env) -> dict:
    result = _run(READ_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_server_starts_with_a_secret_key_and_a_database():
    result = _run("import strategy_tracker.wsgi", **PRODUCTION, ALLOWED_HOSTS="tracker.example")
    assert result.returncode == 0, result.stderr


def test_settings_read_the_environment_not_whether_pytest_is_loaded():
    """With pytest imported and only production's variables set, the settings are production's."""
    production = _settings(**PRODUCTION, ALLOWED_HOSTS="tracker.example")
    assert production["hasher"] != "MD5PasswordHasher"
    assert production["secure_cookies"] is True
    assert production["storage"] == "CompressedManifestStaticFilesStorage" and production["finders"] is False
    assert production["hosts"] == ["tracker.example"]


def test_a_production_server_without_allowed_hosts_serves_no_host():
    assert _settings(**PRODUCTION)["hosts"] == []


def test_development_needs_nothing_set():
    development = _settings(DEBUG="1")
    assert development["has_key"] and development["hosts"] == ["127.0.0.1", "localhost"]
    assert development["finders"] is True and development["storage"] == "StaticFilesStorage"


def test_each_switch_of_the_test_run_is_an_environment_variable():
    switches = {"FAST_PASSWORD_HASHER": "1", "STATIC_FROM_FINDERS": "1", "SECURE_COOKIES": "0"}
    switched = _settings(**PRODUCTION, **switches)
    assert switched["hasher"] == "MD5PasswordHasher"
    assert switched["finders"] is True and switched["storage"] == "StaticFilesStorage"
    assert switched["secure_cookies"] is False


def test_this_test_run_set_them():
    """pyproject.toml's env list reached the settings before Django read them."""
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert settings.WHITENOISE_USE_FINDERS is True and settings.SESSION_COOKIE_SECURE is False
    assert settings.REPORTING_FIRST_PERIOD == "2026Q4"


def test_sqlite_begins_each_transaction_with_the_write_lock_and_waits_for_it():
    sqlite = _settings(DEBUG="1")["db_options"]
    assert sqlite["transaction_mode"] == "IMMEDIATE" and sqlite["timeout"] >= 5
    assert "journal_mode=WAL" in sqlite["init_command"]
    assert _settings(DEBUG="1")["test_name"].endswith("var/test_db.sqlite3")  # a file: threads share it


def test_postgresql_keeps_its_own_options():
    """Not SQLite's: its own timeouts (a hung database costs a quick 503), from the environment."""
    url = "postgres://user:password@db.example:5432/tracker"
    postgres = _settings(DEBUG="1", DATABASE_URL=url)
    assert postgres["db_options"] == {"connect_timeout": 3, "options": "-c statement_timeout=5000"}
    assert postgres["test_name"] is None
    tuned = _settings(DEBUG="1", DATABASE_URL=url, DB_CONNECT_TIMEOUT="1", DB_STATEMENT_TIMEOUT="0.5")
    assert tuned["db_options"] == {"connect_timeout": 1, "options": "-c statement_timeout=500"}


def test_postgresql_is_read_through_psycopgs_c_implementation():
    """psycopg's pure-Python implementation reads each value through ctypes: on PostgreSQL it cost the task list
    more than half of its time (20 → 8 ms with the C one). pyproject.toml asks for `psycopg[binary]`."""
    import psycopg

    assert psycopg.pq.__impl__ in {"c", "binary"}
