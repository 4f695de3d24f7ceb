"""Tests for wto_msme._checks: the integrity checks of a dataset."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

from wto_msme import PartialDate
from wto_msme._checks import check
from wto_msme.strategies import partial_dates


def _problems(ds, collection):
    return [(where, what) for c, where, what in check(ds) if c == collection]


def _with_joining(ds, not_before, not_after):
    joined = attrs.evolve(ds.members[0].joined, on=None, not_before=not_before, not_after=not_after)
    m = attrs.evolve(ds.members[0], joined=joined)
    return attrs.evolve(ds, members=(m, *ds.members[1:]))


class TestDateChecks:
    """The checks report two dates as contradicting each other only when one is wholly before the other."""

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
