"""Tests for wto_msme._text."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from wto_msme._text import bare, chunks, fold, forms, stem, words


def _fold_slowly(text: str) -> str:
    """Fold as the definition says: casefold, decompose, drop the accents, keep letters and digits."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(w for w in re.split(r"[\W_]+", bare) if w)


class TestFold:
    @given(st.text())
    @example("Viet Nam")
    @example("  KOREA, Republic of!")
    @example("C\u00f4te d\u2019Ivoire")
    def test_fold_is_the_definition(self, text):
        """Folding, with its shortcut for ASCII text, gives what the definition gives for any text."""

        expected = _fold_slowly(text)

        assert expected == fold(text)


class TestBare:
    @given(st.text())
    def test_bare_then_split_on_punctuation_is_fold(self, text):
        """Folding is the bare text with its punctuation turned into spaces."""

        assert fold(text) == " ".join(re.split(r"[\W_]+", bare(text))).strip()


class TestChunks:
    @given(st.text())
    def test_chunks_hold_the_words_in_order(self, text):
        """The chunks of a text, put together, are its words, in order."""

        assert words(text) == tuple(w for chunk in chunks(text) for w in chunk)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("e-commerce", [["e", "commerce"]]),
            ("INF/MSME/4/Rev.2", [["inf", "msme", "4", "rev", "2"]]),
            ("WT/MIN(21)/1", [["wt", "min", "21", "1"]]),
            ("Canada's", [["canada", "s"]]),
            ("trade, finance; e.g.", [["trade"], ["finance"], ["e", "g"]]),
            ("a \u2013 b", [["a"], ["b"]]),
        ],
    )
    def test_joined_words_are_one_chunk(self, text, expected):
        """Words joined by a hyphen, slash, full stop, apostrophe or bracket are one chunk; others part them."""

        assert expected == chunks(text)


class TestStem:
    @pytest.mark.parametrize(
        ("british", "american"),
        [
            ("digitalisation", "digitalization"),
            ("organised", "organized"),
            ("analyse", "analyze"),
            ("labour", "labor"),
            ("favourable", "favorable"),
            ("programmes", "programs"),
            ("centre", "center"),
        ],
    )
    def test_british_spellings_become_american(self, british, american):
        """A British spelling stems as the American does."""

        assert stem(american) == stem(british)

    @pytest.mark.parametrize("word", ["four", "hour", "rise", "crisis", "business", "analysis"])
    def test_words_that_only_look_british_keep_their_spelling(self, word):
        """Short stems before "-our" or "-ise", and words ending in "-is" or "-ss", are not folded."""

        assert word == stem(word)

    @given(st.text())
    @example("000ings meetings")  # a plural's "s" went, and the "-ing" stayed for a second stemming
    def test_stemming_is_stable(self, text):
        """Stemming a stem again changes nothing, for the words of any text."""

        assert all(stem(stem(w)) == stem(w) for w in words(text))


class TestForms:
    @given(st.from_regex(r"[a-z]{3,12}", fullmatch=True))
    def test_a_word_begins_with_one_of_its_forms(self, word):
        """Each word begins with one of its forms, and its stem is one of them."""

        found = forms(word)

        assert stem(word) in found
        assert any(word.startswith(f) for f in found)

    @pytest.mark.parametrize(
        ("word", "other"),
        [("woman", "women"), ("digitalization", "digitalisation"), ("policy", "policies"), ("program", "programme")],
    )
    def test_each_form_begins_the_others(self, word, other):
        """A word's forms begin its plural and its other spelling, both ways."""

        assert any(other.startswith(f) for f in forms(word))
        assert any(word.startswith(f) for f in forms(other))
