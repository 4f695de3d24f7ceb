"""Tests for wto_msme._cite: citations of records, and the library's own CITATION.cff."""

from __future__ import annotations

import pathlib
import re

import attrs
import pytest

import wto_msme
from wto_msme._dataset import COLLECTIONS
from wto_msme._describe import Kind, shapes
from wto_msme.exceptions import RecordNotFoundError

ROOT = pathlib.Path(__file__).resolve().parents[1]

CITED = list(COLLECTIONS)


@pytest.fixture
def cefact(ds):
    """The UN/CEFACT presentation, whose date the data corrects."""
    return next(p for p in ds.presentations if p.institution == "UN/CEFACT")


def _source(ds, record):
    return next(s for s in ds.sources if s.id == record.provenance.source)


class TestText:
    def test_presentation(self, ds, cefact):
        """A presentation's citation names who gave it, its title, date, address, source and the data version."""

        text = wto_msme.cite(cefact)
        source = _source(ds, cefact)

        for part in (
            "UN/CEFACT.",
            f"\u201c{cefact.title}.\u201d",
            "2021-02-18.",
            f"{cefact.url}.",
            f"Source: {source.title} ({cefact.provenance.locator})",
            f"Data: wto_msme, data version {wto_msme.DATA_VERSION}.",
        ):
            assert part in text, part

    def test_source_address(self, ds):
        """A record's source's address is named where the source has one."""

        item = ds.news[0]
        source = _source(ds, item)

        assert source.url is not None
        assert f", {source.url}." in wto_msme.cite(item)

    @pytest.mark.parametrize("name", CITED)
    def test_every_collection_can_be_cited(self, ds, name):
        """Every record of every collection has a one-line citation ending in the data version."""

        texts = [wto_msme.cite(r) for r in getattr(ds, name)]

        assert all("\n" not in t and t.endswith(f"data version {ds.version}.") for t in texts)

    def test_initiative(self, ds):
        """The initiative's citation names it."""

        assert f"\u201c{ds.initiative.name}.\u201d" in wto_msme.cite(ds.initiative)


class TestBibtex:
    def test_presentation_entry(self, cefact):
        """A presentation's BibTeX entry is a @misc with author, title, date, URL and a note."""

        entry = wto_msme.cite(cefact, "bibtex")
        fields = dict(re.findall(r"^  (\w+) = (.*),$", entry, re.MULTILINE))

        assert entry.startswith(f"@misc{{wto_msme:{cefact.id},\n")
        assert entry.endswith("\n}")
        assert {
            "author": "{{UN/CEFACT}}",
            "title": f"{{{{{cefact.title}}}}}",
            "year": "{2021}",
            "month": "feb",
            "date": "{2021-02-18}",
            "url": f"{{{cefact.url}}}",
        } == {k: fields[k] for k in ("author", "title", "year", "month", "date", "url")}
        assert "data version" in fields["note"]

    def test_special_characters_are_escaped(self, ds):
        """LaTeX's special characters in texts are escaped; braces stay balanced."""

        p = attrs.evolve(ds.presentations[0], title="R&D {50%} $cost #1 a_b ~x ^y \\z")

        entry = wto_msme.cite(p, "bibtex")
        title = next(line for line in entry.splitlines() if line.startswith("  title = "))

        expected = (
            r"  title = {{R\&D \{50\%\} \$cost \#1 a\_b \textasciitilde{}x \textasciicircum{}y \textbackslash{}z}},"
        )
        assert expected == title
        assert entry.count("{") - entry.count("\\{") == entry.count("}") - entry.count("\\}")

    @pytest.mark.parametrize("name", CITED)
    def test_every_entry_has_balanced_braces(self, ds, name):
        """Every record's BibTeX entry has balanced unescaped braces."""

        for r in getattr(ds, name):
            entry = wto_msme.cite(r, "bibtex")
            bare = entry.replace("\\{", "").replace("\\}", "")
            assert bare.count("{") == bare.count("}"), r.id


def _fields(entry: str) -> dict[str, str]:
    return dict(re.findall(r"^  (\w+) = (.*),$", entry, re.MULTILINE))


