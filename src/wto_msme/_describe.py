"""
What the model declares about a record class: its fields' types, its searched fields, its title.

The one reading of the model's declarations that export, display, search, the schema,
the command line and the strategies share.
"""

from __future__ import annotations

import enum
import functools
import sys
import types
import typing
from typing import Any

import attrs

from ._dates import PartialDate

__all__ = [
    "FIELDS_HEADING",
    "FieldDocs",
    "TITLE",
    "Kind",
    "Shape",
    "after",
    "attribute_docs",
    "code",
    "earliest",
    "exact_types",
    "field_types",
    "kind_of",
    "marked",
    "orderings",
    "references",
    "refers",
    "scanned_fields",
    "searched_fields",
    "shape",
    "shapes",
    "title",
    "title_field",
    "unwrap_optional",
    "weigh",
    "within",
]

TITLE = 10
"""The search weight of the field that names a record: its title, headline or name."""


def refers(collection: str) -> dict[str, str]:
    """
    Return the metadata of a field that holds the id (or ids) of records of *collection*.

    ``attrs.field(metadata=refers("members"))``: the integrity checks require every such
    id to be one of that collection of the dataset, and generated datasets respect it.
    """
    return {"refers": collection}


@functools.cache
def references(cls: type) -> tuple[tuple[str, str], ...]:
    """
    Return each field of *cls* that holds ids of other records, with the collection they are in.
    """
    return tuple((f.name, f.metadata["refers"]) for f in attrs.fields(cls) if "refers" in f.metadata)


def after(*fields: str) -> dict[str, tuple[str, ...]]:
    """
    Return the metadata of a date field that cannot lie wholly before the date *fields* of its record.

    ``end: PartialDate | None = attrs.field(metadata=after("start"))``: a record whose
    ``end`` lies wholly before its ``start`` is refused at construction. Dates that
    may share a day (``2025`` and ``2025-01-01``) are in order.
    """
    return {"after": fields}


@functools.cache
def orderings(cls: type) -> tuple[tuple[str, str], ...]:
    """
    Return each pair ``(later, earlier)`` of date fields of *cls* that :func:`after` orders.
    """
    return tuple((f.name, e) for f in attrs.fields(cls) for e in f.metadata.get("after", ()))


def code(pattern: str) -> dict[str, str]:
    """
    Return the metadata of a field that holds a code of the form *pattern* (a regular expression).

    No two records of a collection share a code (the integrity checks say where one
    does), and generated records draw codes of that form: ``attrs.field(metadata=code("[A-Z]{2}"))``.
    """
    return {"code": pattern}


def within(low: int, high: int) -> dict[str, tuple[int, int]]:
    """
    Return the metadata of a number field (or a tuple of numbers) whose values lie from *low* to *high*.
    """
    return {"within": (low, high)}


def earliest(day: PartialDate) -> dict[str, PartialDate]:
    """
    Return the metadata of a date field whose dates may lie before the group's first event, down to *day*.

    Every other date of a record lies between the group's first event and the date
    the data is current to (the integrity checks say where one does not).
    """
    return {"earliest": day}


@functools.cache
def marked(cls: type, key: str) -> tuple[tuple[str, Any], ...]:
    """
    Return each field of *cls* whose metadata holds *key* (``"code"``, ``"within"``, ...), with its value.
    """
    return tuple((f.name, f.metadata[key]) for f in attrs.fields(cls) if key in f.metadata)


def weigh(weight: float) -> dict[str, float]:
    """
    Return the metadata of a field that search reads, weighing *weight*: ``attrs.field(metadata=weigh(2))``.

    The one field of a record class that weighs :data:`TITLE` names its records in
    tables, summaries and citations.
    """
    return {"search": weight}


@functools.cache
def field_types(cls: type) -> dict[str, Any]:
    """
    Return the type of each field of the attrs class *cls*, in declaration order.
    """
    hints = typing.get_type_hints(cls)  # each class of its MRO in the namespace of its own module
    return {f.name: hints[f.name] for f in attrs.fields(cls)}


def unwrap_optional(t: Any) -> tuple[Any, bool]:
    """
    Return ``(X, True)`` for a type ``X | None``, and ``(t, False)`` for any other type *t*.
    """
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(t) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return t, False


