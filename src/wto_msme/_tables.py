"""
A dataset as tables: its collections by name, each table's key and the columns that hold ids.

What the SQLite database and the Data Package share, read from the model: a collection
(or a single record, such as the initiative) of the dataset is a table, its columns are
the flat columns of ``to_csv()``, it is keyed by its ``id`` where its kind has one, and a
column refers to another table where the field it comes from is declared with
``_describe.refers``.
"""

from __future__ import annotations

import functools
from typing import Any

from ._collections import Records
from ._describe import Kind, field_types, references, shapes, unwrap_optional
from ._flat import Column

__all__ = ["KEY", "collections", "has_key", "target"]

#: The field that identifies a record, where its kind has one.
KEY = "id"


def collections(dataset: Any) -> dict[str, tuple[type, tuple[Any, ...]]]:
    """
    Return the kind of record and the records of each collection of *dataset* by name, in declaration order.

    A field that holds a single record, such as the initiative, is a collection of one.
    """
    found: dict[str, tuple[type, tuple[Any, ...]]] = {}
    kind: type = type(dataset)
    for name, shape in shapes(kind).items():
        value = getattr(dataset, name)
        if shape.kind is Kind.COLLECTION and shape.item is not None:
            found[name] = (shape.item.type, value)
        elif shape.kind is Kind.RECORD:
            found[name] = (shape.type, Records((value,)))
    return found


@functools.cache
def has_key(cls: type) -> bool:
    """
    Return whether records of *cls* are identified by a field :data:`KEY`.
    """
    return KEY in field_types(cls)


@functools.cache
def target(cls: type, column: Column) -> str | None:
    """
    Return the collection whose ids the flat *column* of *cls* holds, or ``None`` if it holds none.
    """
    owner = cls
    for name in column.path[:-1]:
        owner = unwrap_optional(field_types(owner)[name])[0]
    return dict(references(owner)).get(column.path[-1])
