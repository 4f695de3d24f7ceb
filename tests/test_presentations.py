"""Tests of the presentations' and the package's queries: Presentations and Recommendations."""

from __future__ import annotations

import datetime
from collections import Counter

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wto_msme import PartialDate, Presentation, Recommendation
from wto_msme.collections import Presentations, Recommendations
from wto_msme.enums import Category, RecommendationKind, Subcategory
from wto_msme.exceptions import RecordNotFoundError
from wto_msme.strategies import records

from .conftest import is_subsequence

#: Collections of generated presentations, in no particular order.
presentation_lists = st.lists(records(Presentation), max_size=12).map(Presentations)

#: The same, every one dated to the day.
day_precise_lists = st.lists(
    records(Presentation).map(lambda p: attrs.evolve(p, date=PartialDate.from_date(p.date.first_day))), max_size=12
).map(Presentations)

#: Days around the group's life, as bounds.
days = st.dates(datetime.date(2016, 6, 1), datetime.date(2024, 1, 31))


class TestPresentationsBetween:
    def test_the_presentations_of_2022(self, ds):
        """The year "2022" gives the 18 presentations dated in 2022, in the order of the source."""

        expected = [p for p in ds.presentations if p.date.year == 2022]

        assert 18 == len(expected)
        assert expected == list(ds.presentations.between("2022", "2022"))

    def test_bounds_are_inclusive(self, ds):
        """Presentations given on the first or the last day are included."""

        found = ds.presentations.between("2021-02-18", "18 February 2021")

        assert ["Global Express Association", "UN/CEFACT", "Government of Canada", "OECD"] == [
            p.institution for p in found
        ]

    def test_a_month_bound_covers_the_month(self, ds):
        """A month as end reaches its last day, as start its first day."""

        expected = [p for p in ds.presentations if (p.date.year, p.date.month) == (2022, 10)]

        assert expected == list(ds.presentations.between("2022-10", "October 2022"))

    @pytest.mark.parametrize(
        ("start", "end", "included"),
        [
            ("2022-03-01", "2022-03-31", True),
            ("2022", "2022", True),
            ("2022-03-15", "2022-06-30", False),
            ("2022-01-01", "2022-03-15", False),
            ("2022-03-31", "2022-03-31", False),
        ],
    )
    def test_a_partial_date_counts_only_wholly_within(self, ds, start, end, included):
        """A presentation known only to March 2022 is in range only if all of March is."""

        vague = attrs.evolve(ds.presentations[0], date=PartialDate(2022, 3))

        assert included == (vague in Presentations([vague]).between(start, end))

    @given(presentation_lists, days, days)
    def test_results_are_wholly_within_and_nothing_in_range_is_left_out(self, given_presentations, a, b):
        """Exactly the presentations whose whole date lies within the bounds are returned."""

        start, end = min(a, b), max(a, b)

        found = given_presentations.between(start, end)

        assert [p for p in given_presentations if start <= p.date.first_day and p.date.last_day <= end] == list(found)

    @given(presentation_lists, days, days)
    def test_results_are_a_subsequence_of_the_input(self, given_presentations, a, b):
        """The result holds only presentations given, in the order given."""

        found = given_presentations.between(min(a, b), max(a, b))

        assert is_subsequence(found, given_presentations)
        assert Presentations is type(found)

    @given(day_precise_lists, st.lists(days, min_size=3, max_size=3, unique=True))
    def test_adjacent_ranges_add_up(self, given_presentations, bounds):
        """From a to b and from the day after b to c is, together, from a to c."""

        a, b, c = sorted(bounds)
        after_b = b + datetime.timedelta(days=1)

        parts = given_presentations.between(a, b) + given_presentations.between(after_b, c)

        assert Counter(given_presentations.between(a, c)) == Counter(parts)

    @given(presentation_lists, st.lists(days, min_size=3, max_size=3, unique=True))
    def test_adjacent_ranges_leave_out_only_what_straddles_them(self, given_presentations, bounds):
        """With partial dates, the two ranges miss only presentations whose date spans the day they meet."""

        a, b, c = sorted(bounds)
        after_b = b + datetime.timedelta(days=1)
        whole = given_presentations.between(a, c)

        parts = given_presentations.between(a, b) + given_presentations.between(after_b, c)

        assert Counter(p for p in whole if not p.date.first_day <= b < p.date.last_day) == Counter(parts)

    @given(presentation_lists, days, days, st.times())
    def test_date_datetime_string_and_partial_date_agree(self, given_presentations, a, b, time):
        """Equal days given as date, datetime, ISO string, free-form string or PartialDate give equal results."""

        start, end = min(a, b), max(a, b)
        forms = [
            (start, end),
            (datetime.datetime.combine(start, time), datetime.datetime.combine(end, time)),
            (start.isoformat(), end.isoformat()),
            (f"{start.day} {start:%B %Y}", f"{end:%b} {end.day}, {end.year}"),
            (PartialDate.from_date(start), PartialDate.from_date(end)),
        ]

        results = [given_presentations.between(s, e) for s, e in forms]

        assert [results[0]] * len(forms) == results

    @given(presentation_lists, st.integers(2017, 2023))
    def test_a_year_is_its_first_to_its_last_day(self, given_presentations, year):
        """The string "2022" as both bounds means 1 January to 31 December 2022."""

        expected = given_presentations.between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

        assert expected == given_presentations.between(str(year), str(year))

    def test_start_after_end_is_refused(self, ds):
        """A start after the end raises ValueError naming both."""

        with pytest.raises(ValueError, match=r"start \('2023'.*comes after end \('2022'"):
            ds.presentations.between("2023", "2022")

    def test_an_unreadable_bound_is_named(self, ds):
        """A bound that is not a date raises ValueError saying which bound."""

        with pytest.raises(ValueError, match=r"^end: cannot read 'soon'"):
            ds.presentations.between("2022", "soon")

    def test_a_bound_of_the_wrong_type_is_refused(self, ds):
        """A number is not a date."""

        with pytest.raises(TypeError, match=r"^start: expected a date"):
            ds.presentations.between(2022, "2023")  # type: ignore[arg-type]


