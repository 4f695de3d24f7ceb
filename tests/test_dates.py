"""Tests for wto_msme._dates: partial dates, how they lie in time, and reading the dates users give."""

from __future__ import annotations

import calendar
import datetime
import enum
import operator
import os
import pathlib
import re
import subprocess
import sys
import textwrap

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import wto_msme
from wto_msme import PartialDate
from wto_msme._dates import parse_argument, parse_when
from wto_msme._text import quote
from wto_msme.enums import Precision
from wto_msme.strategies import partial_dates

_any_dates = partial_dates(PartialDate(1, 1, 1), PartialDate(9999, 12, 31))

# Dates over the whole calendar rarely meet; dates within three years often do.
_dates = st.one_of(partial_dates(PartialDate(2019, 1, 1), PartialDate(2021, 12, 31)), _any_dates)

_MONTH_NAMES = [datetime.date(2001, m, 1).strftime("%B") for m in range(1, 13)]

#: What every message about a form that is not read ends with: the forms that are.
FORMS = (
    "expected YYYY, YYYY-MM or YYYY-MM-DD ('2023', '2023-03', '2023-03-13'), or the month"
    " in English: 'March 2023', 'Sept 2023', '13 March 2023', 'March 13, 2023', '13th of March 2023'"
)


def _days(d: PartialDate) -> set[datetime.date]:
    n = (d.last_day - d.first_day).days
    return {d.first_day + datetime.timedelta(days=i) for i in range(n + 1)}


class TestPartialDate:
    def test_precision(self):
        """The precision follows the parts that are known."""

        assert [Precision.YEAR, Precision.MONTH, Precision.DAY] == [
            PartialDate(2023).precision,
            PartialDate(2023, 4).precision,
            PartialDate(2023, 4, 26).precision,
        ]

    def test_month_covers_its_days(self):
        """A month stands for all its days, leap days included."""

        d = PartialDate(2024, 2)

        assert (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)) == (d.first_day, d.last_day)

    @given(st.integers(1, 9999), st.integers(1, 12))
    @example(1900, 2)
    @example(2000, 2)
    @example(2100, 2)
    def test_month_lengths_are_the_calendars(self, year, month):
        """Every month has the length the calendar module gives it, century leap rules included."""

        last = calendar.monthrange(year, month)[1]

        assert last == PartialDate(year, month).last_day.day
        assert last == PartialDate(year, month, last).day
        with pytest.raises(ValueError, match="day must be"):
            PartialDate(year, month, last + 1)

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ((2023, 13), "month must be 1 to 12"),
            ((2023, 2, 29), "day must be 1 to 28"),
            ((2023, None, 3), "a day needs a month"),
            ((0,), "year must be 1 to 9999"),
        ],
    )
    def test_impossible_dates_are_refused(self, args, message):
        """A date that does not exist raises ValueError saying why."""

        with pytest.raises(ValueError, match=message):
            PartialDate(*args)

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ((2021.0,), "year must be an int, not float"),
            (("2021",), "year must be an int, not str"),
            ((True,), "year must be an int, not bool"),
            ((None,), "year must be an int, not NoneType"),
            ((2021, True), "month must be an int, not bool"),
            ((2021, 3.0), "month must be an int, not float"),
            ((2021, "3"), "month must be an int, not str"),
            ((2021, 3, False), "day must be an int, not bool"),
            ((2021, 3, 1.5), "day must be an int, not float"),
            ((2021, None, True), "day must be an int, not bool"),
        ],
    )
    def test_parts_must_be_ints(self, args, message):
        """A year, month or day that is not an int (a bool is not) raises TypeError naming the field and type."""

        with pytest.raises(TypeError, match=message):
            PartialDate(*args)

    def test_int_subclasses_other_than_bool_are_ints(self):
        """An IntEnum member is an int, and makes the same date as its value."""

        class Month(enum.IntEnum):
            MARCH = 3

        assert PartialDate(2021, 3) == PartialDate(2021, Month.MARCH)

    @given(_any_dates)
    def test_iso_round_trip(self, d):
        """The ISO string form reads back as the same date."""

        assert d == PartialDate.from_iso(str(d))

    @pytest.mark.parametrize("text", ["", "23", "2023-4", "2023/04", "2023-04-26T00:00", " 2023"])
    def test_from_iso_refuses_other_forms(self, text):
        """Only YYYY, YYYY-MM and YYYY-MM-DD are read."""

        with pytest.raises(ValueError, match="expected a date as YYYY"):
            PartialDate.from_iso(text)

    @given(_any_dates, st.dates())
    def test_contains_matches_the_period(self, d, day):
        """A day is contained exactly when it lies between the first and last day."""

        assert d.contains(day) == (d.first_day <= day <= d.last_day)