class Kind(enum.Enum):
    """
    The shapes a field of the model can have; :func:`shape` says which a type is.
    """

    TEXT = "text"
    """A string."""
    INTEGER = "integer"
    """A whole number."""
    FLAG = "boolean"
    """``True`` or ``False``."""
    ENUM = "enum"
    """A member of one of :mod:`wto_msme.enums`."""
    DATE = "date"
    """A :class:`~wto_msme.PartialDate`."""
    TUPLE = "tuple"
    """A tuple of values of one shape, :attr:`Shape.item`."""
    RECORD = "record"
    """An attrs record, nested in another."""
    COLLECTION = "collection"
    """A typed collection of records of one kind, :attr:`Shape.item`."""


@attrs.frozen
class Shape:
    """
    What shape a field (or a type) has, whether it may be ``None``, and of what it is made.
    """

    kind: Kind
    """The shape."""

    type: Any
    """The type itself, ``None`` left out: ``str``, an enum class, a record class, ``tuple[X, ...]``."""

    optional: bool = False
    """Whether the value may be ``None``."""

    item: Shape | None = None
    """For a tuple, its items' shape; for a collection, its records' shape."""


@functools.cache
def shape(t: Any) -> Shape:
    """
    Return the shape of the type *t*: the one dispatch on a type that every walk of the model uses.

    Raises:
        TypeError: *t* is no shape the model uses.
    """
    inner, optional = unwrap_optional(t)
    if optional:
        return attrs.evolve(shape(inner), optional=True)
    simple = {str: Kind.TEXT, int: Kind.INTEGER, bool: Kind.FLAG, PartialDate: Kind.DATE}
    if t in simple:
        return Shape(simple[t], t)
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return Shape(Kind.ENUM, t)
    if typing.get_origin(t) is tuple:
        return Shape(Kind.TUPLE, t, item=shape(typing.get_args(t)[0]))
    item = getattr(t, "kind", None)
    if isinstance(t, type) and issubclass(t, tuple) and isinstance(item, type) and attrs.has(item):
        return Shape(Kind.COLLECTION, t, item=shape(item))
    if attrs.has(t):
        return Shape(Kind.RECORD, t)
    msg = f"the model has no shape for {t!r}"
    raise TypeError(msg)


@functools.cache
def exact_types(cls: type) -> tuple[tuple[str, frozenset[type], frozenset[type] | None], ...]:
    """
    Return each field of *cls* with the exact types its values may have, and those of a tuple's items.

    A quick test of a record's values: a value of another type (a subclass, say) is
    then checked against its field's :class:`Shape`.
    """

    def types(s: Shape) -> frozenset[type]:
        exact = tuple if s.kind is Kind.TUPLE else s.type
        return frozenset({exact, type(None)} if s.optional else {exact})

    return tuple(
        (name, types(s), types(s.item) if s.kind is Kind.TUPLE and s.item is not None else None)
        for name, s in shapes(cls).items()
    )


@functools.cache
def shapes(cls: type) -> dict[str, Shape]:
    """
    Return the shape of each field of the attrs class *cls*, in declaration order.
    """
    return {name: shape(t) for name, t in field_types(cls).items()}


@functools.cache
def searched_fields(cls: type) -> tuple[tuple[str, float], ...]:
    """
    Return the fields of *cls* that search reads and their weights, its title first.
    """
    fields = [(f.name, f.metadata["search"]) for f in attrs.fields(cls) if "search" in f.metadata]
    return tuple(sorted(fields, key=lambda f: f[1] != TITLE))


@functools.cache
def title_field(cls: type) -> str | None:
    """
    Return the name of the field that names records of *cls*, or ``None`` if none does.
    """
    return next((name for name, weight in searched_fields(cls) if weight == TITLE), None)


def title(record: Any) -> str:
    """
    Return what names *record*: its title, headline or name (its id, or its first field, where it has none).

    Where that is ``None`` (a document with no visible symbol), the heaviest other text
    search reads names it (the document's description).
    """
    fields = field_types(type(record))  # type: ignore[arg-type]
    name = title_field(type(record)) or ("id" if "id" in fields else next(iter(fields), None))  # type: ignore[arg-type]
    value = None if name is None else getattr(record, name, None)
    if value is None:
        texts = [(w, n) for n, w in searched_fields(type(record)) if isinstance(getattr(record, n, None), str)]  # type: ignore[arg-type]
        value = getattr(record, max(texts)[1]) if texts else None
    if value is None:
        return type(record).__name__
    return str(getattr(value, "value", value))


