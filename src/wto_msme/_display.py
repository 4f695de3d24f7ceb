"""
How records look: concise reprs in a terminal, HTML tables in Jupyter.

Display shortens long text; the data never is. Nothing here imports the model: the
functions work on any attrs record, and ``_model`` and ``_collections`` attach them. A
collection that belongs to a dataset names what its records' ids point to through it;
a record shown alone shows the ids. HTML is escaped with :func:`html.escape`, imported
when a table is first drawn.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from ._describe import Kind, Shape, kind_of, references, scanned_fields, searched_fields, shapes, title, title_field
from ._text import _PIECE, fold, stem

__all__ = [
    "DETAIL_WIDTH",
    "REPR_WIDTH",
    "ROW_LIMIT",
    "SUMMARY_WIDTH",
    "TABLE_WIDTH",
    "collection_html",
    "collection_repr",
    "dataset_html",
    "record_html",
    "record_repr",
    "shorten",
    "table_html",
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
_LETTERS = re.compile(r"[^\W_]+")
_SHORT = 3  # the length from which a word looked for is marked within words written together
_ISO_DATE = re.compile(r"\d{4}(?:-\d\d){0,2}")
_TUPLE_ITEMS = 3  # a repr shows this many items of a longer tuple
_QUOTED = 2  # a search's "found" cell quotes this many fields at most


def shorten(text: str, width: int) -> str:
    """
    Return *text* cut to at most *width* characters, ending in "…" if it was cut.

    >>> shorten("Global Trade Helpdesk update", 12)
    'Global Trad…'
    """
    if len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…"


# --- Reprs ------------------------------------------------------------------------------


def _brief(value: Any, s: Shape) -> str:
    if value is None:
        return "None"
    if s.kind is Kind.TEXT:
        return repr(shorten(value, REPR_WIDTH))
    if s.kind is Kind.ENUM:
        return f"{type(value).__name__}.{value.name}"
    if s.kind is Kind.DATE:
        return repr(str(value))
    if s.kind is Kind.RECORD:
        return record_repr(value)
    if s.kind in (Kind.TUPLE, Kind.COLLECTION) and s.item is not None:
        if value and s.item.kind is Kind.RECORD:
            return f"<{_count(value, s.item.type)}>"
        shown = [_brief(v, s.item) for v in value[:_TUPLE_ITEMS]]
        if len(value) > _TUPLE_ITEMS:
            shown.append(f"… {len(value) - _TUPLE_ITEMS} more")
        elif len(value) == 1:
            return f"({shown[0]},)"
        return f"({', '.join(shown)})"
    return repr(value)


def record_repr(self: Any) -> str:
    """
    Return a concise repr of a record: every field, long texts and tuples shortened.

    Texts show at most :data:`REPR_WIDTH` characters, tuples their first three items
    (tuples of records only how many there are), dates their ISO form and enums their
    member names.
    """
    cls: type = type(self)
    fields = ", ".join(f"{name}={_brief(getattr(self, name), s)}" for name, s in shapes(cls).items())
    return f"{type(self).__name__}({fields})"


# --- HTML -------------------------------------------------------------------------------

#: Left-aligned, top-aligned, compact cells (Jupyter right-aligns table cells by default);
#: row headers and dates never wrap; the column of titles and a search's quotes keep a width.
_STYLE = (
    "<style>.wto-msme th,.wto-msme td{text-align:left!important;vertical-align:top!important;"
    "padding:2px 8px!important}.wto-msme tbody th,.wto-msme .date{white-space:nowrap}"
    ".wto-msme caption{text-align:left;font-weight:bold}"
    ".wto-msme ul{margin:0;padding-left:1.2em}.wto-msme mark{padding:0}.wto-msme .found{min-width:20em}"
    ".wto-msme.titled td:first-of-type{min-width:12em}</style>"
)

Marker = Callable[[str], bool]
"""Whether a word is one a search looked for (see :func:`wto_msme._search.marks`)."""


def _escape(text: str) -> str:
    import html  # on the first table drawn, not at ``import wto_msme``

    return html.escape(text)


def table_html(caption: str, header: Sequence[str], rows: Sequence[Sequence[str]], kind: str = "records") -> str:
    """
    Return an HTML table in the style of every table of the library.

    *caption* and *header* are text (no header row if *header* is empty); each row is a
    list of cells in HTML, the first a row header. A row shorter than the others spans
    its last cell over the columns left. A table with no rows has only its caption.
    """
    width = len(header) or max(map(len, rows), default=0)
    body = []
    for cells in rows:
        span = f' colspan="{width - len(cells) + 1}"' if 1 < len(cells) < width else ""
        tds = "".join(f"<td{span if i == len(cells) - 2 else ''}>{c}</td>" for i, c in enumerate(cells[1:]))
        body.append(f"<tr><th>{cells[0]}</th>{tds}</tr>")
    head = "<thead><tr>" + "".join(f"<th>{_escape(h)}</th>" for h in header) + "</tr></thead>" if header else ""
    table = f'{_STYLE}<table class="wto-msme {kind}"><caption>{_escape(caption)}</caption>'
    return table + (f"{head}<tbody>{''.join(body)}</tbody></table>" if rows else "</table>")


def _link(url: str, text: str) -> str:
    return f'<a href="{_escape(url)}" title="{_escape(url)}">{_escape(text)}</a>'


def _hits(text: str, marked: Marker) -> list[re.Match[str]]:
    """
    The words of *text* to mark: those a search looked for.

    In words written together ("e-learning"), a short word looked for (the "e" of
    "e-commerce") is marked only with a longer one, so that "e-commerce" marks no "e-learning".
    """
    found = []
    for piece in _PIECE.finditer(text):
        words = list(_LETTERS.finditer(text, piece.start(), piece.end()))
        hits = [w for w in words if marked(w.group())]
        if len(words) == 1 or any(len(w.group()) >= _SHORT for w in hits):
            found += hits
    return found


def _marked(text: str, marked: Marker | None) -> str:
    """Escape *text*, marking the words that a search looked for."""
    if marked is None:
        return _escape(text)
    out, last = [], 0
    for m in _hits(text, marked):
        out += [_escape(text[last : m.start()]), f"<mark>{_escape(m.group())}</mark>"]
        last = m.end()
    return "".join([*out, _escape(text[last:])])


def _dated(text: str) -> str:
    """Escape *text*, keeping each ISO date in it from wrapping at its hyphens."""
    return _ISO_DATE.sub(lambda m: f'<span class="date">{m.group()}</span>', _escape(text))


def _text_html(text: str, width: int, marked: Marker | None = None) -> str:
    short = shorten(text, width)
    if text.startswith(("https://", "http://")) and not any(c.isspace() for c in text):
        return _link(text, shorten(text.split("://", 1)[1], min(width, _URL_WIDTH)))
    if short != text:
        return f'<span title="{_escape(text)}">{_marked(short, marked)}</span>'
    return _marked(text, marked)


def _note_html(note: Any) -> str:
    about = f" on <code>{_escape(note.field)}</code>" if note.field else ""
    sure = f", {_escape(note.confidence.value)}" if note.confidence else ""
    return f"<li><b>{_escape(note.kind.value)}</b>{about}{sure}: {_text_html(note.text, DETAIL_WIDTH)}</li>"


def _html(value: Any, s: Shape, width: int, marked: Marker | None = None) -> str:
    """Return a value of the shape *s* in its human form: dates as written, enums as their values, links."""
    if value is None:
        return ""
    if s.kind is Kind.FLAG:
        return "yes" if value else "no"
    if s.kind is Kind.ENUM:
        return _marked(str(value.value), marked)
    if s.kind is Kind.TEXT:
        return _text_html(value, width, marked)
    if s.kind is Kind.DATE or (s.kind is Kind.RECORD and "__str__" in vars(s.type)):
        return _dated(str(value))  # a date, a joining: their own string form
    if s.kind is Kind.RECORD:
        return _escape(title(value))
    if s.kind in (Kind.TUPLE, Kind.COLLECTION) and s.item is not None:
        if s.item.kind is Kind.RECORD and value:
            if width < DETAIL_WIDTH:
                return f"{len(value)} {s.item.type.__name__}{'s' if len(value) != 1 else ''}"
            return "<ul>" + "".join(f"<li>{_html(v, s.item, width)}</li>" for v in value) + "</ul>"
        if s.item.kind is Kind.TEXT:
            return _text_html(", ".join(value), width, marked)  # shortened as a whole
        return ", ".join(_html(v, s.item, width, marked) for v in value)
    return _escape(str(value))


def record_html(self: Any) -> str:
    """
    Return a record as an HTML table of its fields, one row each, for Jupyter.

    Each value is in its human form; the provenance shows its source's id, the place in
    it, its evidence, and its notes as a list with their kind and confidence (a record
    shown alone knows no dataset to name its source by). Texts show at most
    :data:`DETAIL_WIDTH` characters, the whole text in the tooltip.
    """
    rows = []
    cls: type = type(self)
    for f in attrs.fields(cls):
        value = getattr(self, f.name)
        if f.name == "provenance":
            where = f", {_escape(value.locator)}" if value.locator else ""
            rows.append(("source", f"<code>{_escape(value.source)}</code>{where}"))
            if value.evidence:
                rows.append(("evidence", ", ".join(f"<code>{_escape(e)}</code>" for e in value.evidence)))
            if value.notes:
                rows.append(("notes", "<ul>" + "".join(_note_html(n) for n in value.notes) + "</ul>"))
        elif value not in (None, ()):
            rows.append((f.name, _html(value, shapes(cls)[f.name], DETAIL_WIDTH)))
    body = "".join(f"<tr><th>{_escape(name)}</th><td>{cell}</td></tr>" for name, cell in rows)
    caption = _escape(type(self).__name__ + (f" {self.id}" if isinstance(getattr(self, "id", None), str) else ""))
    return f'{_STYLE}<table class="wto-msme record"><caption>{caption}</caption><tbody>{body}</tbody></table>'


def _columns(cls: type) -> list[str]:
    """The fields a table of *cls* shows: those a reader scans first, numbers and flags, ids of others, the address."""
    names = list(scanned_fields(cls))
    refers = dict(references(cls))
    for name, s in shapes(cls).items():
        number = s.kind in (Kind.INTEGER, Kind.FLAG) or (s.item is not None and s.item.kind is Kind.INTEGER)
        if name not in names and name != "id" and (number or name in refers):
            names.append(name)
    return names + (["url"] if "url" in shapes(cls) and "url" not in names else [])


def _labels(records: Any) -> dict[str, str]:
    """What names each record by its id: its title, and its first date where another record has the same title."""
    names = {r.id: title(r) for r in records}
    shared = {name for name, n in Counter(names.values()).items() if n > 1}
    cls = kind_of(records)
    dated = next((n for n, s in shapes(cls).items() if s.kind is Kind.DATE), None) if cls else None
    for r in records if shared and dated else ():
        if names[r.id] in shared and getattr(r, dated) is not None:  # type: ignore[arg-type]
            names[r.id] += f" ({getattr(r, dated)})"  # type: ignore[arg-type]
    return names


def _ids_html(ids: str | tuple[str, ...] | None, labels: dict[str, str] | None, width: int) -> str:
    """The records *ids* point to, by the names *labels* give them (the ids where none), the ids in the tooltip."""
    if ids is None:
        return ""
    many = (ids,) if isinstance(ids, str) else ids
    if labels is None:
        return _text_html(", ".join(many), width)
    text = ", ".join(labels.get(i, i) for i in many)
    tip = ", ".join(f"{labels[i]} ({i})" if i in labels else f"{i} (not in the dataset)" for i in many)
    return f'<span title="{_escape(tip)}">{_escape(shorten(text, width))}</span>'


def collection_html(records: tuple[Any, ...]) -> str:
    """
    Return a collection as an HTML table: a row per record, the fields a reader scans first.

    Each row is headed by the record's id. The columns are the fields a reader scans
    first (see :func:`~wto_msme._describe.scanned_fields`), the numbers and flags, and
    the fields holding other records' ids, which show those records' names when the
    collection belongs to a dataset: those of them that some row shown fills. A
    collection of mixed kinds has the columns kind and title. A search's results also
    show each record's score and where the words were found, marked, and a partial
    result says so in its caption. Long collections show their first 25 and last 5 rows
    and how many are left out; long texts are shortened, the whole text in the tooltip.
    """
    cls = kind_of(records)
    looked_for: str | None = getattr(records, "query", None)
    scores: tuple[float, ...] | None = getattr(records, "scores", None)
    marked = None
    if looked_for:
        from ._search import marks  # the search index's module, imported when it is needed

        marked = marks(looked_for)
    shown: list[int | None] = list(range(len(records)))
    if len(records) > ROW_LIMIT:
        shown = [*range(_HEAD), None, *range(len(records) - _TAIL, len(records))]
    names = ["kind", "title"] if cls is None else _columns(cls)
    if cls is not None:  # a column that no row shown fills says nothing: it is left out
        names = [n for n in names if any(getattr(records[i], n) not in (None, ()) for i in shown if i is not None)]
    extra = (["score"] if scores is not None else []) + (["found"] if marked else [])
    dataset = getattr(records, "dataset", None)
    refers = {} if cls is None or dataset is None else dict(references(cls))
    labels = {c: _labels(getattr(dataset, c)) for c in set(refers.values())}
    at = 3 if cls is None else 2  # a search's score and words found come after the id and the title
    rows = []
    for i in shown:
        if i is None:
            rows.append(["…", f"… {len(records) - _HEAD - _TAIL} more records"])
            continue
        record = records[i]
        rid = getattr(record, "id", None)
        cells = [_text_html(rid, _ID_WIDTH) if isinstance(rid, str) else str(i)]
        if cls is None:
            cells += [_escape(type(record).__name__), _marked(_named(record, dataset), marked)]
        for name in names if cls is not None else ():
            value = getattr(record, name)
            ref = refers.get(name)
            shaped = _html(value, shapes(cls)[name], TABLE_WIDTH, marked) if not ref else ""
            cells.append(_ids_html(value, labels[ref], TABLE_WIDTH) if ref else shaped)
        found = [f"{scores[i]:.2f}"] if scores is not None else []
        if marked:
            kind: type = type(record)
            found.append(_found(record, names if cls is not None else [title_field(kind) or ""], marked))
        rows.append([*cells[:at], *found, *cells[at:]])
    key = "id" if any(isinstance(getattr(r, "id", None), str) for r in records) else "#"
    header = [key, *names[: at - 1], *extra, *names[at - 1 :]]
    titled = cls is not None and title_field(cls) is not None  # its first column names the records: kept readable
    return table_html(_caption(records, cls), header, rows, "records titled" if titled else "records")


def _caption(records: tuple[Any, ...], cls: type | None) -> str:
    """How many records of which kind, what a search looked for, and whether its result is partial."""
    text = _count(records, cls)
    looked_for = getattr(records, "query", None)
    if looked_for:
        text += f" found for \u201c{looked_for}\u201d"
    if getattr(records, "partial", False):
        text += f" ({_PARTIAL})"
    return text


_PARTIAL = "partial: no record holds every word, these hold some"


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, tuple) else ()


def _found(record: Any, shown: list[str], marked: Marker) -> str:
    """
    Where the words looked for are, in the searched fields not shown: each field's name and the words around them.

    Each quote is around a word looked for that no quote before it holds, two quotes at most.
    """
    quoted: list[str] = []
    seen: set[str] = set()
    for name, _ in searched_fields(type(record)):  # type: ignore[arg-type]
        for text in () if name in shown else _strings(getattr(record, name)):
            hits = _hits(text, marked)
            for m in hits:
                if stem(fold(m.group())) in seen or len(quoted) == _QUOTED:
                    continue
                start = text.rfind(" ", 0, max(m.start() - _CONTEXT, 0)) + 1
                snippet = shorten(text[start:], 2 * _CONTEXT + len(m.group()))
                quoted.append(f"<i>{_escape(name)}</i>: {'…' if start else ''}{_marked(snippet, marked)}")
                end = start + len(snippet.removesuffix("…"))
                seen |= {stem(fold(h.group())) for h in hits if start <= h.start() and h.end() <= end}
    return f'<div class="found">{"<br>".join(quoted)}</div>' if quoted else ""


def collection_repr(records: tuple[Any, ...]) -> str:
    """
    Return a collection's short summary: how many records of which kind, and the first few titles.

    A search's partial result says so.
    """
    counted = _count(records, kind_of(records))
    if getattr(records, "partial", False):
        counted += f" ({_PARTIAL})"
    if not records:
        return f"<{counted}>"
    dataset = getattr(records, "dataset", None)
    shown = [shorten(_named(r, dataset), SUMMARY_WIDTH) for r in records[:_TUPLE_ITEMS]]
    more = ", …" if len(records) > _TUPLE_ITEMS else ""
    return f"<{counted}: {', '.join(shown)}{more}>"


def _named(record: Any, dataset: Any) -> str:
    """What names *record*: its title, or, where the title is another record's id (a sponsor's), that record's."""
    kind: type = type(record)
    name = title(record)
    target = dict(references(kind)).get(title_field(kind) or "")
    other = None if target is None or dataset is None else getattr(dataset, target).get(name)
    return name if other is None else title(other)


def _count(records: tuple[Any, ...], cls: type | None) -> str:
    """How many records of which kind: ``"1 Note record"``, ``"3 Member records"``, ``"0 records"``."""
    kind = f"{cls.__name__} " if cls is not None else ""
    return f"{len(records)} {kind}record{'' if len(records) == 1 else 's'}"


def dataset_html(self: Any) -> str:
    """
    Return a dataset as an HTML table: its version, its date and the size of each collection.
    """
    rows = [["version", _escape(self.version)], ["current_to", _dated(str(self.current_to))]]
    for f in attrs.fields(type(self)):
        value = getattr(self, f.name)
        if isinstance(value, tuple):
            rows.append([_escape(f.name), f"{len(value)} record{'' if len(value) == 1 else 's'}"])
    return table_html("Dataset", (), rows, kind="dataset")
