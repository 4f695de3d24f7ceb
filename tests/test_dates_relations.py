"""Tests for how partial dates lie in time (wholly_before, overlaps), the sort order, and the checks that use them."""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wto_msme import PartialDate
from wto_msme._checks import check
from wto_msme.strategies import partial_dates

# Dates over the whole calendar rarely meet; dates within three years often do.
_dates = st.one_of(
    partial_dates(PartialDate(2019, 1, 1), PartialDate(2021, 12, 31)),
    partial_dates(PartialDate(1, 1, 1), PartialDate(9999, 12, 31)),
)


def _days(d: PartialDate) -> set[datetime.date]:
    n = (d.last_day - d.first_day).days
    return {d.first_day + datetime.timedelta(days=i) for i in range(n + 1)}


class TestRelations:
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
    def test_wholly_before_is_last_day_before_first_day(self, a, b):
        """a.wholly_before(b) is exactly a.last_day < b.first_day."""

        assert a.wholly_before(b) == (a.last_day < b.first_day)

    @given(partial_dates(PartialDate(2020, 1, 1), PartialDate(2020, 12, 31)), st.dates())
    def test_overlaps_is_sharing_a_day(self, a, day):
        """A date overlaps a day exactly when it contains it, and overlaps share a day."""

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

    @pytest.mark.parametrize("other", [datetime.date(2020, 1, 1), "2020", None])
    def test_other_types_are_refused(self, other):
        """The relations compare partial dates only."""

        with pytest.raises(TypeError, match="expected a PartialDate"):
            PartialDate(2020).wholly_before(other)
        with pytest.raises(TypeError, match="expected a PartialDate"):
            PartialDate(2020).overlaps(other)


def _problems(ds, collection):
    return [(where, what) for c, where, what in check(ds) if c == collection]


def _with_joining(ds, not_before, not_after):
    joined = attrs.evolve(ds.members[0].joined, on=None, not_before=not_before, not_after=not_after)
    m = attrs.evolve(ds.members[0], joined=joined)
    return attrs.evolve(ds, members=(m, *ds.members[1:]))


class TestChecks:
    """The checks report two dates as contradicting each other only when one is wholly before the other."""

    def test_bundled_data_passes(self, ds):
        """The bundled data has no problems."""

        assert [] == check(ds)

    @pytest.mark.parametrize(
        ("not_before", "not_after", "valid"),
        [
            (PartialDate(2020, 12), PartialDate(2020), True),  # December 2020: sorts after, yet lies within
            (PartialDate(2020), PartialDate(2020, 12), True),
            (PartialDate(2020, 12, 11), PartialDate(2020, 12), True),
            (PartialDate(2020, 12, 11), PartialDate(2020, 12, 11), True),
            (PartialDate(2021), PartialDate(2020, 12), False),
            (PartialDate(2020, 12, 12), PartialDate(2020, 12, 11), False),
        ],
    )
    def test_joining_bounds_are_valid_when_one_day_can_lie_in_both(self, ds, not_before, not_after, valid):
        """Bounds are refused, when the joining is made, only when not_after is wholly before not_before."""

        if valid:
            assert [] == _problems(_with_joining(ds, not_before, not_after), "members")
        else:
            with pytest.raises(ValueError, match=r"Joining\.not_after: .* lies wholly before not_before"):
                _with_joining(ds, not_before, not_after)

    @given(
        partial_dates(PartialDate(2019, 1, 1), PartialDate(2021, 12, 31)),
        partial_dates(PartialDate(2019, 1, 1), PartialDate(2021, 12, 31)),
    )
    def test_joining_check_is_wholly_before(self, ds, not_before, not_after):
        """A joining is refused exactly when its bounds describe no day."""

        try:
            problems = _problems(_with_joining(ds, not_before, not_after), "members")
        except ValueError:
            problems = ["refused"]

        assert bool(problems) == not_after.wholly_before(not_before)

    @pytest.mark.parametrize(
        ("start", "problem"),
        [
            # The previous term ends in April 2023.
            ("2023", None),  # a start known only to the year may fall after the end
            ("2023-04", None),
            ("2023-04-01", None),
            ("2023-04-30", None),
            ("2023-05", None),
            ("2023-03", "the term starts (2023-03) before the previous one ends (2023-04)"),
            ("2022", "the term starts (2022) before the previous one ends (2023-04)"),
        ],
    )
    def test_next_term_may_start_in_the_period_the_previous_ends(self, ds, start, problem):
        """A term is refused only when it starts wholly before the previous term ends."""

        terms = list(ds.coordinators)
        assert PartialDate(2023, 4) == terms[1].end
        terms[2] = attrs.evolve(terms[2], start=PartialDate.from_iso(start))

        problems = _problems(attrs.evolve(ds, coordinators=tuple(terms)), "coordinators")

        expected = (
            []
            if problem is None
            else [("coordinators[2].start", problem + ": terms must be in order and may not overlap")]
        )
        assert expected == problems

    @pytest.mark.parametrize(
        ("start", "end", "valid"),
        [
            ("2023-04-26", "2023-04", True),
            ("2023-04", "2023-04-01", True),
            ("2023", "2023-01", True),
            ("2023-05", "2023-04", False),
            ("2023-04-26", "2023-04-25", False),
        ],
    )
    def test_a_term_ends_no_earlier_than_the_period_it_starts(self, ds, start, end, valid):
        """A term is refused only when its end is wholly before its start."""

        terms = list(ds.coordinators)
        if not valid:
            with pytest.raises(ValueError, match=f"CoordinatorTerm.end: {end} lies wholly before start {start}"):
                attrs.evolve(terms[1], start=PartialDate.from_iso(start), end=PartialDate.from_iso(end))
            return
        terms[1] = attrs.evolve(terms[1], start=PartialDate.from_iso(start), end=PartialDate.from_iso(end))
        terms[2] = attrs.evolve(terms[2], start=PartialDate(2023, 4, 26))

        problems = [p for p in _problems(attrs.evolve(ds, coordinators=tuple(terms)), "coordinators") if "[1]" in p[0]]

        assert [] == problems

    @pytest.mark.parametrize(
        ("date", "valid"),
        [("2017", True), ("2016-12-31", False), ("2016", False), ("2017-01", True)],
    )
    def test_dates_are_refused_only_wholly_outside_the_initiatives_life(self, ds, date, valid):
        """A date is outside the initiative's life only when no day of it is inside."""

        news = (attrs.evolve(ds.news[0], date=PartialDate.from_iso(date)), *ds.news[1:])

        problems = _problems(attrs.evolve(ds, news=news), "news")

        assert valid == (problems == [])

    def test_the_year_of_current_to_is_inside(self, ds):
        """A date in the year the data is current to is inside, the year after is not."""

        year = ds.current_to.year
        inside = attrs.evolve(ds, news=(attrs.evolve(ds.news[0], date=PartialDate(year)), *ds.news[1:]))
        outside = attrs.evolve(ds, news=(attrs.evolve(ds.news[0], date=PartialDate(year + 1)), *ds.news[1:]))

        assert ([], 1) == (_problems(inside, "news"), len(_problems(outside, "news")))
