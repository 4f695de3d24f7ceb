"""
The JSON Schema (draft 2020-12) of the dataset layout, generated from the model.

The schema ships in the package as ``schema.json``; :func:`json_schema` returns it.
After a change to the model, regenerate it from the repository's root with::

    python -m wto_msme._schema > src/wto_msme/schema.json

A test checks that the shipped file equals what :func:`generate` gives.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import attrs

from ._dataset import Dataset
from ._describe import Kind, Shape, attribute_docs, field_types, shape

__all__ = ["SCHEMA_FILE", "generate", "json_schema", "render"]

SCHEMA_FILE = "schema.json"
"""The name of the shipped schema inside the package."""

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DATE_PATTERN = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
_ROLE = re.compile(r":[a-z:]+:`~?([^`]+)`")


def json_schema() -> dict[str, Any]:
    """
    Return the JSON Schema (draft 2020-12) of the data that :func:`wto_msme.load` reads.

    The schema describes a whole dataset as one JSON object, as
    ``wto-msme export --format json --output -`` gives it:
    ``version`` and ``current_to``, ``initiative``, and an array per collection. A
    dataset directory splits that object into files: ``dataset.json`` holds
    ``version`` and ``current_to`` (its schema is ``$defs/DatasetFile``), and each
    other file ``<name>.json`` holds the property ``<name>`` (its schema is
    ``properties/<name>``). Every record class and enum has a definition in
    ``$defs``, with the descriptions of its fields.

    The schema checks the shape of the data: the fields, their JSON types, the enum
    values and the form of dates. :func:`~wto_msme.load` checks more (that dates are
    real calendar dates, that identifiers are unique and references resolve), so data
    the schema accepts may still be refused; data it refuses, ``load`` refuses too.

    Returns:
        A new dict holding the schema, as ``wto-msme schema`` prints it.

    >>> import wto_msme
    >>> schema = wto_msme.json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> schema["properties"]["presentations"]["items"]
    {'$ref': '#/$defs/Presentation'}
    >>> schema["$defs"]["Category"]["enum"][:2]
    ['Implementation of the December 2020 Package', 'Innovation']

    .. versionadded:: 0.1.0
    """
    schema: dict[str, Any] = json.loads(schema_text())
    return schema


def schema_text() -> str:
    """Return the shipped schema file's text."""
    from importlib import resources

    return (resources.files("wto_msme") / SCHEMA_FILE).read_text("utf-8")


def render(schema: dict[str, Any]) -> str:
    """Return *schema* as the shipped file holds it."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def generate() -> dict[str, Any]:
    """
    Return the schema, generated from the model's classes (needs their source code).
    """
    defs: dict[str, Any] = {}
    root = _object(Dataset, defs)
    root.pop("description")
    defs["DatasetFile"] = {
        "type": "object",
        "description": "The content of dataset.json: the version of the data and the date it is current to.",
        "properties": {
            "version": root["properties"]["version"],
            "current_to": root["properties"]["current_to"],
        },
        "required": ["version", "current_to"],
        "additionalProperties": False,
    }
    return {
        "$schema": _DRAFT,
        "title": "wto_msme dataset",
        "description": (
            "A dataset of the WTO Informal Working Group on MSMEs, as one JSON object. A dataset directory,"
            " as wto_msme.load(path) reads it, splits it into files: dataset.json holds version and"
            " current_to (see $defs/DatasetFile), and each other file <name>.json holds the property <name>."
            " Dates are ISO 8601 strings known to the year, the month or the day (YYYY, YYYY-MM, YYYY-MM-DD)."
        ),
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = field_types(cls)
    docs = {name: _clean(doc) for name, doc in attribute_docs(cls).items()}
    properties: dict[str, Any] = {}
    required: list[str] = []
    for f in attrs.fields(cls):
        prop = _type(hints[f.name], defs)
        if f.name in docs:
            prop = {**prop, "description": docs[f.name]}
        properties[f.name] = prop
        if f.default is attrs.NOTHING:
            required.append(f.name)
    return {
        "type": "object",
        "description": _doc(cls),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _type(t: Any, defs: dict[str, Any]) -> dict[str, Any]:
    return _of_shape(shape(t), defs)


_SIMPLE = {Kind.TEXT: "string", Kind.FLAG: "boolean", Kind.INTEGER: "integer"}


def _of_shape(s: Shape, defs: dict[str, Any]) -> dict[str, Any]:
    if s.optional:
        schema = _of_shape(attrs.evolve(s, optional=False), defs)
        if set(schema) == {"type"}:
            return {"type": [schema["type"], "null"]}
        return {"anyOf": [schema, {"type": "null"}]}
    if s.kind in _SIMPLE:
        return {"type": _SIMPLE[s.kind]}
    if s.kind is Kind.DATE:
        defs["PartialDate"] = {
            "type": "string",
            "description": "A date known to the year, the month or the day: YYYY, YYYY-MM or YYYY-MM-DD.",
            "pattern": _DATE_PATTERN,
        }
        return _ref("PartialDate")
    if s.kind is Kind.ENUM:
        defs[s.type.__name__] = {"type": "string", "description": _doc(s.type), "enum": [m.value for m in s.type]}
        return _ref(s.type.__name__)
    if s.kind in (Kind.TUPLE, Kind.COLLECTION):
        assert s.item is not None
        return {"type": "array", "items": _of_shape(s.item, defs)}
    if s.type.__name__ not in defs:  # a record
        defs[s.type.__name__] = {}  # a placeholder against recursion
        defs[s.type.__name__] = _object(s.type, defs)
    return _ref(s.type.__name__)


def _clean(text: str) -> str:
    text = _ROLE.sub(r"\1", text).replace("``", "")
    return " ".join(text.split())


def _doc(obj: type) -> str:
    import inspect

    doc = inspect.getdoc(obj) or ""
    paragraphs = [p for p in doc.split("\n\n") if p.strip() and not p.lstrip().startswith(("..", ">>>"))]
    return _clean("\n\n".join(paragraphs[:1]))


if __name__ == "__main__":
    sys.stdout.write(render(generate()))
