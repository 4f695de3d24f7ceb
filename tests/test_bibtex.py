r"""
Tests for the BibTeX entries of wto_msme.cite: any text gives entries that a BibTeX parser reads back.

The entries are read with pybtex. Its values are decoded by undoing the escaping that
cite applies (``\\&`` is ``&``, ``\\textbraceleft{}`` is ``{``, and so on) and, as BibTeX
does, treating every run of whitespace as one space.
"""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import wto_msme

pybtex_database = pytest.importorskip("pybtex.database")

#: What cite writes for each character it escapes, and the character it stands for.
_DECODE = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\{": "{",
    r"\}": "}",
    r"\&": "&",
    r"\%": "%",
    r"\$": "$",
    r"\#": "#",
    r"\_": "_",
}
_ESCAPE = re.compile("|".join(map(re.escape, sorted(_DECODE, key=len, reverse=True))))
_WHITESPACE = re.compile(r"\s+")


def _decode(value: str) -> str:
    """The text a field's value stands for; a backslash that starts no escape is an error."""
    pieces = _ESCAPE.split(value)
    assert not any("\\" in p for p in pieces), value
    return _ESCAPE.sub(lambda m: _DECODE[m.group()], value)


def _normal(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _unbrace(value: str) -> str:
    """A value that cite wraps in a second pair of braces (the author, the title), without them."""
    assert value.startswith("{"), value
    assert value.endswith("}"), value
    return value[1:-1]


def _read(text: str) -> dict[str, dict[str, str]]:
    """Parse *text* with pybtex, as people and as plain fields; return each entry's fields."""
    pybtex_database.parse_string(text, "bibtex")  # authors read as people, as a bibliography tool does
    data = pybtex_database.parse_string(text, "bibtex", person_fields=[])
    return {key: dict(entry.fields) for key, entry in data.entries.items()}


# Any text, weighted towards what BibTeX and LaTeX treat specially.
_special = st.sampled_from([*"{}\\%#&$_~^\"'@,=()\n\t ", "\\{", "\\}", "{}", "}{", "é", "\u00a0", "\U0001f600"])
_texts = st.lists(st.one_of(st.text(max_size=5), _special), max_size=12).map("".join)


@pytest.fixture(scope="module")
def base(ds):
    """A presentation, its source and the dataset."""
    p = ds.presentations[0]
    source = next(s for s in ds.sources if s.id == p.provenance.source)
    return ds, p, source


def _entry(base, key, title, institution, *, source_title, locator):
    ds, p, source = base
    new_source = attrs.evolve(source, title=source_title)
    mine = attrs.evolve(ds, sources=tuple(new_source if s.id == source.id else s for s in ds.sources))
    record = attrs.evolve(
        p, id=key, title=title, institution=institution, provenance=attrs.evolve(p.provenance, locator=locator)
    )
    text = wto_msme.cite(record, "bibtex", dataset=mine)
    expected = {
        "title": title,
        "howpublished": "Presentation to the WTO Informal Working Group on MSMEs",
        "year": str(p.date.year),
        "date": str(p.date),
        "note": (
            (
                f"Source: {source_title}"
                + (f" ({locator})" if locator else "")
                + (f", {new_source.url}" if new_source.url else "")
                + ". "
            )
            if source_title != title
            else ""
        )
        + f"Data: wto_msme, data version {ds.version}",
    }
    if institution:
        expected["author"] = institution
    return text, expected


class TestBibtex:
    @pytest.mark.parametrize(
        "title",
        [
            "Costs } and benefits",
            "Costs { and benefits",
            "Costs {and} benefits",
            "} {",
            "{{{",
            "\\",
            "\\}",
            "a\\{b}",
            "100% R&D #1 $x_y ~z ^w",
            '"quoted"',
            "@misc{x, title={y}}",
            "Ünïcödé — “quotes”",
        ],
    )
    def test_examples(self, base, title):
        """Titles with unbalanced braces, backslashes and specials read back as they were."""

        text, _ = _entry(base, "k", title, "UN/CEFACT", source_title="A list", locator=None)

        entries = _read(text)

        assert ["wto_msme:k"] == list(entries)
        assert title == _decode(_unbrace(entries["wto_msme:k"]["title"]))

    def test_an_unpaired_brace_is_a_command(self, base):
        """An unpaired brace is written as a command holding no brace; paired ones as escaped braces."""

        text, _ = _entry(base, "k", "a } b {c}", "X", source_title="A list", locator=None)

        assert r"  title = {{a \textbraceright{} b \{c\}}}," in text.splitlines()

    @given(
        st.lists(st.tuples(_texts, _texts, _texts, st.none() | _texts), min_size=1, max_size=3),
    )
    @example([("Costs { and benefits", "X", "Y", None), ("Costs } and benefits", "{", "}", "\\")])
    def test_any_text_reads_back(self, base, fields):
        """Several entries in one file parse; each has its key, its fields, and their values as given."""

        texts, expected = [], {}
        for i, (title, institution, source_title, locator) in enumerate(fields):
            text, want = _entry(base, f"entry-{i}", title, institution, source_title=source_title, locator=locator)
            texts.append(text)
            expected[f"wto_msme:entry-{i}"] = want

        entries = _read("\n\n".join(texts))

        assert list(expected) == list(entries)
        for key, want in expected.items():
            got = entries[key]
            assert {*want, "month", "url"} == set(got), key
            decoded = {
                name: _normal(_decode(_unbrace(value) if name in ("title", "author") else value))
                for name, value in got.items()
                if name not in ("month", "url")
            }
            assert {name: _normal(value) for name, value in want.items()} == decoded
