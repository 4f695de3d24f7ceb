"""
Generate the "Data" reference from the bundled data, so the docs cannot disagree with it.

On ``builder-inited`` (before Sphinx reads any page) the pages below are written as
Markdown into ``reference/generated/``, which is not under version control:

- ``participants.md``, ``coordinators.md``, ``package.md``, ``presentations.md``,
  ``documents.md``, ``claims.md``: the records, as tables;
- ``notes.md``: every correction, repair, clean-up, flag, inference, completion and
  kept slip of the data, with its evidence;
- ``sources.md``: every source, as a glossary, so that evidence links to it.

``reference/generated/_fragments/`` holds pieces that other pages include, such as
the list of corrections the explanation of corrections shows. A file is rewritten
only when its content changes, and files that are no longer generated are removed.

:func:`render` is independent of Sphinx, so the tests can check the pages against the
data.
"""

from __future__ import annotations

import collections
import enum
import json
import pathlib
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

import wto_msme
from wto_msme import Dataset, Joining, Note, PartialDate
from wto_msme._data import LAYOUT
from wto_msme._dataset import COLLECTIONS as DATASET_COLLECTIONS
from wto_msme._describe import attribute_docs, title
from wto_msme.collections import Records
from wto_msme.enums import Category, Confidence, MemberKind, NoteKind, SourceKind

__all__ = ["COLLECTIONS", "render", "setup", "write"]

#: The collections whose records carry provenance, in the order of the data layout.
COLLECTIONS = tuple(name for name in DATASET_COLLECTIONS if name != "sources")

#: How each kind of note is headed, in the order the notes page lists them.
NOTE_HEADINGS = {
    NoteKind.CORRECTION: "Corrections",
    NoteKind.REPAIR: "Repairs",
    NoteKind.CLEANUP: "Clean-ups",
    NoteKind.FLAG: "Flags",
    NoteKind.INFERENCE: "Inferences",
    NoteKind.COMPLETION: "Completions",
    NoteKind.SIC: "Kept as in the source (sic)",
}

#: What an empty cell shows.
NONE = "\N{EN DASH}"

_SPECIAL = set("\\`*_[]<>|{}#~&%$")

GENERATED = "reference/generated"


def md(text: str) -> str:
    """
    Return *text* as one line of Markdown that shows exactly the characters it holds.
    """
    return "".join("\\" + c if c in _SPECIAL else c for c in " ".join(text.split()))


def link(text: str, url: str | None) -> str:
    """
    Return *text* as Markdown, linked to *url* where there is one.
    """
    return f"[{md(text)}](<{url}>)" if url else md(text)


def when(date: PartialDate | None, unknown: str = "unknown") -> str:
    """
    Return a partial date in its ISO form, or *unknown*.
    """
    return unknown if date is None else str(date)


def terms(ids: Iterable[str]) -> str:
    """
    Return source identifiers as links to their entries in the sources page.
    """
    return ", ".join(f"{{term}}`{i}`" for i in ids) or "none"


def confidence(c: Confidence | None) -> str:
    """
    Return a confidence as a word, or "not stated".
    """
    return "not stated" if c is None else c.value


def table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> list[str]:
    """
    Return the lines of a Markdown table.
    """
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def page(title: str, intro: str, body: list[str]) -> str:
    """
    Return a generated page: a title, a line saying where it comes from, and a body.
    """
    origin = "Generated from the bundled data when the documentation is built; do not edit."
    return "\n".join([f"# {title}", "", f"% {origin}", "", intro, "", *body, ""])


# --- Describing records ---------------------------------------------------------------------


def record_label(collection: str, record: Any) -> str:
    """
    Return a short human label for a record: its name, title or headline and its date.
    """
    if collection == "initiative":
        return md(record.group_name)
    if collection == "presentations":
        return md(f"{record.institution}, “{record.title}” ({record.date})")
    if collection == "news":
        return md(f"{record.publisher} news, “{record.headline}” ({record.date})")
    if collection == "claims":
        return md(f"count claim “{record.wording}” ({when(record.as_of, 'undated')})")
    if collection == "documents":
        return md(title(record))
    if collection == "sponsors":
        return md(f"package sponsor {record.member} ({record.endorsed})")
    for attr in ("name", "title"):
        if hasattr(record, attr):
            return md(getattr(record, attr))
    return md(record.id)


