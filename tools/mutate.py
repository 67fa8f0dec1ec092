"""Mutation testing of the pure core: does each module's own unit-test file notice when its code is changed?

    python tools/mutate.py --sample 250 --seed 2026 --jobs 2

For each module below, every place where a small change alters what the code does is listed (a comparison turned
around or made strict, an arithmetic or boolean operator swapped, a `not` dropped, a number moved by one, a returned
value replaced by None); a seeded sample of them is drawn, and for each the module is rewritten with that one change
in a scratch copy of the project and its tests run (stopping at the first failure, 60 seconds per test, so that a
mutant that loops fails). A mutant survives when the tests pass. The survivors are listed with their line, to be
read: one that does not change behaviour (an equivalent mutant) is not a gap in the tests; every other one is.

A small hand-written mutator rather than mutmut: mutmut 3 runs the tests from a `mutants/` copy with its own
trampolines in every function, which Django's app loading and the project's settings do not survive; this needs
nothing but the standard library and pytest.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Each module with its own unit tests.
TARGETS = {
    "indicators/progress.py": ["tests/test_progress.py", "tests/test_explanations.py"],
    "indicators/figures.py": ["tests/test_figures.py"],
    "indicators/values.py": ["tests/test_values.py"],
    "reporting/calendar.py": ["tests/reporting/test_calendar.py"],
    "reporting/workflow.py": ["tests/reporting/test_workflow.py"],
}

_SWAPS: dict[type, list[type]] = {
    ast.Lt: [ast.LtE, ast.Gt],
    ast.LtE: [ast.Lt, ast.GtE],
    ast.Gt: [ast.GtE, ast.Lt],
    ast.GtE: [ast.Gt, ast.LtE],
    ast.Eq: [ast.NotEq],
    ast.NotEq: [ast.Eq],
    ast.In: [ast.NotIn],
    ast.NotIn: [ast.In],
    ast.Is: [ast.IsNot],
    ast.IsNot: [ast.Is],
    ast.Add: [ast.Sub],
    ast.Sub: [ast.Add],
    ast.Mult: [ast.Div],
    ast.Div: [ast.Mult],
    ast.FloorDiv: [ast.Div],
    ast.Mod: [ast.FloorDiv],
    ast.Pow: [ast.Mult],
    ast.And: [ast.Or],
    ast.Or: [ast.And],
}


@dataclass(frozen=True)
class Site:
    """One mutant: the node at a position, and what it becomes."""

    path: str
    line: int
    col: int
    end_line: int
    end_col: int
    node: str
    change: str  # "op:<index>:<NewOp>", "drop", "const:<value>", "none"

    @property
    def label(self) -> str:
        return f"{self.path}:{self.line}:{self.col} {self.node} → {self.change}"


def _annotation_nodes(tree: ast.AST) -> set[int]:
    """Nodes inside annotations and docstrings: changing them changes nothing the tests could see."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        annotations: list[ast.AST] = []
        if isinstance(node, ast.arg | ast.AnnAssign) and node.annotation is not None:
            annotations.append(node.annotation)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns is not None:
            annotations.append(node.returns)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                annotations.append(first)
        for annotation in annotations:
            skip.update(id(n) for n in ast.walk(annotation))
    return skip


def sites_of(path: str) -> list[Site]:
    tree = ast.parse((ROOT / path).read_text())
    skip = _annotation_nodes(tree)
    sites: list[Site] = []

    def add(node: ast.AST, change: str) -> None:
        line, col = getattr(node, "lineno", 0), getattr(node, "col_offset", 0)
        end_line, end_col = getattr(node, "end_lineno", 0) or 0, getattr(node, "end_col_offset", 0) or 0
        sites.append(Site(path, line, col, end_line, end_col, type(node).__name__, change))

    for node in ast.walk(tree):
        if id(node) in skip or not hasattr(node, "lineno"):
            continue
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                for new in _SWAPS.get(type(op), []):
                    add(node, f"op:{i}:{new.__name__}")
        elif isinstance(node, ast.BinOp | ast.BoolOp) and type(node.op) in _SWAPS:
            for new in _SWAPS[type(node.op)]:
                add(node, f"op:0:{new.__name__}")
        elif isinstance(node, ast.AugAssign) and type(node.op) in _SWAPS:
            for new in _SWAPS[type(node.op)]:
                add(node, f"op:0:{new.__name__}")
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not | ast.USub):
            add(node, "drop")
        elif isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            add(node, f"const:{not node.value}" if isinstance(node.value, bool) else f"const:{node.value + 1}")
        elif isinstance(node, ast.Return) and node.value is not None:
            if not (isinstance(node.value, ast.Constant) and node.value.value is None):
                add(node, "none")
    return sites


class _Apply(ast.NodeTransformer):
    def __init__(self, site: Site) -> None:
        self.site = site
        self.done = False

    def generic_visit(self, node: ast.AST) -> ast.AST:
        node = super().generic_visit(node)
        site = self.site
        here = tuple(getattr(node, name, None) for name in ("lineno", "col_offset", "end_lineno", "end_col_offset"))
        if self.done or type(node).__name__ != site.node or here != (site.line, site.col, site.end_line, site.end_col):
            return node
        self.done = True
        kind, _sep, rest = site.change.partition(":")
        if kind == "op":
            index, name = rest.split(":")
            new = getattr(ast, name)()
            if isinstance(node, ast.Compare):
                node.ops[int(index)] = new
            else:
                node.op = new  # type: ignore[attr-defined]
        elif kind == "drop":
            return node.operand  # type: ignore[attr-defined]
        elif kind == "const":
            value = node.value  # type: ignore[attr-defined]
            node.value = (rest == "True") if isinstance(value, bool) else type(value)(rest)  # type: ignore[attr-defined]
        elif kind == "none":
            node.value = ast.Constant(None)  # type: ignore[attr-defined]
        return node


