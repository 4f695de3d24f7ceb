"""
The frozen classes and enums that hold the data. No I/O and no (de)serialisation here.

Each record class declares, with ``_describe.weigh``, the fields that search reads
and their weights, and with ``_describe.refers`` the fields that hold ids of other
records; the field of weight ``TITLE`` names the record (its title, headline
or name). Everything else that needs a record's fields (export, display, the schema,
the command line, the strategies, the docs) reads them from the attrs declarations.
"""

from typing import Any, ClassVar

import attrs

from ._dates import PartialDate
from ._describe import (
    TITLE,
    FieldDocs,
    Kind,
    Shape,
    after,
    code,
    earliest,
    exact_types,
    orderings,
    refers,
    shapes,
    weigh,
    within,
)
from ._display import record_html, record_repr
from .enums import (
    Category,
    ClaimSubject,
    Confidence,
    DocumentKind,
    MeetingFormat,
    MeetingKind,
    MemberKind,
    NoteKind,
    PresenterKind,
    RecommendationKind,
    SourceKind,
    Subcategory,
    YearBasis,
)

__all__ = [
    "MAX_COUNT",
    "RECORDS",
    "Record",
    "CoordinatorTerm",
    "CountClaim",
    "Declaration",
    "DeclarationParagraph",
    "Document",
    "Initiative",
    "Joining",
    "Member",
    "Meeting",
    "NewsItem",
    "Note",
    "ParticipationStep",
    "Presentation",
    "Provenance",
    "Publication",
    "Recommendation",
    "Source",
    "Sponsor",
    "WtoMember",
]


MAX_COUNT = 1000
"""The largest count of Members a record may claim (the WTO has 166)."""


# --- What every record shares -------------------------------------------------------


class Record:
    """
    The base of every record class: display, help, equality, hashing and the checks of its fields' types.

    A record shows as a concise repr in a terminal and as an HTML table in Jupyter;
    ``help()`` on its class lists its fields with their meanings. Each field is checked
    at construction against its declared type, however the record is made
    (``attrs.evolve`` included): a tuple field takes a tuple, an enum field a member of
    its enum, a date field a :class:`~wto_msme.PartialDate`, an ``id`` a non-empty
    string. A wrong value raises :exc:`TypeError` or :exc:`ValueError` naming the class
    and the field.

    .. versionadded:: 0.3.0
    """

    __slots__ = ()

    label: ClassVar[str | None] = None
    """What a record of the class is, as a citation says it (``"WTO document"``)."""

    noun: ClassVar[str] = ""
    """What a message calls a record of the class: its name in lower-case words unless it says otherwise."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not vars(cls).get("noun"):
            cls.noun = "".join(f" {c.lower()}" if c.isupper() else c for c in cls.__name__).strip()
        if not isinstance(vars(cls).get("__doc__"), FieldDocs):  # attrs remakes a slotted class
            cls.__doc__ = FieldDocs(cls.__doc__ or "")  # type: ignore[assignment]

    def __attrs_post_init__(self) -> None:
        cls: type = type(self)
        for name, exact, items in exact_types(cls):
            value = getattr(self, name)
            if type(value) not in exact or (items is not None and any(type(v) not in items for v in value)):
                problem = _problem(value, shapes(cls)[name])  # a subclass, or a wrong value: say which
                if problem:
                    raise _refused(self, name, problem, TypeError)
            if name == "id" and not value.strip():
                raise _refused(self, name, "an identifier may not be blank", ValueError)
        for name, earlier in orderings(cls):
            late, early = getattr(self, name), getattr(self, earlier)
            if late is not None and early is not None and late.wholly_before(early):
                raise _refused(self, name, f"{late} lies wholly before {earlier} {early}", ValueError)

    def _values(self) -> tuple[Any, ...]:
        """The record's field values, in the order of its fields."""
        return tuple(getattr(self, a.name) for a in self.__attrs_attrs__)  # type: ignore[attr-defined]

    def __eq__(self, other: object) -> bool:
        """Records are equal when they are of the same class and every field is equal."""
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        """A hash of the class's name and every field, so that equal records hash alike."""
        return hash((self.__class__.__name__, self._values()))

    __repr__ = record_repr
    _repr_html_ = record_html


def _refused(record: Record, field: str, problem: str, error: type[Exception]) -> Exception:
    """The error for *problem* with *field* of *record*: it names both, and keeps them as attributes."""
    e = error(f"{type(record).__name__}.{field}: {problem}")
    e.field, e.problem = field, problem  # type: ignore[attr-defined]  # read by _convert's messages
    return e


