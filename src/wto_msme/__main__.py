r"""
The command line: ``python -m wto_msme`` (or ``wto-msme``).

Commands (``wto-msme COMMAND --help`` describes each):

``overview`` (the default)
    An overview of the group.
``members [--as-of DATE]``
    The participants; with ``--as-of``, those known to have joined by DATE and those
    that may have (column ``as_of``: ``known`` or ``uncertain``).
``coordinators``
    The coordinators' terms.
``presentations [--category C] [--from D] [--to D]``
    The presentations, optionally of one category and from and to a date.
``search TEXT [--collection NAME] [--limit N]``
    The records that match TEXT, best first: their kind, id and title or, where every
    hit is of one kind, the columns of that kind's own listing.
``show ID [--collection NAME]``
    Every field of the record(s) with that identifier; failing that, of the participant
    with that name, alias or ISO code (as ``ds.members.find`` finds it).
``export --format json|csv|sqlite [--collection NAME] [--output PATH] [--overwrite]``
    The data as JSON, CSV or a SQLite database.
``schema``
    The JSON Schema of the data.
``diff OLD NEW``
    What changed between two copies of the data (each a directory, or ``bundled``).

Output. Lists are plain text tables: a header line of column names, then a line per
record in the data's order; columns are separated by two spaces and padded to their
widest value (the last one is not padded); texts are never shortened; a missing value
or an empty tuple is ``-``. ``show`` prints one line per field, ``path: value``, where the path names
nested fields with dots and items of tuples of records with ``[i]``
(``provenance.notes[0].kind``);
tuples of texts or numbers are joined with ``, ``, newlines in texts are written
``\n``; when several collections have a record with the identifier (a participant
and the same WTO Member), each is printed, preceded by a line ``collection: NAME``
and separated by a blank line.

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
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn

import attrs

from ._data import DATA_VERSION, load
from ._dataset import COLLECTIONS, Dataset
from ._dates import PartialDate, parse_when
from ._describe import field_types, kind_of, scanned_fields, title
from ._text import fold
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


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """
    Return *rows* under *header* as aligned plain text, two spaces between columns.
    """
    lines = [list(header), *(list(r) for r in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for line in lines:
        padded = [cell.ljust(w) for cell, w in zip(line[:-1], widths, strict=False)]
        out.append("  ".join([*padded, line[-1]]))
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
    return str(value).replace("\n", "\\n")


def _listed(cls: type) -> list[str]:
    """The columns a listing of *cls* shows: its id, then the fields a reader scans first."""
    return ["id", *scanned_fields(cls)] if "id" in field_types(cls) else list(scanned_fields(cls))


def listing(records: Sequence[Any]) -> str:
    """
    Return a collection as a plain-text table of the columns :func:`_listed` picks.
    """
    cls = kind_of(records)
    names = _listed(cls) if cls is not None else ["kind", "id", "title"]
    rows = (
        [_text(getattr(r, n)) for n in names]
        if cls is not None
        else [type(r).__name__, _text(getattr(r, "id", None)), title(r)]
        for r in records
    )
    return table(names, rows)


def _field_lines(record: Any, prefix: str = "") -> Iterable[str]:
    for f in attrs.fields(type(record)):
        value = getattr(record, f.name)
        path = prefix + f.name
        if attrs.has(type(value)) and not isinstance(value, PartialDate):
            yield from _field_lines(value, path + ".")
        elif isinstance(value, tuple) and value and attrs.has(type(value[0])):
            for i, item in enumerate(value):
                yield from _field_lines(item, f"{path}[{i}].")
        else:
            yield f"{path}: {_text(value)}"


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


def _members(ds: Dataset, args: argparse.Namespace) -> str:
    if args.as_of is None:
        return listing(ds.members)
    standing = ds.members.as_of(args.as_of)
    state = {m.id: "known" for m in standing.known} | {m.id: "uncertain" for m in standing.uncertain}
    names = _listed(ds.members.kind)
    rows = ([*(_text(getattr(m, n)) for n in names), state[m.id]] for m in ds.members if m.id in state)
    return table([*names, "as_of"], rows)


def _coordinators(ds: Dataset, args: argparse.Namespace) -> str:
    return listing(ds.coordinators)


def _presentations(ds: Dataset, args: argparse.Namespace) -> str:
    found = ds.presentations
    if args.start is not None or args.end is not None:
        start = args.start if args.start is not None else PartialDate(1)
        end = args.end if args.end is not None else PartialDate(9999)
        if start.first_day > end.last_day:
            msg = f"--from {start} comes after --to {end}"
            raise _UsageError(msg)
        found = found.between(start, end)
    if args.category is not None:
        found = found.by_category()[args.category]
    return listing(found)


def _search(ds: Dataset, args: argparse.Namespace) -> str:
    records = getattr(ds, args.collection) if args.collection else ds
    try:
        return listing(records.search(args.text, limit=args.limit))
    except ValueError as e:
        raise _UsageError(str(e)) from None


def _show(ds: Dataset, args: argparse.Namespace) -> str:
    names = (args.collection,) if args.collection else COLLECTIONS
    blocks = [
        "\n".join([f"collection: {name}", *_field_lines(r)])
        for name in names
        if (r := getattr(ds, name).get(args.id)) is not None
    ]
    if not blocks and "members" in names:
        try:
            member = ds.members.find(args.id)
        except (LookupError, ValueError):
            pass
        else:
            blocks.append("\n".join(["collection: members", *_field_lines(member)]))
    if not blocks:
        ids = sorted({r.id for name in names for r in getattr(ds, name)})
        close = difflib.get_close_matches(args.id, ids, n=3)
        hint = f"; the closest are {', '.join(close)}" if close else ""
        where = f"in {args.collection}" if args.collection else "in the data"
        msg = f"no record has the identifier {args.id!r} {where}{hint}"
        raise _UsageError(msg)
    return "\n\n".join(blocks)


def _diff(ds: Dataset, args: argparse.Namespace) -> str:
    from ._diff import diff

    try:
        return str(diff(*(load() if path == "bundled" else path for path in (args.old, args.new))))
    except (DataError, OSError) as e:
        _fail(f"cannot read the data: {e}")


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


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = argparse.ArgumentParser(
        prog="wto-msme",
        description="The WTO Informal Working Group on MSMEs, from the bundled data.",
        epilog="Exit status: 0 on success, 1 if data or output cannot be read or written, 2 on a usage error."
        " Tables: a header line, then a line per record; columns two spaces apart; '-' where a value is missing.",
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
    members = add(
        "members",
        "list the participants",
        "Columns: id, name, kind, joined (a date, 'by DATE', 'on or after DATE', 'between DATE and DATE' or 'unknown');"
        " with --as-of, also as_of: 'known' (joined by then) or 'uncertain' (may have).",
    )
    members.add_argument("--as-of", type=_date, metavar="DATE", help="only those that had joined by DATE, or may have")
    add("coordinators", "list the coordinators' terms", "Columns: id, name, start, end ('-' where unknown or ongoing).")
    presentations = add(
        "presentations",
        "list the presentations",
        "Columns: id, date, institution, category, title; in the order of the source list."
        " A date may be a year, a month or a day: --from 2022 --to 2022 is the whole year.",
    )
    presentations.add_argument("--category", type=_category, metavar="C", help="only those of category C")
    presentations.add_argument("--from", dest="start", type=_date, metavar="D", help="only those given on or after D")
    presentations.add_argument("--to", dest="end", type=_date, metavar="D", help="only those given on or before D")
    search = add(
        "search",
        "find records by words in their titles, names and summaries",
        "Best first. Columns: kind, id, title; where every hit is of one kind (always with --collection),"
        " that kind's columns, as its own listing shows them. Searches every collection unless told one.",
    )
    search.add_argument("text", metavar="TEXT", help="the words to look for")
    search.add_argument("--collection", type=_collection(COLLECTIONS), metavar="NAME", help="search only NAME")
    search.add_argument("--limit", type=_positive, default=20, metavar="N", help="show at most N (default: 20)")
    show = add(
        "show",
        "print every field of a record",
        "One line per field, 'path: value'; 'collection: NAME' first. Records of several collections"
        " with the identifier are each printed, separated by a blank line.",
    )
    show.add_argument("id", metavar="ID", help="the record's identifier, such as 'chl', or a participant's name")
    show.add_argument("--collection", type=_collection(COLLECTIONS), metavar="NAME", help="look only in NAME")
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
    "members": _members,
    "coordinators": _coordinators,
    "presentations": _presentations,
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
        output = overview(ds) if command == "overview" else _COMMANDS[command](ds, args)
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
