"""
Ranked full-text search over records, by the fields their classes declare as searched.

Every word of the query must be found in a record for it to be a hit (words such as
"the" and "of" are left out), unless no record holds them all: then the records that hold
any are hits, and the ranking says it is partial. Hits are scored by BM25 (SQLite's FTS5,
in the standard library): a word found in few records weighs more than a common one, and
a word weighs as much as the field it is found in (:func:`~wto_msme._describe.searched_fields`),
less in a long record. A record whose title, name, other name, symbol or id is the query
comes first.

The index is an FTS5 table in memory, a row for the fields of each weight of each
record, closed with the index. The text is folded (case and accents) before FTS5 reads
it, and each word of a query is looked for in all its forms, so that "woman" finds
"women" and "digitalisation" "digitalization". Reading the records this way takes about
half as long as splitting and stemming them in Python.
"""

from __future__ import annotations

import re
import sqlite3
import weakref
from collections.abc import Callable
from typing import Any, NamedTuple

import attrs

from ._describe import TITLE, Kind, searched_fields, shapes, title
from ._text import bare, chunks, fold, forms

__all__ = ["Index", "Ranking", "index", "marks", "rank"]

#: The shortest query word that matches the words it begins: shorter ones match whole words only.
_SHORTEST_PREFIX = 3

#: How much the score of the query's words in a row adds to a record's.
_PHRASE = 0.25

#: The other names of a record: fields weighing at least this are matched whole, as its title is.
_NAME_WEIGHT = 8

#: The weight of the words of a record's class name ("Declaration", "News Item"), searched as a field.
_KIND_WEIGHT = 3
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

