"""
Who takes part in the group, since when, and who coordinated it: pure functions of the records given.

Finding a participant by name or code is in ``_lookup``.

Every date these functions take may be a :class:`datetime.date`, a
:class:`datetime.datetime` (its calendar day), a :class:`~wto_msme.PartialDate` or a
string :func:`~wto_msme.parse_when` reads. A month or a year stands for the whole
period: an "as of" question about a period is answered as of its last day, and a
question about who coordinated the group during a period wants one answer for all of it.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterable, Sequence

import attrs

from ._model import CoordinatorTerm, Joining, Member, MemberKind, WtoMember
from ._when import DateLike, parse_argument

__all__ = [
    "MembersAsOf",
    "coordinator_on",
    "coordinators_during",
    "members_as_of",
    "non_participants",
    "participant_count",
]


# --- Dates ----------------------------------------------------------------------------------


def _as_of_day(name: str, value: DateLike) -> datetime.date:
    """The day an "as of" date means: the last day of the period it names."""
    return parse_argument(name, value).last_day


# --- The European Union, as the WTO counts it -------------------------------------------------

#: How many member states the European Union had from each date on. The WTO counts the
#: EU as a Member of its own and each of its member states as another. The 28 of MC11
#: (December 2017) and the United Kingdom's exit on 31 January 2020 are in the sources;
#: the earlier enlargements are general knowledge and matter only before the group's time.
_EU_MEMBER_STATES: tuple[tuple[datetime.date, int], ...] = (
    (datetime.date(1995, 1, 1), 15),  # the WTO's founding; earlier dates take this row
    (datetime.date(2004, 5, 1), 25),
    (datetime.date(2007, 1, 1), 27),
    (datetime.date(2013, 7, 1), 28),
    (datetime.date(2020, 2, 1), 27),  # the United Kingdom left on 31 January 2020
)
_EU_CHANGES = tuple(day for day, _ in _EU_MEMBER_STATES)

#: Former EU member states that the participants list on their own now, by
#: :attr:`Member.id`, with their last day in the EU. Until then they are counted among
#: the EU's member states, never a second time on their own.
_LEFT_EU: dict[str, datetime.date] = {"gbr": datetime.date(2020, 1, 31)}


def _eu_member_states(day: datetime.date) -> int:
    i = bisect.bisect_right(_EU_CHANGES, day) - 1
    return _EU_MEMBER_STATES[max(i, 0)][1]


def _weight(member: Member, day: datetime.date) -> int:
    """How many WTO Members *member* stands for in the WTO's count on *day*."""
    if member.kind is MemberKind.EUROPEAN_UNION:
        return 1 + _eu_member_states(day)
    left = _LEFT_EU.get(member.id)
    if left is not None and day <= left:
        return 0
    return 1


def _in_eu(wto_member: WtoMember, day: datetime.date) -> bool:
    left = _LEFT_EU.get(wto_member.id)
    return wto_member.eu_member_state or (left is not None and day <= left)


# --- When a participant joined ----------------------------------------------------------------

_KNOWN, _UNCERTAIN, _NOT_YET = 1, 0, -1


def _window(joined: Joining) -> tuple[datetime.date | None, datetime.date | None]:
    """The earliest and the latest day it may have joined on; ``None`` where unbounded."""
    earliest: datetime.date | None = None
    latest: datetime.date | None = None
    if joined.on is not None:
        earliest, latest = joined.on.first_day, joined.on.last_day
    if joined.not_before is not None:
        first = joined.not_before.first_day
        earliest = first if earliest is None else max(earliest, first)
    if joined.not_after is not None:
        last = joined.not_after.last_day
        latest = last if latest is None else min(latest, last)
    return earliest, latest


def _standing(member: Member, day: datetime.date) -> int:
    earliest, latest = _window(member.joined)
    if latest is not None and latest <= day:
        return _KNOWN
    if earliest is not None and earliest > day:
        return _NOT_YET
    return _UNCERTAIN


@attrs.frozen
class MembersAsOf:
    """
    The participants of the group at a date, as far as the data knows them.

    :func:`members_as_of` returns it. A participant whose joining the data places only
    between bounds, or not at all, may or may not have taken part at a date between
    them: it is reported in :attr:`uncertain`, neither counted nor left out. A
    participant known to have joined after the date is in neither tuple.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> now = wto_msme.members_as_of(ds.members, "2023-03-13")
    >>> len(now.known), [m.name for m in now.uncertain]
    (70, ['United Arab Emirates'])

    .. versionadded:: 0.1.0
    """

    known: tuple[Member, ...]
    """The participants known to have joined on or before the date, in the order given."""

    uncertain: tuple[Member, ...]
    """
    The participants that may have joined by the date or after it, in the order given:
    the date falls within the bounds of their joining (or within the month or year it
    is known to), or the data has no bound on that side.
    """