def mutant_source(site: Site) -> str:
    tree = ast.parse((ROOT / site.path).read_text())
    applier = _Apply(site)
    mutated = ast.fix_missing_locations(applier.visit(copy.deepcopy(tree)))
    if not applier.done:
        raise LookupError(site.label)
    return ast.unparse(mutated)


@dataclass
class Outcome:
    site: Site
    killed: bool
    reason: str  # "tests failed", "timeout", "survived"
    seconds: float


def _preload() -> None:
    """What every run imports, imported once: each mutant's tests then run in a fork of this process (pytest,
    Django and the libraries already loaded), and only the project's own modules are read again, from the copy."""
    import django  # noqa: F401
    import hypothesis  # noqa: F401
    import numpy  # noqa: F401
    import pytest  # noqa: F401
    import pytest_django  # noqa: F401
    import rest_framework  # noqa: F401


def run_one(site: Site, workdir: Path, timeout: int) -> Outcome:
    target = workdir / site.path
    original = target.read_text()
    target.write_text(mutant_source(site))
    started = time.monotonic()
    report = workdir / "var" / "mutant-outcome"
    report.unlink(missing_ok=True)
    pid = os.fork()
    if pid == 0:  # the child: run the module's tests against the mutant, say how it went, never return
        code = 3
        try:
            import pytest
            from hypothesis import settings

            settings.register_profile("mutation", database=None)  # no example carried from one mutant to the next
            settings.load_profile("mutation")
            # The API-testing plugins these tests never use are left out: they take most of a run's start.
            unused = ["-p", "no:cacheprovider", "-p", "no:schemathesis", "-p", "no:anyio"]
            args = ["-x", "-q", *unused, f"--timeout={timeout}", *TARGETS[site.path]]
            code = int(pytest.main(args))
        finally:
            os._exit(code)
    deadline = started + timeout * 10
    status = None
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.2)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    target.write_text(original)
    if status is None:
        return Outcome(site, True, "timeout", time.monotonic() - started)
    code = os.waitstatus_to_exitcode(status)
    return Outcome(site, code != 0, "survived" if code == 0 else "tests failed", time.monotonic() - started)


def _workdir() -> Path:
    """A scratch copy of the project: the checkout is never rewritten, even if a run is interrupted."""
    workdir = Path(tempfile.mkdtemp(prefix="mutation-"))
    shutil.copytree(ROOT, workdir, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".git", "var", ".venv", "*.pyc"))
    (workdir / "var").mkdir(exist_ok=True)
    return workdir


def _shard(sample: list[Site], index: int, timeout: int, out: Path) -> None:
    """Run every `index`-th mutant of the sample, one after the other, in a copy of the project of its own."""
    workdir = _workdir()
    os.chdir(workdir)
    sys.path.insert(0, str(workdir))  # the copy's modules, not the checkout's
    sys.dont_write_bytecode = True
    _preload()
    try:
        with out.open("w") as lines:
            for site in sample:
                outcome = run_one(site, workdir, timeout)
                mark = "killed" if outcome.killed else "SURVIVED"
                print(f"{mark:8} {outcome.seconds:5.1f}s {site.label}", flush=True)
                lines.write(json.dumps(asdict(outcome), ensure_ascii=False) + "\n")
                lines.flush()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, default=250, help="mutants drawn (0: all)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=60, help="seconds per test")
    parser.add_argument("--only", help="one module of TARGETS")
    parser.add_argument("--report", type=Path, help="JSON file for every outcome")
    parser.add_argument("--shard", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    paths = [args.only] if args.only else list(TARGETS)
    everything = [site for path in paths for site in sites_of(path)]
    if args.sample and args.sample < len(everything):
        sample = random.Random(args.seed).sample(everything, args.sample)
    else:
        sample = everything
    sample.sort(key=lambda s: (s.path, s.line, s.col, s.change))
    if args.shard is not None:
        _shard(sample[args.shard :: args.jobs], args.shard, args.timeout, args.out)
        return 0

    print(f"{len(everything)} mutants in {', '.join(paths)}; running {len(sample)}", flush=True)
    scratch = Path(tempfile.mkdtemp(prefix="mutation-report-"))
    shards = [
        subprocess.Popen([sys.executable, __file__, *sys.argv[1:], "--shard", str(i), "--out", str(scratch / f"{i}")])
        for i in range(args.jobs)
    ]
    for shard in shards:
        shard.wait()
    outcomes = [json.loads(line) for i in range(args.jobs) for line in (scratch / f"{i}").read_text().splitlines()]
    shutil.rmtree(scratch, ignore_errors=True)
    killed = sum(o["killed"] for o in outcomes)
    print(f"\n{killed} of {len(outcomes)} mutants killed ({100 * killed / max(len(outcomes), 1):.1f}%)")
    for outcome in outcomes:
        if not outcome["killed"]:
            site = Site(**outcome["site"])
            print(f"  survived: {site.label}")
    if args.report:
        args.report.write_text(json.dumps(outcomes, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
