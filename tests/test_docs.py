"""Tests for the documentation: the API page covers the public names, and its examples run."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import os
import pathlib
import pkgutil
import re
import sys

import pytest

import wto_msme
from wto_msme.enums import NoteKind

ROOT = pathlib.Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
API = DOCS / "api.md"

#: The flags the Sphinx doctest builder uses by default, so both runs agree.
FLAGS = doctest.ELLIPSIS | doctest.IGNORE_EXCEPTION_DETAIL | doctest.DONT_ACCEPT_TRUE_FOR_1

_DOCUMENTED = re.compile(r"^\.\. (?:auto)?(?:py:)?(?:\w+)::\s+(wto_msme(?:\.\w+)+)\s*$", re.MULTILINE)
_DOCTEST_BLOCK = re.compile(r"^```\{doctest\}[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def _documented() -> set[str]:
    return set(_DOCUMENTED.findall(API.read_text(encoding="utf-8")))


def _modules() -> list[str]:
    names = [wto_msme.__name__]
    names += [m.name for m in pkgutil.walk_packages(wto_msme.__path__, prefix="wto_msme.")]
    return sorted(names)


def _pages() -> list[pathlib.Path]:
    return sorted(p for p in DOCS.rglob("*.md") if "{doctest}" in p.read_text(encoding="utf-8"))


def _extension(name: str):
    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(DOCS / "_ext"))


def _data_pages():
    return _extension("data_pages")


#: The public modules whose names the API page documents under the module's path.
SUBMODULES = ("collections", "enums", "exceptions", "plot")

#: Classes the API page documents that no public module exports: the parts of a Diff.
DOCUMENTED_BY_PATH = {"wto_msme._diff.FieldChange", "wto_msme._diff.RecordChange"}


def _public() -> dict[str, object]:
    """Every public name, by the path the API page may document it under, and its object."""
    names: dict[str, object] = {
        "wto_msme": wto_msme,
        "wto_msme.strategies": importlib.import_module("wto_msme.strategies"),
    }
    names |= {f"wto_msme.{n}": getattr(wto_msme, n) for n in wto_msme.__all__}
    for sub in SUBMODULES:
        module = importlib.import_module(f"wto_msme.{sub}")
        names[f"wto_msme.{sub}"] = module
        names |= {f"wto_msme.{sub}.{n}": getattr(module, n) for n in module.__all__}
    return names


class TestApiPage:
    @pytest.mark.parametrize("name", sorted(wto_msme.__all__))
    def test_every_public_name_is_documented(self, name):
        """The API page has a directive for every name in wto_msme.__all__, at the top or in its own module."""

        obj = getattr(wto_msme, name)
        public = _public()
        paths = {path for path in _documented() if path in public and public[path] is obj}

        assert paths, f"wto_msme.{name} is not on the API page"

    @pytest.mark.parametrize("sub", SUBMODULES)
    def test_every_name_of_the_public_modules_is_documented(self, sub):
        """The API page documents every name of wto_msme.collections, enums and exceptions."""

        module = importlib.import_module(f"wto_msme.{sub}")

        assert [] == [n for n in module.__all__ if f"wto_msme.{sub}.{n}" not in _documented()]

    def test_the_strategies_are_documented(self):
        """The API page documents wto_msme.strategies."""

        assert "wto_msme.strategies" in _documented()

    def test_documents_only_public_names(self):
        """Every name the API page documents is public: nothing stale stays on it."""

        assert set() == _documented() - set(_public()) - DOCUMENTED_BY_PATH

    def test_data_version_shows_its_own_docstring(self):
        """The `autodata` of DATA_VERSION shows the docstring under its assignment, not its type's docstring."""

        pytest.importorskip("sphinx")
        data_docstring = _extension("api_docs").data_docstring

        assert "The version of the bundled data." == " ".join(data_docstring("wto_msme.DATA_VERSION") or ())[:32]

    def test_constants_and_aliases_show_their_own_docstrings(self):
        """Each `autodata` on the API page shows the docstring under its assignment, not its type's docstring."""

        pytest.importorskip("sphinx")
        data_docstring = _extension("api_docs").data_docstring
        names = re.findall(r"^\.\. autodata:: (\S+)", API.read_text(encoding="utf-8"), re.MULTILINE)
        shown = {name: " ".join(data_docstring(name) or ()).strip() for name in names}

        beginnings = {
            "wto_msme.DATA_VERSION": "The version of the bundled data.",
            "wto_msme.collections.DateLike": "What the query helpers accept as a date:",
        }

        assert beginnings == {name: text[: len(beginnings.get(name, text))] for name, text in shown.items()}

    @pytest.mark.parametrize(
        ("target", "owner", "shown"),
        [
            ("wto_msme._collections._C", "Members", "Members"),  # search() returns the collection's own class
            ("wto_msme._collections._D", "Presentations", "Presentations"),  # between() too
            ("wto_msme._collections.R", "Members", "Member"),  # get() returns its kind of record
            ("R", "Meetings", "Meeting"),  # as autodoc names it in a union
            ("wto_msme._collections.R", "Records", "Any"),  # a plain Records holds any record
            ("wto_msme._collections.Records", "Members", None),  # a class is no type variable
        ],
    )
    def test_type_variables_show_what_they_stand_for(self, target, owner, shown):
        """The reference shows a type variable as the class it stands for in the class it is documented under."""

        pytest.importorskip("sphinx")
        stands_for = _extension("api_docs")._stands_for
        meant = stands_for({"reftarget": target, "py:module": "wto_msme.collections", "py:class": owner})

        assert shown == (meant and meant[0])


