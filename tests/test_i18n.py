"""Every string a user sees has its Vietnamese translation; the compiled catalogues need no system gettext."""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

from strategy_tracker.i18n import catalogues, compile_all


def test_there_is_a_vietnamese_catalogue():
    assert Path(settings.BASE_DIR, "locale", "vi", "LC_MESSAGES", "django.po") in catalogues()


@pytest.mark.parametrize("po_path", catalogues(), ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_every_entry_is_translated(po_path):
    po = polib.pofile(str(po_path))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert missing == [], missing


def test_catalogues_compile_with_polib(tmp_path):
    compile_all()
    for po_path in catalogues():
        assert po_path.with_suffix(".mo").exists()


# gettext's functions as the code calls them: (position of the message, of its context, whether it has a plural).
GETTEXT_CALLS = {
    "gettext": (0, None, False),
    "_": (0, None, False),
    "gettext_lazy": (0, None, False),
    "gettext_noop": (0, None, False),
    "pgettext": (1, 0, False),
    "pgettext_lazy": (1, 0, False),
    "ngettext": (0, None, True),
    "ngettext_lazy": (0, None, True),
    "npgettext": (1, 0, True),
    "npgettext_lazy": (1, 0, True),
}
NOT_SCANNED = {".venv", ".git", "var", "node_modules", "tests", "bench", "migrations"}
# A template's {% translate %} and {% blocktranslate %} as Django's makemessages sees them (`templatize`).
# Each message as Python's repr writes it: in single quotes, or in double quotes when it holds an apostrophe.
QUOTED = r"""u(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
TEMPLATE_CALL = re.compile(rf"\b(n?p?gettext)\(({QUOTED}(?:\s*,\s*{QUOTED})*)")


def marked_strings():
    """(file, context, message, has a plural) for every string the project's code and templates mark for
    translation, found as makemessages finds them, without GNU gettext."""
    base = Path(settings.BASE_DIR)
    for path in sorted(base.rglob("*.py")):
        if NOT_SCANNED & set(path.relative_to(base).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in GETTEXT_CALLS:
                continue
            at, context_at, plural = GETTEXT_CALLS[name]
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            if len(args) > at and isinstance(args[at], str):
                context = args[context_at] if context_at is not None else None
                yield str(path.relative_to(base)), context, args[at], plural
    for path in sorted(base.rglob("*.html")):
        if NOT_SCANNED & set(path.relative_to(base).parts):
            continue
        for call in TEMPLATE_CALL.finditer(templatize(path.read_text(), origin=str(path))):
            name, args = call.group(1), ast.literal_eval(f"({call.group(2)},)")
            context = args[0] if name in ("pgettext", "npgettext") else None
            yield str(path.relative_to(base)), context, args[1 if context is not None else 0], name.startswith("n")


def test_the_scan_finds_what_the_templates_and_the_code_mark():
    found = {(path, context, message) for path, context, message, _plural in marked_strings()}
    assert ("templates/base.html", None, "Log out") in found  # a {% translate %}
    assert any(m == "My unit's tasks" for _p, _c, m in found)  # an apostrophe: repr writes it in double quotes
    assert any(m.startswith("As of today, the latest figure") for _p, _c, m in found)  # a blocktranslate
    assert any(c == "task deadline" and m == "Due" for _p, c, m in found)  # pgettext_lazy in plans/tables.py
    assert any(m == "Invalid page." for _p, _c, m in found)  # a library's, through gettext_noop


def test_every_string_marked_in_the_code_and_templates_reads_in_vietnamese():
    # A msgid the catalogue lacks (or spells otherwise, as a blocktranslate's "%" written "%" instead of "%%")
    # shows in English on a Vietnamese page. Translations equal to their msgid are listed in the catalogues.
    same = {e.msgid for p in catalogues() for e in polib.pofile(str(p)) if e.msgstr == e.msgid}
    missing = []
    with translation.override("vi"):
        for path, context, message, plural in marked_strings():
            if plural:
                shown = (
                    translation.npgettext(context, message, message, 1)
                    if context
                    else translation.ngettext(message, message, 1)
                )
            else:
                shown = translation.pgettext(context, message) if context else translation.gettext(message)
            if shown == message and message not in same:
                missing.append((path, context, message[:80]))
    assert missing == [], missing
