"""
Ranked full-text search over any of the library's records.
"""

from __future__ import annotations

import bisect
import enum
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable
from typing import Any, Generic, TypeVar

import attrs

from ._model import (
    CoordinatorTerm,
    CountClaim,
    Declaration,
    DeclarationParagraph,
    Document,
    Initiative,
    Member,
    NewsItem,
    Presentation,
    Publication,
    Recommendation,
    Source,
    Sponsor,
    WtoMember,
)
from ._text import words

__all__ = ["SearchHit", "search"]

R = TypeVar("R")

#: For each class that :func:`search` knows, the fields it searches and their weights,
#: the first (its title, headline or name) weighing most.
_FIELDS: dict[type, tuple[tuple[str, float], ...]] = {
    Presentation: (("title", 10), ("institution", 6), ("category", 3), ("subcategory", 3), ("summary", 2)),
    NewsItem: (("headline", 10), ("publisher", 6), ("summary", 2)),
    Publication: (("title", 10), ("publisher", 6), ("summary", 2)),
    Recommendation: (("title", 10), ("short_title", 8), ("summary", 2)),
    Member: (("name", 10), ("aliases", 8), ("id", 5), ("iso_alpha2", 5)),
    WtoMember: (("name", 10), ("id", 5), ("iso_alpha2", 5)),
    CoordinatorTerm: (("name", 10), ("aliases", 8)),
    Document: (("symbol", 10), ("description", 4)),
    Declaration: (("title", 10), ("symbol", 8), ("signatories", 3), ("preamble", 2), ("paragraphs", 2)),
    DeclarationParagraph: (("text", 10), ("heading", 6)),
    Initiative: (
        ("name", 10),
        ("group_name", 8),
        ("origin", 2),
        ("description", 2),
        ("scope", 2),
        ("looking_ahead", 2),
    ),
    CountClaim: (("wording", 10),),
    Sponsor: (("member", 10),),
    Source: (("title", 10), ("id", 5)),
}

#: Added to the score of a record whose first field (title, headline, name) is exactly
#: the query: more than any record can score otherwise, so that such records come first.
_EXACT_BONUS = 100.0

# How well a field matches, before its weight: each query word found as a whole word
# counts 1 and as the beginning of a word 1/2, averaged over the query's words; a
# field holding all of the query's words in a row counts 2, and one that is exactly
# the query counts 3.
_WORD = 1.0
_PREFIX = 0.5
_PHRASE = 2.0
_EXACT = 3.0

_CACHE_SIZE = 16


@attrs.frozen
class SearchHit(Generic[R]):
    """
    A record that :func:`search` found, with how well it matched.

    .. versionadded:: 0.1.0
    """

    record: R
    """The record found."""

    score: float
    """How well it matched: higher is better. Only comparable within one search."""

    field: str
    """The name of the record's field that matched best, such as ``"title"``."""


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, enum.Enum):
        return (str(value.value),)
    if isinstance(value, DeclarationParagraph):
        return (value.text,)
    return tuple(s for v in value for s in _strings(v))


def _spec(record: object, where: int) -> tuple[tuple[str, float], ...]:
    for cls in type(record).__mro__:
        if cls in _FIELDS:
            return _FIELDS[cls]
    known = ", ".join(sorted(c.__name__ for c in _FIELDS))
    msg = f"records[{where}] is a {type(record).__name__}; search knows only {known}"
    raise TypeError(msg)


@attrs.frozen
class _Index:
    """The words of a tuple of records, read once and looked up by word."""

    records: tuple[Any, ...]
    specs: tuple[tuple[tuple[str, float], ...], ...]  # each record's fields and weights
    texts: tuple[tuple[int, int, str], ...]  # (record, field, its words joined and padded with spaces)
    postings: dict[str, tuple[int, ...]]  # each word and the texts holding it, ascending
    vocabulary: tuple[str, ...]  # every word, sorted, to find those a query word begins


def _build(records: tuple[Any, ...]) -> _Index:
    specs = tuple(_spec(r, i) for i, r in enumerate(records))
    texts: list[tuple[int, int, str]] = []
    postings: dict[str, list[int]] = {}
    for i, (record, spec) in enumerate(zip(records, specs, strict=True)):
        for j, (name, _) in enumerate(spec):
            for s in _strings(getattr(record, name)):
                ws = words(s)
                if not ws:
                    continue
                for w in dict.fromkeys(ws):
                    postings.setdefault(w, []).append(len(texts))
                texts.append((i, j, " " + " ".join(ws) + " "))
    return _Index(records, specs, tuple(texts), {w: tuple(ids) for w, ids in postings.items()}, tuple(sorted(postings)))


_cache: OrderedDict[int, _Index] = OrderedDict()
_lock = threading.Lock()


def _index(records: Iterable[Any]) -> _Index:
    if not isinstance(records, tuple):
        return _build(tuple(records))
    key = id(records)
    with _lock:
        hit = _cache.get(key)
        if hit is not None and hit.records is records:
            _cache.move_to_end(key)
            return hit
    built = _build(records)
    with _lock:
        _cache[key] = built
        _cache.move_to_end(key)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return built


def _found(index: _Index, query: tuple[str, ...]) -> dict[int, float]:
    """Count, for each text holding any query word, the words found: 1 each whole, 1/2 as a prefix."""
    found: dict[int, float] = {}
    for w, times in Counter(query).items():
        whole = index.postings.get(w, ())
        for t in whole:
            found[t] = found.get(t, 0.0) + times * _WORD
        prefixed: set[int] = set(whole)
        vocabulary = index.vocabulary
        for k in range(bisect.bisect_right(vocabulary, w), len(vocabulary)):
            if not vocabulary[k].startswith(w):
                break
            for t in index.postings[vocabulary[k]]:
                if t not in prefixed:
                    prefixed.add(t)
                    found[t] = found.get(t, 0.0) + times * _PREFIX
    return found


