"""
How records look: concise reprs in a terminal, HTML tables in Jupyter.

Display shortens long text; the data never is. Nothing here imports the model: the
functions work on any attrs record, and ``_model`` and ``_collections`` attach them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs

from ._dates import PartialDate
from ._describe import kind_of, title

__all__ = [
    "DETAIL_WIDTH",
    "REPR_WIDTH",
    "ROW_LIMIT",
    "SUMMARY_WIDTH",
    "TABLE_WIDTH",
    "collection_html",
    "collection_repr",
    "dataset_html",
    "escape",
    "record_html",
    "record_repr",
    "shorten",
]

REPR_WIDTH = 60
"""The most characters of a text a repr shows."""

SUMMARY_WIDTH = 40
"""The most characters of a title a collection's summary shows."""

TABLE_WIDTH = 80
"""The most characters of a text a cell of a collection's table shows."""

DETAIL_WIDTH = 300
"""The most characters of a text a single record's table shows."""

ROW_LIMIT = 60
"""A collection's table shows every row up to this many, else the first 25 and the last 5."""

_HEAD, _TAIL = 25, 5
_TUPLE_ITEMS = 3  # a repr shows this many items of a longer tuple


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


def collection_html(records: tuple[Any, ...]) -> str:
    """
    Return a collection as an HTML table: a row per record, a column per field.

    A collection of mixed kinds has the columns kind, id and title. Long collections
    show their first 25 and last 5 rows; long texts are shortened, the whole text in the
    cell's tooltip.
    """
    cls = kind_of(records)
    caption = f"{len(records)} {cls.__name__ + ' ' if cls else ''}records"
    if not records:
        return f'<table class="wto-msme records"><caption>{escape(caption)}</caption></table>'
    names = [f.name for f in attrs.fields(cls)] if cls is not None else ["kind", "id", "title"]
    head = "<tr><th>#</th>" + "".join(f"<th>{escape(n)}</th>" for n in names) + "</tr>"
    shown: list[int | None] = list(range(len(records)))
    if len(records) > ROW_LIMIT:
        shown = [*range(_HEAD), None, *range(len(records) - _TAIL, len(records))]
    body = []
    for i in shown:
        if i is None:
            more = len(records) - _HEAD - _TAIL
            body.append(f'<tr><th>…</th><td colspan="{len(names)}">{more} more records</td></tr>')
            continue
        record = records[i]
        values = (
            [getattr(record, n) for n in names]
            if cls is not None
            else [type(record).__name__, getattr(record, "id", None), title(record)]
        )
        body.append(f"<tr><th>{i}</th>" + "".join(f"<td>{_cell(v, TABLE_WIDTH)}</td>" for v in values) + "</tr>")
    return (
        f'<table class="wto-msme records"><caption>{escape(caption)}</caption>'
        f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"
    )


def collection_repr(records: tuple[Any, ...]) -> str:
    """
    Return a collection's short summary: how many records of which kind, and the first few titles.
    """
    cls = kind_of(records)
    kind = f"{cls.__name__} records" if cls is not None else "records"
    if not records:
        return f"<0 {kind}>"
    shown = [shorten(title(r), SUMMARY_WIDTH) for r in records[:_TUPLE_ITEMS]]
    more = ", …" if len(records) > _TUPLE_ITEMS else ""
    return f"<{len(records)} {kind}: {', '.join(shown)}{more}>"


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
