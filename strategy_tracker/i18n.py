"""Compile the gettext catalogues (*.po → *.mo) with polib, so no system gettext is needed.

Run as `python -m strategy_tracker.i18n`; `make run` and `make test` do it for you.
"""

import sys
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent


def catalogues() -> list[Path]:
    return sorted(p for p in BASE_DIR.glob("**/locale/*/LC_MESSAGES/*.po") if ".venv" not in p.parts)


def compile_all() -> int:
    count = 0
    for po_path in catalogues():
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        count += 1
    return count


if __name__ == "__main__":
    compiled = compile_all()
    sys.stdout.write(f"{compiled} catalogue(s) compiled\n")