class TestByCategory:
    def test_every_category_in_order(self, ds):
        """Every category is a key, in the order of the enum, even with no presentations."""

        groups = ds.presentations[:1].by_category()

        assert (list(Category), 1) == (list(groups), sum(map(len, groups.values())))

    def test_cyber_readiness(self, ds):
        """The Cyber-Readiness category holds its four presentations."""

        groups = ds.presentations.by_category()

        assert [
            "Government of Canada",
            "TechUK",
            "Coalition to Reduce Cyber Risk (CR2)",
            "Global Cyber Alliance",
        ] == [p.institution for p in groups[Category.CYBER_READINESS]]

    def test_read_only(self, ds):
        """The mapping cannot be changed."""

        groups = ds.presentations.by_category()

        with pytest.raises(TypeError):
            groups[Category.OTHER] = ()  # type: ignore[index]

    @given(presentation_lists)
    def test_partitions_its_input(self, given_presentations):
        """Each presentation is under its own category, exactly once, in the order given."""

        groups = given_presentations.by_category()

        assert Counter(given_presentations) == Counter(p for ps in groups.values() for p in ps)
        for category, ps in groups.items():
            assert all(p.category is category for p in ps)
            assert Presentations is type(ps)
            assert is_subsequence(ps, given_presentations)


class TestMentioningAnnex:
    def test_annex_2_is_the_global_trade_helpdesk(self, ds):
        """Annex 2 (access to information) gives the four Global Trade Helpdesk updates."""

        expected = [p for p in ds.presentations if p.title == "Global Trade Helpdesk update"]

        assert 4 == len(expected)
        assert expected == list(ds.presentations.mentioning_annex(2))

    @given(presentation_lists, st.integers(1, 6))
    def test_exactly_those_reporting_on_it(self, given_presentations, annex):
        """The result is the presentations whose annexes include it, in the order given."""

        found = given_presentations.mentioning_annex(annex)

        assert [p for p in given_presentations if annex in p.annexes] == list(found)
        assert is_subsequence(found, given_presentations)

    @pytest.mark.parametrize("annex", [0, 7, -1, "2", 2.0, True, None])
    def test_other_annexes_are_refused(self, ds, annex):
        """An annex that is not an int from 1 to 6 raises ValueError naming it."""

        with pytest.raises(ValueError, match=f"annex must be an int from 1 to 6.*not {annex!r}"):
            ds.presentations.mentioning_annex(annex)


