"""
Typed, immutable collections of records that own their queries.

Every collection is a tuple: it compares equal to the plain tuple of its records,
hashes like it and cannot be changed. Each query is a pure method that returns a new
collection (or a record), so results chain, display as tables in Jupyter and go to
pandas or CSV. Indexes are built on a collection's first look-up and kept on it.
"""

from __future__ import annotations

import bisect
import copy
import functools
import heapq
import os
import re
import sys
import types
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any, ClassVar, NamedTuple, SupportsIndex, TypeVar, overload

from ._dates import DateLike, parse_argument
from ._display import collection_html, collection_repr
from ._model import (
    CoordinatorTerm,
    CountClaim,
    Declaration,
    Document,
    LocatedNote,
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
from ._names import Names, Tier
from ._text import fold, words
from .enums import Category, MemberKind, NoteKind
from .exceptions import MemberNotFoundError, RecordNotFoundError

if TYPE_CHECKING:
    import datetime

    import pandas as pd

    from ._dataset import Dataset
    from ._dates import PartialDate
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
    "Notes",
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
_D = TypeVar("_D", bound="_Dated[Any]")


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

    dataset: Dataset | None = None
    """
    The dataset the collection belongs to, or ``None``: its collections name what the
    records' ids point to in displays. A collection of a dataset, and every collection a
    query on it returns, belongs to the dataset; one made alone, or unpickled, belongs
    to none, and shows the ids themselves.
    """

    def __new__(cls, records: Iterable[R] = ()) -> Records[R]:
        return super().__new__(cls, records)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (tuple(self),), self._state())

    def _state(self) -> dict[str, Any]:
        """What a search said of this collection (its query, scores, whether partial), to pickle with it."""
        return {k: v for k, v in self.__dict__.items() if k in ("query", "scores", "partial")}

    def __setattr__(self, name: str, value: object) -> None:
        # Indexes are kept in the instance's __dict__ by functools.cached_property, which
        # does not come through here: nothing else may be set on a shared collection.
        msg = f"{type(self).__name__} is immutable: cannot set {name!r}"
        raise AttributeError(msg)

    __delattr__ = __setattr__  # type: ignore[assignment]

    def _new(self: _C, records: Iterable[Any]) -> _C:
        return self._carry(type(self)(records))

    def _carry(self, other: _C) -> _C:
        """Return *other*, a collection made here, belonging to the dataset *self* belongs to."""
        if self.dataset is not None:
            other.__dict__["dataset"] = self.dataset
        return other

    def _bound(self: _C, dataset: Dataset) -> _C:
        """
        Return the collection, belonging to *dataset*: itself if it belongs to none, else a copy.

        A dataset's converters make each of its collections afresh, so a collection of a
        dataset is its own, never shared with another dataset.
        """
        bound = self if self.dataset is None else copy.copy(self)
        bound.__dict__["dataset"] = dataset
        return bound

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

        It is indexed by ``id`` where the records have one. The other columns are those
        of :meth:`to_csv`: a date gives ``<field>`` (its first day, a datetime) and
        ``<field>_precision``; a date that others bound is preceded by a text column
        that says when in words (``joined``: ``"by 2020-12-11"``; a meeting's
        ``when``); an enum is categorical in the enum's order; a tuple stays whole; the
        provenance gives ``source``, ``locator``, ``evidence`` and ``notes`` (how many).
        A collection of mixed kinds gives ``kind``, ``id`` and ``title``, indexed by
        position. Needs the ``pandas`` extra.

        >>> import wto_msme
        >>> ds = wto_msme.load()
        >>> df = ds.presentations.to_pandas()
        >>> df.index[0]
        '2021-09-24-itc-global-trade-helpdesk-update'
        >>> df.iloc[0][["institution", "date", "date_precision"]].tolist()
        ['ITC', Timestamp('2021-09-24 00:00:00'), 'day']
        >>> ds.members.to_pandas().loc["gmb", "joined"]
        'between 2021-10-22 and 2021-12'
        """
        from ._flat import frame

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


#: Where a record's date is not bounded: before or after every day.
_EVER, _NEVER = float("-inf"), float("inf")

#: When a record's event may have begun and ended, as day ordinals: the earliest and
#: the latest possible first day, then the earliest and the latest possible last day.
_Span = tuple[float, float, float, float]


def _window_of(date: PartialDate | None, not_before: PartialDate | None, not_after: PartialDate | None) -> _Span:
    """The span of an event on one day that lies within *date* and its bounds, each where known."""
    first = max([d.first_day.toordinal() for d in (date, not_before) if d is not None], default=_EVER)
    last = min([d.last_day.toordinal() for d in (date, not_after) if d is not None], default=_NEVER)
    return first, last, first, last


class _Dated(Records[R]):
    """
    Records with a date, that :meth:`between` and :meth:`on` filter by it.

    A record's date may be known to the day, the month or the year, or only bounded
    (a meeting's ``not_before`` and ``not_after``), or not known at all. A record is
    *certainly* in a period when every day its date may be lies in it; it *may be* in
    it when some day does. :meth:`between` returns the first, and with
    ``uncertain=True`` the second as well; an undated record may be in any period.
    :doc:`/explanation/partial-dates` explains the rule with examples.
    """

    def _span(self, record: Any) -> _Span:
        return _window_of(
            getattr(record, "date", None), getattr(record, "not_before", None), getattr(record, "not_after", None)
        )

    def between(self: _D, start: DateLike, end: DateLike, *, uncertain: bool = False) -> _D:
        """
        Return the records dated from *start* to *end*, both included, in order.

        A bound may be a month or a year: as *start* it means its first day, as *end*
        its last. A record is returned when its date certainly lies within the bounds,
        however precisely it is known: one known only to the month of March is not
        between the 15th and June, and a meeting known only to have been held between
        2 March and 30 June 2024 is in 2024. With *uncertain*, the records whose date
        may lie within the bounds are returned too, undated ones included.

        Raises:
            ValueError: If a bound cannot be read as a date, or *start* comes after *end*.
            TypeError: If a bound is neither a date nor a string.

        >>> import wto_msme
        >>> ds = wto_msme.load()
        >>> len(ds.presentations.between("2022", "2022"))
        18
        >>> len(ds.meetings.between("2024", "2024")), len(ds.meetings.between("2024", "2024", uncertain=True))
        (8, 9)
        """
        first, last = (d.toordinal() for d in _dates(start, end))
        found = []
        for r in self:
            earliest_start, latest_start, earliest_end, latest_end = self._span(r)
            certain = first <= earliest_start and latest_end <= last
            if certain or (uncertain and first <= latest_start and earliest_end <= last):
                found.append(r)
        return self._new(found)

    def on(self, when: DateLike) -> Any:
        """
        Return the records dated within the day, month or year *when* names, in order.

        The rule is :meth:`between`'s: a record dated only to the month is not on a day of it.

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


def _reserved(alpha2: str | None, eu: bool) -> str | None:
    return "EU" if eu else _RESERVED_FOR_ALPHA2.get(alpha2 or "")


def _shown(text: str) -> str:
    return repr(text) if len(text) <= 60 else repr(text[:57]) + "..."


def _key(text: object, what: str) -> str:
    """Fold a text to look up, refusing what is not a string or has no letters or digits."""
    if not isinstance(text, str):
        msg = f"text must be a str ({what}), not {type(text).__name__}"
        raise TypeError(msg)
    key = fold(text)
    if not key:
        msg = f"text {text[:60]!r} has no letters or digits: give {what}"
        raise ValueError(msg)
    return key


_M = TypeVar("_M")


def _absent(value: object) -> bool:
    """Whether *value* stands for no name at all: ``None``, NaN, or pandas' ``NA``."""
    return value is None or value != value or type(value).__name__ == "NAType"  # noqa: PLR0124 - NaN test


class _Findable(Records[R]):
    """Records found by name, one at a time or many at once, through an index of names."""

    def find(self, text: str) -> R:
        raise NotImplementedError  # pragma: no cover - every subclass defines it

    @property
    def _names(self) -> Names[Any]:
        raise NotImplementedError  # pragma: no cover - every subclass defines it

    def _resolve(self, text: str, what: str) -> tuple[Any, ...]:
        """The records *text* means (several if it is ambiguous), refusing what names nothing."""
        found = self._names.exact.get(text) if isinstance(text, str) else None
        return found if found is not None else self._names.get(text) if _key(text, what) else ()

    def _label(self, record: Any) -> str:
        return str(record.name)

    def _closest(self, message: str, text: str, what: str = "names") -> tuple[str, tuple[str, ...]]:
        """A miss's *message* followed by the labels of the records *text* may have meant, and those labels."""
        labels = tuple(self._label(r) for r in self._names.closest(self._names.key(text)))
        return message + (f"; the closest {what} are " + ", ".join(map(repr, labels)) if labels else ""), labels

    @overload
    def find_many(self, names: Iterable[str | None]) -> list[R | None]: ...

    @overload
    def find_many(self, names: Iterable[str | None], missing: _M) -> list[R | _M]: ...

    def find_many(self, names: Iterable[str | None], missing: Any = None) -> Any:
        """
        Find each of *names* as :meth:`find` does, giving *missing* for each that finds nothing.

        A name that :meth:`find` does not resolve (unknown, or one that could mean two
        records) gives *missing*, and so does ``None`` or NaN, as an empty cell of a
        table holds; the result keeps the order and the length of *names*. A pandas
        Series gives a Series on the same index (pandas is not imported otherwise).

        Raises:
            TypeError: If a name is neither a string nor missing.
            ValueError: If a name has no letters or digits.

        >>> import wto_msme
        >>> ds = wto_msme.load()
        >>> [m.id if m else m for m in ds.members.find_many(["South Korea", "Atlantis", None])]
        ['kor', None, None]
        """
        found = []
        for name in names:
            try:
                found.append(missing if _absent(name) else self.find(name))  # type: ignore[arg-type]
            except LookupError:
                found.append(missing)
        pd = sys.modules.get("pandas")
        if pd is not None and isinstance(names, pd.Series):
            return pd.Series(found, index=names.index, name=names.name, dtype=object)
        return found


class Members(_Findable[Member]):
    """
    The participating Members, the European Union counted once.

    Built with *wto_members*, every WTO Member, the collection also finds a participant
    by the names its WTO Member record gives (the CLDR's among them), and tells a WTO
    Member that is not one of its records from a name it does not know. A dataset's
    :attr:`~wto_msme.Dataset.members` are built so, with *all_participants* true; the
    collections derived from them (slices, searches, :meth:`as_of`) keep the WTO
    Members, not the claim to hold every participant.

    .. versionadded:: 0.1.0
    """

    kind = Member

    wto_members: WtoMembers | None = None
    """Every WTO Member, whose names the collection also answers to, or ``None``."""

    all_participants: bool = False
    """Whether the records are every participant, so that a WTO Member not among them does not take part."""

    def __new__(
        cls,
        records: Iterable[Member] = (),
        *,
        wto_members: Iterable[WtoMember] | None = None,
        all_participants: bool = False,
    ) -> Members:
        members = super().__new__(cls, records)
        if wto_members is not None:  # set once, on a collection made here
            members.__dict__["wto_members"] = WtoMembers(wto_members)
        members.__dict__["all_participants"] = bool(all_participants)
        return members  # type: ignore[return-value]

    def __reduce__(self) -> tuple[Any, ...]:
        return (_members, (tuple(self), self.wto_members, self.all_participants), self._state())

    def _new(self, records: Iterable[Any]) -> Members:
        return self._carry(Members(records, wto_members=self.wto_members))

    @functools.cached_property
    def _names(self) -> Names[Member | WtoMember]:
        ours = {m.id: m for m in self}
        wto = [(ours.get(w.id, w), w) for w in self.wto_members or ()]
        tiers: list[Tier[Member | WtoMember]] = [
            (False, ((m, (m.name, *m.aliases)) for m in self)),
            (False, ((r, (w.name, *w.aliases)) for r, w in wto)),
            (True, ((m, (m.id, m.iso_alpha3)) for m in self)),
            (True, ((m, (m.iso_alpha2,)) for m in self)),
            (True, ((m, (_reserved(m.iso_alpha2, m.kind is MemberKind.EUROPEAN_UNION),)) for m in self)),
            (True, ((r, (w.id, w.iso_alpha3)) for r, w in wto)),
            (True, ((r, (w.iso_alpha2,)) for r, w in wto)),
            (True, ((r, (_reserved(w.iso_alpha2, w.id == "eu"),)) for r, w in wto)),
        ]
        return Names(tiers)

    def find(self, text: str) -> Member:
        """
        Find a participant by its name, an alias, or its ISO 3166-1 alpha-2 or alpha-3 code.

        Case, accents and punctuation are ignored: ``"turkey"``, ``"Turkiye"`` and
        ``"TUR"`` all find Türkiye. ``"EU"`` finds the European Union, which has no ISO
        code, and ``"UK"`` the United Kingdom (``"GB"``). With :attr:`wto_members` (as
        a dataset's are built) the names of each participant's WTO Member record count
        too, the CLDR's English, French and Spanish names among them: ``"South Korea"``,
        ``"Corée du Sud"``, ``"Laos"``. The participants' own names and aliases win over
        those, and names over codes. The look-up is exact: it never guesses.

        Raises:
            MemberNotFoundError: If no participant has that name, alias or code, with
                the closest names as its ``candidates``; if the text names a WTO Member
                that is not a participant, saying so (an EU member state takes part
                through the European Union); or if the text could mean two Members,
                naming both. It is a :class:`LookupError`.
            ValueError: If *text* has no letters or digits.
            TypeError: If *text* is not a string.

        >>> import wto_msme
        >>> ds = wto_msme.load()
        >>> ds.members.find("Turkey").name, ds.members.find("Corée du Sud").name
        ('Türkiye', 'Korea, Republic of')
        >>> for text in ("Columbia", "Germany"):
        ...     try:
        ...         ds.members.find(text)
        ...     except LookupError as e:
        ...         print(e)
        no participating Member is called 'Columbia'; the closest names are 'Colombia'
        Germany takes part through the European Union, not as a participant of its own
        """
        found: tuple[Member | WtoMember, ...] = self._resolve(text, _WHAT_MEMBER)
        if len(found) == 1 and isinstance(found[0], Member):
            return found[0]
        raise self._missing(text, found)

    def _missing(self, text: str, found: tuple[Member | WtoMember, ...]) -> MemberNotFoundError:
        if len(found) > 1:
            names = tuple(r.name for r in found)
            return MemberNotFoundError(f"{_shown(text)} could mean {_either(names)}: give one of their names", names)
        if found:  # a WTO Member that is not among the records
            w = found[0]
            eu = next((m for m in self if m.kind is MemberKind.EUROPEAN_UNION), None)
            named = fold(text) == fold(w.name)
            if eu is not None and isinstance(w, WtoMember) and w.eu_member_state:
                who = w.name if named else f"{_shown(text)} is {w.name}, which"
                msg = f"{who} takes part through the European Union, not as a participant of its own"
                return MemberNotFoundError(msg, (eu.name,))
            who = f"{w.name} is" if named else f"{_shown(text)} is {w.name},"
            how = "that does not take part in the group" if self.all_participants else "not among these participants"
            return MemberNotFoundError(f"{who} a WTO Member {how}")
        return MemberNotFoundError(*self._closest(f"no participating Member is called {_shown(text)}", text))

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
        return MembersAsOf(known=self._new(known), uncertain=self._new(uncertain))


def _members(records: tuple[Member, ...], wto_members: WtoMembers | None, all_participants: bool) -> Members:
    """Rebuild a pickled :class:`Members`."""
    return Members(records, wto_members=wto_members, all_participants=all_participants)


def _either(names: tuple[str, ...]) -> str:
    return " or ".join(repr(n) for n in names)


_WHAT_MEMBER = "a name, an alias or an ISO 3166-1 code"


class WtoMembers(_Findable[WtoMember]):
    """
    Every Member of the WTO, taking part in the group or not.

    .. versionadded:: 0.3.0
    """

    kind = WtoMember

    @functools.cached_property
    def _names(self) -> Names[WtoMember]:
        return Names(
            [
                (False, ((w, (w.name, *w.aliases)) for w in self)),
                (True, ((w, (w.id, w.iso_alpha3)) for w in self)),
                (True, ((w, (w.iso_alpha2,)) for w in self)),
                (True, ((w, (_reserved(w.iso_alpha2, w.id == "eu"),)) for w in self)),
            ]
        )

    def find(self, text: str) -> WtoMember:
        """
        Find a WTO Member by its WTO name, an alias, or its ISO 3166-1 alpha-2 or alpha-3 code.

        The aliases hold the names of the Unicode CLDR in English, French and Spanish
        (``"South Korea"``, ``"Corée du Sud"``, ``"Corea del Sur"``, ``"Taiwan"`` for
        Chinese Taipei) and a few common abbreviations (``"UAE"``). Case, accents and
        punctuation are ignored; ``"EU"`` finds the European Union and ``"UK"`` the
        United Kingdom. Names and aliases win over codes. The look-up is exact: a text
        that could mean two Members is refused, not guessed.

        Raises:
            MemberNotFoundError: If no WTO Member has that name, alias or code (its
                ``candidates`` are the closest names, best first), or if it could mean
                two (its ``candidates`` are both). It is a :class:`LookupError`.
            ValueError: If *text* has no letters or digits.
            TypeError: If *text* is not a string.

        >>> import wto_msme
        >>> wto = wto_msme.load().wto_members
        >>> [wto.find(t).name for t in ("Ivory Coast", "Estados Unidos", "Royaume-Uni", "Burma")]
        ["Côte d'Ivoire", 'United States', 'United Kingdom', 'Myanmar']
        """
        found: tuple[WtoMember, ...] = self._resolve(text, _WHAT_MEMBER)
        if len(found) == 1:
            return found[0]
        if found:
            names = tuple(w.name for w in found)
            raise MemberNotFoundError(f"{_shown(text)} could mean {_either(names)}: give one of their names", names)
        raise MemberNotFoundError(*self._closest(f"no WTO Member is called {_shown(text)}", text))


# --- Coordinators ------------------------------------------------------------------------------

_FOREVER = 3_652_059  # datetime.date.max.toordinal(), without importing datetime


class Coordinators(_Dated[CoordinatorTerm]):
    """
    The coordinators' terms, in order.

    A term covers every day from the first day of its start to the last day of its
    end (one known to the month covers the whole month); one with no end is ongoing;
    one with no known start covers only the period of its end. On a day two terms
    cover (a handover inside a month), the later-starting term wins.

    :meth:`on` and :meth:`during` say who coordinated on a day or in a period;
    :meth:`between` returns the terms that began and ended within a period, by the
    rule of every dated collection.

    .. versionadded:: 0.3.0
    """

    kind = CoordinatorTerm

    def _span(self, record: Any) -> _Span:
        # A term runs from its start to its end: one with no known start began by its end,
        # and an ongoing one (no end) has not ended, so it lies within no period but may.
        start, end = record.start, record.end
        earliest = _EVER if start is None else start.first_day.toordinal()
        if start is not None:
            latest = start.last_day.toordinal()
        else:
            latest = _NEVER if end is None else end.last_day.toordinal()
        if end is None:
            return earliest, latest, earliest, _NEVER
        return earliest, latest, end.first_day.toordinal(), end.last_day.toordinal()

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

    .. versionadded:: 0.3.0
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

        Raises:
            TypeError: If *name* is not a string.
        """
        if not isinstance(name, str):
            msg = f"by_institution() takes an institution's name as a string, not {type(name).__name__}"
            raise TypeError(msg)
        key = _institution_key(name)
        return self._new(p for p in self if _institution_key(p.institution) == key)


class Meetings(_Dated[Meeting]):
    """
    The meetings of the group and the events it held, in date order.

    .. versionadded:: 0.3.0
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

    .. versionadded:: 0.3.0
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

    .. versionadded:: 0.3.0
    """

    kind = NewsItem


class Publications(Records[Publication]):
    """
    The "Analysis and Articles" list.

    .. versionadded:: 0.3.0
    """

    kind = Publication


class Declarations(Records[Declaration]):
    """
    The group's ministerial declarations.

    .. versionadded:: 0.3.0
    """

    kind = Declaration


def _symbol_key(text: str) -> str:
    return "".join(text.split()).casefold()


#: Where a joint symbol joins two: a hyphen before the letters and slash that begin a symbol.
_JOINT = re.compile(r"-(?=[A-Za-z]+/)")


class Documents(_Dated[Document], _Findable[Document]):
    """
    The WTO documents the sources cite.

    .. versionadded:: 0.3.0
    """

    kind = Document

    @functools.cached_property
    def _names(self) -> Names[Document]:
        symbols = [(d, d.symbol or "") for d in self]
        return Names(
            [
                (False, ((d, (s,)) for d, s in symbols)),
                (False, ((d, _JOINT.split(s)) for d, s in symbols)),
                (True, ((d, (d.id,)) for d in self)),
            ],
            key=_symbol_key,
        )

    def _label(self, record: Any) -> str:
        return str(record.symbol or record.id)

    def find(self, text: str) -> Document:
        """
        Find a document by its symbol, or by either symbol of a joint one, or by its id.

        Case and spaces are ignored (``"inf/msme/w/6/rev. 1"``), and a joint symbol
        answers to each of its parts: ``"INF/MSME/W/58"`` finds the document
        ``INF/MSME/W/58-INF/TGE/COM/11``. A document without a symbol is found by its
        id alone.

        Raises:
            RecordNotFoundError: If no document has that symbol (its ``candidates``
                are the closest symbols, those that begin with *text* first), or if
                two share it. It is a :class:`LookupError`.
            ValueError: If *text* has no letters or digits.
            TypeError: If *text* is not a string.

        >>> import wto_msme
        >>> docs = wto_msme.load().documents
        >>> docs.find("INF/MSME/W/58").symbol, docs.find("wt/min(17)/58").id
        ('INF/MSME/W/58-INF/TGE/COM/11', 'wt-min-17-58')
        >>> try:
        ...     docs.find("INF/MSME/W/46")
        ... except LookupError as e:
        ...     print(e.candidates[:2])
        ('INF/MSME/W/46/Rev.3-INF/TGE/W/7/Rev.?', 'INF/MSME/W/61')
        """
        found: tuple[Document, ...] = self._resolve(text, "a document symbol")
        if len(found) == 1:
            return found[0]
        if found:
            symbols = tuple(self._label(d) for d in found)
            raise RecordNotFoundError(f"{_shown(text)} is the symbol of {_either(symbols)}", symbols)
        raise RecordNotFoundError(*self._closest(f"no document has the symbol {_shown(text)}", text, "symbols"))


class Claims(Records[CountClaim]):
    """
    Dated claims of participant and sponsor counts.

    .. versionadded:: 0.3.0
    """

    kind = CountClaim


class Sponsors(Records[Sponsor]):
    """
    Package sponsors that were not participants when they endorsed it.

    .. versionadded:: 0.3.0
    """

    kind = Sponsor


class Sources(Records[Source]):
    """
    Every source that a record cites.

    .. versionadded:: 0.3.0
    """

    kind = Source


class Participation(Records[ParticipationStep]):
    """
    The participants' count over time, a step a date: :meth:`~wto_msme.Dataset.participation` makes it.

    .. versionadded:: 0.3.0
    """

    kind = ParticipationStep


class Notes(Records[LocatedNote]):
    """
    Notes with the records they are on: :meth:`~wto_msme.Dataset.notes` makes it.

    Filter it as any collection (a comprehension, :meth:`search`, ``to_pandas()``), or
    by kind with :meth:`of_kind`.

    .. versionadded:: 0.3.0
    """

    kind = LocatedNote

    def of_kind(self, *kinds: NoteKind | str) -> Notes:
        """
        Return the notes of any of *kinds* (a :class:`~wto_msme.enums.NoteKind` or its value), in order.

        Raises:
            ValueError: If a kind is no :class:`~wto_msme.enums.NoteKind` nor the value of one.

        >>> import wto_msme
        >>> flags = wto_msme.load().notes().of_kind("flag")
        >>> {n.kind.value for n in flags}
        {'flag'}
        """
        try:
            wanted = {NoteKind(k) for k in kinds}
        except ValueError:
            values = ", ".join(k.value for k in NoteKind)
            msg = f"kinds must be NoteKind members or their values ({values}), not {kinds!r}"
            raise ValueError(msg) from None
        return self._new(n for n in self if n.kind in wanted)
