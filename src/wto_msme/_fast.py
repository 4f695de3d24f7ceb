"""
A fast, trusting structurer for the bundled data.

The test suite proves that it gives the bundled data exactly as the strict cattrs
converter (``_convert``) does; it exists so that ``load()`` does not pay for importing
cattrs. It assumes well-formed input and is never used for
data a user supplies.

It is derived from the model's declarations, as the converter is, and built to be
cheap at a cold start: each class's builder is made once and converts only the fields
whose JSON form differs from their value (dates, enums, records, tuples).
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from ._collections import Records
from ._dates import PartialDate
from ._describe import field_types

__all__ = ["structurer"]

_Maker = Callable[[Any], Any]
_cache: dict[Any, _Maker] = {}


def _identity(value: Any) -> Any:
    return value


def structurer(t: Any) -> _Maker:
    """
    Return a function that builds a *t* from its JSON form, which it changes in place.
    """
    try:
        return _cache[t]
    except (KeyError, TypeError):
        pass
    maker = _make(t)
    _cache[t] = maker
    return maker


def _make(t: Any) -> _Maker:
    if t in (str, int, bool, type(None)):
        return _identity
    if t is PartialDate:
        return _dates()
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return {member.value: member for member in t}.__getitem__
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin is tuple:
        inner = structurer(args[0])
        if inner is _identity:
            return tuple
        return lambda v: tuple(map(inner, v))
    if origin is typing.Union or origin is types.UnionType:
        (other,) = (a for a in args if a is not type(None))
        inner = structurer(other)
        if inner is _identity:
            return _identity
        return lambda v: None if v is None else inner(v)
    if isinstance(t, type) and issubclass(t, Records):  # a collection of one kind of record
        return _compose(t, structurer(tuple[t.kind, ...]))
    if attrs.has(t):
        return _make_class(t)
    msg = f"no fast structurer for {t!r}"  # pragma: no cover - a model change
    raise TypeError(msg)


def _compose(outer: _Maker, inner: _Maker) -> _Maker:
    return lambda v: outer(inner(v))


def _dates() -> _Maker:
    # Many records share a date: read each distinct one once (a PartialDate is immutable).
    known: dict[str, PartialDate] = {}

    def date(text: str) -> PartialDate:
        if text not in known:
            known[text] = PartialDate.from_iso(text)
        return known[text]

    return date


def _make_class(cls: type) -> _Maker:
    fields = ((name, structurer(t)) for name, t in field_types(cls).items())
    conversions = tuple((name, make) for name, make in fields if make is not _identity)

    def build(data: dict[str, Any]) -> Any:
        # The dict is fresh from json.loads and used once: convert it in place.
        for name, make in conversions:
            if name in data:
                data[name] = make(data[name])
        return cls(**data)

    return build
