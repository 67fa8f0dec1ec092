"""Production refuses to start without a secret key; development and tests need nothing set."""

import os
import subprocess
import sys

from django.conf import settings

ENV = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}


def _run(code: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env={**ENV, **env}, capture_output=True, text=True
    )


def test_the_server_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = _run("import strategy_tracker.wsgi", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_the_server_starts_with_a_secret_key():
    result = _run("import strategy_tracker.wsgi", DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="tracker.example")
    assert result.returncode == 0, result.stderr


def test_commands_that_sign_nothing_run_without_a_secret_key():
    result = _run(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'strategy_tracker.settings'; django.setup(); "
        "from django.core.management import call_command; call_command('makemigrations', '--check', '--dry-run')",
        DEBUG="0",
    )
    assert result.returncode == 0, result.stderr
