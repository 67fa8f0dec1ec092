"""The project catalogue (locale/) takes precedence over the apps' catalogues (<app>/locale/): an entry there
silently replaces an app's translation of the same msgid. Where both translate a msgid they must agree, or one
side must use a gettext context (as the target proposals do for "Accept": Chấp thuận, not the review's Chấp nhận)."""

from pathlib import Path

import polib
from django.conf import settings

from strategy_tracker.i18n import catalogues


def test_the_project_catalogue_does_not_silently_override_an_app_catalogue():
    project = Path(settings.BASE_DIR, "locale", "vi", "LC_MESSAGES", "django.po")
    ours = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(project)) if not e.obsolete}
    clashes = []
    for path in catalogues():
        if path == project or path.parent.parent.name != "vi":
            continue
        for entry in polib.pofile(str(path)):
            key = (entry.msgctxt, entry.msgid)
            if not entry.obsolete and key in ours and ours[key] != entry.msgstr:
                clashes.append((str(path.relative_to(settings.BASE_DIR)), entry.msgid, ours[key], entry.msgstr))
    assert clashes == []
