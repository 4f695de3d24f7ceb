"""
Integrity checks that every loaded dataset must pass.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from ._dataset import COLLECTIONS, Dataset
from ._dates import PartialDate
from ._describe import Kind, marked, references, shapes
from ._io import MAX_PROBLEMS
from ._model import MAX_COUNT, Meeting
from ._text import fold, quote

__all__ = ["LIFE_START", "MAX_COUNT", "MAX_COUNTED", "Problem", "check"]

LIFE_START = PartialDate(2017, 1, 1)
"""The earliest date a record about the group may carry: the 2017 dialogue began then. Cited documents may be older."""

Problem = tuple[str, str, str]
"""A problem as (collection, location, what is wrong)."""

MAX_COUNTED = 100_000
"""How many problems past the listed ones are counted before checking stops."""

# Control characters: C0 and C1 controls (NUL, newlines, ESC...), format characters
# (such as the bidirectional overrides) and the Unicode line and paragraph separators.
_CONTROL_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

def check(ds: Dataset, limit: int = MAX_PROBLEMS) -> list[Problem]:
    """
    Return the integrity problems of *ds*, in a stable order; an empty list if none.

    At most *limit* problems are listed; when there are more, a last line, of no
    collection (``""``), says how many more there are, counted up to
    :data:`MAX_COUNTED`, where counting stops. So a dataset of a million dangling
    references gives a short message, in bounded memory and time.
    """
    found = _problems(ds)
    problems = list(itertools.islice(found, limit))
    more = sum(1 for _ in itertools.islice(found, MAX_COUNTED))
    if more == MAX_COUNTED and next(found, None) is not None:
        problems.append(("", "dataset", f"{MAX_COUNTED} more problems not listed, and checking stopped there"))
    elif more:
        problems.append(("", "dataset", f"{more} more problems not listed"))
    return problems


def _problems(ds: Dataset) -> Iterator[Problem]:
    for name in COLLECTIONS:
        yield from _ids(name, getattr(ds, name))
    everything = list(_records(ds))
    yield from _references(ds, everything)
    yield from _signatories(ds)
    yield from _coordinators(ds)
    yield from _annexes(ds)
    yield from _ranges(everything)
    yield from _dates(ds, everything)
    yield from _meetings(ds, everything)
    yield from _names(ds)
    yield from _codes(ds)
    yield from _joinings(ds)
    yield from _note_fields(everything)


def _records(ds: Dataset) -> Iterator[tuple[str, str, Any]]:
    """Every record of *ds*, nested ones included, with its collection and its location."""
    yield from _nested("initiative", "initiative", ds.initiative)
    for name in COLLECTIONS:
        for i, r in enumerate(getattr(ds, name)):
            yield from _nested(name, f"{name}[{i}]", r)


def _nested(name: str, where: str, record: Any) -> Iterator[tuple[str, str, Any]]:
    yield name, where, record
    for field, shape in shapes(_class(record)).items():
        value = getattr(record, field)
        if shape.kind is Kind.RECORD and value is not None:
            yield from _nested(name, f"{where}.{field}", value)
        elif shape.kind is Kind.TUPLE and shape.item is not None and shape.item.kind is Kind.RECORD:
            for j, item in enumerate(value):
                yield from _nested(name, f"{where}.{field}[{j}]", item)


def _class(record: object) -> type:
    return type(record)


def _values(record: Any, field: str) -> Iterator[tuple[str, Any]]:
    """The values of *field* of *record* with their locations: the field's, or each item's for a tuple."""
    value = getattr(record, field)
    if isinstance(value, tuple):
        yield from ((f"{field}[{j}]", v) for j, v in enumerate(value))
    elif value is not None:
        yield field, value


def _control(text: str) -> str | None:
    """Return the first control character in *text* (a C0 or C1 control, a format or line separator), or None."""
    if text.isascii():
        found = _ASCII_CONTROL.search(text)
        return None if found is None else found.group()
    return next((c for c in text if unicodedata.category(c) in _CONTROL_CATEGORIES), None)


def _ids(name: str, records: Iterable[Any]) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, r in enumerate(records):
        if (c := _control(r.id)) is not None:
            yield (name, f"{name}[{i}].id", f"the identifier {quote(r.id)} holds the control character {c!r}")
        if r.id in seen:
            yield (name, f"{name}[{i}].id", f"duplicate identifier {quote(r.id)} (first at {name}[{seen[r.id]}])")
        else:
            seen[r.id] = i


def _references(ds: Dataset, everything: list[tuple[str, str, Any]]) -> Iterator[Problem]:
    """Every id a field declared with ``refers`` holds must be the id of a record of its collection."""
    ids = {name: {r.id for r in getattr(ds, name)} for name in COLLECTIONS}
    for name, where, record in everything:
        for field, target in references(_class(record)):
            for at, v in _values(record, field):
                if v not in ids[target]:
                    yield (name, f"{where}.{at}", f"unknown {getattr(ds, target).kind.noun} {quote(v)}")
    for i, d in enumerate(ds.declarations):
        if len(d.signatories) != len(d.signatory_members):
            yield (
                "declarations",
                f"declarations[{i}].signatory_members",
                f"{len(d.signatory_members)} members for {len(d.signatories)} signatories",
            )


def _name_key(name: str) -> str:
    # "the Separate Customs Territory of ..." names the Member whose alias has no article.
    return fold(name).removeprefix("the ")


def _signatories(ds: Dataset) -> Iterator[Problem]:
    members = {m.id: m for m in ds.members}
    for i, d in enumerate(ds.declarations):
        first: dict[str, int] = {}
        for j, (signatory, mid) in enumerate(zip(d.signatories, d.signatory_members, strict=False)):
            where = f"declarations[{i}].signatory_members[{j}]"
            if mid in first:
                first_at = f"first at signatory_members[{first[mid]}]"
                yield ("declarations", where, f"duplicate member {quote(mid)} ({first_at})")
                continue
            first[mid] = j
            member = members.get(mid)
            if member is None:
                continue  # an unknown member, reported by _references
            if _name_key(signatory) not in {_name_key(n) for n in (member.name, *member.aliases)}:
                yield (
                    "declarations",
                    where,
                    f"member {quote(mid)} is not signatory {quote(signatory)} (signatories[{j}]):"
                    " each signatory's member must be named by its name or an alias, in the same order",
                )


def _ranges(everything: list[tuple[str, str, Any]]) -> Iterator[Problem]:
    """Every number a field declared with ``within`` holds lies in its range."""
    for name, where, record in everything:
        for field, (low, high) in marked(_class(record), "within"):
            for at, n in _values(record, field):
                if not low <= n <= high:
                    yield (name, f"{where}.{at}", f"{quote(n)} is not from {low} to {high}")


def _codes(ds: Dataset) -> Iterator[Problem]:
    """A code (a field declared with ``code``) has its form, and no two records of a collection share it."""
    for name in COLLECTIONS:
        records = getattr(ds, name)
        for field, pattern in marked(records.kind, "code"):
            form, owner = re.compile(pattern), dict[str, int]()
            for i, r in enumerate(records):
                value = getattr(r, field)
                if value is None:
                    continue
                if not form.fullmatch(value):
                    yield (name, f"{name}[{i}].{field}", f"{quote(value)} is not of the form {pattern}")
                elif value in owner:
                    yield (name, f"{name}[{i}].{field}", f"{quote(value)} is also the code of {name}[{owner[value]}]")
                else:
                    owner[value] = i


def _coordinators(ds: Dataset) -> Iterator[Problem]:
    # Two partial dates contradict each other only when one lies wholly before the
    # other: a term may end in the month it starts, and the next may start in the
    # month (or year) the previous one ends, the handover falling on a day of both.
    terms = ds.coordinators
    for i in range(1, len(terms)):
        before, after = terms[i - 1], terms[i]
        if before.end is None:
            yield ("coordinators", f"coordinators[{i - 1}].end", "only the last term may be ongoing")
            continue
        if after.start is None:
            yield ("coordinators", f"coordinators[{i}].start", "only the first term may have an unknown start")
            continue
        if after.start.wholly_before(before.end):
            yield (
                "coordinators",
                f"coordinators[{i}].start",
                f"the term starts ({after.start}) before the previous one ends ({before.end}):"
                " terms must be in order and may not overlap",
            )


def _annexes(ds: Dataset) -> Iterator[Problem]:
    for i, p in enumerate(ds.presentations):
        if list(p.annexes) != sorted(set(p.annexes)):
            yield ("presentations", f"presentations[{i}].annexes", "annexes must be ascending and unique")
        if p.subcategory is not None and p.subcategory.category is not p.category:
            yield (
                "presentations",
                f"presentations[{i}].subcategory",
                f"{p.subcategory.value!r} belongs under {p.subcategory.category.value!r},"
                f" not {p.category.value!r}",
            )
    seen: dict[int, int] = {}
    for i, r in enumerate(ds.recommendations):
        if r.annex in seen:
            yield ("recommendations", f"recommendations[{i}].annex", f"annex {r.annex} appears twice")
        seen.setdefault(r.annex, i)


def _dates(ds: Dataset, everything: list[tuple[str, str, Any]]) -> Iterator[Problem]:
    """Every date lies between the group's first event (or the field's ``earliest``) and ``current_to``."""
    end = ds.current_to
    for name, where, record in everything:
        cls = _class(record)
        first = dict(marked(cls, "earliest"))
        for field, shape in shapes(cls).items():
            d = getattr(record, field)
            if shape.kind is Kind.DATE and d is not None:
                start = first.get(field, LIFE_START)
                if d.wholly_before(start) or end.wholly_before(d):
                    span = f"({start} to {end}, the data's current_to)"
                    yield (name, f"{where}.{field}", f"{d} is outside the dates it may carry {span}")


def _span(meeting: Meeting) -> tuple[PartialDate | None, PartialDate | None]:
    """The earliest and the latest a meeting may have been held, as far as known."""
    if meeting.date is not None:
        return meeting.date, meeting.date
    return meeting.not_before, meeting.not_after


def _bounds(early: PartialDate | None, late: PartialDate | None) -> str:
    if early is None:
        return f"by {late}"
    return f"on or after {early}" if late is None else f"between {early} and {late}"


def _meetings(ds: Dataset, everything: list[tuple[str, str, Any]]) -> Iterator[Problem]:
    """
    A record dated and of one meeting is dated as the meeting can be; a Member a meeting welcomed joined by then.
    """
    meetings = {m.id: m for m in ds.meetings}
    for name, where, record in everything:
        dated = shapes(_class(record)).get("date")
        for field, target in references(_class(record)):
            meeting = meetings.get(getattr(record, field)) if target == "meetings" else None
            if meeting is None or dated is None or dated.kind is not Kind.DATE or record.date is None:
                continue
            early, late = _span(meeting)
            if (early is not None and record.date.wholly_before(early)) or (late and late.wholly_before(record.date)):
                held = f"held {meeting.date}" if meeting.date else f"held {_bounds(early, late)}"
                yield (name, f"{where}.date", f"{record.date} does not fit its {field} {quote(meeting.id)} ({held})")
    members = {m.id: m for m in ds.members}
    for i, mt in enumerate(ds.meetings):
        _, late = _span(mt)
        for j, mid in enumerate(mt.welcomed):
            joined = members[mid].joined if mid in members else None
            first = None if joined is None else joined.on or joined.not_before
            if late is not None and first is not None and late.wholly_before(first):
                yield (
                    "meetings",
                    f"meetings[{i}].welcomed[{j}]",
                    f"{quote(mid)} joined ({joined}) after the meeting that welcomed it ({late})",
                )


def _names(ds: Dataset) -> Iterator[Problem]:
    owner: dict[str, str] = {}
    for i, m in enumerate(ds.members):
        for j, name in enumerate((m.name, *m.aliases)):
            key = fold(name)
            where = f"members[{i}].name" if j == 0 else f"members[{i}].aliases[{j - 1}]"
            if not key:
                yield ("members", where, "a name may not be blank")
            elif key in owner and owner[key] != m.id:
                yield ("members", where, f"{quote(name)} also names member {quote(owner[key])}")
            else:
                owner[key] = m.id


def _joinings(ds: Dataset) -> Iterator[Problem]:
    for i, m in enumerate(ds.members):
        j = m.joined
        if j.on is not None and (j.not_before is not None or j.not_after is not None):
            yield ("members", f"members[{i}].joined", "give either a date (on) or bounds, not both")


def _note_fields(everything: list[tuple[str, str, Any]]) -> Iterator[Problem]:
    """A note about a field names a field of the record whose provenance holds it."""
    for name, where, record in everything:
        provenance = getattr(record, "provenance", None)
        for n, note in enumerate(() if provenance is None else provenance.notes):
            if note.field is not None:
                top = note.field.split(".")[0].split("[")[0]
                if top not in attrs.fields_dict(type(record)):
                    problem = f"{type(record).__name__} has no field {quote(top)}"
                    yield (name, f"{where}.provenance.notes[{n}].field", problem)
