"""
Hypothesis strategies for every wto_msme class, for testing code that uses the data.

Every record drawn passes the same integrity checks as the bundled data; records that
refer to others (a coordinator term names a Member) are consistent within a whole
:func:`datasets` draw. Importing this module registers the strategies with Hypothesis,
so that ``hypothesis.strategies.from_type(wto_msme.Presentation)`` works.

Hypothesis is an optional dependency: ``pip install "wto_msme[test]"``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime
import string
from typing import Any, TypeVar

try:
    from hypothesis import strategies as st
except ImportError as e:  # pragma: no cover - exercised in a subprocess test
    msg = 'wto_msme.strategies needs Hypothesis, which is not installed: install it with pip install "wto_msme[test]"'
    raise ImportError(msg) from e

import attrs

from ._checks import LIFE_START
from ._dates import PartialDate
from ._model import (
    Category,
    ClaimSubject,
    Confidence,
    CoordinatorTerm,
    CountClaim,
    Dataset,
    Declaration,
    DeclarationParagraph,
    Document,
    Initiative,
    Joining,
    Member,
    MemberKind,
    NewsItem,
    Note,
    NoteKind,
    Presentation,
    PresenterKind,
    Provenance,
    Publication,
    Recommendation,
    RecommendationKind,
    Source,
    SourceKind,
    Sponsor,
    Subcategory,
    WtoMember,
    YearBasis,
)
from ._presentations import Meeting
from ._text import fold

__all__ = [
    "coordinator_terms",
    "count_claims",
    "datasets",
    "declaration_paragraphs",
    "declarations",
    "documents",
    "initiatives",
    "joinings",
    "meetings",
    "members",
    "news_items",
    "notes",
    "partial_dates",
    "presentations",
    "provenances",
    "publications",
    "recommendations",
    "sources",
    "sponsors",
    "wto_members",
]

T = TypeVar("T")

CURRENT_TO = PartialDate(2023, 7, 3)
"""The ``current_to`` of generated datasets: records are dated up to this day."""

_SOURCE_IDS = ("seed-000", "seed-003", "S-WTO-MSME")

_text = (
    st.text(
        alphabet=st.characters(exclude_categories=("Cs", "Cc")),
        min_size=1,
        max_size=60,
    )
    .map(str.strip)
    .filter(bool)
)
# Realistic values drawn now and then beside arbitrary text, so that records share an
# institution (in its spelling variants), a title or a meeting day as real ones do.
_INSTITUTIONS = (
    "ITC",
    "WTO",
    "UNCTAD",
    "Brazil Mission to WTO",
    "Brazil Mission to the WTO",
    "Global Cyber Alliance",
    "C\u00f4te d\u2019Ivoire Ministry of Trade",
)
_TITLES = (
    "Global Trade Helpdesk update",
    "Cross-border payments for MSMEs",
    "Strengthening MSME Cyber Security",
    "Tools on intellectual property for SMEs",
)
_MEETING_DAYS = tuple(
    PartialDate.from_iso(d)
    for d in ("2021-02-18", "2021-05-04", "2021-09-24", "2022-02-08", "2022-10-12", "2022-10-13", "2023-03-13")
)

# Identifiers such as "annex-1" or "itc-gth-2021": one to three parts joined by "-".
_ids = st.lists(
    st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=8), min_size=1, max_size=3
).map("-".join)
_urls = st.builds(
    "https://example.org/{}.pdf".format,
    st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=12),
)


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


def members(ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Member]:
    """
    Draw participating Members (names and aliases unique within each Member).

    .. versionadded:: 0.1.0
    """

    def build(id_: str, name: str, aliases: list[str], **kw: Any) -> Member:
        taken = {fold(name)}
        unique = []
        for a in aliases:
            if fold(a) and fold(a) not in taken:
                taken.add(fold(a))
                unique.append(a)
        return Member(id=id_, name=name, aliases=tuple(unique), **kw)

    codes = st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=3)
    return st.builds(
        build,
        ids if ids is not None else _ids,
        _text.filter(lambda s: bool(fold(s))),
        st.lists(_text, max_size=3),
        kind=st.sampled_from(MemberKind),
        iso_alpha2=st.none() | codes.map(lambda c: c[:2]),
        iso_alpha3=st.none() | codes,
        iso_numeric=st.none() | st.from_regex(r"[0-9]{3}", fullmatch=True),
        joined=joinings(),
        provenance=_PROVENANCES,
    )


_MEMBERS = members()


def wto_members(ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[WtoMember]:
    """
    Draw WTO Members.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        WtoMember,
        id=ids if ids is not None else _ids,
        name=_text,
        member_since=partial_dates(PartialDate(1995, 1, 1), PartialDate(2024, 12, 31)),
        member_since_confidence=st.sampled_from(Confidence),
        eu_member_state=st.booleans(),
        provenance=_PROVENANCES,
    )


