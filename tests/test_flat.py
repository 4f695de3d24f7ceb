"""Tests for wto_msme._flat: the flat columns, the CSV export and to_pandas, with pandas and without."""

from __future__ import annotations

import csv
import datetime
import io
import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wto_msme
from wto_msme import _model
from wto_msme._convert import converter
from wto_msme._dataset import COLLECTIONS
from wto_msme._dates import Precision
from wto_msme._flat import WHEN, bounded, columns, csv_cell, row
from wto_msme.collections import Meetings, Members, NewsItems, Presentations, Records
from wto_msme.enums import Category, Confidence
from wto_msme.strategies import records


@pytest.mark.parametrize("cls", _model.RECORDS, ids=lambda c: c.__name__)
def test_column_names_are_unique(cls):
    """No two columns of a class share a name."""

    names = [c.name for c in columns(cls)]

    assert len(set(names)) == len(names)


def test_member_columns():
    """A member's joining is flattened with a prefix after its text in words, and its provenance into four columns."""

    assert [
        "id",
        "name",
        "kind",
        "iso_alpha2",
        "iso_alpha3",
        "iso_numeric",
        "aliases",
        "joined",
        "joined_on",
        "joined_on_precision",
        "joined_not_before",
        "joined_not_before_precision",
        "joined_not_after",
        "joined_not_after_precision",
        "joined_event",
        "joined_confidence",
        "source",
        "locator",
        "evidence",
        "notes",
    ] == [c.name for c in columns(wto_msme.Member)]


class TestBoundedDates:
    """
    A date that others bound is said in words in a column before its own.

    The issue: "a joining or any bounded date gets a readable text column beside its
    typed ones (`joined` beside `joined_on`, `joined_not_before`, ...)".
    """

    def test_the_bounded_date_is_read_from_the_declared_orderings(self):
        """A date declared after one date and before another is bounded by them; a start and an end bound none."""

        assert (("not_before", "on", "not_after"), ("not_before", "date", "not_after"), None) == (
            bounded(wto_msme.Joining),
            bounded(wto_msme.Meeting),
            bounded(wto_msme.CoordinatorTerm),
        )

    def test_the_column_comes_before_the_date(self):
        """The words are named after the nested record (joined), or WHEN for the record's own date."""

        members = [c.name for c in columns(wto_msme.Member)]
        meetings = [c.name for c in columns(wto_msme.Meeting)]

        assert ["joined", "joined_on"] == members[members.index("joined") : members.index("joined") + 2]
        assert [WHEN, "date"] == meetings[meetings.index(WHEN) : meetings.index(WHEN) + 2]
        assert "bounded" == next(c for c in columns(wto_msme.Meeting) if c.name == WHEN).kind

    @given(st.lists(records(wto_msme.Member), max_size=5).map(Members))
    def test_a_joining_in_words_is_what_it_says_of_itself(self, members):
        """For any members, the joined column holds each joining's own words, and nothing where it is unknown."""

        column = next(c for c in columns(wto_msme.Member) if c.name == "joined")

        assert [None if str(m.joined) == "unknown" else str(m.joined) for m in members] == [
            column.value(m) for m in members
        ]

    def test_bundled_joinings(self, ds):
        """A participant known to have joined by a day, one between two dates, one on a day."""

        column = next(c for c in columns(wto_msme.Member) if c.name == "joined")
        words = {m.id: column.value(m) for m in ds.members}

        assert ("by 2020-12-11", "between 2021-10-22 and 2021-12", "between 2024-03-02 and 2024-07-01") == (
            words["arg"],
            words["gmb"],
            words["cpv"],
        )

    @given(st.lists(records(wto_msme.Meeting), max_size=5).map(Meetings))
    def test_a_meeting_in_words(self, meetings):
        """For any meetings, WHEN is the date where known, its bounds where only they are, nothing otherwise."""

        column = next(c for c in columns(wto_msme.Meeting) if c.name == WHEN)
        expected = []
        for m in meetings:
            bounds = {
                (False, False): None,
                (True, False): f"on or after {m.not_before}",
                (False, True): f"by {m.not_after}",
                (True, True): f"between {m.not_before} and {m.not_after}",
            }[(m.not_before is not None, m.not_after is not None)]
            said = [str(w) for w in (m.date, bounds) if w is not None]
            expected.append(", ".join(said) or None)

        assert expected == [column.value(m) for m in meetings]


def test_cells(ds):
    """Values are written as the CSV rules say: dates as first days, enums as values, tuples as JSON."""

    t = ds.coordinators[1]  # known to the month
    cols = columns(wto_msme.CoordinatorTerm)
    cells = {c.name: csv_cell(c, v) for c, v in zip(cols, row(t, cols), strict=True)}

    assert {
        "start": "2018-02-01",
        "start_precision": "month",
        "end": "2023-04-01",
        "end_precision": "month",
        "aliases": json.dumps(list(t.aliases), ensure_ascii=False),
        "notes": str(len(t.provenance.notes)),
    } == {k: cells[k] for k in ("start", "start_precision", "end", "end_precision", "aliases", "notes")}


