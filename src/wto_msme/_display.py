"""
How records look: concise reprs in a terminal, HTML tables in Jupyter.

Display shortens long text; the data never is. Nothing here imports the model: the
functions work on any attrs record, and ``_model`` and ``_collections`` attach them.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import Any

import attrs

from ._dates import PartialDate
from ._describe import field_types, kind_of, scanned_fields, searched_fields, title
from ._text import stems

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
    "register_sources",
    "record_html",
    "record_repr",
    "shorten",
]

REPR_WIDTH = 60
"""The most characters of a text a repr shows."""

SUMMARY_WIDTH = 48
"""The most characters of a title a collection's summary shows."""

TABLE_WIDTH = 70
"""The most characters of a text a cell of a collection's table shows."""

DETAIL_WIDTH = 300
"""The most characters of a text a single record's table shows."""

ROW_LIMIT = 60
"""A collection's table shows every row up to this many, else the first 25 and the last 5."""

_HEAD, _TAIL = 25, 5
_ID_WIDTH = 24  # the most characters of an id a row header shows
_CONTEXT = 30  # the characters a search hit's excerpt shows before and after the word
_URL_WIDTH = 40  # the most characters of an address a cell shows (the link holds it whole)
_WORD = re.compile(r"\w+")
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
        return f"<{_count(value, type(value[0]))}>"
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

#: Left-aligned, top-aligned, compact cells: Jupyter right-aligns table cells by default.
_STYLE = (
    "<style>.wto-msme th,.wto-msme td{text-align:left!important;vertical-align:top!important;"
    "padding:2px 8px!important}.wto-msme tbody th{white-space:nowrap}"
    ".wto-msme caption{text-align:left;font-weight:bold}"
    ".wto-msme ul{margin:0;padding-left:1.2em}.wto-msme mark{padding:0}</style>"
)

#: The title and address of each source, by id, of the datasets made so far (see
#: :func:`register_sources`), so that a record's provenance shows its source by name.
_SOURCES: dict[str, tuple[str, str | None]] = {}


def register_sources(sources: Iterable[Any]) -> None:
    """
    Remember the title and address of *sources*, so that provenances name them.
    """
    _SOURCES.update({s.id: (s.title, s.url) for s in sources})


def _link(url: str, text: str) -> str:
    return f'<a href="{escape(url)}" title="{escape(url)}">{escape(text)}</a>'


def _marked(text: str, query: tuple[str, ...]) -> str:
    """Escape *text*, marking the words that begin with a word of *query* (both stemmed)."""
    if not query:
        return escape(text)
    out, last = [], 0
    for m in _WORD.finditer(text):
        if any(w.startswith(q) for w in stems(m.group()) for q in query):
            out += [escape(text[last : m.start()]), f"<mark>{escape(m.group())}</mark>"]
            last = m.end()
    return "".join([*out, escape(text[last:])])


def _text_html(text: str, width: int, query: tuple[str, ...] = ()) -> str:
    short = shorten(text, width)
    if text.startswith(("https://", "http://")) and not any(c.isspace() for c in text):
        return _link(text, shorten(text.split("://", 1)[1], min(width, _URL_WIDTH)))
    if short != text:
        return f'<span title="{escape(text)}">{_marked(short, query)}</span>'
    return _marked(text, query)


def _source_html(source: str) -> str:
    name, url = _SOURCES.get(source, (source, None))
    return _link(url, name) if url else f'<span title="{escape(source)}">{escape(name)}</span>'


def _note_html(note: Any) -> str:
    about = f" on <code>{escape(note.field)}</code>" if note.field else ""
    sure = f", {escape(note.confidence.value)}" if note.confidence else ""
    return f"<li><b>{escape(note.kind.value)}</b>{about}{sure}: {_text_html(note.text, DETAIL_WIDTH)}</li>"


