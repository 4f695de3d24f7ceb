"""Tests of wto_msme._display: concise reprs, HTML tables, and the collections that show them."""

from __future__ import annotations

import pickle
import re
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wto_msme
from wto_msme import _model
from wto_msme._convert import converter
from wto_msme._dataset import COLLECTIONS, Dataset
from wto_msme._describe import field_types, references, title
from wto_msme._display import REPR_WIDTH, TABLE_WIDTH
from wto_msme.collections import Presentations, Records
from wto_msme.strategies import datasets

from .conftest import DATA_DIR, DATASET_EXAMPLES

#: Every record class; a Dataset is tested on its own (its table sums up its collections).
RECORD_CLASSES = [c for c in (getattr(_model, n) for n in _model.__all__) if isinstance(c, type) and attrs.has(c)]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
GAP = re.compile(r"(\d+) more records")


class Page(HTMLParser):
    """An HTML fragment, parsed: its tags, attributes, texts, caption and rows, and whether its tags nest."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.texts: list[str] = []
        self.misnested: list[str] = []
        self.caption = ""
        self.header_rows: list[list[str]] = []
        self.body_rows: list[list[str]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)
        if tag == "tr":
            (self.header_rows if "thead" in self.open else self.body_rows).append([])
        elif tag in ("th", "td") and "tr" in self.open:
            (self.header_rows if "thead" in self.open else self.body_rows)[-1].append("")
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.misnested.append(tag)

    def handle_data(self, data):
        self.texts.append(data)
        if "caption" in self.open:
            self.caption += data
        elif "th" in self.open or "td" in self.open:
            rows = self.header_rows if "thead" in self.open else self.body_rows
            rows[-1][-1] += data

    @property
    def text(self) -> str:
        """Every text of the page, joined."""
        return "".join(self.texts)

    @property
    def well_formed(self) -> bool:
        return not self.open and not self.misnested


def _with_presentation(ds, **changes):
    """The bundled dataset with its first presentation changed."""
    p = attrs.evolve(ds.presentations[0], **changes)
    return attrs.evolve(ds, presentations=(p, *ds.presentations[1:]))


def _head_gap_tail(page: Page) -> tuple[list[str], int | None, list[str]]:
    """The rows before a "N more records" row, N (None without one) and the rows after it, each row's text joined."""
    rows = [" ".join(cells) for cells in page.body_rows]
    gaps = [i for i, row in enumerate(rows) if GAP.search(row)]
    if not gaps:
        return rows, None, []
    (i,) = gaps
    return rows[:i], int(GAP.search(rows[i]).group(1)), rows[i + 1 :]


class TestCollections:
    def test_equal_to_the_plain_tuple(self, ds):
        """A collection equals and hashes like the plain tuple of its records."""

        plain = tuple(ds.presentations)

        assert (True, hash(plain)) == (ds.presentations == plain, hash(ds.presentations))

    def test_immutable(self, ds):
        """A collection's items cannot be replaced."""

        with pytest.raises(TypeError):
            ds.members[0] = ds.members[1]  # type: ignore[index]

        assert 77 == len(ds.members)

    def test_slices_keep_the_class(self, ds):
        """A slice of a collection is a collection of the same class; an index gives a record."""

        assert (Presentations, wto_msme.Presentation) == (type(ds.presentations[:3]), type(ds.presentations[-1]))

    def test_pickles(self, ds):
        """A collection survives pickling, as the same class."""

        copy = pickle.loads(pickle.dumps(ds.coordinators))

        assert (ds.coordinators, type(ds.coordinators)) == (copy, type(copy))

    @pytest.mark.parametrize("name", COLLECTIONS)
    def test_every_collection_has_its_class_on_every_path(self, ds, name):
        """The bundled data, load(path) and the converter all give the collection class the Dataset declares."""

        from_path = wto_msme.load(DATA_DIR)
        structured = converter().structure(converter().unstructure(ds), Dataset)

        assert [field_types(Dataset)[name]] * 3 == [type(getattr(d, name)) for d in (ds, from_path, structured)]

    @settings(max_examples=DATASET_EXAMPLES)
    @given(datasets())
    def test_generated_datasets_hold_collections(self, generated):
        """Datasets built from plain tuples hold the declared collection classes."""

        assert {n: field_types(Dataset)[n] for n in COLLECTIONS} == {
            n: type(getattr(generated, n)) for n in COLLECTIONS
        }


