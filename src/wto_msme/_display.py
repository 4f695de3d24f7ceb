"""
How records look: concise reprs in a terminal, HTML tables in Jupyter.

Display shortens long text; the data never is. Nothing here imports the model: the
functions work on any attrs record, and ``_model`` attaches them to its classes.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any, SupportsIndex, TypeVar, overload

import attrs

from ._dates import PartialDate

__all__ = [
    "DETAIL_WIDTH",
    "REPR_WIDTH",
    "ROW_LIMIT",
    "TABLE_WIDTH",
    "Records",
    "dataset_html",
    "escape",
    "record_html",
    "record_repr",
    "shorten",
]

REPR_WIDTH = 60
"""The most characters of a text a repr shows."""

TABLE_WIDTH = 80
"""The most characters of a text a cell of a collection's table shows."""

DETAIL_WIDTH = 300
"""The most characters of a text a single record's table shows."""

ROW_LIMIT = 60
"""A collection's table shows every row up to this many, else the first 25 and the last 5."""

_HEAD, _TAIL = 25, 5
_TUPLE_ITEMS = 3  # a repr shows this many items of a longer tuple

_T_co = TypeVar("_T_co", covariant=True)


def escape(text: str) -> str:
    """
    Return *text* with the characters that HTML gives a meaning to replaced by references.

    It does what :func:`html.escape` does, quotes included, without importing it.

    >>> escape('<a href="x">Q&A</a>')
    '&lt;a href=&quot;x&quot;&gt;Q&amp;A&lt;/a&gt;'
    """
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def shorten(text: str, width: int) -> str:
    """
    Return *text* cut to at most *width* characters, ending in "…" if it was cut.

    >>> shorten("Global Trade Helpdesk update", 12)
    'Global Trad…'
    """
    if len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…"


def _is_record(value: object) -> bool:
    return attrs.has(type(value)) and not isinstance(value, PartialDate)


def _holds_records(value: object) -> bool:
    return isinstance(value, tuple) and bool(value) and _is_record(value[0])


# --- Reprs ------------------------------------------------------------------------------


def _brief(value: Any) -> str:
    if isinstance(value, str):
        return repr(shorten(value, REPR_WIDTH))
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, PartialDate):
        return repr(str(value))
    if _holds_records(value):
        return f"<{len(value)} {type(value[0]).__name__} records>"
    if isinstance(value, tuple):
        shown = [_brief(v) for v in value[:_TUPLE_ITEMS]]
        if len(value) > _TUPLE_ITEMS:
            shown.append(f"… {len(value) - _TUPLE_ITEMS} more")
        elif len(value) == 1:
            return f"({shown[0]},)"
        return f"({', '.join(shown)})"
    if _is_record(value):
        return record_repr(value)
    return repr(value)


def record_repr(self: Any) -> str:
    """
    Return a concise repr of a record: every field, long texts and tuples shortened.

    Texts show at most :data:`REPR_WIDTH` characters, tuples their first three items
    (tuples of records only how many there are), dates their ISO form and enums their
    member names.
    """
    fields = ", ".join(f"{f.name}={_brief(getattr(self, f.name))}" for f in attrs.fields(type(self)))
    return f"{type(self).__name__}({fields})"


# --- HTML -------------------------------------------------------------------------------


def _text_cell(text: str, width: int) -> str:
    short = shorten(text, width)
    if text.startswith(("https://", "http://")) and not any(c.isspace() for c in text):
        return f'<a href="{escape(text)}" title="{escape(text)}">{escape(short)}</a>'
    if short != text:
        return f'<span title="{escape(text)}">{escape(short)}</span>'
    return escape(text)