def coordinator_terms(member_ids: tuple[str, ...] = ("chl",)) -> st.SearchStrategy[CoordinatorTerm]:
    """
    Draw single coordinator terms for one of *member_ids*.

    .. versionadded:: 0.1.0
    """

    def build(id_: str, name: str, member: str, a: PartialDate | None, b: PartialDate | None) -> CoordinatorTerm:
        if a is not None and b is not None and b.last_day < a.first_day:
            a, b = b, a
        return CoordinatorTerm(id=id_, name=name, member=member, start=a, end=b, provenance=Provenance("seed-000"))

    return st.builds(
        build, _ids, _text, st.sampled_from(member_ids), st.none() | _PARTIAL_DATES, st.none() | _PARTIAL_DATES
    )


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


def recommendations(document_ids: tuple[str, ...] = ("inf-msme-4-rev-2",)) -> st.SearchStrategy[Recommendation]:
    """
    Draw package items citing one of *document_ids*.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        Recommendation,
        id=_ids,
        annex=st.integers(1, 6),
        kind=st.sampled_from(RecommendationKind),
        title=_text,
        short_title=_text,
        summary=_text,
        document=st.sampled_from(document_ids),
        provenance=_PROVENANCES,
    )


_SUBCATEGORY_OF = {
    Category.FINANCING: Subcategory.CROSS_BORDER_PAYMENTS,
    Category.DIGITAL: Subcategory.STANDARDS_TO_DIGITALIZE_TRADE,
}


def presentations() -> st.SearchStrategy[Presentation]:
    """
    Draw presentations.

    Titles, institutions and dates are arbitrary, or now and then taken from a few
    real ones, so that generated presentations share a title, an institution (also
    spelled two ways, as "Brazil Mission to WTO" and "Brazil Mission to the WTO" are)
    or a meeting day. A subcategory is drawn only under the category it belongs to.

    .. versionadded:: 0.1.0
    """

    def build(category: Category, use_sub: bool, **kw: Any) -> Presentation:
        sub = _SUBCATEGORY_OF.get(category) if use_sub else None
        return Presentation(category=category, subcategory=sub, **kw)

    return st.builds(
        build,
        st.sampled_from(Category),
        st.booleans(),
        id=_ids,
        title=_text | st.sampled_from(_TITLES),
        institution=_text | st.sampled_from(_INSTITUTIONS),
        presenter_kind=st.sampled_from(PresenterKind),
        date=_PARTIAL_DATES | st.sampled_from(_MEETING_DAYS),
        summary=_text,
        url=st.none() | _urls,
        annexes=st.sets(st.integers(1, 6)).map(lambda s: tuple(sorted(s))),
        provenance=_PROVENANCES,
    )


def news_items() -> st.SearchStrategy[NewsItem]:
    """
    Draw news items.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        NewsItem,
        id=_ids,
        publisher=_text,
        headline=_text,
        summary=_text,
        stated_date=_text,
        date=_PARTIAL_DATES,
        year_basis=st.sampled_from(YearBasis),
        year_confidence=st.sampled_from(Confidence),
        url=st.none() | _urls,
        provenance=_PROVENANCES,
    )


def publications() -> st.SearchStrategy[Publication]:
    """
    Draw publications.

    .. versionadded:: 0.1.0
    """
    return st.builds(Publication, id=_ids, publisher=_text, title=_text, summary=_text, provenance=_PROVENANCES)