#: Words a query may hold that are left out of it, unless it holds nothing else.
_OPTIONAL = frozenset(
    (
        *("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "in", "is", "it", "its"),
        *("of", "on", "or", "than", "that", "the", "their", "to", "was", "with"),
    )
)


class Index:
    """
    The words of a tuple of records, read once: build it with :func:`index`.

    A plain class, and :class:`Ranking` a named tuple: both are defined at the first
    search, where two attrs classes would add about 1 ms.
    """

    __slots__ = ("__weakref__", "keys", "records", "rows", "table")

    def __init__(
        self,
        records: tuple[Any, ...],
        table: sqlite3.Connection,  # an FTS5 table "words": a row for the fields of each weight of each record
        rows: tuple[tuple[int, float], ...],  # each row's record and weight (over the title's), by rowid - 1
        keys: dict[str, tuple[int, ...]],  # each name of a record, folded: the records
    ) -> None:
        self.records, self.table, self.rows, self.keys = records, table, rows, keys


#: What search reads of a record class: each searched field's name, weight, whether it is a
#: tuple and its (items') kind; and the words of the class's name.
_Plan = tuple[list[tuple[str, float, bool, Kind]], str]


def _plan(cls: type) -> _Plan:
    """What search reads of records of *cls*: nothing if it has no searched fields."""
    if not attrs.has(cls):
        return [], ""
    shape = shapes(cls)
    fields = []
    for name, weight in searched_fields(cls):
        field = shape[name]
        item = field.item if field.kind is Kind.TUPLE and field.item is not None else field
        fields.append((name, weight, field.kind is Kind.TUPLE, item.kind))
    return fields, _CAMEL.sub(" ", cls.__name__)


def _strings(record: Any, plans: dict[type, _Plan]) -> list[tuple[float, list[str]]]:
    """Each searched field of *record*, its weight and its strings; then the words of its class name."""
    cls: type = type(record)
    if cls not in plans:
        plans[cls] = _plan(cls)
    plan, kind_words = plans[cls]
    if not plan:
        return []
    fields: list[tuple[float, list[str]]] = []
    for name, weight, many, kind in plan:
        value = getattr(record, name)
        values = value if many else (value,)
        if kind is Kind.ENUM:
            values = [v.value for v in values if v is not None]
        elif kind is Kind.RECORD:
            values = [title(v) for v in values]
        fields.append((weight, [v for v in values if v]))
    fields.append((_KIND_WEIGHT, [kind_words]))  # "MC12 declaration", "annual report"
    return fields


def index(records: tuple[Any, ...]) -> Index:
    """
    Read the words of *records* once, into an FTS5 table in memory.

    Raises:
        TypeError: A record is of a class with no searched fields, named with its position.
    """
    plans: dict[type, _Plan] = {}  # what is read of each class
    rows: list[tuple[int, float, str]] = []
    keys: dict[str, set[int]] = {}
    for i, record in enumerate(records):
        searched = _strings(record, plans)
        if not searched:
            msg = f"records[{i}] is a {type(record).__name__}, which has no searched fields"
            raise TypeError(msg)
        cells: dict[float, list[str]] = {}  # the strings of the fields of each weight
        rid = getattr(record, "id", None)
        names = [rid] if isinstance(rid, str) else []
        for weight, texts in searched:
            cells.setdefault(weight, []).extend(texts)
            if weight == TITLE or weight >= _NAME_WEIGHT:
                names += [*texts, *(s for text in texts for s in _joint(text))]
        rows += [(i, weight / TITLE, bare(" | ".join(texts))) for weight, texts in cells.items() if texts]
        for name in names:
            keys.setdefault(fold(name), set()).add(i)
    table = sqlite3.connect(":memory:", check_same_thread=False)
    table.execute("create virtual table words using fts5(text, tokenize='unicode61')")
    table.executemany("insert into words(text) values (?)", [(text,) for _, _, text in rows])
    found = Index(records, table, tuple((i, w) for i, w, _ in rows), {k: tuple(sorted(v)) for k, v in keys.items()})
    weakref.finalize(found, table.close)
    return found


def _joint(name: str) -> list[str]:
    """Each symbol of a joint symbol, which answers to each: "INF/MSME/W/58-INF/TGE/COM/11"."""
    if "/" in name and " " not in name.strip():
        parts = name.split("-")
        if len(parts) > 1 and all("/" in p for p in parts):
            return parts
    return []


class Ranking(NamedTuple):
    """
    The records a query found, best first, with their scores.
    """

    positions: tuple[int, ...]
    """Each hit's position among the records searched, best first."""

    scores: tuple[float, ...]
    """Each hit's score, in the same order."""

    partial: bool
    """Whether no record holds every word of the query, so that the hits hold only some."""


def _term(chunk: list[str]) -> str:
    """The FTS5 expression of a word of a query, or of words written together."""
    if len(chunk) > 1:  # "e-commerce": those words in a row, or written as one ("ecommerce")
        return f'("{" ".join(chunk)}" OR "{"".join(chunk)}")'
    word = chunk[0]
    if len(word) < _SHORTEST_PREFIX or word.isdigit():
        return f'"{word}"'
    found = forms(word)
    shortest = sorted(w for w in found if not any(w != v and w.startswith(v) for v in found))  # as the others begin
    return "(" + " OR ".join(f'"{w}"*' for w in shortest) + ")"


def marks(text: str) -> Callable[[str], bool]:
    """
    Return whether a word of a record is one that the query *text* looks for, to mark it in a display.

    >>> marked = marks("women in e-commerce")
    >>> [w for w in ("Women", "womens", "in", "E", "commerce", "economy") if marked(w)]
    ['Women', 'womens', 'E', 'commerce']
    """
    found = chunks(text)
    kept = [c for c in found if not (len(c) == 1 and c[0] in _OPTIONAL)] or found
    whole = {w for c in kept for w in c if len(c) > 1 or len(w) < _SHORTEST_PREFIX or w.isdigit()}
    begun = tuple({f for c in kept if len(c) == 1 and c[0] not in whole for f in forms(c[0])})

    def marked(word: str) -> bool:
        folded = fold(word)
        return folded in whole or folded.startswith(begun)

    return marked


def _matches(index: Index, expression: str) -> dict[int, float]:
    """Each record that matches the FTS5 *expression*: its score, the sum over its rows of BM25 times their weight."""
    found: dict[int, float] = {}
    rows = index.rows
    for row, score in index.table.execute("select rowid, bm25(words) from words where words match ?", (expression,)):
        i, weight = rows[row - 1]
        found[i] = found.get(i, 0.0) - score * weight
    return found


def _check(text: str, limit: int | None) -> None:
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


def rank(index: Index, text: str, limit: int | None) -> Ranking:
    """
    Return the records of *index* that match *text*, best first, with their scores.

    A record is a hit if it holds every word of *text* (words such as "the" and "of" are
    left out, unless the query holds nothing else), compared without case or accents; a
    word of three letters or more also matches the words it begins, and its other forms
    ("women" for "woman", "digitalization" for "digitalisation"); words written together
    ("e-commerce", "INF/MSME/W/58") match those words in a row. If no record holds every
    word, the records that hold any are hits, and the ranking is partial.

    A hit scores, for each word, FTS5's BM25 in each field times the field's weight over
    the title's, plus a quarter of the same for the query's words in a row. A record
    whose title, name, other name, symbol or id is *text* scores its own score and the
    best of the others', so it comes first. Equal scores keep the records' order.

    Raises:
        TypeError: *text* is not a string, or *limit* not an int.
        ValueError: *text* is blank, or *limit* negative.
    """
    _check(text, limit)
    found = chunks(text)
    words = [c for c in found if not (len(c) == 1 and c[0] in _OPTIONAL)] or found
    if not words:
        return Ranking((), (), partial=False)
    matched = [_matches(index, term) for term in dict.fromkeys(_term(c) for c in words)]
    exact = set(index.keys.get(fold(text), ()))
    hits = set.intersection(*(set(m) for m in matched)) | exact
    partial = not hits
    if partial:
        hits = {i for m in matched for i in m}
    scores = {i: sum(m.get(i, 0.0) for m in matched) for i in hits}
    line = [w for c in found for w in c]
    if len(line) > 1 and not partial:
        for i, score in _matches(index, f'"{" ".join(line)}"').items():
            if i in scores:
                scores[i] += _PHRASE * score
    best = max((s for i, s in scores.items() if i not in exact), default=0.0)
    for i in exact:  # above every other
        scores[i] = scores.get(i, 0.0) + best + 1.0
    ranked = sorted(scores, key=lambda i: (i not in exact, -scores[i], i))[:limit]
    return Ranking(tuple(ranked), tuple(scores[i] for i in ranked), partial=partial)
