"""
Text folding for matching names and searching: case, accents and punctuation ignored.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "words"]

# Runs of anything but letters and digits, in any script, separate words.
_NON_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """
    Return *text* case-folded, without accents, with punctuation turned into single spaces.

    Letters and digits of every script are kept: only accents and other combining marks
    are dropped.

    >>> fold("C\u00f4te d\u2019Ivoire")
    'cote d ivoire'
    >>> fold("  Türkiye!")
    'turkiye'
    >>> fold("\u00d8resund")
    'øresund'
    """
    if text.isascii():  # most names: nothing to decompose, and casefold() is lower()
        return _NON_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", bare).strip()


def words(text: str) -> tuple[str, ...]:
    """
    Return the folded words of *text*.

    >>> words("Cross-border Payments")
    ('cross', 'border', 'payments')
    """
    folded = fold(text)
    return tuple(folded.split()) if folded else ()
