"""
Text folding for matching names and searching: case, accents, punctuation and spelling ignored.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["bare", "chunks", "fold", "forms", "quote", "stem", "stems", "words"]

# Runs of anything but letters and digits, in any script, separate words.
_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _unmarked(found: re.Match[str]) -> str:
    return "".join(c for c in found.group() if not unicodedata.combining(c))


def bare(text: str) -> str:
    """
    Return *text* case-folded and without accents, its punctuation kept.

    >>> bare("C\u00f4te d\u2019Ivoire")
    'cote d\u2019ivoire'
    """
    if text.isascii():  # most text: nothing to decompose, and casefold() is lower()
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return _NON_ASCII.sub(_unmarked, decomposed).casefold()  # combining marks are never ASCII


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
    return _NON_WORD.sub(" ", bare(text)).strip()


def words(text: str) -> tuple[str, ...]:
    """
    Return the folded words of *text*.

    >>> words("Cross-border Payments")
    ('cross', 'border', 'payments')
    """
    folded = fold(text)
    return tuple(folded.split()) if folded else ()


# The punctuation that joins words written together into one: "e-commerce", "INF/MSME/4/Rev.2".
_JOINERS = "-\u2010\u2011/.'\u2019()&+_"
_PIECE = re.compile(f"[^\\W_]+(?:[{re.escape(_JOINERS)}]+[^\\W_]+)*")


def chunks(text: str) -> list[list[str]]:
    """
    Return the folded words of *text*, grouped as they are written together.

    Words joined by hyphens, slashes, full stops, apostrophes, brackets, "&", "+" or
    "_", with no space between, are one group: a hyphenated word, a document symbol, an
    abbreviation with full stops. Most groups hold one word.

    >>> chunks("E-commerce (INF/MSME/W/58), for women")
    [['e', 'commerce'], ['inf', 'msme', 'w', '58'], ['for'], ['women']]
    """
    return [_WORD.findall(piece) for piece in _PIECE.findall(bare(text))]


#: Words that no ending rule finds, and British spellings that no pattern folds.
_IRREGULAR = {
    "women": "woman",
    "men": "man",
    "children": "child",
    "people": "person",
    "data": "datum",
    "programme": "program",
    "centre": "center",
    "licence": "license",
    "defence": "defense",
    "catalogue": "catalog",
}

# British "-ise", "-isation", "-yse" and "-our" (and their forms), written as American
# "-ize", "-ization", "-yze" and "-or". Three letters at least come first, so that
# "rise", "four" and "hour" keep their spelling.
_ISE = re.compile(r"(?<=\w{3})([iy])s(?=(?:e|es|ed|ing|er|ers|ation|ations)$)")
_OUR = re.compile(r"(?<=\w{3})our(?=(?:s|ed|ing|able|ably|al|ite|ites|er|ers|hood)?$)")


def stem(word: str) -> str:
    """
    Return a folded English *word* without its common endings, so that forms of a word meet.

    Plurals and the endings "-ing" and "-ed" go, and British spellings become American
    ("-isation" is spelt "-ization", "-our" "-or"); short words and words in other
    scripts are kept as they are.

    >>> [stem(w) for w in ("payments", "women", "policies", "boxes", "trading", "traded", "business")]
    ['payment', 'woman', 'policy', 'box', 'trad', 'trad', 'business']
    >>> [stem(w) for w in ("digitalisation", "digitalization", "labour", "labor", "programmes")]
    ['digitalization', 'digitalization', 'labor', 'labor', 'program']
    """
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.isascii():
        return word
    if word[-1] not in "sdg" and "is" not in word and "ys" not in word and "our" not in word:
        return word  # nothing to take off or fold: most words
    if "is" in word or "ys" in word:
        word = _ISE.sub(r"\1z", word)
    if "our" in word:
        word = _OUR.sub("or", word)
    if word.endswith("s"):
        if word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith(("sses", "xes", "ches", "shes")):
            return word[:-2]
        if word.endswith(("ss", "us", "is")):
            return word
        if word[:-1] in _IRREGULAR:
            return _IRREGULAR[word[:-1]]
        word = word[:-1]  # and on: "meetings" is "meeting" is "meet"
    if word.endswith("ing") and len(word) >= 6:  # three letters left at least
        return word[:-3]
    if word.endswith("ed") and len(word) >= 5:
        return word[:-2]
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


# The American spellings that :func:`stem` makes of British ones, to spell them back.
_IZE = re.compile(r"(?<=\w{3})([iy])z(?=(?:e|es|ed|ing|er|ers|ation|ations)?$)")
_OR = re.compile(r"(?<=\w{3})or(?=(?:s|ed|ing|able|ably|al|ite|ites|er|ers|hood)?$)")
_UNSTEMMED = {stemmed: word for word, stemmed in _IRREGULAR.items()}


def forms(word: str) -> set[str]:
    """
    Return the beginnings of the forms of a folded English *word*: every form begins with one.

    They are the word, its stem, the stem's British spelling, and a plural or spelling
    that does not begin with the stem ("women", "programme", "policies").

    >>> sorted(forms("women")), sorted(forms("digitalisation")), sorted(forms("policy"))
    (['woman', 'women'], ['digitalisation', 'digitalization'], ['policies', 'policy'])
    """
    found = {word, stem(word)}
    for form in list(found):
        found.add(_OR.sub("our", _IZE.sub(r"\1s", form)))
        found.add(_UNSTEMMED.get(form, form))
        if form.endswith("y") and len(form) > 3:
            found.add(form[:-1] + "ies")
    return found