class TestCollectionRepr:
    def test_the_coordinators(self, ds):
        """A collection's repr names the count, the class and the titles of its records."""

        assert "<3 CoordinatorTerm records: Hector Casanueva, José-Luis Cancela, Matthew Wilson>" == repr(
            ds.coordinators
        )

    def test_more_than_three_records(self, ds):
        """A longer collection names its first three titles and ends with an ellipsis."""

        expected = (
            "<48 Presentation records: Global Trade Helpdesk update, Global Trade Helpdesk update,"
            " Global Trade Helpdesk update, …>"
        )

        assert expected == repr(ds.presentations)

    def test_every_collection_is_short(self, ds):
        """No bundled collection's repr is longer than 200 characters."""

        assert {} == {name: repr(getattr(ds, name)) for name in COLLECTIONS if len(repr(getattr(ds, name))) > 200}

    def test_an_empty_or_mixed_collection(self, ds):
        """An empty collection says it holds nothing, a mixed one gives no kind, and titles are cut to 40 characters."""

        mixed = Records((ds.members[0], ds.sources[0]))

        assert (
            "<0 records>",
            "<0 Presentation records>",
            "<2 records: Afghanistan, Micro Small and Medium Enterprises (MSMEs) — in…>",
        ) == (
            repr(Records(())),
            repr(Presentations(())),
            repr(mixed),
        )

    def test_one_record_is_a_record(self, ds):
        """A collection of one record says "record", in its repr, its caption and a record's repr."""

        one = ds.coordinators[:1]
        note = next(m for m in ds.members if len(m.provenance.notes) == 1)

        assert (
            "<1 CoordinatorTerm record: Hector Casanueva>",
            "1 CoordinatorTerm record",
            True,
        ) == (repr(one), Page(one._repr_html_()).caption, "notes=<1 Note record>" in repr(note))


class TestRecordRepr:
    def test_long_texts_are_shortened_in_the_repr_only(self, ds):
        """A long summary is cut in the repr and whole in the data."""

        p = ds.presentations[0]
        shown = repr(p)

        assert (True, False, True) == (
            p.summary[: REPR_WIDTH - 5] in shown,
            p.summary in shown,
            len(p.summary) > REPR_WIDTH,
        )
        assert shown.startswith("Presentation(id='2021-09-24-itc-global-trade-helpdesk-update', title=")

    def test_nested_collections_are_counted(self, ds):
        """A declaration's repr counts its paragraphs instead of printing them."""

        shown = repr(ds.declarations[0])

        assert f"paragraphs=<{len(ds.declarations[0].paragraphs)} DeclarationParagraph records>" in shown
        assert len(shown) < 1000

    @pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.__name__)
    def test_every_class_has_a_concise_repr(self, cls):
        """Every record's repr starts with its class name and cuts its fields' long texts."""

        @given(st.from_type(cls))
        def check(record):
            shown = repr(record)
            values = [getattr(record, f.name) for f in attrs.fields(cls)]
            long_texts = [v for v in values if isinstance(v, str) and len(v) > REPR_WIDTH]

            assert shown.startswith(f"{cls.__name__}(")
            assert [] == [v for v in long_texts if repr(v) in shown]

        check()