def _problem(value: Any, shape: Shape) -> str | None:
    """What is wrong with the type of *value* as a value of *shape*, or ``None`` if nothing is."""
    if value is None:
        return None if shape.optional else "a value is needed, not None"
    if shape.kind is Kind.TUPLE:
        if not isinstance(value, tuple):
            return f"a tuple is needed, not {type(value).__name__} {value!r:.60}"
        assert shape.item is not None
        return next((f"item {i}: {p}" for i, v in enumerate(value) if (p := _problem(v, shape.item))), None)
    if shape.kind is Kind.INTEGER:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, shape.type)
    return None if ok else f"{_name(shape.type)} is needed, not {type(value).__name__} {value!r:.60}"


def _name(t: Any) -> str:
    return {str: "a string", int: "an integer", bool: "True or False"}.get(t, f"a {getattr(t, '__name__', t)}")


# --- Provenance -------------------------------------------------------------------


@attrs.frozen(repr=False, eq=False)
class Note(Record):
    """
    A remark on a record: a correction, a repair, a flag, an inference.

    .. versionadded:: 0.1.0
    """

    kind: NoteKind
    """What kind of remark it is."""

    text: str
    """The remark, with its reasoning."""

    field: str | None = None
    """The field of the record it is about, or ``None`` for the whole record."""

    original: str | None = None
    """What the source says, verbatim, where the stored value differs from it."""

    evidence: tuple[str, ...] = attrs.field(default=(), metadata=refers("sources"))
    """Identifiers of the :class:`Source` records that support the remark."""

    confidence: Confidence | None = None
    """How well established the remark is, where that is known."""


@attrs.frozen(repr=False, eq=False)
class Provenance(Record):
    """
    Where a record comes from.

    .. versionadded:: 0.1.0
    """

    source: str = attrs.field(metadata=refers("sources"))
    """Identifier of the :class:`Source` the record is transcribed from."""

    locator: str | None = None
    """Where in that source, such as ``"Trade Facilitation, entry 1"``."""

    evidence: tuple[str, ...] = attrs.field(default=(), metadata=refers("sources"))
    """Identifiers of further sources that support or complete the record."""

    notes: tuple[Note, ...] = ()
    """Corrections, repairs, flags and inferences, in no particular order."""


@attrs.frozen(repr=False, eq=False)
class Source(Record):
    """
    A document or page that facts are taken from.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(metadata=weigh(5))
    """Its identifier, such as ``"seed-003"`` or ``"S-N-18FEB21"``."""

    title: str = attrs.field(metadata=weigh(TITLE))
    """What it is."""

    kind: SourceKind
    """Whether it is a seed document, a public source or reference knowledge."""

    url: str | None = None
    """Where it can be read, or ``None`` if it has no public address."""


# --- The group and its participants ----------------------------------------------------


@attrs.frozen(repr=False, eq=False)
class Joining(Record):
    """
    When a participant joined the group, as far as it is known.

    Either :attr:`on` is known, or only bounds are, or nothing is (all ``None``). Its
    string form says which: ``"2020-12-11"``, ``"by 2020-12-11"``, ``"between 2021-10-22
    and 2021-12"``, ``"on or after 2023-03-13"`` or ``"unknown"``.

    .. versionadded:: 0.1.0
    """

    on: PartialDate | None = attrs.field(default=None, metadata=after("not_before"))
    """The date it joined, where known."""

    not_before: PartialDate | None = None
    """It joined on or after this date, where only a bound is known."""

    not_after: PartialDate | None = attrs.field(default=None, metadata=after("not_before", "on"))
    """It joined on or before this date, where only a bound is known."""

    event: str | None = None
    """What the date or bound rests on, such as a meeting that welcomed it."""

    confidence: Confidence | None = None
    """How well established the date or bound is."""

    def __str__(self) -> str:
        if self.on is not None:
            return str(self.on)
        if self.not_before is not None and self.not_after is not None:
            return f"between {self.not_before} and {self.not_after}"
        if self.not_after is not None:
            return f"by {self.not_after}"
        if self.not_before is not None:
            return f"on or after {self.not_before}"
        return "unknown"


@attrs.frozen(repr=False, eq=False)
class Member(Record):
    """
    A WTO Member taking part in the group.

    .. versionadded:: 0.1.0
    """

    label = "Participant in the WTO Informal Working Group on MSMEs"

    id: str = attrs.field(metadata=weigh(5) | refers("wto_members"))
    """Lowercase ISO 3166-1 alpha-3 code, or ``"eu"`` for the European Union: the id of its :class:`WtoMember`."""

    name: str = attrs.field(metadata=weigh(TITLE))
    """The name as the group lists it, for example ``"Korea, Republic of"``."""

    kind: MemberKind
    """State, separate customs territory, or the European Union."""

    iso_alpha2: str | None = attrs.field(default=None, metadata=weigh(5) | code("[A-Z]{2}"))
    """ISO 3166-1 alpha-2 code; ``None`` for the European Union, which has none."""

    iso_alpha3: str | None = attrs.field(default=None, metadata=code("[A-Z]{3}"))
    """ISO 3166-1 alpha-3 code; ``None`` for the European Union, which has none."""

    iso_numeric: str | None = attrs.field(default=None, metadata=code("[0-9]{3}"))
    """ISO 3166-1 numeric code as three digits; ``None`` for the European Union."""

    aliases: tuple[str, ...] = attrs.field(default=(), metadata=weigh(8))
    """Other names it is known by, such as ``"Turkey"`` for Türkiye."""

    joined: Joining = Joining()
    """When it joined the group, as far as it is known."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False, eq=False)