class TestOrderAndRelations:
    @pytest.mark.parametrize(
        ("a", "b", "before", "overlap"),
        [
            (PartialDate(2020, 11), PartialDate(2020, 12), True, False),
            (PartialDate(2020, 11, 30), PartialDate(2020, 12, 1), True, False),
            (PartialDate(2020), PartialDate(2020, 12), False, True),
            (PartialDate(2020, 12), PartialDate(2020), False, True),
            (PartialDate(2020, 12, 31), PartialDate(2020), False, True),
            (PartialDate(2020), PartialDate(2021, 1, 1), True, False),
            (PartialDate(2021), PartialDate(2020), False, False),
            (PartialDate(2020, 4), PartialDate(2020, 4), False, True),
        ],
    )
    def test_examples(self, a, b, before, overlap):
        """wholly_before and overlaps on periods that meet, nest or are apart."""

        assert (before, overlap) == (a.wholly_before(b), a.overlaps(b))

    def test_sort_order_is_not_before(self):
        """The year 2020 sorts before December 2020, but is not wholly before it: they overlap."""

        year, december = PartialDate(2020), PartialDate(2020, 12)

        assert year < december
        assert not year.wholly_before(december)
        assert year.overlaps(december)
        assert [year, december] == sorted([december, year])

    @given(_dates, _dates)
    def test_sort_order_is_first_day_then_last_day(self, a, b):
        """The order compares (first_day, last_day), as the docstring says, and agrees with ==."""

        key_a, key_b = (a.first_day, a.last_day), (b.first_day, b.last_day)

        assert (a < b, a <= b, a > b, a >= b, a == b) == (
            key_a < key_b,
            key_a <= key_b,
            key_a > key_b,
            key_a >= key_b,
            key_a == key_b,
        )

    @given(st.lists(_dates, max_size=8))
    def test_sorted_dates_never_go_back_in_time(self, dates):
        """After sorting, no date is wholly before an earlier one in the list."""

        ordered = sorted(dates)

        pairs = [(ordered[i], later) for i in range(len(ordered)) for later in ordered[i + 1 :]]
        assert not any(later.wholly_before(earlier) for earlier, later in pairs)

    @given(_dates, _dates)
    def test_wholly_before_is_last_day_before_first_day(self, a, b):
        """a.wholly_before(b) is exactly a.last_day < b.first_day."""

        assert a.wholly_before(b) == (a.last_day < b.first_day)

    @given(partial_dates(PartialDate(2020, 1, 1), PartialDate(2020, 12, 31)), st.dates())
    def test_overlaps_is_sharing_a_day(self, a, day):
        """A date overlaps a day exactly when it contains it."""

        assert a.overlaps(PartialDate.from_date(day)) == a.contains(day)

    @given(
        partial_dates(PartialDate(2020, 1, 1), PartialDate(2020, 12, 31)),
        partial_dates(PartialDate(2020, 1, 1), PartialDate(2020, 12, 31)),
    )
    def test_overlaps_by_counting_days(self, a, b):
        """Two dates overlap exactly when their sets of days intersect."""

        assert a.overlaps(b) == bool(_days(a) & _days(b))

    @given(_dates, _dates)
    def test_wholly_before_implies_sort_order(self, a, b):
        """What is wholly before sorts first."""

        if a.wholly_before(b):
            assert a < b
            assert a != b
            assert not b <= a

    @given(_dates, _dates)
    def test_overlaps_is_symmetric(self, a, b):
        """Overlapping is symmetric: a overlaps b exactly when b overlaps a."""

        assert a.overlaps(b) == b.overlaps(a)

    @given(_dates, _dates)
    def test_exactly_one_relation_holds(self, a, b):
        """Two dates are apart one way or the other, or overlap, and only one of these."""

        assert 1 == [a.wholly_before(b), b.wholly_before(a), a.overlaps(b)].count(True)

    @given(_dates)
    def test_a_date_overlaps_itself(self, a):
        """A date is not before itself, and overlaps itself."""

        assert (False, True) == (a.wholly_before(a), a.overlaps(a))

    @pytest.mark.parametrize("other", [datetime.date(2020, 1, 1), "2020", None])
    def test_other_types_are_refused(self, other):
        """The order and the relations compare partial dates only; == tells them apart."""

        d = PartialDate(2020)

        for compare in (operator.lt, operator.le, operator.gt, operator.ge):
            with pytest.raises(TypeError):
                compare(d, other)
        with pytest.raises(TypeError, match="expected a PartialDate"):
            d.wholly_before(other)
        with pytest.raises(TypeError, match="expected a PartialDate"):
            d.overlaps(other)
        assert d != other


