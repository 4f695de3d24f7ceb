"""
Reading the dates users give to the query helpers.

The reader is strict: it takes the forms listed in :func:`parse_when` and refuses
anything else with a :class:`ValueError` that lists them, rather than guessing. In
particular it refuses numeric forms such as ``"02/03/2021"``, whose day and month cannot
be told apart (2 March or 3 February), and two-digit years.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Union

from ._dates import _ISO, PartialDate

if TYPE_CHECKING:
    import datetime

__all__ = ["DateLike", "parse_argument", "parse_when"]


DateLike = Union["datetime.date", str, PartialDate]
"""
What the query helpers accept as a date: a :class:`datetime.date` or
:class:`datetime.datetime`, a :class:`~wto_msme.PartialDate`, or a date string: an ISO
form (``"2023"``, ``"2023-03"``, ``"2023-03-13"``) or one with an English month name
(``"March 2023"``, ``"13 Mar 2023"``, ``"March 13, 2023"``). Anything else, numeric
day-month forms such as ``"02/03/2021"`` included, is refused rather than guessed.
"""

_MONTHS = {
    name: number
    for number, full in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
    for name in (full, full[:3])
}

# ASCII letters, digits and spaces only: full-width digits and "2021\x00" match none of these.
_MONTH_YEAR = re.compile(r"(?P<month>[A-Za-z]+) +(?P<year>[0-9]{4})")
_DAY_MONTH_YEAR = re.compile(r"(?P<day>[0-9]{1,2}) +(?P<month>[A-Za-z]+) +(?P<year>[0-9]{4})")
_MONTH_DAY_YEAR = re.compile(r"(?P<month>[A-Za-z]+) +(?P<day>[0-9]{1,2}),? +(?P<year>[0-9]{4})")
# Numbers separated by slashes or dots, the day and the month in an unknown order.
_NUMERIC = re.compile(r"[0-9]+ *[/.] *[0-9]+(?: *[/.] *[0-9]+)?")
# Surrounding whitespace that is ignored; other characters, even other spaces, are not.
_SPACE = " \t\n\r\f\v"
# Longer than any accepted form ("September 30, 2023" has 18 characters).
_LONGEST = 40

_FORMS = (
    "expected YYYY, YYYY-MM or YYYY-MM-DD ('2023', '2023-03', '2023-03-13'), or the month"
    " in English: 'March 2023', 'Mar 2023', '13 March 2023', '13 Mar 2023', 'March 13, 2023'"
)


def parse_when(value: DateLike) -> PartialDate:
    """
    Turn a user's date into a :class:`PartialDate` of the precision the user gave.

    Accepted are:

    - a :class:`PartialDate`, returned as it is;
    - a :class:`datetime.date` or :class:`datetime.datetime`: its calendar day (the time
      is dropped);
    - a string in one of these forms, with any whitespace around it:

      - ISO 8601 at any precision: ``"2023"``, ``"2023-03"``, ``"2023-03-13"``;
      - an English month name, in full or its first three letters, in any case: the
        month ``"March 2023"`` or ``"Mar 2023"``, the day ``"13 March 2023"``,
        ``"13 Mar 2023"``, ``"March 13, 2023"`` or ``"Mar 13, 2023"`` (the comma may be
        left out).

      Years have four ASCII digits (``0001`` to ``9999``), days one or two. Words are
      separated by spaces.

    Anything else is refused rather than guessed: numeric day-month forms such as
    ``"02/03/2021"`` or ``"18.02.2021"`` (the day and the month cannot be told apart in
    general), two-digit or negative years, digits other than ASCII ones, times,
    time zones, words such as ``"mid-2019"``, and empty strings.

    Args:
        value: The date.

    Returns:
        The date, a month or a year.

    Raises:
        ValueError: If the string is not of one of the forms above (the message lists
            them), or names no real date (``"2023-02-30"``, the year ``"0000"``).
        TypeError: If *value* is of another type, such as bytes or a number.

    >>> parse_when("March 2023")
    PartialDate(year=2023, month=3, day=None)
    >>> parse_when("13 Mar 2023")
    PartialDate(year=2023, month=3, day=13)
    >>> import datetime
    >>> parse_when(datetime.date(2023, 3, 13))
    PartialDate(year=2023, month=3, day=13)

    .. versionadded:: 0.1.0
    """
    if isinstance(value, PartialDate):
        return value
    # A date was made with datetime, so datetime is imported if value is one; a
    # datetime.datetime is a date too.
    dt = sys.modules.get("datetime")
    if dt is not None and isinstance(value, dt.date):
        return PartialDate.from_date(value)
    if not isinstance(value, str):
        msg = f"expected a date, a datetime, a PartialDate or a date string, got {type(value).__name__}"
        raise TypeError(msg)
    text = value.strip(_SPACE)
    year, month, day = _fields(value, text)
    try:
        return PartialDate(int(year), None if month is None else _month(month), None if day is None else int(day))
    except ValueError as e:
        msg = f"cannot read {_quote(value)} as a date: {e}"
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


def _fields(value: str, text: str) -> tuple[str, str | None, str | None]:
    """Split *text* into its year, month and day, or raise ValueError listing the forms."""
    if len(text) <= _LONGEST:
        m = _ISO.fullmatch(text)
        if m is not None:
            year, month, day = m.groups()
            return year, month, day
        for form in (_MONTH_YEAR, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
            m = form.fullmatch(text)
            if m is not None and m["month"].lower() in _MONTHS:
                d = m.groupdict()
                return d["year"], d["month"], d.get("day")
    if not text:
        why = "it is empty; "
    elif len(text) <= _LONGEST and _NUMERIC.fullmatch(text):
        why = "in numbers with slashes or dots the day and the month cannot be told apart; "
    else:
        why = ""
    msg = f"cannot read {_quote(value)} as a date: {why}{_FORMS}"
    raise ValueError(msg)


def _month(text: str) -> int:
    """The number of a month given as digits or as a name already known to be one."""
    return int(text) if text.isdigit() else _MONTHS[text.lower()]


def _quote(value: str) -> str:
    """Quote *value* for a message, cut (between characters) if it is long."""
    return repr(value) if len(value) <= _LONGEST else repr(value[:_LONGEST])[:-1] + "..."