def members_as_of(members: Iterable[Member], when: DateLike) -> MembersAsOf:
    """
    Tell which participants had joined the group by a date, and which may have.

    The data knows some joinings to the day (Ukraine on 11 December 2020) and others
    only between bounds (The Gambia between 22 October and December 2021; most
    participants only by 11 December 2020, inferred from the co-sponsors of the final
    draft MC12 declaration). A participant is *known* at a day when the latest day it may have
    joined on is on or before that day, and *uncertain* when it may have joined on
    either side of the day, or when the data gives no bound that settles it. It is in
    neither when the earliest day it may have joined on comes after the day.

    No departures are recorded, so the answer never shrinks as the date grows: for
    ``d1 <= d2`` the participants known at ``d1`` are known at ``d2``, and the known
    and uncertain ones together at ``d1`` are among those at ``d2`` (the uncertain ones
    alone are not monotone: they become known).

    Args:
        members: The participants, such as ``load().members``.
        when: The date: a :class:`datetime.date`, a :class:`datetime.datetime` (its
            day), a :class:`~wto_msme.PartialDate` or a string
            :func:`~wto_msme.parse_when` reads. A month or a year means as of its last
            day: ``"2021"`` is 31 December 2021.

    Returns:
        The known and the uncertain participants, each in the order given.

    Raises:
        ValueError: If *when* is a string that cannot be read as a date.
        TypeError: If *when* is neither a date nor a string.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> early_2022 = wto_msme.members_as_of(ds.members, "8 February 2022")
    >>> [m.name for m in early_2022.known if m.joined.on is not None]
    ['Hong Kong, China', 'Macao, China', 'Ukraine']
    >>> march_2023 = wto_msme.members_as_of(ds.members, "2023-03-20")
    >>> [m.name for m in march_2023.uncertain]
    ['United Arab Emirates']

    .. versionadded:: 0.1.0
    """
    day = _as_of_day("when", when)
    known: list[Member] = []
    uncertain: list[Member] = []
    for m in members:
        standing = _standing(m, day)
        if standing == _KNOWN:
            known.append(m)
        elif standing == _UNCERTAIN:
            uncertain.append(m)
    return MembersAsOf(known=tuple(known), uncertain=tuple(uncertain))


def participant_count(members: Iterable[Member], as_of: DateLike | None = None) -> int:
    """
    Count the participants as the WTO counts them: the European Union and each of its member states.

    The WTO counts the EU as a Member and each EU member state as another, so the 71
    listed participants are 98 WTO Members. The number of EU member states follows
    the date: 28 until 31 January 2020 (at MC11, for instance), 27 since. The United
    Kingdom, listed on its own since it left the EU, is counted among the EU's 28 until
    then and on its own only from 1 February 2020, never twice; Brexit left the total
    unchanged.

    Only the participants known to have joined by *as_of* are counted, the ones
    :func:`members_as_of` reports as :attr:`~MembersAsOf.known`. Where the data knows a
    joining only between bounds that straddle the date, the count is therefore a lower
    bound, and ``members_as_of(members, as_of).uncertain`` lists the participants it
    leaves out. The bundled data knows most participants only to have joined by
    11 December 2020, so its counts for earlier dates are far below the WTO's: 1 in
    2019, when the WTO counted about 89. The dated claims in ``load().claims`` give the
    WTO's own figures.

    Args:
        members: The participants, such as ``load().members``.
        as_of: The date: a :class:`datetime.date`, a :class:`datetime.datetime` (its
            day), a :class:`~wto_msme.PartialDate` or a string
            :func:`~wto_msme.parse_when` reads. A month or a year means as of its last
            day: ``"2023-03"`` is 31 March 2023. ``None`` counts every participant
            given, whatever is known of when it joined, with the EU's current 27
            member states.

    Returns:
        The number of WTO Members taking part.

    Raises:
        ValueError: If *as_of* is a string that cannot be read as a date.
        TypeError: If *as_of* is neither a date nor a string.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> wto_msme.participant_count(ds.members)
    98
    >>> wto_msme.participant_count(ds.members, "2023-03-13")
    97
    >>> wto_msme.participant_count(ds.members, "March 2023")
    98
    >>> wto_msme.participant_count(ds.members, "11 December 2020")
    91

    .. versionadded:: 0.1.0
    """
    if as_of is None:
        return sum(_weight(m, datetime.date.max) for m in members)
    day = _as_of_day("as_of", as_of)
    return sum(_weight(m, day) for m in members if _standing(m, day) == _KNOWN)


