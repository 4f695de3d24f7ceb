"""
The whole dataset, and the queries that need more than one of its collections.
"""

from __future__ import annotations

import bisect
import functools
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
    Participation,
    Presentations,
    Publications,
    Recommendations,
    Records,
    Sources,
    Sponsors,
    WtoMembers,
    standing,
)
from ._dates import PartialDate
from ._display import dataset_html, register_sources
from ._model import CountClaim, Initiative, Member, ParticipationStep, WtoMember
from ._when import DateLike, parse_argument
from .enums import ClaimSubject, MemberKind

if TYPE_CHECKING:
    import datetime
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


def _weight(member: Member, day: str) -> int:
    """How many WTO Members *member* stands for in the WTO's count on *day*, an ISO date."""
    if member.kind is MemberKind.EUROPEAN_UNION:
        return 1 + _EU_MEMBER_STATES[max(bisect.bisect_right(_EU_CHANGES, day) - 1, 0)][1]
    left = _LEFT_EU.get(member.id)
    return 0 if left is not None and day <= left else 1


def _in_eu(wto_member: WtoMember, day: datetime.date) -> bool:
    left = _LEFT_EU.get(wto_member.id)
    return wto_member.eu_member_state or (left is not None and day.isoformat() <= left)


class ParticipantCount(int):
    """
    How many WTO Members took part at a date: an ``int``, the number known, with its bounds.

    :meth:`~wto_msme.Dataset.participant_count` returns it. As an ``int`` it is the number of
    participants known to have joined by the date; :attr:`most` is how many may have
    (known plus uncertain), and :attr:`claim` the WTO's own count nearest the date. It
    shows as a plain number where the two agree, and as a range with the claim where
    they do not.

    .. versionadded:: 0.2.0
    """

    most: int
    """The most that may have taken part: those known plus those uncertain at the date."""

    day: str
    """The day counted, as ``YYYY-MM-DD``."""

    claim: CountClaim | None
    """The dated claim of the participants' count nearest the date, or ``None``."""

    def __new__(cls, known: int, most: int, day: str, claim: CountClaim | None) -> ParticipantCount:
        count = super().__new__(cls, known)
        count.most, count.day, count.claim = most, day, claim
        return count

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (int(self), self.most, self.day, self.claim))

    @property
    def exact(self) -> bool:
        """Whether the data knows the number, no participant's joining being uncertain then."""
        return int(self) == self.most

    def __repr__(self) -> str:
        if self.exact:
            return str(int(self))
        claim = "" if self.claim is None else f"; the WTO counted {self.claim.count} {_when(self.claim.as_of)}"
        return f"<between {int(self)} and {self.most} participants on {self.day}{claim}>"

    __str__ = __repr__


def _when(date: PartialDate | None) -> str:
    return "" if date is None else f"{'on' if date.day else 'in'} {date}"


