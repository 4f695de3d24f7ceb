r"""
The command line: ``python -m wto_msme`` (or ``wto-msme``).

Commands (``wto-msme COMMAND --help`` describes each):

``overview`` (the default)
    An overview of the group.
``members [--as-of DATE]``
    The participants; with ``--as-of``, those known to have joined by DATE and those
    that may have (column ``as_of``: ``known`` or ``uncertain``).
``coordinators [--on DATE]``
    The coordinators' terms; with ``--on``, the term covering the whole of DATE or,
    failing one, every term during it (standard error says so).
``presentations [--category C]``, ``meetings``, ``documents``
    The presentations (optionally of one category), the meetings, the WTO documents.
    Each dated listing (the coordinators too) takes ``--from D`` and ``--to D``: the
    records whose date certainly lies within them, with ``--uncertain`` also those whose
    date may (see :meth:`~wto_msme.collections.Meetings.between`).
``count [--as-of DATE]``
    The participants' count as the WTO counts it, on DATE or at the data's end: the
    number where the data knows it, else ``not known; between LOW and HIGH``, with
    each bound, the sources' count for the day and what the bounds assume.
``search TEXT [--collection NAME] [--limit N]``
    The records that match TEXT, best first: their kind, id, title and score or, where
    every hit is of one kind, the columns of that kind's own listing and the score.
    Where no record holds every word, standard error says so.
``show TEXT [--collection NAME]``
    Every field of the record(s) with that identifier; failing that, of the records
    whose name, alias, ISO code or document symbol it is (as each collection's
    ``find`` finds them); failing that, an error naming the closest.
``export --format json|csv|sqlite [--collection NAME] [--output PATH] [--overwrite]``
    The data as JSON, CSV or a SQLite database.
``schema``
    The JSON Schema of the data.
``diff OLD NEW``
    What changed between two copies of the data (each a directory, or ``bundled``).

Output. Listings are plain text tables: a header line of column names, then a line
per record in the data's order; columns are separated by two spaces and padded to
their widest value (the last one is not padded); a missing value or an empty tuple is
``-``. The columns are the record's id and the fields a reader scans first
(:func:`columns`); each listing's help names them. On a terminal, or wherever
``COLUMNS`` is set, a table is fitted to the width: the widest text columns are
narrowed, and a cut cell ends in ``…``; where even that does not fit, the last columns
are left out and standard error names them. ``--wide`` prints every cell whole, and so
does output that goes to a pipe or a file with no ``COLUMNS``. ``--format csv`` writes
the records listed as ``to_csv()`` does, ``--format json`` as the data files hold them.
``show`` prints one line per field, ``path: value``, where the path names nested fields
with dots and items of tuples of records with ``[i]`` (``provenance.notes[0].kind``);
tuples of texts or numbers are joined with ``, ``; long lines wrap to the width,
continued on lines indented by four spaces; when several collections have a record
found, each is printed, preceded by a line ``collection: NAME`` and separated by a
blank line. Text from the data never reaches a terminal raw: control characters,
escape sequences, bidirectional overrides and other characters that are not printable
are written as their escapes (``\n``, ``\x1b``, ``\u202e``; see :func:`safe`), in
tables, ``show``, ``count``, ``overview`` and ``diff``. CSV and JSON hold the values
exactly.

Export. ``--format json`` without ``--collection`` writes the whole dataset: with
``--output DIR``, as a directory in the layout that ``wto_msme.load(DIR)`` reads
(see :func:`wto_msme.dump`); without, as one JSON object on standard output (the
schema describes it). With ``--collection NAME`` it writes that collection (a JSON array; ``initiative``, an object) to
``--output FILE`` or standard output. ``--format csv`` writes a collection as CSV, one
row per record, with a header row and the columns of ``to_pandas()`` (dates as
the first day ``YYYY-MM-DD`` plus a ``<field>_precision`` column, enums as their values,
tuples as JSON arrays, the provenance as ``source``, ``locator``, ``evidence`` and
``notes``, the number of notes); without ``--collection`` it needs ``--output DIR`` and
writes ``NAME.csv`` for each collection (``initiative.csv`` has one row) and
``datapackage.json``, a Frictionless Data Package that describes them (not with
``--spreadsheet-safe``). ``--format sqlite`` writes the whole dataset to ``--output FILE``
as a SQLite database (see :meth:`wto_msme.Dataset.to_sqlite`). Everything is
UTF-8 with ``\n`` line ends. An existing file, or a directory that is not empty, is
replaced only with ``--overwrite`` (in a directory, only the files written are
replaced).

Exit status: 0 on success; 1 if the data or the output could not be read or written;
2 on a usage error (an unknown command or option, a bad date, category, collection or
identifier), with a message on standard error that says what was wrong.

``--data DIR``, before the command, reads a copy of the data from DIR instead of the
bundled data.
"""