class TestReadingDates:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2023", PartialDate(2023)),
            ("2019", PartialDate(2019)),
            ("0001", PartialDate(1)),
            ("9999-12-31", PartialDate(9999, 12, 31)),
            ("2023-03", PartialDate(2023, 3)),
            ("2019-06", PartialDate(2019, 6)),
            ("2023-03-13", PartialDate(2023, 3, 13)),
            ("March 2023", PartialDate(2023, 3)),
            ("Mar 2023", PartialDate(2023, 3)),
            ("mar 2023", PartialDate(2023, 3)),
            ("SEPTEMBER 2023", PartialDate(2023, 9)),
            ("Sept 2019", PartialDate(2019, 9)),
            ("Sep 2019", PartialDate(2019, 9)),
            ("Mar. 2023", PartialDate(2023, 3)),
            ("2023 March", PartialDate(2023, 3)),
            ("May-2023", PartialDate(2023, 5)),
            ("May of 2023", PartialDate(2023, 5)),
            ("March 0050", PartialDate(50, 3)),
            ("13 March 2023", PartialDate(2023, 3, 13)),
            ("13 Mar 2023", PartialDate(2023, 3, 13)),
            ("3 Mar 2023", PartialDate(2023, 3, 3)),
            ("03 Mar 2023", PartialDate(2023, 3, 3)),
            ("1 May 2023", PartialDate(2023, 5, 1)),
            ("March 13, 2023", PartialDate(2023, 3, 13)),
            ("May 1, 2023", PartialDate(2023, 5, 1)),
            ("Mar 13, 2023", PartialDate(2023, 3, 13)),
            ("Mar 13 2023", PartialDate(2023, 3, 13)),
            ("13 March, 2023", PartialDate(2023, 3, 13)),
            ("1st of May 2023", PartialDate(2023, 5, 1)),
            ("13th March 2023", PartialDate(2023, 3, 13)),
            ("1ST MAY 2023", PartialDate(2023, 5, 1)),
            ("1-May-2023", PartialDate(2023, 5, 1)),
            ("29 Feb 2024", PartialDate(2024, 2, 29)),
            ("29 Feb 0004", PartialDate(4, 2, 29)),
            ("  2022 ", PartialDate(2022)),
            ("\t13 March 2023\n", PartialDate(2023, 3, 13)),
        ],
    )
    def test_forms(self, text, expected):
        """Each form gives the date at the precision it names: a month stays a month, a year a year."""

        assert expected == parse_when(text)

    def test_objects(self):
        """A PartialDate is returned as it is; a date or a datetime gives its calendar day."""

        d = PartialDate(2023, 3)

        assert parse_when(d) is d
        assert PartialDate(2023, 3, 13) == parse_when(datetime.date(2023, 3, 13))
        assert PartialDate(2023, 3, 13) == parse_when(datetime.datetime(2023, 3, 13, 23, 59))

    @given(st.dates())
    @example(datetime.date(1, 1, 1))
    @example(datetime.date(9999, 12, 31))
    @example(datetime.date(1900, 2, 28))
    @example(datetime.date(2000, 2, 29))
    def test_a_date_gives_its_day(self, day):
        """Any date, as a date, a datetime or any day form, gives that day."""

        expected = PartialDate(day.year, day.month, day.day)
        name = _MONTH_NAMES[day.month - 1]
        forms = [
            day,
            datetime.datetime(day.year, day.month, day.day, 12, 30),
            day.isoformat(),
            f"{day.day} {name} {day.year:04d}",
            f"{day.day} {name[:3]} {day.year:04d}",
            f"{name} {day.day}, {day.year:04d}",
            f"{name[:3].upper()} {day.day:02d}, {day.year:04d}",
            f"{day.day}th of {name} {day.year:04d}",
            f"{day.day:02d}-{name[:3]}-{day.year:04d}",
        ]

        assert [expected] * len(forms) == [parse_when(f) for f in forms]

    @given(st.integers(1, 9999), st.integers(1, 12))
    @example(1, 1)
    @example(99, 12)
    @example(100, 2)
    def test_a_month_name_gives_the_month(self, year, month):
        """A month and a year, the month written out or shortened, gives the whole month."""

        name = _MONTH_NAMES[month - 1]

        assert [PartialDate(year, month)] * 3 == [
            parse_when(f"{name} {year:04d}"),
            parse_when(f"{name[:3]} {year:04d}"),
            parse_when(f"{year:04d}-{month:02d}"),
        ]

    @pytest.mark.parametrize(
        "text",
        [
            "-2021",
            "99",
            "21",
            "10000",
            "\uff12\uff10\uff12\uff11",  # 2021 in full-width digits
            "\u0662\u0660\u0662\u0661",  # 2021 in Arabic-Indic digits
            "2021\x00",
            "\x002021",
            "20210301",
            "2021-03-01T00:00",
            "2021-03-01 00:00",
            "mid-2019",
            "00:00 T 2021",
            "12:00 UTC 2021",
            "March 2023 EST",
            "3pm 1 May 2023",
            "May 1 2023 10",
            "05.2023",
            "May 1 2 2023",
            "Monday 1 May 2023",
            "13 March",
            "March",
            "March 23",
            "Marc 2023",
            "March 13, 23",
            "1 May 23",
            "May 2023 2024",
            "May1210",
            "1stMay 2023",
            "2023-03 May",
            "12.5 May 2023",
            "18 / 02 / 2021",
            "the 1st of May, 2023",
            "March\u00a02023",
            "\u30002021",
            "today",
            "not a date",
            "x" * 1000,
        ],
    )
    def test_other_forms(self, text):
        """A string that is not a date of a form read raises ValueError quoting it and listing the forms."""

        with pytest.raises(ValueError, match=r"^cannot read ") as caught:
            parse_when(text)

        assert str(caught.value).endswith(FORMS)

    @pytest.mark.parametrize(
        ("text", "month_first", "day_first"),
        [
            ("02/03/2021", "2021-02-03", "2021-03-02"),
            ("2/3/2021", "2021-02-03", "2021-03-02"),
            ("1.5.2023", "2023-01-05", "2023-05-01"),
            ("2021/03/02", "2021-03-02", "2021-02-03"),
            ("2023 05 01", "2023-05-01", "2023-01-05"),
            ("2021-03-1", "2021-03-01", "2021-01-03"),
        ],
    )
    def test_ambiguous_numbers(self, text, month_first, day_first):
        """Numbers that read as another day month first than day first are refused, with both readings."""

        expected = (
            f"cannot read {text!r} as a date: the day and the month cannot be told apart:"
            f" it is {month_first} read month first and {day_first} read day first"
        )

        with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
            parse_when(text)

    @pytest.mark.parametrize(
        ("text", "iso"),
        [
            ("18/02/2021", "2021-02-18"),
            ("18.02.2021", "2021-02-18"),
            ("02/02/2021", "2021-02-02"),
            ("02/2021", "2021-02"),
            ("2021-3", "2021-03"),
            ("1 2023", "2023-01"),
        ],
    )
    def test_numbers_alone_other_than_iso(self, text, iso):
        """Numbers alone in a form other than ISO are refused even with one reading, which the message gives."""

        expected = (
            f"cannot read {text!r} as a date: a date in numbers alone is read only as YYYY, YYYY-MM or"
            " YYYY-MM-DD, since the day and the month cannot be told apart in general;"
            f" write {iso!r} if that is the date"
        )

        with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
            parse_when(text)

    @pytest.mark.parametrize("text", ["", " ", "\t\n ", "\r"])
    def test_empty(self, text):
        """An empty or blank string is refused as empty."""

        with pytest.raises(ValueError, match="it is empty") as caught:
            parse_when(text)

        assert str(caught.value).endswith(FORMS)

    @pytest.mark.parametrize(
        ("text", "what"),
        [
            ("0000", "year"),
            ("0000-01-01", "year"),
            ("Mar 0000", "year"),
            ("2023-02-30", "day"),
            ("31 Apr 2023", "day"),
            ("29 Feb 1900", "day"),
            ("0 March 2023", "day"),
            ("2023-13", "month"),
            ("2023-00", "month"),
        ],
    )
    def test_impossible_dates(self, text, what):
        """A form that names no real date says which part is wrong, and does not list the forms."""

        with pytest.raises(ValueError, match=f"^cannot read {re.escape(repr(text))} as a date: ") as caught:
            parse_when(text)

        assert what in str(caught.value)
        assert not str(caught.value).endswith(FORMS)

    @pytest.mark.parametrize(
        ("value", "name"),
        [(b"2021", "bytes"), (2021, "int"), (2021.0, "float"), (None, "NoneType"), (True, "bool"), (["2021"], "list")],
    )
    def test_other_types(self, value, name):
        """A value that is not a string, a date or a PartialDate raises TypeError naming its type."""

        with pytest.raises(
            TypeError, match=f"expected a date, a datetime, a PartialDate or a date string, got {name}$"
        ):
            parse_when(value)

    def test_long_strings_are_quoted_short(self):
        """A long string is quoted cut, so that the message stays short."""

        with pytest.raises(ValueError, match=r"^cannot read '(\\x00)+\.\.\. as a date: ") as caught:
            parse_when("\x00" * 100_000)

        assert len(str(caught.value)) < 400

    @given(
        st.one_of(
            st.text(max_size=30),
            st.lists(
                st.sampled_from(["May", "Sept", "of", "st", "1", "12", "31", "2023", "0050", " ", ",", "-", "/", "."]),
                max_size=8,
            ).map("".join),
        )
    )
    @example("00:00 T 2021")
    @example("1/2/3")
    @example("2023-03 May")
    def test_any_text_is_read_or_refused_and_what_is_read_reads_back(self, text):
        """Any string gives a PartialDate whose ISO form reads back to it, or a ValueError naming the string."""

        try:
            d = parse_when(text)
        except ValueError as e:
            message, d = str(e), None
        else:
            message = None
            assert d == parse_when(str(d))
            assert re.fullmatch(r"[\t\n\r\f\v ]*[0-9A-Za-z][0-9A-Za-z ,./-]*[\t\n\r\f\v ]*", text)
        assert message is None or message.startswith(f"cannot read {quote(text, 45)}")