class TestHtml:
    @pytest.mark.parametrize("name", COLLECTIONS)
    def test_collections_are_well_formed_tables(self, ds, name):
        """Every bundled collection renders as a well-formed table."""

        page = Page(getattr(ds, name)._repr_html_())

        assert (True, True) == (page.well_formed, "table" in page.tags)

    @pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.__name__)
    def test_records_are_well_formed_tables(self, cls):
        """Every record, and a collection of it, renders as well-formed HTML."""

        @given(st.lists(st.from_type(cls), max_size=3))
        def check(records):
            pages = [Page(r._repr_html_()) for r in records] + [Page(Records(records)._repr_html_())]

            assert [True] * len(pages) == [p.well_formed for p in pages]

        check()

    @pytest.mark.parametrize(
        ("name", "kind"),
        [("presentations", "Presentation"), ("wto_members", "WtoMember"), ("declarations", "Declaration")],
    )
    def test_captions_name_the_count_and_the_kind(self, ds, name, kind):
        """A collection's caption says how many records of which kind it holds."""

        caption = Page(getattr(ds, name)._repr_html_()).caption

        assert (True, True) == (str(len(getattr(ds, name))) in caption.split(), kind in caption)

    def test_the_captions_of_empty_mixed_and_found_collections(self, ds):
        """An empty collection, a mixed one and a search's results each have a caption with their count."""

        found = ds.presentations.search("cyber")
        pages = [Page(c._repr_html_()) for c in (Presentations(()), Records((ds.members[0], ds.sources[0])), found)]

        assert [True] * 3 == [p.well_formed for p in pages]
        assert [["0"], ["2"], [str(len(found))]] == [[w for w in p.caption.split() if w.isdigit()] for p in pages]
        assert "Presentation" in pages[0].caption

    def test_dataset_is_a_well_formed_table(self, ds):
        """A dataset renders as a table with a row per collection giving its size."""

        page = Page(ds._repr_html_())
        sizes = {cells[0]: cells[1] for cells in page.body_rows if cells and cells[0] in COLLECTIONS}

        assert page.well_formed
        assert {n: str(len(getattr(ds, n))) for n in COLLECTIONS} == {n: s.split()[0] for n, s in sizes.items()}

    def test_text_is_escaped(self, ds):
        """A title and a summary holding markup show as text, in the record and in the collection."""

        evil = '<script>alert("x")</script> & <b>bold</b>'
        changed = _with_presentation(ds, summary=evil, title="Q&A <i>" + evil)

        record, collection = Page(changed.presentations[0]._repr_html_()), Page(changed.presentations._repr_html_())

        assert (True, True) == (record.well_formed, collection.well_formed)
        assert (set(), set()) == ({"script", "b", "i"} & set(record.tags), {"script", "b", "i"} & set(collection.tags))
        assert (True, True, True) == (
            "Q&A <i>" + evil in record.text,
            evil in record.text,
            "Q&A <i>" + evil in collection.text,
        )

    def test_only_web_addresses_become_links(self, ds):
        """Every link goes to an http or https address: a javascript: URL is never linked."""

        changed = _with_presentation(ds, url="javascript:alert(1)")
        pages = [
            Page(changed.presentations[0]._repr_html_()),
            Page(changed.presentations._repr_html_()),
            Page(ds.presentations[0]._repr_html_()),
        ]
        hrefs = [value for page in pages for name, value in page.attributes if name == "href"]

        assert [] == [h for h in hrefs if not h.startswith(("https://", "http://"))]
        assert ds.presentations[0].url in [value for name, value in pages[2].attributes if name == "href"]

    def test_long_texts_in_a_collection_are_shortened_with_the_whole_text_as_title(self, ds):
        """A collection's cell shows at most TABLE_WIDTH characters of a long title, kept whole in a title attribute."""

        long = "Global Trade Helpdesk update, " * 10
        page = Page(_with_presentation(ds, title=long).presentations._repr_html_())
        shown = [t for t in page.texts if long.startswith(t.rstrip("…")) and t.endswith("…")]

        assert (True, False) == (("title", long) in page.attributes, long in page.text)
        assert [True] == [len(t) <= TABLE_WIDTH for t in shown]

    def test_long_texts_in_a_record_are_shortened_with_the_whole_text_as_title(self, ds):
        """A record's table cuts a very long summary and keeps it whole in a title attribute."""

        long = "An evidence-based summary of the payments session. " * 40
        page = Page(_with_presentation(ds, summary=long).presentations[0]._repr_html_())
        shown = [t for t in page.texts if t.endswith("…") and long.startswith(t.rstrip("…"))]

        assert (True, False, 1) == (("title", long) in page.attributes, long in page.text, len(shown))

    @pytest.mark.parametrize("n", [61, 166])
    def test_long_collections_show_their_head_a_gap_and_their_tail(self, ds, n):
        """More than 60 records show the first ones, a "… N more records" row for the N left out, and the last ones."""

        records = ds.wto_members[:n]
        head, more, tail = _head_gap_tail(Page(records._repr_html_()))

        assert (n, True, True) == (len(head) + more + len(tail), len(head) > 0, len(tail) > 0)
        assert [True] * len(head) == [title(r) in row for r, row in zip(records[: len(head)], head, strict=True)]
        assert [True] * len(tail) == [title(r) in row for r, row in zip(records[n - len(tail) :], tail, strict=True)]
        assert f"… {more} more records" in Page(records._repr_html_()).text

    def test_sixty_records_show_every_row(self, ds):
        """A collection of 60 records shows each of them, in order, and no gap."""

        records = ds.wto_members[:60]
        rows, more, tail = _head_gap_tail(Page(records._repr_html_()))

        assert (60, None, []) == (len(rows), more, tail)
        assert [True] * 60 == [title(r) in row for r, row in zip(records, rows, strict=True)]

    def test_a_record_s_caption_names_its_class_and_id(self, ds):
        """A record's table is captioned with its class name and its identifier."""

        p = ds.presentations[0]
        caption = Page(p._repr_html_()).caption

        assert (True, True) == ("Presentation" in caption, p.id in caption)


