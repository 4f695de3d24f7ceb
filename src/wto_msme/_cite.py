"""
Citations for records: where a record comes from, as plain text or BibTeX.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

from ._data import load
from ._dates import PartialDate
from ._describe import Kind, references, shapes, title, title_field
from ._model import Declaration, Document, Source
from .exceptions import RecordNotFoundError

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["cite"]

STYLES = ("text", "bibtex")

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# BibTeX counts every brace, "\{" and "\}" included, to find where a value ends: a brace
# without its pair would end the value early or swallow the rest of the file. Braces that
# pair up are escaped as above; the others are written as commands that hold none.
_UNPAIRED = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
_LATEX_SPECIAL = re.compile("[" + re.escape("".join(_LATEX)) + "]")
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_:.-]+")


def cite(record: Any, style: Literal["text", "bibtex"] = "text", *, dataset: Dataset | None = None) -> str:
    r"""
    Return a citation for a record: what it is, its date, its source and the data version.

    The citation names the record (its title, headline or name, and who presented or
    published it), what it is (its class's ``label``), its
    date and its address where it has them, the source it is transcribed from (that
    source's title, the place in it and its address, looked up in ``dataset.sources``)
    and the version of the data (``dataset.version``; for the bundled data,
    :data:`wto_msme.DATA_VERSION`). The date is the first date field the record's class
    declares; a record with no date field of its own, such as a
    :class:`~wto_msme.Recommendation`, is cited with the date and the address of the
    document it is part of.

    Args:
        record: A record with a provenance, such as a :class:`~wto_msme.Presentation`,
            or a :class:`~wto_msme.Source`.
        style: ``"text"`` for one line of plain text, or ``"bibtex"`` for a BibTeX
            ``@misc`` entry (keyed ``wto_msme:<id>``, special characters escaped, the
            date also as biblatex's ``date`` field).
        dataset: The dataset whose sources to look the record's source up in.
            ``None`` for the bundled dataset.

    Returns:
        The citation.

    Raises:
        ValueError: If *style* is not one of the styles above.
        TypeError: If *record* has no provenance and is not a source.
        RecordNotFoundError: If the record's source is not in *dataset*.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> p = next(p for p in ds.presentations if p.institution == "UN/CEFACT")
    >>> print(wto_msme.cite(p, "bibtex"))  # doctest: +ELLIPSIS
    @misc{wto_msme:2021-02-18-un-cefact-...,
      author = {{UN/CEFACT}},
      title = {{...}},
      howpublished = {Presentation to the WTO Informal Working Group on MSMEs},
      year = {2021},
      month = feb,
      date = {2021-02-18},
      url = {https://...},
      note = {Source: WTO Secretariat, list of presentations ... Data: wto\_msme, data version 2026.12.1},
    }

    .. versionadded:: 0.1.0
    """
    if style not in STYLES:
        msg = f"unknown citation style {style!r}: expected one of {', '.join(map(repr, STYLES))}"
        raise ValueError(msg)
    ds = load() if dataset is None else dataset
    parts = _parts(record, ds)
    return _bibtex(parts) if style == "bibtex" else _text(parts)


def _parts(record: Any, ds: Dataset) -> dict[str, Any]:
    if isinstance(record, Source):
        source, locator = record, None
    else:
        provenance = getattr(record, "provenance", None)
        if provenance is None:
            msg = f"a {type(record).__name__} has no provenance to cite: cite the record it belongs to"
            raise TypeError(msg)
        found = ds.sources.get(provenance.source)
        if found is None:
            msg = f"source {provenance.source!r} of the record is not in the dataset's sources"
            raise RecordNotFoundError(msg, ())
        source, locator = found, provenance.locator
    document = _document(record, ds)
    dated = record if document is None else document
    return {
        "key": _KEY_UNSAFE.sub("-", getattr(record, "id", None) or type(record).__name__.lower()),
        "author": getattr(record, "institution", None) or getattr(record, "publisher", None),
        "title": _title(record, ds),
        "what": getattr(record, "label", None),
        "date": _date(dated),
        "url": getattr(dated, "url", None) if not isinstance(record, Source) else None,
        "source": source,
        "locator": locator,
        "version": ds.version,
    }


def _title(record: Any, ds: Dataset) -> str:
    if isinstance(record, Document):  # a document with no visible symbol goes by its description
        return ", ".join(t for t in (record.symbol, record.description) if t)
    if isinstance(record, Declaration) and record.symbol:
        return f"{record.title} ({record.symbol})"
    cls: type = type(record)
    named_by = dict(references(cls)).get(title_field(cls) or "")
    if named_by is not None:  # a record named by another's id, such as a sponsor: that record's name
        other = getattr(ds, named_by).get(title(record))
        return title(record) if other is None else title(other)
    return title(record)


def _date(record: Any) -> PartialDate | None:
    """The record's date: the first date field its class declares, or ``None``."""
    cls: type = type(record)
    name = next((n for n, s in shapes(cls).items() if s.kind is Kind.DATE), None)
    return None if name is None else getattr(record, name)


def _document(record: Any, ds: Dataset) -> Any | None:
    """The document a record with no date field of its own is part of, where one of its fields names one."""
    cls: type = type(record)
    if isinstance(record, Source) or any(s.kind is Kind.DATE for s in shapes(cls).values()):
        return None
    ids = [getattr(record, name) for name, collection in references(cls) if collection == "documents"]
    return ds.documents.get(ids[0]) if len(ids) == 1 and isinstance(ids[0], str) else None


def _source_text(parts: dict[str, Any]) -> str:
    source: Source = parts["source"]
    text = source.title
    if parts["locator"]:
        text += f" ({parts['locator']})"
    if source.url:
        text += f", {source.url}"
    return text


def _text(parts: dict[str, Any]) -> str:
    pieces = []
    if parts["author"]:
        pieces.append(f"{parts['author']}.")
    pieces.append(f"\u201c{parts['title'].rstrip('.')}.\u201d")
    if parts["what"]:
        pieces.append(f"{parts['what']}.")
    if parts["date"] is not None:
        pieces.append(f"{parts['date']}.")
    if parts["url"]:
        pieces.append(f"{parts['url']}.")
    if not isinstance(parts["source"], Source) or parts["source"].title != parts["title"]:
        pieces.append(f"Source: {_source_text(parts)}.")
    elif parts["source"].url:
        pieces.append(f"{parts['source'].url}.")
    pieces.append(f"Data: wto_msme, data version {parts['version']}.")
    return " ".join(pieces)


def _paired_braces(text: str) -> set[int]:
    """Return the offsets of the braces in *text* that pair up, an opening with a closing one."""
    opened: list[int] = []
    paired: set[int] = set()
    for i, c in enumerate(text):
        if c == "{":
            opened.append(i)
        elif c == "}" and opened:
            paired.update((opened.pop(), i))
    return paired


def _latex(text: str) -> str:
    r"""
    Escape *text* for a BibTeX field: LaTeX's special characters, and braces so that they balance.

    Paired braces become ``\{`` and ``\}``, which BibTeX sees as a balanced pair; a brace
    without its pair becomes ``\textbraceleft{}`` or ``\textbraceright{}``.
    """
    paired = _paired_braces(text) if "{" in text or "}" in text else set()

    def escape(m: re.Match[str]) -> str:
        c = m.group()
        if c in _UNPAIRED and m.start() not in paired:
            return _UNPAIRED[c]
        return _LATEX[c]

    return _LATEX_SPECIAL.sub(escape, text)


def _bibtex(parts: dict[str, Any]) -> str:
    fields: list[tuple[str, str]] = []
    if parts["author"]:
        fields.append(("author", "{" + _latex(parts["author"]) + "}"))
    fields.append(("title", "{" + _latex(parts["title"]) + "}"))
    if parts["what"]:
        fields.append(("howpublished", _latex(parts["what"])))
    date: PartialDate | None = parts["date"]
    if date is not None:
        fields.append(("year", str(date.year)))
    url = parts["url"] or (parts["source"].url if parts["source"].title == parts["title"] else None)
    if url:
        url = url.replace("{", "%7B").replace("}", "%7D")
    note = f"Source: {_source_text(parts)}. " if parts["source"].title != parts["title"] else ""
    note += f"Data: wto_msme, data version {parts['version']}"
    lines = [f"@misc{{wto_msme:{parts['key']},"]
    lines.extend(f"  {name} = {{{value}}}," for name, value in fields)
    if date is not None and date.month is not None:
        lines.append(f"  month = {_MONTHS[date.month - 1]},")
    if date is not None:
        lines.append(f"  date = {{{date}}},")
    if url:
        lines.append(f"  url = {{{url}}},")
    lines.append(f"  note = {{{_latex(note)}}},")
    lines.append("}")
    return "\n".join(lines)