class TestParseArgument:
    def test_value_error_names_the_argument(self):
        """The argument's name comes first in a ValueError, then the reader's message."""

        with pytest.raises(ValueError, match=r"^end: cannot read '02/03/2021' as a date: the day and the month"):
            parse_argument("end", "02/03/2021")

    def test_type_error_names_the_argument(self):
        """The argument's name comes first in a TypeError too."""

        with pytest.raises(
            TypeError, match=r"^start: expected a date, a datetime, a PartialDate or a date string, got bytes$"
        ):
            parse_argument("start", b"2021")

    def test_reads_as_parse_when(self):
        """A readable argument gives what parse_when gives."""

        assert PartialDate(2023, 3) == parse_argument("when", "Mar 2023")

    def test_queries_read_natural_dates(self, ds):
        """The query helpers answer for natural dates and refuse an ambiguous one."""

        term = ds.coordinators.on("2019-06")

        assert term is not None
        assert [term] * 2 == [ds.coordinators.on("Sept 2019"), ds.coordinators.on("June 1, 2019")]
        assert ds.coordinators.on("May 1, 2023") is not None
        with pytest.raises(ValueError, match=r"^when: cannot read '02/03/2021' as a date: the day and the month"):
            ds.coordinators.on("02/03/2021")


_RACE = textwrap.dedent(
    """
    import threading, wto_msme
    ds = wto_msme.load()
    texts = ["May 1, 2023", "2019-06", "Sept 2019", "2021"] * 8
    start, errors, answers = threading.Barrier(len(texts)), [], []

    def ask(text):
        start.wait()
        try:
            answers.append(ds.coordinators.on(text).start.first_day.year)
        except BaseException as e:
            errors.append(repr(e))

    threads = [threading.Thread(target=ask, args=(t,)) for t in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(len(answers), errors)
    """
)


def test_threads_racing_to_the_first_date_query_all_get_answers():
    """32 threads making the first date queries of a fresh interpreter at once all get their answer."""

    search = (str(pathlib.Path(wto_msme.__file__).resolve().parents[1]), os.environ.get("PYTHONPATH"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in search if p)}

    outputs = [
        subprocess.run([sys.executable, "-c", _RACE], env=env, capture_output=True, text=True, check=True).stdout
        for _ in range(3)
    ]

    assert ["32 []\n"] * 3 == outputs
