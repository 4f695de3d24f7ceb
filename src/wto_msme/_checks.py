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
from ._describe import references
from ._io import MAX_PROBLEMS
from ._model import Note, Provenance
from ._text import fold
from .enums import Category, Subcategory

__all__ = ["LIFE_START", "MAX_COUNT", "MAX_COUNTED", "Problem", "check"]

LIFE_START = PartialDate(2017, 1, 1)
"""The earliest date a record about the group may carry: the 2017 dialogue began then."""

Problem = tuple[str, str, str]
"""A problem as (collection, location, what is wrong)."""

MAX_COUNT = 1000
"""The largest count of Members a record may claim (the WTO has 166)."""

MAX_COUNTED = 100_000
"""How many problems past the listed ones are counted before checking stops."""

_INITIATIVE_COUNTS = ("participants_claimed", "wto_members_claimed")

# Control characters: C0 and C1 controls (NUL, newlines, ESC...), format characters
# (such as the bidirectional overrides) and the Unicode line and paragraph separators.
_CONTROL_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

_SUBCATEGORY_OF = {
    Subcategory.CROSS_BORDER_PAYMENTS: Category.FINANCING,
    Subcategory.STANDARDS_TO_DIGITALIZE_TRADE: Category.DIGITAL,
}


def _q(value: object) -> str:
    """Quote a value for a message, shortened if it is very long."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


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
    yield from _references(ds)
    yield from _signatories(ds)
    yield from _coordinators(ds)
    yield from _annexes(ds)
    yield from _counts(ds)
    yield from _dates(ds)
    yield from _names(ds)
    yield from _codes(ds)
    yield from _joinings(ds)
    yield from _provenance(ds)


def _control(text: str) -> str | None:
    """Return the first control character in *text* (a C0 or C1 control, a format or line separator), or None."""
    if text.isascii():
        found = _ASCII_CONTROL.search(text)
        return None if found is None else found.group()
    return next((c for c in text if unicodedata.category(c) in _CONTROL_CATEGORIES), None)


def _ids(name: str, records: Iterable[Any]) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, r in enumerate(records):
        if not r.id.strip():
            yield (name, f"{name}[{i}].id", "an identifier may not be blank")
        elif (c := _control(r.id)) is not None:
            yield (name, f"{name}[{i}].id", f"the identifier {_q(r.id)} holds the control character {c!r}")
        if r.id in seen:
            yield (name, f"{name}[{i}].id", f"duplicate identifier {_q(r.id)} (first at {name}[{seen[r.id]}])")
        else:
            seen[r.id] = i


#: How a problem names a record of each collection that a field refers to.
_NOUNS = {"members": "member", "wto_members": "WTO Member", "documents": "document", "meetings": "meeting"}


def _references(ds: Dataset) -> Iterator[Problem]:
    """Every id a field declared with ``refers`` holds must be one of its collection."""
    ids = {name: {r.id for r in getattr(ds, name)} for name in COLLECTIONS}
    wto = ids["wto_members"]
    for i, m in enumerate(ds.members):
        if m.id not in wto:
            yield ("members", f"members[{i}].id", f"{_q(m.id)} is not a WTO Member in wto_members")
    records = [(name, f"{name}[{i}]", r) for name in COLLECTIONS for i, r in enumerate(getattr(ds, name))]
    for name, where, record in [*records, ("initiative", "initiative", ds.initiative)]:
        for field, target in references(type(record)):  # type: ignore[arg-type]
            value = getattr(record, field)
            for j, v in enumerate(value) if isinstance(value, tuple) else ((None, value),):
                if v is not None and v not in ids[target]:
                    at = f"{where}.{field}" if j is None else f"{where}.{field}[{j}]"
                    yield (name, at, f"unknown {_NOUNS.get(target, target)} {_q(v)}")
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
                yield ("declarations", where, f"duplicate member {_q(mid)} (first at signatory_members[{first[mid]}])")
                continue
            first[mid] = j
            member = members.get(mid)
            if member is None:
                continue  # an unknown member, reported by _references
            if _name_key(signatory) not in {_name_key(n) for n in (member.name, *member.aliases)}:
                yield (
                    "declarations",
                    where,
                    f"member {_q(mid)} is not signatory {_q(signatory)} (signatories[{j}]):"
                    " each signatory's member must be named by its name or an alias, in the same order",
                )


def _counts(ds: Dataset) -> Iterator[Problem]:
    counted = [(f"claims[{i}].count", "claims", c.count) for i, c in enumerate(ds.claims)]
    counted += [(f"initiative.{f}", "initiative", getattr(ds.initiative, f)) for f in _INITIATIVE_COUNTS]
    for where, collection, n in counted:
        if not 0 <= n <= MAX_COUNT:
            yield (collection, where, f"{_q(n)} is not a count of Members from 0 to {MAX_COUNT}")


def _codes(ds: Dataset) -> Iterator[Problem]:
    for name in ("members", "wto_members"):
        for code in ("iso_alpha2", "iso_alpha3", "iso_numeric"):
            owner: dict[str, int] = {}
            for i, m in enumerate(getattr(ds, name)):
                value = getattr(m, code)
                if value is None:
                    continue
                if value in owner:
                    k = owner[value]
                    yield (name, f"{name}[{i}].{code}", f"{_q(value)} is also the code of {name}[{k}]")
                else:
                    owner[value] = i


def _coordinators(ds: Dataset) -> Iterator[Problem]:
    # Two partial dates contradict each other only when one lies wholly before the
    # other: a term may end in the month it starts, and the next may start in the
    # month (or year) the previous one ends, the handover falling on a day of both.
    terms = ds.coordinators
    for i, t in enumerate(terms):
        if t.start is not None and t.end is not None and t.end.wholly_before(t.start):
            yield ("coordinators", f"coordinators[{i}].end", f"the term ends ({t.end}) before it starts ({t.start})")
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
        for j, a in enumerate(p.annexes):
            if not 1 <= a <= 6:
                yield ("presentations", f"presentations[{i}].annexes[{j}]", f"annex {_q(a)} is not 1 to 6")
        if list(p.annexes) != sorted(set(p.annexes)):
            yield ("presentations", f"presentations[{i}].annexes", "annexes must be ascending and unique")
        if p.subcategory is not None and _SUBCATEGORY_OF[p.subcategory] is not p.category:
            yield (
                "presentations",
                f"presentations[{i}].subcategory",
                f"{p.subcategory.value!r} belongs under {_SUBCATEGORY_OF[p.subcategory].value!r},"
                f" not {p.category.value!r}",
            )
    seen: dict[int, int] = {}
    for i, r in enumerate(ds.recommendations):
        if not 1 <= r.annex <= 6:
            yield ("recommendations", f"recommendations[{i}].annex", f"annex {_q(r.annex)} is not 1 to 6")
        elif r.annex in seen:
            yield ("recommendations", f"recommendations[{i}].annex", f"annex {r.annex} appears twice")
        seen.setdefault(r.annex, i)


def _dated(ds: Dataset) -> Iterator[tuple[str, str, PartialDate | None]]:
    for i, p in enumerate(ds.presentations):
        yield ("presentations", f"presentations[{i}].date", p.date)
    for i, n in enumerate(ds.news):
        yield ("news", f"news[{i}].date", n.date)
    for i, mt in enumerate(ds.meetings):
        for f in ("date", "not_before", "not_after"):
            yield ("meetings", f"meetings[{i}].{f}", getattr(mt, f))
    for i, t in enumerate(ds.coordinators):
        yield ("coordinators", f"coordinators[{i}].start", t.start)
        yield ("coordinators", f"coordinators[{i}].end", t.end)
    for i, m in enumerate(ds.members):
        for f in ("on", "not_before", "not_after"):
            yield ("members", f"members[{i}].joined.{f}", getattr(m.joined, f))
    for i, c in enumerate(ds.claims):
        yield ("claims", f"claims[{i}].as_of", c.as_of)
    for i, s in enumerate(ds.sponsors):
        yield ("sponsors", f"sponsors[{i}].endorsed", s.endorsed)
    for i, d in enumerate(ds.declarations):
        yield ("declarations", f"declarations[{i}].circulated", d.circulated)
    for i, doc in enumerate(ds.documents):
        yield ("documents", f"documents[{i}].date", doc.date)
    yield ("initiative", "initiative.dialogue_started", ds.initiative.dialogue_started)
    yield ("initiative", "initiative.established", ds.initiative.established)
    yield ("initiative", "initiative.participation_as_of", ds.initiative.participation_as_of)


def _dates(ds: Dataset) -> Iterator[Problem]:
    end = ds.current_to
    for collection, location, d in _dated(ds):
        if d is None:
            continue
        if d.wholly_before(LIFE_START) or end.wholly_before(d):
            yield (
                collection,
                location,
                f"{d} is outside the initiative's life ({LIFE_START} to {end}, the data's current_to)",
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
                yield ("members", where, f"{_q(name)} also names member {_q(owner[key])}")
            else:
                owner[key] = m.id


def _joinings(ds: Dataset) -> Iterator[Problem]:
    for i, m in enumerate(ds.members):
        j = m.joined
        if j.on is not None and (j.not_before is not None or j.not_after is not None):
            yield ("members", f"members[{i}].joined", "give either a date (on) or bounds, not both")
        # Bounds are valid when one day can lie in both: not_after is not wholly before
        # not_before. "Between 2020-12 and 2020" is December 2020; "between 2021 and
        # 2020-12" is no day at all.
        if j.not_before is not None and j.not_after is not None and j.not_after.wholly_before(j.not_before):
            yield ("members", f"members[{i}].joined.not_after", f"{j.not_after} is before not_before {j.not_before}")


def _provenance(ds: Dataset) -> Iterator[Problem]:
    known = {s.id for s in ds.sources}
    records: list[tuple[str, str, Any]] = [("initiative", "initiative", ds.initiative)]
    for name in COLLECTIONS:
        if name == "sources":
            continue
        records.extend((name, f"{name}[{i}]", r) for i, r in enumerate(getattr(ds, name)))
    for collection, where, record in records:
        prov: Provenance = record.provenance
        if prov.source not in known:
            yield (collection, f"{where}.provenance.source", f"unknown source {_q(prov.source)}")
        for k, e in enumerate(prov.evidence):
            if e not in known:
                yield (collection, f"{where}.provenance.evidence[{k}]", f"unknown source {_q(e)}")
        for n, note in enumerate(prov.notes):
            yield from _note(collection, f"{where}.provenance.notes[{n}]", note, record, known)


def _note(collection: str, where: str, note: Note, record: Any, known: set[str]) -> Iterator[Problem]:
    for k, e in enumerate(note.evidence):
        if e not in known:
            yield (collection, f"{where}.evidence[{k}]", f"unknown source {_q(e)}")
    if note.field is not None:
        top = note.field.split(".")[0].split("[")[0]
        if top not in attrs.fields_dict(type(record)):
            yield (collection, f"{where}.field", f"{type(record).__name__} has no field {_q(top)}")
