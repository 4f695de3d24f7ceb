"""
Hypothesis strategies for every wto_msme record, derived from the model's declarations.

:func:`records` draws any record class from its fields' types (so a new record kind
needs no edit here); :func:`datasets` draws whole datasets whose records refer to each
other consistently and pass the integrity checks of :func:`wto_msme.load`. Importing
this module registers the strategies, so ``hypothesis.strategies.from_type(wto_msme.Member)``
works.

Hypothesis is an optional dependency: ``pip install "wto_msme[test]"``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime
import functools
import string
from typing import Any, TypeVar

try:
    from hypothesis import strategies as st
except ImportError as e:  # pragma: no cover - exercised in a subprocess test
    msg = 'wto_msme.strategies needs Hypothesis, which is not installed: install it with pip install "wto_msme[test]"'
    raise ImportError(msg) from e

import attrs

from ._checks import LIFE_START
from ._dataset import COLLECTIONS, Dataset
from ._dates import PartialDate
from ._describe import Kind, Shape, field_types, orderings, references, shapes
from ._model import RECORDS, CoordinatorTerm, Joining, Member, Note, Provenance, Source
from ._text import fold
from .enums import Category, Confidence, NoteKind, SourceKind, Subcategory

__all__ = ["datasets", "joinings", "notes", "partial_dates", "provenances", "records"]

T = TypeVar("T")

CURRENT_TO = PartialDate(2023, 7, 3)
"""The ``current_to`` of generated datasets: records are dated up to this day."""

_SOURCE_IDS = ("seed-000", "seed-003", "S-WTO-MSME")

_text = (
    st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=60)
    .map(str.strip)
    .filter(bool)
)
# Identifiers such as "annex-1" or "itc-gth-2021": one to three parts joined by "-".
_ids = st.lists(
    st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=8), min_size=1, max_size=3
).map("-".join)
_urls = st.builds(
    "https://example.org/{}.pdf".format,
    st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=12),
)
#: Fields whose values follow a rule of their own, by name: identifiers, addresses, and a
#: note's field, which names a field of the record it is on.
_BY_NAME: dict[str, st.SearchStrategy[Any]] = {"id": _ids, "url": st.none() | _urls, "field": st.none()}


def partial_dates(
    min_value: PartialDate = LIFE_START, max_value: PartialDate = CURRENT_TO
) -> st.SearchStrategy[PartialDate]:
    """
    Draw partial dates of any precision that lie wholly between two dates.

    .. versionadded:: 0.1.0
    """
    lo, hi = min_value.first_day, max_value.last_day

    def shrink(day: datetime.date, precision: int) -> PartialDate:
        candidates = [
            PartialDate(day.year),
            PartialDate(day.year, day.month),
            PartialDate(day.year, day.month, day.day),
        ][precision:]
        return next(d for d in candidates if lo <= d.first_day and d.last_day <= hi)

    return st.builds(shrink, st.dates(lo, hi), st.integers(0, 2))


def notes(source_ids: tuple[str, ...] = _SOURCE_IDS) -> st.SearchStrategy[Note]:
    """
    Draw notes whose evidence is among *source_ids*.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        Note,
        kind=st.sampled_from(NoteKind),
        text=_text,
        field=st.none(),
        original=st.none() | _text,
        evidence=st.lists(st.sampled_from(source_ids), max_size=2).map(tuple),
        confidence=st.none() | st.sampled_from(Confidence),
    )


def provenances(source_ids: tuple[str, ...] = _SOURCE_IDS) -> st.SearchStrategy[Provenance]:
    """
    Draw provenances that cite only *source_ids*.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        Provenance,
        source=st.sampled_from(source_ids),
        locator=st.none() | _text,
        evidence=st.lists(st.sampled_from(source_ids), max_size=2).map(tuple),
        notes=st.lists(notes(source_ids), max_size=2).map(tuple),
    )


_PARTIAL_DATES = partial_dates()
_PROVENANCES = provenances()


def sources(ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Source]:
    """
    Draw sources.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        Source,
        id=ids if ids is not None else st.sampled_from(_SOURCE_IDS),
        title=_text,
        kind=st.sampled_from(SourceKind),
        url=st.none() | _urls,
    )


