"""
A dataset as a SQLite database, for SQL, Datasette, R's DBI or ``pandas.read_sql``.

Every table is read from the model:

- each collection of the dataset is a table of its name (the initiative one of one row),
  a row per record in the collection's order, with the columns of ``to_csv()``: texts
  ``TEXT``; numbers and flags ``INTEGER`` (flags 0 or 1); a date ``TEXT``, its first day
  ``YYYY-MM-DD``, beside its ``<field>_precision``; enums their values, as ``TEXT``,
  checked against the enum; other tuples a JSON array, as ``TEXT``; a bounded date in
  words (a member's ``joined``, a meeting's ``when``) ``TEXT``;
- its primary key is ``id``; a kind of record without one (the initiative) gets a first
  column ``row``, its position from 1, as its key;
- a column that holds the id of another record, such as ``presentations.meeting`` or each
  record's ``source``, is a foreign key to that table's ``id``;
- a field that holds several ids is a link table ``<table>_<field>``, a row per id: the
  record's key, ``position`` (from 0, in the field's order) and the id, in a column of the
  field's name (``meetings_welcomed.welcomed``, ``presentations_evidence.evidence``);
- the notes of every record's provenance are the table ``notes``: ``row``, then
  ``collection`` and ``record``, the table and the key of the record it is on, then the
  note's own fields (its evidence in ``notes_evidence``); the sources are the table
  ``sources``, as every collection is;
- ``dataset`` is one row: the data's version and the date the data is current to;
- ``search`` is a full-text (FTS5) table over the fields the library searches: a row per
  record with ``collection``, ``id`` (the record's key), ``title`` (the field that names
  it) and ``text`` (its other searched fields, one a line).
"""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ._describe import Kind, shapes, title_field
from ._flat import Column, columns, csv_cell
from ._io import write_file
from ._model import Note
from ._search import _strings
from ._tables import KEY, collections, has_key, target

if TYPE_CHECKING:
    import pathlib

__all__ = ["write"]

#: The SQL type of each kind of flat column.
_TYPES = {
    "text": "TEXT",
    "integer": "INTEGER",
    "boolean": "INTEGER",
    "date": "TEXT",
    "precision": "TEXT",
    "enum": "TEXT",
    "tuple": "TEXT",
    "bounded": "TEXT",
}
#: The key of a table whose records have no id: the row's position, from 1.
_ROW = "row"
#: The table of the notes of every record's provenance.
_NOTES = "notes"
#: How many dangling references an error lists.
_LISTED = 5

#: A table: its name, its column definitions and constraints, its rows.
_Table = tuple[str, list[str], list[tuple[Any, ...]]]


def write(dataset: Any, path: str | os.PathLike[str], *, overwrite: bool = False) -> pathlib.Path:
    """
    Write *dataset* as a SQLite database to the file *path*, whole or not at all (see the module).

    The database is built in a temporary directory and checked (``PRAGMA
    foreign_key_check``), then written beside *path* and renamed over it, as every output is.

    Raises:
        ValueError: If a record refers to one the dataset does not hold, or two records of
            a collection have the same id; nothing is written.
        FileExistsError: If *path* exists and *overwrite* is false.
        OSError: As :func:`wto_msme._io.write_file` raises it.
    """
    import pathlib
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        built = os.path.join(tmp, "data.db")
        con = sqlite3.connect(built)
        try:
            with con:
                for name, definitions, rows in _tables(dataset):
                    con.execute(f"CREATE TABLE {_q(name)} ({', '.join(definitions)})")
                    _insert(con, name, rows)
                _search(con, dataset)
            _check(con)
        finally:
            con.close()
        data = pathlib.Path(built).read_bytes()
    write_file(path, data, overwrite=overwrite)
    return pathlib.Path(path)


