"""
The frozen classes and enums that hold the data. No I/O and no (de)serialisation here.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

import attrs

from ._dates import PartialDate
from ._display import Records, dataset_html, record_html, record_repr

__all__ = [
    "Category",
    "ClaimSubject",
    "Confidence",
    "CoordinatorTerm",
    "CountClaim",
    "Dataset",
    "Declaration",
    "DeclarationParagraph",
    "Document",
    "Initiative",
    "Joining",
    "Member",
    "MemberKind",
    "NewsItem",
    "Note",
    "NoteKind",
    "Presentation",
    "PresenterKind",
    "Provenance",
    "Publication",
    "Recommendation",
    "RecommendationKind",
    "Source",
    "SourceKind",
    "Sponsor",
    "Subcategory",
    "WtoMember",
    "YearBasis",
]


# --- Closed vocabularies ------------------------------------------------------------


class Confidence(enum.Enum):
    """
    How well a fact is established, on the scale of the project's reference notes.
    """

    HIGH = "high"
    """A retrieved source states it directly."""

    MEDIUM = "medium"
    """Inferred from two or more sources that agree, or stated by one secondary source."""

    LOW = "low"
    """One weak source, or general knowledge not confirmed by a source found."""

    UNVERIFIED = "unverified"
    """No source was found: check it before relying on it."""


class NoteKind(enum.Enum):
    """
    What a :class:`Note` says about a record.
    """

    CORRECTION = "correction"
    """The source is wrong; the stored value is corrected and the note gives the evidence."""

    REPAIR = "repair"
    """Extraction damage in the source (a garbled table) was repaired."""

    CLEANUP = "cleanup"
    """Extraction noise (a footnote marker, a broken line) was removed."""

    FLAG = "flag"
    """The source is ambiguous or contradicts another: the value is kept as stated."""

    INFERENCE = "inference"
    """The value is inferred, not stated; the note says from what."""

    COMPLETION = "completion"
    """A part the source leaves out (such as a year) was completed from another source."""

    SIC = "sic"
    """The source has an obvious slip that is kept verbatim."""


class SourceKind(enum.Enum):
    """
    What kind of thing a :class:`Source` is.
    """

    SEED = "seed"
    """One of the two documents the data is transcribed from."""

    PUBLIC = "public"
    """A public page or document that confirms, completes or corrects the seeds."""

    REFERENCE = "reference"
    """General reference knowledge that no retrieved source confirms."""


class MemberKind(enum.Enum):
    """
    What kind of WTO Member a participant is.
    """

    STATE = "state"
    """A state."""

    SEPARATE_CUSTOMS_TERRITORY = "separate customs territory"
    """A separate customs territory, such as Hong Kong, China or Chinese Taipei."""

    EUROPEAN_UNION = "european union"
    """The European Union, a WTO Member of its own beside its member states."""


class PresenterKind(enum.Enum):
    """
    Who gave a presentation, as the list of presentations labels it.
    """

    IO = "IO"
    """An international organisation."""

    MEMBER = "Member"
    """A WTO Member's government."""

    SECRETARIAT = "Secretariat"
    """The WTO Secretariat or a body it hosts."""

    OTHER = "Other"
    """Another organisation: a company, an association, a foundation."""

    ORGANIZED_BY_MEMBER = "organized by Member"
    """Another organisation, invited by a Member."""