from __future__ import annotations

import argparse
import difflib
import enum
import io
import os
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn

import attrs

from ._data import DATA_VERSION, load
from ._dataset import COLLECTIONS, Dataset, ParticipantCount
from ._dates import PartialDate, parse_when
from ._describe import Kind, field_types, kind_of, scanned_fields, shapes, title
from ._text import fold, quote
from ._version import __version__
from .enums import Category
from .exceptions import DataError

__all__ = ["main"]

#: What export writes: the initiative and every collection, in the layout's order.
_EXPORTED = ("initiative", *COLLECTIONS)
_MISSING = "-"


def overview(ds: Dataset) -> str:
    """
    Return a plain-text overview of the group from *ds*.

    The participants are counted first, as of the date the data is current to and as
    the WTO counts them: the count to quote. The initiative page's older count follows.
    """
    ini = ds.initiative
    current = next((t for t in ds.coordinators if t.end is None), None)
    members = {m.id: m for m in ds.members}
    count = ds.participant_count()  # every participant listed, as of the date the data is current to
    lines = [
        ini.group_name,
        "=" * len(ini.group_name),
        f"Status: {ini.status}",
        f"Established: {ini.established} (Joint Ministerial Statement, MC11)",
        f"Participants: {count} WTO Members on {count.day}: the count to quote, as the WTO counts them",
        f"  (the European Union and each of its member states counted; {len(ds.members)} listed, the EU as one)",
        f"  Older: the initiative page's {ini.participants_claimed} of {ini.wto_members_claimed} WTO Members"
        f" as of {ini.participation_as_of} ({ini.world_exports_share} of world exports)",
    ]
    if current is not None:
        lines.append(f"Coordinator: {current.name} ({members[current.member].name}) since {current.start}")
    lines.append("")
    lines.append("The December 2020 package:")
    lines.extend(f"  Annex {r.annex}: {r.title}" for r in ds.recommendations)
    lines.append("")
    lines.append(
        f"Records: {len(ds.meetings)} meetings, {len(ds.presentations)} presentations, {len(ds.news)} news items,"
        f" {len(ds.publications)} publications, {len(ds.declarations)} declaration(s),"
        f" {len(ds.documents)} WTO documents, {len(ds.wto_members)} WTO Members."
    )
    lines.append(f"Data version {ds.version}, current to {ds.current_to}.")
    return "\n".join(lines)


# --- Formatting -------------------------------------------------------------------------

#: What marks a shortened cell.
_CUT = "\u2026"
#: The fewest characters a shortened cell keeps (or its header's, if longer).
_NARROWEST = 8


def safe(text: str) -> str:
    r"""
    Return *text* as a terminal may show it: each control character written as its escape.

    Control characters (``\n``, ``\t``, ESC), format characters (the bidirectional
    overrides, zero-width characters) and every other character that is not printable
    are written as Python writes them in a string literal (``\x1b``, ``\u202e``), so that
    no text from the data can move the cursor, recolour the terminal or reorder a line.
    Spaces of every kind are kept.

    >>> safe("a\tb\x1b[31m\u202e")
    'a\\tb\\x1b[31m\\u202e'
    """
    if text.isprintable():  # nearly all text: one pass in C
        return text
    return "".join(c if c.isprintable() or unicodedata.category(c) == "Zs" else repr(c)[1:-1] for c in text)


def _shorten(text: str, width: int) -> str:
    """*text* made safe and, if longer than *width*, cut between characters (never in an escape) and marked."""
    shown = safe(text)
    if len(shown) <= width:
        return shown
    kept, used = [], 0
    for c in text:
        s = safe(c)
        if used + len(s) >= width:
            break
        kept.append(s)
        used += len(s)
    return "".join(kept) + _CUT