class WtoMember(Record):
    """
    A Member of the WTO, whether or not it takes part in the group.

    .. versionadded:: 0.1.0
    """

    label = "Member of the WTO"

    noun = "WTO Member"

    id: str = attrs.field(metadata=weigh(5))
    """Lowercase ISO 3166-1 alpha-3 code, or ``"eu"``; the same as :attr:`Member.id`."""

    name: str = attrs.field(metadata=weigh(TITLE))
    """The WTO's spelling of its name."""

    member_since: PartialDate = attrs.field(metadata=earliest(PartialDate(1995, 1, 1)))
    """The date it became a WTO Member."""

    member_since_confidence: Confidence
    """How well that date is established."""

    eu_member_state: bool
    """Whether it is a member state of the European Union."""

    iso_alpha2: str | None = attrs.field(default=None, metadata=weigh(5) | code("[A-Z]{2}"))
    """ISO 3166-1 alpha-2 code; ``None`` for the European Union."""

    iso_alpha3: str | None = attrs.field(default=None, metadata=code("[A-Z]{3}"))
    """ISO 3166-1 alpha-3 code; ``None`` for the European Union."""

    iso_numeric: str | None = attrs.field(default=None, metadata=code("[0-9]{3}"))
    """ISO 3166-1 numeric code; ``None`` for the European Union."""

    aliases: tuple[str, ...] = attrs.field(default=(), metadata=weigh(8))
    """Other names: the CLDR's in English, French and Spanish (``"Corée du Sud"``), its participant's, a few more."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False, eq=False)
class CoordinatorTerm(Record):
    """
    One coordinator's term at the head of the group.

    .. versionadded:: 0.1.0
    """

    label = "Coordinator of the WTO Informal Working Group on MSMEs"

    id: str
    """Identifier, such as ``"cancela"``."""

    name: str = attrs.field(metadata=weigh(TITLE))
    """The coordinator's name."""

    member: str = attrs.field(metadata=refers("members"))
    """The :attr:`Member.id` of the Member the coordinator represented."""

    start: PartialDate | None
    """When the term began; ``None`` if that is not known."""

    end: PartialDate | None = attrs.field(metadata=after("start"))
    """When the term ended; ``None`` if it is ongoing."""

    aliases: tuple[str, ...] = attrs.field(default=(), metadata=weigh(8))
    """Other spellings of the name in the sources."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False, eq=False)
class CountClaim(Record):
    """
    A dated claim of how many Members took part in the group or sponsored the package.

    .. versionadded:: 0.1.0
    """

    label = "Count of the WTO Informal Working Group on MSMEs"

    id: str
    """Identifier."""

    subject: ClaimSubject
    """What is counted."""

    count: int = attrs.field(metadata=within(0, MAX_COUNT))
    """The number claimed, or the bound it is claimed to exceed where :attr:`more_than` is true."""

    more_than: bool = attrs.field(default=False, kw_only=True)
    """Whether the source gives only a bound, such as "over 90": then more than :attr:`count` took part."""

    as_of: PartialDate | None
    """The date the count refers to; ``None`` if the source gives none."""

    wording: str = attrs.field(metadata=weigh(TITLE))
    """How the source words the claim."""

    consistent: bool | None
    """
    Whether the claim fits the member-level data and the running count of joiners:
    ``False`` if they contradict it, ``True`` if they allow it, ``None`` if there is
    nothing to check it against.
    """

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False, eq=False)
class Sponsor(Record):
    """
    A WTO Member that endorsed the December 2020 package without then taking part.

    .. versionadded:: 0.1.0
    """

    label = "Sponsor of the December 2020 package of the WTO Informal Working Group on MSMEs"

    id: str
    """Identifier."""

    member: str = attrs.field(metadata=weigh(TITLE) | refers("wto_members"))
    """The :attr:`WtoMember.id` of the endorsing Member."""

    endorsed: PartialDate
    """When it endorsed the package."""

    participant_then: bool
    """Whether it took part in the group when it endorsed the package."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


