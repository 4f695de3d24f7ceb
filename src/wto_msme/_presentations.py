"""
Queries over the presentations and the December 2020 package: pure functions of the records given.
"""

from __future__ import annotations

import datetime
import types
from collections.abc import Iterable

import attrs

from ._dates import PartialDate
from ._model import Category, Presentation, Recommendation
from ._text import words as _words
from ._when import DateLike, parse_argument
from .exceptions import RecordNotFoundError

__all__ = [
    "Meeting",
    "by_category",
    "by_institution",
    "meetings",
    "mentioning_annex",
    "presentations_between",
    "recommendation",
]

#: Words left out when institutions' names are compared: English articles.
_ARTICLES = frozenset({"a", "an", "the"})


def presentations_between(
    presentations: Iterable[Presentation], start: DateLike, end: DateLike
) -> tuple[Presentation, ...]:
    """
    Return the presentations given from *start* to *end*, both days included.

    A bound may be less precise than a day: ``"2022"`` as *start* means from the first
    day of 2022, as *end* up to its last day, so ``presentations_between(ps, "2022",
    "2022")`` is the whole year.

    A presentation counts only if its whole date lies within the bounds. A presentation
    known only to the month of March 2022 is between ``"2022-03-01"`` and
    ``"2022-03-31"``, but not between ``"2022-03-15"`` and ``"2022-06-30"``, for it may
    have been given before the 15th: nothing returned may lie outside the bounds, and
    a presentation known too vaguely to place is left out. Every bundled presentation
    is dated to the day, so this matters only for other data.

    Args:
        presentations: The presentations to filter, such as ``load().presentations``.
        start: The first day, as a :class:`datetime.date` or :class:`datetime.datetime`
            (its day; the time is ignored), a :class:`~wto_msme.PartialDate`, or a
            string :func:`~wto_msme.parse_when` reads (``"2022-02"``, ``"8 Feb 2022"``).
        end: The last day, in any of the same forms.

    Returns:
        The presentations in range, in the order given.

    Raises:
        ValueError: If a bound cannot be read as a date, or *start* comes after *end*.
        TypeError: If a bound is neither a date nor a string.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> len(wto_msme.presentations_between(ds.presentations, "2022", "2022"))
    18
    >>> [p.institution for p in wto_msme.presentations_between(ds.presentations, "Oct 2022", "2022-10-12")]
    ['Global Express Association', 'ITC']

    .. versionadded:: 0.1.0
    """
    first, last = _bounds(start, end)
    return tuple(p for p in presentations if first <= p.date.first_day and p.date.last_day <= last)


def _bounds(start: DateLike, end: DateLike) -> tuple[datetime.date, datetime.date]:
    first = parse_argument("start", start).first_day
    last = parse_argument("end", end).last_day
    if last < first:
        msg = f"start ({start!r}, from {first}) comes after end ({end!r}, up to {last})"
        raise ValueError(msg)
    return first, last


def by_category(
    presentations: Iterable[Presentation],
) -> types.MappingProxyType[Category, tuple[Presentation, ...]]:
    """
    Group presentations by their thematic category.

    Args:
        presentations: The presentations to group, such as ``load().presentations``.

    Returns:
        A read-only mapping from every :class:`~wto_msme.Category`, in the order of
        the enum (the order of the source list), to the presentations listed under it,
        in the order given. A category no presentation is listed under maps to an
        empty tuple, so every category is a key.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> groups = wto_msme.by_category(ds.presentations)
    >>> [p.institution for p in groups[wto_msme.Category.CYBER_READINESS]]
    ['Government of Canada', 'TechUK', 'Coalition to Reduce Cyber Risk (CR2)', 'Global Cyber Alliance']
    >>> list(groups)[0]
    <Category.IMPLEMENTATION: 'Implementation of the December 2020 Package'>

    .. versionadded:: 0.1.0
    """
    groups: dict[Category, list[Presentation]] = {c: [] for c in Category}
    for p in presentations:
        groups[p.category].append(p)
    return types.MappingProxyType({c: tuple(ps) for c, ps in groups.items()})


def _check_annex(annex: object) -> int:
    if not isinstance(annex, int) or isinstance(annex, bool) or not 1 <= annex <= 6:
        msg = f"annex must be an int from 1 to 6 (the annexes of the December 2020 package), not {annex!r}"
        raise ValueError(msg)
    return annex


def mentioning_annex(presentations: Iterable[Presentation], annex: int) -> tuple[Presentation, ...]:
    """
    Return the presentations that report on an annex of the December 2020 package.

    A presentation reports on an annex when its summary does, as its
    :attr:`~wto_msme.Presentation.annexes` records.

    Args:
        presentations: The presentations to filter, such as ``load().presentations``.
        annex: The annex, 1 to 6.

    Returns:
        The presentations whose :attr:`~wto_msme.Presentation.annexes` include
        *annex*, in the order given.

    Raises:
        ValueError: If *annex* is not an int from 1 to 6.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> [str(p.date) for p in wto_msme.mentioning_annex(ds.presentations, 2)]
    ['2021-09-24', '2022-02-08', '2022-04-07', '2023-03-13']

    .. versionadded:: 0.1.0
    """
    wanted = _check_annex(annex)
    return tuple(p for p in presentations if wanted in p.annexes)


