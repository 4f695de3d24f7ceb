"""Tests for wto_msme._sqlite: the dataset as a SQLite database."""

from __future__ import annotations

import contextlib
import csv
import io
import sqlite3

import attrs
import pytest

from wto_msme._dataset import COLLECTIONS
from wto_msme._flat import columns, write_csv
from wto_msme._search import _strings

#: The tables of the collections: the initiative, then every collection.
TABLES = ("initiative", *COLLECTIONS)


@pytest.fixture(scope="module")
def db(ds, tmp_path_factory):
    """The bundled dataset as a database, open."""
    path = ds.to_sqlite(tmp_path_factory.mktemp("sqlite") / "msme.db")
    with contextlib.closing(sqlite3.connect(path)) as con:
        yield con


def records(ds, name):
    """The records of the collection *name* of *ds*, the initiative as a tuple of one."""
    return (ds.initiative,) if name == "initiative" else tuple(getattr(ds, name))


def test_a_row_per_record(ds, db):
    """Each collection is a table with a row per record; the notes of every record's provenance are rows of notes."""

    counts = {name: db.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in (*TABLES, "notes")}
    notes = sum(len(r.provenance.notes) for name in TABLES if name != "sources" for r in records(ds, name))

    assert {**{name: len(records(ds, name)) for name in TABLES}, "notes": notes} == counts
    assert [(ds.version, str(ds.current_to))] == db.execute("SELECT version, current_to FROM dataset").fetchall()


@pytest.mark.parametrize("name", TABLES)
def test_the_columns_hold_what_csv_holds(ds, db, name):
    """Every column a table shares with the collection's CSV holds the same values, flags as 0 and 1, in order."""

    out = io.StringIO(newline="")
    write_csv(records(ds, name), out)
    expected = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    flags = {c.name for c in columns(type(records(ds, name)[0])) if c.kind == "boolean"}
    cursor = db.execute(f"SELECT * FROM {name}")
    names = [d[0] for d in cursor.description]
    shared = [c for c in names if c in expected[0]]
    actual = [{c: _as_csv(v, c in flags) for c, v in zip(names, row, strict=True) if c in shared} for row in cursor]

    assert [{c: r[c] for c in shared} for r in expected] == actual
    assert len(shared) >= 3


def _as_csv(value, flag):
    if value is None:
        return ""
    return ("true" if value else "false") if flag else str(value)


def test_flags_are_0_or_1(ds, db):
    """A flag is an INTEGER column holding 1 for true and 0 for false."""

    rows = db.execute("SELECT id, eu_member_state FROM wto_members").fetchall()

    assert [(w.id, int(w.eu_member_state)) for w in ds.wto_members] == rows


def test_keys(db):
    """Each table is keyed by id, the initiative by its row; the ids of other records are foreign keys."""

    def keys(table):
        return [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[5]]

    def links(table):
        return sorted((r[3], r[2], r[4]) for r in db.execute(f"PRAGMA foreign_key_list({table})"))

    assert {name: ["id"] for name in COLLECTIONS} == {name: keys(name) for name in COLLECTIONS}
    assert ["row"] == keys("initiative")
    assert [("meeting", "meetings", "id"), ("source", "sources", "id")] == links("presentations")
    assert [("member", "members", "id"), ("source", "sources", "id")] == links("coordinators")


def test_a_field_of_several_ids_is_a_link_table(ds, db):
    """A field holding several ids is a link table: the record's key, the position and the id, each a foreign key."""

    rows = db.execute("SELECT id, position, welcomed FROM meetings_welcomed ORDER BY rowid").fetchall()
    evidence = db.execute("SELECT row, position, evidence FROM notes_evidence").fetchall()

    assert [(m.id, i, w) for m in ds.meetings for i, w in enumerate(m.welcomed)] == rows
    assert sum(len(n.evidence) for name in TABLES if name != "sources" for r in records(ds, name)
               for n in r.provenance.notes) == len(evidence)  # fmt: skip
    assert [("id", "meetings", "id"), ("welcomed", "members", "id")] == sorted(
        (r[3], r[2], r[4]) for r in db.execute("PRAGMA foreign_key_list(meetings_welcomed)")
    )