# --- What the group produced and heard ----------------------------------------------------


@attrs.frozen(repr=False, eq=False)
class Recommendation(Record):
    """
    One of the six items of the December 2020 package (INF/MSME/4/Rev.2).

    .. versionadded:: 0.1.0
    """

    label = "Item of the December 2020 package of the WTO Informal Working Group on MSMEs"

    id: str
    """Identifier, ``"annex-1"`` to ``"annex-6"``."""

    annex: int = attrs.field(metadata=within(1, 6))
    """The annex of the package, 1 to 6."""

    kind: RecommendationKind
    """Recommendation or declaration."""

    title: str = attrs.field(metadata=weigh(TITLE))
    """The official title, as paragraph 1 of the MC12 declaration lists it."""

    short_title: str = attrs.field(metadata=weigh(8))
    """The heading the initiative page gives it."""

    summary: str = attrs.field(metadata=weigh(2))
    """The initiative page's summary."""

    document: str = attrs.field(metadata=refers("documents"))
    """The :attr:`Document.id` of the package document."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False, eq=False)
class Presentation(Record):
    """
    A presentation given at a meeting of the group.

    .. versionadded:: 0.1.0
    """

    label = "Presentation to the WTO Informal Working Group on MSMEs"

    id: str
    """Identifier, beginning with the date."""

    title: str = attrs.field(metadata=weigh(TITLE))
    """The title, verbatim."""

    institution: str = attrs.field(metadata=weigh(6))
    """Who presented, as the source names it, such as ``"ITC"``."""

    presenter_kind: PresenterKind
    """The kind of presenter, as the source labels it."""

    date: PartialDate
    """When it was given."""

    meeting: str = attrs.field(metadata=refers("meetings"))
    """The :attr:`Meeting.id` of the meeting it was given at."""

    category: Category = attrs.field(metadata=weigh(3))
    """The thematic category it is listed under."""

    subcategory: Subcategory | None = attrs.field(metadata=weigh(3))
    """The sub-heading it is listed under, if any."""

    summary: str = attrs.field(metadata=weigh(2))
    """The summary, verbatim."""

    url: str | None
    """The link to the presentation, or ``None`` if the source gives none."""

    annexes: tuple[int, ...] = attrs.field(default=(), metadata=within(1, 6))
    """The annexes of the December 2020 package the summary reports on, ascending."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False, eq=False)
class Meeting(Record):
    """
    A meeting of the group, or an event it held.

    .. versionadded:: 0.3.0
    """

    label = "Meeting or event of the WTO Informal Working Group on MSMEs"

    id: str = attrs.field(metadata=weigh(5))
    """Identifier, beginning with the best-known date, such as ``"2021-02-18-meeting"``."""

    name: str = attrs.field(metadata=weigh(TITLE))
    """A short name, such as ``"Open-ended meeting"`` or ``"MSME Day 2024"``."""

    kind: MeetingKind = attrs.field(metadata=weigh(3))
    """A meeting of the group, an MSME Day, an awards ceremony, a side event or a workshop."""

    date: PartialDate | None = attrs.field(metadata=after("not_before"))
    """When it was held, as precisely as known; ``None`` if not known."""

    not_before: PartialDate | None = None
    """It was held on or after this date, where the date is unknown or imprecise."""

    not_after: PartialDate | None = attrs.field(default=None, metadata=after("not_before", "date"))
    """It was held on or before this date, where the date is unknown or imprecise."""

    format: MeetingFormat | None = None
    """In person, virtual or hybrid, where the sources say."""

    topics: tuple[str, ...] = attrs.field(default=(), metadata=weigh(6))
    """Its agenda topics."""

    presenters: tuple[str, ...] = attrs.field(default=(), metadata=weigh(4))
    """The organisations and Members that presented, named as the sources name them."""

    welcomed: tuple[str, ...] = attrs.field(default=(), metadata=refers("members"))
    """The :attr:`Member.id` of each Member it welcomed as a new participant."""

    documents: tuple[str, ...] = attrs.field(default=(), metadata=refers("documents"))
    """The :attr:`Document.id` of each document it considered or was convened by."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False, eq=False)
class NewsItem(Record):
    """
    A news item about the group, as the initiative page lists it.

    .. versionadded:: 0.1.0
    """

    label = "News item"

    id: str
    """Identifier, beginning with the date."""

    publisher: str = attrs.field(metadata=weigh(6))
    """Who published it, such as ``"WTO"``."""

    headline: str = attrs.field(metadata=weigh(TITLE))
    """The headline, verbatim."""

    summary: str = attrs.field(metadata=weigh(2))
    """The summary, verbatim."""

    stated_date: str
    """The date as the item states it, such as ``"3 July"``."""

    date: PartialDate
    """The full date, its year completed where the item gives none."""

    year_basis: YearBasis
    """Whether the year is stated or inferred."""

    year_confidence: Confidence
    """How well the year is established."""

    url: str | None = None
    """The address of the news item, where known."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False, eq=False)
