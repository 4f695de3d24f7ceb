"""
Ranked full-text search over records, by the fields their classes declare as searched.

Every word of the query must be found in a record for it to be a hit (words such as
"the" and "of" are left out), unless no record holds them all: then the records that hold
any are hits, and the ranking says it is partial. Hits are scored by BM25F: a word found
in few records weighs more than a common one, and a word weighs as much as the field it
is found in (:func:`~wto_msme._describe.searched_fields`), less in a long field. A record
whose title, name, other name, symbol or id is the query comes first.

The index is each field's words, stemmed, in one line of text, scanned at each search:
reading the records is the cost that matters (they are searched once, in most sessions),
and scanning a few thousand short lines for a word takes a fraction of a millisecond.
"""

from __future__ import annotations

import math
import re
from typing import Any

import attrs

from ._describe import TITLE, Kind, searched_fields, shapes, title
from ._text import END, chunks, read, stem

__all__ = ["Index", "Ranking", "index", "rank"]

#: BM25's saturation of a word's weight in a record, and how much a long field dilutes it.
_K1, _B = 1.2, 0.75

#: How much a word counts when the query's word only begins it ("cyber" in "cybersecurity").
_PREFIX = 0.5

#: The shortest query word that matches the words it begins: shorter ones match whole words only.
_SHORTEST_PREFIX = 3

#: What the query's words in a row in one field add: this, times the field's weight and the words'.
_PHRASE = 0.25

#: The other names of a record: fields weighing at least this are matched whole, as its title is.
_NAME_WEIGHT = 8

#: The weight of the words of a record's class name ("Declaration", "News Item"), searched as a field.
_KIND_WEIGHT = 3
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