def _insert(con: sqlite3.Connection, name: str, rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    try:
        con.executemany(f"INSERT INTO {_q(name)} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    except sqlite3.IntegrityError as e:  # two records of the same id
        msg = f"{name} cannot be written as a table: {e}"
        raise ValueError(msg) from None


def _tables(dataset: Any) -> Iterator[_Table]:
    kind: type = type(dataset)
    fields = {name: str(getattr(dataset, name)) for name, s in shapes(kind).items() if _scalar(s.kind)}
    yield "dataset", [f"{_q(name)} TEXT NOT NULL" for name in fields], [tuple(fields.values())]
    notes: list[tuple[str, str, Any]] = []
    for name, (cls, records) in collections(dataset).items():
        yield from _record_tables(name, cls, records, notes)
    lead = ([f"{_q('collection')} TEXT NOT NULL", f"{_q('record')} TEXT NOT NULL"], [n[:2] for n in notes])
    yield from _record_tables(_NOTES, Note, [n[2] for n in notes], [], lead)


def _scalar(kind: Kind) -> bool:
    return kind not in (Kind.COLLECTION, Kind.RECORD)


def _record_tables(
    name: str,
    cls: type,
    records: Sequence[Any],
    notes: list[tuple[str, str, Any]],
    lead: tuple[list[str], list[tuple[Any, ...]]] = ([], []),
) -> Iterator[_Table]:
    """The table of *records* and its link tables; the notes of their provenance go to *notes*."""
    keyed = has_key(cls)
    key = KEY if keyed else _ROW
    keys = [r.id if keyed else i for i, r in enumerate(records, 1)]
    kept: list[Column] = []
    links: list[tuple[Column, str]] = []
    counted: Column | None = None
    for c in columns(cls):
        refers = target(cls, c)
        if c.kind == "count":  # the provenance's notes: rows of the notes table
            counted = c
        elif c.kind == "tuple" and refers is not None:
            links.append((c, refers))
        else:
            kept.append(c)
    definitions = [] if keyed else [f"{_q(_ROW)} INTEGER PRIMARY KEY"]
    definitions += [*lead[0], *(_definition(c, target(cls, c)) for c in kept)]
    definitions += [f"PRIMARY KEY ({_q(KEY)})"] if keyed else []
    rows = []
    for i, (k, record) in enumerate(zip(keys, records, strict=True)):
        front = () if keyed else (k,)
        rows.append((*front, *(lead[1][i] if lead[1] else ()), *(_cell(c, c.value(record)) for c in kept)))
        if counted is not None:
            notes.extend((name, str(k), note) for note in functools.reduce(getattr, counted.path, record))
    yield name, definitions, rows
    for c, refers in links:
        link = [
            f"{_q(key)} {'TEXT' if keyed else 'INTEGER'} NOT NULL REFERENCES {_q(name)} ({_q(key)})",
            f"{_q('position')} INTEGER NOT NULL",
            f"{_q(c.name)} TEXT NOT NULL REFERENCES {_q(refers)} ({_q(KEY)})",
            f"PRIMARY KEY ({_q(key)}, {_q('position')})",
        ]
        ids = [(k, j, v) for k, r in zip(keys, records, strict=True) for j, v in enumerate(c.value(r) or ())]
        yield f"{name}_{c.name}", link, ids


def _definition(column: Column, refers: str | None) -> str:
    name = _q(column.name)
    sql = f"{name} {_TYPES[column.kind]}" + ("" if column.optional else " NOT NULL")
    if column.kind in ("enum", "precision"):
        sql += f" CHECK ({name} IN ({', '.join(_literal(m.value) for m in column.type)}))"
    elif column.kind == "boolean":
        sql += f" CHECK ({name} IN (0, 1))"
    if refers is not None:
        sql += f" REFERENCES {_q(refers)} ({_q(KEY)})"
    return sql


def _cell(column: Column, value: Any) -> Any:
    """A value as SQLite holds it: texts, numbers and flags as they are, the rest as CSV writes it."""
    return value if value is None or column.kind in ("text", "integer", "boolean") else csv_cell(column, value)


def _search(con: sqlite3.Connection, dataset: Any) -> None:
    con.execute(
        "CREATE VIRTUAL TABLE search USING fts5("
        "collection UNINDEXED, id UNINDEXED, title, text, tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    rows, plans = [], {}  # type: ignore[var-annotated]
    for name, (cls, records) in collections(dataset).items():
        titled = title_field(cls) is not None
        for i, record in enumerate(records, 1):
            groups = _strings(record, plans)[:-1]  # each searched field, its title first; not the class's name
            if groups:
                heading = "\n".join(groups[0][1]) if titled else ""
                body = "\n".join(t for _, texts in groups[1 if titled else 0 :] for t in texts)
                rows.append((name, record.id if has_key(cls) else i, heading, body))
    con.executemany("INSERT INTO search VALUES (?, ?, ?, ?)", rows)


def _check(con: sqlite3.Connection) -> None:
    """Refuse a database in which a record refers to one it does not hold, naming the first few."""
    dangling = con.execute("PRAGMA foreign_key_check").fetchall()
    if not dangling:
        return
    lines = []
    for table, rowid, parent, fk in dangling[:_LISTED]:
        column = next(r[3] for r in con.execute(f"PRAGMA foreign_key_list({_q(table)})") if r[0] == fk)
        (value,) = con.execute(f"SELECT {_q(column)} FROM {_q(table)} WHERE rowid = ?", (rowid,)).fetchone()
        lines.append(f"{table}.{column} {value!r} (row {rowid}) is no {KEY} of {parent}")
    more = f"; and {len(dangling) - _LISTED} more" if len(dangling) > _LISTED else ""
    msg = f"the dataset refers to records it does not hold: {'; '.join(lines)}{more}"
    raise ValueError(msg)


def _q(name: str) -> str:
    """An SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    """An SQL string literal."""
    return "'" + text.replace("'", "''") + "'"
