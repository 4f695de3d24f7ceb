"""
Tests for wto_msme._version: the version, the changelog, CITATION.cff, the docs and the package metadata agree.
"""

from __future__ import annotations

import datetime
import itertools
import pathlib
import re

import pytest

import wto_msme

ROOT = pathlib.Path(__file__).resolve().parents[1]

#: A release's heading in the changelog: "## [0.3.0] - 2026-12-06".
RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d\d-\d\d)$", re.MULTILINE)
#: The kinds of change Keep a Changelog names, and the changes of the bundled data.
KINDS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security", "Data"}


def _text(name: str) -> str:
    return (ROOT / name).read_text("utf-8")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _citation(key: str) -> str:
    (value,) = re.findall(rf"^{key}:\s*(.+)$", _text("CITATION.cff"), re.MULTILINE)
    return value.strip().strip("\"'")


def _sections() -> list[tuple[str, str, str]]:
    """Each release of the changelog, newest first: its version, its date and its text."""
    text = _text("CHANGELOG.md")
    found = list(RELEASE.finditer(text))
    ends = [m.start() for m in found[1:]] + [len(text)]
    return [(m[1], m[2], text[m.end() : end]) for m, end in zip(found, ends, strict=True)]


def test_the_changelog_opens_with_unreleased_then_this_version():
    """An empty "Unreleased" section comes first, then the release of this version."""

    text = _text("CHANGELOG.md")
    headings = re.findall(r"^## .*$", text, re.MULTILINE)
    unreleased = text[text.index("## [Unreleased]") : RELEASE.search(text).start()]

    assert ["## [Unreleased]", f"## [{wto_msme.__version__}] - {_sections()[0][1]}"] == headings[:2]
    assert not re.search(r"^[-#] ", unreleased.removeprefix("## [Unreleased]"), re.MULTILINE)


def test_releases_run_from_newest_to_oldest():
    """Each release is older, in version and in date, than the one above it."""

    sections = _sections()

    assert len(sections) >= 2
    for (newer, newer_date, _), (older, older_date, _) in itertools.pairwise(sections):
        assert _version(newer) > _version(older)
        assert datetime.date.fromisoformat(newer_date) >= datetime.date.fromisoformat(older_date)


@pytest.mark.parametrize("index", [0, 1])
def test_each_release_sorts_its_changes_by_kind(index):
    """A release's changes sit under the kinds Keep a Changelog names, with Data for the data's."""

    version, _, text = _sections()[index]
    kinds = re.findall(r"^### (.+)$", text, re.MULTILINE)

    assert kinds, version
    assert set(kinds) <= KINDS, version
    assert len(kinds) == len(set(kinds)), version


def test_this_release_names_the_data_version_it_ships():
    """The newest release says which data version it ships, and lists its data changes."""

    _, _, text = _sections()[0]
    intro = text[: text.index("### ")]

    assert f"`{wto_msme.DATA_VERSION}`" in intro
    assert "\n- Data: " in text[text.index("### Data") :]


def test_citation_names_this_release():
    """CITATION.cff cites this version, released on the day the changelog gives."""

    version, date, _ = _sections()[0]

    assert (wto_msme.__version__, date) == (_citation("version"), _citation("date-released"))
    assert version == wto_msme.__version__
    assert "1.2.0" == _citation("cff-version")


def test_every_version_the_docs_name_is_a_release():
    """Each versionadded or versionchanged names a release in the changelog, none newer than this one."""

    released = {version for version, _, _ in _sections()}
    sources = [*(ROOT / "src").rglob("*.py"), *(ROOT / "docs").rglob("*.md")]
    named = {
        (path.relative_to(ROOT).as_posix(), version)
        for path in sources
        if "_build" not in path.parts
        for version in re.findall(r"version(?:added|changed):: (\S+)", path.read_text("utf-8"))
    }

    assert named
    assert [] == sorted((p, v) for p, v in named if v not in released)


def test_the_docs_name_this_version():
    """A version the docs' pages write out, outside the version directives, is this one."""

    pages = [p for p in (ROOT / "docs").rglob("*.md") if "_build" not in p.parts]
    written = {
        (page.name, version)
        for page in pages
        for version in re.findall(r"(?<![\w.:])(\d+\.\d+\.\d+)(?![\w.])", page.read_text("utf-8"))
    }
    ours = {(page, v) for page, v in written if v.startswith("0.")}  # not the other libraries' versions

    assert ours
    assert {(page, wto_msme.__version__) for page, _ in ours} == ours


def test_the_classifiers_name_each_supported_python():
    """The package says it supports each version from requires-python on, as the README does."""

    text = _text("pyproject.toml")
    (lowest,) = re.findall(r'^requires-python = ">=3\.(\d+)"$', text, re.MULTILINE)
    minors = [int(m) for m in re.findall(r'"Programming Language :: Python :: 3\.(\d+)"', text)]
    names = [f"3.{m}" for m in minors]

    assert list(range(int(lowest), int(lowest) + len(minors))) == minors
    assert f"Python {', '.join(names[:-1])} and {names[-1]}" in " ".join(_text("README.md").split())


def test_the_readme_links_only_to_addresses():
    """The README is the package's description on an index, where a relative link leads nowhere."""

    links = re.findall(r"\]\(([^)]*)\)|<a [^>]*href=\"([^\"]*)\"|<img [^>]*src=\"([^\"]*)\"", _text("README.md"))
    targets = [t for group in links for t in group if t]

    assert targets
    assert [] == [t for t in targets if not t.startswith("https://")]
