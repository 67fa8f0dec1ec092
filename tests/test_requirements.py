"""The two lock files: requirements.lock holds what the app needs to run and nothing else (a server installs it
alone, `make install-production`); requirements-dev.lock adds the test and lint tools at the same versions."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

BASE_DIR = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)")

# What must never reach a server, whatever pyproject.toml's dev extra says at the time.
TOOLS = {"pytest", "playwright", "mypy", "ruff", "schemathesis", "hypothesis", "pyinstrument", "pip-tools"}


def pins(name: str) -> dict[str, tuple[str, frozenset[str]]]:
    """{package: (version, hashes)} of a lock file."""
    found: dict[str, tuple[str, frozenset[str]]] = {}
    package = None
    for line in (BASE_DIR / name).read_text().splitlines():
        match = PIN.match(line)
        if match:
            package = canonicalize_name(match.group(1))
            found[package] = (match.group(2), frozenset())
        elif package and (hash_ := re.search(r"--hash=(sha256:[0-9a-f]{64})", line)):
            version, hashes = found[package]
            found[package] = (version, hashes | {hash_.group(1)})
    return found


def project() -> dict:
    return tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["project"]


def closure(requirements: list[str]) -> set[str]:
    """Every distribution the given requirements need, transitively, as installed (markers evaluated for this
    interpreter, extras followed)."""
    needed: set[str] = set()
    todo = [(Requirement(text), "") for text in requirements]
    while todo:
        requirement, extra = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": extra}):
            continue
        name = canonicalize_name(requirement.name)
        extras = sorted(requirement.extras) or [""]
        if name in needed and extras == [""]:
            continue
        needed.add(name)
        for text in metadata.requires(requirement.name) or []:
            for wanted in extras:
                todo.append((Requirement(text), wanted))
    return needed


def is_tool(name: str) -> bool:
    return name in TOOLS or name.startswith(("pytest", "types-")) or name.endswith("-stubs")


def test_the_runtime_lock_holds_no_test_or_lint_tool():
    runtime = pins("requirements.lock")
    dev_extra = {canonicalize_name(Requirement(text).name) for text in project()["optional-dependencies"]["dev"]}

    assert not {name for name in runtime if is_tool(name)}
    assert not dev_extra & set(runtime)


def test_the_runtime_lock_holds_what_the_dependencies_need_and_nothing_else():
    assert set(pins("requirements.lock")) == closure(project()["dependencies"])


def test_the_dev_lock_adds_the_tools_at_the_runtime_versions():
    runtime, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    dev_extra = {canonicalize_name(Requirement(text).name) for text in project()["optional-dependencies"]["dev"]}

    assert {name: dev.get(name) for name in runtime} == runtime  # same versions, same hashes
    assert dev_extra <= set(dev)
    assert closure(project()["dependencies"] + project()["optional-dependencies"]["dev"]) <= set(dev)


def test_every_pin_of_both_locks_carries_its_hashes():
    for name in ("requirements.lock", "requirements-dev.lock"):
        assert all(hashes for _version, hashes in pins(name).values()), name