class Publication(Record):
    """
    An entry of the initiative page's "Analysis and Articles" list.

    .. versionadded:: 0.1.0
    """

    label = "Publication listed by the WTO Informal Working Group on MSMEs"

    id: str
    """Identifier."""

    publisher: str = attrs.field(metadata=weigh(6))
    """Who published it, such as ``"OECD"`` or ``"IISD & CUTS"``."""

    title: str = attrs.field(metadata=weigh(TITLE))
    """The title, verbatim."""

    summary: str = attrs.field(metadata=weigh(2))
    """The summary, verbatim."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False, eq=False)
class DeclarationParagraph(Record):
    """
    A numbered paragraph of a :class:`Declaration`.

    .. versionadded:: 0.1.0
    """

    number: str
    """Its number, such as ``"1"``, ``"1(a)"`` or ``"4.1"``."""

    text: str = attrs.field(metadata=weigh(TITLE))
    """The text, verbatim."""

    heading: str | None = attrs.field(default=None, metadata=weigh(6))
    """The heading above it, if any."""


@attrs.frozen(repr=False, eq=False)
class Declaration(Record):
    """
    A ministerial declaration of the group: the MC12 final draft declaration.

    .. versionadded:: 0.1.0
    """

    label = "WTO ministerial declaration"

    id: str
    """Identifier."""

    title: str = attrs.field(metadata=weigh(TITLE))
    """The title, verbatim."""

    symbol: str | None = attrs.field(metadata=weigh(8))
    """The WTO document symbol it was circulated in, such as ``"WT/MIN(21)/1"``."""

    circulated: PartialDate | None
    """When it was circulated."""

    signatories: tuple[str, ...] = attrs.field(metadata=weigh(3))
    """The signatories, in order, named as the declaration names them."""

    signatory_members: tuple[str, ...] = attrs.field(metadata=refers("members"))
    """The :attr:`Member.id` of each signatory, in the same order."""

    preamble: str = attrs.field(metadata=weigh(2))
    """The preamble, verbatim."""

    paragraphs: tuple[DeclarationParagraph, ...] = attrs.field(metadata=weigh(2))
    """The numbered paragraphs, in order."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False, eq=False)
class Document(Record):
    """
    A WTO document that the sources cite.

    .. versionadded:: 0.1.0
    """

    label = "WTO document"

    id: str
    """
    Identifier, the symbol as a slug: ``"inf-msme-4-rev-2"``; for a document with no visible
    symbol, its date and what it is, such as ``"2024-07-17-summary"``.
    """

    symbol: str | None = attrs.field(metadata=weigh(TITLE))
    """
    The document symbol, such as ``"INF/MSME/4/Rev.2"``; ``None`` where no symbol is visible
    in the copy read. A document issued under two groups' symbols holds both, joined by a
    hyphen, as in ``"INF/MSME/W/58-INF/TGE/COM/11"``.
    """

    kind: DocumentKind = attrs.field(metadata=weigh(3))
    """What kind of document it is: an annual report, a proposal, a convening notice..."""

    description: str = attrs.field(metadata=weigh(4))
    """What the document is."""

    date: PartialDate | None = attrs.field(default=None, metadata=earliest(PartialDate(1995, 1, 1)))
    """Its date, where known."""

    url: str | None = None
    """Where it can be read, where known."""

    proponents: tuple[str, ...] = attrs.field(default=(), metadata=refers("wto_members"))
    """The :attr:`WtoMember.id` of each Member that proposed it, where the sources say."""

    meetings: tuple[str, ...] = attrs.field(default=(), metadata=refers("meetings"))
    """The :attr:`Meeting.id` of each meeting it served: convened, reported on or considered."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from (where it is cited)."""