def non_participants(
    wto_members: Iterable[WtoMember], members: Iterable[Member], as_of: DateLike | None = None
) -> tuple[WtoMember, ...]:
    """
    Return the WTO Members known not to take part in the group.

    EU member states take part through the EU, and the WTO counts them as
    participants: they are non-participants only if the EU is not a participant. The
    United Kingdom was an EU member state until 31 January 2020.

    As of a date, a WTO Member that was not yet a Member of the WTO then is left out,
    and so is one whose participation is uncertain then (see :func:`members_as_of`):
    it is not known not to take part. A WTO Member counts as one from the last day of
    the period its :attr:`~wto_msme.WtoMember.member_since` names, which for the
    bundled data is the very day.

    Args:
        wto_members: Every WTO Member, such as ``load().wto_members``.
        members: The participants, such as ``load().members``; they are matched to the
            WTO Members by :attr:`~wto_msme.Member.id`.
        as_of: The date: a :class:`datetime.date`, a :class:`datetime.datetime` (its
            day), a :class:`~wto_msme.PartialDate` or a string
            :func:`~wto_msme.parse_when` reads. A month or a year means as of its last
            day. ``None`` takes every participant given and every WTO Member given.

    Returns:
        The WTO Members known not to take part, in the order of *wto_members*.

    Raises:
        ValueError: If *as_of* is a string that cannot be read as a date.
        TypeError: If *as_of* is neither a date nor a string.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> outside = wto_msme.non_participants(ds.wto_members, ds.members)
    >>> len(outside), outside[0].name
    (68, 'Angola')
    >>> len(wto_msme.non_participants(ds.wto_members, ds.members, "2023-03-13"))
    66

    .. versionadded:: 0.1.0
    """
    members = tuple(members)
    if as_of is None:
        ids = {m.id for m in members}
        eu_takes_part = any(m.kind is MemberKind.EUROPEAN_UNION for m in members)
        return tuple(w for w in wto_members if w.id not in ids and not (w.eu_member_state and eu_takes_part))
    day = _as_of_day("as_of", as_of)
    state = members_as_of(members, day)
    taking_part = {m.id for m in state.known} | {m.id for m in state.uncertain}
    eu_may_take_part = any(m.kind is MemberKind.EUROPEAN_UNION for m in (*state.known, *state.uncertain))
    return tuple(
        w
        for w in wto_members
        if w.member_since.last_day <= day and w.id not in taking_part and not (eu_may_take_part and _in_eu(w, day))
    )


# --- Coordinators -----------------------------------------------------------------------------

_FOREVER = datetime.date.max.toordinal()

#: A term's days as (first, last, position), as ordinals.
_Span = tuple[int, int, int]


def _spans(terms: Sequence[CoordinatorTerm]) -> list[_Span]:
    spans: list[_Span] = []
    for i, t in enumerate(terms):
        if t.start is not None:
            first = t.start.first_day.toordinal()
        elif t.end is not None:
            first = t.end.first_day.toordinal()  # an unknown start: only the end's period is vouched for
        else:
            continue  # neither start nor end known: the term cannot be placed
        last = _FOREVER if t.end is None else t.end.last_day.toordinal()
        if last < first:
            msg = f"terms[{i}] ({t.id!r}) ends ({t.end}) before it starts ({t.start})"
            raise ValueError(msg)
        spans.append((first, last, i))
    return spans


def _outranks(a: _Span, b: _Span) -> bool:
    """Whether term *a* wins over term *b* on a day both cover: it starts later."""
    return (a[0], a[2]) > (b[0], b[2])


def _has_gap(first: int, last: int, covered: list[tuple[int, int]]) -> bool:
    """Whether some day from *first* to *last* lies outside every interval of *covered*."""
    day = first
    for lo, hi in sorted(covered):
        if lo > day:
            return True
        day = max(day, hi + 1)
        if day > last:
            return False
    return day <= last