@attrs.frozen(repr=False)
class Dataset:
    """
    Everything the library knows about the group, as typed collections of frozen records.

    Get the bundled one with :func:`wto_msme.load`. Each collection is built from any
    iterable of records, so ``attrs.evolve(ds, members=[...])`` works.

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
        register_sources(self.sources)  # so that displays name a record's source by its title

    def participant_count(self, as_of: DateLike | None = None) -> ParticipantCount:
        """
        Count the participants as the WTO counts them: the European Union and each of its member states.

        The EU counts as 1 plus its member states at the date (28 until 31 January
        2020, 27 since); the United Kingdom is counted among the EU's until then and on
        its own after, never twice. The answer is a
        :class:`~wto_msme.collections.ParticipantCount`: an
        ``int``, the participants known to have joined by then, that also carries the
        most that may have (known plus uncertain) and the WTO's own count nearest the
        date. It is exact only where the data knows every joining by then; before
        December 2020 the data knows few joinings to the day, so early counts are ranges.

        Args:
            as_of: A date (a month or a year means its last day); ``None`` counts
                every participant, as of :attr:`current_to`.

        >>> import wto_msme
        >>> ds = wto_msme.load()
        >>> ds.participant_count(), ds.participant_count("2020-12-11")
        (104, 91)
        >>> ds.participant_count("2019")
        <between 1 and 90 participants on 2019-12-31; the WTO counted 89 in 2019>
        """
        day = self.current_to.last_day if as_of is None else parse_argument("as_of", as_of).last_day
        if as_of is None:  # every participant, whatever is known of when it joined
            known = most = sum(_weight(m, "9999-12-31") for m in self.members)
        else:
            iso = day.isoformat()
            states = [(standing(m, day), _weight(m, iso)) for m in self.members]
            known = sum(w for s, w in states if s == 1)
            most = sum(w for s, w in states if s >= 0)
        return ParticipantCount(known, most, day.isoformat(), self._nearest_claim(day))

    def _nearest_claim(self, day: datetime.date) -> CountClaim | None:
        # The claim whose date contains the day, else the one whose date is the fewest days
        # away; of those, the most precise (the shortest period), then the last given.
        ordinal = day.toordinal()
        distances = [
            (
                0
                if c.as_of.contains(day)
                else min(abs(d.toordinal() - ordinal) for d in (c.as_of.first_day, c.as_of.last_day)),
                (c.as_of.last_day - c.as_of.first_day).days,
                -i,
                c,
            )
            for i, c in enumerate(self.claims)
            if c.subject is ClaimSubject.PARTICIPANTS and c.as_of is not None
        ]
        return min(distances, key=lambda t: t[:3])[3] if distances else None

    def participation(self) -> Participation:
        """
        Tell how many took part over time: a step for each date where the count may change.

        Each step gives the participants known to have joined by that day, the most that
        may have (known plus uncertain), and the count the sources claim on that date,
        if any, all as the WTO counts them (see :meth:`participant_count`). The dates
        are the bounds of every joining and the dated claims (a claim for a month or a
        year at its last day, or at :attr:`current_to` if that comes first), from MC11
        (December 2017) to :attr:`current_to`.

        >>> import wto_msme
        >>> steps = wto_msme.load().participation()
        >>> last = steps[-1]
        >>> str(last.date), last.known, last.most     # Cameroon joined some day in 2025
        ('2025-12-08', 103, 104)
        """
        end = self.current_to.last_day
        days: set[datetime.date] = {end}
        for m in self.members:
            j = m.joined
            for d in (j.on, j.not_before, j.not_after):
                if d is not None:
                    days |= {d.first_day, d.last_day}
        # A claim counts at the last day of its period, or at current_to if that is earlier.
        claims = [c for c in self.claims if c.subject is ClaimSubject.PARTICIPANTS and c.as_of is not None]
        claimed_on = {c.id: min(c.as_of.last_day, end) for c in claims if c.as_of is not None}
        days |= set(claimed_on.values())
        start = self.initiative.established.first_day
        days = {d for d in days if start <= d <= end} | {start}
        steps = []
        for day in sorted(days):
            count = self.participant_count(day.isoformat())
            claimed = next((c for c in reversed(claims) if claimed_on[c.id] == day), None)
            steps.append(
                ParticipationStep(
                    date=PartialDate.from_date(day),
                    known=int(count),
                    most=count.most,
                    claimed=None if claimed is None else claimed.count,
                    claim=None if claimed is None else claimed.id,
                )
            )
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
        return Records(r for name in COLLECTIONS for r in getattr(self, name))

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

        .. versionadded:: 0.2.0
        """
        from ._sqlite import write

        return write(self, path, overwrite=overwrite)

    def _repr_html_(self) -> str:
        return dataset_html(self)

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(getattr(self, name))}" for name in COLLECTIONS)
        return f"Dataset(version={self.version!r}, current_to='{self.current_to}', {counts})"


COLLECTIONS: tuple[str, ...] = tuple(f.name for f in attrs.fields(Dataset) if f.converter is not None)
"""The names of the fields of :class:`Dataset` that hold collections of records, in order."""
