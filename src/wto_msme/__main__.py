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
    The records that match TEXT, best first.
``show ID [--collection NAME]``
    Every field of the record(s) with that identifier; failing that, of the participant
    with that name, alias or ISO code (as :func:`wto_msme.find_member` finds it).
``export --format json|csv [--collection NAME] [--output PATH] [--overwrite]``
    The data as JSON or CSV.
``schema``
    The JSON Schema of the data.

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
(see :func:`wto_msme.dump`); without, as one JSON object on standard output (as
``wto_msme.to_records(ds)`` gives it; the schema describes it). With ``--collection
NAME`` it writes that collection (a JSON array; ``initiative``, an object) to
``--output FILE`` or standard output. ``--format csv`` writes a collection as CSV, one
row per record, with a header row and the columns of ``wto_msme.to_pandas`` (dates as
the first day ``YYYY-MM-DD`` plus a ``<field>_precision`` column, enums as their values,
tuples as JSON arrays, the provenance as ``source``, ``locator``, ``evidence`` and
``notes``, the number of notes); without ``--collection`` it needs ``--output DIR`` and
writes ``NAME.csv`` for each collection (``initiative.csv`` has one row). Everything is
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
import typing
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn

import attrs

from ._data import LAYOUT, load
from ._dates import PartialDate
from ._model import Category, Dataset, Member
from ._text import fold
from ._when import parse_when
from .exceptions import DataError

__all__ = ["main"]

#: The collections, by name, in the layout's order.
COLLECTIONS: tuple[str, ...] = tuple(key for key, type_ in LAYOUT.values() if type_ is not None)
_LISTS = tuple(name for name in COLLECTIONS if name != "initiative")
#: The collections that ``search`` looks in, unless told one.
_SEARCHED = (
    "members",
    "coordinators",
    "recommendations",
    "presentations",
    "news",
    "publications",
    "declarations",
    "documents",
)
_MISSING = "-"