class TestWhatAndWhen:
    @pytest.mark.parametrize("name", CITED)
    def test_each_says_what_its_class_declares(self, ds, name):
        """Every citation says what the record is as its class's label declares it, in text and BibTeX."""

        for r in getattr(ds, name)[:3]:
            label = type(r).label
            assert label is None or f" {label}." in wto_msme.cite(r), r
            assert (_fields(wto_msme.cite(r, "bibtex")).get("howpublished")) == (
                None if label is None else "{" + label + "}"
            )

    @pytest.mark.parametrize("name", CITED)
    def test_a_dated_record_carries_its_date_and_year(self, ds, name):
        """A record whose first date field holds a date is cited with it: in the text, and as BibTeX year and date."""

        for r in getattr(ds, name):
            dated = next((getattr(r, f) for f, s in shapes(type(r)).items() if s.kind is Kind.DATE), None)
            if dated is None:
                continue
            fields = _fields(wto_msme.cite(r, "bibtex"))
            assert f" {dated}." in wto_msme.cite(r), r.id
            assert ("{" + str(dated.year) + "}", "{" + str(dated) + "}") == (fields["year"], fields["date"]), r.id

    def test_a_recommendation_has_its_document_s_date_and_address(self, ds):
        """A recommendation, which has no date of its own, is dated (and linked, where it can be) by its document."""

        r = ds.recommendations[0]
        document = ds.documents.get(r.document)
        linked = attrs.evolve(document, url="https://docs.wto.org/x{y}.pdf")
        mine = attrs.evolve(ds, documents=[linked if d.id == document.id else d for d in ds.documents])
        fields = _fields(wto_msme.cite(r, "bibtex", dataset=mine))

        assert document.date is not None
        assert ("{" + str(document.date.year) + "}", "{" + str(document.date) + "}") == (fields["year"], fields["date"])
        assert "{https://docs.wto.org/x%7By%7D.pdf}" == fields["url"]
        assert f"{document.date}. https://docs.wto.org/x{{y}}.pdf." in wto_msme.cite(r, dataset=mine)
        assert "url" not in _fields(wto_msme.cite(r, "bibtex"))

    def test_a_record_with_no_date_has_none(self, ds):
        """A coordinator's term whose start is unknown carries no date: no bound is passed off as its date."""

        term = next(t for t in ds.coordinators if t.start is None)

        assert {"year", "date", "month"}.isdisjoint(_fields(wto_msme.cite(term, "bibtex")))

    def test_a_sponsor_is_named_by_its_member(self, ds):
        """A sponsor, whose title field holds a WTO Member's id, is cited by that Member's name."""

        sponsor = ds.sponsors[0]

        assert f"\u201c{ds.wto_members.get(sponsor.member).name}.\u201d" in wto_msme.cite(sponsor)


class TestArguments:
    def test_a_given_dataset_supplies_the_source_and_version(self, ds):
        """With a dataset, the source is looked up in it and its version is named."""

        p = ds.presentations[0]
        source = attrs.evolve(_source(ds, p), title="A corrected list")
        sources = tuple(source if s.id == source.id else s for s in ds.sources)
        mine = attrs.evolve(ds, version="9.9.9", sources=sources)

        text = wto_msme.cite(p, dataset=mine)

        assert "Source: A corrected list (" in text
        assert text.endswith("Data: wto_msme, data version 9.9.9.")

    def test_unknown_source(self, ds):
        """A record whose source the dataset lacks raises RecordNotFoundError naming it."""

        p = ds.presentations[0]
        mine = attrs.evolve(ds, sources=tuple(s for s in ds.sources if s.id != p.provenance.source))

        with pytest.raises(RecordNotFoundError, match=p.provenance.source):
            wto_msme.cite(p, dataset=mine)

    def test_unknown_style(self, cefact):
        """An unknown style raises ValueError naming the styles."""

        with pytest.raises(ValueError, match="unknown citation style 'apa': expected one of 'text', 'bibtex'"):
            wto_msme.cite(cefact, "apa")  # type: ignore[arg-type]

    def test_record_without_provenance(self, cefact):
        """A part of a record, such as a note, cannot be cited on its own."""

        with pytest.raises(TypeError, match="a Provenance has no provenance to cite"):
            wto_msme.cite(cefact.provenance)