def notes_of(ds: Dataset) -> Iterator[tuple[str, Any, Note]]:
    """
    Yield (collection, record, note) for every note of the data, in the layout's order.
    """
    for note in ds.initiative.provenance.notes:
        yield ("initiative", ds.initiative, note)
    for collection in COLLECTIONS:
        for record in getattr(ds, collection):
            for note in record.provenance.notes:
                yield (collection, record, note)


def note_item(collection: str, record: Any, note: Note) -> list[str]:
    """
    Return a note as a Markdown list item: what it is about, what it says, its evidence.
    """
    where = f"`{collection}`" if collection == "initiative" else f"`{collection}` `{record.id}`"
    field = f", field `{note.field}`" if note.field else ""
    lines = [f"- **{record_label(collection, record)}** ({where}{field})", "", f"  {md(note.text)}", ""]
    if note.original is not None:
        lines += [f"  The source says: “{md(note.original)}”", ""]
    lines += [f"  Evidence: {terms(note.evidence)}. Confidence: {confidence(note.confidence)}.", ""]
    return lines


def note_list(ds: Dataset, kind: NoteKind) -> list[str]:
    """
    Return the Markdown list of every note of *kind*, or a line saying there is none.
    """
    lines: list[str] = []
    for collection, record, note in notes_of(ds):
        if note.kind is kind:
            lines += note_item(collection, record, note)
    return lines or ["There are none.", ""]


# --- The pages ------------------------------------------------------------------------------


#: How the participants table names each kind of Member, in few words.
SHORT_KIND = {
    MemberKind.STATE: "state",
    MemberKind.SEPARATE_CUSTOMS_TERRITORY: "customs territory",
    MemberKind.EUROPEAN_UNION: "EU",
}


def one_line(text: str) -> str:
    """
    Return *text* as Markdown that HTML keeps on one line: it does not wrap at its spaces or hyphens.
    """
    return f'<span style="white-space: nowrap">{md(text)}</span>'


def joined(j: Joining) -> str:
    """
    Return a joining in few characters: a date, ``by`` a date, ``from`` a date, or two bounds.
    """
    if j.on is not None:
        return str(j.on)
    if j.not_before is not None and j.not_after is not None:
        return f"{j.not_before} \N{EN DASH} {j.not_after}"
    if j.not_after is not None:
        return f"by {j.not_after}"
    if j.not_before is not None:
        return f"from {j.not_before}"
    return "unknown"


