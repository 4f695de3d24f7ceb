"""Tests for wto_msme._flat: the flat columns of CSV export and to_pandas."""

from __future__ import annotations

import csv
import datetime
import io
import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wto_msme
from wto_msme import _model
from wto_msme._flat import columns, csv_cell, row, write_csv
from wto_msme.strategies import news_items

RECORD_CLASSES = [c for c in (getattr(_model, n) for n in _model.__all__) if attrs.has(c) and c is not wto_msme.Dataset]


@pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.__name__)
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

    assert wto_msme.to_records(d.paragraphs) == json.loads(cell)


@given(st.lists(news_items(), max_size=4))
def test_csv_has_a_row_per_record(records):
    """CSV has a header row, then one row per record whose cells read back as the values."""

    stream = io.StringIO(newline="")
    count = write_csv(records, wto_msme.NewsItem, stream)
    table = list(csv.DictReader(io.StringIO(stream.getvalue(), newline="")))

    assert len(records) == count == len(table)
    assert [r.headline for r in records] == [t["headline"] for t in table]
    assert [r.date.first_day for r in records] == [datetime.date.fromisoformat(t["date"]) for t in table]


def test_csv_refuses_other_classes_and_writes_nothing(ds):
    """A record of another class raises TypeError naming it, before anything is written."""

    stream = io.StringIO()

    with pytest.raises(TypeError, match="item 1: expected a Member, got Source"):
        write_csv([ds.members[0], ds.sources[0]], wto_msme.Member, stream)

    assert "" == stream.getvalue()