class TestRecommendation:
    @pytest.mark.parametrize("annex", range(1, 7))
    def test_each_annex(self, ds, annex):
        """Each annex gives the package item with that number."""

        assert annex == ds.recommendations.annex(annex).annex

    def test_annex_6(self, ds):
        """Annex 6 is the declaration on access to finance and cross-border payments."""

        item = ds.recommendations.annex(6)

        assert ("annex-6", RecommendationKind.DECLARATION) == (item.id, item.kind)

    def test_a_missing_annex_is_not_found(self, ds):
        """An annex absent from the items given raises RecordNotFoundError listing those given."""

        given_items = [r for r in ds.recommendations if r.annex != 3]

        with pytest.raises(RecordNotFoundError, match=r"annex 3 among the 5 given") as info:
            Recommendations(given_items).annex(3)

        assert ("annex-1", "annex-2", "annex-4", "annex-5", "annex-6") == info.value.candidates

    @pytest.mark.parametrize("annex", [0, 7, "6", 6.0, False])
    def test_other_annexes_are_refused(self, ds, annex):
        """An annex that is not an int from 1 to 6 raises ValueError, even where items are given."""

        with pytest.raises(ValueError, match="annex must be an int from 1 to 6"):
            ds.recommendations.annex(annex)

    @given(st.lists(records(Recommendation), max_size=4).map(Recommendations), st.integers(1, 6))
    def test_found_exactly_when_given(self, items, annex):
        """The first item for an annex is found if one is given, and not found otherwise."""

        given_items = [r for r in items if r.annex == annex]

        if given_items:
            assert given_items[0] is items.annex(annex)
        else:
            with pytest.raises(RecordNotFoundError):
                items.annex(annex)


def institutions(ps: Presentations) -> list[str]:
    """The institutions of *ps*, in order."""
    return [p.institution for p in ps]


class TestByInstitution:
    @pytest.mark.parametrize("name", ["Brazil Mission to WTO", "Brazil Mission to the WTO", "brazil mission to wto"])
    def test_brazil_spellings_are_merged(self, ds, name):
        """Either spelling of Brazil's mission gives the presentations under both, in order."""

        assert ["Brazil Mission to WTO", "Brazil Mission to the WTO"] == institutions(
            ds.presentations.by_institution(name)
        )

    @pytest.mark.parametrize("name", ["ICC", "ICC-UK", "Government of Canada", "Canada Border Services Agency"])
    def test_different_institutions_stay_apart(self, ds, name):
        """ICC and ICC-UK are two institutions; so are Canada's government and its border agency."""

        found = ds.presentations.by_institution(name)

        assert [name] * len(found) == institutions(found)
        assert found

    def test_an_unknown_institution_gives_none(self, ds):
        """An institution that gave no presentation gives an empty collection."""

        assert Presentations() == ds.presentations.by_institution("Nobody at all")

    @pytest.mark.parametrize(
        ("a", "b", "same"),
        [
            ("Brazil Mission to WTO", "Brazil Mission to the WTO", True),
            ("the World Bank", "World Bank", True),
            ("C\u00f4te d\u2019Ivoire", "COTE D'IVOIRE", True),
            ("ICC", "ICC-UK", False),
            ("The", "An", False),
            ("The", "the", True),
            ("?", "!", False),
        ],
    )
    def test_the_reconciliation_rule(self, ds, a, b, same):
        """Spellings merge when equal without case, accents, punctuation and articles."""

        p = ds.presentations[0]
        ps = Presentations([attrs.evolve(p, institution=a), attrs.evolve(p, institution=b)])

        assert (2 if same else 1) == len(ps.by_institution(a))

    @given(presentation_lists)
    def test_partitions_its_input(self, given_presentations):
        """The institutions' presentations cover every presentation once, each in the order given."""

        groups = {}
        for p in given_presentations:
            found = given_presentations.by_institution(p.institution)
            groups[frozenset(map(id, found))] = found

        assert Counter(map(id, given_presentations)) == Counter(id(p) for ps in groups.values() for p in ps)
        for ps in groups.values():
            assert Presentations is type(ps)
            assert is_subsequence(ps, given_presentations)

    @given(presentation_lists)
    def test_same_spelling_same_group(self, given_presentations):
        """A presentation is among its institution's, and so is every one spelled exactly alike."""

        for p in given_presentations:
            found = {id(q) for q in given_presentations.by_institution(p.institution)}

            assert {id(q) for q in given_presentations if q.institution == p.institution} <= found
            assert id(p) in found


def test_subcategories_stay_under_their_category(ds):
    """Grouping by category keeps the Cross-border Payments presentations under MSME Financing."""

    groups = ds.presentations.by_category()

    assert 4 == sum(p.subcategory is Subcategory.CROSS_BORDER_PAYMENTS for p in groups[Category.FINANCING])
