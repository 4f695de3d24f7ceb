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
from ._model import Initiative, Member, WtoMember
from ._when import DateLike, parse_argument

if TYPE_CHECKING:
    import datetime
from .enums import MemberKind

__all__ = ["COLLECTIONS", "Dataset"]

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

    def participant_count(self, as_of: DateLike | None = None) -> int:
        """
        Count the participants as the WTO counts them: the European Union and each of its member states.

        The EU counts as 1 plus its member states at the date (28 until 31 January
        2020, 27 since); the United Kingdom is counted among the EU's until then and on
        its own after, never twice. Only participants known to have joined by *as_of*
        count (:meth:`~wto_msme.collections.Members.as_of`), so where joinings are known only between bounds
        the count is a lower bound; ``ds.claims`` has the WTO's own figures.

        Args:
            as_of: A date (a month or a year means its last day); ``None`` counts
                every participant with the EU's 27 member states.

        >>> import wto_msme
        >>> ds = wto_msme.load()
        >>> ds.participant_count(), ds.participant_count("2020-12-11")
        (104, 91)
        """
        if as_of is None:
            return sum(_weight(m, "9999-12-31") for m in self.members)
        day = parse_argument("as_of", as_of).last_day
        return sum(_weight(m, day.isoformat()) for m in self.members if standing(m, day) == 1)

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

    def _repr_html_(self) -> str:
        return dataset_html(self)

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(getattr(self, name))}" for name in COLLECTIONS)
        return f"Dataset(version={self.version!r}, current_to='{self.current_to}', {counts})"


COLLECTIONS: tuple[str, ...] = tuple(f.name for f in attrs.fields(Dataset) if f.converter is not None)
"""The names of the fields of :class:`Dataset` that hold collections of records, in order."""
