"""Tests for wto_msme._display: concise reprs, HTML tables and the Records collection."""

from __future__ import annotations

import pickle
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wto_msme
from wto_msme import Records, _model
from wto_msme._convert import make_converter
from wto_msme._display import REPR_WIDTH, TABLE_WIDTH
from wto_msme.strategies import datasets

from .conftest import DATA_DIR

#: Every record class; a Dataset is tested on its own (its repr counts, its table sums up).
RECORD_CLASSES = [c for c in (getattr(_model, n) for n in _model.__all__) if attrs.has(c) and c is not wto_msme.Dataset]
COLLECTIONS = list(_model.COLLECTIONS)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """An HTML fragment, parsed: its tags, its text and whether every tag is closed in order."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.texts: list[str] = []
        self.misnested: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.misnested.append(tag)

    def handle_data(self, data):
        self.texts.append(data)

    @property
    def well_formed(self) -> bool:
        return not self.open and not self.misnested


def _with_presentation(ds, **changes):
    p = attrs.evolve(ds.presentations[0], **changes)
    return attrs.evolve(ds, presentations=(p, *ds.presentations[1:]))


class TestRecords:
    def test_equal_to_the_plain_tuple(self, ds):
        """A collection equals and hashes like the plain tuple of its records."""

        plain = tuple(ds.presentations)

        assert (True, hash(plain)) == (ds.presentations == plain, hash(ds.presentations))

    def test_immutable(self, ds):
        """A collection can neither gain attributes nor have items replaced."""

        with pytest.raises(AttributeError):
            ds.members.extra = 1  # type: ignore[attr-defined]
        with pytest.raises(TypeError):
            ds.members[0] = ds.members[1]  # type: ignore[index]

        assert 71 == len(ds.members)

    def test_slices_are_records(self, ds):
        """A slice of a collection is a collection; an index gives a record."""

        assert (Records, wto_msme.Presentation) == (type(ds.presentations[:3]), type(ds.presentations[-1]))

    def test_pickles(self, ds):
        """A collection survives pickling."""

        assert ds.coordinators == pickle.loads(pickle.dumps(ds.coordinators))

    @pytest.mark.parametrize("name", COLLECTIONS)
    def test_every_collection_is_records_on_every_path(self, ds, name):
        """The fast path, load(path) and the converter all give Records collections."""

        from_path = wto_msme.load(DATA_DIR)
        structured = make_converter().structure(make_converter().unstructure(ds), wto_msme.Dataset)

        assert [Records] * 3 == [type(getattr(d, name)) for d in (ds, from_path, structured)]

    @given(datasets())
    def test_generated_datasets_hold_records(self, generated):
        """Datasets built from plain tuples hold Records collections."""

        assert {Records} == {type(getattr(generated, name)) for name in COLLECTIONS}

    def test_repr_is_short(self, ds):
        """A collection's repr names the count, the class and the first identifiers."""

        expected = "<3 CoordinatorTerm records: casanueva, cancela, wilson>"

        assert expected == repr(ds.coordinators)
        assert all(len(repr(getattr(ds, name))) < 200 for name in COLLECTIONS)

    def test_repr_of_an_empty_or_mixed_collection(self, ds):
        """An empty collection and a mixed one say so."""

        mixed = Records((ds.members[0], ds.sources[0]))

        assert ("<0 records>", "<2 records: afg, seed-000>") == (repr(Records(())), repr(mixed))


class TestRecordRepr:
    def test_long_texts_are_shortened_in_the_repr_only(self, ds):
        """A long summary is cut in the repr and whole in the data."""

        p = ds.presentations[0]
        shown = repr(p)

        assert p.summary[: REPR_WIDTH - 5] in shown
        assert p.summary not in shown
        assert len(p.summary) > REPR_WIDTH
        assert shown.startswith("Presentation(id='2021-09-24-itc-global-trade-helpdesk-update', title=")

    def test_nested_collections_are_counted(self, ds):
        """A declaration's repr counts its paragraphs and notes instead of printing them."""

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

        assert (True, "table") == (page.well_formed, page.tags[0])

    @pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.__name__)
    def test_records_are_well_formed_tables(self, cls):
        """Every record, and a collection of it, renders as well-formed HTML."""

        @given(st.lists(st.from_type(cls), max_size=3))
        def check(records):
            pages = [Page(r._repr_html_()) for r in records] + [Page(Records(records)._repr_html_())]

            assert all(p.well_formed for p in pages)

        check()

    def test_collections_of_other_values(self):
        """A collection of plain values shows each value's repr in one column."""

        page = Page(Records(("<x>", 2))._repr_html_())

        assert page.well_formed
        assert ["#", "record", "0", "'<x>'", "1", "2"] == [t for t in page.texts if t != "2 records"]

    def test_dataset_is_a_well_formed_table(self, ds):
        """A dataset renders as a table of its collections' sizes."""

        page = Page(ds._repr_html_())

        assert page.well_formed
        assert "48 records" in page.texts

    def test_text_is_escaped(self, ds):
        """A summary holding markup shows as text, in the record and in the collection."""

        evil = '<script>alert("x")</script> & <b>bold</b>'
        changed = _with_presentation(ds, summary=evil, title="Q&A <i>")

        for markup in (changed.presentations[0]._repr_html_(), changed.presentations._repr_html_()):
            page = Page(markup)
            assert page.well_formed
            assert not {"script", "b", "i"} & set(page.tags)
            assert evil in page.texts
            assert "Q&A <i>" in page.texts

    def test_only_web_addresses_become_links(self, ds):
        """A URL becomes a link only if it is http or https."""

        changed = _with_presentation(ds, url="javascript:alert(1)")

        tags = Page(changed.presentations[0]._repr_html_()).tags
        web = Page(ds.presentations[0]._repr_html_()).tags

        assert (False, True) == ("a" in tags, "a" in web)

    def test_long_texts_are_shortened_with_the_whole_text_in_the_tooltip(self, ds):
        """A table cell shows at most TABLE_WIDTH characters and keeps the whole text as its title."""

        page = Page(ds.presentations._repr_html_())
        p = ds.presentations[0]

        assert ("title", p.summary) in page.attributes
        assert p.summary not in page.texts
        assert all(len(t) <= TABLE_WIDTH for t in page.texts)

    def test_long_collections_show_their_head_and_tail(self, ds):
        """A collection of more than ROW_LIMIT records shows 25 rows, a gap and 5 rows."""

        page = Page(ds.wto_members._repr_html_())
        rows = page.tags.count("tr") - 1  # the header row

        assert 25 + 1 + 5 == rows
        assert f"{len(ds.wto_members) - 30} more records" in page.texts
        assert ds.wto_members[-1].name in page.texts

    def test_record_table_lists_every_field_and_note(self, ds):
        """A record's table has a row per field, nested fields and notes by path."""

        p = next(p for p in ds.presentations if p.institution == "UN/CEFACT")

        headers = [t for t in Page(p._repr_html_()).texts if t.startswith(("provenance", "date", "summary"))]

        assert ["date", "summary", "provenance.source", "provenance.locator", "provenance.evidence"] == headers[:5]
        assert [f"provenance.notes[{i}]" for i in range(len(p.provenance.notes))] == headers[5:]