def participants(ds: Dataset) -> str:
    """
    Return the participants page: one short row per participant, then what the rows refer to.

    Every cell of the table is short and kept on one line, so that a participant takes
    one line. What a joining rests on, which many participants share, is numbered in
    the table and listed once below it, with its confidence, and so are the other names.
    """
    eu_states = sum(m.eu_member_state for m in ds.wto_members)
    names = {m.id: m.name for m in ds.wto_members}
    bases = list(dict.fromkeys((m.joined.event, m.joined.confidence) for m in ds.members))
    number = {basis: str(i) for i, basis in enumerate(bases, 1)}
    intro = (
        f"The {len(ds.members)} WTO Members taking part in the group as of {ds.current_to}, in the"
        f" order of the data, the European Union counted once. The WTO counts the European"
        f" Union and its {eu_states} member states separately: {len(ds.members)} + {eu_states} ="
        f" {len(ds.members) + eu_states} (see {{doc}}`/explanation/eu-count`)."
        " *ISO* gives the ISO 3166-1 alpha-2, alpha-3 and numeric codes, and *Kind* says"
        " whether the Member is a state, a separate customs territory or the European Union."
        " *Joined* is the date the participant joined the group, the latest date it joined"
        " by, or the two dates it joined between; *Basis* numbers what that rests on, and"
        " with what confidence, as listed under [Joinings](#joinings)."
    )
    rows = (
        (
            md(m.name),
            f"`{m.id}`",
            one_line(" ".join(c for c in (m.iso_alpha2, m.iso_alpha3, m.iso_numeric) if c) or NONE),
            one_line(SHORT_KIND.get(m.kind, m.kind.value)),
            one_line(joined(m.joined)),
            number[(m.joined.event, m.joined.confidence)],
        )
        for m in ds.members
    )
    header = ("Name", "Id", "ISO", "Kind", "Joined", "Basis")
    body = [*table(header, rows), "", "## Joinings", ""]
    for event, level in bases:
        who = [m.name for m in ds.members if (m.joined.event, m.joined.confidence) == (event, level)]
        shown = f"{len(who)} participants" if len(who) > 5 else ", ".join(who)
        text = md(event.rstrip(".")) if event else "No event recorded"
        body += [f"{number[(event, level)]}. **{md(shown)}**: {text}. Confidence: {confidence(level)}."]
    aliases = [(md(m.name), md("; ".join(m.aliases))) for m in ds.members if m.aliases]
    body += [
        "",
        "## Other names",
        "",
        "The other names the data knows participants by, which"
        " {py:meth}`~wto_msme.collections.Members.find` accepts too:",
        "",
        *table(("Name", "Also known as"), aliases),
    ]
    eu = sorted(names[m.id] for m in ds.wto_members if m.eu_member_state)
    body += [
        "",
        "## The European Union's member states",
        "",
        f"Counted by the WTO beside the European Union: {md(', '.join(eu))}.",
    ]
    return page("Participants", intro, body)


def coordinators(ds: Dataset) -> str:
    """
    Return the coordinator history page.
    """
    names = {m.id: m.name for m in ds.wto_members}
    rows = (
        (
            md(t.name),
            md(names.get(t.member, t.member)),
            md(when(t.start)),
            md(when(t.end, "ongoing")),
            md("; ".join(t.aliases) or NONE),
            terms((t.provenance.source, *t.provenance.evidence)),
        )
        for t in ds.coordinators
    )
    intro = (
        f"The {len(ds.coordinators)} coordinators of the group, in order. Dates are known to the"
        " day, the month or the year only (see {doc}`/explanation/partial-dates`)."
    )
    body = table(("Coordinator", "Member", "From", "To", "Also written", "Sources"), rows)
    notes = [(c, r, n) for c, r, n in notes_of(ds) if c == "coordinators"]
    if notes:
        body += ["", "## Notes", ""]
        for c, r, n in notes:
            body += note_item(c, r, n)
    return page("Coordinators", intro, body)


def package(ds: Dataset) -> str:
    """
    Return the page of the December 2020 package.
    """
    symbols = {d.id: title(d) for d in ds.documents}
    intro = (
        f"The {len(ds.recommendations)} items of the December 2020 package, by annex. The package"
        f" document is {md(', '.join(sorted({symbols[r.document] for r in ds.recommendations})))}."
    )
    body: list[str] = []
    meetings = {m.id: m for m in ds.meetings}
    for r in ds.recommendations:
        about = ds.presentations.mentioning_annex(r.annex)
        body += [
            f"## Annex {r.annex}: {md(r.short_title)}",
            "",
            f"**{md(r.title)}** ({r.kind.value})",
            "",
            md(r.summary),
            "",
        ]
        if about:
            body += [f"Presentations that report on it ({len(about)}), and the meetings they were given at:", ""]
            body += [
                f"- {p.date}, {md(p.institution)}: {link(p.title, p.url)}; at [{md(meetings[p.meeting].name)}]"
                f"(meetings.md#{anchor(meeting_heading(meetings[p.meeting]))})"
                for p in about
            ]
            body.append("")
    return page("The December 2020 package", intro, body)


def meeting_heading(m: Any) -> str:
    """
    Return the heading of a meeting on the meetings page: its date and its name.
    """
    return f"{when(m.date, 'Date unknown')}: {m.name}"


