"""Vietnamese text as the search reads it, pure: lower case, without diacritics, “đ” read as “d”, split into words of
letters and digits. “Kinh tế số” and “kinh te so” fold to the same words, as PostgreSQL's `unaccent` and its
“simple” text search configuration read them.

A query matches a text when each of its words but the last is a word of the text and the last begins one (the
person may still be typing it): the same rule as the tsquery `kinh & te & so:*` that `search.selectors` sends to
PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

WORD = re.compile(r"[a-z0-9]+")
# A query longer than this is cut: no name in the tracker needs more words to be found.
MAX_TERMS = 12
MAX_QUERY_LENGTH = 200


def fold(text: str) -> str:
    """The text lower-cased, its diacritics removed and “đ” read as “d”: “Đổi mới” → “doi moi”."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """The folded words of a text: “Tỷ trọng kinh tế số (%)” → ["ty", "trong", "kinh", "te", "so"]."""
    return WORD.findall(fold(text))


def terms(query: str) -> tuple[str, ...]:
    """The words a query searches for, at most MAX_TERMS of them, in order; none for a query of no letter or digit."""
    return tuple(words(query[:MAX_QUERY_LENGTH])[:MAX_TERMS])


def matches(text_words: Iterable[str], query_terms: Sequence[str]) -> bool:
    """Whether a text of these words matches the query: every term but the last a word, the last a word's start."""
    if not query_terms:
        return False
    vocabulary = set(text_words)
    *whole, last = query_terms
    return all(term in vocabulary for term in whole) and any(word.startswith(last) for word in vocabulary)


def score(text_words: Sequence[str], query_terms: Sequence[str]) -> float:
    """How well a text matches the query, 0 when it does not: the share of its words the query names, doubled
    when the query's words stand together in the text in its order (“kinh te so” in “... kinh tế số ...”)."""
    if not text_words or not matches(text_words, query_terms):
        return 0.0
    *whole, last = query_terms
    named = sum(1 for word in text_words if word in whole or word.startswith(last))
    together = any(
        list(text_words[i : i + len(whole)]) == whole and text_words[i + len(whole)].startswith(last)
        for i in range(len(text_words) - len(whole))
    )
    return named / len(text_words) * (2 if together else 1)


def same_code(value: str, query: str) -> bool:
    """Whether the query names this code or number (“1.1”, “A.II.14.1”, “14.1”), case and spaces aside."""
    wanted = fold(query).strip().replace(" ", "")
    return bool(wanted) and fold(value).replace(" ", "") == wanted
