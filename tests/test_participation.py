"""Tests for Dataset.participant_count, Dataset.participation and wto_msme.plot's participation figure."""

from __future__ import annotations

import datetime
import itertools
import pickle
import pydoc
import subprocess
import sys

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import wto_msme
from wto_msme import CountClaim, PartialDate, Provenance, strategies
from wto_msme.collections import Participation
from wto_msme.enums import ClaimSubject, MemberKind

#: Participants drawn from the model's strategies, ids unique.
members = st.lists(strategies.records(wto_msme.Member), max_size=6).map(lambda ms: list({m.id: m for m in ms}.values()))

#: Days from before MC11 to the data's end.
days = st.dates(datetime.date(2017, 1, 1), datetime.date(2025, 12, 8))


def claim(count: int, as_of: PartialDate, *, consistent: bool | None = True, id: str | None = None) -> CountClaim:
    """A participants' claim of *count* as of *as_of*."""
    return CountClaim(
        id=id or f"{as_of}-{count}",
        subject=ClaimSubject.PARTICIPANTS,
        count=count,
        as_of=as_of,
        wording=f"{count} members",
        consistent=consistent,
        provenance=Provenance("seed-000"),
    )


#: The claims of 2018 to 2020 as the sources give them: 88 on 30 January 2018, 89 in 2019,
#: 90 just before Ukraine joined on 11 December 2020 (dated here to the day before, or the month).
BEFORE_UKRAINE = [PartialDate(2020, 12, 10), PartialDate(2020, 11), PartialDate(2020, 12)]


