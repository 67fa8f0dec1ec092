"""Indicator codes as the documents write them: 1.1 … 1.6, 2.1 … 2.9, 2.10, 2.11, and sub-rows 1.2.1.

Phụ lục 01 of Quyết định 466 writes the same codes with a comma ("1,1", "2,10"); both spellings are read.
"""

import re

_CODE = re.compile(r"^[1-9][0-9]*(\.[1-9][0-9]*)*$")


def normalise_code(raw: str) -> str:
    """'2,10' → '2.10'; surrounding spaces removed."""
    return raw.strip().replace(",", ".")


def is_valid_code(code: str) -> bool:
    return bool(_CODE.match(code))


def code_parts(code: str) -> tuple[int, ...]:
    if not is_valid_code(code):
        raise ValueError(f"not an indicator code: {code!r}")
    return tuple(int(part) for part in code.split("."))


def code_sort_key(code: str) -> str:
    """A string that sorts codes as numbers: 2.9 < 2.10, 1.2 < 1.2.1 < 1.3."""
    return ".".join(f"{part:04d}" for part in code_parts(code))
