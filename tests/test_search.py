"""Tests for wto_msme._search."""

from __future__ import annotations

import typing

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import wto_msme
from wto_msme import Category, SearchHit, Subcategory, _model, search
from wto_msme import _search as module
from wto_msme._text import words
from wto_msme.strategies import members, news_items, presentations, publications

#: Lists of generated records of several classes, mixed.
record_lists = st.lists(presentations() | news_items() | publications() | members(), max_size=10).map(tuple)

#: Lists of generated presentations.
presentation_lists = st.lists(presentations(), min_size=1, max_size=10).map(tuple)

#: Text that is not blank: anything, or words in the Latin alphabet.
queries = st.text(min_size=1).filter(str.strip) | st.from_regex(r"[A-Za-z]{1,8}( [A-Za-z]{1,8}){0,2}", fullmatch=True)

#: Short texts from a few words, so that records match each other's titles in part.
few_words = st.lists(st.sampled_from(["cyber", "security", "trade", "MSME"]), min_size=1, max_size=3).map(" ".join)

#: Presentations whose title, institution and summary are made of those few words.
look_alike_lists = st.lists(
    st.builds(
        lambda p, title, institution, summary: attrs.evolve(p, title=title, institution=institution, summary=summary),
        presentations(),
        few_words,
        few_words,
        few_words,
    ),
    min_size=1,
    max_size=8,
).map(tuple)

#: The field each class is titled by: an exact match of it ranks first.
PRIMARY = {cls: fields[0][0] for cls, fields in module._FIELDS.items()}

#: Every collection of the bundled dataset, and the initiative as one record.
COLLECTIONS = list(_model.COLLECTIONS)


class TestBundled:
    @pytest.mark.parametrize(
        ("query", "theme"),
        [("cyber", Category.CYBER_READINESS), ("cross-border payments", Subcategory.CROSS_BORDER_PAYMENTS)],
    )
    def test_a_theme_finds_its_presentations_first(self, ds, query, theme):
        """Searching for "cyber" or "cross-border payments" puts the four presentations of that theme first."""

        expected = {p.id for p in ds.presentations if theme in (p.category, p.subcategory)}

        hits = search(ds.presentations, query)

        assert 4 == len(expected)
        assert expected == {h.record.id for h in hits[:4]}
        assert all(h.score > hits[4].score for h in hits[:4])

    def test_an_exact_title_comes_first_and_says_so(self, ds):
        """Searching for a title finds the presentations with that title first, matched on their title."""

        hits = search(ds.presentations, "global trade helpdesk UPDATE")

        assert [("ITC", "title")] * 4 == [(h.record.institution, h.field) for h in hits[:4]]

    def test_case_accents_and_punctuation_are_ignored(self, ds):
        """Searching for "COTE D'IVOIRE" finds C\u00f4te d\u2019Ivoire."""

        expected = next(m for m in ds.members if m.id == "civ")

        assert expected is search(ds.members, "COTE D'IVOIRE")[0].record

    def test_aliases_are_searched(self, ds):
        """A Member is found by another name it is known by."""

        hit = search(ds.members, "Turkey")[0]

        assert ("Türkiye", "aliases") == (hit.record.name, hit.field)

    def test_publishers_and_headlines_are_searched(self, ds):
        """News items are found by publisher and headline, and mixed records can be searched together."""

        records = ds.news + ds.publications + ds.presentations

        hits = search(records, "OECD")

        assert {"publisher", "institution", "headline", "title", "summary"} >= {h.field for h in hits}
        assert any(isinstance(h.record, wto_msme.Publication) and h.field == "publisher" for h in hits)

    @pytest.mark.parametrize("collection", COLLECTIONS)
    def test_every_record_is_found_by_its_title(self, ds, collection):
        """Every bundled record is found first by its title (headline, name, symbol, wording) among its own kind."""

        records = getattr(ds, collection)
        for record in records:
            field = PRIMARY[type(record)]
            text = getattr(record, field)

            first = search(records, text)[0]

            assert (field, words(text)) == (first.field, words(getattr(first.record, field)))

    def test_the_initiative_and_declaration_paragraphs(self, ds):
        """The initiative and the paragraphs of a declaration can be searched too."""

        paragraphs = ds.declarations[0].paragraphs

        assert ("name", paragraphs[0]) == (
            search([ds.initiative], "msmes")[0].field,
            search(paragraphs, paragraphs[0].text)[0].record,
        )


class TestArguments:
    @pytest.mark.parametrize("text", ["", " ", "\t\n ", "\u3000"])
    def test_a_blank_query_is_refused(self, ds, text):
        """A query of nothing or only whitespace raises ValueError."""

        with pytest.raises(ValueError, match="the search text is blank"):
            search(ds.presentations, text)

    @pytest.mark.parametrize("text", ["?!", "\u2013", "\u200b"])
    def test_text_without_words_matches_nothing(self, ds, text):
        """Text with no letters or digits is not blank, but matches nothing."""

        assert () == search(ds.presentations, text)

    def test_the_query_must_be_a_string(self, ds):
        """A query that is not a string raises TypeError."""

        with pytest.raises(TypeError, match="text must be a string, not bytes"):
            search(ds.presentations, b"cyber")  # type: ignore[arg-type]

    def test_an_unknown_record_is_named(self, ds):
        """A record of a class search does not know raises TypeError naming its position."""

        with pytest.raises(TypeError, match=r"^records\[1\] is a str; search knows only "):
            search([ds.presentations[0], "cyber"], "cyber")

    @pytest.mark.parametrize("limit", [0, 1, 3, 100])
    def test_limit_keeps_the_best(self, ds, limit):
        """A limit keeps that many of the best hits, in the same order."""

        everything = search(ds.presentations, "trade")

        assert everything[:limit] == search(ds.presentations, "trade", limit=limit)

    @pytest.mark.parametrize(("limit", "error"), [(-1, ValueError), (1.5, TypeError), (True, TypeError)])
    def test_a_bad_limit_is_refused(self, ds, limit, error):
        """A negative or non-integer limit is refused."""

        with pytest.raises(error, match="limit must be"):
            search(ds.presentations, "trade", limit=limit)