def _scores(index: _Index, query: tuple[str, ...]) -> dict[int, tuple[float, str]]:
    """Score each record that matches: the sum over its fields, and its best field."""
    padded = " " + " ".join(query) + " "
    qualities: dict[tuple[int, int], float] = {}
    for t, found in _found(index, query).items():
        i, j, words = index.texts[t]
        if words == padded:
            quality = _EXACT
        elif len(query) > 1 and padded in words:
            quality = _PHRASE
        else:
            quality = found / len(query)
        if quality > qualities.get((i, j), 0.0):
            qualities[(i, j)] = quality
    by_record: dict[int, list[tuple[int, float]]] = {}
    for (i, j), quality in qualities.items():
        by_record.setdefault(i, []).append((j, quality))
    scores: dict[int, tuple[float, str]] = {}
    for i, fields in by_record.items():
        spec = index.specs[i]
        total, best, best_field = 0.0, 0.0, ""
        for j, quality in sorted(fields):
            name, weight = spec[j]
            points = weight * quality
            total += points
            if j == 0 and quality == _EXACT:
                total += _EXACT_BONUS
            if points > best:
                best, best_field = points, name
        scores[i] = (total, best_field)
    return scores


def search(records: Iterable[R], text: str, *, limit: int | None = None) -> tuple[SearchHit[R], ...]:
    """
    Find the records that match *text*, best first.

    Case, accents and punctuation are ignored: ``"cote d'ivoire"`` finds
    "C\u00f4te d\u2019Ivoire", and ``"cross border"`` finds "Cross-border". Each
    record's fields are weighted: its title (headline, name) most, then the names of
    who made it (institution, publisher) or its other names (aliases, short title),
    then its category, then its summary:

    ========================  ==================================================
    record                    fields searched, by weight
    ========================  ==================================================
    Presentation              title 10, institution 6, category 3,
                              subcategory 3, summary 2
    NewsItem                  headline 10, publisher 6, summary 2
    Publication               title 10, publisher 6, summary 2
    Recommendation            title 10, short_title 8, summary 2
    Member                    name 10, aliases 8, id 5, iso_alpha2 5
    WtoMember                 name 10, id 5, iso_alpha2 5
    CoordinatorTerm           name 10, aliases 8
    Document                  symbol 10, description 4
    Declaration               title 10, symbol 8, signatories 3, preamble 2,
                              paragraphs 2
    DeclarationParagraph      text 10, heading 6
    Initiative                name 10, group_name 8, origin 2, description 2,
                              scope 2, looking_ahead 2
    CountClaim                wording 10
    Sponsor                   member 10
    Source                    title 10, id 5
    ========================  ==================================================

    A field scores its weight times how well it matches: each word of the query
    found in it as a whole word counts 1, as the beginning of a word (``"cyber"`` in
    "Cybersecurity") 1/2, averaged over the query's words; a field that holds all the
    query's words in a row counts 2, and one that is exactly the query counts 3. A
    record scores the sum over its fields, plus 100 when its first field is exactly
    the query: more than any record can score otherwise, so that an exact title match
    always comes first.

    The words of a record are read once for each tuple of records and kept (for the
    last few tuples searched), so repeated searches over the same tuple, such as
    ``load().presentations``, are fast. Other iterables are read afresh each time.

    Args:
        records: The records to search, of any of the classes above, mixed or not.
        text: What to look for: one or more words.
        limit: The most hits to return, or ``None`` for all.

    Returns:
        A :class:`SearchHit` for each record that matches at all, by score from the
        highest; records with equal scores keep the order given.
        Text with no letters or digits (``"?!"``) matches nothing.

    Raises:
        ValueError: If *text* is empty or only whitespace, or *limit* is negative.
        TypeError: If *text* is not a string, *limit* not an int, or a record of a
            class search does not know (the message says which one).

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> for hit in wto_msme.search(ds.presentations, "cyber", limit=4):
    ...     print(hit.field, "|", hit.record.title)
    institution | Importance of cybersecurity for digital trade
    institution | GCA Cybersecurity Toolkit for Small Business
    title | Strengthening MSME Cyber Security
    title | Canadian SME Cybersecurity Initiatives & Programs
    >>> wto_msme.search(ds.members, "turkey")[0].record.name
    'Türkiye'

    .. versionadded:: 0.1.0
    """
    if not isinstance(text, str):
        msg = f"text must be a string, not {type(text).__name__}"
        raise TypeError(msg)
    if not text.strip():
        msg = "the search text is blank: give at least one word"
        raise ValueError(msg)
    if limit is not None:
        if not isinstance(limit, int) or isinstance(limit, bool):
            msg = f"limit must be an int or None, not {type(limit).__name__}"
            raise TypeError(msg)
        if limit < 0:
            msg = f"limit must be 0 or more, not {limit}"
            raise ValueError(msg)
    index = _index(records)
    query = words(text)
    if not query:
        return ()
    ranked = sorted(_scores(index, query).items(), key=lambda item: (-item[1][0], item[0]))
    if limit is not None:
        del ranked[limit:]
    return tuple(SearchHit(index.records[i], total, best) for i, (total, best) in ranked)
