"""
Records as flat rows: the columns that ``to_pandas()`` and ``to_csv()`` share.

The rules, for each field of a record's class in declaration order:

- a text, a number or a flag is one column of the field's name;
- a date (:class:`~wto_msme.PartialDate`) is two columns: ``<field>``, the first day of
  the period it stands for, and ``<field>_precision``, ``year``, ``month`` or ``day``;
- an enum is one column holding the member's value;
- a tuple is one column holding the whole tuple;
- the provenance is four columns: ``source``, ``locator``, ``evidence`` and ``notes``,
  the number of notes (the notes themselves are in the JSON export);
- another nested record (a member's ``joined``) gives its own columns, each prefixed
  with the field's name and an underscore: ``joined_on``, ``joined_on_precision``...
"""

from __future__ import annotations

import enum
import functools
import os
import re
import typing
from collections.abc import Iterable
from typing import IO, Any, Literal

import attrs

from ._dates import PartialDate, Precision
from ._describe import field_types, kind_of, title, unwrap_optional
from ._model import Provenance

__all__ = ["MIXED", "Column", "columns", "columns_of", "csv_cell", "row", "write_csv"]

Kind = Literal["text", "integer", "boolean", "date", "precision", "enum", "tuple", "count", "title"]


@attrs.frozen
class Column:
    """
    One column of a flat row.
    """

    name: str
    """The column's name."""

    kind: Kind
    """What it holds."""

    path: tuple[str, ...]
    """The attributes that lead from the record to the value."""

    optional: bool
    """Whether the value may be missing."""

    type: Any
    """The field's type (without ``None``)."""

    def value(self, record: Any) -> Any:
        """Return this column's value for *record*, as a Python object (``None`` where missing)."""
        if self.kind == "title":
            return title(record)
        value = record
        for name in self.path:
            if value is None:
                return None
            value = getattr(value, name, None)
        if value is None:
            return None
        if self.kind == "date":
            return value.first_day
        if self.kind == "precision":
            return value.precision.value
        if self.kind == "count":
            return len(value)
        return value


def _kind(t: Any) -> Kind:
    if t is str:
        return "text"
    if t is bool:
        return "boolean"
    if t is int:
        return "integer"
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return "enum"
    if typing.get_origin(t) is tuple:
        return "tuple"
    msg = f"no flat column for {t!r}"  # pragma: no cover - a model change
    raise TypeError(msg)


@functools.cache
def columns(cls: type) -> tuple[Column, ...]:
    """
    Return the flat columns of records of *cls*, in order.
    """
    result = tuple(_columns(cls, (), "", optional=False))
    names = [c.name for c in result]
    if len(set(names)) != len(names):  # pragma: no cover - a model change
        msg = f"the flat columns of {cls.__name__} repeat a name: {names}"
        raise RuntimeError(msg)
    return result


def _columns(cls: type, path: tuple[str, ...], prefix: str, *, optional: bool) -> Iterable[Column]:
    for f in attrs.fields(cls):
        t, maybe = unwrap_optional(field_types(cls)[f.name])
        here = (*path, f.name)
        name = prefix + f.name
        opt = optional or maybe
        if t is PartialDate:
            yield Column(name, "date", here, opt, t)
            yield Column(f"{name}_precision", "precision", here, opt, Precision)
        elif t is Provenance:
            yield Column("source", "text", (*here, "source"), opt, str)
            yield Column("locator", "text", (*here, "locator"), True, str)
            yield Column("evidence", "tuple", (*here, "evidence"), opt, tuple[str, ...])
            yield Column("notes", "count", (*here, "notes"), opt, int)
        elif attrs.has(t):
            yield from _columns(t, here, f"{name}_", optional=opt)
        else:
            yield Column(name, _kind(t), here, opt, t)


def row(record: Any, cols: tuple[Column, ...]) -> tuple[Any, ...]:
    """
    Return the values of *record* in *cols*, as Python objects.
    """
    return tuple(c.value(record) for c in cols)


def csv_cell(column: Column, value: Any) -> str:
    """
    Return *value* as CSV export writes it in *column*.

    Missing values are empty; flags ``true`` or ``false``; dates ``YYYY-MM-DD``; enums
    their values; tuples JSON arrays (of objects, for tuples of records).
    """
    if value is None:
        return ""
    if column.kind == "boolean":
        return "true" if value else "false"
    if column.kind == "date":
        return str(value.isoformat())
    if column.kind == "enum":
        return str(value.value)
    if column.kind == "tuple":
        import json

        from ._convert import converter

        return json.dumps(converter().unstructure(value, unstructure_as=column.type), ensure_ascii=False)
    return str(value)


#: The columns of a collection of mixed kinds, such as a search over a whole dataset.
MIXED = (
    Column("kind", "text", ("__class__", "__name__"), optional=False, type=str),
    Column("id", "text", ("id",), optional=True, type=str),
    Column("title", "title", (), optional=False, type=str),
)


def columns_of(records: tuple[Any, ...]) -> tuple[Column, ...]:
    """Return the columns of a collection: its kind's, or :data:`MIXED` for mixed kinds."""
    cls = kind_of(records)
    return MIXED if cls is None else columns(cls)


def write_csv(
    records: tuple[Any, ...], file: str | os.PathLike[str] | IO[str], *, spreadsheet_safe: bool = False
) -> int:
    r"""
    Write the collection *records* as CSV with a header row to *file*; return the number of rows.

    Lines end in ``\n``. A cell is quoted, as :data:`csv.QUOTE_MINIMAL` does, when it
    holds a comma, a double quote (doubled inside), a line feed or a carriage return
    (which :mod:`csv` leaves bare when lines end in ``\n``), so that every cell reads
    back as written, whatever line ends the reader expects. A stream should be opened with ``newline=""``, as
    :mod:`csv` asks; a path is written as UTF-8 and replaced whole, or left as it was.
    Every row is made before the first is written.

    With *spreadsheet_safe*, a cell that a spreadsheet would run as a formula, one that
    begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, is written with
    a ``'`` before it, which spreadsheets show as text. The file then no longer holds
    the values exactly: leave it off for files read by programs.
    """
    cols = columns_of(records)
    lines = [_csv_line([c.name for c in cols], spreadsheet_safe=spreadsheet_safe)]
    lines.extend(
        _csv_line(
            [csv_cell(c, v) for c, v in zip(cols, row(record, cols), strict=True)], spreadsheet_safe=spreadsheet_safe
        )
        for record in records
    )
    text = "".join(lines)
    if isinstance(file, str | os.PathLike):
        from ._io import write_file  # only when writing a file

        write_file(file, text.encode("utf-8"), overwrite=True)
    else:
        file.write(text)
    return len(records)


#: What makes a cell quoted: the delimiter, the quote, a line end of any platform.
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')
#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_line(cells: list[str], *, spreadsheet_safe: bool) -> str:
    if cells == [""]:  # a row of one empty cell is not a blank line
        return '""\n'
    return ",".join(_csv_quote(c, spreadsheet_safe=spreadsheet_safe) for c in cells) + "\n"


def _csv_quote(cell: str, *, spreadsheet_safe: bool) -> str:
    if spreadsheet_safe and cell.startswith(FORMULA_STARTS):
        cell = "'" + cell
    if _NEEDS_QUOTES.search(cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell
