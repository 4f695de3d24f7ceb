"""
Typed, immutable collections of records that own their queries.

Every collection is a tuple: it compares equal to the plain tuple of its records,
hashes like it and cannot be changed. Each query is a pure method that returns a new
collection (or a record), so results chain, display as tables in Jupyter and go to
pandas or CSV. Indexes are built on a collection's first look-up and kept on it.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import os
import types
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any, ClassVar, NamedTuple, SupportsIndex, TypeVar, overload

from ._display import collection_html, collection_repr
from ._model import (
    CoordinatorTerm,
    CountClaim,
    Declaration,
    Document,
    Meeting,
    Member,
    NewsItem,
    ParticipationStep,
    Presentation,
    Publication,
    Recommendation,
    Source,
    Sponsor,
    WtoMember,
)
from ._text import fold, words
from ._when import DateLike, parse_argument
from .enums import Category, MemberKind
from .exceptions import MemberNotFoundError, RecordNotFoundError

if TYPE_CHECKING:
    import datetime

    import pandas as pd

    from ._search import Index

__all__ = [
    "Claims",
    "Coordinators",
    "Declarations",
    "Documents",
    "Meetings",
    "Members",
    "MembersAsOf",
    "NewsItems",
    "Participation",
    "Presentations",
    "Publications",
    "Recommendations",
    "Records",
    "Sources",
    "Sponsors",
    "WtoMembers",
]

R = TypeVar("R")
_C = TypeVar("_C", bound="Records[Any]")


class Records(tuple[R, ...]):
    """
    An immutable collection of records: a tuple that answers queries and displays itself.

    Every collection of a :class:`~wto_msme.Dataset` is a subclass of it for its kind
    of record, such as :class:`Presentations`; :meth:`search` over a whole dataset
    gives a plain ``Records`` of mixed kinds. In a terminal its repr says how many
    records it holds and names the first few; in Jupyter it is an HTML table. A slice
    is a collection of the same class.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> ds.coordinators
    <3 CoordinatorTerm records: Hector Casanueva, José-Luis Cancela, Matthew Wilson>
    >>> ds.coordinators == tuple(ds.coordinators)
    True

    .. versionadded:: 0.1.0
    """

    kind: ClassVar[type | None] = None
    """The class of the records, or ``None`` for a collection of mixed kinds."""

    query: str | None = None
    """The text a :meth:`search` looked for, for the collection it returned; else ``None``."""

    scores: tuple[float, ...] | None = None
    """The score of each record a :meth:`search` returned, in order; else ``None``."""

    partial: bool = False
    """Whether the :meth:`search` that returned the collection found no record holding every word."""

    def __new__(cls, records: Iterable[R] = ()) -> Records[R]:
        return super().__new__(cls, records)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (tuple(self),))

    def __setattr__(self, name: str, value: object) -> None:
        # Indexes are kept in the instance's __dict__ by functools.cached_property, which
        # does not come through here: nothing else may be set on a shared collection.
        msg = f"{type(self).__name__} is immutable: cannot set {name!r}"
        raise AttributeError(msg)

    __delattr__ = __setattr__  # type: ignore[assignment]

    def _new(self: _C, records: Iterable[Any]) -> _C:
        return type(self)(records)

    @overload
    def __getitem__(self, index: SupportsIndex) -> R: ...

    @overload
    def __getitem__(self: _C, index: slice) -> _C: ...

    def __getitem__(self, index: SupportsIndex | slice) -> Any:
        if isinstance(index, slice):
            return self._new(super().__getitem__(index))
        return super().__getitem__(index)

    def __repr__(self) -> str:
        return collection_repr(self)

    def _repr_html_(self) -> str:
        return collection_html(self)

    @functools.cached_property
    def _ids(self) -> dict[str, R]:
        found: dict[str, R] = {}
        for r in self:
            found.setdefault(getattr(r, "id", None), r)  # type: ignore[arg-type]
        return found

    def get(self, id: str) -> R | None:
        """
        Return the record whose ``id`` is *id*, or ``None`` if there is none, like ``dict.get``.

        >>> import wto_msme
        >>> wto_msme.load().members.get("tur").name
        'Türkiye'
        """
        return self._ids.get(id)

    @functools.cached_property
    def _index(self) -> Index:
        from ._search import index

        return index(tuple(self))

    def search(self: _C, text: str, *, limit: int | None = None) -> _C:
        """
        Return the records that match *text*, best first, as a collection of the same kind.

        A record matches if it holds every word of *text* (words such as "the" and "of"
        excepted); if none holds them all, those holding some are returned and the
        collection's :attr:`partial` is ``True``. Case, accents and punctuation are
        ignored (``"cote d'ivoire"`` finds "Côte d'Ivoire"), and so are common word
        endings and British spellings: ``"woman"`` finds "women", ``"payment"``
        "payments", ``"digitalisation"`` "digitalization". A word of three letters or
        more also finds the words it begins; shorter ones only themselves. Words
        written together match as one: ``"e-commerce"``, ``"INF/MSME/W/58"``.

        Rarer words weigh more, and words in a record's title more than in other
        fields (BM25F over the fields the record class declares as searched); a record
        whose title, name, other name, symbol or id is *text* comes first (a
        recommendation answers to ``"Annex 3"``). Ties keep the collection's order.
        The collection returned has :attr:`query` and each record's score in
        :attr:`scores`.

        Args:
            text: One or more words.
            limit: The most records to return, or ``None`` for all that match.

        Raises:
            ValueError: If *text* is blank or *limit* negative.
            TypeError: If *text* is not a string or *limit* not an int.

        >>> import wto_msme
        >>> ds = wto_msme.load()
        >>> [p.institution for p in ds.presentations.search("cyber", limit=2)]
        ['Global Cyber Alliance', 'Coalition to Reduce Cyber Risk (CR2)']
        >>> ds.members.search("turkey")[0].name
        'Türkiye'
        """
        from ._search import rank

        ranking = rank(self._index, text, limit)
        found = self._new(self[i] for i in ranking.positions)
        # Set once, on a collection made here.
        found.__dict__.update(query=text, scores=ranking.scores, partial=ranking.partial)
        return found

    def to_pandas(self) -> pd.DataFrame:
        """
        Return the records as a pandas DataFrame: a row each, in order, with typed columns.

        The columns are those of :meth:`to_csv`: a date gives ``<field>`` (its first
        day, a datetime) and ``<field>_precision``; an enum is categorical in the
        enum's order; a tuple stays whole; the provenance gives ``source``, ``locator``,
        ``evidence`` and ``notes`` (how many). A collection of mixed kinds gives
        ``kind``, ``id`` and ``title``. Needs the ``pandas`` extra.

        >>> import wto_msme
        >>> df = wto_msme.load().presentations.to_pandas()
        >>> df.loc[0, ["institution", "date", "date_precision"]].tolist()
        ['ITC', Timestamp('2021-09-24 00:00:00'), 'day']
        """
        from ._pandas import frame

        return frame(self)

    def to_csv(self, file: str | os.PathLike[str] | IO[str], *, spreadsheet_safe: bool = False) -> int:
        """
        Write the records as CSV, a header row and a row each; return the number of rows.

        Missing values are empty, flags ``true``/``false``, dates ``YYYY-MM-DD`` with a
        ``<field>_precision`` column, enums their values and tuples JSON arrays.

        Args:
            file: A path (written as UTF-8, replaced whole) or a text stream opened
                with ``newline=""``.
            spreadsheet_safe: Whether to write a ``'`` before each cell that begins
                with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, which a
                spreadsheet would otherwise run as a formula. Off by default: the file
                then holds the values exactly.
        """
        from ._flat import write_csv

        return write_csv(self, file, spreadsheet_safe=spreadsheet_safe)


def _dates(start: DateLike, end: DateLike) -> tuple[datetime.date, datetime.date]:
    first = parse_argument("start", start).first_day
    last = parse_argument("end", end).last_day
    if last < first:
        msg = f"start ({start!r}, from {first}) comes after end ({end!r}, up to {last})"
        raise ValueError(msg)
    return first, last


class _Dated(Records[R]):
    """Records with a ``date``: filtered by it."""

    def between(self: _C, start: DateLike, end: DateLike) -> _C:
        """
        Return the records dated from *start* to *end*, both included, in order.

        A bound may be a month or a year: as *start* it means its first day, as *end*
        its last. A record counts only if its whole date lies within the bounds (one
        known only to the month of March is not between the 15th and June); an undated
        one never does.

        Raises:
            ValueError: If a bound cannot be read as a date, or *start* comes after *end*.
            TypeError: If a bound is neither a date nor a string.

        >>> import wto_msme
        >>> len(wto_msme.load().presentations.between("2022", "2022"))
        18
        """
        first, last = _dates(start, end)
        dates = ((r, getattr(r, "date", None)) for r in self)
        return self._new(r for r, d in dates if d is not None and first <= d.first_day and d.last_day <= last)

    def on(self, when: DateLike) -> Any:
        """
        Return the records dated within the day, month or year *when* names, in order.

        >>> import wto_msme
        >>> [p.institution for p in wto_msme.load().presentations.on("2021-02-18")][:2]
        ['Global Express Association', 'UN/CEFACT']
        """
        return self.between(when, when)


# --- Participants ------------------------------------------------------------------------------

#: Alpha-2 codes that ISO 3166-1 exceptionally reserves for a Member without its own:
#: "EU" for the European Union (which has no code) and "UK" for the United Kingdom (GB).
_RESERVED_FOR_ALPHA2 = {"GB": "UK"}

_KNOWN, _UNCERTAIN, _NOT_YET = 1, 0, -1


def _window(m: Member) -> tuple[datetime.date | None, datetime.date | None]:
    """The earliest and the latest day a participant may have joined on; ``None`` where unbounded."""
    j = m.joined
    earliest = latest = None
    if j.on is not None:
        earliest, latest = j.on.first_day, j.on.last_day
    if j.not_before is not None:
        earliest = j.not_before.first_day if earliest is None else max(earliest, j.not_before.first_day)
    if j.not_after is not None:
        latest = j.not_after.last_day if latest is None else min(latest, j.not_after.last_day)
    return earliest, latest


def standing(member: Member, day: datetime.date) -> int:
    """Whether *member* is known (1), uncertain (0) or known not yet (-1) to take part on *day*."""
    earliest, latest = _window(member)
    if latest is not None and latest <= day:
        return _KNOWN
    if earliest is not None and earliest > day:
        return _NOT_YET
    return _UNCERTAIN


class MembersAsOf(NamedTuple):
    """
    The participants at a date, as far as the data knows them: :meth:`Members.as_of` returns it.

    A participant whose joining the data places only between bounds that straddle the
    date, or not at all, may or may not have taken part then: it is :attr:`uncertain`,
    neither counted nor left out. One known to have joined later is in neither.

    .. versionadded:: 0.1.0
    """

    known: Members
    """The participants known to have joined on or before the date, in order."""

    uncertain: Members
    """The participants that may have joined by the date or after it, in order."""


class _Names:
    """The names, aliases and codes of a collection of members, folded and as given."""

    def __init__(self, members: Iterable[Member]) -> None:
        folded: dict[str, Member] = {}
        given: list[tuple[str, str]] = []
        members = tuple(members)

        def add(text: str | None, member: Member) -> None:
            key = fold(text) if text else ""
            if text and key:
                folded.setdefault(key, member)
                given.append((text, key))

        # Names before aliases before codes: the first claim on a key wins.
        for m in members:
            add(m.name, m)
        for m in members:
            for a in m.aliases:
                add(a, m)
        self.names = dict(folded)
        for m in members:
            add(m.iso_alpha3, m)
        for m in members:
            add(m.iso_alpha2, m)
        for m in members:
            add("EU" if m.kind is MemberKind.EUROPEAN_UNION else _RESERVED_FOR_ALPHA2.get(m.iso_alpha2 or ""), m)
        self.folded = folded
        # Texts looked up as given: every name, alias and code as written, each giving what
        # its folded form gives, and the folded forms themselves.
        self.exact = {text: folded[key] for text, key in given}
        self.exact.update(folded)


class Members(Records[Member]):
    """
    The participating Members, the European Union counted once.

    .. versionadded:: 0.1.0
    """

    kind = Member

    @functools.cached_property
    def _names(self) -> _Names:
        return _Names(self)

    def find(self, text: str) -> Member:
        """
        Find a participant by its name, an alias, or its ISO 3166-1 alpha-2 or alpha-3 code.

        Case, accents and punctuation are ignored: ``"turkey"``, ``"Turkiye"`` and
        ``"TUR"`` all find Türkiye. ``"EU"`` finds the European Union, which has no ISO
        code, and ``"UK"`` the United Kingdom (``"GB"``). Names win over aliases,
        aliases over codes, and among equals the first participant. The look-up is
        exact: a miss raises an error that lists the closest names.

        Raises:
            MemberNotFoundError: If no participant has that name, alias or code; its
                ``candidates`` are the closest names. It is a :class:`LookupError`.
            ValueError: If *text* has no letters or digits.
            TypeError: If *text* is not a string.

        >>> import wto_msme
        >>> ds = wto_msme.load()
        >>> ds.members.find("Turkey").name
        'Türkiye'
        >>> try:
        ...     ds.members.find("Columbia")
        ... except LookupError as e:
        ...     print(e)
        no participating Member is called 'Columbia'; the closest names are 'Colombia'
        """
        try:
            return self._names.exact[text]
        except (KeyError, TypeError):
            return self._find(text)

    def _find(self, text: str) -> Member:
        if not isinstance(text, str):
            msg = f"text must be a str (a name, an alias or an ISO 3166-1 code), not {type(text).__name__}"
            raise TypeError(msg)
        key = fold(text)
        if not key:
            msg = f"text {text[:60]!r} has no letters or digits: give a name, an alias or an ISO 3166-1 code"
            raise ValueError(msg)
        found = self._names.folded.get(key)
        if found is None:
            import difflib  # only a miss needs it

            index = self._names
            choices = index.folded if len(key) <= 3 else index.names
            close = difflib.get_close_matches(key, list(choices), n=10, cutoff=0.7)
            names = tuple(dict.fromkeys(index.folded[k].name for k in close))[:5]
            shown = repr(text) if len(text) <= 60 else repr(text[:57]) + "..."
            msg = f"no participating Member is called {shown}"
            if names:
                msg += "; the closest names are " + ", ".join(repr(n) for n in names)
            raise MemberNotFoundError(msg, names)
        return found

    def as_of(self, when: DateLike) -> MembersAsOf:
        """
        Tell which participants had joined by a date, and which may have.

        A participant is *known* at a day when the latest day it may have joined on is
        on or before it, *uncertain* when it may have joined on either side, and in
        neither when the earliest day it may have joined on is later. A month or a year
        means its last day. No departures are recorded, so known, and known and
        uncertain together, only grow with the date.

        >>> import wto_msme
        >>> now = wto_msme.load().members.as_of("2023-03-13")
        >>> len(now.known), [m.name for m in now.uncertain]
        (70, ['United Arab Emirates'])
        """
        day = parse_argument("when", when).last_day
        known, uncertain = [], []
        for m in self:
            s = standing(m, day)
            if s == _KNOWN:
                known.append(m)
            elif s == _UNCERTAIN:
                uncertain.append(m)
        return MembersAsOf(known=Members(known), uncertain=Members(uncertain))


class WtoMembers(Records[WtoMember]):
    """
    Every Member of the WTO, taking part in the group or not.

    .. versionadded:: 0.2.0
    """

    kind = WtoMember


# --- Coordinators ------------------------------------------------------------------------------

_FOREVER = 3_652_059  # datetime.date.max.toordinal(), without importing datetime


class Coordinators(Records[CoordinatorTerm]):
    """
    The coordinators' terms, in order.

    A term covers every day from the first day of its start to the last day of its
    end (one known to the month covers the whole month); one with no end is ongoing;
    one with no known start covers only the period of its end. On a day two terms
    cover (a handover inside a month), the later-starting term wins.

    .. versionadded:: 0.2.0
    """

    kind = CoordinatorTerm

    @functools.cached_property
    def _timeline(self) -> tuple[tuple[int, ...], tuple[int | None, ...]]:
        """The days on which the coordinator changes, and the term (its position) from each on."""
        spans = []  # (first day, last day, position), as ordinals
        for i, t in enumerate(self):
            start = t.start if t.start is not None else t.end
            if start is not None:  # else the term cannot be placed
                spans.append(
                    (start.first_day.toordinal(), _FOREVER if t.end is None else t.end.last_day.toordinal(), i)
                )
        spans.sort()
        days = sorted({s[0] for s in spans} | {s[1] + 1 for s in spans if s[1] < _FOREVER})
        winners: list[int | None] = []
        active: list[tuple[int, int, int]] = []  # (-first, -position, last): the winner on top
        j = 0
        for day in days:  # one sweep: each term enters and leaves the heap once
            while j < len(spans) and spans[j][0] <= day:
                heapq.heappush(active, (-spans[j][0], -spans[j][2], spans[j][1]))
                j += 1
            while active and active[0][2] < day:
                heapq.heappop(active)
            winners.append(-active[0][1] if active else None)
        return tuple(days), tuple(winners)

    def _winners(self, first: int, last: int) -> list[int | None]:
        days, winners = self._timeline
        i = bisect.bisect_right(days, first) - 1
        found = [winners[i] if i >= 0 else None]
        j = i + 1
        while j < len(days) and days[j] <= last:
            found.append(winners[j])
            j += 1
        return found

    def on(self, when: DateLike) -> CoordinatorTerm | None:
        """
        Return the term covering a date, or ``None``.

        A month or a year asks for the term covering the whole period: ``None`` if the
        coordinator changes within it or some day of it has none. :meth:`during` lists
        every term of a period.

        >>> import wto_msme
        >>> ds = wto_msme.load()
        >>> ds.coordinators.on("2019-06-01").name
        'José-Luis Cancela'
        >>> print(ds.coordinators.on("2023-04"))
        None
        """
        period = parse_argument("when", when)
        found = set(self._winners(period.first_day.toordinal(), period.last_day.toordinal()))
        (only,) = found if len(found) == 1 else (None,)
        return None if only is None else self[only]

    def during(self, start: DateLike, end: DateLike | None = None) -> Coordinators:
        """
        Return every term that :meth:`on` gives for some day from *start* to *end*, in order.

        Without *end* the period is the one *start* names: ``during("2023-04")`` is
        every coordinator of April 2023.

        Raises:
            ValueError: If a bound cannot be read, or *end* comes before *start*.

        >>> import wto_msme
        >>> [t.name for t in wto_msme.load().coordinators.during("2023-04")]
        ['José-Luis Cancela', 'Matthew Wilson']
        """
        first, last = _dates(start, start if end is None else end)
        found = {i for i in self._winners(first.toordinal(), last.toordinal()) if i is not None}
        return self._new(self[i] for i in sorted(found))


# --- Presentations and meetings ---------------------------------------------------------------

#: Words left out when institutions' names are compared: English articles.
_ARTICLES = frozenset({"a", "an", "the"})


def _institution_key(name: str) -> tuple[str, ...]:
    ws = words(name)
    # No word is ever empty, so a name of nothing but articles, or of no word at all,
    # cannot meet the keys of other names.
    return tuple(w for w in ws if w not in _ARTICLES) or (("", *ws) if ws else ("", "", name))


class Presentations(_Dated[Presentation]):
    """
    The presentations given at the group's meetings, in the order of the source list.

    .. versionadded:: 0.2.0
    """

    kind = Presentation

    def by_category(self) -> types.MappingProxyType[Category, Presentations]:
        """
        Group the presentations by thematic category.

        Returns:
            A read-only mapping from every :class:`~wto_msme.enums.Category`, in the
            enum's order (the source's), to its presentations in order; a category
            with none maps to an empty collection.

        >>> import wto_msme
        >>> groups = wto_msme.load().presentations.by_category()
        >>> len(groups[wto_msme.enums.Category.CYBER_READINESS])
        4
        """
        groups: dict[Category, list[Presentation]] = {c: [] for c in Category}
        for p in self:
            groups[p.category].append(p)
        return types.MappingProxyType({c: self._new(ps) for c, ps in groups.items()})

    def mentioning_annex(self, annex: int) -> Presentations:
        """
        Return the presentations that report on an annex (1 to 6) of the December 2020 package.

        Raises:
            ValueError: If *annex* is not an int from 1 to 6.

        >>> import wto_msme
        >>> [str(p.date) for p in wto_msme.load().presentations.mentioning_annex(2)]
        ['2021-09-24', '2022-02-08', '2022-04-07', '2023-03-13']
        """
        wanted = _annex(annex)
        return self._new(p for p in self if wanted in p.annexes)

    def by_institution(self, name: str) -> Presentations:
        """
        Return the presentations an institution gave, reconciling its spellings.

        Two spellings name the same institution when they are the same once case,
        accents, punctuation and the articles "a", "an" and "the" are ignored ("Brazil
        Mission to WTO" and "Brazil Mission to the WTO"). Nothing more is assumed:
        "ICC" and "ICC-UK" stay apart.

        >>> import wto_msme
        >>> [str(p.date) for p in wto_msme.load().presentations.by_institution("Brazil Mission to the WTO")]
        ['2021-09-24', '2021-05-04']
        """
        key = _institution_key(name)
        return self._new(p for p in self if _institution_key(p.institution) == key)


class Meetings(_Dated[Meeting]):
    """
    The meetings of the group and the events it held, in date order.

    .. versionadded:: 0.2.0
    """

    kind = Meeting


# --- The rest ------------------------------------------------------------------------------------


def _annex(annex: object) -> int:
    if not isinstance(annex, int) or isinstance(annex, bool) or not 1 <= annex <= 6:
        msg = f"annex must be an int from 1 to 6 (the annexes of the December 2020 package), not {annex!r}"
        raise ValueError(msg)
    return annex


class Recommendations(Records[Recommendation]):
    """
    The six items of the December 2020 package, by annex.

    .. versionadded:: 0.2.0
    """

    kind = Recommendation

    def annex(self, annex: int) -> Recommendation:
        """
        Return the item of the package that is annex *annex* (1 to 6).

        Raises:
            ValueError: If *annex* is not an int from 1 to 6.
            RecordNotFoundError: If no item is that annex.

        >>> import wto_msme
        >>> wto_msme.load().recommendations.annex(6).short_title
        'Access to finance and cross-border payments'
        """
        wanted = _annex(annex)
        for r in self:
            if r.annex == wanted:
                return r
        msg = f"no item of the package is annex {wanted} among the {len(self)} given"
        raise RecordNotFoundError(msg, tuple(r.id for r in self))


class NewsItems(_Dated[NewsItem]):
    """
    The news items about the group, newest first.

    .. versionadded:: 0.2.0
    """

    kind = NewsItem


class Publications(Records[Publication]):
    """
    The "Analysis and Articles" list.

    .. versionadded:: 0.2.0
    """

    kind = Publication


class Declarations(Records[Declaration]):
    """
    The group's ministerial declarations.

    .. versionadded:: 0.2.0
    """

    kind = Declaration


class Documents(_Dated[Document]):
    """
    The WTO documents the sources cite.

    .. versionadded:: 0.2.0
    """

    kind = Document


class Claims(Records[CountClaim]):
    """
    Dated claims of participant and sponsor counts.

    .. versionadded:: 0.2.0
    """

    kind = CountClaim


class Sponsors(Records[Sponsor]):
    """
    Package sponsors that were not participants when they endorsed it.

    .. versionadded:: 0.2.0
    """

    kind = Sponsor


class Sources(Records[Source]):
    """
    Every source that a record cites.

    .. versionadded:: 0.2.0
    """

    kind = Source


class Participation(Records[ParticipationStep]):
    """
    The participants' count over time, a step a date: :meth:`~wto_msme.Dataset.participation` makes it.

    .. versionadded:: 0.2.0
    """

    kind = ParticipationStep