def declarations(member_ids: tuple[str, ...] = ("chl",)) -> st.SearchStrategy[Declaration]:
    """
    Draw declarations whose signatories are among *member_ids*.

    .. versionadded:: 0.1.0
    """

    def build(signed: list[str], names: list[str], **kw: Any) -> Declaration:
        return Declaration(signatories=tuple(names[: len(signed)]), signatory_members=tuple(signed), **kw)

    return st.builds(
        build,
        st.lists(st.sampled_from(member_ids), max_size=5),
        st.lists(_text, min_size=5, max_size=5),
        id=_ids,
        title=_text,
        symbol=st.none() | _text,
        circulated=st.none() | _PARTIAL_DATES,
        preamble=_text,
        paragraphs=st.lists(declaration_paragraphs(), max_size=4).map(tuple),
        provenance=_PROVENANCES,
    )


def declaration_paragraphs() -> st.SearchStrategy[DeclarationParagraph]:
    """
    Draw numbered paragraphs of a declaration.

    .. versionadded:: 0.1.0
    """
    return st.builds(DeclarationParagraph, number=_text, text=_text, heading=st.none() | _text)


def documents() -> st.SearchStrategy[Document]:
    """
    Draw WTO documents.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        Document,
        id=_ids,
        symbol=_text,
        description=_text,
        date=st.none() | _PARTIAL_DATES,
        url=st.none() | _urls,
        provenance=_PROVENANCES,
    )


def count_claims() -> st.SearchStrategy[CountClaim]:
    """
    Draw count claims.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        CountClaim,
        id=_ids,
        subject=st.sampled_from(ClaimSubject),
        count=st.integers(0, 200),
        as_of=st.none() | _PARTIAL_DATES,
        wording=_text,
        consistent=st.none() | st.booleans(),
        provenance=_PROVENANCES,
    )