def test_missing_values_and_flags(ds):
    """A missing value is an empty cell; a flag is true or false."""

    claim = next(c for c in ds.claims if c.consistent is None)
    cols = {c.name: c for c in columns(wto_msme.CountClaim)}

    assert ("", "true", "false") == (
        csv_cell(cols["consistent"], None),
        csv_cell(cols["consistent"], True),
        csv_cell(cols["consistent"], False),
    )
    assert claim.consistent is None


def test_tuples_of_records_are_json_objects(ds):
    """A tuple of records is a JSON array of the records' objects."""

    d = ds.declarations[0]
    cols = {c.name: c for c in columns(wto_msme.Declaration)}

    cell = csv_cell(cols["paragraphs"], d.paragraphs)

    assert converter().unstructure(d.paragraphs) == json.loads(cell)


@given(st.lists(records(wto_msme.NewsItem), max_size=4).map(NewsItems))
def test_csv_has_a_row_per_record(items):
    """to_csv writes a header row, then one row per record whose cells read back as the values."""

    stream = io.StringIO(newline="")
    count = items.to_csv(stream)
    table = list(csv.DictReader(io.StringIO(stream.getvalue(), newline="")))

    assert len(items) == count == len(table)
    assert [r.headline for r in items] == [t["headline"] for t in table]
    assert [r.date.first_day for r in items] == [datetime.date.fromisoformat(t["date"]) for t in table]


def test_csv_to_a_path(ds, tmp_path):
    """to_csv given a path writes UTF-8 text with a row per record and returns the count."""

    path = tmp_path / "members.csv"

    count = ds.members.to_csv(path)
    lines = path.read_text("utf-8").splitlines()

    assert len(ds.members) == count == len(lines) - 1
    assert "id,name,kind" == lines[0][: len("id,name,kind")]
    assert any("Türkiye" in line for line in lines)


def test_csv_of_mixed_kinds(ds):
    """A search over the whole dataset is written with the columns kind, id and title."""

    hits = ds.search("Global Trade Helpdesk")
    stream = io.StringIO(newline="")

    hits.to_csv(stream)
    table = list(csv.DictReader(io.StringIO(stream.getvalue(), newline="")))

    assert ["kind", "id", "title"] == list(table[0])
    assert [(type(r).__name__, r.id) for r in hits] == [(t["kind"], t["id"]) for t in table]


def test_csv_of_an_empty_collection(ds):
    """An empty collection gives the header row alone."""

    stream = io.StringIO(newline="")

    count = ds.presentations[:0].to_csv(stream)

    assert (0, [c.name for c in columns(wto_msme.Presentation)]) == (count, stream.getvalue().rstrip("\n").split(","))


def test_records_of_one_kind_without_a_class_get_that_kind_s_columns(ds):
    """A plain Records of one kind of record has that kind's columns."""

    stream = io.StringIO(newline="")

    Records(ds.sources[:2]).to_csv(stream)

    assert [c.name for c in columns(wto_msme.Source)] == stream.getvalue().splitlines()[0].split(",")


@pytest.fixture(scope="module")
def pd():
    """pandas, or a skip when it is not installed."""
    return pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def export(ds, tmp_path_factory):
    """The whole dataset's CSV export, as the command line writes it."""
    from wto_msme._datapackage import csv_files

    directory = tmp_path_factory.mktemp("csv")
    for name, data in csv_files(ds).items():
        (directory / name).write_bytes(data)
    return directory


class TestReadingBackInPandas:
    """
    The recipe of the how-to reads the CSV export back in pandas as it was written.

    The issue: "`pd.read_csv` of the CSV export turns `iso_numeric` "004" into 4.0 and
    Namibia's ISO code "NA" into NaN, and no recipe is documented."
    """

    @pytest.mark.parametrize("name", ["initiative", *COLLECTIONS])
    def test_every_cell_reads_back_as_written(self, ds, pd, export, name):
        """Read with dtype=str and keep_default_na=False, every cell of every file is the text written."""

        records = (ds.initiative,) if name == "initiative" else getattr(ds, name)
        cols = columns(type(records[0]))

        df = pd.read_csv(export / f"{name}.csv", dtype=str, keep_default_na=False)

        assert [c.name for c in cols] == list(df.columns)
        assert [[csv_cell(c, v) for c, v in zip(cols, row(r, cols), strict=True)] for r in records] == (
            df.to_numpy().tolist()
        )

    def test_codes_stay_codes(self, pd, export):
        """Afghanistan's numeric code keeps its zeros and Namibia's "NA" stays a code, with ids as the index."""

        df = pd.read_csv(export / "wto_members.csv", dtype=str, keep_default_na=False, index_col="id")

        assert ("004", "NA", "") == (
            df.loc["afg", "iso_numeric"],
            df.loc["nam", "iso_alpha2"],
            df.loc["afg", "locator"],
        )


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
