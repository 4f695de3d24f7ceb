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
from wto_msme._flat import columns, csv_cell, row
from wto_msme.collections import NewsItems, Records
from wto_msme.strategies import records


@pytest.mark.parametrize("cls", _model.RECORDS, ids=lambda c: c.__name__)
def test_column_names_are_unique(cls):
    """No two columns of a class share a name."""

    names = [c.name for c in columns(cls)]

    assert len(set(names)) == len(names)


def test_member_columns():
    """A member's joining is flattened with a prefix, and its provenance into four columns."""

    assert [
        "id",
        "name",
        "kind",
        "iso_alpha2",
        "iso_alpha3",
        "iso_numeric",
        "aliases",
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