@attrs.frozen(repr=False, eq=False)
class Initiative(Record):
    """
    The Informal Working Group on MSMEs itself, as its page describes it.

    .. versionadded:: 0.1.0
    """

    label = "WTO initiative"

    name: str = attrs.field(metadata=weigh(TITLE))
    """The initiative's name, as its page heads it."""

    group_name: str = attrs.field(metadata=weigh(8))
    """The group's full name."""

    status: str
    """Its status, as stated."""

    open: bool
    """Whether any WTO Member may join ("Open Initiative")."""

    origin: str = attrs.field(metadata=weigh(2))
    """How it started, verbatim."""

    dialogue_leaders: tuple[str, ...] = attrs.field(metadata=refers("members"))
    """The :attr:`Member.id` of the Members that led the 2017 "Friends of MSMEs" dialogue."""

    dialogue_started: PartialDate
    """When that dialogue started."""

    established: PartialDate = attrs.field(metadata=after("dialogue_started"))
    """When the Joint Ministerial Statement established the group (MC11, Buenos Aires)."""

    establishing_document: str = attrs.field(metadata=refers("documents"))
    """The :attr:`Document.id` of that statement."""

    description: tuple[str, ...] = attrs.field(metadata=weigh(2))
    """The page's introductory paragraphs, verbatim."""

    scope: tuple[str, ...] = attrs.field(metadata=weigh(2))
    """The issues it set out to discuss, verbatim."""

    looking_ahead: tuple[str, ...] = attrs.field(metadata=weigh(2))
    """Its aims after MC12, verbatim."""

    participants_claimed: int = attrs.field(metadata=within(0, MAX_COUNT))
    """How many WTO Members the page says take part."""

    wto_members_claimed: int = attrs.field(metadata=within(0, MAX_COUNT))
    """How many WTO Members the page says there are."""

    participation_as_of: PartialDate
    """The date of those two figures."""

    world_exports_share: str
    """The participants' share of world exports, as stated."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False, eq=False)
class ParticipationStep(Record):
    """
    How many took part from a date on, as :meth:`Dataset.participation` reports it.

    .. versionadded:: 0.3.0
    """

    date: PartialDate = attrs.field(metadata=weigh(5))
    """The day from which these counts hold, until the next step."""

    known: int
    """The participants known to have joined by then, as the WTO counts them."""

    most: int
    """The most that may have joined by then: those known plus those uncertain."""

    claimed: int | None = None
    """The count a source claims for this date, if any."""

    claim: str | None = None
    """The :attr:`CountClaim.id` of that claim."""


@attrs.frozen(repr=False, eq=False)
class LocatedNote(Record):
    """
    A :class:`~wto_msme.Note` with the record it is on, as :meth:`~wto_msme.Dataset.notes` lists it.

    Its fields after the first two are the note's own.

    .. versionadded:: 0.3.0
    """

    record_kind: str = attrs.field(metadata=weigh(5))
    """The class of the record the note is on, such as ``"Member"`` or ``"Initiative"``."""

    record_id: str | None = attrs.field(metadata=weigh(5))
    """The ``id`` of that record; ``None`` for the initiative, which has none."""

    kind: NoteKind = attrs.field(metadata=weigh(3))
    """What kind of remark it is."""

    text: str = attrs.field(metadata=weigh(TITLE))
    """The remark, with its reasoning."""

    field: str | None = None
    """The field of the record it is about, or ``None`` for the whole record."""

    original: str | None = None
    """What the source says, verbatim, where the stored value differs from it."""

    evidence: tuple[str, ...] = attrs.field(default=(), metadata=refers("sources"))
    """Identifiers of the :class:`~wto_msme.Source` records that support the remark."""

    confidence: Confidence | None = None
    """How well established the remark is, where that is known."""


RECORDS: tuple[type[Record], ...] = tuple(
    c for c in dict(globals()).values() if isinstance(c, type) and issubclass(c, Record) and c is not Record
)
"""Every record class of the model, in declaration order."""
