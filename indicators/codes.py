"""Indicator codes as the documents write them: 1.1 … 1.6, 2.1 … 2.9, 2.10, 2.11, and sub-rows 1.2.1.

Phụ lục 01 of Quyết định 466 writes the same codes with a comma ("1,1", "2,10"); both spellings are read.
"""

import re

_CODE = re.compile(r"[1-9][0-9]*(\.[1-9][0-9]*)*")  # ASCII digits only: "١.١" is no code
MAX_CODE_LENGTH = 20  # Indicator.code's max_length


def normalise_code(raw: str) -> str:
    """'2,10' → '2.10'; surrounding spaces removed."""
    return raw.strip().replace(",", ".")


def is_valid_code(code: str) -> bool:
    """Whether `code` is written like an indicator code: "1.2.1" yes; "1..2", "1.1\n", a NUL byte, or a code
    longer than the database column, no."""
    return isinstance(code, str) and len(code) <= MAX_CODE_LENGTH and bool(_CODE.fullmatch(code))


def code_parts(code: str) -> tuple[int, ...]:
    if not is_valid_code(code):
        raise ValueError(f"not an indicator code: {code!r}")
    return tuple(int(part) for part in code.split("."))


def code_sort_key(code: str) -> str:
    """A string that sorts codes as numbers: 2.9 < 2.10, 1.2 < 1.2.1 < 1.3."""
    return ".".join(f"{part:04d}" for part in code_parts(code))


class CodeConverter:
    """`<code:code>` in a URL: an indicator code in either spelling ("2.10", "2,10"), handed to the view as "2.10".
    Anything not written like a code ("1..2", a NUL byte, a very long string) does not match: a 404 before any
    query (PostgreSQL refuses a NUL byte in a query with an error)."""

    regex = r"[^/]+"

    def to_python(self, value: str) -> str:
        code = normalise_code(value)
        if not is_valid_code(code):
            raise ValueError(f"not an indicator code: {value!r}")
        return code

    def to_url(self, value: str) -> str:
        return value
