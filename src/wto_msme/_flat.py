"""
Records as flat rows: the columns that :func:`wto_msme.to_pandas` and CSV export share.

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
import types
import typing
from collections.abc import Iterable
from typing import IO, Any, Literal

import attrs

from ._dates import PartialDate, Precision
from ._model import Provenance

__all__ = ["Column", "columns", "csv_cell", "row", "write_csv"]

Kind = Literal["text", "integer", "boolean", "date", "precision", "enum", "tuple", "count"]


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
        value = record
        for name in self.path:
            if value is None:
                return None
            value = getattr(value, name)
        if value is None:
            return None
        if self.kind == "date":
            return value.first_day
        if self.kind == "precision":
            return value.precision.value
        if self.kind == "count":
            return len(value)
        return value


def _unwrap_optional(t: Any) -> tuple[Any, bool]:
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(t) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return t, False


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
    hints = typing.get_type_hints(cls)
    for f in attrs.fields(cls):
        t, maybe = _unwrap_optional(hints[f.name])
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

        from ._export import _converter

        return json.dumps(_converter().unstructure(value, unstructure_as=column.type), ensure_ascii=False)
    return str(value)


def write_csv(records: Iterable[Any], cls: type, stream: IO[str]) -> int:
    r"""
    Write *records* of *cls* to *stream* as CSV with a header row; return the number of rows.

    Lines end in ``\n``. The stream should be opened with ``newline=""``, as :mod:`csv`
    asks. Every record is checked and turned into cells before the first line is written.
    """
    import csv

    cols = columns(cls)
    items = list(records)
    for i, record in enumerate(items):
        if type(record) is not cls:
            msg = f"item {i}: expected a {cls.__name__}, got {type(record).__name__}"
            raise TypeError(msg)
    lines = [[csv_cell(c, v) for c, v in zip(cols, row(record, cols), strict=True)] for record in items]
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([c.name for c in cols])
    writer.writerows(lines)
    return len(lines)