def recommendation(recommendations: Iterable[Recommendation], annex: int) -> Recommendation:
    """
    Return the item of the December 2020 package that is a given annex.

    Args:
        recommendations: The package's items, such as ``load().recommendations``.
        annex: The annex, 1 to 6.

    Returns:
        The first item of *recommendations* whose :attr:`~wto_msme.Recommendation.annex`
        is *annex* (a valid dataset has one per annex).

    Raises:
        ValueError: If *annex* is not an int from 1 to 6.
        RecordNotFoundError: If no item given is that annex. Its
            :attr:`~wto_msme.RecordNotFoundError.candidates` are the identifiers of the
            items given, by annex.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> wto_msme.recommendation(ds.recommendations, 6).short_title
    'Access to finance and cross-border payments'

    .. versionadded:: 0.1.0
    """
    wanted = _check_annex(annex)
    given = tuple(recommendations)
    for r in given:
        if r.annex == wanted:
            return r
    present = sorted(given, key=lambda r: r.annex)
    annexes = ", ".join(str(r.annex) for r in present) or "none"
    msg = f"no item of the package is annex {wanted} among the {len(given)} given (annexes given: {annexes})"
    raise RecordNotFoundError(msg, tuple(r.id for r in present))


@attrs.frozen
class Meeting:
    """
    A meeting of the group, as the presentations given at it reveal it.

    :func:`meetings` makes them: one for each date that presentations are given on.

    .. versionadded:: 0.1.0
    """

    date: PartialDate
    """The date of the meeting, as precise as the presentations' date."""

    presentations: tuple[Presentation, ...]
    """The presentations given at it, in the order of the records it was made from."""


def meetings(presentations: Iterable[Presentation]) -> tuple[Meeting, ...]:
    """
    Reveal the meetings of the group from the presentations given at them.

    Presentations given on the same date make one meeting. The source dates the
    presentations of October 2022 both 12 and 13 October; that may have been one
    two-day meeting, or one of the dates may be a slip (each of those presentations
    carries a note saying so). The dates are kept as the source gives them, so that
    gives two meetings, one on each day. A presentation known only to the month or the
    year makes a meeting of its own with that date, for it cannot be placed at any
    one meeting of that period.

    Args:
        presentations: The presentations, such as ``load().presentations``.

    Returns:
        The meetings in date order (the order of :class:`~wto_msme.PartialDate`: by
        first day, then by last day), each with its presentations in the order given.
        Every presentation given is in exactly one meeting.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> found = wto_msme.meetings(ds.presentations)
    >>> len(found), str(found[0].date), str(found[-1].date)
    (12, '2021-02-18', '2023-03-13')
    >>> [p.institution for p in found[0].presentations]
    ['Global Express Association', 'UN/CEFACT', 'Government of Canada', 'OECD']

    .. versionadded:: 0.1.0
    """
    groups: dict[PartialDate, list[Presentation]] = {}
    for p in presentations:
        groups.setdefault(p.date, []).append(p)
    return tuple(Meeting(date, tuple(groups[date])) for date in sorted(groups))


def _institution_key(name: str) -> tuple[str, ...]:
    words = _words(name)
    key = tuple(w for w in words if w not in _ARTICLES)
    if key:
        return key
    # No word is ever empty, so these keys cannot meet the ones above.
    if words:  # nothing but articles: compared with them
        return ("", *words)
    return ("", "", name)  # no letters or digits at all: compared as written


def by_institution(
    presentations: Iterable[Presentation],
) -> types.MappingProxyType[str, tuple[Presentation, ...]]:
    """
    Group presentations by the institution that gave them, reconciling its spellings.

    The source spells some institutions more than one way ("Brazil Mission to WTO",
    "Brazil Mission to the WTO"). Two spellings name the same institution when they
    are the same once case, accents and punctuation are ignored and the articles "a",
    "an" and "the" are left out. Nothing more is assumed: "ICC" and "ICC-UK", or
    "Government of Canada" and "Canada Border Services Agency", stay apart. (A name
    of nothing but articles keeps them, and one without letters or digits is compared
    as written.)

    Args:
        presentations: The presentations to group, such as ``load().presentations``.

    Returns:
        A read-only mapping from each institution, spelled as in the first presentation
        of it given, to its presentations in the order given. The institutions come in
        the order they are first met.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> groups = wto_msme.by_institution(ds.presentations)
    >>> [str(p.date) for p in groups["Brazil Mission to WTO"]]
    ['2021-09-24', '2021-05-04']
    >>> "Brazil Mission to the WTO" in groups
    False
    >>> {name: len(ps) for name, ps in groups.items() if len(ps) > 2}
    {'ITC': 6, 'WTO': 7, 'UNCTAD': 3}

    .. versionadded:: 0.1.0
    """
    names: dict[tuple[str, ...], str] = {}
    groups: dict[str, list[Presentation]] = {}
    for p in presentations:
        name = names.setdefault(_institution_key(p.institution), p.institution)
        groups.setdefault(name, []).append(p)
    return types.MappingProxyType({name: tuple(ps) for name, ps in groups.items()})
