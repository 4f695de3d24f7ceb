"""
Dates known to the year, the month or the day.

The dates users give are read in ``_when``. :mod:`datetime` is imported when the first
:class:`datetime.date` is made: loading the data and finding a participant make none.
"""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    import datetime
    from collections.abc import Callable

__all__ = ["PartialDate", "Precision"]


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


def _first_date(year: int, month: int, day: int) -> datetime.date:
    global _date  # noqa: PLW0603 - replaced once, by datetime.date itself
    import datetime

    _date = datetime.date
    return _date(year, month, day)


#: Makes a :class:`datetime.date`. It imports :mod:`datetime` at its first call, then
#: is :class:`datetime.date` itself.
_date: Callable[[int, int, int], datetime.date] = _first_date


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
        return _date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> datetime.date:
        """The last day of the period this date stands for."""
        if self.day is not None:
            return self.first_day
        if self.month is None:
            return _date(self.year, 12, 31)
        return _date(self.year, self.month, _days_in_month(self.year, self.month))

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

    def _key(self) -> tuple[datetime.date, datetime.date]:
        return (self.first_day, self.last_day)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() >= other._key()

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