def meetings(ds: Dataset) -> str:
    """
    Return the page of the meetings and events of the group, in date order.
    """
    intro = (
        f"The {len(ds.meetings)} meetings of the group and events it held, from"
        f" {when(ds.meetings[0].date)} to {when(ds.meetings[-1].date)}, each with what the sources say"
        " it discussed, who presented, whom it welcomed and the documents it served."
    )
    docs = {d.id: title(d) for d in ds.documents}
    members = {m.id: m.name for m in ds.members}
    per_meeting: dict[str, list[Any]] = {}
    for p in ds.presentations:
        per_meeting.setdefault(p.meeting, []).append(p)
    body: list[str] = []
    for m in ds.meetings:
        bounds = "" if m.date is not None else f" (between {when(m.not_before)} and {when(m.not_after)})"
        body += [
            f"## {md(meeting_heading(m))}",
            "",
            f"{m.kind.value}{', ' + m.format.value if m.format else ''}{bounds}.",
            "",
        ]
        for label, values in (
            ("Topics", [md(t) for t in m.topics]),
            ("Presented", [md(t) for t in m.presenters]),
            ("Welcomed", [md(members.get(w, w)) for w in m.welcomed]),
            ("Documents", [md(docs.get(d, d)) for d in m.documents]),
            ("Presentations listed", [link(f"{p.institution}: {p.title}", p.url) for p in per_meeting.get(m.id, [])]),
        ):
            if values:
                body += [f"**{label}**: " + "; ".join(values), ""]
        body += [
            f"Source: {{term}}`{m.provenance.source}`"
            + (f"; also {terms(m.provenance.evidence)}" if m.provenance.evidence else ""),
            "",
        ]
    return page("Meetings", intro, body)


def presentations(ds: Dataset) -> str:
    """
    Return the page of the presentations, by category.
    """
    by_category = ds.presentations.by_category()
    dates = sorted(p.date for p in ds.presentations)
    intro = (
        f"The {len(ds.presentations)} presentations given at the group's meetings from {dates[0]} to"
        f" {dates[-1]}, under the {len(Category)} categories of the WTO Secretariat's list, in its"
        " order. Within a category, they are in the order of the list."
    )
    body = table(
        ("Category", "Presentations"),
        ((f"[{md(c.value)}](#{anchor(c.value)})", str(len(by_category[c]))) for c in Category),
    )
    for c in Category:
        body += ["", f"## {md(c.value)}", ""]
        rows = (
            (
                str(p.date),
                md(p.institution),
                md(p.presenter_kind.value),
                link(p.title, p.url),
                md(p.subcategory.value if p.subcategory else NONE),
                md(", ".join(str(a) for a in p.annexes) or NONE),
            )
            for p in by_category[c]
        )
        if by_category[c]:
            body += table(("Date", "Presenter", "Kind", "Title", "Sub-heading", "Annexes"), rows)
        else:
            body += ["None."]
    return page("Presentations by category", intro, body)


def anchor(heading: str) -> str:
    """
    Return the anchor MyST gives a heading (``myst_heading_anchors``).
    """
    slug = re.sub(r"[^\w\- ]", "", heading.strip().lower(), flags=re.UNICODE)
    return slug.replace(" ", "-")


def documents(ds: Dataset) -> str:
    """
    Return the page of the WTO documents the sources cite, in the order of the data.
    """
    names = {m.id: m.name for m in ds.wto_members}
    meetings = {m.id: m for m in ds.meetings}
    rows = (
        (
            md(d.symbol) if d.symbol else "*none visible*",
            md(d.kind.value),
            md(when(d.date)),
            md(d.description),
            md("; ".join(names.get(p, p) for p in d.proponents) or NONE),
            "; ".join(
                f"[{md(meeting_heading(meetings[m]))}](meetings.md#{anchor(meeting_heading(meetings[m]))})"
                for m in d.meetings
            )
            or NONE,
            terms((d.provenance.source, *d.provenance.evidence)),
        )
        for d in ds.documents
    )
    unsymbolled = sum(d.symbol is None for d in ds.documents)
    intro = (
        f"The {len(ds.documents)} WTO documents the sources cite, {unsymbolled} of them read in full in"
        " copies that show no symbol. *Proponents* are the Members that proposed or co-sponsored a"
        " document, where the sources say; *Meetings* those it convened, reported on or served."
    )
    header = ("Symbol", "Kind", "Date", "Description", "Proponents", "Meetings", "Sources")
    return page("Documents", intro, table(header, rows))