def sponsors(member_ids: tuple[str, ...] = ("mus",)) -> st.SearchStrategy[Sponsor]:
    """
    Draw package sponsors among *member_ids*.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        Sponsor,
        id=_ids,
        member=st.sampled_from(member_ids),
        endorsed=_PARTIAL_DATES,
        participant_then=st.booleans(),
        provenance=_PROVENANCES,
    )


def initiatives(
    member_ids: tuple[str, ...] = ("chl",), document_ids: tuple[str, ...] = ("wt-min-17-58",)
) -> st.SearchStrategy[Initiative]:
    """
    Draw initiatives referring to *member_ids* and *document_ids*.

    .. versionadded:: 0.1.0
    """
    lines = st.lists(_text, max_size=3).map(tuple)
    return st.builds(
        Initiative,
        name=_text,
        group_name=_text,
        status=_text,
        open=st.booleans(),
        origin=_text,
        dialogue_leaders=st.lists(st.sampled_from(member_ids), max_size=3, unique=True).map(tuple),
        dialogue_started=_PARTIAL_DATES,
        established=_PARTIAL_DATES,
        establishing_document=st.sampled_from(document_ids),
        description=lines,
        scope=lines,
        looking_ahead=lines,
        participants_claimed=st.integers(0, 200),
        wto_members_claimed=st.integers(0, 200),
        participation_as_of=_PARTIAL_DATES,
        world_exports_share=_text,
        provenance=_PROVENANCES,
    )


def meetings() -> st.SearchStrategy[Meeting]:
    """
    Draw meetings as :func:`wto_msme.meetings` makes them: a date and one or more presentations given on it.

    .. versionadded:: 0.1.0
    """

    def build(date: PartialDate, given: list[Presentation]) -> Meeting:
        return Meeting(date, tuple(attrs.evolve(p, date=date) for p in given))

    return st.builds(
        build, _PARTIAL_DATES | st.sampled_from(_MEETING_DAYS), st.lists(presentations(), min_size=1, max_size=4)
    )


def _unique(records: list[T]) -> tuple[T, ...]:
    seen: set[str] = set()
    out = []
    for r in records:
        rid = r.id  # type: ignore[attr-defined]
        if rid not in seen:
            seen.add(rid)
            out.append(r)
    return tuple(out)


@st.composite
def datasets(draw: st.DrawFn, max_size: int = 6) -> Dataset:
    """
    Draw whole datasets that pass every integrity check of :func:`wto_msme.load`.

    Call it as ``datasets()`` or ``datasets(max_size=3)``: Hypothesis supplies *draw*.

    Args:
        draw: Supplied by Hypothesis; not passed by the caller.
        max_size: The most records drawn for each collection.

    >>> import wto_msme
    >>> from hypothesis import given
    >>> @given(datasets(max_size=2))
    ... def test_every_presentation_is_in_one_meeting(ds):
    ...     assert len(ds.presentations) == sum(len(m.presentations) for m in wto_msme.meetings(ds.presentations))
    >>> test_every_presentation_is_in_one_meeting()

    .. versionadded:: 0.1.0
    """
    source_records = tuple(Source(id=i, title=f"Source {i}", kind=SourceKind.SEED) for i in _SOURCE_IDS)
    wto = _unique(draw(st.lists(wto_members(), min_size=1, max_size=max_size + 2)))
    # Participants: a subset of the WTO Members, sharing their ids, with unique names.
    chosen = draw(st.lists(st.sampled_from([w.id for w in wto]), min_size=1, max_size=max_size, unique=True))
    raw_members = [attrs.evolve(draw(_MEMBERS), id=i) for i in chosen]
    taken: set[str] = set()
    member_list: list[Member] = []
    for m in raw_members:
        names = [n for n in (m.name, *m.aliases) if fold(n) not in taken]
        if not names or names[0] != m.name:
            continue
        taken.update(fold(n) for n in names)
        member_list.append(
            Member(
                id=m.id,
                name=m.name,
                kind=m.kind,
                iso_alpha2=m.iso_alpha2,
                iso_alpha3=m.iso_alpha3,
                iso_numeric=m.iso_numeric,
                aliases=tuple(names[1:]),
                joined=m.joined,
                provenance=m.provenance,
            )
        )
    if not member_list:
        member_list.append(
            Member(id=chosen[0], name="Member", kind=MemberKind.STATE, provenance=Provenance("seed-000"))
        )
    member_ids = tuple(m.id for m in member_list)
    docs = _unique(draw(st.lists(documents(), min_size=1, max_size=max_size)))
    doc_ids = tuple(d.id for d in docs)
    recs = draw(st.lists(recommendations(doc_ids), max_size=6, unique_by=(lambda r: r.id, lambda r: r.annex)))
    return Dataset(
        version=draw(_text),
        current_to=CURRENT_TO,
        initiative=draw(initiatives(member_ids, doc_ids)),
        members=tuple(member_list),
        coordinators=draw(_term_sequence(member_ids)),
        recommendations=tuple(recs),
        presentations=_unique(draw(st.lists(presentations(), max_size=max_size))),
        news=_unique(draw(st.lists(news_items(), max_size=max_size))),
        publications=_unique(draw(st.lists(publications(), max_size=max_size))),
        declarations=_unique(draw(st.lists(declarations(member_ids), max_size=2))),
        documents=docs,
        wto_members=wto,
        claims=_unique(draw(st.lists(count_claims(), max_size=max_size))),
        sponsors=_unique(draw(st.lists(sponsors(tuple(w.id for w in wto)), max_size=3))),
        sources=source_records,
    )


for _cls, _strategy in (
    (PartialDate, _PARTIAL_DATES),
    (Note, notes()),
    (Provenance, _PROVENANCES),
    (Source, sources()),
    (Joining, joinings()),
    (DeclarationParagraph, declaration_paragraphs()),
    (Meeting, meetings()),
    (Member, members()),
    (WtoMember, wto_members()),
    (CoordinatorTerm, coordinator_terms()),
    (Recommendation, recommendations()),
    (Presentation, presentations()),
    (NewsItem, news_items()),
    (Publication, publications()),
    (Declaration, declarations()),
    (Document, documents()),
    (CountClaim, count_claims()),
    (Sponsor, sponsors()),
    (Initiative, initiatives()),
    (Dataset, datasets()),
):
    st.register_type_strategy(_cls, _strategy)