class TestParticipantCount:
    """
    What the count says, and when it is a number.

    The issue: "On 2019-12-31 the answer is 89 as the WTO counted it in 2019, between 88 and 90."
    """

    def test_exact_where_the_data_knows(self, ds):
        """Since the package the data knows every joining at these dates: the count is a plain number."""

        counts = [ds.participant_count(d) for d in ("2020-12-11", "2023-12-31", "2024-07-01")]

        assert ([91, 98, 103], [True] * 3, ["91", "98", "103"]) == (
            [int(c) for c in counts],
            [c.exact for c in counts],
            [repr(c) for c in counts],
        )

    def test_2019_is_the_sources_count_within_the_bounds_of_the_others(self, ds):
        """In 2019 the sources counted 89; the 88 of January 2018 and the data's 90 bound the count."""

        count = ds.participant_count("2019")

        assert (88, 90, False, "2019-89") == (count.low, count.high, count.exact, count.claimed.id)
        assert "<between 88 and 90 participants on 2019-12-31; the sources counted 89 in 2019>" == repr(count)

    @pytest.mark.parametrize("as_of", BEFORE_UKRAINE)
    def test_2019_with_the_count_before_ukraine(self, ds, as_of):
        """The 90 counted just before Ukraine joined leaves 2019 between 88 and 90, and is the claim of its day."""

        added = attrs.evolve(ds, claims=[*ds.claims, claim(90, as_of)])
        then, before = added.participant_count("2019"), added.participant_count(as_of.last_day)

        assert (88, 90, "2019-89", 90) == (then.low, then.high, then.claimed.id, before.claimed.count)

    def test_a_claim_bounds_the_days_outside_its_period(self, ds):
        """A count is a floor after its period and a ceiling before it, not within it."""

        alone = attrs.evolve(ds, claims=[claim(50, PartialDate(2019))])

        assert [(1, 50), (1, 90), (50, 90)] == [
            (c.low, c.high) for c in map(alone.participant_count, ("2018-12-31", "2019-12-31", "2020-01-01"))
        ]

    def test_a_range_is_never_a_number(self, ds):
        """int(), arithmetic, comparisons and formats of a range raise ValueError naming the range."""

        count = ds.participant_count("2019")
        uses = [int, float, bool, lambda c: c + 1, lambda c: 1 + c, lambda c: c - 1, lambda c: c * 2]
        uses += [lambda c: c / 2, lambda c: c < 90, lambda c: f"{c:d}", range, lambda c: -c]

        for use in uses:
            with pytest.raises(ValueError, match="between 88 and 90"):
                use(count)
        assert (False, "between 88 and 90") == (count == 88, str(count))

    def test_an_exact_count_is_an_int_in_every_use(self, ds):
        """An exact count compares, converts, computes, formats and hashes as its int."""

        count = ds.participant_count()

        assert (True, 104, 105, 103, 208, 52.0, True, "104", 104, hash(104), 0) == (
            count == 104,
            int(count),
            count + 1,
            count - 1,
            2 * count,
            count / 2,
            count > 100,
            f"{count:d}",
            len(range(count)),
            hash(count),
            104 - count,
        )

    def test_frozen(self, ds):
        """A count cannot be changed."""

        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            ds.participant_count("2019").high = 0  # type: ignore[misc]

    @pytest.mark.parametrize(
        ("as_of", "expected"),
        [
            ("2023-12-31", None),  # never 2024's count
            ("2023-03-13", "2023-03-13-97"),  # the day's claim over the month's
            ("2023-03", "2023-03-98"),
            ("2024", "2024-103"),
            ("2030", None),
        ],
    )
    def test_a_claim_only_for_its_own_period(self, ds, as_of, expected):
        """The claim is that of the day, or of the period holding it, the most precise; never a neighbour's."""

        found = ds.participant_count(as_of).claimed

        assert expected == (found and found.id)

    def test_after_the_data_ends(self, ds):
        """Without a date or after current_to the data's end answers, every participant counted, and says so."""

        now, later = ds.participant_count(), ds.participant_count("2030")

        assert (104, 104, True, "2025-104") == (now, later, later.exact, now.claimed.id)
        assert "data stands at its end, 2025-12-08" in repr(now)
        assert "<104 participants on 2030-12-31, as the data stands at its end, 2025-12-08" in repr(later)

    def test_a_bounded_joining_at_the_end(self, ds):
        """On the data's last day it knows only that Cameroon joined during 2025."""

        count = ds.participant_count("2025-12-08")

        assert (103, 104, None) == (count.low, count.high, count.data_ends)

    def test_a_possible_departure_is_said(self, ds):
        """The 94 of July 2022, below the 95 the data knows, is named until the count of March 2023 agrees."""

        said = [ds.participant_count(d).assumption for d in ("2022-07-14", "2022-07-15", "2022-12-31", "2023-03-13")]

        assert [False, True, True, False] == ["(2022-07-15-94)" in a for a in said]
        assert "which a departure would explain" in repr(ds.participant_count("2022-12-31"))

    def test_pickles(self, ds):
        """A count pickles with its bounds and its claim."""

        count = ds.participant_count("2019")

        assert attrs.astuple(count, recurse=False) == attrs.astuple(pickle.loads(pickle.dumps(count)), recurse=False)

    @given(members, days)
    def test_claims_narrow_within_the_member_level_bounds(self, ms, day):
        """For any participants, the claims only narrow the member-level bounds, and low never exceeds high."""

        ds = attrs.evolve(wto_msme.load(), members=ms)
        with_claims, without = ds.participant_count(day), attrs.evolve(ds, claims=()).participant_count(day)

        assert without.low <= with_claims.low <= with_claims.high <= without.high

    @given(members, st.lists(st.tuples(strategies.partial_dates(), st.integers(0, 400)), max_size=5), days)
    def test_true_claims_keep_the_true_count_within_the_bounds(self, ms, drawn, day):
        """Where participants join on the last day they may and the claims count them so, the bounds hold that count."""

        assume(all(m.kind is not MemberKind.EUROPEAN_UNION and m.id != "gbr" for m in ms))
        ds = attrs.evolve(wto_msme.load(), members=ms, claims=())

        def truth(d: datetime.date) -> int:
            return ds.participant_count(d).low  # each participant joins on the last day it may

        claims = []
        for i, (period, offset) in enumerate(drawn):  # a count of some day of the period
            length = (period.last_day - period.first_day).days + 1
            counted = period.first_day + datetime.timedelta(days=offset % length)
            claims.append(claim(truth(counted), period, id=f"c{i}"))
        count = attrs.evolve(ds, claims=claims).participant_count(day)

        assert count.low <= truth(day) <= count.high
        assert count.claimed is None or count.claimed.as_of.contains(day)