class TestProperties:
    @given(record_lists, queries)
    def test_never_raises_and_gives_records_given(self, records, text):
        """Any non-blank text gives hits for records given, in their order where scores tie."""

        hits = search(records, text)

        assert all(isinstance(h, SearchHit) and h.score > 0 for h in hits)
        assert len({id(h.record) for h in hits}) == len(hits)
        assert all(h.field in dict(module._FIELDS[type(h.record)]) for h in hits)
        order = {id(r): i for i, r in reversed(list(enumerate(records)))}
        ranks = [(-h.score, order[id(h.record)]) for h in hits]
        assert sorted(ranks) == ranks

    @given(presentation_lists, st.data())
    def test_an_exact_title_ranks_first(self, records, data):
        """Searching for any record's title ranks first a record with that very title."""

        title = data.draw(st.sampled_from(records)).title
        assume(words(title))

        first = search(records, title)[0]

        assert ("title", words(title)) == (first.field, words(first.record.title))

    @given(look_alike_lists, st.data())
    def test_an_exact_title_ranks_first_among_look_alikes(self, records, data):
        """An exact title ranks first even where other records match the query in every field."""

        title = data.draw(st.sampled_from(records)).title

        first = search(records, title)[0]

        assert ("title", words(title)) == (first.field, words(first.record.title))

    def test_an_exact_title_outranks_matches_everywhere_else(self, ds):
        """A record titled exactly as the query beats one holding the query in its title, institution and summary."""

        p = ds.presentations[0]
        exact = attrs.evolve(p, title="Cyber Security", institution="ITC", summary="Nothing to see.")
        everywhere = attrs.evolve(
            p, title="Cyber security for all", institution="Cyber Security", summary="Cyber security, again."
        )

        hits = search((everywhere, exact), "cyber security")

        assert [exact, everywhere] == [h.record for h in hits]

    @given(record_lists, st.data())
    def test_an_exact_title_ranks_first_among_mixed_records(self, records, data):
        """Among records of several kinds, searching for one's title (headline, name) ranks such a record first."""

        assume(records)
        record = data.draw(st.sampled_from(records))
        text = getattr(record, PRIMARY[type(record)])
        assume(words(text))

        first = search(records, text)[0]

        assert words(text) == words(getattr(first.record, PRIMARY[type(first.record)]))

    @given(record_lists, st.from_regex(r"[A-Za-z]{1,8}( [A-Za-z]{1,8}){0,2}", fullmatch=True))
    def test_case_and_punctuation_do_not_matter(self, records, text):
        """A query gives the same hits in any case and with punctuation around its words."""

        assert search(records, text) == search(records, "¡" + text.upper().replace(" ", "-") + "!")

    @given(record_lists, queries)
    def test_a_tuple_searched_twice_or_as_a_list_gives_the_same(self, records, text):
        """The words kept for a tuple give the same hits as reading the records afresh."""

        first = search(records, text)

        assert (first, first) == (search(records, text), search(list(records), text))

    @given(st.text())
    def test_words_never_hold_separators(self, text):
        """Every word search compares is non-empty and holds only letters and digits."""

        assert all(t and all(c.isalnum() for c in t) for t in words(text))

    def test_other_scripts_are_found(self):
        """A title in another script is found by its words."""

        greek = attrs.evolve(wto_msme.load().presentations[0], title="Ψηφιακό εμπόριο")

        assert [greek] == [hit.record for hit in search((greek,), "ψηφιακό")]


class TestIndex:
    def test_the_cache_is_bounded(self, ds):
        """Searching many tuples keeps the words of only the last few."""

        for i in range(3 * module._CACHE_SIZE):
            search(ds.presentations[i % 5 :], "trade")

        assert len(module._cache) <= module._CACHE_SIZE

    def test_a_new_tuple_in_a_reused_place_is_read_afresh(self, ds):
        """A tuple is recognised by identity, not by where it was in memory: its own records are searched."""

        first = tuple(attrs.evolve(p, title="alpha") for p in ds.presentations[:2])
        search(first, "alpha")
        module._cache[id(first)] = module._build(ds.presentations[:2])

        hits = search(first, "alpha")

        assert [first[0], first[1]] == [h.record for h in hits]

    def test_the_exact_bonus_outweighs_everything_else(self):
        """No record without an exact title can outscore one with it: the bonus exceeds the rest."""

        assert all(3 * sum(w for _, w in fields[1:]) < module._EXACT_BONUS for fields in module._FIELDS.values())

    def test_every_record_class_is_searchable(self):
        """Every class of record a dataset holds, and the paragraphs of declarations, have fields to search."""

        hints = typing.get_type_hints(wto_msme.Dataset)
        held = {typing.get_args(hints[f.name])[0] for f in attrs.fields(wto_msme.Dataset) if f.name in COLLECTIONS}

        assert held | {wto_msme.Initiative, wto_msme.DeclarationParagraph} <= set(module._FIELDS)
