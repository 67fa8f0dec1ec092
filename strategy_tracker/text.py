"""Text the tracker accepts: no control character in any text typed or sent.

A control character (C0: U+0000–U+001F, except tab, line feed and carriage return) is never part of an indicator's
source, a note or a section: it arrives pasted from a PDF or a terminal, or sent by a broken feed. PostgreSQL cannot
store NUL at all (a server error before this check), and the others print as nothing on the pages, break the XML of
the xlsx and docx files and the CSV readers. Every text field refuses them with the same message:

- Django's forms (every page, the admin's model forms, the filters): `forms.CharField` and its subclasses without
  validators of their own (`ProhibitControlCharactersValidator` in their default validators, registered once in
  `strategy_tracker.apps`);
- DRF's serializers (the write API, the import's fields): `serializers.CharField` the same way;
- what is neither (the consolidation note, the cells of an imported workbook) calls `control_character_in`.

NUL is left to Django's and DRF's own `ProhibitNullCharactersValidator`, which both fields add themselves (the
reporting forms give it the tracker's words): the one message per character.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# C0 controls but tab (U+0009), line feed (U+000A) and carriage return (U+000D).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
CONTROL_BUT_NUL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f]")

NULL_CHARACTER = _("This text holds a null character, which cannot be saved: remove it.")
CONTROL_CHARACTER = _("This text holds a control character (U+%(code)s), which cannot be saved: remove it.")


def control_character_in(text: str) -> str | None:
    """The message for the first control character of `text` (NUL included), or None when it has none."""
    found = CONTROL.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return str(NULL_CHARACTER)
    return str(CONTROL_CHARACTER % {"code": f"{ord(found.group()):04X}"})


@deconstructible
class ProhibitControlCharactersValidator:
    """Refuses a control character other than NUL, tab, line feed and carriage return (NUL: Django's own
    validator, which every CharField of a form or a serializer already has)."""

    code = "control_characters"

    def __call__(self, value) -> None:
        if not isinstance(value, str):
            return
        found = CONTROL_BUT_NUL.search(value)
        if found is not None:
            raise ValidationError(CONTROL_CHARACTER, code=self.code, params={"code": f"{ord(found.group()):04X}"})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ProhibitControlCharactersValidator)

    def __hash__(self) -> int:
        return hash(self.code)


def register() -> None:
    """Add the validator to every CharField of Django's forms and DRF's serializers (called once, at start)."""
    from django import forms
    from rest_framework import serializers

    validator = ProhibitControlCharactersValidator()
    if validator not in forms.CharField.default_validators:
        forms.CharField.default_validators = [*forms.CharField.default_validators, validator]
    drf_field: Any = serializers.CharField  # a generic class in the stubs: its class attribute set as it is
    if validator not in drf_field.default_validators:
        drf_field.default_validators = [*drf_field.default_validators, validator]
