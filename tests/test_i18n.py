"""Every string a user sees has its Vietnamese translation; the compiled catalogues need no system gettext."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

from strategy_tracker.i18n import catalogues, compile_all


def test_there_is_a_vietnamese_catalogue():
    assert Path(settings.BASE_DIR, "locale", "vi", "LC_MESSAGES", "django.po") in catalogues()


@pytest.mark.parametrize("po_path", catalogues(), ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_every_entry_is_translated(po_path):
    po = polib.pofile(str(po_path))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert missing == []


def test_catalogues_compile_with_polib(tmp_path):
    compile_all()
    for po_path in catalogues():
        assert po_path.with_suffix(".mo").exists()