def _cell(page: Page, records, id: str, column: str) -> str:
    """The text of the cell in *column* of the row of the record *id* of *records* (every row shown, in order)."""
    index = next(i for i, r in enumerate(records) if r.id == id)
    return page.body_rows[index][page.header_rows[0].index(column)]


#: Each field of a collection's records that holds ids of other records, but the id itself.
REFERENCES = [
    (name, field, target)
    for name in COLLECTIONS
    for field, target in references(field_types(Dataset)[name].kind)
    if field != "id"
]


class TestWhatIdsPointTo:
    @pytest.mark.parametrize(("name", "field", "target"), REFERENCES, ids=str)
    def test_every_reference_shows_the_name_it_points_to(self, ds, name, field, target):
        """A cell of a field holding ids shows the names of the records they point to, the ids in its tooltip."""

        records = getattr(ds, name)
        record = next((r for r in records if getattr(r, field)), None)
        if record is None:
            pytest.skip(f"no bundled {name} record has a {field}")
        ids = getattr(record, field)
        first = (ids,) if isinstance(ids, str) else ids
        named = title(getattr(ds, target).get(first[0]))
        page = Page(records._repr_html_())

        assert _cell(page, records, record.id, field).startswith(named[:20])
        assert [] == [i for i in first if not any(name == "title" and i in v for name, v in page.attributes)]

    def test_the_names_the_issue_asks_for(self, ds):
        """A coordinator's Member, a sponsor's Member, a meeting's Members welcomed and documents show by name."""

        coordinators, sponsors, meetings = (Page(c._repr_html_()) for c in (ds.coordinators, ds.sponsors, ds.meetings))
        adopting = next(m for m in ds.meetings if m.welcomed and m.documents)

        assert ("Uruguay", "Mauritius") == (
            _cell(coordinators, ds.coordinators, "cancela", "member"),
            _cell(sponsors, ds.sponsors, "mus", "member"),
        )
        assert [ds.members.get(i).name for i in adopting.welcomed] == _cell(
            meetings, ds.meetings, adopting.id, "welcomed"
        ).split(", ")
        assert [ds.documents.get(i).symbol for i in adopting.documents] == _cell(
            meetings, ds.meetings, adopting.id, "documents"
        ).split(", ")

    def test_a_sponsor_is_named_by_its_member(self, ds):
        """A sponsor, named by a WTO Member's id, shows as that Member's name in its collection's repr."""

        names = [ds.wto_members.get(s.member).name for s in ds.sponsors]

        assert (f"<3 Sponsor records: {', '.join(names)}>", "<3 Sponsor records: mus, kwt, tha>") == (
            repr(ds.sponsors),
            repr(type(ds.sponsors)(ds.sponsors)),
        )

    def test_a_collection_of_no_dataset_shows_the_ids(self, ds):
        """A collection made alone, belonging to no dataset, shows the ids themselves."""

        alone = type(ds.coordinators)(ds.coordinators)

        assert (None, "ury") == (alone.dataset, _cell(Page(alone._repr_html_()), alone, "cancela", "member"))

    def test_queries_keep_the_dataset(self, ds):
        """A slice, a search and a query's result belong to the dataset the collection belongs to."""

        results = [ds.coordinators[:2], ds.presentations.search("cyber"), ds.members.as_of("2020").known]

        assert [ds] * 4 == [ds.members.dataset, *(r.dataset for r in results)]

    def test_a_record_shown_alone_shows_its_source_id(self, ds):
        """A record's own table names its source by id: a record knows no dataset."""

        member = ds.members[0]

        assert f"source{member.provenance.source}" in "".join(Page(member._repr_html_()).text.split(", ")[:1])

    def test_another_dataset_never_changes_how_one_displays(self, ds):
        """A dataset with renamed Members and retitled sources leaves the bundled one's displays as they are."""

        before = [ds.coordinators._repr_html_(), ds.members[0]._repr_html_(), ds.meetings._repr_html_()]
        renamed = attrs.evolve(
            ds,
            members=[attrs.evolve(m, name=f"Renamed {m.id}") for m in ds.members],
            sources=[attrs.evolve(s, title="Retitled", url="https://example.org/") for s in ds.sources],
        )

        assert before == [ds.coordinators._repr_html_(), ds.members[0]._repr_html_(), ds.meetings._repr_html_()]
        assert "Renamed ury" == _cell(
            Page(renamed.coordinators._repr_html_()), renamed.coordinators, "cancela", "member"
        )

    def test_a_failed_load_changes_nothing(self, ds, tmp_path):
        """A data directory that load refuses leaves every display of the bundled dataset as it was."""

        from wto_msme.exceptions import DataError

        before = [getattr(ds, n)._repr_html_() for n in COLLECTIONS]
        term = attrs.evolve(ds.coordinators[0], member="zzz")
        broken = attrs.evolve(
            ds,
            coordinators=[term, *ds.coordinators[1:]],
            members=[attrs.evolve(m, name=f"Renamed {m.id}") for m in ds.members],
        )
        wto_msme.dump(broken, tmp_path / "broken")

        with pytest.raises(DataError):
            wto_msme.load(tmp_path / "broken")
        assert before == [getattr(ds, n)._repr_html_() for n in COLLECTIONS]


