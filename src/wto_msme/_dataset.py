"""
The whole dataset, and the queries that need more than one of its collections.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import itertools
from typing import TYPE_CHECKING, Any

import attrs

from ._collections import (
    Claims,
    Coordinators,
    Declarations,
    Documents,
    Meetings,
    Members,
    NewsItems,
    Notes,
    Participation,
    Presentations,
    Publications,
    Recommendations,
    Records,
    Sources,
    Sponsors,
    WtoMembers,
    _window,
)
from ._dates import DateLike, PartialDate, parse_argument
from ._describe import FieldDocs, references, shapes
from ._display import dataset_html
from ._model import CountClaim, Initiative, LocatedNote, Member, ParticipationStep, Provenance, WtoMember
from .enums import ClaimSubject, MemberKind
from .exceptions import RecordNotFoundError

if TYPE_CHECKING:
    import os
    import pathlib

__all__ = ["COLLECTIONS", "Dataset", "ParticipantCount"]

#: How many member states the European Union had from each date on. The WTO counts the
#: EU as a Member of its own and each member state as another. The 28 of MC11 and the
#: United Kingdom's exit on 31 January 2020 are in the sources; the earlier
#: enlargements are general knowledge and matter only before the group's time.
#: The dates are ISO strings, compared as such.
_EU_MEMBER_STATES: tuple[tuple[str, int], ...] = (
    ("1995-01-01", 15),
    ("2004-05-01", 25),
    ("2007-01-01", 27),
    ("2013-07-01", 28),
    ("2020-02-01", 27),
)
_EU_CHANGES = tuple(day for day, _ in _EU_MEMBER_STATES)

#: Former EU member states listed on their own now, with their last day in the EU. Until
#: then they are counted among the EU's member states, never a second time on their own.
_LEFT_EU: dict[str, str] = {"gbr": "2020-01-31"}


#: A participant's group for weighing: whether it is the European Union, and its last day in
#: the EU if it left it. Its weight on a day depends on nothing else.
_Group = tuple[bool, "str | None"]


def _weight(group: _Group, day: str) -> int:
    """How many WTO Members a participant of *group* stands for in the WTO's count on *day*, an ISO date."""
    eu, left = group
    if eu:
        return 1 + _EU_MEMBER_STATES[max(bisect.bisect_right(_EU_CHANGES, day) - 1, 0)][1]
    return 0 if left is not None and day <= left else 1


def _group(member: Member) -> _Group:
    return member.kind is MemberKind.EUROPEAN_UNION, _LEFT_EU.get(member.id)