def _html(value: Any, width: int, query: tuple[str, ...] = ()) -> str:
    """Return a value in its human form: dates as written, enums as their values, links."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return _marked(str(value.value), query)
    if isinstance(value, str):
        return _text_html(value, width, query)
    if isinstance(value, PartialDate) or (_is_record(value) and "__str__" in vars(type(value))):
        return escape(str(value))  # a date, a joining: their own string form
    if _holds_records(value):
        if width < DETAIL_WIDTH:
            return f"{len(value)} {type(value[0]).__name__}{'s' if len(value) != 1 else ''}"
        return "<ul>" + "".join(f"<li>{_html(v, width)}</li>" for v in value) + "</ul>"
    if isinstance(value, tuple):
        return ", ".join(_html(v, width, query) for v in value)
    if hasattr(value, "source") and hasattr(value, "notes"):  # a provenance
        notes = len(value.notes)
        return _source_html(value.source) + (f" ({notes} note{'s' if notes != 1 else ''})" if notes else "")
    if _is_record(value):
        return escape(title(value))
    return escape(str(value))


def record_html(self: Any) -> str:
    """
    Return a record as an HTML table of its fields, one row each, for Jupyter.

    Each value is in its human form; the provenance shows its source by title, linked,
    its evidence, and its notes as a list with their kind and confidence. Texts show at
    most :data:`DETAIL_WIDTH` characters, the whole text in the tooltip.
    """
    rows = []
    for f in attrs.fields(type(self)):
        value = getattr(self, f.name)
        if f.name == "provenance":
            rows.append(
                ("source", _source_html(value.source) + (f", {escape(value.locator)}" if value.locator else ""))
            )
            if value.evidence:
                rows.append(("evidence", ", ".join(_source_html(e) for e in value.evidence)))
            if value.notes:
                rows.append(("notes", "<ul>" + "".join(_note_html(n) for n in value.notes) + "</ul>"))
        elif value not in (None, ()):
            rows.append((f.name, _html(value, DETAIL_WIDTH)))
    body = "".join(f"<tr><th>{escape(name)}</th><td>{cell}</td></tr>" for name, cell in rows)
    caption = escape(type(self).__name__ + (f" {self.id}" if isinstance(getattr(self, "id", None), str) else ""))
    return f'{_STYLE}<table class="wto-msme record"><caption>{caption}</caption><tbody>{body}</tbody></table>'


def collection_html(records: tuple[Any, ...]) -> str:
    """
    Return a collection as an HTML table: a row per record, the fields a reader scans first.

    Each row is headed by the record's id; a collection of mixed kinds has the columns
    kind and title. Long collections show their first 25 and last 5 rows and how many
    are left out; long texts are shortened, the whole text in the tooltip. The words a
    search looked for are marked.
    """
    cls = kind_of(records)
    caption = _count(records, cls)
    looked_for = getattr(records, "query", None)
    query = stems(looked_for) if looked_for else ()
    if not records:
        return f'{_STYLE}<table class="wto-msme records"><caption>{escape(caption)}</caption></table>'
    names = (
        ["kind", "title"] if cls is None else [*scanned_fields(cls), *(["url"] if "url" in field_types(cls) else [])]
    )
    extra = ["found"] if query else []  # where the words were found, when it is not shown already
    head = "<tr><th>id</th>" + "".join(f"<th>{escape(n)}</th>" for n in [*names, *extra]) + "</tr>"
    shown: list[int | None] = list(range(len(records)))
    if len(records) > ROW_LIMIT:
        shown = [*range(_HEAD), None, *range(len(records) - _TAIL, len(records))]
    body = []
    for i in shown:
        if i is None:
            more = len(records) - _HEAD - _TAIL
            body.append(f'<tr><th>…</th><td colspan="{len(names) + len(extra)}">… {more} more records</td></tr>')
            continue
        record = records[i]
        values = [getattr(record, n) for n in names] if cls is not None else [type(record).__name__, title(record)]
        rid = getattr(record, "id", None)
        th = _text_html(rid, _ID_WIDTH) if isinstance(rid, str) else str(i)
        cells = [_html(v, TABLE_WIDTH, query) for v in values] + ([_found(record, names, query)] if query else [])
        body.append(f"<tr><th>{th}</th>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (
        f'{_STYLE}<table class="wto-msme records"><caption>{escape(caption)}</caption>'
        f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"
    )


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, tuple) else ()


def _found(record: Any, shown: list[str], query: tuple[str, ...]) -> str:
    """The first searched field not shown that holds a word of *query*: its name and the words around it."""
    for name, _ in searched_fields(type(record)):  # type: ignore[arg-type]
        for text in () if name in shown else _strings(getattr(record, name)):
            for m in _WORD.finditer(text):
                if any(w.startswith(q) for w in stems(m.group()) for q in query):
                    start = text.rfind(" ", 0, max(m.start() - _CONTEXT, 0)) + 1
                    snippet = ("…" if start else "") + shorten(text[start:], 2 * _CONTEXT + len(m.group()))
                    return f"<i>{escape(name)}</i>: {_marked(snippet, query)}"
    return ""


def collection_repr(records: tuple[Any, ...]) -> str:
    """
    Return a collection's short summary: how many records of which kind, and the first few titles.
    """
    counted = _count(records, kind_of(records))
    if not records:
        return f"<{counted}>"
    shown = [shorten(title(r), SUMMARY_WIDTH) for r in records[:_TUPLE_ITEMS]]
    more = ", …" if len(records) > _TUPLE_ITEMS else ""
    return f"<{counted}: {', '.join(shown)}{more}>"


def _count(records: tuple[Any, ...], cls: type | None) -> str:
    """How many records of which kind: ``"1 Note record"``, ``"3 Member records"``, ``"0 records"``."""
    kind = f"{cls.__name__} " if cls is not None else ""
    return f"{len(records)} {kind}record{'' if len(records) == 1 else 's'}"


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
