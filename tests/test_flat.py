"""Tests for wto_msme._flat: the flat columns of CSV export and to_pandas."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wto_msme
from wto_msme import _model
from wto_msme._convert import converter
from wto_msme._dataset import COLLECTIONS
from wto_msme._flat import WHEN, bounded, columns, csv_cell, row
from wto_msme.collections import Meetings, Members, NewsItems, Records
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
    def test_every_cell_reads_back_as_written(self, ds, export, name):
        """Read with dtype=str and keep_default_na=False, every cell of every file is the text written."""

        pd = pytest.importorskip("pandas")
        records = (ds.initiative,) if name == "initiative" else getattr(ds, name)
        cols = columns(type(records[0]))

        df = pd.read_csv(export / f"{name}.csv", dtype=str, keep_default_na=False)

        assert [c.name for c in cols] == list(df.columns)
        assert [[csv_cell(c, v) for c, v in zip(cols, row(r, cols), strict=True)] for r in records] == (
            df.to_numpy().tolist()
        )

    def test_codes_stay_codes(self, export):
        """Afghanistan's numeric code keeps its zeros and Namibia's "NA" stays a code, with ids as the index."""

        pd = pytest.importorskip("pandas")

        df = pd.read_csv(export / "wto_members.csv", dtype=str, keep_default_na=False, index_col="id")

        assert ("004", "NA", "") == (
            df.loc["afg", "iso_numeric"],
            df.loc["nam", "iso_alpha2"],
            df.loc["afg", "locator"],
        )