def test_every_foreign_key_holds(db):
    """No row refers to a record the database does not hold."""

    assert [] == db.execute("PRAGMA foreign_key_check").fetchall()


def test_foreign_keys_are_enforced_by_a_reader_that_asks(db):
    """With foreign keys on, SQLite refuses a presentation at a meeting it does not hold."""

    db.execute("PRAGMA foreign_keys = ON")
    try:
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"), db:
            db.execute("UPDATE presentations SET meeting = 'nowhere' WHERE rowid = 1")
    finally:
        db.execute("PRAGMA foreign_keys = OFF")


def test_a_join_of_presentations_and_meetings(ds, db):
    """Each presentation joins the meeting it was given at."""

    rows = db.execute(
        "SELECT p.id, m.name FROM presentations p JOIN meetings m ON m.id = p.meeting ORDER BY p.rowid"
    ).fetchall()

    assert [(p.id, ds.meetings.get(p.meeting).name) for p in ds.presentations] == rows


def test_full_text_search(ds, db):
    """The search table finds every record whose searched fields hold the word, and ranks title matches first."""

    hits = db.execute("SELECT collection, id, title FROM search WHERE search MATCH 'helpdesk' ORDER BY rank").fetchall()
    holding = {
        (name, r.id)
        for name in COLLECTIONS
        for r in getattr(ds, name)
        if any("helpdesk" in s.lower() for _, texts in _strings(r, {})[:-1] for s in texts)
    }

    assert holding == {(c, i) for c, i, _ in hits}
    assert "Global Trade Helpdesk update" == hits[0][2]
    assert len(holding) >= 5


def test_full_text_search_covers_every_record_with_searched_fields(ds, db):
    """The search table has a row per record of every collection, the initiative's keyed by its row."""

    rows = db.execute("SELECT collection, count(*) FROM search GROUP BY collection").fetchall()

    assert {name: len(records(ds, name)) for name in TABLES} == dict(rows)
    assert [("initiative", 1)] == db.execute(
        "SELECT collection, id FROM search WHERE collection = 'initiative'"
    ).fetchall()


def test_a_dangling_reference_is_refused_and_nothing_written(ds, tmp_path):
    """A record referring to one the dataset does not hold is named in the error, and no file is written."""

    moved = attrs.evolve(ds.presentations[2], meeting="nowhere")
    broken = attrs.evolve(ds, presentations=[*ds.presentations[:2], moved, *ds.presentations[3:]])

    with pytest.raises(ValueError, match=r"presentations\.meeting 'nowhere' \(row 3\) is no id of meetings"):
        broken.to_sqlite(tmp_path / "msme.db")
    assert [] == list(tmp_path.iterdir())


def test_a_duplicate_id_is_refused(ds, tmp_path):
    """Two records of a collection with one id are refused with the table named, and no file is written."""

    broken = attrs.evolve(ds, members=[*ds.members, ds.members[0]])

    with pytest.raises(
        ValueError, match=r"members cannot be written as a table: UNIQUE constraint failed: members\.id"
    ):
        broken.to_sqlite(tmp_path / "msme.db")
    assert [] == list(tmp_path.iterdir())


def test_an_existing_file_is_replaced_only_when_asked(ds, tmp_path):
    """An existing file is left as it was unless overwrite is true; then it is replaced whole."""

    path = tmp_path / "msme.db"
    path.write_bytes(b"old")

    with pytest.raises(FileExistsError):
        ds.to_sqlite(path)
    assert b"old" == path.read_bytes()
    assert path == ds.to_sqlite(path, overwrite=True)
    with contextlib.closing(sqlite3.connect(path)) as con:
        assert len(ds.members) == con.execute("SELECT count(*) FROM members").fetchone()[0]
    assert ["msme.db"] == [p.name for p in tmp_path.iterdir()]
