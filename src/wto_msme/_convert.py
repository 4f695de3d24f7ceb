"""
The one cattrs converter that (un)structures every wto_msme class.

It is imported only when user data is loaded or data is exported: the bundled data
takes a faster path (see ``_data``).
"""

from __future__ import annotations

import enum
import functools
import re
from typing import Any, get_args

import attrs
import cattrs
from cattrs.errors import IterableValidationError, IterableValidationNote
from cattrs.preconf.json import JsonConverter
from cattrs.preconf.json import make_converter as _make_json_converter

from ._dates import PartialDate
from ._describe import Kind, shape
from ._io import MAX_PROBLEMS
from ._text import quote

__all__ = ["DatasetMeta", "converter", "make_converter", "problems_of"]


@attrs.frozen
class DatasetMeta:
    """
    What ``dataset.json`` holds: the data's version and the date it is current to.
    """

    version: str
    """The version of the data."""

    current_to: PartialDate
    """The date the data describes the group as of."""


def _strict(kind: type, name: str) -> Any:
    def structure(value: object, _: type) -> object:
        # bool is an int: never let True pass for a number, nor 1 for a flag.
        if type(value) is not kind:
            msg = f"expected {name}, got {type(value).__name__} {quote(value)}"
            raise TypeError(msg)
        return value

    return structure


_LONGEST = 500


def _structure_date(value: object, _: type) -> PartialDate:
    if not isinstance(value, str):
        msg = f"expected a date as a string YYYY, YYYY-MM or YYYY-MM-DD, got {quote(value)}"
        raise TypeError(msg)
    return PartialDate.from_iso(value)


def _of(kind: Kind) -> Any:
    """A predicate for cattrs: whether a type has the shape *kind* (see ``_describe.shape``)."""

    def predicate(t: Any) -> bool:
        try:
            s = shape(t)
        except (TypeError, NameError):  # a type the model does not use
            return False
        return s.kind is kind and not s.optional

    return predicate


def _structure_enum(value: object, type_: type[enum.Enum]) -> enum.Enum:
    try:
        return type_(value)
    except (ValueError, TypeError):  # TypeError: an unhashable value, such as a list
        known = ", ".join(repr(m.value) for m in type_)
        msg = f"{quote(value)} is not a valid {type_.__name__}: expected one of {known}"
        raise ValueError(msg) from None


@functools.cache
def converter() -> JsonConverter:
    """
    Return the library's converter, made at its first use and shared after.
    """
    return make_converter()


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
    conv.register_structure_hook_func(_of(Kind.ENUM), _structure_enum)

    def record_factory(t: Any) -> Any:
        inner = conv.gen_structure_attrs_fromdict(t)

        def structure(value: object, type_: Any) -> Any:
            # Without this, a list or a string in place of a record reads as
            # "'list' object has no attribute 'keys'".
            if not isinstance(value, dict):
                msg = f"expected an object {{...}}, got {type(value).__name__} {quote(value)}"
                raise TypeError(msg)
            return inner(value, type_)

        return structure

    conv.register_structure_hook_factory(_of(Kind.RECORD), record_factory)

    def tuple_factory(t: Any) -> Any:
        item_type = get_args(t)[0]
        item = conv.get_structure_hook(item_type)

        def structure(value: object, type_: Any) -> Any:
            if not isinstance(value, list):
                msg = f"expected a list, got {type(value).__name__} {quote(value)}"
                raise TypeError(msg)
            items, errors = [], []
            for i, v in enumerate(value):
                try:
                    items.append(item(v, item_type))
                except Exception as e:  # collected and reported, as cattrs does
                    e.__traceback__ = None  # a file may hold millions of bad items: keep no frames
                    note = IterableValidationNote(f"@ index {i}", i, item_type)
                    e.__notes__ = [*getattr(e, "__notes__", ()), note]  # type: ignore[attr-defined]  # 3.11+ name
                    errors.append(e)
                    if len(errors) == MAX_PROBLEMS and i + 1 < len(value):
                        errors.append(_Stopped(i + 1, len(value)))
                        break
            if errors:
                raise IterableValidationError(f"While structuring {t!r}", errors, t)
            return tuple(items)

        return structure

    conv.register_structure_hook_factory(_of(Kind.TUPLE), tuple_factory)

    def collection_structure(t: Any) -> Any:
        items = conv.get_structure_hook(tuple[t.kind, ...])
        return lambda value, _: t(items(value, tuple[t.kind, ...]))

    def collection_unstructure(t: Any) -> Any:
        return conv.get_unstructure_hook(tuple[t.kind, ...])

    conv.register_structure_hook_factory(_of(Kind.COLLECTION), collection_structure)
    conv.register_unstructure_hook_factory(_of(Kind.COLLECTION), collection_unstructure)
    return conv


class _Stopped(Exception):  # noqa: N818 - not an error of its own: where checking stopped
    """A list had so many bad items that checking it stopped."""

    def __init__(self, checked: int, total: int) -> None:
        super().__init__(f"stopped after {MAX_PROBLEMS} bad items: items {checked} to {total - 1} were not checked")


def problems_of(error: Exception, root: str) -> tuple[str, ...]:
    """
    Describe a structuring error as ``location: what was wrong`` lines.

    *root* names the top of the structured value, such as ``"presentations"``. At most
    :data:`MAX_PROBLEMS` lines are listed, then a line says how many more there are.
    """
    if not isinstance(error, cattrs.BaseValidationError):
        return (f"{root}: {error}",)
    lines = [_relocate(line) for line in cattrs.transform_error(error, path=root, format_exception=_format)]
    # Where checking stopped is said last, never folded into the count of the rest.
    stops = [line for line in lines if _STOP.fullmatch(line)]
    lines = [line for line in lines if not _STOP.fullmatch(line)]
    if len(lines) > MAX_PROBLEMS + 1:
        lines[MAX_PROBLEMS:] = [f"{root}: {len(lines) - MAX_PROBLEMS} more problems not listed"]
    return (*lines, *stops)


_STOP = re.compile(rf"\S+: stopped after {MAX_PROBLEMS} bad items: items \d+ to \d+ were not checked")


def _format(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, _Stopped):
        return str(exc)
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        extra = sorted(exc.extra_fields)
        keys = ", ".join(k if len(k) <= 40 else k[:37] + "..." for k in extra[:10])
        more = f" and {len(extra) - 10} more" if len(extra) > 10 else ""
        return f"unknown field(s) {keys}{more} (the known fields are those of {exc.cl.__name__})"
    if hasattr(exc, "field"):  # a record refused a value of one of its fields (see _model.Record)
        return f"{_FIELD}{exc.field}{_FIELD}{getattr(exc, 'problem', exc)}"
    name = getattr(type_, "__name__", None) or str(type_)
    text = str(exc)
    if len(text) > _LONGEST:  # a message quoting a very long value
        text = text[: _LONGEST - 3] + "..."
    return f"invalid value for {name}: {text}"


def _relocate(line: str) -> str:
    # cattrs writes "message @ path"; we lead with the location.
    message, sep, path = line.rpartition(" @ ")
    if not sep:
        return line
    if message.startswith(_FIELD):
        _, field, message = message.split(_FIELD, 2)
        path = f"{path}.{field}"
    return f"{path}: {message}"


_FIELD = "\x00"  # marks the field a record's own error names, from _format to _relocate