class _Counter:
    """
    The participants' count on any day, from the member-level joinings and the sources' counts.

    Built once per dataset in O(n log n) for n participants; each day then costs
    O(log n) plus a pass over the claims, so that :meth:`Dataset.participation` is a sweep.
    """

    def __init__(self, members: Members, claims: Claims) -> None:
        # Per group, the sorted days from which each participant is known, and may be, to take part.
        known: dict[_Group, list[datetime.date]] = {}
        maybe: dict[_Group, list[datetime.date]] = {}
        self.always: dict[_Group, int] = {}  # participants that may take part on any day
        for m in members:
            g = _group(m)
            earliest, latest = _window(m)
            known.setdefault(g, [])
            maybe.setdefault(g, [])
            if latest is not None:
                known[g].append(latest)
            if earliest is None:
                self.always[g] = self.always.get(g, 0) + 1
            else:
                maybe[g].append(earliest if latest is None else min(earliest, latest))
        self.known = {g: sorted(days) for g, days in known.items()}
        self.maybe = {g: sorted(days) for g, days in maybe.items()}
        # A claim that gives only a bound ("over 90") is no count: it is left out.
        self.claims = [
            c for c in claims if c.subject is ClaimSubject.PARTICIPANTS and c.as_of is not None and not c.more_than
        ]
        # The claims that bound other days: those the member-level data does not contradict.
        # A claim does not bound its own period, not even a day: a meeting that day may have
        # welcomed a Member before or after the count was made.
        usable = sorted((c.as_of.last_day, c.count) for c in self.claims if c.consistent is not False and c.as_of)
        self.after = [d for d, _ in usable]  # a claim is a floor on the days after its period
        self.floors = list(itertools.accumulate((n for _, n in usable), max))
        usable = sorted((c.as_of.first_day, c.count) for c in self.claims if c.consistent is not False and c.as_of)
        self.before = [d for d, _ in usable]  # and a ceiling on the days before it
        self.ceilings = list(itertools.accumulate((n for _, n in reversed(usable)), min))[::-1]
        self.doubts = self._doubts()

    def members(self, day: datetime.date) -> tuple[int, int]:
        """The fewest and the most participants the member-level data allows on *day*."""
        iso = day.isoformat()
        low = sum(bisect.bisect_right(days, day) * _weight(g, iso) for g, days in self.known.items())
        high = sum(
            (bisect.bisect_right(days, day) + self.always.get(g, 0)) * _weight(g, iso) for g, days in self.maybe.items()
        )
        return low, high

    def _doubts(self) -> list[tuple[datetime.date, datetime.date | None, str]]:
        """Where a source counts fewer than the data knows had joined: from when, until when, and what."""
        found = []
        for c in self.claims:
            assert c.as_of is not None
            known = self.members(c.as_of.last_day)[0]
            if c.consistent is False and c.count < known:
                ruled_out = [
                    d.as_of.last_day
                    for d in self.claims
                    if d.consistent and d.as_of and d.as_of.first_day > c.as_of.last_day
                ]
                text = (
                    f"; the sources' count of {c.count} {_when(c.as_of)} ({c.id}) is below the {known} the data"
                    " knows had joined then, which a departure would explain"
                )
                found.append((c.as_of.first_day, min(ruled_out, default=None), text))
        return found

    def claimed(self, day: datetime.date) -> CountClaim | None:
        """The claim whose period holds *day*, the most precise first, then the last given."""
        holding = [
            (c.as_of.last_day - c.as_of.first_day, -i)
            for i, c in enumerate(self.claims)
            if c.as_of is not None and c.as_of.contains(day)
        ]
        return self.claims[-min(holding)[1]] if holding else None

    def count(self, day: datetime.date) -> ParticipantCount:
        """The count on *day*: the member-level bounds, narrowed by the claims of other periods."""
        low, high = self.members(day)
        i, j = bisect.bisect_left(self.after, day), bisect.bisect_right(self.before, day)
        narrowed = (
            max(low, self.floors[i - 1]) if i else low,
            min(high, self.ceilings[j]) if j < len(self.ceilings) else high,
        )
        if narrowed[0] <= narrowed[1]:  # else the sources contradict the data or each other: not used
            low, high = narrowed
        doubts = "".join(t for start, end, t in self.doubts if start <= day and (end is None or day < end))
        return ParticipantCount(low, high, day, self.claimed(day), _NO_DEPARTURE + doubts)


def _in_eu(wto_member: WtoMember, day: datetime.date) -> bool:
    left = _LEFT_EU.get(wto_member.id)
    return wto_member.eu_member_state or (left is not None and day.isoformat() <= left)


_NO_DEPARTURE = "no participant has left the group (none is recorded)"
"""The assumption under which the sources' counts bound the count of other days."""


