"""
Text folding for matching names and searching: case, accents and punctuation ignored.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "words"]

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """
    Return *text* lowercased, without accents, with punctuation turned into single spaces.

    >>> fold("C\u00f4te d\u2019Ivoire")
    'cote d ivoire'
    >>> fold("  Türkiye!")
    'turkiye'
    """
    if text.isascii():  # most names: nothing to decompose, and casefold() is lower()
        return _NON_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", ascii_only).strip()


def words(text: str) -> tuple[str, ...]:
    """
    Return the folded words of *text*.

    >>> words("Cross-border Payments")
    ('cross', 'border', 'payments')
    """
    folded = fold(text)
    return tuple(folded.split()) if folded else ()
