"""
Reading the dates users give to the query helpers.
"""

from __future__ import annotations

import datetime

from ._dates import _ISO, PartialDate

__all__ = ["DateLike", "parse_argument", "parse_when"]


DateLike = datetime.date | str | PartialDate
"""
What the query helpers accept as a date: a :class:`datetime.date` or
:class:`datetime.datetime`, a :class:`PartialDate`, or a string that
python-dateutil reads ("2023-03", "March 2023", "13 Mar 2023").
"""

# Two defaults that differ in every field: a field that differs between the two parses
# of the same text was not given by it.
_DEFAULTS = (datetime.datetime(2000, 1, 1), datetime.datetime(2004, 2, 2))


def parse_when(value: DateLike) -> PartialDate:
    """
    Turn a user's date into a :class:`PartialDate` of the precision the user gave.

    Args:
        value: A :class:`datetime.date` or :class:`datetime.datetime` (a day), a
            :class:`PartialDate` (returned as it is), or a string. ISO forms
            (``"2022"``, ``"2022-03"``, ``"2022-03-13"``) are read directly; any other
            string is read by python-dateutil (``"March 2023"``, ``"13 Mar 2023"``),
            keeping only the parts it names: ``"March 2023"`` is the whole month.

    Returns:
        The date, a month or a year.

    Raises:
        ValueError: If the string names no year, or cannot be read as a date.
        TypeError: If *value* is of another type.

    >>> parse_when("March 2023")
    PartialDate(year=2023, month=3, day=None)
    >>> parse_when(datetime.date(2023, 3, 13))
    PartialDate(year=2023, month=3, day=13)

    .. versionadded:: 0.1.0
    """
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, datetime.date):  # datetime.datetime is a date too
        return PartialDate.from_date(value)
    if not isinstance(value, str):
        msg = f"expected a date, a datetime or a date string, got {type(value).__name__}"
        raise TypeError(msg)
    text = value.strip()
    if _ISO.fullmatch(text):
        try:
            return PartialDate.from_iso(text)
        except ValueError as e:
            msg = f"cannot read {value!r} as a date: {e}"
            raise ValueError(msg) from None
    return _parse_free(value, text)


def parse_argument(name: str, value: DateLike) -> PartialDate:
    """
    Read the argument *name* of a query helper with :func:`parse_when`.

    Its errors say which argument was wrong: ``"end: cannot read 'x' as a date"``.
    """
    try:
        return parse_when(value)
    except ValueError as e:
        msg = f"{name}: {e}"
        raise ValueError(msg) from None
    except TypeError as e:
        msg = f"{name}: {e}"
        raise TypeError(msg) from None


def _parse_free(value: str, text: str) -> PartialDate:
    from dateutil import parser  # imported only when a free-form string is given

    try:
        a, b = (parser.parse(text, default=d) for d in _DEFAULTS)
    except (ValueError, OverflowError) as e:
        msg = f"cannot read {value!r} as a date"
        raise ValueError(msg) from e
    if a.year != b.year:
        msg = f"cannot read {value!r} as a date: it names no year"
        raise ValueError(msg)
    if a.month != b.month:
        if a.day == b.day:
            msg = f"cannot read {value!r} as a date: it names a day but no month"
            raise ValueError(msg)
        return PartialDate(a.year)
    if a.day != b.day:
        return PartialDate(a.year, a.month)
    return PartialDate(a.year, a.month, a.day)
