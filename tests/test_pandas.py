"""Tests for wto_msme._pandas: to_pandas with pandas installed, and without it."""

from __future__ import annotations

import datetime
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wto_msme
from wto_msme import Category, Confidence, Precision, _model
from wto_msme._flat import columns
from wto_msme.strategies import presentations

COLLECTIONS = list(_model.COLLECTIONS)


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
        "    wto_msme.to_pandas(wto_msme.load().presentations)\n"
        "except ImportError as e:\n"
        "    print(type(e).__name__, e)\n"
    )

    result = _python(code)

    assert 'ImportError wto_msme.to_pandas needs pandas, which is not installed: pip install "wto_msme[pandas]"' == (
        result.stdout.strip()
    )


@pytest.fixture(scope="module")
def pd():
    """pandas, or a skip when it is not installed."""
    return pytest.importorskip("pandas")


class TestWithPandas:
    def test_one_row_per_record_in_order(self, ds, pd):
        """A collection gives a row per record, in order, with the default index."""

        df = wto_msme.to_pandas(ds.presentations)

        assert [p.id for p in ds.presentations] == df["id"].tolist()
        assert list(range(len(ds.presentations))) == df.index.tolist()

    @pytest.mark.parametrize("name", COLLECTIONS)
    def test_columns_are_the_flat_columns(self, ds, pd, name):
        """Every collection's DataFrame has the columns CSV export has, in the same order."""

        records = getattr(ds, name)

        assert [c.name for c in columns(type(records[0]))] == list(wto_msme.to_pandas(records).columns)

    def test_dates_are_datetimes_with_a_precision(self, ds, pd):
        """A date column holds the first day of the period, and its precision column says which period."""

        df = wto_msme.to_pandas(ds.coordinators)

        assert "datetime64[ns]" == str(df["start"].dtype)
        assert [pd.NaT, pd.Timestamp(2018, 2, 1), pd.Timestamp(2023, 4, 26)] == df["start"].tolist()
        assert [Precision.YEAR.value, Precision.MONTH.value, Precision.DAY.value] == list(
            df["start_precision"].cat.categories
        )
        assert [None, "month", "day"] == [None if pd.isna(v) else v for v in df["start_precision"]]

    def test_enums_are_categoricals_in_the_enum_order(self, ds, pd):
        """An enum column is categorical, its categories the enum's values in order."""

        df = wto_msme.to_pandas(ds.presentations)

        assert [c.value for c in Category] == list(df["category"].cat.categories)
        assert [p.category.value for p in ds.presentations] == df["category"].tolist()
        assert [c.value for c in Confidence] == list(wto_msme.to_pandas(ds.members)["joined_confidence"].cat.categories)

    def test_typed_scalar_columns(self, ds, pd):
        """Texts are strings, counts integers, flags booleans (nullable where a value may be missing)."""

        claims = wto_msme.to_pandas(ds.claims)

        assert ("string", "int64", "boolean", "int64") == (
            str(claims["wording"].dtype),
            str(claims["count"].dtype),
            str(claims["consistent"].dtype),
            str(claims["notes"].dtype),
        )
        assert "bool" == str(wto_msme.to_pandas(ds.wto_members)["eu_member_state"].dtype)

    def test_provenance_is_flattened(self, ds, pd):
        """The provenance gives source, locator, evidence and the number of notes."""

        df = wto_msme.to_pandas(ds.presentations)

        assert [
            (p.provenance.source, p.provenance.locator, p.provenance.evidence, len(p.provenance.notes))
            for p in ds.presentations
        ] == list(zip(df["source"], df["locator"], df["evidence"], df["notes"], strict=True))

    def test_tuples_are_kept_whole(self, ds, pd):
        """A tuple field is an object column holding the tuples."""

        df = wto_msme.to_pandas(ds.declarations)

        assert [ds.declarations[0].paragraphs] == df["paragraphs"].tolist()

    def test_a_single_record_is_one_row(self, ds, pd):
        """A single record gives a one-row DataFrame."""

        df = wto_msme.to_pandas(ds.initiative)

        assert (1, ds.initiative.name) == (len(df), df.loc[0, "name"])

    def test_empty_collection(self, pd):
        """An empty collection gives an empty DataFrame."""

        assert (0, 0) == wto_msme.to_pandas(()).shape

    @given(st.lists(presentations(), max_size=5))
    def test_generated_presentations(self, pd, records):
        """Every generated collection gives a row per record with each date's first day."""

        df = wto_msme.to_pandas(records)

        assert [datetime.datetime.combine(p.date.first_day, datetime.time()) for p in records] == [
            t.to_pydatetime() for t in df.get("date", [])
        ]

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("text", "got str"),
            ([1, 2], "item 0: expected a wto_msme record, got int"),
        ],
    )
    def test_refuses_what_is_not_records(self, pd, value, message):
        """Anything but records raises TypeError saying what it got."""

        with pytest.raises(TypeError, match=message):
            wto_msme.to_pandas(value)

    def test_refuses_mixed_classes_and_datasets(self, ds, pd):
        """Records of two classes, or a whole dataset, raise TypeError saying why."""

        with pytest.raises(TypeError, match="item 1: expected a Member like item 0, got Source"):
            wto_msme.to_pandas([ds.members[0], ds.sources[0]])
        with pytest.raises(TypeError, match=r"pass one of them, such as ds\.presentations"):
            wto_msme.to_pandas(ds)
