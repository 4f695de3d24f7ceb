"""Tests for wto_msme._when: the one strict reader of the dates users give."""

from __future__ import annotations

import datetime
import re
import warnings

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from wto_msme import PartialDate
from wto_msme._when import parse_argument, parse_when
from wto_msme.strategies import partial_dates

_any_dates = partial_dates(PartialDate(1, 1, 1), PartialDate(9999, 12, 31))

#: What every message about an unread form ends with: the forms that are read.
FORMS = (
    "expected YYYY, YYYY-MM or YYYY-MM-DD ('2023', '2023-03', '2023-03-13'), or the month"
    " in English: 'March 2023', 'Mar 2023', '13 March 2023', '13 Mar 2023', 'March 13, 2023'"
)

_MONTH_NAMES = [datetime.date(2001, m, 1).strftime("%B") for m in range(1, 13)]


class TestAccepted:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2023", PartialDate(2023)),
            ("0001", PartialDate(1)),
            ("9999-12-31", PartialDate(9999, 12, 31)),
            ("2023-03", PartialDate(2023, 3)),
            ("2023-03-13", PartialDate(2023, 3, 13)),
            ("March 2023", PartialDate(2023, 3)),
            ("Mar 2023", PartialDate(2023, 3)),
            ("mar 2023", PartialDate(2023, 3)),
            ("SEPTEMBER 2023", PartialDate(2023, 9)),
            ("May 2023", PartialDate(2023, 5)),
            ("13 March 2023", PartialDate(2023, 3, 13)),
            ("13 Mar 2023", PartialDate(2023, 3, 13)),
            ("3 Mar 2023", PartialDate(2023, 3, 3)),
            ("03 Mar 2023", PartialDate(2023, 3, 3)),
            ("March 13, 2023", PartialDate(2023, 3, 13)),
            ("Mar 13, 2023", PartialDate(2023, 3, 13)),
            ("Mar 13 2023", PartialDate(2023, 3, 13)),
            ("29 Feb 2024", PartialDate(2024, 2, 29)),
            ("  2022 ", PartialDate(2022)),
            ("\t13 March 2023\n", PartialDate(2023, 3, 13)),
        ],
    )
    def test_forms(self, text, expected):
        """Each documented form gives the date at the precision it names."""

        assert expected == parse_when(text)

    def test_objects(self):
        """A PartialDate is returned as it is; a date or a datetime gives its calendar day."""

        d = PartialDate(2023, 3)

        assert parse_when(d) is d
        assert PartialDate(2023, 3, 13) == parse_when(datetime.date(2023, 3, 13))
        assert PartialDate(2023, 3, 13) == parse_when(datetime.datetime(2023, 3, 13, 23, 59))

    @given(_any_dates)
    def test_str_parses_back(self, d):
        """Any PartialDate's string form reads back as itself."""

        assert d == parse_when(str(d))

    @given(st.dates())
    @example(datetime.date(1, 1, 1))
    @example(datetime.date(9999, 12, 31))
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
        ]

        assert [expected] * len(forms) == [parse_when(f) for f in forms]

    @given(st.integers(1, 9999), st.integers(1, 12))
    def test_a_month_name_gives_the_month(self, year, month):
        """A month and a year, the month written out or abbreviated, gives the whole month."""

        name = _MONTH_NAMES[month - 1]

        assert [PartialDate(year, month)] * 2 == [
            parse_when(f"{name} {year:04d}"),
            parse_when(f"{name[:3]} {year:04d}"),
        ]


class TestRefused:
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
            "2021-3",
            "2021-03-1",
            "20210301",
            "2021-03-01T00:00",
            "2021-03-01 00:00",
            "mid-2019",
            "00:00 T 2021",
            "12:00 UTC 2021",
            "March 2023 EST",
            "13 March",
            "March",
            "March 23",
            "Mar. 2023",
            "Marc 2023",
            "Sept 2023",
            "13th March 2023",
            "13 March, 2023",
            "March 13, 23",
            "2023 March",
            "March\u00a02023",
            "\u30002021",
            "today",
            "not a date",
            "x" * 1000,
        ],
    )
    def test_other_forms(self, text):
        """A string of no documented form raises ValueError quoting it and listing the forms."""

        with pytest.raises(ValueError, match=r"^cannot read ") as caught:
            parse_when(text)

        assert str(caught.value).endswith(FORMS)

    @pytest.mark.parametrize(
        "text", ["02/03/2021", "18/02/2021", "2/3/2021", "2021/03/02", "18.02.2021", "02/2021", "18 / 02 / 2021"]
    )
    def test_numeric_day_month_forms(self, text):
        """Slash and dot forms are all refused, even where only one reading exists: the message says why."""

        with pytest.raises(ValueError, match="the day and the month cannot be told apart") as caught:
            parse_when(text)

        assert str(caught.value).endswith(FORMS)

    @pytest.mark.parametrize("text", ["", " ", "\t\n ", "\r"])
    def test_empty(self, text):
        """An empty or blank string is refused as empty."""

        with pytest.raises(ValueError, match="it is empty") as caught:
            parse_when(text)

        assert str(caught.value).endswith(FORMS)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("0000", "year must be 1 to 9999, not 0"),
            ("0000-01-01", "year must be 1 to 9999, not 0"),
            ("Mar 0000", "year must be 1 to 9999, not 0"),
            ("2023-02-30", "day must be 1 to 28 in 2023-02, not 30"),
            ("31 Apr 2023", "day must be 1 to 30 in 2023-04, not 31"),
            ("0 March 2023", "day must be 1 to 31 in 2023-03, not 0"),
            ("2023-13", "month must be 1 to 12, not 13"),
            ("2023-00", "month must be 1 to 12, not 0"),
        ],
    )
    def test_impossible_dates(self, text, message):
        """A form that names no real date says what is wrong."""

        with pytest.raises(ValueError, match=f"^cannot read {re.escape(repr(text))} as a date: {message}$"):
            parse_when(text)

    def test_no_warning_escapes(self):
        """A string that a free-form parser would read with a time zone warning is simply refused."""

        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with pytest.raises(ValueError, match="cannot read"):
                parse_when("00:00 T 2021")

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

    @given(st.text(max_size=30))
    @example("00:00 T 2021")
    @example("1/2/3")
    def test_any_text_is_read_or_refused_with_value_error(self, text):
        """Any string gives a PartialDate whose form is documented, or a ValueError, and nothing else."""

        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                d = parse_when(text)
            except ValueError as e:
                message = str(e)
            else:
                message = None
                assert isinstance(d, PartialDate)
                assert re.fullmatch(r"[0-9A-Za-z ,\t\n\r\f\v-]+", text)
        assert message is None or message.startswith("cannot read ")


class TestParseArgument:
    def test_value_error_names_the_argument(self):
        """The argument's name comes first in a ValueError, then the reader's message."""

        with pytest.raises(ValueError, match=r"^end: cannot read '02/03/2021' as a date: ") as caught:
            parse_argument("end", "02/03/2021")

        assert str(caught.value).endswith(FORMS)

    def test_type_error_names_the_argument(self):
        """The argument's name comes first in a TypeError too."""

        with pytest.raises(
            TypeError, match=r"^start: expected a date, a datetime, a PartialDate or a date string, got bytes$"
        ):
            parse_argument("start", b"2021")

    def test_reads_as_parse_when(self):
        """A readable argument gives what parse_when gives."""

        assert PartialDate(2023, 3) == parse_argument("when", "Mar 2023")