def joinings() -> st.SearchStrategy[Joining]:
    """
    Draw what is known of when a Member joined: a date, bounds in order, or nothing.

    .. versionadded:: 0.1.0
    """

    def bounds(a: PartialDate | None, b: PartialDate | None) -> tuple[PartialDate | None, PartialDate | None]:
        if a is not None and b is not None and b < a:
            return b, a
        return a, b

    bounded = st.builds(
        lambda ab, event, c: Joining(not_before=ab[0], not_after=ab[1], event=event, confidence=c),
        st.tuples(st.none() | _PARTIAL_DATES, st.none() | _PARTIAL_DATES).map(lambda t: bounds(*t)),
        st.none() | _text,
        st.none() | st.sampled_from(Confidence),
    )
    on = st.builds(
        Joining,
        on=_PARTIAL_DATES,
        event=st.none() | _text,
        confidence=st.none() | st.sampled_from(Confidence),
    )
    return on | bounded


def _term_sequence(member_ids: tuple[str, ...]) -> st.SearchStrategy[tuple[CoordinatorTerm, ...]]:
    @st.composite
    def draw_terms(draw: st.DrawFn) -> tuple[CoordinatorTerm, ...]:
        n = draw(st.integers(0, 4))
        if n == 0:
            return ()
        days = sorted(
            draw(st.lists(st.dates(LIFE_START.first_day, CURRENT_TO.last_day), min_size=n, max_size=n, unique=True))
        )
        ids = draw(st.lists(_ids, min_size=n, max_size=n, unique=True))
        terms = []
        for i in range(n):
            # A term ends on the day the next one starts, or in that month (a handover
            # known to the month), as the bundled coordinators do.
            start = None if i == 0 and draw(st.booleans()) else PartialDate.from_date(days[i])
            end: PartialDate | None
            if i + 1 < n:
                nxt = days[i + 1]
                end = draw(st.sampled_from([PartialDate.from_date(nxt), PartialDate(nxt.year, nxt.month)]))
            else:
                end = draw(st.none() | st.just(CURRENT_TO))
            terms.append(
                CoordinatorTerm(
                    id=ids[i],
                    name=draw(_text),
                    member=draw(st.sampled_from(member_ids)),
                    start=start,
                    end=end,
                    provenance=draw(_PROVENANCES),
                )
            )
        return tuple(terms)

    return draw_terms()


@functools.cache
def records(cls: type) -> st.SearchStrategy[Any]:
    """
    Draw records of the attrs class *cls*, each field from its declared shape.

    Texts are non-blank, numbers from 0 to 200, dates between 2017 and
    ``CURRENT_TO``, identifiers and URLs in the data's forms; a tuple holds up to
    three items, an optional field is sometimes ``None``; dates the model orders
    (an end and its start) are drawn in order. References between records are made
    consistent only by :func:`datasets`.

    .. versionadded:: 0.3.0
    """
    if cls in _BY_TYPE:
        return _BY_TYPE[cls]
    fields = {f.name: _of_field(f, shapes(cls)[f.name]) for f in attrs.fields(cls)}
    return st.fixed_dictionaries(fields).map(lambda values: cls(**_in_order(cls, values)))


def _of_field(field: attrs.Attribute[Any], shape: Shape) -> st.SearchStrategy[Any]:
    """Draw values of *field* as its metadata declares them (see ``_describe``), else as its shape."""
    meta = field.metadata
    if field.name in _BY_NAME:
        return _BY_NAME[field.name]
    if meta.get("refers") == "sources":  # the sources of generated datasets
        ids = st.sampled_from(_SOURCE_IDS)
        return st.lists(ids, max_size=2).map(tuple) if shape.kind is Kind.TUPLE else ids
    if "code" in meta:
        return st.none() | st.from_regex(meta["code"], fullmatch=True)
    if "within" in meta:
        numbers = st.integers(*meta["within"])  # a tuple of them ascending and unique, as the checks want
        return st.sets(numbers).map(lambda n: tuple(sorted(n))) if shape.kind is Kind.TUPLE else numbers
    return _of_shape(shape)