def _plain(value: Any) -> str:
    """Return the text of a simple value as a table shows it."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if _holds_records(value):
        return f"{len(value)} {type(value[0]).__name__} records"
    if isinstance(value, tuple):
        return ", ".join(_plain(v) for v in value)
    if _is_record(value):
        if hasattr(value, "source") and hasattr(value, "notes"):  # a provenance
            notes = len(value.notes)
            return f"{value.source}" + (f" ({notes} note{'s' if notes != 1 else ''})" if notes else "")
        return "; ".join(
            f"{f.name}: {_plain(getattr(value, f.name))}"
            for f in attrs.fields(type(value))
            if getattr(value, f.name) not in (None, ())
        )
    return str(value)


def _cell(value: Any, width: int) -> str:
    return _text_cell(_plain(value), width)


def record_html(self: Any) -> str:
    """
    Return a record as an HTML table of its fields, one row each, for Jupyter.

    Nested records (such as the provenance) get a row per field, and each note a row.
    Texts show at most :data:`DETAIL_WIDTH` characters; the whole text is in the
    cell's tooltip.
    """
    rows = "".join(f"<tr><th>{escape(name)}</th><td>{cell}</td></tr>" for name, cell in _detail_rows(self, ""))
    caption = escape(type(self).__name__ + (f" {self.id}" if isinstance(getattr(self, "id", None), str) else ""))
    return f'<table class="wto-msme record"><caption>{caption}</caption><tbody>{rows}</tbody></table>'


def _detail_rows(record: Any, prefix: str) -> Iterable[tuple[str, str]]:
    for f in attrs.fields(type(record)):
        value = getattr(record, f.name)
        name = prefix + f.name
        if _is_record(value):
            yield from _detail_rows(value, name + ".")
        elif _holds_records(value):
            for i, item in enumerate(value):
                yield f"{name}[{i}]", _cell(item, DETAIL_WIDTH)
        else:
            yield name, _cell(value, DETAIL_WIDTH)


def _table_html(records: tuple[Any, ...]) -> str:
    classes = {type(r) for r in records}
    (cls,) = classes if len(classes) == 1 else (None,)
    caption = f"{len(records)} {cls.__name__ if cls is not None else ''} records".replace("  ", " ")
    if not records:
        return f'<table class="wto-msme records"><caption>{escape(caption)}</caption></table>'
    names = [f.name for f in attrs.fields(cls)] if cls is not None and _is_record(records[0]) else []
    head = "<tr><th>#</th>" + "".join(f"<th>{escape(n)}</th>" for n in names or ["record"]) + "</tr>"
    shown: list[int | None] = list(range(len(records)))
    if len(records) > ROW_LIMIT:
        shown = [*range(_HEAD), None, *range(len(records) - _TAIL, len(records))]
    body = []
    for i in shown:
        if i is None:
            more = len(records) - _HEAD - _TAIL
            body.append(f'<tr><th>…</th><td colspan="{max(len(names), 1)}">{more} more records</td></tr>')
            continue
        record = records[i]
        if names:
            cells = [_cell(getattr(record, n), TABLE_WIDTH) for n in names]
        else:
            cells = [_text_cell(repr(record), TABLE_WIDTH)]
        body.append(f"<tr><th>{i}</th>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (
        f'<table class="wto-msme records"><caption>{escape(caption)}</caption>'
        f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"
    )


def dataset_html(self: Any) -> str:
    """
    Return a dataset as an HTML table: its version, its date and the size of each collection.
    """
    rows = [("version", escape(self.version)), ("current_to", escape(str(self.current_to)))]
    for f in attrs.fields(type(self)):
        value = getattr(self, f.name)
        if isinstance(value, tuple):
            rows.append((f.name, f"{len(value)} record{'' if len(value) == 1 else 's'}"))
    body = "".join(f"<tr><th>{escape(n)}</th><td>{v}</td></tr>" for n, v in rows)
    return f'<table class="wto-msme dataset"><caption>Dataset</caption><tbody>{body}</tbody></table>'


def _id_or_brief(record: object) -> str:
    identifier = getattr(record, "id", None)
    return identifier if isinstance(identifier, str) else _brief(record)


class Records(tuple[_T_co, ...]):
    """
    A collection of records: an immutable tuple that displays itself as a table.

    Every collection of a :class:`~wto_msme.Dataset` is one, such as
    ``ds.presentations``. It is a ``tuple`` in all but its looks: it compares equal
    to the plain tuple of the same records, hashes like it and cannot be changed; a
    slice is a ``Records`` too. In a terminal its repr names how many records it holds
    and the first identifiers; in Jupyter it shows as an HTML table with a row per
    record (every row up to 60 rows, else the first 25 and the last 5)
    and a column per field, long texts shortened with the whole text in the tooltip.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> ds.coordinators
    <3 CoordinatorTerm records: casanueva, cancela, wilson>
    >>> ds.coordinators == tuple(ds.coordinators)
    True

    .. versionadded:: 0.1.0
    """

    __slots__ = ()

    @overload
    def __getitem__(self, index: SupportsIndex) -> _T_co: ...

    @overload
    def __getitem__(self, index: slice) -> Records[_T_co]: ...

    def __getitem__(self, index: SupportsIndex | slice) -> _T_co | Records[_T_co]:
        if isinstance(index, slice):
            return Records(super().__getitem__(index))
        return super().__getitem__(index)

    def __repr__(self) -> str:
        classes = {type(r).__name__ for r in self}
        kind = f"{classes.pop()} records" if len(classes) == 1 else "records"
        if not self:
            return f"<0 {kind}>"
        ids = [_id_or_brief(r) for r in self[:_TUPLE_ITEMS]]
        more = ", …" if len(self) > _TUPLE_ITEMS else ""
        return f"<{len(self)} {kind}: {', '.join(ids)}{more}>"

    def _repr_html_(self) -> str:
        return _table_html(tuple(self))