class TestLayout:
    def test_iso_dates_are_marked_whole(self):
        """Each ISO date of a text, to the month or the day, is one inline of class date; the rest stays text."""

        pytest.importorskip("sphinx")
        text = "from 2023-03-13 to 2023-04, not INF/MSME/W/58 nor 2023-03x"
        marked = _extension("dates").marked(text)
        dates = [n.astext() for n in marked if n.tagname == "inline" and n["classes"] == ["date"]]

        assert (["2023-03-13", "2023-04"], text) == (dates, "".join(n.astext() for n in marked))

    def test_every_stylesheet_is_in_static(self):
        """Each stylesheet the configuration names is in docs/_static, which it names as the static path."""

        conf = (DOCS / "conf.py").read_text(encoding="utf-8")
        sheets = re.findall(r'"([\w.-]+\.css)"', conf)

        assert (True, True) == (bool(sheets), all((DOCS / "_static" / s).is_file() for s in sheets))

    def test_the_gallery_shows_the_count_and_no_path(self, tmp_path):
        """What the examples print on the gallery page names today's count and no folder of the building machine."""

        pytest.importorskip("sphinx")
        gallery = _extension("gallery")
        env = {**os.environ, "PYTHONPATH": str(pathlib.Path(wto_msme.__file__).resolve().parents[1])}
        page = gallery._examples(ROOT / "examples", tmp_path, env)

        assert (True, False, False) == (
            f"{wto_msme.load().participant_count()} participants as the WTO counts them" in page,
            str(tmp_path) in page,
            str(ROOT) in page,
        )


#: Docstrings whose examples need an optional dependency, and that dependency: they run
#: where it is installed (continuous integration runs this file again with pandas).
NEEDS = {"wto_msme._collections.Records.to_pandas": "pandas"}


@pytest.mark.parametrize("module", _modules())
def test_docstring_examples_run(module):
    """Every example in the docstrings of the module gives the output it shows."""

    mod = importlib.import_module(module)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in doctest.DocTestFinder(exclude_empty=True).find(mod, module):
        if test.name in NEEDS and importlib.util.find_spec(NEEDS[test.name]) is None:
            continue
        runner.run(test)
    result = runner.summarize(verbose=False)

    assert 0 == result.failed


def test_docstring_examples_exist():
    """The docstrings hold examples at all, so that the test above can fail."""

    tests = doctest.DocTestFinder().find(wto_msme, "wto_msme")

    assert sum(len(t.examples) for t in tests) > 0


