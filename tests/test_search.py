"""Tests of search: Records.search and Dataset.search."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import wto_msme
from wto_msme import Member, NewsItem, Presentation, Publication, _describe
from wto_msme import _search as module
from wto_msme._dataset import COLLECTIONS
from wto_msme._text import words
from wto_msme.collections import Presentations, Records
from wto_msme.enums import Category, Subcategory
from wto_msme.strategies import records

#: Collections of generated records of several classes, mixed.
record_lists = st.lists(
    records(Presentation) | records(NewsItem) | records(Publication) | records(Member), max_size=10
).map(Records)

#: Collections of generated presentations.
presentation_lists = st.lists(records(Presentation), min_size=1, max_size=10).map(Presentations)

#: Text that is not blank: anything, or words in the Latin alphabet.
queries = st.text(min_size=1).filter(str.strip) | st.from_regex(r"[A-Za-z]{1,8}( [A-Za-z]{1,8}){0,2}", fullmatch=True)

#: Short texts from a few words, so that records match each other's titles in part.
few_words = st.lists(st.sampled_from(["cyber", "security", "trade", "MSME"]), min_size=1, max_size=3).map(" ".join)

#: Presentations whose title, institution and summary are made of those few words.
look_alike_lists = st.lists(
    st.builds(
        lambda p, title, institution, summary: attrs.evolve(p, title=title, institution=institution, summary=summary),
        records(Presentation),
        few_words,
        few_words,
        few_words,
    ),
    min_size=1,
    max_size=8,
).map(Presentations)


#: The record classes a dataset holds, and the initiative and the paragraphs of declarations.
SEARCHED = [
    *(_describe.field_types(wto_msme.Dataset)[name].kind for name in COLLECTIONS),
    wto_msme.Initiative,
    wto_msme.DeclarationParagraph,
]


def title_of(record: object) -> str:
    """The text that names *record*: its title field, or its description where that is empty."""
    return _describe.title(record)


class TestBundled:
    @pytest.mark.parametrize(
        ("query", "theme"),
        [("cyber", Category.CYBER_READINESS), ("cross-border payments", Subcategory.CROSS_BORDER_PAYMENTS)],
    )
    def test_a_theme_finds_its_presentations_first(self, ds, query, theme):
        """Searching for "cyber" or "cross-border payments" puts the four presentations of that theme first."""

        expected = {p.id for p in ds.presentations if theme in (p.category, p.subcategory)}

        found = ds.presentations.search(query)

        assert 4 == len(expected)
        assert expected == {p.id for p in found[:4]}

    def test_an_exact_title_comes_first(self, ds):
        """Searching for a title finds the presentations with that title first."""

        found = ds.presentations.search("global trade helpdesk UPDATE")

        assert [("ITC", "Global Trade Helpdesk update")] * 4 == [(p.institution, p.title) for p in found[:4]]

    def test_case_accents_and_punctuation_are_ignored(self, ds):
        """Searching for "COTE D'IVOIRE" finds C\u00f4te d\u2019Ivoire."""

        assert ds.members.get("civ") is ds.members.search("COTE D'IVOIRE")[0]

    def test_aliases_are_searched(self, ds):
        """A Member is found by another name it is known by."""

        assert "Türkiye" == ds.members.search("Turkey")[0].name

    def test_word_endings_are_ignored(self, ds):
        """A word finds its plural and its plural the word: "payment" finds what "payments" finds."""

        assert ds.presentations.search("payments") == ds.presentations.search("payment")
        assert ds.presentations.search("payment")

    def test_publishers_and_headlines_are_searched(self, ds):
        """News items and publications are found by publisher, among the records of the whole dataset."""

        found = ds.search("OECD")

        assert {Publication, Presentation} <= {type(r) for r in found}
        assert any(isinstance(r, Publication) and "OECD" in (r.publisher or "") for r in found)

    @pytest.mark.parametrize("collection", COLLECTIONS)
    def test_every_record_is_found_by_its_title(self, ds, collection):
        """Every bundled record is found first by its title (headline, name, symbol, wording) among its own kind."""

        records = getattr(ds, collection)
        for record in records:
            text = title_of(record)

            assert words(text) == words(title_of(records.search(text)[0]))

    def test_the_initiative_and_declaration_paragraphs(self, ds):
        """The initiative and the paragraphs of a declaration can be searched too."""

        paragraphs = ds.declarations[0].paragraphs

        assert (ds.initiative, paragraphs[0]) == (
            Records([ds.initiative]).search("msmes")[0],
            Records(paragraphs).search(paragraphs[0].text)[0],
        )

    def test_a_dataset_search_finds_records_of_its_collections(self, ds):
        """ds.search gives a plain Records of records from the dataset, each found by its own collection."""

        found = ds.search("trade")
        everything = {id(r) for name in COLLECTIONS for r in getattr(ds, name)}

        assert (Records, "trade") == (type(found), found.query)
        assert all(id(r) in everything for r in found)
        assert {id(p) for p in ds.presentations.search("trade")} <= {id(r) for r in found}


class TestArguments:
    @pytest.mark.parametrize("text", ["", " ", "\t\n ", "\u3000"])
    def test_a_blank_query_is_refused(self, ds, text):
        """A query of nothing or only whitespace raises ValueError."""

        with pytest.raises(ValueError, match="the search text is blank"):
            ds.presentations.search(text)

    @pytest.mark.parametrize("text", ["?!", "\u2013", "\u200b"])
    def test_text_without_words_matches_nothing(self, ds, text):
        """Text with no letters or digits is not blank, but matches nothing."""

        assert () == ds.presentations.search(text)

    def test_the_query_must_be_a_string(self, ds):
        """A query that is not a string raises TypeError."""

        with pytest.raises(TypeError, match="text must be a string, not bytes"):
            ds.presentations.search(b"cyber")  # type: ignore[arg-type]

    def test_an_unknown_record_is_named(self, ds):
        """A record of a class with no searched fields raises TypeError naming its position."""

        with pytest.raises(TypeError, match=r"^records\[1\] is a str, which has no searched fields"):
            Records([ds.presentations[0], "cyber"]).search("cyber")

    @pytest.mark.parametrize("limit", [0, 1, 3, 100])
    def test_limit_keeps_the_best(self, ds, limit):
        """A limit keeps that many of the best records, in the same order."""

        everything = ds.presentations.search("trade")

        assert everything[:limit] == ds.presentations.search("trade", limit=limit)

    @pytest.mark.parametrize(("limit", "error"), [(-1, ValueError), (1.5, TypeError), (True, TypeError)])
    def test_a_bad_limit_is_refused(self, ds, limit, error):
        """A negative or non-integer limit is refused."""

        with pytest.raises(error, match="limit must be"):
            ds.presentations.search("trade", limit=limit)


class TestProperties:
    @given(record_lists, queries)
    def test_never_raises_and_gives_records_given(self, records, text):
        """Any non-blank text gives records given, each once, as a collection of the same class holding the query."""

        found = records.search(text)

        assert (Records, text) == (type(found), found.query)
        assert len({id(r) for r in found}) == len(found)
        assert {id(r) for r in found} <= {id(r) for r in records}

    @given(presentation_lists, queries, st.integers(0, 5))
    def test_a_limit_is_a_prefix(self, records, text, limit):
        """A limit keeps the first records of the unlimited search."""

        assert records.search(text)[:limit] == records.search(text, limit=limit)

    @given(presentation_lists, st.data())
    def test_an_exact_title_ranks_first(self, records, data):
        """Searching for any record's title ranks first a record with that very title."""

        title = data.draw(st.sampled_from(records)).title
        assume(words(title))

        assert words(title) == words(records.search(title)[0].title)

    @given(look_alike_lists, st.data())
    def test_an_exact_title_ranks_first_among_look_alikes(self, records, data):
        """An exact title ranks first even where other records match the query in every field."""

        title = data.draw(st.sampled_from(records)).title

        assert words(title) == words(records.search(title)[0].title)

    def test_an_exact_title_outranks_matches_everywhere_else(self, ds):
        """A record titled exactly as the query beats one holding the query in its title, institution and summary."""

        p = ds.presentations[0]
        exact = attrs.evolve(p, title="Cyber Security", institution="ITC", summary="Nothing to see.")
        everywhere = attrs.evolve(
            p, title="Cyber security for all", institution="Cyber Security", summary="Cyber security, again."
        )

        assert [exact, everywhere] == list(Presentations((everywhere, exact)).search("cyber security"))

    @given(record_lists, st.data())
    def test_an_exact_title_ranks_first_among_mixed_records(self, records, data):
        """Among records of several kinds, searching for one's title (headline, name) ranks such a record first."""

        assume(records)
        text = title_of(data.draw(st.sampled_from(records)))
        assume(words(text))

        assert words(text) == words(title_of(records.search(text)[0]))

    @given(record_lists, st.from_regex(r"[A-Za-z]{1,8}( [A-Za-z]{1,8}){0,2}", fullmatch=True))
    def test_case_and_punctuation_do_not_matter(self, records, text):
        """A query gives the same records in any case and with punctuation around its words."""

        assert records.search(text) == records.search("¡" + text.upper().replace(" ", "-") + "!")

    @given(record_lists, queries)
    def test_a_collection_searched_twice_gives_the_same(self, records, text):
        """A second search, and a search of a fresh copy, give what the first gave."""

        first = records.search(text)

        assert (first, first) == (records.search(text), Records(list(records)).search(text))

    @given(presentation_lists, queries)
    def test_results_narrow_further(self, records, text):
        """Searching the results of a search again for the same text gives the same records."""

        found = records.search(text)

        assert set(map(id, found)) == set(map(id, found.search(text)))

    @given(st.text())
    def test_words_never_hold_separators(self, text):
        """Every word search compares is non-empty and holds only letters and digits."""

        assert all(t and all(c.isalnum() for c in t) for t in words(text))

    def test_other_scripts_are_found(self):
        """A title in another script is found by its words."""

        greek = attrs.evolve(wto_msme.load().presentations[0], title="Ψηφιακό εμπόριο")

        assert [greek] == list(Presentations((greek,)).search("ψηφιακό"))


class TestWeights:
    def test_the_exact_bonus_outweighs_everything_else(self):
        """No record without an exact title can outscore one with it: the bonus exceeds the rest."""

        assert all(3 * sum(w for _, w in _describe.searched_fields(cls)[1:]) < module._EXACT_BONUS for cls in SEARCHED)

    @pytest.mark.parametrize("cls", SEARCHED, ids=lambda c: c.__name__)
    def test_every_record_class_is_searchable_by_its_title(self, cls):
        """Every record class a dataset holds has searched fields, the first of them its one title field."""

        fields = _describe.searched_fields(cls)

        assert (_describe.TITLE, fields[0][0]) == (fields[0][1], _describe.title_field(cls))
        assert [_describe.TITLE] == [w for _, w in fields if w == _describe.TITLE]


def test_hits_mark_the_words_found(ds):
    """A search's table marks the words that matched, whatever their ending, where they were found."""

    html = ds.presentations.search("woman")._repr_html_()

    assert (2, True, False) == (
        html.count("<mark>women</mark>"),
        "<i>summary</i>" in html,
        "<mark>" in ds.presentations._repr_html_(),
    )