#: Words a query may hold that are left out of it, unless it holds nothing else.
_OPTIONAL = frozenset(
    stem(w)
    for w in (
        *("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "in", "is", "it", "its"),
        *("of", "on", "or", "than", "that", "the", "their", "to", "was", "with"),
    )
)


@attrs.frozen
class Index:
    """
    The words of a tuple of records, read once: build it with :func:`index`.

    A text is one searched field of one record; the texts of record ``i`` are those from
    ``starts[i]`` to ``starts[i + 1]``.
    """

    records: tuple[Any, ...]
    starts: tuple[int, ...]  # each record's first text, and the number of texts last
    owners: tuple[int, ...]  # each text's record
    weights: tuple[float, ...]  # each text's field weight over the title's
    factors: tuple[float, ...]  # each text's weight over BM25's length norm
    lines: tuple[str, ...]  # each text's stems joined by spaces, then " | " and its runs of joined words
    texts: tuple[str, ...]  # each record's lines joined, to find the records that hold a word first
    keys: dict[str, tuple[int, ...]]  # each name of a record, its stems joined by spaces: the records


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
    Read the words of *records* once.

    Raises:
        TypeError: A record is of a class with no searched fields, named with its position.
    """
    strings: list[str] = []  # every string of every searched field, in order
    spans: list[tuple[int, int]] = []  # each text's strings: where they begin, and how many
    starts, owners, weights = [], [], []
    named: list[tuple[int, int]] = []  # each string that names a record (title, other name), and the record
    other: list[tuple[int, str]] = []  # each record's other names: its id, the symbols of a joint symbol
    plans: dict[type, _Plan] = {}  # what is read of each class
    for i, record in enumerate(records):
        searched = _strings(record, plans)
        if not searched:
            msg = f"records[{i}] is a {type(record).__name__}, which has no searched fields"
            raise TypeError(msg)
        starts.append(len(spans))
        rid = getattr(record, "id", None)
        other += [(i, rid)] if isinstance(rid, str) else []
        for weight, texts in searched:
            if weight == TITLE or weight >= _NAME_WEIGHT:
                named += [(len(strings) + j, i) for j in range(len(texts))]
                other += [(i, symbol) for text in texts for symbol in _joint(text)]
            spans.append((len(strings), len(texts)))
            owners.append(i)
            weights.append(weight / TITLE)
            strings += texts
    starts.append(len(spans))
    words, groups = read(strings + [name for _, name in other])
    stems = {w: stem(w) for w in set(words)}  # each word's stem, found once
    stemmed = [line.strip() for line in " ".join(map(stems.__getitem__, words)).split(END)][:-1]
    keys: dict[str, set[int]] = {}
    for k, i in named:
        keys.setdefault(stemmed[k], set()).add(i)
    for (i, _), line in zip(other, stemmed[len(strings) :], strict=True):
        keys.setdefault(line, set()).add(i)
    counts = [line.count(" ") + 1 if line else 0 for line in stemmed]  # the words of each string
    lengths = [sum(counts[k : k + n]) for k, n in spans]
    for k, group in groups:  # after the words, so that a phrase does not run into them
        if k < len(strings):
            stemmed[k] += " | " + " | ".join(_runs(group, stems))
    lines = [" " + " | ".join(stemmed[k : k + n]) + " " for k, n in spans]
    average = max(sum(lengths), 1) / max(len(lengths), 1)
    factors = tuple(w / (1 - _B + _B * n / average) for w, n in zip(weights, lengths, strict=True))
    return Index(
        records,
        tuple(starts),
        tuple(owners),
        tuple(weights),
        factors,
        tuple(lines),
        tuple("".join(lines[starts[i] : starts[i + 1]]) for i in range(len(records))),
        {k: tuple(sorted(v)) for k, v in keys.items()},
    )


def _runs(group: list[str], stems: dict[str, str]) -> list[str]:
    """The runs of a group of words written together that begin it, each as one word, its last word stemmed."""
    return ["".join(group[: b - 1]) + stems[group[b - 1]] for b in range(2, len(group) + 1)]


def _joint(name: str) -> list[str]:
    """Each symbol of a joint symbol, which answers to each: "INF/MSME/W/58-INF/TGE/COM/11"."""
    if "/" in name and " " not in name.strip():
        parts = name.split("-")
        if len(parts) > 1 and all("/" in p for p in parts):
            return parts
    return []


@attrs.frozen
class Ranking:
    """
    The records a query found, best first, with their scores.
    """

    positions: tuple[int, ...]
    """Each hit's position among the records searched, best first."""

    scores: tuple[float, ...]
    """Each hit's score, in the same order."""

    partial: bool
    """Whether no record holds every word of the query, so that the hits hold only some."""


def _query(text: str) -> tuple[list[str], str]:
    """The terms of a query (a word, or words written together, as one), and its stems in a row."""
    terms, line = [], []
    for chunk in chunks(text):
        words = [stem(w) for w in chunk]
        terms.append("".join(chunk[:-1]) + words[-1])
        line += words
    return list(dict.fromkeys(terms)), " ".join(line)


def _found(index: Index, term: str) -> dict[int, float]:
    """Each record that holds *term* (or, for three letters or more, a word it begins): its weighted count."""
    whole = f" {term} "
    needle = f" {term}" if len(term) >= _SHORTEST_PREFIX and not term.isdigit() else whole
    found: dict[int, float] = {}
    lines, starts, factors = index.lines, index.starts, index.factors
    for i in [i for i, text in enumerate(index.texts) if needle in text]:
        count = 0.0
        for t in range(starts[i], starts[i + 1]):
            if needle in lines[t]:
                times = float(lines[t].count(whole))
                if needle is not whole:
                    times += _PREFIX * (lines[t].count(needle) - times)
                count += times * factors[t]
        found[i] = count
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

    A record is a hit if it holds every word of *text*, compared folded and stemmed
    (words such as "the" and "of" are left out, unless the query holds nothing else); a
    word of three letters or more also matches the words it begins, for half as much;
    words written together ("e-commerce", "INF/MSME/W/58") match as one word. If no
    record holds every word, the records that hold any are hits, and the ranking is
    partial.

    A hit scores BM25F over its searched fields, each word weighing more the fewer records
    hold it; each field holding the query's words in a row adds a quarter of the words'
    weights times the field's. A record whose title, name, other name, symbol or id is
    *text* scores its own score, the best of the others' and the words' weights, so it
    comes first. Equal scores keep the records' order.

    Raises:
        TypeError: *text* is not a string, or *limit* not an int.
        ValueError: *text* is blank, or *limit* negative.
    """
    _check(text, limit)
    terms, line = _query(text)
    if not terms:
        return Ranking((), (), partial=False)
    n = len(index.records)
    found = {term: _found(index, term) for term in [t for t in terms if t not in _OPTIONAL] or terms}
    idf = {term: math.log(1 + (n - len(f) + 0.5) / (len(f) + 0.5)) for term, f in found.items()}
    exact = set(index.keys.get(line, ()))
    hits = set.intersection(*(set(f) for f in found.values())) | exact
    partial = not hits
    if partial:
        hits = {i for f in found.values() for i in f}
    padded, weight = f" {line} ", sum(idf.values())
    scores = {}
    for i in hits:
        score = sum(idf[t] * f[i] * (_K1 + 1) / (f[i] + _K1) for t, f in found.items() if i in f)
        if len(line.split()) > 1:
            for t in range(index.starts[i], index.starts[i + 1]):
                if padded in index.lines[t]:
                    score += _PHRASE * index.weights[t] * weight
        scores[i] = score
    best = max((s for i, s in scores.items() if i not in exact), default=0.0)
    for i in exact:  # above every other, by a full match's worth
        scores[i] += best + weight
    ranked = sorted(scores, key=lambda i: (i not in exact, -scores[i], i))[:limit]
    return Ranking(tuple(ranked), tuple(scores[i] for i in ranked), partial=partial)
