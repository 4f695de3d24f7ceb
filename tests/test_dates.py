"""Tests for wto_msme._dates and wto_msme._when: partial dates, and reading the dates users give."""

from __future__ import annotations

import calendar
import datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from wto_msme import PartialDate
from wto_msme._when import parse_when
from wto_msme.enums import Precision
from wto_msme.strategies import partial_dates

_any_dates = partial_dates(PartialDate(1, 1, 1), PartialDate(9999, 12, 31))


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

        import enum

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

    @given(_any_dates, _any_dates)
    def test_order_is_total_and_by_first_then_last_day(self, a, b):
        """Ordering compares first days, then last days, and agrees with equality."""

        assert (a < b) == ((a.first_day, a.last_day) < (b.first_day, b.last_day))
        assert (a == b) == (not a < b and not b < a)

    @given(_any_dates, st.dates())
    def test_contains_matches_the_period(self, d, day):
        """A day is contained exactly when it lies between the first and last day."""

        assert d.contains(day) == (d.first_day <= day <= d.last_day)

    def test_comparison_with_other_types_is_refused(self):
        """Partial dates do not order against plain dates."""

        with pytest.raises(TypeError):
            _ = PartialDate(2023) < datetime.date(2023, 1, 1)


class TestParseWhen:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2023", PartialDate(2023)),
            ("2023-03", PartialDate(2023, 3)),
            ("2023-03-13", PartialDate(2023, 3, 13)),
            ("March 2023", PartialDate(2023, 3)),
            ("13 Mar 2023", PartialDate(2023, 3, 13)),
            ("Mar 13, 2023", PartialDate(2023, 3, 13)),
            ("  2022 ", PartialDate(2022)),
        ],
    )
    def test_strings_keep_the_precision_given(self, text, expected):
        """A string names a year, a month or a day, and nothing more."""

        assert expected == parse_when(text)

    @given(st.dates())
    def test_date_datetime_and_string_agree(self, day):
        """A day given as date, datetime or string gives the same partial date."""

        as_datetime = datetime.datetime(day.year, day.month, day.day, 12, 30)

        assert parse_when(day) == parse_when(as_datetime) == parse_when(day.isoformat())

    @pytest.mark.parametrize("text", ["13 March", "not a date", "", "2023-02-30"])
    def test_unreadable_strings_raise_naming_them(self, text):
        """A string without a year, or not a date, raises ValueError quoting it."""

        with pytest.raises(ValueError, match="cannot read"):
            parse_when(text)

    def test_other_types_raise(self):
        """A number is not a date."""

        with pytest.raises(TypeError, match="expected a date"):
            parse_when(2023)  # type: ignore[arg-type]