def _in_order(cls: type, values: dict[str, Any]) -> dict[str, Any]:
    """Swap dates of *values* that the model orders (``after``) until none lies wholly before its earlier one."""
    pairs = orderings(cls)
    for _ in range(len(pairs) + 1):
        swapped = False
        for late, early in pairs:
            a, b = values[late], values[early]
            if a is not None and b is not None and a.wholly_before(b):
                values[late], values[early], swapped = b, a, True
        if not swapped:
            break
    return values


def _of_shape(shape: Shape) -> st.SearchStrategy[Any]:
    if shape.optional:
        return st.none() | _of_shape(attrs.evolve(shape, optional=False))
    match shape.kind:
        case Kind.TEXT:
            return _text
        case Kind.FLAG:
            return st.booleans()
        case Kind.INTEGER:
            return st.integers(0, 200)
        case Kind.ENUM:
            return st.sampled_from(shape.type)
        case Kind.DATE:
            return _PARTIAL_DATES
        case Kind.TUPLE:
            assert shape.item is not None
            return st.lists(_of_shape(shape.item), max_size=3).map(tuple)
        case Kind.COLLECTION:
            assert shape.item is not None
            return st.lists(records(shape.item.type), max_size=3).map(shape.type)
    return records(shape.type)


def _unique_codes(records: list[T]) -> list[T]:
    # No two Members share an ISO code: a code already taken is dropped (None).
    taken: dict[str, set[str]] = {"iso_alpha2": set(), "iso_alpha3": set(), "iso_numeric": set()}
    result = []
    for r in records:
        changes = {code: None for code, seen in taken.items() if getattr(r, code) in seen}
        for code, seen in taken.items():
            if code not in changes and getattr(r, code) is not None:
                seen.add(getattr(r, code))
        result.append(attrs.evolve(r, **changes) if changes else r)  # type: ignore[misc]
    return result


def _signed(draw: st.DrawFn, declaration: Any, members: list[Member]) -> Any:
    # Signatories are distinct participants, each named by its name or an alias.
    signers = draw(st.lists(st.sampled_from(members), unique_by=lambda m: m.id, max_size=len(declaration.signatories)))
    names = [draw(st.sampled_from((m.name, *m.aliases))) for m in signers]
    return attrs.evolve(declaration, signatories=tuple(names), signatory_members=tuple(m.id for m in signers))


def _unique(records: list[T], key: Any = lambda r: r.id) -> tuple[T, ...]:
    return tuple({key(r): r for r in reversed(records)}.values())[::-1]


def _many(draw: st.DrawFn, cls: type, max_size: int) -> list[Any]:
    return list(_unique(draw(st.lists(records(cls), max_size=max_size))))


_SUBCATEGORY_OF = {
    Category.FINANCING: Subcategory.CROSS_BORDER_PAYMENTS,
    Category.DIGITAL: Subcategory.STANDARDS_TO_DIGITALIZE_TRADE,
}