class Category(enum.Enum):
    """
    The eleven thematic categories of the list of presentations, in its order.
    """

    IMPLEMENTATION = "Implementation of the December 2020 Package"
    """Implementation of the December 2020 Package."""

    INNOVATION = "Innovation"
    """Innovation."""

    INTELLECTUAL_PROPERTY = "Intellectual Property Tools"
    """Intellectual Property Tools."""

    LOW_VALUE_SHIPMENTS = "Low-value shipments"
    """Low-value shipments."""

    RTAS = "MSME Provisions in Regional Trade Agreements (RTAs)"
    """MSME Provisions in Regional Trade Agreements (RTAs)."""

    FINANCING = "MSME Financing"
    """MSME Financing (with the sub-heading Cross-border Payments)."""

    SUSTAINABILITY = "Sustainability"
    """Sustainability."""

    TRADE_FACILITATION = "Trade Facilitation"
    """Trade Facilitation."""

    CYBER_READINESS = "Cyber-Readiness"
    """Cyber-Readiness (the source writes it with a non-breaking hyphen)."""

    DIGITAL = "Digital"
    """Digital (with the sub-heading Standards to digitalize trade)."""

    OTHER = "Other Topics"
    """Other Topics."""


class Subcategory(enum.Enum):
    """
    The two sub-headings in the body of the list of presentations.
    """

    CROSS_BORDER_PAYMENTS = "Cross-border Payments"
    """Under :attr:`Category.FINANCING`."""

    STANDARDS_TO_DIGITALIZE_TRADE = "Standards to digitalize trade"
    """Under :attr:`Category.DIGITAL`."""


class RecommendationKind(enum.Enum):
    """
    Whether an item of the December 2020 package is a recommendation or a declaration.
    """

    RECOMMENDATION = "recommendation"
    """A recommendation."""

    DECLARATION = "declaration"
    """A declaration."""


class YearBasis(enum.Enum):
    """
    Whether the year of a news item's date is stated by the source or inferred.
    """

    STATED = "stated"
    """The source gives the year."""

    INFERRED = "inferred"
    """The source gives day and month only; the year comes from other evidence."""


class ClaimSubject(enum.Enum):
    """
    What a :class:`CountClaim` counts.
    """

    PARTICIPANTS = "participants"
    """WTO Members taking part in the group, counted as the WTO counts them."""

    PACKAGE_SPONSORS = "package sponsors"
    """WTO Members sponsoring the December 2020 package."""


# --- Provenance -------------------------------------------------------------------


@attrs.frozen(repr=False)
class Note:
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

    evidence: tuple[str, ...] = ()
    """Identifiers of the :class:`Source` records that support the remark."""

    confidence: Confidence | None = None
    """How well established the remark is, where that is known."""


@attrs.frozen(repr=False)
class Provenance:
    """
    Where a record comes from.

    .. versionadded:: 0.1.0
    """

    source: str
    """Identifier of the :class:`Source` the record is transcribed from."""

    locator: str | None = None
    """Where in that source, such as ``"Trade Facilitation, entry 1"``."""

    evidence: tuple[str, ...] = ()
    """Identifiers of further sources that support or complete the record."""

    notes: tuple[Note, ...] = ()
    """Corrections, repairs, flags and inferences, in no particular order."""


@attrs.frozen(repr=False)
class Source:
    """
    A document or page that facts are taken from.

    .. versionadded:: 0.1.0
    """

    id: str
    """Its identifier, such as ``"seed-003"`` or ``"S-N-18FEB21"``."""

    title: str
    """What it is."""

    kind: SourceKind
    """Whether it is a seed document, a public source or reference knowledge."""

    url: str | None = None
    """Where it can be read, or ``None`` if it has no public address."""


# --- The group and its participants ----------------------------------------------------


@attrs.frozen(repr=False)
class Joining:
    """
    When a participant joined the group, as far as it is known.

    Either :attr:`on` is known, or only bounds are, or nothing is (all ``None``). Its
    string form says which: ``"2020-12-11"``, ``"by 2020-12-11"``, ``"between 2021-10-22
    and 2021-12"``, ``"on or after 2023-03-13"`` or ``"unknown"``.

    .. versionadded:: 0.1.0
    """

    on: PartialDate | None = None
    """The date it joined, where known."""

    not_before: PartialDate | None = None
    """It joined on or after this date, where only a bound is known."""

    not_after: PartialDate | None = None
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


