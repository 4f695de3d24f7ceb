"""
The CSV export of a dataset as a Frictionless Data Package: the files and their ``datapackage.json``.

The descriptor is read from the model: a resource per collection, the fields of its flat
columns with their types and the docstrings of the fields they come from, its primary key
(``id``) and its foreign keys (a column holding another record's id). A column holding
several ids is a JSON array, which a foreign key cannot describe: its description names
the records it refers to.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ._describe import attribute_docs, field_types, unwrap_optional
from ._export import dumps_json
from ._flat import Column, columns, write_csv
from ._tables import KEY, collections, has_key, target

__all__ = ["DESCRIPTOR", "LICENCE", "csv_files", "descriptor"]

#: The name of the descriptor beside the CSV files.
DESCRIPTOR = "datapackage.json"

#: The licence of the project and its data (``license`` in pyproject.toml).
LICENCE = {"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License"}

#: The Table Schema type of each kind of flat column.
_TYPES = {
    "text": "string",
    "integer": "integer",
    "boolean": "boolean",
    "date": "date",
    "precision": "string",
    "enum": "string",
    "tuple": "array",
    "count": "integer",
    "bounded": "string",
}

#: A Sphinx cross-reference (``:attr:`Member.id```) or inline literal, written as Markdown code.
_MARKUP = re.compile(r":[a-z]+:`~?([^`]+)`|``(.+?)``")


def csv_files(dataset: Any, *, spreadsheet_safe: bool = False) -> dict[str, bytes]:
    """
    Return the CSV export of *dataset*, file name to bytes: ``NAME.csv`` per collection, and the descriptor.

    With *spreadsheet_safe* (see :func:`wto_msme._flat.write_csv`) the cells no longer hold
    the values exactly, and no descriptor is written: it would describe other values.
    """
    files: dict[str, bytes] = {}
    for name, (_, records) in collections(dataset).items():
        stream = io.StringIO(newline="")
        write_csv(records, stream, spreadsheet_safe=spreadsheet_safe)
        files[f"{name}.csv"] = stream.getvalue().encode("utf-8")
    if not spreadsheet_safe:
        files[DESCRIPTOR] = dumps_json(descriptor(dataset)).encode("utf-8")
    return files


def descriptor(dataset: Any) -> dict[str, Any]:
    """
    Return the Data Package descriptor of the CSV export of *dataset*, as JSON values.
    """
    return {
        "profile": "tabular-data-package",
        "name": "wto-msme",
        "title": "The WTO Informal Working Group on MSMEs (wto_msme)",
        "description": f"Data version {dataset.version}, current to {dataset.current_to}.",
        "version": dataset.version,
        "licenses": [LICENCE],
        "resources": [_resource(name, cls) for name, (cls, _) in collections(dataset).items()],
    }


def _resource(name: str, cls: type) -> dict[str, Any]:
    fields: list[dict[str, Any]] = []
    keys: list[dict[str, Any]] = []
    for column in columns(cls):
        field: dict[str, Any] = {"name": column.name, "type": _TYPES[column.kind]}
        field["description"] = _description(cls, column)
        constraints: dict[str, Any] = {"required": True} if not column.optional else {}
        if column.kind in ("enum", "precision"):
            constraints["enum"] = [m.value for m in column.type]
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
        refers = target(cls, column)
        if refers is not None and column.kind != "tuple":
            keys.append({"fields": [column.name], "reference": {"resource": refers, "fields": [KEY]}})
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if has_key(cls):
        schema["primaryKey"] = [KEY]
    if keys:
        schema["foreignKeys"] = keys
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": _text((cls.__doc__ or cls.__name__).strip().split("\n\n")[0]),
        "schema": schema,
    }


def _description(cls: type, column: Column) -> str:
    """The docstring of the field *column* comes from, and how the column holds it."""
    owner = cls
    for name in column.path[:-1]:
        owner = unwrap_optional(field_types(owner)[name])[0]
    doc = _text(attribute_docs(owner).get(column.path[-1], ""))
    if column.kind == "date":
        return f"{doc} Its first day; {column.name}_precision says whether it is a year, a month or a day."
    if column.kind == "precision":
        return f"The precision of {column.name.removesuffix('_precision')}: {', '.join(m.value for m in column.type)}."
    if column.kind == "bounded":
        return "When, in words: the date where known, else its bounds (by …, between … and …, on or after …)."
    if column.kind == "count":
        return f"The number of {column.name} (the JSON export and the SQLite database hold them): {doc}"
    refers = target(cls, column)
    if column.kind == "tuple" and refers is not None:
        return f"{doc} A JSON array of ids of {refers}."
    return doc


def _text(doc: str) -> str:
    """A docstring as one line of Markdown."""
    return " ".join(_MARKUP.sub(lambda m: f"`{m[1] or m[2]}`", doc).split())