def coordinator_on(terms: Iterable[CoordinatorTerm], when: DateLike) -> CoordinatorTerm | None:
    """
    Return the coordinator's term covering a date, or ``None``.

    A term covers every day from the first day of its start to the last day of its
    end: one known to the month covers the whole month. A term with no end is
    ongoing and covers every later day. A term whose start is unknown (``None``)
    covers only the period of its end, the part the data vouches for: Casanueva's
    term, which ended in January 2018, covers January 2018 and nothing before it.

    Terms may overlap where a handover falls inside a month-precise end: Cancela's
    term runs to April 2023 and Wilson's from 26 April 2023. On a day two terms cover,
    the later-starting term wins (of two starting on the same day, the later in
    *terms*): from its start day the new coordinator is the one returned.

    A month or a year asks for the term covering the whole period: the term returned
    for every day of it, or ``None`` if the answer changes within the period or some
    day of it has no coordinator. :func:`coordinators_during` lists every term of a
    period.

    Args:
        terms: The coordinators' terms, such as ``load().coordinators``.
        when: The date: a :class:`datetime.date`, a :class:`datetime.datetime` (its
            day), a :class:`~wto_msme.PartialDate` or a string
            :func:`~wto_msme.parse_when` reads (``"2019-06-01"``, ``"June 2019"``).

    Returns:
        The term, or ``None`` if no single term covers *when*.

    Raises:
        ValueError: If *when* cannot be read as a date, or a term ends before it starts.
        TypeError: If *when* is neither a date nor a string.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> wto_msme.coordinator_on(ds.coordinators, "2019-06-01").name
    'José-Luis Cancela'
    >>> [wto_msme.coordinator_on(ds.coordinators, d).name for d in ("2023-04-25", "2023-04-26")]
    ['José-Luis Cancela', 'Matthew Wilson']
    >>> print(wto_msme.coordinator_on(ds.coordinators, "April 2023"))
    None

    .. versionadded:: 0.1.0
    """
    terms = tuple(terms)
    period = parse_argument("when", when)
    first, last = period.first_day.toordinal(), period.last_day.toordinal()
    spans = _spans(terms)
    covering = [s for s in spans if s[0] <= first <= s[1]]
    if not covering:
        return None
    best = max(covering, key=lambda s: (s[0], s[2]))
    if best[1] < last:
        return None
    if any(_outranks(s, best) and s[0] <= last and s[1] >= first for s in spans):
        return None
    return terms[best[2]]


def coordinators_during(
    terms: Iterable[CoordinatorTerm], start: DateLike, end: DateLike | None = None
) -> tuple[CoordinatorTerm, ...]:
    """
    Return every coordinator's term that :func:`coordinator_on` gives for some day of a period.

    The period runs from the first day of *start* to the last day of *end*; without
    *end* it is the period *start* names, so ``coordinators_during(terms, "2023-04")``
    is every coordinator of April 2023. Terms cover days as :func:`coordinator_on`
    says, overlaps included: a term is listed only if it is the coordinator on at least
    one day of the period.

    Args:
        terms: The coordinators' terms, such as ``load().coordinators``.
        start: The first day: a :class:`datetime.date`, a :class:`datetime.datetime`
            (its day), a :class:`~wto_msme.PartialDate` or a string
            :func:`~wto_msme.parse_when` reads. A month or a year starts on its first day.
        end: The last day, in any of the same forms; a month or a year ends on its
            last day. ``None`` for the period of *start*.

    Returns:
        The terms, in the order given.

    Raises:
        ValueError: If *start* or *end* cannot be read as a date, *end* comes before
            *start*, or a term ends before it starts.
        TypeError: If *start* or *end* is neither a date nor a string.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> [t.name for t in wto_msme.coordinators_during(ds.coordinators, "April 2023")]
    ['José-Luis Cancela', 'Matthew Wilson']
    >>> [t.name for t in wto_msme.coordinators_during(ds.coordinators, "2017", "2018")]
    ['Héctor Casanueva', 'José-Luis Cancela']

    .. versionadded:: 0.1.0
    """
    terms = tuple(terms)
    first = parse_argument("start", start).first_day
    last = parse_argument("end", start if end is None else end).last_day
    if last < first:
        msg = f"end ({end!r}, up to {last}) comes before start ({start!r}, from {first})"
        raise ValueError(msg)
    a, b = first.toordinal(), last.toordinal()
    spans = _spans(terms)
    found: list[CoordinatorTerm] = []
    for span in spans:
        lo, hi = max(span[0], a), min(span[1], b)
        if lo > hi:
            continue
        above = [(s[0], s[1]) for s in spans if _outranks(s, span) and s[0] <= hi and s[1] >= lo]
        if _has_gap(lo, hi, above):
            found.append(terms[span[2]])
    return tuple(found)
