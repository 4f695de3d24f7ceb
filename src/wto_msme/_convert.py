"""
The one cattrs converter that (un)structures every wto_msme class.

It is imported only when user data is loaded or data is exported: the bundled data
takes a faster path (see ``_data``).
"""

from __future__ import annotations

from typing import Any, get_args, get_origin

import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.preconf.json import JsonConverter
from cattrs.preconf.json import make_converter as _make_json_converter

from ._dates import PartialDate

__all__ = ["make_converter", "problems_of"]


def _strict(kind: type, name: str) -> Any:
    def structure(value: object, _: type) -> object:
        # bool is an int: never let True pass for a number, nor 1 for a flag.
        if type(value) is not kind:
            msg = f"expected {name}, got {type(value).__name__} {_short(value)}"
            raise TypeError(msg)
        return value

    return structure


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _structure_date(value: object, _: type) -> PartialDate:
    if not isinstance(value, str):
        msg = f"expected a date as a string YYYY, YYYY-MM or YYYY-MM-DD, got {_short(value)}"
        raise TypeError(msg)
    return PartialDate.from_iso(value)


def _is_homogeneous_tuple(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def make_converter() -> JsonConverter:
    """
    Return a new converter that (un)structures every wto_msme class.

    It is strict: unknown keys, missing keys, values of the wrong JSON type (a number
    for a string, a string for a list) and unknown enum values are all rejected.
    Dates are ISO strings (:class:`~wto_msme.PartialDate`), enums their values,
    tuples JSON arrays.

    .. versionadded:: 0.1.0
    """
    conv = _make_json_converter(forbid_extra_keys=True)
    conv.register_structure_hook(str, _strict(str, "a string"))
    conv.register_structure_hook(int, _strict(int, "an integer"))
    conv.register_structure_hook(bool, _strict(bool, "true or false"))
    conv.register_structure_hook(PartialDate, _structure_date)
    conv.register_unstructure_hook(PartialDate, str)

    def tuple_factory(t: Any) -> Any:
        inner = homogenous_tuple_structure_factory(t, conv)

        def structure(value: object, type_: Any) -> Any:
            if not isinstance(value, list):
                msg = f"expected a list, got {type(value).__name__} {_short(value)}"
                raise TypeError(msg)
            return inner(value, type_)

        return structure

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_factory)
    return conv


def problems_of(error: Exception, root: str) -> tuple[str, ...]:
    """
    Describe a structuring error as ``location: what was wrong`` lines.

    *root* names the top of the structured value, such as ``"presentations"``.
    """
    if isinstance(error, cattrs.BaseValidationError):
        lines = cattrs.transform_error(error, path=root, format_exception=_format)
        return tuple(_relocate(line) for line in lines)
    return (f"{root}: {error}",)


def _format(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        keys = ", ".join(sorted(exc.extra_fields))
        return f"unknown field(s) {keys} (the known fields are those of {exc.cl.__name__})"
    name = getattr(type_, "__name__", None) or str(type_)
    return f"invalid value for {name}: {exc}"


def _relocate(line: str) -> str:
    # cattrs writes "message @ path"; we lead with the location.
    message, sep, path = line.rpartition(" @ ")
    if not sep:
        return line
    return f"{path}: {message}"
