"""
Dates known to the year, the month or the day, and the reading of the dates users give.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
from typing import TYPE_CHECKING

import attrs

from ._text import quote

if TYPE_CHECKING:
    from collections.abc import Callable

    from dateutil.parser import parserinfo

__all__ = ["DateLike", "PartialDate", "Precision", "parse_argument", "parse_when"]


class Precision(enum.Enum):
    """
    How precisely a :class:`~wto_msme.PartialDate` is known.
    """

    YEAR = "year"
    """Only the year is known."""

    MONTH = "month"
    """The year and the month are known."""

    DAY = "day"
    """The exact day is known."""


_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    # What calendar.monthrange(year, month)[1] gives, without importing calendar.
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


def _not_int(value: object) -> bool:
    # Called only when type(value) is not int, so that an int costs one comparison. bool
    # is an int subclass but no year, month or day; other subclasses (IntEnum) are ints.
    return not isinstance(value, int) or isinstance(value, bool)


def _wrong_type(field: str, value: object) -> TypeError:
    return TypeError(f"{field} must be an int, not {type(value).__name__} ({value!r})")


def _check_month(inst: PartialDate, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is None:
        return
    if type(value) is not int and _not_int(value):
        raise _wrong_type("month", value)
    if not 1 <= value <= 12:
        msg = f"month must be 1 to 12, not {value!r}"
        raise ValueError(msg)


def _check_day(inst: PartialDate, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is None:
        return
    if type(value) is not int and _not_int(value):
        raise _wrong_type("day", value)
    if inst.month is None:
        msg = "a day needs a month"
        raise ValueError(msg)
    last = _days_in_month(inst.year, inst.month)
    if not 1 <= value <= last:
        msg = f"day must be 1 to {last} in {inst.year:04d}-{inst.month:02d}, not {value!r}"
        raise ValueError(msg)


def _check_year(inst: PartialDate, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int and _not_int(value):
        raise _wrong_type("year", value)
    if not 1 <= value <= 9999:
        msg = f"year must be 1 to 9999, not {value!r}"
        raise ValueError(msg)


@functools.total_ordering
@attrs.frozen(order=False)
class PartialDate:
    """
    A calendar date known to the year, the month or the day.

    The sources often give less than a full date: a coordinator served "through April
    2023", a news item is dated "3 July" and its year is known only from elsewhere.
    A ``PartialDate`` stores exactly what is known and never invents precision.

    It stands for a period: ``PartialDate(2023, 4)`` is every day of April 2023, from
    :attr:`first_day` to :attr:`last_day`.

    ``<``, ``<=``, ``>`` and ``>=`` are a sort order, not "before": ``a < b`` when
    ``a.first_day < b.first_day``, or when their first days are the same and
    ``a.last_day < b.last_day``. It is total and agrees with ``==``, so a period sorts
    after the shorter periods it begins with::

        >>> [str(d) for d in sorted([PartialDate(2023), PartialDate(2023, 1), PartialDate(2023, 1, 1)])]
        ['2023-01-01', '2023-01', '2023']

    and ``PartialDate(2020) < PartialDate(2020, 12)`` although December 2020 is part of
    2020. For how two periods lie in time, use :meth:`wholly_before` and
    :meth:`overlaps`: of ``a.wholly_before(b)``, ``b.wholly_before(a)`` and
    ``a.overlaps(b)``, exactly one is true; ``a.wholly_before(b)`` implies ``a < b``.

    Its string form is ISO 8601 (``"2023"``, ``"2023-04"``, ``"2023-04-26"``), which is
    also how the bundled data stores it.

    .. versionadded:: 0.1.0
    """

    year: int = attrs.field(validator=_check_year)
    """The year."""

    month: int | None = attrs.field(default=None, validator=_check_month)
    """The month (1 to 12), or ``None`` if only the year is known."""

    day: int | None = attrs.field(default=None, validator=_check_day)
    """The day of the month, or ``None`` if it is not known."""

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """
        Read ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``.

        Args:
            text: The ISO 8601 form of a year, a month or a day.

        Returns:
            The partial date it names.

        Raises:
            ValueError: If *text* is not of one of those forms, or names no real date.

        >>> PartialDate.from_iso("2023-04")
        PartialDate(year=2023, month=4, day=None)
        """
        m = _ISO.fullmatch(text) if isinstance(text, str) else None
        if m is None:
            msg = f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}"
            raise ValueError(msg)
        year, month, day = m.groups()
        return cls(
            int(year),
            None if month is None else int(month),
            None if day is None else int(day),
        )

    @classmethod
    def from_date(cls, value: datetime.date) -> PartialDate:
        """
        Make a day-precise partial date from a :class:`datetime.date`.

        A :class:`datetime.datetime` gives its calendar day; the time is dropped.
        """
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> Precision:
        """How precisely this date is known."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def first_day(self) -> datetime.date:
        """The first day of the period this date stands for."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> datetime.date:
        """The last day of the period this date stands for."""
        if self.day is not None:
            return self.first_day
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, self.month, _days_in_month(self.year, self.month))

    def contains(self, day: datetime.date) -> bool:
        """
        Tell whether *day* falls within the period this date stands for.

        >>> import datetime
        >>> PartialDate(2023, 4).contains(datetime.date(2023, 4, 26))
        True
        """
        return self.first_day <= day <= self.last_day

    def wholly_before(self, other: PartialDate) -> bool:
        """
        Tell whether every day of this period comes before every day of *other*.

        That is ``self.last_day < other.first_day``. Neither of two overlapping periods
        is wholly before the other:

        >>> december = PartialDate(2020, 12)
        >>> PartialDate(2020, 11).wholly_before(december), PartialDate(2020).wholly_before(december)
        (True, False)

        .. versionadded:: 0.1.0
        """
        if not isinstance(other, PartialDate):
            msg = f"expected a PartialDate, got {type(other).__name__}"
            raise TypeError(msg)
        return self.last_day < other.first_day

    def overlaps(self, other: PartialDate) -> bool:
        """
        Tell whether this period and *other* share at least one day.

        That is ``self.first_day <= other.last_day and other.first_day <= self.last_day``:
        neither is wholly before the other.

        >>> year = PartialDate(2020)
        >>> year.overlaps(PartialDate(2020, 12)), year.overlaps(PartialDate(2021, 1))
        (True, False)

        .. versionadded:: 0.1.0
        """
        if not isinstance(other, PartialDate):
            msg = f"expected a PartialDate, got {type(other).__name__}"
            raise TypeError(msg)
        return self.first_day <= other.last_day and other.first_day <= self.last_day

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.first_day, self.last_day) < (other.first_day, other.last_day)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


DateLike = datetime.date | str | PartialDate
"""
What the query helpers accept as a date: a :class:`datetime.date` or
:class:`datetime.datetime`, a :class:`~wto_msme.PartialDate`, or a date string: an ISO
form (``"2023"``, ``"2023-03"``, ``"2023-03-13"``) or one with an English month name
(``"March 2023"``, ``"Sept 2019"``, ``"13 Mar 2023"``, ``"May 1, 2023"``, ``"1st of May
2023"``). Anything else, numeric day-month forms such as ``"02/03/2021"`` included, is
refused rather than guessed.
"""

# Surrounding whitespace that is ignored; other characters, even other spaces, are not.
_SPACE = " \t\n\r\f\v"
# Longer than any date ("the 30th of September, 2023" has 27 characters).
_LONGEST = 40
# A character that no date written with ASCII digits and an English month name needs.
_STRAY = re.compile(r"[^A-Za-z0-9 ,./-]")
# Numbers (a day may have an ordinal ending) and words (a month may end with a full stop)
# separated by one space, comma, hyphen, slash or full stop.
_TOKEN = r"(?:[0-9]+(?i:st|nd|rd|th)?|[A-Za-z]+\.?)"
_SHAPE = re.compile(rf"{_TOKEN}(?:(?:,? |[-/.]){_TOKEN})*")
_WORD = re.compile(r"(?<![0-9A-Za-z])[A-Za-z]+")  # ordinal endings left out
_NUMBER = re.compile(r"[0-9]+")
# Two numbers joined as in "2023-03" or "12.5", which beside a month name are no day.
_JOINED = re.compile(r"[0-9][-/.][0-9]")
# Two defaults that differ in every part: a part the text gives is the same whichever is used.
_DEFAULTS = (datetime.datetime(1, 1, 1), datetime.datetime(2, 2, 2, 1, 1, 1, 1))
_TIME = ("hour", "minute", "second", "microsecond")

_FORMS = (
    "expected YYYY, YYYY-MM or YYYY-MM-DD ('2023', '2023-03', '2023-03-13'), or the month"
    " in English: 'March 2023', 'Sept 2023', '13 March 2023', 'March 13, 2023', '13th of March 2023'"
)


def parse_when(value: DateLike) -> PartialDate:
    """
    Turn a user's date into a :class:`PartialDate` of the precision the user gave.

    Accepted are:

    - a :class:`PartialDate`, returned as it is;
    - a :class:`datetime.date` or :class:`datetime.datetime`: its calendar day (the time
      is dropped);
    - a string, with any whitespace around it, that names a year, a month or a day:

      - ISO 8601 at any precision: ``"2023"``, ``"2023-03"``, ``"2023-03-13"``, read
        with ``dateutil.parser.isoparse``;
      - a date with an English month name, read with ``dateutil.parser.parse``:
        the month ``"March 2023"``, ``"Sept 2023"`` or ``"Mar. 2023"``, the day
        ``"13 March 2023"``, ``"March 13, 2023"``, ``"13th of March 2023"`` or
        ``"13-Mar-2023"``. The month is its name in full or shortened, in any case.

      The year has four ASCII digits (``0001`` to ``9999``), a day one or two; words and
      numbers are separated by a space, a comma and a space, a hyphen, a slash or a full
      stop. A month stays a month and a year a year: no day is filled in.

    Anything else is refused rather than guessed: numbers alone other than the ISO forms
    (in ``"02/03/2021"``, ``"1.5.2023"``, even ``"18/02/2021"``, the day and the month
    cannot be told apart in general), two-digit or negative years, digits other than
    ASCII ones, words other than month names (``"mid-2019"``, weekdays), times, time
    zones, and empty strings.

    Args:
        value: The date.

    Returns:
        The date, a month or a year.

    Raises:
        ValueError: If the string is not a date of one of the forms above, or names no
            real date (``"2023-02-30"``, the year ``"0000"``); the message quotes it and
            says what is wrong.
        TypeError: If *value* is of another type, such as bytes or a number.

    >>> parse_when("Sept 2019")
    PartialDate(year=2019, month=9, day=None)
    >>> parse_when("May 1, 2023")
    PartialDate(year=2023, month=5, day=1)
    >>> parse_when(datetime.date(2023, 3, 13))
    PartialDate(year=2023, month=3, day=13)

    .. versionadded:: 0.1.0
    """
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, datetime.date):  # a datetime.datetime is a date too
        return PartialDate.from_date(value)
    if not isinstance(value, str):
        msg = f"expected a date, a datetime, a PartialDate or a date string, got {type(value).__name__}"
        raise TypeError(msg)
    try:
        return _read(value.strip(_SPACE))
    except ValueError as e:
        msg = f"cannot read {quote(value, _LONGEST + 5)} as a date: {e}"
        raise ValueError(msg) from None


def parse_argument(name: str, value: DateLike) -> PartialDate:
    """
    Read the argument *name* of a query helper with :func:`parse_when`.

    Its errors say which argument was wrong: ``"end: cannot read 'x' as a date: ..."``.
    """
    try:
        return parse_when(value)
    except ValueError as e:
        msg = f"{name}: {e}"
        raise ValueError(msg) from None
    except TypeError as e:
        msg = f"{name}: {e}"
        raise TypeError(msg) from None


def _read(text: str) -> PartialDate:
    """Read a stripped string, or raise ValueError saying what is wrong with it."""
    # Importing dateutil.parser adds a fifth to a quarter to the library's import (13 to
    # 18 ms on top of about 70): the first date read pays it, not every start.
    from dateutil import parser

    if not text:
        msg = f"it is empty; {_FORMS}"
        raise ValueError(msg)
    if len(text) > _LONGEST:
        msg = f"it is longer than any date; {_FORMS}"
        raise ValueError(msg)
    iso = _ISO.fullmatch(text)
    if iso is not None:
        read = parser.isoparse(text)  # ValueError if there is no such day
        _, month, day = iso.groups()
        return PartialDate(read.year, read.month if month else None, read.day if day else None)
    named = _vet(text, parser.parserinfo())
    numbers = _NUMBER.findall(text)
    years = [n for n in numbers if len(n) == 4]
    others = [int(n) for n in numbers if len(n) != 4]
    if len(years) != 1 or any(n > 99 for n in others):
        msg = f"a date has one year, of four digits, and no other number above 99; {_FORMS}"
        raise ValueError(msg)
    year = int(years[0])
    # Beside a month name there is nothing to take the day for: only numbers alone are read both ways.
    readings = _parse(text, years[0], parser.parse, both_ways=not named)
    if len(set(readings)) > 1:
        month_first, day_first = (PartialDate(year, *r) for r in readings)
        msg = (
            "the day and the month cannot be told apart:"
            f" it is {month_first} read month first and {day_first} read day first"
        )
        raise ValueError(msg)
    month, day = readings[0]
    if sorted(others) != sorted(n for n in (day, None if named else month) if n is not None):
        msg = f"it has numbers that are neither its day nor its year; {_FORMS}"
        raise ValueError(msg)
    date = PartialDate(year, month, day)
    if not named:
        msg = (
            "a date in numbers alone is read only as YYYY, YYYY-MM or YYYY-MM-DD, since the"
            f" day and the month cannot be told apart in general; write '{date}' if that is the date"
        )
        raise ValueError(msg)
    return date


def _vet(text: str, info: parserinfo) -> bool:
    """Refuse characters, words and shapes that no date has; tell whether *text* names a month."""
    stray = _STRAY.search(text)
    if stray is not None:
        msg = f"{stray.group()!r} has no place in a date; {_FORMS}"
        raise ValueError(msg)
    if _SHAPE.fullmatch(text) is None:
        msg = f"its words and numbers are not separated as in a date; {_FORMS}"
        raise ValueError(msg)
    words = _WORD.findall(text)
    for word in words:
        if info.month(word) is None and word.lower() != "of":
            msg = f"{word!r} is not the name of a month; {_FORMS}"
            raise ValueError(msg)
    named = any(info.month(word) is not None for word in words)
    if named and _JOINED.search(text):
        msg = f"beside a month name, numbers joined by '-', '/' or '.' are no day; {_FORMS}"
        raise ValueError(msg)
    return named


def _parse(
    text: str, year: str, parse: Callable[..., datetime.datetime], *, both_ways: bool
) -> list[tuple[int | None, int | None]]:
    """
    Read *text*, whose year is *year*, month first and, if *both_ways*, day first too.

    Returns:
        The month and the day of each reading that names a date, ``None`` for a part
        that the text does not give.
    """
    # dateutil takes a year below 100 for a two-digit one even when it has four digits:
    # it reads the year of the same calendar 2000 to 2399 years later (the Gregorian
    # calendar repeats every 400 years) in its place.
    stand_in = 2000 + int(year) % 400
    shown = _NUMBER.sub(lambda m: str(stand_in) if len(m.group()) == 4 else m.group(), text)
    readings, error = [], ""
    for dayfirst in (False, True) if both_ways else (False,):
        try:
            first, second = (parse(shown, default=d, dayfirst=dayfirst) for d in _DEFAULTS)
        except ValueError as e:  # dateutil's ParserError, saying what is wrong
            error = str(e).removesuffix(f": {shown}")
            continue
        # A time (an hour the same in both readings) or a year read elsewhere is refused.
        if first.year != stand_in or any(getattr(first, p) == getattr(second, p) for p in _TIME):
            msg = f"it is more or other than a year, a month and a day; {_FORMS}"
            raise ValueError(msg)
        readings.append(
            (first.month if first.month == second.month else None, first.day if first.day == second.day else None)
        )
    if not readings:
        msg = f"{error}; {_FORMS}" if error.startswith("Unknown") else error
        raise ValueError(msg)
    return readings