#: Pages whose examples need an optional dependency, and that dependency.
PAGE_NEEDS = {"how-to/use-pandas.md": "pandas", "how-to/use-sqlite.md": "pandas"}


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_page_examples_run(page):
    """The doctest blocks of a documentation page, run in order in one namespace, give the output they show."""

    needs = PAGE_NEEDS.get(page.relative_to(DOCS).as_posix())
    if needs is not None:
        pytest.importorskip(needs, reason=f"the examples of {page.name} need {needs}, not installed")
    text = page.read_text(encoding="utf-8")
    namespace: dict[str, object] = {}
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for block in _DOCTEST_BLOCK.finditer(text):
        line = text.count("\n", 0, block.start(1))
        test = doctest.DocTestParser().get_doctest(block[1], namespace, page.name, str(page), line)
        test.globs = namespace  # one namespace for the page, as in the Sphinx doctest builder
        runner.run(test, clear_globs=False)

    assert (0, True) == (runner.failures, runner.tries > 0)


@pytest.fixture(scope="module")
def pages(ds):
    """The generated data reference, by file name."""
    return _data_pages().render(ds)


class TestDataPages:
    """The "Data" reference is generated from the bundled data and shows all of it."""

    def test_participants(self, ds, pages):
        """Every participant's name and identifier is in the participants page."""

        md, page = _data_pages().md, pages["participants.md"]
        missing = [m.id for m in ds.members if md(m.name) not in page or f"`{m.id}`" not in page]

        assert [] == missing

    def test_coordinators(self, ds, pages):
        """Every coordinator's name and dates are in the coordinators page."""

        page = pages["coordinators.md"]
        missing = [t.id for t in ds.coordinators if t.name not in page or str(t.end or "ongoing") not in page]

        assert [] == missing

    def test_package(self, ds, pages):
        """The package page has a section for each of the six items, by annex."""

        md = _data_pages().md
        headings = re.findall(r"^## (.*)$", pages["package.md"], re.MULTILINE)

        assert [f"Annex {r.annex}: {md(r.short_title)}" for r in ds.recommendations] == headings

    def test_presentations(self, ds, pages):
        """Every presentation's title is in the presentations page, under its category."""

        md = _data_pages().md
        text = pages["presentations.md"]
        sections = dict(re.findall(r"^## (.*?)\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL))
        misplaced = [p.id for p in ds.presentations if md(p.title) not in sections.get(md(p.category.value), "")]

        assert [] == misplaced

    def test_documents(self, ds, pages):
        """Every document is a row of the documents page, by its symbol or, where none is visible, its description."""

        md = _data_pages().md
        rows = [line for line in pages["documents.md"].splitlines() if line.startswith("| ")][1:]
        shown = [md(d.symbol) if d.symbol else "*none visible*" for d in ds.documents]

        assert shown == [row.split(" | ")[0].removeprefix("| ") for row in rows]
        assert all(md(d.description) in row for d, row in zip(ds.documents, rows, strict=True))

    def test_notes(self, ds, pages):
        """Every note of the data is on the notes page, with its evidence, and counted once by kind."""

        dp = _data_pages()
        notes = list(dp.notes_of(ds))
        page = pages["notes.md"]
        missing = [
            (c, getattr(r, "id", c), n.field)
            for c, r, n in notes
            if dp.md(n.text) not in page or any(f"{{term}}`{e}`" not in page for e in n.evidence)
        ]
        items = len(re.findall(r"^- \*\*", pages["notes.md"], re.MULTILINE))

        assert ([], len(notes)) == (missing, items)

    def test_corrections_fragment(self, ds, pages):
        """The fragment of corrections lists exactly the notes of kind correction."""

        dp = _data_pages()
        corrections = [n for _, _, n in dp.notes_of(ds) if n.kind is NoteKind.CORRECTION]
        items = len(re.findall(r"^- \*\*", pages["_fragments/notes-correction.md"], re.MULTILINE))

        assert len(corrections) == items

    def test_sources(self, ds, pages):
        """Every source is a term of the sources glossary."""

        terms = set(re.findall(r"^(\S+)\n  ", pages["sources.md"], re.MULTILINE))

        assert {s.id for s in ds.sources} == terms

    def test_markdown_escaping(self):
        """Text is shown as written: Markdown's special characters are escaped, whitespace made one line."""

        md = _data_pages().md

        assert r"a \*b\* \[c\](d) \| e\_f \<br\>" == md("a *b* [c](d)\n| e_f  <br>")
