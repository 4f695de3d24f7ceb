"""
Text folding for matching names and searching: case, accents and punctuation ignored.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "quote", "stem", "stems", "words"]

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


#: Plurals that no ending rule finds.
_IRREGULAR = {"women": "woman", "men": "man", "children": "child", "people": "person", "data": "datum"}


def stem(word: str) -> str:
    """
    Return a folded English *word* without its common endings, so that forms of a word meet.

    Plurals and the endings "-ing" and "-ed" go; short words and words in other
    scripts are kept as they are.

    >>> [stem(w) for w in ("payments", "women", "policies", "boxes", "trading", "traded", "business")]
    ['payment', 'woman', 'policy', 'box', 'trad', 'trad', 'business']
    """
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.isascii():
        return word
    for ending, replacement in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh")):
        if word.endswith(ending):
            return word[: -len(ending)] + replacement
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def stems(text: str) -> tuple[str, ...]:
    """
    Return the folded, stemmed words of *text*.

    >>> stems("Cross-border Payments for women")
    ('cross', 'border', 'payment', 'for', 'woman')
    """
    return tuple(stem(w) for w in words(text))


def quote(value: object, limit: int = 60) -> str:
    r"""
    Return the repr of *value* for a message, shortened to at most *limit* characters.

    A shortened text is the repr of a prefix of it, without its closing quote, followed
    by ``...``: it is cut between characters, never inside an escape such as ``\x00``.

    >>> quote("short")
    "'short'"
    >>> quote("\x00" * 40, 20)
    "'\\x00\\x00\\x00\\x00..."
    """
    r = repr(value)
    if len(r) <= limit:
        return r
    if not isinstance(value, str):  # a number or a container: cut before any escape near the end
        cut = r[: limit - 3]
        slash = cut.rfind("\\")
        return (cut[:slash] if slash > len(cut) - 10 else cut) + "..."
    n = limit - 4  # each character takes at least one place in a repr: no longer prefix fits
    r = repr(value[:n])
    while len(r) > limit - 2 and n > 0:  # the repr less its closing quote, then "..."
        n -= 1
        r = repr(value[:n])
    return r[:-1] + "..."