def _fit(header: Sequence[str], widths: list[int], fixed: Sequence[bool], width: int) -> list[int]:
    """
    The widths of the columns that fit *width*: the widest shrinkable ones narrowed, or the last left out.

    A column not *fixed* is never narrowed below its header or 8 characters; where the
    table does not fit even so, columns are left out from the last, two kept at least.
    """
    least = [w if f else min(w, max(len(h), _NARROWEST)) for h, w, f in zip(header, widths, fixed, strict=True)]
    kept = len(widths)
    while kept > 2 and sum(least[:kept]) + 2 * (kept - 1) > width:
        kept -= 1
    space = width - 2 * (kept - 1)
    for cap in range(max(widths[:kept]), 0, -1):  # the widest cap at which the table fits
        fitted = [max(low, min(w, cap)) for w, low in zip(widths[:kept], least, strict=False)]
        if sum(fitted) <= space:
            return fitted
    return least[:kept]


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    width: int | None = None,
    fixed: Sequence[bool] = (),
) -> str:
    """
    Return *rows* under *header* as aligned plain text, two spaces between columns.

    Cells are made :func:`safe`. With *width*, the widest columns not marked in *fixed*
    are narrowed, their longer cells cut and ended with "…", until the lines fit
    *width* (see :func:`_fit`); a column left out to fit is named on standard error.
    """
    lines = [list(header), *(list(r) for r in rows)]
    widths = [max(len(safe(line[i])) for line in lines) for i in range(len(header))]
    if width is not None:
        widths = _fit(header, widths, [*fixed, *[False] * len(header)][: len(header)], width)
        if len(widths) < len(header):
            left = ", ".join(header[len(widths) :])
            _note(f"left out to fit {width} columns: {left} (--wide shows every column)")
    out = []
    for line in lines:
        cells = [_shorten(cell, w) for cell, w in zip(line, widths, strict=False)]
        padded = [cell.ljust(w) for cell, w in zip(cells[:-1], widths, strict=False)]
        out.append("  ".join([*padded, cells[-1]]))
    return "\n".join(out)


def _text(value: Any) -> str:
    if value is None:
        return _MISSING
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return ", ".join(_text(v) for v in value) if value else _MISSING
    return str(value)


def columns(cls: type) -> list[str]:
    """
    Return the columns a listing of records of *cls* shows: its id, then the fields a reader scans first.

    The listings print them and their help names them (see :func:`_describe.scanned_fields`).
    """
    return ["id", *scanned_fields(cls)] if "id" in field_types(cls) else list(scanned_fields(cls))


def _fixed(cls: type | None, names: Sequence[str]) -> list[bool]:
    """Which of the columns *names* of *cls* are never shortened: dates, a joining and numbers."""
    kinds = shapes(cls) if cls is not None else {}
    keep = (Kind.DATE, Kind.RECORD, Kind.INTEGER)
    return [n in kinds and kinds[n].kind in keep for n in names]


def listing(records: Sequence[Any], width: int | None = None, extra: dict[str, Sequence[str]] | None = None) -> str:
    """
    Return a collection as a plain-text table of the columns :func:`columns` picks, fitted to *width*.

    A collection of mixed kinds shows each record's kind, id and title. *extra* adds
    columns after those, by name, a value per record, never shortened.
    """
    cls = kind_of(records)
    names = columns(cls) if cls is not None else list(_MIXED)
    more = extra or {}
    rows = [
        [*(_text(getattr(r, n)) for n in names), *(values[i] for values in more.values())]
        if cls is not None
        else [type(r).__name__, _text(getattr(r, "id", None)), title(r), *(values[i] for values in more.values())]
        for i, r in enumerate(records)
    ]
    return table([*names, *more], rows, width, [*_fixed(cls, names), *[True] * len(more)])


def _field_lines(record: Any, prefix: str = "") -> Iterable[tuple[str, str]]:
    """Each field of *record* as ``(path, value)``, nested records and tuples of records flattened."""
    kind: type = type(record)
    for name, shape in shapes(kind).items():
        value = getattr(record, name)
        path = prefix + name
        if shape.kind is Kind.RECORD and value is not None:
            yield from _field_lines(value, path + ".")
        elif shape.kind is Kind.TUPLE and shape.item is not None and shape.item.kind is Kind.RECORD:
            for i, item in enumerate(value):
                yield from _field_lines(item, f"{path}[{i}].")
            if not value:
                yield path, _MISSING
        else:
            yield path, _text(value)