def claims(ds: Dataset) -> str:
    """
    Return the page of the dated count claims.
    """
    rows = (
        (
            md(when(c.as_of, "undated")),
            md(c.subject.value),
            f"more than {c.count}" if c.more_than else str(c.count),
            md(c.wording),
            {True: "yes", False: "**no**", None: "cannot be checked"}[c.consistent],
            terms((c.provenance.source, *c.provenance.evidence)),
        )
        for c in ds.claims
    )
    intro = (
        "What the sources say about how many WTO Members took part in the group or sponsored"
        " the package, and when. *Agrees* says whether a claim agrees with the member-level"
        " data; a claim that does not is kept as stated and flagged (see"
        " {doc}`/reference/generated/notes`)."
    )
    return page("Count claims", intro, table(("As of", "Counts", "Count", "Wording", "Agrees", "Sources"), rows))


def notes(ds: Dataset) -> str:
    """
    Return the page of every note, by kind.
    """
    counts = collections.Counter(n.kind for _, _, n in notes_of(ds))
    intro = (
        f"Every remark the data makes on its sources: {sum(counts.values())} notes, each with the"
        " record and field it is about, what the source says where the stored value differs,"
        " the evidence (see {doc}`/reference/generated/sources`) and the confidence. What each"
        " kind means is documented at {py:class}`wto_msme.enums.NoteKind`."
    )
    body = table(
        ("Kind", "Notes"),
        ((f"{{py:attr}}`{k.value} <wto_msme.enums.NoteKind.{k.name}>`", str(counts[k])) for k in NOTE_HEADINGS),
    )
    for kind, heading in NOTE_HEADINGS.items():
        body += ["", f"## {heading}", "", *note_list(ds, kind)]
    return page("Corrections and notes", intro, body)


def sources(ds: Dataset) -> str:
    """
    Return the page of every source, as a glossary.
    """
    cited = collections.Counter(cites(ds))
    intro = (
        f"The {len(ds.sources)} sources the records cite: the two seed documents the data is"
        " transcribed from, the public pages and documents that confirm, complete or correct"
        " them, and general reference knowledge that no retrieved source confirms (see"
        " {doc}`/explanation/sources`). *Cited by* counts the records that name the source as"
        " where they come from or as evidence."
    )
    body: list[str] = []
    for kind in SourceKind:
        body += ["", f"## {kind.value.capitalize()}", "", "```{glossary}"]
        for s in ds.sources:
            if s.kind is kind:
                body += [s.id, f"  {link(s.title, s.url)}. Cited by {cited[s.id]}.", ""]
        body += ["```"]
    return page("Sources", intro, body)


def cites(ds: Dataset) -> Iterator[str]:
    """
    Yield, once per record, each source identifier the record cites.
    """
    records: list[Any] = [ds.initiative]
    for collection in COLLECTIONS:
        records.extend(getattr(ds, collection))
    for r in records:
        p = r.provenance
        yield from {p.source, *p.evidence, *(e for n in p.notes for e in n.evidence)}


def summary(ds: Dataset) -> str:
    """
    Return a table of the notes by kind and confidence (a fragment).
    """
    counts = collections.Counter((n.kind, n.confidence) for _, _, n in notes_of(ds))
    levels = (*Confidence, None)
    header = ("Kind", *(confidence(c) for c in levels), "All")
    rows = (
        (
            NOTE_HEADINGS[k],
            *(str(counts[(k, c)]) for c in levels),
            str(sum(counts[(k, c)] for c in levels)),
        )
        for k in NOTE_HEADINGS
    )
    return "\n".join([*table(header, rows), ""])