@attrs.frozen(repr=False)
class Member:
    """
    A WTO Member taking part in the group.

    .. versionadded:: 0.1.0
    """

    id: str
    """Lowercase ISO 3166-1 alpha-3 code, or ``"eu"`` for the European Union."""

    name: str
    """The name as the group lists it, for example ``"Korea, Republic of"``."""

    kind: MemberKind
    """State, separate customs territory, or the European Union."""

    iso_alpha2: str | None = None
    """ISO 3166-1 alpha-2 code; ``None`` for the European Union, which has none."""

    iso_alpha3: str | None = None
    """ISO 3166-1 alpha-3 code; ``None`` for the European Union, which has none."""

    iso_numeric: str | None = None
    """ISO 3166-1 numeric code as three digits; ``None`` for the European Union."""

    aliases: tuple[str, ...] = ()
    """Other names it is known by, such as ``"Turkey"`` for Türkiye."""

    joined: Joining = Joining()
    """When it joined the group, as far as it is known."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False)
class WtoMember:
    """
    A Member of the WTO, whether or not it takes part in the group.

    .. versionadded:: 0.1.0
    """

    id: str
    """Lowercase ISO 3166-1 alpha-3 code, or ``"eu"``; the same as :attr:`Member.id`."""

    name: str
    """The WTO's spelling of its name."""

    member_since: PartialDate
    """The date it became a WTO Member."""

    member_since_confidence: Confidence
    """How well that date is established."""

    eu_member_state: bool
    """Whether it is a member state of the European Union."""

    iso_alpha2: str | None = None
    """ISO 3166-1 alpha-2 code; ``None`` for the European Union."""

    iso_alpha3: str | None = None
    """ISO 3166-1 alpha-3 code; ``None`` for the European Union."""

    iso_numeric: str | None = None
    """ISO 3166-1 numeric code; ``None`` for the European Union."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False)
class CoordinatorTerm:
    """
    One coordinator's term at the head of the group.

    .. versionadded:: 0.1.0
    """

    id: str
    """Identifier, such as ``"cancela"``."""

    name: str
    """The coordinator's name."""

    member: str
    """The :attr:`Member.id` of the Member the coordinator represented."""

    start: PartialDate | None
    """When the term began; ``None`` if that is not known."""

    end: PartialDate | None
    """When the term ended; ``None`` if it is ongoing."""

    aliases: tuple[str, ...] = ()
    """Other spellings of the name in the sources."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False)
class CountClaim:
    """
    A dated claim of how many Members took part in the group or sponsored the package.

    .. versionadded:: 0.1.0
    """

    id: str
    """Identifier."""

    subject: ClaimSubject
    """What is counted."""

    count: int
    """The number claimed."""

    as_of: PartialDate | None
    """The date the count refers to; ``None`` if the source gives none."""

    wording: str
    """How the source words the claim."""

    consistent: bool | None
    """
    Whether the claim fits the member-level data and the running count of joiners:
    ``False`` if they contradict it, ``True`` if they allow it, ``None`` if there is
    nothing to check it against.
    """

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False)
class Sponsor:
    """
    A WTO Member that endorsed the December 2020 package without then taking part.

    .. versionadded:: 0.1.0
    """

    id: str
    """Identifier."""

    member: str
    """The :attr:`WtoMember.id` of the endorsing Member."""

    endorsed: PartialDate
    """When it endorsed the package."""

    participant_then: bool
    """Whether it took part in the group when it endorsed the package."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


# --- What the group produced and heard ----------------------------------------------------