@st.composite
def datasets(draw: st.DrawFn, max_size: int = 6) -> Dataset:
    """
    Draw whole datasets that pass every integrity check of :func:`wto_msme.load`.

    Every collection is drawn with :func:`records`; then every field the model declares
    as referring to other records is pointed at records that exist (a coordinator's
    Member, a package item's document), names and ISO codes are made unique, signatories
    named as their Members, and coordinators' terms put in sequence.

    Args:
        draw: Supplied by Hypothesis; not passed by the caller.
        max_size: The most records drawn for each collection.

    >>> from hypothesis import given
    >>> @given(datasets(max_size=2))
    ... def test_search_finds_within(ds):
    ...     assert set(ds.presentations.search("trade")) <= set(ds.presentations)
    >>> test_search_finds_within()

    .. versionadded:: 0.1.0
    """
    sources = tuple(Source(id=i, title=f"Source {i}", kind=SourceKind.SEED) for i in _SOURCE_IDS)
    kinds = {name: field_types(Dataset)[name].kind for name in COLLECTIONS}
    parts: dict[str, list[Any]] = {name: _many(draw, kinds[name], max_size) for name in COLLECTIONS}
    # Collections that other records must be able to refer to hold at least one record.
    for name in ("wto_members", "documents", "meetings"):
        parts[name] = parts[name] or [draw(records(kinds[name]))]
    parts["wto_members"] = _unique_codes(parts["wto_members"])
    wto_ids = [w.id for w in parts["wto_members"]]
    taken: set[str] = set()
    members = []
    for m in parts["members"]:  # participants are WTO Members, with names no other shares
        names = [n for n in dict.fromkeys((m.name, *m.aliases)) if fold(n) and fold(n) not in taken]
        if m.id in wto_ids and names and names[0] == m.name:
            taken.update(fold(n) for n in names)
            members.append(attrs.evolve(m, aliases=tuple(names[1:])))
    parts["members"] = _unique_codes(members) or [
        Member(id=wto_ids[0], name="Member", kind=draw(records(Member)).kind, provenance=Provenance("seed-000"))
    ]
    ids = {name: [r.id for r in parts[name]] for name in COLLECTIONS}
    parts = {name: [_pointed(draw, r, ids) for r in rs] for name, rs in parts.items()}
    parts = _fitted(parts)
    member_ids = tuple(ids["members"])
    return Dataset(
        version=draw(_text),
        current_to=CURRENT_TO,
        initiative=_pointed(draw, draw(records(field_types(Dataset)["initiative"])), ids),
        **{
            **parts,
            "coordinators": draw(_term_sequence(member_ids)),
            "recommendations": _unique(parts["recommendations"], lambda r: r.annex),
            "presentations": [
                attrs.evolve(p, subcategory=_SUBCATEGORY_OF.get(p.category) if p.subcategory else None)
                for p in parts["presentations"]
            ],
            "declarations": [_signed(draw, d, parts["members"]) for d in parts["declarations"]],
            "sources": sources,
        },
    )


def _fitted(parts: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Date each record of one meeting as its meeting, and let a meeting welcome only Members that had joined."""
    meetings = {m.id: m for m in parts["meetings"]}
    joined = {m.id: m.joined.on or m.joined.not_before for m in parts["members"]}

    def fit(record: Any) -> Any:
        cls: type = type(record)
        for field, target in references(cls):
            meeting = meetings.get(getattr(record, field)) if target == "meetings" else None
            if meeting is not None and getattr(record, "date", None) is not None:
                day = meeting.date or meeting.not_before or meeting.not_after
                return attrs.evolve(record, date=day) if day is not None else record
        return record

    def welcoming(m: Any) -> Any:
        late = m.date or m.not_after
        ok = [i for i in m.welcomed if late is None or joined.get(i) is None or not late.wholly_before(joined[i])]
        return attrs.evolve(m, welcomed=tuple(ok))

    fitted = {name: [fit(r) for r in rs] for name, rs in parts.items()}
    fitted["meetings"] = [welcoming(m) for m in fitted["meetings"]]
    return fitted


def _pointed(draw: st.DrawFn, record: Any, ids: dict[str, list[str]]) -> Any:
    """Point every field of *record* that refers to other records at ids that exist (see ``refers``)."""
    changes: dict[str, Any] = {}
    for name, target in references(type(record)):  # type: ignore[arg-type]
        value, known = getattr(record, name), ids.get(target)
        if known is None or all(v in known for v in (value if isinstance(value, tuple) else (value,))):
            continue  # ids of sources, drawn among them; ids that exist already
        pick = st.sampled_from(known)
        changes[name] = tuple(draw(pick) for _ in value) if isinstance(value, tuple) else draw(pick)
    return attrs.evolve(record, **changes) if changes else record


#: Types with a rule the model does not declare: a joining has a date or bounds, not both.
_BY_TYPE: dict[type, st.SearchStrategy[Any]] = {PartialDate: partial_dates(), Joining: joinings()}

for _cls in (PartialDate, *RECORDS):
    st.register_type_strategy(_cls, records(_cls))  # type: ignore[arg-type]
st.register_type_strategy(Dataset, datasets())