def layout_files(ds: Dataset) -> str:
    """
    Return the table of the files of a dataset directory (a fragment).
    """
    rows = [("`dataset.json`", "the version and the date the data is current to", NONE)]
    for filename, (key, type_) in LAYOUT.items():
        if type_ is None:
            continue
        if isinstance(type_, type) and issubclass(type_, Records):
            cls, count = type_.kind, str(len(getattr(ds, key)))
            holds = f"{{py:attr}}`wto_msme.Dataset.{key}`, a {{py:class}}`~wto_msme.collections.{type_.__name__}`"
        else:
            cls, count = type_, "1"
            holds = f"{{py:attr}}`wto_msme.Dataset.{key}`"
        rows.append((f"`{filename}`", holds, f"{{py:class}}`wto_msme.{cls.__name__}` ({count})"))
    header = ("File", "Holds", "Records of type (bundled)")
    return "\n".join([*table(header, rows), ""])


def layout_example() -> str:
    """
    Return the first bundled presentation as it is stored (a fragment).
    """
    raw = json.loads((resources.files("wto_msme") / "data" / "presentations.json").read_bytes())
    return "\n".join(["```json", json.dumps(raw[0], indent=2, ensure_ascii=False), "```", ""])


def vocabulary(enum_class: type[enum.Enum]) -> str:
    """
    Return the members of an enum with their documentation, as a definition table (a fragment).
    """
    docs = attribute_docs(enum_class)
    path = f"wto_msme.enums.{enum_class.__name__}"
    rows = ((f"{{py:attr}}`{m.value} <{path}.{m.name}>`", md(docs.get(m.name, ""))) for m in enum_class)
    return "\n".join([*table(("Value", "Meaning"), rows), ""])


def sources_by_collection(ds: Dataset) -> str:
    """
    Return how many records of each collection each source is the origin of (a fragment).
    """
    kinds = {s.id: s.kind for s in ds.sources}
    rows = []
    for collection in ("initiative", *COLLECTIONS):
        records = [ds.initiative] if collection == "initiative" else list(getattr(ds, collection))
        origins = collections.Counter(r.provenance.source for r in records)
        ranked = sorted(origins.items(), key=lambda i: (-i[1], i[0]))
        cells = "; ".join(f"{{term}}`{sid}` ({kinds[sid].value}): {n}" for sid, n in ranked)
        rows.append((f"`{collection}`", str(len(records)), cells))
    return "\n".join([*table(("Collection", "Records", "Transcribed from (records)"), rows), ""])


def render(ds: Dataset) -> dict[str, str]:
    """
    Return every generated file, by its path under ``reference/generated``.
    """
    files = {
        "participants.md": participants(ds),
        "coordinators.md": coordinators(ds),
        "package.md": package(ds),
        "meetings.md": meetings(ds),
        "presentations.md": presentations(ds),
        "documents.md": documents(ds),
        "claims.md": claims(ds),
        "notes.md": notes(ds),
        "sources.md": sources(ds),
        "_fragments/notes-summary.md": summary(ds),
        "_fragments/layout-files.md": layout_files(ds),
        "_fragments/layout-example.md": layout_example(),
        "_fragments/confidence-levels.md": vocabulary(Confidence),
        "_fragments/note-kinds.md": vocabulary(NoteKind),
        "_fragments/source-kinds.md": vocabulary(SourceKind),
        "_fragments/sources-by-collection.md": sources_by_collection(ds),
    }
    for kind in NoteKind:
        files[f"_fragments/notes-{kind.value}.md"] = "\n".join([*note_list(ds, kind), ""])
    return files


def write(directory: pathlib.Path, files: dict[str, str]) -> None:
    """
    Write *files* into *directory*: only those that changed; remove any others there.
    """
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    for path in sorted(directory.rglob("*.md")):
        if path.relative_to(directory).as_posix() not in files:
            path.unlink()


def _generate(app: Any) -> None:
    write(pathlib.Path(app.srcdir) / GENERATED, render(wto_msme.load()))


def setup(app: Any) -> dict[str, Any]:
    """
    Register the generation with Sphinx.
    """
    app.connect("builder-inited", _generate)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