@attrs.frozen(repr=False)
class Recommendation:
    """
    One of the six items of the December 2020 package (INF/MSME/4/Rev.2).

    .. versionadded:: 0.1.0
    """

    id: str
    """Identifier, ``"annex-1"`` to ``"annex-6"``."""

    annex: int
    """The annex of the package, 1 to 6."""

    kind: RecommendationKind
    """Recommendation or declaration."""

    title: str
    """The official title, as paragraph 1 of the MC12 declaration lists it."""

    short_title: str
    """The heading the initiative page gives it."""

    summary: str
    """The initiative page's summary."""

    document: str
    """The :attr:`Document.id` of the package document."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False)
class Presentation:
    """
    A presentation given at a meeting of the group.

    .. versionadded:: 0.1.0
    """

    id: str
    """Identifier, beginning with the date."""

    title: str
    """The title, verbatim."""

    institution: str
    """Who presented, as the source names it, such as ``"ITC"``."""

    presenter_kind: PresenterKind
    """The kind of presenter, as the source labels it."""

    date: PartialDate
    """When it was given."""

    category: Category
    """The thematic category it is listed under."""

    subcategory: Subcategory | None
    """The sub-heading it is listed under, if any."""

    summary: str
    """The summary, verbatim."""

    url: str | None
    """The link to the presentation, or ``None`` if the source gives none."""

    annexes: tuple[int, ...] = ()
    """The annexes of the December 2020 package the summary reports on, ascending."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False)
class NewsItem:
    """
    A news item about the group, as the initiative page lists it.

    .. versionadded:: 0.1.0
    """

    id: str
    """Identifier, beginning with the date."""

    publisher: str
    """Who published it, such as ``"WTO"``."""

    headline: str
    """The headline, verbatim."""

    summary: str
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


@attrs.frozen(repr=False)
class Publication:
    """
    An entry of the initiative page's "Analysis and Articles" list.

    .. versionadded:: 0.1.0
    """

    id: str
    """Identifier."""

    publisher: str
    """Who published it, such as ``"OECD"`` or ``"IISD & CUTS"``."""

    title: str
    """The title, verbatim."""

    summary: str
    """The summary, verbatim."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False)
class DeclarationParagraph:
    """
    A numbered paragraph of a :class:`Declaration`.

    .. versionadded:: 0.1.0
    """

    number: str
    """Its number, such as ``"1"``, ``"1(a)"`` or ``"4.1"``."""

    text: str
    """The text, verbatim."""

    heading: str | None = None
    """The heading above it, if any."""


@attrs.frozen(repr=False)
class Declaration:
    """
    A ministerial declaration of the group: the MC12 final draft declaration.

    .. versionadded:: 0.1.0
    """

    id: str
    """Identifier."""

    title: str
    """The title, verbatim."""

    symbol: str | None
    """The WTO document symbol it was circulated in, such as ``"WT/MIN(21)/1"``."""

    circulated: PartialDate | None
    """When it was circulated."""

    signatories: tuple[str, ...]
    """The signatories, in order, named as the declaration names them."""

    signatory_members: tuple[str, ...]
    """The :attr:`Member.id` of each signatory, in the same order."""

    preamble: str
    """The preamble, verbatim."""

    paragraphs: tuple[DeclarationParagraph, ...]
    """The numbered paragraphs, in order."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False)
class Document:
    """
    A WTO document that the sources cite.

    .. versionadded:: 0.1.0
    """

    id: str
    """Identifier, the symbol as a slug: ``"inf-msme-4-rev-2"``."""

    symbol: str
    """The document symbol, such as ``"INF/MSME/4/Rev.2"``."""

    description: str
    """What the document is."""

    date: PartialDate | None = None
    """Its date, where known."""

    url: str | None = None
    """Where it can be read, where known."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from (where it is cited)."""


@attrs.frozen(repr=False)
class Initiative:
    """
    The Informal Working Group on MSMEs itself, as its page describes it.

    .. versionadded:: 0.1.0
    """

    name: str
    """The initiative's name, as its page heads it."""

    group_name: str
    """The group's full name."""

    status: str
    """Its status, as stated."""

    open: bool
    """Whether any WTO Member may join ("Open Initiative")."""

    origin: str
    """How it started, verbatim."""

    dialogue_leaders: tuple[str, ...]
    """The :attr:`Member.id` of the Members that led the 2017 "Friends of MSMEs" dialogue."""

    dialogue_started: PartialDate
    """When that dialogue started."""

    established: PartialDate
    """When the Joint Ministerial Statement established the group (MC11, Buenos Aires)."""

    establishing_document: str
    """The :attr:`Document.id` of that statement."""

    description: tuple[str, ...]
    """The page's introductory paragraphs, verbatim."""

    scope: tuple[str, ...]
    """The issues it set out to discuss, verbatim."""

    looking_ahead: tuple[str, ...]
    """Its aims after MC12, verbatim."""

    participants_claimed: int
    """How many WTO Members the page says take part."""

    wto_members_claimed: int
    """How many WTO Members the page says there are."""

    participation_as_of: PartialDate
    """The date of those two figures."""

    world_exports_share: str
    """The participants' share of world exports, as stated."""

    provenance: Provenance = attrs.field(kw_only=True)
    """Where the record comes from."""


@attrs.frozen(repr=False)
class Dataset:
    """
    Everything the library knows about the group, as tuples of frozen records.

    Get the bundled one with :func:`wto_msme.load`.

    .. versionadded:: 0.1.0
    """

    version: str
    """The version of the data."""

    current_to: PartialDate
    """The date the data describes the group as of."""

    initiative: Initiative
    """The initiative."""

    members: tuple[Member, ...]
    """The participants, the European Union counted once."""

    coordinators: tuple[CoordinatorTerm, ...]
    """The coordinators' terms, in order."""

    recommendations: tuple[Recommendation, ...]
    """The six items of the December 2020 package, by annex."""

    presentations: tuple[Presentation, ...]
    """The presentations, in the order of the source list."""

    news: tuple[NewsItem, ...]
    """The news items, newest first."""

    publications: tuple[Publication, ...]
    """The "Analysis and Articles" list."""

    declarations: tuple[Declaration, ...]
    """The group's ministerial declarations."""

    documents: tuple[Document, ...]
    """The WTO documents the sources cite."""

    wto_members: tuple[WtoMember, ...]
    """Every WTO Member."""

    claims: tuple[CountClaim, ...]
    """Dated claims of participant and sponsor counts."""

    sponsors: tuple[Sponsor, ...]
    """Package sponsors that were not participants when they endorsed it."""

    sources: tuple[Source, ...]
    """Every source that a record cites."""

    def __attrs_post_init__(self) -> None:
        # Collections display as tables (see Records); they stay equal to plain tuples.
        for name in COLLECTIONS:
            value = getattr(self, name)
            if type(value) is tuple:
                object.__setattr__(self, name, Records(value))

    if not TYPE_CHECKING:  # a type checker would take any attribute name for a field

        def __getattr__(self, name: str) -> Any:
            # Called for a field left unset: the bundled dataset builds each field from
            # its file at its first use (see _data.load). Anything else is a plain miss.
            from ._data import build_field

            return build_field(self, name)

    def _repr_html_(self) -> str:
        return dataset_html(self)

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(getattr(self, name))}" for name in COLLECTIONS)
        return f"Dataset(version={self.version!r}, current_to='{self.current_to}', {counts})"


COLLECTIONS: tuple[str, ...] = tuple(
    f.name for f in attrs.fields(Dataset) if f.name not in ("version", "current_to", "initiative")
)
"""The names of the fields of :class:`Dataset` that hold collections of records, in order."""


# Concise reprs in a terminal and HTML tables in Jupyter (see _display). The classes are
# declared repr=False: attrs would otherwise generate, at every import, a repr replaced here.
for _cls in (
    Note, Provenance, Source, Joining, Member, WtoMember, CoordinatorTerm, CountClaim, Sponsor, Recommendation,
    Presentation, NewsItem, Publication, DeclarationParagraph, Declaration, Document, Initiative,
):  # fmt: skip
    _cls.__repr__ = record_repr  # type: ignore[method-assign]
    _cls._repr_html_ = record_html  # type: ignore[union-attr]
