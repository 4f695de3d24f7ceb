"""
A fast, trusting structurer for the bundled data.

The bundled data is checked by the test suite against the strict cattrs converter
(``_convert``), which gives equal datasets; this path exists so that ``load()`` does
not pay for importing cattrs. It assumes well-formed input and is never used for
data a user supplies.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from ._dates import PartialDate

__all__ = ["structurer"]

_Maker = Callable[[Any], Any]
_cache: dict[Any, _Maker] = {}


def _identity(value: Any) -> Any:
    return value


def structurer(t: Any) -> _Maker:
    """
    Return a function that builds a *t* from its JSON form.
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
        return PartialDate.from_iso
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return t
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin is tuple:
        inner = structurer(args[0])
        return lambda v: tuple(map(inner, v))
    if origin is typing.Union or origin is types.UnionType:
        (other,) = (a for a in args if a is not type(None))
        inner = structurer(other)
        return lambda v: None if v is None else inner(v)
    if attrs.has(t):
        return _make_class(t)
    msg = f"no fast structurer for {t!r}"  # pragma: no cover - a model change
    raise TypeError(msg)


def _make_class(cls: type) -> _Maker:
    hints = typing.get_type_hints(cls)
    fields = tuple((f.name, structurer(hints[f.name])) for f in attrs.fields(cls))

    def build(data: dict[str, Any]) -> Any:
        return cls(**{name: make(data[name]) for name, make in fields if name in data})

    return build
