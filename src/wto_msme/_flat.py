"""
Records as flat rows: the columns that ``to_pandas()`` and ``to_csv()`` share, and both writers.

The rules, for each field of a record's class in declaration order, by its shape
(:func:`wto_msme._describe.shapes`):

- a text, a number or a flag is one column of the field's name;
- a date (:class:`~wto_msme.PartialDate`) is two columns: ``<field>``, the first day of
  the period it stands for, and ``<field>_precision``, ``year``, ``month`` or ``day``;
- an enum is one column holding the member's value;
- a tuple is one column holding the whole tuple;
- a nested record (a member's ``joined``) gives its own columns, each prefixed with the
  field's name and an underscore: ``joined_on``, ``joined_on_precision``...; the
  provenance gives its own without a prefix (``source``, ``locator``, ``evidence``), its
  notes as ``notes``, how many there are (the notes themselves are in the JSON export);
- a date that other dates of its record bound (declared with ``_describe.after``: a
  joining's ``not_before`` ≤ ``on`` ≤ ``not_after``, a meeting's ``not_before`` ≤
  ``date`` ≤ ``not_after``) is preceded by a text column that says when in words: the
  date where known, else its bounds (``by 2020-12-11``, ``between 2021-10-22 and
  2021-12``, ``on or after 2023-03-13``), else nothing. It is named after the nested
  record that holds the dates (``joined``), or :data:`WHEN` for the record's own.

A DataFrame holds the same columns, typed, indexed by ``id`` where the records have one;
pandas is imported only when one is asked for.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING, Any, Literal

import attrs

from ._dates import Precision
from ._describe import Kind, field_types, kind_of, orderings, shapes, title
from ._model import Note, Provenance

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MIXED", "WHEN", "Column", "bounded", "columns", "columns_of", "csv_cell", "frame", "row", "write_csv"]

ColumnKind = Literal["text", "integer", "boolean", "date", "precision", "enum", "tuple", "count", "title", "bounded"]

#: The name of the column that says in words when a record's own bounded date is.
WHEN = "when"


@attrs.frozen
class Column:
    """
    One column of a flat row.
    """

    name: str
    """The column's name."""

    kind: ColumnKind
    """What it holds: a field's shape (:attr:`Kind.value <wto_msme._describe.Kind>`), or a value
    made from one: a date's ``precision``, a ``count`` of notes, a record's ``title``, a
    ``bounded`` date in words."""

    path: tuple[str, ...]
    """The attributes that lead from the record to the value (for a bounded date, to the date)."""

    optional: bool
    """Whether the value may be missing."""

    type: Any
    """The field's type (without ``None``)."""

    def value(self, record: Any) -> Any:
        """Return this column's value for *record*, as a Python object (``None`` where missing)."""
        if self.kind == "title":
            return title(record)
        if self.kind == "bounded":
            return _in_words(functools.reduce(_step, self.path[:-1], record))
        value = functools.reduce(_step, self.path, record)
        return None if value is None else _VALUES.get(self.kind, _same)(value)


def _step(value: Any, name: str) -> Any:
    return None if value is None else getattr(value, name, None)


def _same(value: Any) -> Any:
    return value


#: The value of a column of each kind made from a field's value.
_VALUES: dict[str, Callable[[Any], Any]] = {
    "date": lambda d: d.first_day,
    "precision": lambda d: d.precision.value,
    "count": len,
}


@functools.cache
def bounded(cls: type) -> tuple[str, str, str] | None:
    """
    Return the date field of *cls* that two others bound, as ``(lower, date, upper)``, or ``None``.

    It is the date declared :func:`~wto_msme._describe.after` one date (its lower bound)
    and before another (its upper bound).
    """
    pairs = orderings(cls)
    for name in field_types(cls):
        low = next((early for late, early in pairs if late == name), None)
        high = next((late for late, early in pairs if early == name), None)
        if low is not None and high is not None:
            return low, name, high
    return None


def _in_words(record: Any) -> str | None:
    """When *record*'s bounded date is, in words: the date, else its bounds; ``None`` if neither is known."""
    if record is None:
        return None
    cls: type = type(record)
    low, date, high = (getattr(record, name) for name in bounded(cls) or ())
    if low is None and high is None:
        return None if date is None else str(date)
    span = f"by {high}" if low is None else f"on or after {low}" if high is None else f"between {low} and {high}"
    return span if date is None else f"{date}, {span}"


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
    dates = bounded(cls)
    for field, shape in shapes(cls).items():
        here, name, opt = (*path, field), prefix + field, optional or shape.optional
        if dates is not None and field == dates[1]:
            yield Column(prefix.removesuffix("_") or WHEN, "bounded", here, True, str)
        if shape.kind is Kind.DATE:
            yield Column(name, "date", here, opt, shape.type)
            yield Column(f"{name}_precision", "precision", here, opt, Precision)
        elif shape.kind is Kind.RECORD:
            yield from _columns(shape.type, here, "" if shape.type is Provenance else f"{name}_", optional=opt)
        elif shape.item is not None and shape.item.type is Note:
            yield Column(name, "count", here, opt, int)
        else:
            yield Column(name, shape.kind.value, here, opt, shape.type)


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


_MISSING_PANDAS = 'to_pandas() needs pandas, which is not installed: pip install "wto_msme[pandas]"'


def frame(records: tuple[Any, ...]) -> pd.DataFrame:
    """
    Return the collection *records* as a DataFrame with the columns of :func:`columns_of`, typed.

    It is indexed by ``id`` where the records are of one kind that has one, by position otherwise.
    """
    try:
        import pandas
    except ImportError as e:
        raise ImportError(_MISSING_PANDAS) from e
    cols = columns_of(records)
    values = list(zip(*(row(r, cols) for r in records), strict=True)) or [() for _ in cols]
    df = pandas.DataFrame({c.name: _SERIES[c.kind](pandas, c, v) for c, v in zip(cols, values, strict=True)})
    cls = kind_of(records)
    return df.set_index("id") if cls is not None and "id" in field_types(cls) else df


def _texts(pd: Any, column: Column, values: tuple[Any, ...]) -> Any:
    return pd.Series(values, dtype="string")


def _numbers(pd: Any, column: Column, values: tuple[Any, ...]) -> Any:
    return pd.Series(values, dtype="Int64" if column.optional else "int64")


def _members(pd: Any, column: Column, values: tuple[Any, ...]) -> Any:
    """An enum's or a precision's values, categorical in the enum's order."""
    categories = [m.value for m in column.type]
    return pd.Series(pd.Categorical([getattr(v, "value", v) for v in values], categories=categories))


#: The Series of a column of each kind: texts, numbers and flags nullable where a value may be missing.
_SERIES: dict[str, Callable[[Any, Column, tuple[Any, ...]], Any]] = {
    "text": _texts,
    "title": _texts,
    "bounded": _texts,
    "integer": _numbers,
    "count": _numbers,
    "boolean": lambda pd, c, v: pd.Series(v, dtype="boolean" if c.optional else "bool"),
    "date": lambda pd, c, v: pd.Series(pd.to_datetime(list(v)), dtype="datetime64[ns]"),
    "precision": _members,
    "enum": _members,
    "tuple": lambda pd, c, v: pd.Series(list(v), dtype="object"),  # kept whole
}