def overview(ds: Dataset) -> str:
    """
    Return a plain-text overview of the group from *ds*.
    """
    ini = ds.initiative
    current = next((t for t in ds.coordinators if t.end is None), None)
    members = {m.id: m for m in ds.members}
    lines = [
        ini.group_name,
        "=" * len(ini.group_name),
        f"Status: {ini.status}",
        f"Established: {ini.established} (Joint Ministerial Statement, MC11)",
        f"Participants: {ini.participants_claimed} of {ini.wto_members_claimed} WTO Members"
        f" as of {ini.participation_as_of}, {ini.world_exports_share} of world exports;"
        f" {len(ds.members)} listed, the European Union counted once",
    ]
    if current is not None:
        lines.append(f"Coordinator: {current.name} ({members[current.member].name}) since {current.start}")
    lines.append("")
    lines.append("The December 2020 package:")
    lines.extend(f"  Annex {r.annex}: {r.title}" for r in ds.recommendations)
    lines.append("")
    lines.append(
        f"Records: {len(ds.presentations)} presentations, {len(ds.news)} news items,"
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


def _label(record: Any) -> str:
    for name in ("title", "headline", "name", "symbol", "wording", "id"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            return value
    return type(record).__name__  # pragma: no cover - every record has one of them


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
    header = ["id", "name", "kind", "joined"]
    if args.as_of is None:
        return table(header, ([m.id, m.name, _text(m.kind), str(m.joined)] for m in ds.members))
    from ._members import members_as_of

    standing = members_as_of(ds.members, args.as_of)
    state = {m.id: "known" for m in standing.known} | {m.id: "uncertain" for m in standing.uncertain}
    rows = ([m.id, m.name, _text(m.kind), str(m.joined), state[m.id]] for m in ds.members if m.id in state)
    return table([*header, "as_of"], rows)


def _coordinators(ds: Dataset, args: argparse.Namespace) -> str:
    names = {m.id: m.name for m in ds.members}
    rows = (
        [
            t.id,
            t.name,
            names.get(t.member, t.member),
            _text(t.start) if t.start else "unknown",
            _text(t.end) if t.end else "ongoing",
        ]
        for t in ds.coordinators
    )
    return table(["id", "name", "member", "start", "end"], rows)


def _presentations(ds: Dataset, args: argparse.Namespace) -> str:
    from ._presentations import presentations_between

    found: Sequence[Any] = ds.presentations
    if args.start is not None or args.end is not None:
        start = args.start if args.start is not None else PartialDate(1)
        end = args.end if args.end is not None else PartialDate(9999)
        if start.first_day > end.last_day:
            msg = f"--from {start} comes after --to {end}"
            raise _UsageError(msg)
        found = presentations_between(found, start, end)
    if args.category is not None:
        found = [p for p in found if p.category is args.category]
    rows = ([p.id, _text(p.date), p.institution, _text(p.category), p.title] for p in found)
    return table(["id", "date", "institution", "category", "title"], rows)


def _search(ds: Dataset, args: argparse.Namespace) -> str:
    from ._search import search

    names = (args.collection,) if args.collection else _SEARCHED
    of: dict[int, str] = {}
    records: list[Any] = []
    for name in names:
        for r in getattr(ds, name):
            of[id(r)] = name
            records.append(r)
    try:
        hits = search(records, args.text, limit=args.limit)
    except ValueError as e:
        raise _UsageError(str(e)) from None
    rows = ([of[id(h.record)], h.record.id, h.field, _label(h.record)] for h in hits)
    return table(["collection", "id", "field", "title"], rows)


def _show(ds: Dataset, args: argparse.Namespace) -> str:
    names = (args.collection,) if args.collection else _LISTS
    blocks = []
    for name in names:
        for r in getattr(ds, name):
            if r.id == args.id:
                blocks.append("\n".join([f"collection: {name}", *_field_lines(r)]))
    if not blocks and "members" in names:
        member = _member_named(ds, args.id)
        if member is not None:
            blocks.append("\n".join(["collection: members", *_field_lines(member)]))
    if not blocks:
        ids = sorted({r.id for name in names for r in getattr(ds, name)})
        close = difflib.get_close_matches(args.id, ids, n=3)
        hint = f"; the closest are {', '.join(close)}" if close else ""
        where = f"in {args.collection}" if args.collection else "in the data"
        msg = f"no record has the identifier {args.id!r} {where}{hint}"
        raise _UsageError(msg)
    return "\n\n".join(blocks)


def _member_named(ds: Dataset, text: str) -> Member | None:
    from ._lookup import find_member

    try:
        return find_member(ds.members, text)
    except (LookupError, ValueError):
        return None


def _schema(ds: Dataset, args: argparse.Namespace) -> str:
    from ._schema import schema_text

    return schema_text().rstrip("\n")


def _export(ds: Dataset, args: argparse.Namespace) -> str | None:
    from ._export import dump, dumps_json, to_records

    output: str | None = args.output
    if args.collection is None:
        if args.format == "json" and output is None:
            return dumps_json(to_records(ds)).rstrip("\n")
        if output is None:
            msg = "CSV export of the whole dataset needs --output DIR (a file per collection), or --collection NAME"
            raise _UsageError(msg)
        if args.format == "json":
            _check_directory(output, args.overwrite)
            dump(ds, output, overwrite=True)
            return None
        files = {f"{name}.csv": _csv(getattr(ds, name), name) for name in COLLECTIONS}
        _check_directory(output, args.overwrite)
        os.makedirs(output, exist_ok=True)
        for filename, text in files.items():
            _write(os.path.join(output, filename), text)
        return None
    records = getattr(ds, args.collection)
    text = dumps_json(to_records(records)) if args.format == "json" else _csv(records, args.collection)
    if output is None:
        return text.rstrip("\n")
    if os.path.isdir(output):
        msg = f"--output {output} is a directory: give a file name for one collection"
        raise _UsageError(msg)
    if os.path.exists(output) and not args.overwrite:
        msg = f"--output {output} exists: pass --overwrite to replace it"
        raise _UsageError(msg)
    _write(output, text)
    return None


def _csv(records: Any, name: str) -> str:
    from ._flat import write_csv

    type_ = LAYOUT[f"{name}.json"][1]
    if name == "initiative":
        cls, records = type_, (records,)
    else:
        (cls, _) = typing.get_args(type_)
    stream = io.StringIO(newline="")
    write_csv(records, cls, stream)
    return stream.getvalue()


def _check_directory(path: str, overwrite: bool) -> None:
    if os.path.exists(path) and not os.path.isdir(path):
        msg = f"--output {path} is a file: the whole dataset needs a directory"
        raise _UsageError(msg)
    if os.path.isdir(path) and os.listdir(path) and not overwrite:
        msg = f"--output {path} is not empty: pass --overwrite to replace the dataset's files in it"
        raise _UsageError(msg)


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


# --- The parser -------------------------------------------------------------------------

_Command = Callable[[Dataset, argparse.Namespace], "str | None"]


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = argparse.ArgumentParser(
        prog="wto-msme",
        description="The WTO Informal Working Group on MSMEs, from the bundled data.",
        epilog="Exit status: 0 on success, 1 if data or output cannot be read or written, 2 on a usage error."
        " Tables: a header line, then a line per record; columns two spaces apart; '-' where a value is missing.",
    )
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
    add("coordinators", "list the coordinators' terms", "Columns: id, name, member, start, end ('ongoing').")
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
        f"Columns: collection, id, field (the one that matched best), title; best first."
        f" Searches {', '.join(_SEARCHED)}.",
    )
    search.add_argument("text", metavar="TEXT", help="the words to look for")
    search.add_argument("--collection", type=_collection(_LISTS), metavar="NAME", help="search only NAME")
    search.add_argument("--limit", type=_positive, default=20, metavar="N", help="show at most N (default: 20)")
    show = add(
        "show",
        "print every field of a record",
        "One line per field, 'path: value'; 'collection: NAME' first. Records of several collections"
        " with the identifier are each printed, separated by a blank line.",
    )
    show.add_argument("id", metavar="ID", help="the record's identifier, such as 'chl', or a participant's name")
    show.add_argument("--collection", type=_collection(_LISTS), metavar="NAME", help="look only in NAME")
    export = add(
        "export",
        "write the data as JSON or CSV",
        "JSON of the whole dataset: to a directory that wto_msme.load(DIR) reads, or one object on standard"
        " output. CSV: one row per record, with a header row; the whole dataset needs --output DIR"
        " (NAME.csv per collection).",
    )
    export.add_argument("--format", required=True, choices=("json", "csv"), help="the format")
    export.add_argument(
        "--collection", type=_collection(COLLECTIONS), metavar="NAME", help=f"only NAME: {', '.join(COLLECTIONS)}"
    )
    export.add_argument(
        "--output", metavar="PATH", help="a file (one collection) or a directory (default: standard output)"
    )
    export.add_argument("--overwrite", action="store_true", help="replace an existing file, or files in a directory")
    add("schema", "print the JSON Schema (draft 2020-12) of the data", "JSON, as wto_msme.json_schema() gives it.")
    return parser, subs


_COMMANDS: dict[str, _Command] = {
    "members": _members,
    "coordinators": _coordinators,
    "presentations": _presentations,
    "search": _search,
    "show": _show,
    "export": _export,
    "schema": _schema,
}


def _fail(message: str) -> NoReturn:
    sys.stderr.write(f"wto-msme: error: {message}\n")
    raise SystemExit(1)


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the command line with *argv* (default: ``sys.argv[1:]``) and return the exit status.

    Usage errors raise :class:`SystemExit` with status 2, as :mod:`argparse` does.
    """
    parser, subs = _parser()
    args = parser.parse_args(argv)
    command = args.command or "overview"
    try:
        ds = load(args.data)
    except FileNotFoundError:
        _fail(f"cannot read the data: no such directory: {args.data}")
    except (DataError, OSError) as e:
        _fail(f"cannot read the data: {e}")
    try:
        output = overview(ds) if command == "overview" else _COMMANDS[command](ds, args)
    except _UsageError as e:
        subs[command].error(str(e))
    except OSError as e:
        _fail(str(e))
    if output is not None:
        _emit(output + "\n")
    return 0


def _emit(text: str) -> None:
    # UTF-8 whatever the locale, where the stream allows it.
    try:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away, as `| head` does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    raise SystemExit(main())
