"""Tests for wto_msme._pandas: to_pandas with pandas installed, and without it."""

from __future__ import annotations

import datetime
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wto_msme
from wto_msme._dataset import COLLECTIONS
from wto_msme._dates import Precision
from wto_msme._flat import columns
from wto_msme.collections import Presentations
from wto_msme.enums import Category, Confidence
from wto_msme.strategies import records


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)


def test_import_does_not_import_pandas():
    """Importing wto_msme and loading the data leave pandas unimported."""

    result = _python("import sys, wto_msme; wto_msme.load(); print('pandas' in sys.modules)")

    assert "False" == result.stdout.strip()


def test_without_pandas_the_error_names_the_extra():
    """Without pandas, to_pandas raises ImportError naming the extra to install."""

    code = (
        "import sys; sys.modules['pandas'] = None\n"  # pandas is hidden: importing it fails
        "import wto_msme\n"
        "try:\n"
        "    wto_msme.load().presentations.to_pandas()\n"
        "except ImportError as e:\n"
        "    print(type(e).__name__, e)\n"
    )

    result = _python(code)

    assert 'ImportError to_pandas() needs pandas, which is not installed: pip install "wto_msme[pandas]"' == (
        result.stdout.strip()
    )


@pytest.fixture(scope="module")
def pd():
    """pandas, or a skip when it is not installed."""
    return pytest.importorskip("pandas")


class TestWithPandas:
    def test_one_row_per_record_in_order_indexed_by_id(self, ds, pd):
        """A collection gives a row per record, in order, indexed by id."""

        df = ds.presentations.to_pandas()

        assert ([p.id for p in ds.presentations], "id") == (df.index.tolist(), df.index.name)
        assert ds.presentations[3].title == df.loc[ds.presentations[3].id, "title"]

    @pytest.mark.parametrize("name", COLLECTIONS)
    def test_columns_are_the_flat_columns(self, ds, pd, name):
        """Every collection's DataFrame has the columns CSV export has, in the same order, its id as the index."""

        records = getattr(ds, name)
        df = records.to_pandas()
        names = [c.name for c in columns(type(records[0]))]

        assert names == [df.index.name, *df.columns]

    def test_records_without_an_id_are_indexed_by_position(self, ds, pd):
        """Records with no id, such as the notes, keep the positional index."""

        df = ds.notes().to_pandas()

        assert list(range(len(ds.notes()))) == df.index.tolist()

    def test_members_say_when_they_joined(self, ds, pd):
        """A member's joining reads in words beside its typed columns; an unknown one is missing."""

        df = ds.members.to_pandas()

        assert ("string", "by 2020-12-11", "between 2021-10-22 and 2021-12") == (
            str(df["joined"].dtype),
            df.loc["arg", "joined"],
            df.loc["gmb", "joined"],
        )
        assert (pd.NaT, pd.Timestamp(2021, 10, 22), "month") == (
            df.loc["gmb", "joined_on"],
            df.loc["gmb", "joined_not_before"],
            df.loc["gmb", "joined_not_after_precision"],
        )

    def test_meetings_known_by_bounds_say_so(self, ds, pd):
        """A meeting known only by its bounds has no date but says between which dates it was held."""

        df = ds.meetings.to_pandas()
        row = df.loc["2024-post-mc13-meeting"]

        assert (True, "between 2024-03-02 and 2024-06-30") == (pd.isna(row["date"]), row["when"])
        assert "2018-03-27" == df.loc["2018-03-27-meeting", "when"]

    def test_dates_are_datetimes_with_a_precision(self, ds, pd):
        """A date column holds the first day of the period, and its precision column says which period."""

        df = ds.coordinators.to_pandas()

        assert "datetime64[ns]" == str(df["start"].dtype)
        assert [pd.NaT, pd.Timestamp(2018, 2, 1), pd.Timestamp(2023, 4, 26)] == df["start"].tolist()
        assert [Precision.YEAR.value, Precision.MONTH.value, Precision.DAY.value] == list(
            df["start_precision"].cat.categories
        )
        assert [None, "month", "day"] == [None if pd.isna(v) else v for v in df["start_precision"]]

    def test_enums_are_categoricals_in_the_enum_order(self, ds, pd):
        """An enum column is categorical, its categories the enum's values in order."""

        df = ds.presentations.to_pandas()

        assert [c.value for c in Category] == list(df["category"].cat.categories)
        assert [p.category.value for p in ds.presentations] == df["category"].tolist()
        assert [c.value for c in Confidence] == list(ds.members.to_pandas()["joined_confidence"].cat.categories)

    def test_typed_scalar_columns(self, ds, pd):
        """Texts are strings, counts integers, flags booleans (nullable where a value may be missing)."""

        claims = ds.claims.to_pandas()

        assert ("string", "int64", "boolean", "int64") == (
            str(claims["wording"].dtype),
            str(claims["count"].dtype),
            str(claims["consistent"].dtype),
            str(claims["notes"].dtype),
        )
        assert "bool" == str(ds.wto_members.to_pandas()["eu_member_state"].dtype)

    def test_provenance_is_flattened(self, ds, pd):
        """The provenance gives source, locator, evidence and the number of notes."""

        df = ds.presentations.to_pandas()

        assert [
            (p.provenance.source, p.provenance.locator, p.provenance.evidence, len(p.provenance.notes))
            for p in ds.presentations
        ] == list(zip(df["source"], df["locator"], df["evidence"], df["notes"], strict=True))

    def test_tuples_are_kept_whole(self, ds, pd):
        """A tuple field is an object column holding the tuples."""

        df = ds.declarations.to_pandas()

        assert [ds.declarations[0].paragraphs] == df["paragraphs"].tolist()

    def test_empty_collection(self, ds, pd):
        """An empty collection gives no rows, with its kind's columns."""

        df = ds.presentations[:0].to_pandas()

        assert (0, [c.name for c in columns(wto_msme.Presentation)]) == (len(df), [df.index.name, *df.columns])

    @given(st.lists(records(wto_msme.Presentation), max_size=5).map(Presentations))
    def test_generated_presentations(self, pd, generated):
        """Every generated collection gives a row per record with each date's first day."""

        df = generated.to_pandas()

        assert [datetime.datetime.combine(p.date.first_day, datetime.time()) for p in generated] == [
            t.to_pydatetime() for t in df["date"]
        ]

    def test_search_result(self, ds, pd):
        """A search result goes to pandas as its collection does, best first."""

        hits = ds.presentations.search("cyber")
        df = hits.to_pandas()

        assert [p.id for p in hits] == df.index.tolist()
        assert list(ds.presentations.to_pandas().columns) == list(df.columns)

    def test_mixed_search_result(self, ds, pd):
        """A search over the whole dataset gives the columns kind, id and title."""

        hits = ds.search("Global Trade Helpdesk")
        df = hits.to_pandas()

        assert ["kind", "id", "title"] == list(df.columns)
        assert [(type(r).__name__, r.id) for r in hits] == list(zip(df["kind"], df["id"], strict=True))
        assert list(range(len(hits))) == df.index.tolist()
        assert ("Presentation", "Global Trade Helpdesk update") == (df.loc[0, "kind"], df.loc[0, "title"])