class TestParticipation:
    def test_the_story(self, ds):
        """The steps start at MC11, reach 104 at most, and carry every dated participants' claim that is a count."""

        steps = ds.participation()
        claims = {c.id for c in ds.claims if c.subject.value == "participants" and c.as_of and not c.more_than}

        assert (Participation, "2017-12-13", 104, claims) == (
            type(steps),
            str(steps[0].date),
            max(s.most for s in steps),
            {s.claim for s in steps if s.claim},
        )

    def test_2019_is_a_narrow_band(self, ds):
        """Over 2019 the band is the 88 to 90 of the claims and the data, and the sources' 89 is the claim."""

        steps = [s for s in ds.participation() if s.date.first_day.year == 2019]

        assert [(88, 90, 89)] == [(s.known, s.most, s.claimed) for s in steps]

    def test_known_never_exceeds_most_and_both_grow(self, ds):
        """At every step known <= most, neither falls from one step to the next, and each step changes something."""

        steps = ds.participation()

        assert (True, True, True, True) == (
            all(s.known <= s.most for s in steps),
            all(a.known <= b.known for a, b in itertools.pairwise(steps)),
            all(a.most <= b.most for a, b in itertools.pairwise(steps)),
            all((a.known, a.most, a.claim) != (b.known, b.most, b.claim) for a, b in itertools.pairwise(steps)),
        )

    def test_to_pandas(self, ds):
        """The steps go to pandas with a column per field."""

        pytest.importorskip("pandas")
        df = ds.participation().to_pandas()

        assert ["date", "date_precision", "known", "most", "claimed", "claim"] == list(df.columns)

    @given(members, st.lists(strategies.records(CountClaim), max_size=4), days)
    def test_each_step_holds_until_the_next(self, ms, claims, day):
        """For any participants and claims, the step in force on a day gives what participant_count gives."""

        ds = attrs.evolve(wto_msme.load(), members=ms, claims=claims)
        steps = ds.participation()
        step = next((s for s in reversed(steps) if s.date.first_day <= day), None)
        count = ds.participant_count(day)

        assume(step is not None)
        assert (step.known, step.most, step.claim) == (count.low, count.high, count.claimed and count.claimed.id)


class TestPlot:
    def test_the_line_is_the_sources_count(self, ds):
        """The figure's line is the sources' count, held from each claim to the next; the band and the dots follow."""

        plot = pytest.importorskip("wto_msme.plot", exc_type=ImportError)
        ax = plot.participation(ds).axes[0]
        steps = ds.participation()
        claimed = [s.claimed for s in steps if s.claimed is not None]

        assert ([*claimed, claimed[-1]], 2, len({s.claim for s in steps if s.claim})) == (
            list(ax.lines[0].get_ydata()),
            len(ax.collections),
            len(ax.collections[-1].get_offsets()),
        )

    def test_presentations_by_theme(self, ds):
        """The bars of a year add up to the presentations of that year."""

        plot = pytest.importorskip("wto_msme.plot", exc_type=ImportError)
        ax = plot.presentations_by_theme(ds).axes[0]
        heights: dict[str, float] = {}
        for container in ax.containers:
            for label, bar in zip(ax.get_xticklabels(), container, strict=True):
                heights[label.get_text()] = heights.get(label.get_text(), 0) + bar.get_height()

        assert {str(y): sum(p.date.year == y for p in ds.presentations) for y in (2021, 2022, 2023)} == heights

    def test_importing_wto_msme_does_not_import_matplotlib(self):
        """Loading the data and answering a question never imports matplotlib."""

        code = "import sys, wto_msme; wto_msme.load().participation(); print('matplotlib' in sys.modules)"
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

        assert "False" == done.stdout.strip()


def test_help_explains_each_field():
    """help() on a record class lists every field with the meaning its docstring gives."""

    text = pydoc.render_doc(wto_msme.Member, renderer=pydoc.plaintext)

    assert [True] * len(attrs.fields(wto_msme.Member)) == [f"{f.name}: " in text for f in attrs.fields(wto_msme.Member)]
    assert "joined: When it joined the group, as far as it is known." in text
