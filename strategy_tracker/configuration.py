"""The one configuration file, and the settings the tracker cannot start without.

Every process of the tracker (manage.py and every command, the WSGI entry, bench/, tools/backup.py, so every
`make` target) reads its configuration from the environment, after the file named by TRACKER_ENV_FILE (default:
`.env` at the project root) has been added to it: a variable already set in the process's environment wins over
the file's. A cron line or a systemd timer then needs no `set -a; . ./.env` of its own.

Nothing here imports the settings: the settings call it first thing.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

ENV_FILE_VARIABLE = "TRACKER_ENV_FILE"

T = TypeVar("T")

_warned: set[Path] = set()  # the files said to be readable by others, once each per process


class ConfigurationError(ImproperlyConfigured):
    """A setting missing or a configuration file unreadable; the message is one line for the operator.

    manage.py and the tools print it alone and exit non-zero; under gunicorn the worker fails to boot and gunicorn
    prints it and stops."""


def env_file_path(base_dir: Path) -> Path:
    named = os.environ.get(ENV_FILE_VARIABLE)
    return Path(named) if named else base_dir / ".env"


def read_env_file(base_dir: Path) -> Path | None:
    """Adds the configuration file's variables to the environment, the process's own winning; returns the file read
    (None when there is no `.env` and TRACKER_ENV_FILE names none). A file that TRACKER_ENV_FILE names must exist:
    a mistyped name is an error, not an empty configuration. `TRACKER_ENV_FILE=/dev/null` reads none (the test run)."""
    path = env_file_path(base_dir)
    if not path.exists():
        if os.environ.get(ENV_FILE_VARIABLE):
            raise ConfigurationError(f"{ENV_FILE_VARIABLE} names {path}, which does not exist")
        return None
    try:
        mode = path.stat().st_mode
        with path.open(encoding="utf-8") as stream:
            load_dotenv(stream=stream, override=False)
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise ConfigurationError(f"The configuration file {path} cannot be read: {reason}") from error
    if stat.S_ISREG(mode) and mode & 0o077 and path not in _warned:
        # It holds the secret key and the database's password: readable by its owner alone.
        _warned.add(path)
        print(
            f"warning: {path} can be read by other users (mode {stat.S_IMODE(mode):o}): chmod 600 {path}",
            file=sys.stderr,
        )
    return path


def require(names: list[str], *, env_file: Path | None, base_dir: Path) -> None:
    """Stops with one line naming every variable of `names` that is unset or empty."""
    missing = [name for name in names if not os.environ.get(name)]
    if not missing:
        return
    named = " and ".join(missing)
    where = (
        f"in the environment nor in {env_file}" if env_file else f"in the environment (no {env_file_path(base_dir)})"
    )
    needs = "it" if len(missing) == 1 else "them"
    raise ConfigurationError(
        f"{named} {'is' if len(missing) == 1 else 'are'} not set {where}: with DEBUG off the tracker needs {needs} "
        "(docs/operations.md, Configuration)"
    )


def group_roles(text: str) -> dict:
    """LDAP_GROUP_ROLES read (directory.roles.parse_group_roles); a mistake stops the start with one line."""
    from directory.roles import parse_group_roles

    try:
        return parse_group_roles(text)
    except ValueError as error:
        raise ConfigurationError(f"LDAP_GROUP_ROLES: {error} (docs/operations.md, Directory sign-in)") from None


def exit_on_configuration_error(main: Callable[[], T]) -> T:
    """Runs `main()`; a configuration error ends the process with its one line on stderr and exit status 1."""
    try:
        return main()
    except ConfigurationError as error:
        sys.exit(f"error: {error}")
