"""Tests for wto_msme._text."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from wto_msme._text import fold


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

    @given(st.text(alphabet=st.characters(max_codepoint=127)))
    def test_fold_of_ascii_text_is_the_definition(self, text):
        """Folding ASCII text, which takes the shortcut, gives what the definition gives."""

        expected = _fold_slowly(text)

        assert expected == fold(text)