def kind_of(records: Any) -> type | None:
    """
    Return the class of the records of the collection *records*, or ``None`` if they are of mixed kinds.
    """
    cls: type | None = getattr(type(records), "kind", None)
    if cls is None and records and len({type(r) for r in records}) == 1:
        cls = type(records[0])
    return cls


#: The search weight from which a field counts among those a reader scans first.
_SCANNED_WEIGHT = 4


@functools.cache
def scanned_fields(cls: type) -> tuple[str, ...]:
    """
    Return the fields of *cls* a reader scans first, for tables and listings.

    They are its title, the other fields search weighs at least 4 (who presented or
    published it, its other names), then every field holding a date, a kind (an enum) or
    a value with a short string form of its own (a joining), in declaration order.
    """
    names = [n for n in (title_field(cls),) if n is not None]
    names += [n for n, w in searched_fields(cls) if w >= _SCANNED_WEIGHT and n not in names and n != "id"]
    for name, s in shapes(cls).items():
        short = s.kind in (Kind.DATE, Kind.ENUM) or (s.kind is Kind.RECORD and "__str__" in vars(s.type))
        if short and name not in names:
            names.append(name)
    return tuple(names)


def attribute_docs(cls: type) -> dict[str, str]:
    """
    Return the docstring written under each attribute of *cls* in its source, by name.

    Both annotated fields (``name: str`` with a string on the next line) and plain
    assignments, such as enum members, count.
    """
    import ast
    import inspect
    import itertools
    import textwrap

    node = _class_nodes(cls.__module__).get(cls.__qualname__)
    if node is None:  # not a class at the top of its module
        node = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0]
    body = node.body  # type: ignore[union-attr]
    docs: dict[str, str] = {}
    for stmt, after in itertools.pairwise(body):
        target: ast.expr | None = None
        if isinstance(stmt, ast.AnnAssign):
            target = stmt.target
        elif isinstance(stmt, ast.Assign):
            target = stmt.targets[0]
        if (
            isinstance(target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[target.id] = inspect.cleandoc(after.value.value)
    return docs


@functools.cache
def _class_nodes(module: str) -> dict[str, Any]:
    """The classes at the top of *module*'s source, by name, parsed once."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(sys.modules[module]))
    return {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}


class FieldDocs:
    """
    A class docstring that lists the class's fields with their meanings.

    The meanings are the docstrings under the fields in the source, read the first time
    the docstring is, so that ``help()`` explains each field as the API reference does,
    at no cost at import. Where the source is not installed (a package compiled to
    bytecode alone), they are the descriptions of the shipped JSON Schema, and a class
    the schema does not describe keeps its plain docstring.
    """

    def __init__(self, doc: str) -> None:
        self.doc = doc
        self.full: str | None = None

    def __get__(self, obj: object, cls: type | None = None) -> str:
        if self.full is None:
            import inspect

            assert cls is not None
            try:
                docs = attribute_docs(cls)
            except (OSError, TypeError):  # no source: compiled to bytecode alone
                docs = _schema_docs(cls.__name__)
            lines = [f"    {name}: {' '.join(text.split())}" for name, text in docs.items()]
            fields = "\n\n" + FIELDS_HEADING + "\n" + "\n".join(lines) if lines else ""
            self.full = inspect.cleandoc(self.doc) + fields
        return self.full


def _schema_docs(name: str) -> dict[str, str]:
    """The description of each field of the class *name* in the shipped JSON Schema, if it has one."""
    import json
    from importlib import resources

    schema = json.loads((resources.files("wto_msme") / "schema.json").read_text("utf-8"))
    properties = schema["$defs"].get(name, {}).get("properties", {})
    return {field: p["description"] for field, p in properties.items() if "description" in p}


FIELDS_HEADING = "Fields:"
"""The line after which a record class's docstring lists its fields (see :class:`FieldDocs`)."""
