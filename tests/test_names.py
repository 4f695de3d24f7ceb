"""Tests for wto_msme._names: exact look-up in tiers, refusal of shared names, candidates on a miss."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wto_msme._names import Names
from wto_msme._text import fold


def index(*tiers):
    """A Names over *tiers* of names (not codes), each a mapping from a record to its texts."""
    return Names([(False, list(tier.items())) for tier in tiers])


class TestGet:
    """Names.get gives the records a text means in the first tier that holds it."""

    def test_a_text_is_found_folded(self):
        """Case, accents and punctuation are ignored, and the text as written is found too."""

        names = index({"civ": ("Côte d'Ivoire",)})

        assert [("civ",)] * 3 == [names.get(t) for t in ("Côte d'Ivoire", "COTE D\u2019IVOIRE", " cote-d-ivoire ")]

    def test_an_earlier_tier_wins(self):
        """A text of an earlier tier is not shadowed by the same text in a later one."""

        names = index({"cog": ("Congo",)}, {"cod": ("Congo", "DRC")})

        assert (("cog",), ("cod",)) == (names.get("congo"), names.get("drc"))

    def test_a_text_two_records_share_in_a_tier_gives_both(self):
        """A name that could mean two records gives both, in order, and never one of them."""

        names = index({"a": ("Guinea",), "b": ("GUINEA",)})

        assert ("a", "b") == names.get("guinea")

    def test_an_unknown_or_empty_text_gives_nothing(self):
        """Nothing is found for a text that no record has; empty texts and None are not indexed."""

        names = index({"a": ("", None, "A")})

        assert ((), ("a",)) == (names.get("b"), names.get("a"))
        assert ["a"] == list(names.found)

    @given(st.dictionaries(st.sampled_from("abcdef"), st.lists(st.text(max_size=4), max_size=3), max_size=5))
    def test_every_text_gives_exactly_the_records_that_share_it(self, tier):
        """Each text with letters or digits gives every record whose texts fold as it does, and only those."""

        names = index(tier)

        for texts in tier.values():
            for text in texts:
                if fold(text):
                    owners = tuple(r for r, ts in tier.items() if fold(text) in {fold(t) for t in ts})
                    assert owners == names.get(text)


class TestClosest:
    """Names.closest ranks what a miss may have meant: abbreviations before near spellings."""

    NAMES = index(
        {
            "ukr": ("Ukraine",),
            "are": ("United Arab Emirates",),
            "cod": ("Democratic Republic of the Congo",),
            "col": ("Colombia",),
        }
    )

    def test_initials_come_before_close_spellings(self):
        """The key "uae" suggests the United Arab Emirates first (its initials), though "ukr" spells closer."""

        assert "are" == self.NAMES.closest("uae")[0]

    def test_linking_words_are_left_out_of_initials(self):
        """The key "drc" is the initials of the Democratic Republic of the Congo: "of" and "the" do not count."""

        assert ["cod"] == self.NAMES.closest("drc")[:1]

    def test_a_text_without_its_spaces_comes_first(self):
        """A key that is a text once spaces go ("u k r" for "Ukraine"'s code) ranks first."""

        names = Names([(False, [("ukr", ("Ukraine",))]), (True, [("ukr", ("UKR",)), ("are", ("ARE",))])])

        assert ["ukr"] == names.closest("u k r")

    def test_words_that_begin_a_name(self):
        """Each word of the key beginning a word of a name suggests it ("emir" for the Emirates)."""

        assert ["are"] == self.NAMES.closest("emir")

    def test_close_spellings_last(self):
        """A near spelling is suggested by difflib; a key like nothing suggests nothing."""

        assert (["col"], []) == (self.NAMES.closest("columbia"), self.NAMES.closest("zzzzzz"))

    def test_at_most_n_and_each_record_once(self):
        """No record is suggested twice, and no more than n are."""

        names = index({str(i): (f"Saint {i}", f"St {i}") for i in range(9)})

        found = names.closest("saint", n=3)

        assert 3 == len(found) == len(set(found))
