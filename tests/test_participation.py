"""Tests for Dataset.participant_count's bounds, Dataset.participation and wto_msme.plot."""

from __future__ import annotations

import itertools
import pickle
import pydoc
import subprocess
import sys

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wto_msme
from wto_msme import strategies
from wto_msme.collections import ParticipantCount, Participation


class TestParticipantCount:
    def test_exact_where_the_data_knows(self, ds):
        """Since the package the data knows every joining at these dates, so the count is a plain number."""

        counts = [ds.participant_count(d) for d in ("2020-12-11", "2023-12-31", "2024-07-01")]

        assert ([91, 98, 103], [True] * 3, ["91", "98", "103"]) == (
            [int(c) for c in counts],
            [c.exact for c in counts],
            [repr(c) for c in counts],
        )

    def test_an_early_count_shows_its_bounds(self, ds):
        """In 2019 the data knows one joining for sure, 90 possible ones, and the WTO's 89."""

        count = ds.participant_count("2019")

        assert (1, 90, False, "2019-89") == (int(count), count.most, count.exact, count.claim.id)
        assert "<between 1 and 90 participants on 2019-12-31; the WTO counted 89 in 2019>" == repr(count)

    def test_the_most_precise_claim_of_the_day(self, ds):
        """On 13 March 2023 the claim of that day is chosen over the one of the whole month."""

        assert "2023-03-13-97" == ds.participant_count("2023-03-13").claim.id

    def test_pickles(self, ds):
        """A count pickles with its bounds and its claim."""

        count = ds.participant_count("2019")
        back = pickle.loads(pickle.dumps(count))

        assert (1, 90, count.claim) == (int(back), back.most, back.claim)

    def test_counts_like_an_int(self, ds):
        """A count compares and adds as the int it is."""

        count = ds.participant_count()

        assert (True, 105, ParticipantCount) == (count == 104, count + 1, type(count))


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

    def test_known_never_exceeds_most_and_both_grow(self, ds):
        """At every step known <= most, and neither falls from one step to the next."""

        steps = ds.participation()

        assert (True, True, True) == (
            all(s.known <= s.most for s in steps),
            all(a.known <= b.known for a, b in itertools.pairwise(steps)),
            all(a.most <= b.most for a, b in itertools.pairwise(steps)),
        )

    def test_to_pandas(self, ds):
        """The steps go to pandas with a column per field."""

        pytest.importorskip("pandas")
        df = ds.participation().to_pandas()

        assert ["date", "date_precision", "known", "most", "claimed", "claim"] == list(df.columns)

    @given(st.lists(strategies.records(wto_msme.Member), max_size=6))
    def test_generated_members(self, members):
        """For any participants, each step's counts are those participant_count gives for its day."""

        ds = attrs.evolve(wto_msme.load(), members=list({m.id: m for m in members}.values()))

        for step in ds.participation():
            count = ds.participant_count(str(step.date))
            assert (step.known, step.most) == (int(count), count.most)


class TestPlot:
    def test_participation_figure(self, ds):
        """The figure has the known line, the uncertain band and a dot per dated claim."""

        plot = pytest.importorskip("wto_msme.plot", exc_type=ImportError)
        ax = plot.participation(ds).axes[0]
        claims = sum(1 for s in ds.participation() if s.claimed is not None)

        assert (1, 1, claims) == (len(ax.lines), len(ax.collections) - 1, len(ax.collections[-1].get_offsets()))

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