class TestAnswers:
    def test_participation_shows_its_counts(self, ds):
        """The participation table has a column for each count, holding each step's numbers."""

        steps = ds.participation()
        page = Page(steps._repr_html_())
        header = page.header_rows[0]

        assert [
            [str(s.date), str(s.known), str(s.most), "" if s.claimed is None else str(s.claimed)] for s in steps
        ] == [[row[header.index(c)] for c in ("date", "known", "most", "claimed")] for row in page.body_rows]

    def test_a_search_shows_each_score_to_two_decimals(self, ds):
        """A search's table has a score column, each record's score to two decimals."""

        found = ds.presentations.search("trade facilitation")
        page = Page(found._repr_html_())

        assert [f"{s:.2f}" for s in found.scores] == [_cell(page, found, r.id, "score") for r in found]

    @pytest.mark.parametrize("text", ["e-commerce", "women in e-commerce", "payments", "INF/MSME/W/58"])
    def test_only_the_words_looked_for_are_marked(self, ds, text):
        """Every marked word is one the search looked for: "e-commerce" marks no other word beginning with "e"."""

        from wto_msme._search import marks

        marked = marks(text)
        found = ds.search(text)
        html = found._repr_html_() + ds.presentations.search(text)._repr_html_()
        words = re.findall(r"<mark>(.*?)</mark>", html)

        assert (True, []) == (bool(words), [w for w in words if not marked(w)])
        assert "economy" not in [w.lower() for w in words]

    def test_a_short_word_is_marked_only_with_a_longer_one(self):
        """Among words written together, "e-commerce" marks its own words, not the "e" of "e-learning"."""

        from wto_msme._display import _marked
        from wto_msme._search import marks

        html = _marked("E-learning, e-commerce and E-Commerce", marks("e-commerce"))

        assert ["e", "commerce", "E", "Commerce"] == re.findall(r"<mark>(.*?)</mark>", html)

    def test_found_quotes_each_word_once(self, ds):
        """A search's found column quotes a field for a word looked for that no quote before holds, then stops."""

        found = ds.search("payments")
        page = Page(found._repr_html_())
        quotes = [cell.count(": ") for cell in (row[page.header_rows[0].index("found")] for row in page.body_rows)]

        assert [] == [n for n in quotes if n > 1]
        assert 0 < sum(quotes)

    def test_a_partial_result_says_so(self, ds):
        """A search no record fully matches says so in its caption and its repr."""

        found = ds.presentations.search("cyber xylophone")

        assert (True, True, True) == (
            found.partial,
            "partial" in Page(found._repr_html_()).caption,
            "partial" in repr(found),
        )
        assert "partial" not in repr(ds.presentations.search("cyber")) + repr(ds.presentations)

    def test_dates_never_wrap(self, ds):
        """Each date in a table is kept whole by a no-wrap style, a joining's dates too."""

        html = ds.members._repr_html_() + ds.meetings._repr_html_()
        dates = re.findall(r'<span class="date">([^<]*)</span>', html)

        assert ".wto-msme .date{white-space:nowrap}" in html.replace("tbody th,", "")
        assert {str(m.date) for m in ds.meetings if m.date} <= set(dates)
        assert [] == [d for d in dates if not re.fullmatch(r"\d{4}(-\d\d){0,2}", d)]

    def test_a_column_no_row_fills_is_left_out(self, ds):
        """A column that no record shown fills is left out; a record that fills it brings it back."""

        ongoing = ds.coordinators[-1:]

        assert (None, False, True) == (
            ongoing[0].end,
            "end" in Page(ongoing._repr_html_()).header_rows[0],
            "end" in Page(ds.coordinators._repr_html_()).header_rows[0],
        )

    def test_help_lists_every_collection(self):
        """The Dataset's docstring lists each collection with its meaning, as help() shows it."""

        doc = Dataset.__doc__ or ""

        assert [] == [n for n in COLLECTIONS if f"\n    {n}: " not in doc]