def _lines(pairs: Iterable[tuple[str, str]], width: int | None) -> list[str]:
    """``path: value`` lines, made safe and, with *width*, wrapped to it with a hanging indent."""
    lines = [f"{path}: {safe(value)}" for path, value in pairs]
    if width is None:
        return lines
    wrap = textwrap.TextWrapper(width, subsequent_indent="    ", break_on_hyphens=False)
    return [part for line in lines for part in (wrap.wrap(line) or [line])]


# --- Argument types ---------------------------------------------------------------------


def _date(text: str) -> PartialDate:
    try:
        return parse_when(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _category(text: str) -> Category:
    key = fold(text)
    for c in Category:
        if key in (fold(c.value), fold(c.name)):
            return c
    known = "; ".join(c.value for c in Category)
    msg = f"unknown category {text!r}: expected one of {known} (or a name such as DIGITAL)"
    raise argparse.ArgumentTypeError(msg)


def _collection(names: tuple[str, ...]) -> Callable[[str], str]:
    def check(text: str) -> str:
        if text not in names:
            msg = f"unknown collection {text!r}: expected one of {', '.join(names)}"
            raise argparse.ArgumentTypeError(msg)
        return text

    return check


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"expected a whole number of 1 or more, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


# --- Commands ---------------------------------------------------------------------------


class _UsageError(Exception):
    """A usage error found after parsing, reported by the command's parser."""


def _width(args: argparse.Namespace) -> int | None:
    """The width to fit: the terminal's (or COLUMNS), or ``None`` with --wide or when the output is no terminal."""
    if getattr(args, "wide", False):
        return None
    if "COLUMNS" not in os.environ and not (sys.stdout is not None and sys.stdout.isatty()):
        return None  # piped or redirected: whole lines, for the program that reads them
    return shutil.get_terminal_size().columns


def _note(message: str) -> None:
    sys.stderr.write(f"wto-msme: {safe(message)}\n")


def _records(records: Any, args: argparse.Namespace, extra: dict[str, Sequence[str]] | None = None) -> str:
    """*records* as --format asks: a table fitted to the width, CSV (as ``to_csv``) or JSON (as the data files)."""
    if args.format == "csv":
        return _csv(records, "", spreadsheet_safe=False).rstrip("\n")
    if args.format == "json":
        from ._convert import converter
        from ._export import dumps_json

        conv = converter()
        return dumps_json([conv.unstructure(r, unstructure_as=type(r)) for r in records]).rstrip("\n")
    return listing(records, _width(args), extra)


def _list(ds: Dataset, args: argparse.Namespace) -> str:
    records = getattr(ds, args.command)
    if getattr(args, "on", None) is not None:
        records = _on(records, args)
    if getattr(args, "start", None) is not None or getattr(args, "end", None) is not None:
        start = args.start if args.start is not None else PartialDate(1)
        end = args.end if args.end is not None else PartialDate(9999)
        if start.first_day > end.last_day:
            msg = f"--from {start} comes after --to {end}"
            raise _UsageError(msg)
        records = records.between(start, end, uncertain=args.uncertain)
    elif getattr(args, "uncertain", False):
        msg = "--uncertain applies with --from or --to"
        raise _UsageError(msg)
    if getattr(args, "category", None) is not None:
        records = records.by_category()[args.category]
    if getattr(args, "as_of", None) is None:
        return _records(records, args)
    if args.format != "table":
        msg = f"--as-of marks each participant {_STANDING}, which --format {args.format} cannot carry: leave one out"
        raise _UsageError(msg)
    standing = records.as_of(args.as_of)
    state = {m.id: "known" for m in standing.known} | {m.id: "uncertain" for m in standing.uncertain}
    found = [m for m in records if m.id in state]
    return listing(found, _width(args), {_AS_OF: [state[m.id] for m in found]})


def _on(records: Any, args: argparse.Namespace) -> Any:
    """The term covering the whole of --on's date; failing one, every term during it, with a note saying so."""
    if args.start is not None or args.end is not None:
        msg = "--on gives one date: leave out --from and --to"
        raise _UsageError(msg)
    term = records.on(args.on)
    if term is not None:
        i = records.index(term)
        return records[i : i + 1]
    during = records.during(args.on)
    then = f"; listed: every term during it ({len(during)})" if during else ": none is known then"
    _note(f"no one term covers the whole of {args.on}{then}")
    return during


def _count(ds: Dataset, args: argparse.Namespace) -> str:
    c = ds.participant_count(args.as_of)
    values = {"count": str(c) if c.exact else f"not known; {c}", "exact": _text(c.exact)}
    for name in _COUNTED[len(values) :]:
        value = getattr(c, name)
        values[name] = _text(value) if name != "claimed" or value is None else _claim(value)
    return "\n".join(_lines(values.items(), _width(args)))


def _claim(claim: Any) -> str:
    """A sources' count: the number (or its bound), its date, id and wording, and whether the data contradicts it."""
    when = "" if claim.as_of is None else f" {'on' if claim.as_of.day else 'in'} {claim.as_of}"
    doubt = "; the member-level data contradicts it" if claim.consistent is False else ""
    more = "more than " if claim.more_than else ""
    return f"{more}{claim.count}{when} (claim {claim.id}: {claim.wording}){doubt}"


def _search(ds: Dataset, args: argparse.Namespace) -> str:
    records = getattr(ds, args.collection) if args.collection else ds
    try:
        found = records.search(args.text, limit=args.limit)
    except ValueError as e:
        raise _UsageError(str(e)) from None
    if not found:
        _note(f"no record matches {quote(args.text)}")
    elif found.partial:
        _note(f"no record holds every word of {quote(args.text)}: those listed hold some")
    return _records(found, args, {_SCORE: [f"{s:.2f}" for s in found.scores or ()]})


def _show(ds: Dataset, args: argparse.Namespace) -> str:
    names = (args.collection,) if args.collection else COLLECTIONS
    found = [(name, r) for name in names if (r := getattr(ds, name).get(args.id)) is not None]
    candidates: list[str] = []
    for name in names if not found else ():
        records = getattr(ds, name)
        try:
            found.extend([(name, records.find(args.id))] if hasattr(records, "find") else [])
        except LookupError as e:
            candidates.extend(getattr(e, "candidates", ()))
        except ValueError:  # no letters or digits: no name, though it may be an id
            pass
    if not found:
        ids = sorted({r.id for name in names for r in getattr(ds, name)})
        close = [*dict.fromkeys([*candidates, *difflib.get_close_matches(args.id, ids, n=3)])][:5]
        hint = f"; the closest are {', '.join(map(repr, close))}" if close else ""
        where = f"in {args.collection}" if args.collection else "in the data"
        msg = f"no record has the identifier, name, code or symbol {quote(args.id)} {where}{hint}"
        raise _UsageError(msg)
    width = _width(args)
    return "\n\n".join("\n".join(_lines([("collection", name), *_field_lines(r)], width)) for name, r in found)


def _diff(ds: Dataset, args: argparse.Namespace) -> str:
    from ._diff import diff

    try:
        changes = str(diff(*(load() if path == "bundled" else path for path in (args.old, args.new))))
    except (DataError, OSError) as e:
        _fail(f"cannot read the data: {e}")
    return _safe_lines(changes)


def _safe_lines(text: str) -> str:
    """*text* with each of its lines made :func:`safe`."""
    return "\n".join(map(safe, text.split("\n")))


def _dataset(path: str) -> Dataset:
    try:
        return load(None if path == "bundled" else path)
    except FileNotFoundError:
        _fail(f"cannot read the data: no such directory: {path}")
    except (DataError, OSError) as e:
        _fail(f"cannot read the data: {e}")


def _schema(ds: Dataset, args: argparse.Namespace) -> str:
    from ._schema import schema_text

    return schema_text().rstrip("\n")


def _export(ds: Dataset, args: argparse.Namespace) -> str | None:
    from ._convert import converter
    from ._datapackage import csv_files
    from ._export import dump, dumps_json, files
    from ._io import write_file, write_files

    output: str | None = args.output
    safe: bool = args.spreadsheet_safe
    if safe and args.format != "csv":
        msg = "--spreadsheet-safe applies to --format csv only"
        raise _UsageError(msg)
    if args.format == "sqlite":
        if args.collection is not None or output is None:
            msg = "--format sqlite writes the whole dataset to --output FILE, with no --collection"
            raise _UsageError(msg)
        _check_file(output, args.overwrite)
        ds.to_sqlite(output, overwrite=True)
        return None
    if args.collection is None:
        if args.format == "json" and output is None:
            parts = files(ds)
            whole = {**parts.pop("dataset.json"), **{name.removesuffix(".json"): v for name, v in parts.items()}}
            return dumps_json(whole).rstrip("\n")
        if output is None:
            msg = "CSV export of the whole dataset needs --output DIR (a file per collection), or --collection NAME"
            raise _UsageError(msg)
        _check_directory(output, args.overwrite)
        if args.format == "json":
            dump(ds, output, overwrite=True)
            return None
        write_files(output, csv_files(ds, spreadsheet_safe=safe), overwrite=True)
        return None
    records = getattr(ds, args.collection)
    if args.format == "json":
        text = dumps_json(converter().unstructure(records, unstructure_as=field_types(Dataset)[args.collection]))
    else:
        text = _csv(records, args.collection, safe)
    if output is None:
        return text.rstrip("\n")
    _check_file(output, args.overwrite)
    write_file(output, text.encode("utf-8"), overwrite=True)
    return None


def _csv(records: Any, name: str, spreadsheet_safe: bool) -> str:
    from ._collections import Records

    if name == "initiative":
        records = Records((records,))
    stream = io.StringIO(newline="")
    records.to_csv(stream, spreadsheet_safe=spreadsheet_safe)
    return stream.getvalue()


def _check_file(path: str, overwrite: bool) -> None:
    if os.path.islink(path):
        msg = f"--output {path} is a symbolic link: give the file itself"
        raise _UsageError(msg)
    if os.path.isdir(path):
        msg = f"--output {path} is a directory: give a file name"
        raise _UsageError(msg)
    if os.path.lexists(path) and not overwrite:
        msg = f"--output {path} exists: pass --overwrite to replace it"
        raise _UsageError(msg)


def _check_directory(path: str, overwrite: bool) -> None:
    if os.path.islink(path):
        msg = f"--output {path} is a symbolic link: give the directory itself"
        raise _UsageError(msg)
    if os.path.lexists(path) and not os.path.isdir(path):
        msg = f"--output {path} is a file: the whole dataset needs a directory"
        raise _UsageError(msg)
    if os.path.isdir(path) and os.listdir(path) and not overwrite:
        msg = f"--output {path} is not empty: pass --overwrite to replace the dataset's files in it"
        raise _UsageError(msg)


# --- The parser -------------------------------------------------------------------------

_Command = Callable[[Dataset, argparse.Namespace], "str | None"]

#: The commands that list a collection of the dataset, each named after it.
_LISTINGS = ("members", "coordinators", "presentations", "meetings", "documents")
#: The columns of records of mixed kinds, such as a search's over every collection.
_MIXED = ("kind", "id", "title")
#: The column that members --as-of adds, and what it says.
_AS_OF = "as_of"
_STANDING = "'known' (joined by then) or 'uncertain' (may have)"
#: The lines of count: the number (or that it is not known), then the answer's fields.
_COUNTED = ("count", "exact", *(f.name for f in attrs.fields(ParticipantCount)))
#: The column that search adds.
_SCORE = "score"
_FORMATS = ("table", "csv", "json")
_SHORTENED = (
    "On a terminal, cells that do not fit its width end in '…' and, where that is not enough, the last columns"
    " are left out (standard error names them), unless --wide."
)


def _summary(cls: type) -> str:
    """The first line of *cls*'s docstring, as a command's help: "the coordinators' terms, in order"."""
    first = (cls.__doc__ or "").strip().split("\n")[0].rstrip(".")
    return first[:1].lower() + first[1:]


def _epilog(name: str) -> str:
    """The help's closing text of the listing *name*: its columns, as :func:`columns` gives them, and its options."""
    coll = field_types(Dataset)[name]
    parts = [f"Columns: {', '.join(columns(coll.kind))}."]
    if name == "members":
        parts.append(f"With --as-of, also {_AS_OF}: {_STANDING}.")
    if name == "coordinators":
        parts.append("--on DATE: the term covering the whole of DATE; failing one, every term during it.")
    if hasattr(coll, "between"):
        parts.append(
            "A date may be a year, a month or a day: --from 2022 --to 2022 is the whole year; a record is listed"
            " when its date certainly lies within them, and with --uncertain also when it may."
        )
    parts.append(f"{_SHORTENED} --format csv has the columns of to_csv(); --format json, every field.")
    return " ".join(parts)


def _output_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--format", choices=_FORMATS, default="table", help="table (default), csv or json")
    sub.add_argument("--wide", action="store_true", help="never shorten a cell to fit the terminal")


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = argparse.ArgumentParser(
        prog="wto-msme",
        description="The WTO Informal Working Group on MSMEs, from the bundled data.",
        epilog="Exit status: 0 on success, 1 if data or output cannot be read or written, 2 on a usage error."
        " Tables: a header line, then a line per record; columns two spaces apart; '-' where a value is missing."
        f" {_SHORTENED}",
    )
    parser.add_argument("--version", action="version", version=f"wto_msme {__version__}, data version {DATA_VERSION}")
    parser.add_argument("--data", metavar="DIR", help="read the data from DIR (the layout of wto_msme.load) instead")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    subs: dict[str, argparse.ArgumentParser] = {}

    def add(name: str, help_: str, epilog: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_, description=help_[0].upper() + help_[1:] + ".", epilog=epilog)
        subs[name] = sub
        return sub

    add("overview", "print an overview of the group (the default)", "Plain text, in sections.")
    for name in _LISTINGS:
        coll = field_types(Dataset)[name]
        sub = add(name, "list " + _summary(coll), _epilog(name))
        _output_options(sub)
        if name == "members":
            sub.add_argument(
                "--as-of", type=_date, metavar="DATE", help="only those that had joined by DATE, or may have"
            )
        if name == "coordinators":
            sub.add_argument("--on", type=_date, metavar="DATE", help="the term covering DATE")
        if name == "presentations":
            sub.add_argument("--category", type=_category, metavar="C", help="only those of category C")
        if hasattr(coll, "between"):
            sub.add_argument("--from", dest="start", type=_date, metavar="D", help="only those dated on or after D")
            sub.add_argument("--to", dest="end", type=_date, metavar="D", help="only those dated on or before D")
            sub.add_argument("--uncertain", action="store_true", help="with --from or --to, also those that may be")
    count = add(
        "count",
        "count the participants as the WTO counts them",
        f"Lines 'name: value': {', '.join(_COUNTED)}. The count is the number where the data knows it, else"
        " 'not known; between LOW and HIGH': a bound is never given as the count. The others are those of"
        " wto_msme.Dataset.participant_count's answer: claimed, the sources' count for the day or the period"
        " holding it; data_ends, the data's end where the day is after it or none was asked (nothing later"
        " is known).",
    )
    count.add_argument("--as-of", type=_date, metavar="DATE", help="on DATE (a month or a year: its last day)")
    count.add_argument("--wide", action="store_true", help="never wrap a line to fit the terminal")
    search = add(
        "search",
        "find records by words in their titles, names and summaries",
        f"Best first. Columns: {', '.join((*_MIXED, _SCORE))}; where every hit is of one kind (always with"
        f" --collection), that kind's columns, as its own listing shows them, then {_SCORE}."
        " Searches every collection unless told one; --format csv or json writes the records found, best first,"
        " without their scores. " + _SHORTENED,
    )
    search.add_argument("text", metavar="TEXT", help="the words to look for")
    search.add_argument("--collection", type=_collection(COLLECTIONS), metavar="NAME", help="search only NAME")
    search.add_argument("--limit", type=_positive, default=20, metavar="N", help="show at most N (default: 20)")
    _output_options(search)
    show = add(
        "show",
        "print every field of a record",
        "One line per field, 'path: value'; 'collection: NAME' first. Records of several collections"
        " with the identifier are each printed, separated by a blank line. Failing an identifier, the"
        " records whose name, alias, ISO code or document symbol it is. Long lines wrap to the terminal's"
        " width, indented, unless --wide.",
    )
    show.add_argument("id", metavar="ID", help="an identifier ('chl'), a name, an alias, an ISO code or a symbol")
    show.add_argument("--collection", type=_collection(COLLECTIONS), metavar="NAME", help="look only in NAME")
    show.add_argument("--wide", action="store_true", help="never wrap a line to fit the terminal")
    export = add(
        "export",
        "write the data as JSON, CSV or a SQLite database",
        "JSON of the whole dataset: to a directory that wto_msme.load(DIR) reads, or one object on standard"
        " output. CSV: one row per record, with a header row; the whole dataset needs --output DIR"
        " (NAME.csv per collection, and datapackage.json describing them unless --spreadsheet-safe)."
        " SQLite: the whole dataset, to --output FILE.",
    )
    export.add_argument("--format", required=True, choices=("json", "csv", "sqlite"), help="the format")
    export.add_argument(
        "--collection", type=_collection(_EXPORTED), metavar="NAME", help=f"only NAME: {', '.join(_EXPORTED)}"
    )
    export.add_argument(
        "--output",
        metavar="PATH",
        help="a file (one collection, or the database) or a directory (default: standard output)",
    )
    export.add_argument("--overwrite", action="store_true", help="replace an existing file, or files in a directory")
    export.add_argument(
        "--spreadsheet-safe",
        action="store_true",
        help="CSV only: put a ' before each cell that begins with =, +, -, @, a tab or a carriage return,"
        " which a spreadsheet would run as a formula",
    )
    add("schema", "print the JSON Schema (draft 2020-12) of the data", "JSON, as wto_msme.json_schema() gives it.")
    changes = add(
        "diff",
        "list what changed between two copies of the data",
        "Lines '+ COLLECTION ID' (added), '- COLLECTION ID' (removed), '~ COLLECTION ID' (changed), each changed"
        " field below its record as 'FIELD: OLD -> NEW' in JSON; 'no differences' if they are equal.",
    )
    changes.add_argument("old", metavar="OLD", help="a data directory, or 'bundled' for the bundled data")
    changes.add_argument("new", metavar="NEW", help="a data directory, or 'bundled' for the bundled data")
    return parser, subs


_COMMANDS: dict[str, _Command] = {
    **dict.fromkeys(_LISTINGS, _list),
    "count": _count,
    "search": _search,
    "show": _show,
    "export": _export,
    "schema": _schema,
    "diff": _diff,
}


def _fail(message: str) -> NoReturn:
    sys.stderr.write(f"wto-msme: error: {message}\n")
    raise SystemExit(1)


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the command line with *argv* (default: ``sys.argv[1:]``) and return the exit status.

    Usage errors raise :class:`SystemExit` with status 2, as :mod:`argparse` does; data
    or output that cannot be read or written (standard output closed, a full disk)
    raise it with status 1, after a one-line message on standard error.
    """
    parser, subs = _parser()
    args = parser.parse_args(argv)
    command = args.command or "overview"
    if args.data == "":
        parser.error("--data needs a directory; leave it out for the bundled data")
    try:
        ds = _dataset("bundled" if args.data is None else args.data)
        output = _safe_lines(overview(ds)) if command == "overview" else _COMMANDS[command](ds, args)
    except _UsageError as e:
        subs[command].error(str(e))
    except OSError as e:
        _fail(f"cannot write the output: {e}" if command == "export" else str(e))
    except KeyboardInterrupt:  # what was being written is left as it was, or whole
        sys.stderr.write("wto-msme: interrupted\n")
        return 130
    if output is not None:
        _emit(output + "\n")
    return 0


def _emit(text: str) -> None:
    # UTF-8 whatever the locale, where the stream allows it.
    stdout = sys.stdout
    if stdout is None:  # started with standard output closed
        _fail("cannot write the output: standard output is closed")
    try:
        buffer = getattr(stdout, "buffer", None)
        if buffer is None:
            stdout.write(text)
        else:
            stdout.flush()
            buffer.write(text.encode("utf-8"))
        stdout.flush()
    except BrokenPipeError:  # the reader went away, as `| head` does
        _discard_stdout()
    except (OSError, ValueError) as e:  # a full disk, a closed stream (ValueError)
        _discard_stdout()
        _fail(f"cannot write the output: {e}")


def _discard_stdout() -> None:
    # What is still buffered would be written again, and fail again, at exit: send it nowhere.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no descriptor to replace
        sys.stdout = None


if __name__ == "__main__":
    raise SystemExit(main())
