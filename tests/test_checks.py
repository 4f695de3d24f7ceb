"""Tests for wto_msme._checks: the integrity checks of a dataset."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

from wto_msme import PartialDate
from wto_msme._checks import MAX_COUNTED, check
from wto_msme._io import MAX_PROBLEMS
from wto_msme.strategies import partial_dates

from .conftest import edit, refused


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


# --- Capped problems ------------------------------------------------------------------------------


class TestCappedProblems:
    def test_many_unknown_evidence_ids_give_a_short_message(self, copy):
        """200 000 unknown evidence ids: the first MAX_PROBLEMS are listed, the rest counted."""

        edit(
            copy, "presentations.json", lambda d: d[0]["provenance"].update(evidence=[f"x{i}" for i in range(200_000)])
        )

        error = refused(copy)

        assert (MAX_PROBLEMS + 1, True) == (len(error.problems), len(str(error)) < 20_000)
        assert f"dataset: {MAX_COUNTED} more problems not listed, and checking stopped there" == error.problems[-1]
        assert error.problems[0] == "presentations[0].provenance.evidence[0]: unknown source 'x0'"

    def test_more_problems_are_counted(self, copy):
        """Fewer than MAX_COUNTED more problems are counted exactly."""

        edit(copy, "presentations.json", lambda d: d[0]["provenance"].update(evidence=[f"x{i}" for i in range(250)]))

        error = refused(copy)

        assert (f"dataset: {250 - MAX_PROBLEMS} more problems not listed", MAX_PROBLEMS + 1) == (
            error.problems[-1],
            len(error.problems),
        )
        assert str(copy / "presentations.json") == error.file  # the one file the problems are in

    def test_check_is_capped(self, ds):
        """_checks.check lists at most its limit, then one line of the count."""

        from wto_msme._checks import check

        bad = attrs.evolve(ds, coordinators=tuple(attrs.evolve(t, member="nobody") for t in ds.coordinators))

        assert [("", "dataset", f"{len(ds.coordinators) - 1} more problems not listed")] == check(bad, limit=1)[1:]

    def test_where_checking_stopped_is_not_folded_away(self, copy):
        """Items with two bad fields each: the line saying where checking stopped is kept, after the count."""

        edit(copy, "news.json", lambda d: d.extend([{**d[0], "date": 5, "year_basis": 7}] * 300))

        error = refused(copy)

        assert (
            "news: 100 more problems not listed",
            f"news: stopped after {MAX_PROBLEMS} bad items: items 119 to 318 were not checked",
        ) == error.problems[-2:]


# --- The checks of a user's copy ------------------------------------------------------------------


class TestValidation:
    def test_swapped_signatory_members(self, copy):
        """Two signatory members swapped do not match the signatories' names."""

        def swap(d):
            m = d[0]["signatory_members"]
            m[0], m[1] = m[1], m[0]

        edit(copy, "declarations.json", swap)

        problems = refused(copy).problems

        assert [
            "declarations[0].signatory_members[0]: member 'alb' is not signatory 'Afghanistan' (signatories[0]):"
            " each signatory's member must be named by its name or an alias, in the same order",
            "declarations[0].signatory_members[1]: member 'afg' is not signatory 'Albania' (signatories[1]):"
            " each signatory's member must be named by its name or an alias, in the same order",
        ] == list(problems)

    def test_duplicated_signatory_member(self, copy):
        """A member twice among the signatory members is refused."""

        edit(copy, "declarations.json", lambda d: d[0]["signatory_members"].__setitem__(2, "afg"))

        assert "declarations[0].signatory_members[2]: duplicate member 'afg' (first at signatory_members[0])" in (
            refused(copy).problems
        )

    @pytest.mark.parametrize("filename", ["members.json", "wto_members.json"])
    @pytest.mark.parametrize("code", ["iso_alpha2", "iso_alpha3", "iso_numeric"])
    def test_two_members_with_one_iso_code(self, copy, filename, code):
        """Two Members with the same ISO code, among participants or WTO Members, are refused."""

        name = filename.removesuffix(".json")
        edit(copy, filename, lambda d: d[1].update({code: d[0][code]}))

        error = refused(copy)

        assert any(p.startswith(f"{name}[1].{code}: ") and "is also the code of" in p for p in error.problems)

    @pytest.mark.parametrize("value", [10**30, -1, 1001])
    @pytest.mark.parametrize(("filename", "where"), [
        ("initiative.json", "participants_claimed"),
        ("initiative.json", "wto_members_claimed"),
        ("claims.json", "count"),
    ])  # fmt: skip
    def test_counts_are_bounded(self, copy, filename, where, value):
        """Counts outside 0 to 1000 are refused, so that to_pandas never overflows."""

        edit(copy, filename, lambda d: (d if isinstance(d, dict) else d[0]).update({where: value}))

        error = refused(copy)

        assert any("is not from 0 to 1000" in p for p in error.problems)

    @pytest.mark.parametrize("char", ["\x00", "\n", "\r", "\t", "\x1b", "\x7f", "\x85", "\u202e", "\u2028", "\ufeff"])
    def test_control_characters_in_ids(self, copy, char):
        """An identifier holding a control character is refused; the message shows it escaped."""

        edit(copy, "news.json", lambda d: d[0].update(id=f"n{char}1"))

        error = refused(copy)

        assert [f"news[0].id: the identifier {f'n{char}1'!r} holds the control character {char!r}"] == list(
            error.problems
        )
        assert char not in str(error)

    def test_control_characters_in_references(self, copy):
        """A reference holding a control character is refused (it names no record), escaped in the message."""

        edit(copy, "coordinators.json", lambda d: d[0].update(member="chl\x1b[2J"))

        error = refused(copy)

        assert ("coordinators[0].member: unknown member 'chl\\x1b[2J'",) == error.problems
        assert "\x1b" not in str(error)

    def test_reference_to_an_id_with_a_control_character(self, copy):
        """A reference that matches an identifier with a control character: the identifier is refused."""

        edit(copy, "members.json", lambda d: d[11].update(id="chl\n"))
        edit(copy, "wto_members.json", lambda d: next(w for w in d if w["id"] == "chl").update(id="chl\n"))

        error = refused(copy)

        assert any("holds the control character '\\n'" in p for p in error.problems)
