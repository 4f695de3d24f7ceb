"""
Ranked full-text search over records, by the fields their classes declare as searched.
"""

from __future__ import annotations

import bisect
import enum
from collections import Counter
from typing import Any

import attrs

from ._describe import searched_fields, title
from ._text import stems

__all__ = ["Index", "index", "rank"]

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


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, enum.Enum):
        return (str(value.value),)
    if attrs.has(type(value)):  # a nested record: its title
        return (title(value),)
    return tuple(s for v in value for s in _strings(v))


def _spec(record: object, where: int) -> tuple[tuple[str, float], ...]:
    spec = searched_fields(type(record)) if attrs.has(type(record)) else ()  # type: ignore[arg-type]
    if not spec:
        msg = f"records[{where}] is a {type(record).__name__}, which has no searched fields"
        raise TypeError(msg)
    return spec


@attrs.frozen
class Index:
    """The words of a tuple of records, read once and looked up by word: build it with :func:`index`."""

    records: tuple[Any, ...]
    specs: tuple[tuple[tuple[str, float], ...], ...]  # each record's fields and weights
    texts: tuple[tuple[int, int, str], ...]  # (record, field, its words joined and padded with spaces)
    postings: dict[str, tuple[int, ...]]  # each word and the texts holding it, ascending
    vocabulary: tuple[str, ...]  # every word, sorted, to find those a query word begins


def index(records: tuple[Any, ...]) -> Index:
    """Read the words of *records* once."""
    specs = tuple(_spec(r, i) for i, r in enumerate(records))
    texts: list[tuple[int, int, str]] = []
    postings: dict[str, list[int]] = {}
    for i, (record, spec) in enumerate(zip(records, specs, strict=True)):
        for j, (name, _) in enumerate(spec):
            for s in _strings(getattr(record, name)):
                ws = stems(s)
                if not ws:
                    continue
                for w in dict.fromkeys(ws):
                    postings.setdefault(w, []).append(len(texts))
                texts.append((i, j, " " + " ".join(ws) + " "))
    return Index(records, specs, tuple(texts), {w: tuple(ids) for w, ids in postings.items()}, tuple(sorted(postings)))


def _found(index: Index, query: tuple[str, ...]) -> dict[int, float]:
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


def _scores(index: Index, query: tuple[str, ...]) -> dict[int, tuple[float, str]]:
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


def rank(index: Index, text: str, limit: int | None) -> list[int]:
    """
    Return the positions of the records of *index* that match *text*, best first.

    A field scores its weight times how well it matches: each word of the query found
    in it as a whole word counts 1, as the beginning of a word 1/2, averaged over the
    query's words; a field holding all of them in a row counts 2, and one that is
    exactly the query 3. A record scores the sum over its fields, plus 100 when its
    title is exactly the query. Words are compared folded and stemmed. Equal scores
    keep the records' order.
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
    query = stems(text)
    if not query:
        return []
    ranked = sorted(_scores(index, query).items(), key=lambda item: (-item[1][0], item[0]))
    return [i for i, _ in ranked[:limit]]