@attrs.frozen(eq=False, repr=False)
class ParticipantCount:
    """
    How many WTO Members took part at a date: a number where the data knows it, else a range.

    :meth:`~wto_msme.Dataset.participant_count` returns it. Where :attr:`exact`, it is
    an ``int`` in every use: ``count == 104``, ``int(count)``, ``count + 1``,
    ``range(count)``, ``f"{count:d}"``. Where the data knows only :attr:`low` and
    :attr:`high`, those uses raise :class:`ValueError` naming the range: a bound is
    never passed off as the number. :attr:`claimed` is the count the sources give for
    the date, or the period holding it. It is frozen.

    >>> import wto_msme
    >>> count = wto_msme.load().participant_count("2019")
    >>> count.low, count.high, count.claimed.count
    (88, 90, 89)
    >>> int(count)
    Traceback (most recent call last):
    ...
    ValueError: the participants' count on 2019-12-31 is not known: between 88 and 90 (the sources ...

    .. versionadded:: 0.3.0
    """

    low: int
    """The fewest that may have taken part, as the WTO counts them."""

    high: int
    """The most that may have taken part, as the WTO counts them."""

    day: datetime.date
    """The day counted: the last day of the period asked about, or the data's end if none was."""

    claimed: CountClaim | None = None
    """The sources' count for :attr:`day` or the period holding it (the most precise), or ``None``."""

    assumption: str = _NO_DEPARTURE
    """What the bounds assume: that no participant left, and where the sources suggest one may have."""

    data_ends: PartialDate | None = None
    """The data's end (:attr:`wto_msme.Dataset.current_to`) where :attr:`day` is after it or no day was asked."""

    @property
    def exact(self) -> bool:
        """Whether the data knows the number, :attr:`low` being :attr:`high`."""
        return self.low == self.high

    def _number(self) -> int:
        if self.exact:
            return self.low
        msg = f"the participants' count on {self.day} is not known: {self}{self._claim(' (', ')')}"
        raise ValueError(msg + "; use .low, .high or .claimed")

    def _claim(self, before: str, after: str) -> str:
        c = self.claimed
        return "" if c is None else f"{before}the sources counted {c.count} {_when(c.as_of)}{after}"

    def __int__(self) -> int:
        return self._number()

    __index__ = __int__

    def __float__(self) -> float:
        return float(self._number())

    def __bool__(self) -> bool:
        return bool(self._number())

    def __format__(self, spec: str) -> str:
        return format(self._number(), spec) if spec else str(self)

    def _key(self) -> int | tuple[int, int]:
        return self.low if self.exact else (self.low, self.high)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ParticipantCount):
            return self._key() == other._key()
        if isinstance(other, int):
            return self.exact and self.low == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: int) -> bool:
        return self._number() < other

    def __le__(self, other: int) -> bool:
        return self._number() <= other

    def __gt__(self, other: int) -> bool:
        return self._number() > other

    def __ge__(self, other: int) -> bool:
        return self._number() >= other

    def __add__(self, other: int) -> int:
        return self._number() + other

    __radd__ = __add__

    def __sub__(self, other: int) -> int:
        return self._number() - other

    def __rsub__(self, other: int) -> int:
        return other - self._number()

    def __mul__(self, other: int) -> int:
        return self._number() * other

    __rmul__ = __mul__

    def __truediv__(self, other: float) -> float:
        return self._number() / other

    def __rtruediv__(self, other: float) -> float:
        return other / self._number()

    def __floordiv__(self, other: int) -> int:
        return self._number() // other

    def __mod__(self, other: int) -> int:
        return self._number() % other

    def __neg__(self) -> int:
        return -self._number()

    def __str__(self) -> str:
        return str(self.low) if self.exact else f"between {self.low} and {self.high}"

    def __repr__(self) -> str:
        caveat = self.assumption != _NO_DEPARTURE
        if self.data_ends is not None:
            on = "" if self.day == self.data_ends.last_day else f"on {self.day}, "
            end = f"as the data stands at its end, {self.data_ends}; nothing after it is known"
            return f"<{self} participants {on}{end}{self._claim('; ', '')}>"
        if self.exact and not caveat and (self.claimed is None or self.claimed.count == self.low):
            return str(self.low)
        assumed = f", assuming {self.assumption}" if caveat else ""
        return f"<{self} participants on {self.day}{assumed}{self._claim('; ', '')}>"


def _when(date: PartialDate | None) -> str:
    return "" if date is None else f"{'on' if date.day else 'in'} {date}"


@attrs.frozen(repr=False)
class Dataset:
    """
    Everything the library knows about the group, as typed collections of frozen records.

    Get the bundled one with :func:`wto_msme.load`. Each collection is built from any
    iterable of records, so ``attrs.evolve(ds, members=[...])`` works. Each belongs to the
    dataset (its :attr:`~wto_msme.collections.Records.dataset`), whose other collections
    name in its tables what its records' ids point to; a new dataset never changes how
    another displays.

    .. versionadded:: 0.1.0
    """

    version: str
    """The version of the data."""

    current_to: PartialDate
    """The date the data describes the group as of."""

    initiative: Initiative
    """The initiative."""

    members: Members = attrs.field(converter=Members)
    """The participants, the European Union counted once."""

    coordinators: Coordinators = attrs.field(converter=Coordinators)
    """The coordinators' terms, in order."""

    recommendations: Recommendations = attrs.field(converter=Recommendations)
    """The six items of the December 2020 package, by annex."""

    presentations: Presentations = attrs.field(converter=Presentations)
    """The presentations, in the order of the source list."""

    meetings: Meetings = attrs.field(converter=Meetings)
    """The meetings of the group and the events it held, in date order."""

    news: NewsItems = attrs.field(converter=NewsItems)
    """The news items, newest first."""

    publications: Publications = attrs.field(converter=Publications)
    """The "Analysis and Articles" list."""

    declarations: Declarations = attrs.field(converter=Declarations)
    """The group's ministerial declarations."""

    documents: Documents = attrs.field(converter=Documents)
    """The WTO documents the sources cite."""

    wto_members: WtoMembers = attrs.field(converter=WtoMembers)
    """Every WTO Member."""

    claims: Claims = attrs.field(converter=Claims)
    """Dated claims of participant and sponsor counts."""

    sponsors: Sponsors = attrs.field(converter=Sponsors)
    """Package sponsors that were not participants when they endorsed it."""

    sources: Sources = attrs.field(converter=Sources)
    """Every source that a record cites."""

    def __attrs_post_init__(self) -> None:
        # The participants answer to their WTO Member records' names too (set once, here).
        object.__setattr__(self, "members", Members(self.members, wto_members=self.wto_members, all_participants=True))
        for name in COLLECTIONS:  # each collection a copy of its own that belongs to this dataset, for display
            object.__setattr__(self, name, getattr(self, name)._bound(self))

    @functools.cached_property
    def _counter(self) -> _Counter:
        return _Counter(self.members, self.claims)

    def participant_count(self, as_of: DateLike | None = None) -> ParticipantCount:
        """
        Count the participants as the WTO counts them, from the member-level data and the sources' counts.

        The WTO counts the European Union as 1 plus its member states at the date (28
        until 31 January 2020, 27 since); the United Kingdom is counted among the EU's
        until then and on its own after, never twice.

        Two sources combine. The member-level joinings give the fewest participants
        known to have joined by the day and the most that may have. The sources' own
        counts (:attr:`claims`) narrow those bounds where they are tighter, under one
        assumption, which the answer states in
        :attr:`~wto_msme.collections.ParticipantCount.assumption`: no participant has
        left the group (none is recorded), so a count is a floor on every later day and
        a ceiling on every earlier one. A claim bounds only the days outside its own
        period (how the count moved within "2019" is not known), and one the member-level
        data contradicts (``consistent`` false) bounds nothing; where it counts fewer
        than the data knows had joined, as a departure would, the answer says so until a
        later claim agrees with the data. The claim about the day, or the period
        holding it, is :attr:`~wto_msme.collections.ParticipantCount.claimed`: a claim is
        never attached to a day outside its period.

        The answer is an ``int`` in every use where the bounds meet, and refuses to be
        used as one (a :class:`ValueError` naming the range) where they do not. With no
        date, or a date after :attr:`current_to`, it is the count as the data stands at
        its end, every participant counted, and says so: nothing later is known.

        Args:
            as_of: A date (a month or a year means its last day); ``None`` for the data's end.

        Raises:
            ValueError: If *as_of* cannot be read as a date.
            TypeError: If *as_of* is neither a date nor a string.

        >>> import wto_msme
        >>> ds = wto_msme.load()
        >>> ds.participant_count() == 104, ds.participant_count("2020-12-11")
        (True, 91)
        >>> ds.participant_count("2019")
        <between 88 and 90 participants on 2019-12-31; the sources counted 89 in 2019>
        >>> ds.participant_count("2030")
        <104 participants on 2030-12-31, as the data stands at its end, 2025-12-08; nothing after it is known>
        """
        end = self.current_to.last_day
        day = end if as_of is None else parse_argument("as_of", as_of).last_day
        if as_of is not None and day <= end:
            return self._counter.count(day)
        every = sum(_weight(_group(m), end.isoformat()) for m in self.members)
        return ParticipantCount(every, every, day, self._counter.claimed(day), data_ends=self.current_to)

    def participation(self) -> Participation:
        """
        Tell how many took part over time: a step from each date where the count may change.

        Each step holds from its date to the next, from MC11 (December 2017) to
        :attr:`current_to`, and gives what :meth:`participant_count` gives for its day:
        the sources' count for that day or the period holding it, if any, and the
        fewest and the most that may have taken part (the member-level data narrowed by
        the sources' counts of other periods). It is one sweep over the participants'
        dates and the claims.

        >>> import wto_msme
        >>> steps = wto_msme.load().participation()
        >>> last = steps[-1]
        >>> str(last.date), last.known, last.most, last.claimed   # Cameroon joined some day in 2025
        ('2025-01-01', 103, 104, 104)
        """
        counter, end = self._counter, self.current_to.last_day
        start = self.initiative.established.first_day
        one = datetime.timedelta(days=1)
        days = {start, *(d for days in (*counter.known.values(), *counter.maybe.values()) for d in days)}
        for c in counter.claims:
            assert c.as_of is not None
            days |= {c.as_of.first_day, c.as_of.last_day, c.as_of.last_day + one}
        days |= {datetime.date.fromisoformat(d) for d in _EU_CHANGES}
        days |= {datetime.date.fromisoformat(d) + one for d in _LEFT_EU.values()}
        steps: list[ParticipationStep] = []
        for day in sorted(d for d in days if start <= d <= end):
            count = counter.count(day)
            claim = count.claimed
            step = ParticipationStep(
                date=PartialDate.from_date(day),
                known=count.low,
                most=count.high,
                claimed=None if claim is None else claim.count,
                claim=None if claim is None else claim.id,
            )
            if not steps or attrs.evolve(steps[-1], date=step.date) != step:  # else nothing changed
                steps.append(step)
        return Participation(steps)

    def non_participants(self, as_of: DateLike | None = None) -> WtoMembers:
        """
        Return the WTO Members known not to take part, in the order of :attr:`wto_members`.

        EU member states take part through the EU. As of a date, a WTO Member that had
        not yet joined the WTO is left out, and so is one whose participation is
        uncertain then: it is not known not to take part.

        >>> import wto_msme
        >>> ds = wto_msme.load()
        >>> others = ds.non_participants()
        >>> len(others), others[0].name
        (62, 'Angola')
        """
        if as_of is None:
            ids = {m.id for m in self.members}
            eu = any(m.kind is MemberKind.EUROPEAN_UNION for m in self.members)
            return self.wto_members._new(
                w for w in self.wto_members if w.id not in ids and not (w.eu_member_state and eu)
            )
        day = parse_argument("as_of", as_of).last_day
        state = self.members.as_of(day.isoformat())
        maybe = (*state.known, *state.uncertain)
        ids = {m.id for m in maybe}
        eu = any(m.kind is MemberKind.EUROPEAN_UNION for m in maybe)
        return self.wto_members._new(
            w
            for w in self.wto_members
            if w.member_since.last_day <= day and w.id not in ids and not (eu and _in_eu(w, day))
        )

    @functools.cached_property
    def _everything(self) -> Records[Any]:
        return Records(r for name in COLLECTIONS for r in getattr(self, name))._bound(self)

    @property
    def _records(self) -> tuple[object, ...]:
        """The initiative, then every record of every collection."""
        return (self.initiative, *self._everything)

    def related(self, record: Any) -> Records[Any]:
        """
        Return every record that *record* refers to, then every record that refers to it.

        The references are the fields the model declares as holding ids of other records
        (a term's ``member``, a meeting's ``welcomed`` and ``documents``, a document's
        ``proponents``...). The records it refers to come in the order of its fields and
        their ids, those that refer to it in the order of the initiative and then of
        the collections of :class:`Dataset`; each once. A participant (:class:`~wto_msme.Member`) and the
        same WTO Member (:class:`~wto_msme.WtoMember`) are records of two collections.

        Raises:
            TypeError: If *record* is not a record of a kind the dataset holds.
            RecordNotFoundError: If the dataset holds no record of that kind with its ``id``.

        >>> import wto_msme
        >>> ds = wto_msme.load()
        >>> [type(r).__name__ for r in ds.related(ds.members.get("ury"))]
        ['WtoMember', 'CoordinatorTerm', 'Declaration']
        """
        kind: type = type(record)
        home = next((name for name in COLLECTIONS if getattr(self, name).kind is kind), None)
        if home is None and kind is not Initiative:
            msg = f"record must be a record of the dataset, such as a Member or the Initiative, not {kind.__name__}"
            raise TypeError(msg)
        found: dict[int, Any] = {}
        for name, collection in references(kind):
            value = getattr(record, name)
            for ref in (value,) if isinstance(value, str) else value:
                target = getattr(self, collection).get(ref)
                if target is not None:
                    found.setdefault(id(target), target)
        if home is not None:
            key = record.id
            if getattr(self, home).get(key) is None:
                msg = f"the dataset holds no {kind.__name__} with id {key!r}"
                raise RecordNotFoundError(msg)
            for r in self._records:
                for name, collection in references(type(r)):  # type: ignore[arg-type]
                    value = getattr(r, name)
                    if collection == home and (value == key or (isinstance(value, tuple) and key in value)):
                        found.setdefault(id(r), r)
        return Records(found.values())._bound(self)

    def notes(self) -> Notes:
        """
        Return every note of the dataset, each with the record it is on, the initiative's first.

        A note says where the data differs from its source, or rests on an inference, a
        flag or a repair. The notes come in the order of the initiative, then of
        the collections of :class:`Dataset` and their records, then of each record's notes.

        >>> import wto_msme
        >>> notes = wto_msme.load().notes()
        >>> notes[0].record_kind, notes[0].kind.value
        ('Initiative', 'cleanup')
        """
        return Notes(
            LocatedNote(type(r).__name__, getattr(r, "id", None), **attrs.asdict(note, recurse=False))
            for r in self._records
            for name, s in shapes(type(r)).items()  # type: ignore[arg-type]
            if s.type is Provenance
            for note in getattr(r, name).notes
        )._bound(self)

    def search(self, text: str, *, limit: int | None = None) -> Records[Any]:
        """
        Search every collection, as :meth:`~wto_msme.collections.Records.search` searches one, best first.

        >>> import wto_msme
        >>> hits = wto_msme.load().search("Global Trade Helpdesk")
        >>> type(hits[0]).__name__, hits[0].title
        ('Presentation', 'Global Trade Helpdesk update')
        """
        return self._everything.search(text, limit=limit)

    def to_sqlite(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> pathlib.Path:
        """
        Write the dataset as a SQLite database, for SQL, Datasette, R or ``pandas.read_sql``.

        A table per collection, named after it, with the columns of
        :meth:`~wto_msme.collections.Records.to_csv` and ``id`` as primary key; foreign keys
        where a field holds another record's id, and a link table ``<table>_<field>`` where it
        holds several; the provenance's notes in ``notes``; the version in ``dataset``; and
        ``search``, a full-text (FTS5) table over the fields :meth:`search` reads. The
        database is checked and written whole, beside *path*, then renamed over it.

        Args:
            path: The file to write.
            overwrite: Whether to replace an existing file.

        Returns:
            The file, as a ``pathlib.Path``.

        Raises:
            ValueError: If a record refers to one the dataset does not hold; nothing is written.
            FileExistsError: If *path* exists and *overwrite* is false.
            OSError: If *path* is a directory or a symbolic link, or writing fails; *path* is
                then as it was.

        >>> import sqlite3, tempfile, pathlib, wto_msme
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     db = sqlite3.connect(wto_msme.load().to_sqlite(pathlib.Path(tmp, "msme.db")))
        ...     db.execute("SELECT count(*) FROM presentations").fetchone()
        ...     db.close()
        (48,)

        .. versionadded:: 0.3.0
        """
        from ._sqlite import write

        return write(self, path, overwrite=overwrite)

    def _repr_html_(self) -> str:
        return dataset_html(self)

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(getattr(self, name))}" for name in COLLECTIONS)
        return f"Dataset(version={self.version!r}, current_to='{self.current_to}', {counts})"


# help(Dataset) lists each collection with its meaning: attrs' slots keep no field docstrings.
Dataset.__doc__ = FieldDocs(Dataset.__doc__ or "")  # type: ignore[assignment]

COLLECTIONS: tuple[str, ...] = tuple(f.name for f in attrs.fields(Dataset) if f.converter is not None)
"""The names of the fields of :class:`Dataset` that hold collections of records, in order."""
