"""Tests for wto_msme.__main__: the command line, run as a subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import attrs
import pytest

import wto_msme
from wto_msme import Category

from .conftest import DATA_DIR

COMMANDS = ["overview", "members", "coordinators", "presentations", "search", "show", "export", "schema"]

#: The documented CSV columns of the presentations.
PRESENTATION_COLUMNS = [
    "id",
    "title",
    "institution",
    "presenter_kind",
    "date",
    "date_precision",
    "category",
    "subcategory",
    "summary",
    "url",
    "annexes",
    "source",
    "locator",
    "evidence",
    "notes",
]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wto_msme", *args], capture_output=True, text=True, encoding="utf-8", check=False
    )


def rows(stdout: str) -> list[list[str]]:
    """Split a table into its cells, by the columns of its header line."""
    lines = stdout.rstrip("\n").split("\n")
    header = lines[0]
    starts = [0] + [i + 2 for i in range(len(header) - 2) if header[i : i + 2] == "  " and header[i + 2] != " "]
    ends = [*(s - 2 for s in starts[1:]), None]
    return [[line[a:b].rstrip() for a, b in zip(starts, ends, strict=True)] for line in lines]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_on_every_command(command):
    """Every command answers --help with its usage and exit status 0."""

    result = run(command, "--help")

    assert (0, True) == (result.returncode, result.stdout.startswith(f"usage: wto-msme {command}"))


def test_top_level_help_lists_the_commands():
    """The top-level help names every command."""

    result = run("--help")

    assert 0 == result.returncode
    assert all(c in result.stdout for c in COMMANDS)


class TestLists:
    def test_coordinators(self, ds):
        """`wto-msme coordinators` prints a table of the terms, 'ongoing' for the current one."""

        result = run("coordinators")
        table = rows(result.stdout)

        assert 0 == result.returncode
        assert ["id", "name", "member", "start", "end"] == table[0]
        assert [t.id for t in ds.coordinators] == [r[0] for r in table[1:]]
        assert ["wilson", "Matthew Wilson", "Barbados", "2023-04-26", "ongoing"] == table[-1]

    def test_members(self, ds):
        """`wto-msme members` prints one line per participant, in the data's order."""

        result = run("members")
        table = rows(result.stdout)

        assert ["id", "name", "kind", "joined"] == table[0]
        assert [(m.id, m.name, m.kind.value) for m in ds.members] == [tuple(r[:3]) for r in table[1:]]

    def test_members_as_of(self, ds):
        """`wto-msme members --as-of` marks each participant known or uncertain at the date."""

        result = run("members", "--as-of", "2023-03-13")
        table = rows(result.stdout)
        standing = wto_msme.members_as_of(ds.members, "2023-03-13")

        assert "as_of" == table[0][-1]
        assert {m.id for m in standing.known} == {r[0] for r in table[1:] if r[-1] == "known"}
        assert {m.id for m in standing.uncertain} == {r[0] for r in table[1:] if r[-1] == "uncertain"}

    def test_presentations_by_category(self, ds):
        """--category takes a category's value or name, in any case."""

        expected = [p.id for p in ds.presentations if p.category is Category.TRADE_FACILITATION]

        for spelling in ("Trade Facilitation", "trade_facilitation", "TRADE-FACILITATION"):
            result = run("presentations", "--category", spelling)
            assert expected == [r[0] for r in rows(result.stdout)[1:]], spelling

    def test_presentations_between_dates(self, ds):
        """--from and --to keep the presentations from the first day of one to the last day of the other."""

        expected = [p.id for p in ds.presentations if "2022-02-01" <= str(p.date) <= "2022-06-30"]

        result = run("presentations", "--from", "Feb 2022", "--to", "2022-06")

        assert expected == [r[0] for r in rows(result.stdout)[1:]]
        assert ["id", "date", "institution", "category", "title"] == rows(result.stdout)[0]

    def test_search(self, ds):
        """`wto-msme search` prints the hits of wto_msme.search, best first."""

        hits = wto_msme.search(ds.presentations, "cyber", limit=3)

        result = run("search", "cyber", "--collection", "presentations", "--limit", "3")

        assert [["presentations", h.record.id, h.field, h.record.title] for h in hits] == rows(result.stdout)[1:]

    def test_show(self, ds):
        """`wto-msme show` prints every field of the record, provenance included, one per line."""

        p = ds.presentations[0]

        result = run("show", p.id)
        lines = result.stdout.splitlines()

        assert "collection: presentations" == lines[0]
        assert f"summary: {p.summary}" in lines
        assert f"provenance.source: {p.provenance.source}" in lines
        assert "subcategory: -" in lines

    def test_show_every_collection_with_the_identifier(self):
        """An identifier shared by a participant and a WTO Member shows both records."""

        result = run("show", "chl")

        assert ["collection: members", "collection: wto_members"] == [
            line for line in result.stdout.splitlines() if line.startswith("collection: ")
        ]

    def test_show_a_participant_by_name(self):
        """`wto-msme show` finds a participant by a name or alias when no identifier matches."""

        result = run("show", "turkey")

        assert ["collection: members", "id: tur", "name: Türkiye"] == result.stdout.splitlines()[:3]

    def test_output_is_utf8(self):
        """Names keep their accents whatever the locale."""

        result = subprocess.run(
            [sys.executable, "-m", "wto_msme", "coordinators"],
            capture_output=True,
            check=False,
            env={**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"},
        )

        assert "Héctor Casanueva" in result.stdout.decode("utf-8")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["nonsense"], "invalid choice"),
        (["members", "--as-of", "someday"], "argument --as-of: cannot read 'someday' as a date"),
        (["presentations", "--from", "2022-02-30"], "argument --from: cannot read '2022-02-30'"),
        (["presentations", "--from", "2023", "--to", "2022"], "--from 2023 comes after --to 2022"),
        (["presentations", "--category", "Gardening"], "unknown category 'Gardening'"),
        (["show", "2021-09-24-itc"], "no record has the identifier '2021-09-24-itc'"),
        (["show", "chl", "--collection", "presentations"], "no record has the identifier 'chl' in presentations"),
        (["search", "   "], "the search text is blank"),
        (["search", "cyber", "--limit", "0"], "argument --limit"),
        (["export"], "--format"),
        (["export", "--format", "xml"], "invalid choice: 'xml'"),
        (["export", "--format", "csv"], "needs --output DIR"),
        (["export", "--format", "json", "--collection", "everything"], "unknown collection 'everything'"),
        (["members", "--since", "2020"], "unrecognized arguments"),
    ],
)
def test_usage_errors(args, fragment):
    """A bad command, option or value exits 2 with a message saying what was wrong."""

    result = run(*args)

    assert 2 == result.returncode
    assert "error: " in result.stderr
    assert fragment in result.stderr
    assert "" == result.stdout


def test_unreadable_data_exits_1(tmp_path):
    """--data naming a directory that does not exist exits 1 and says so."""

    result = run("--data", str(tmp_path / "nowhere"), "coordinators")

    assert (1, True) == (result.returncode, "no such directory" in result.stderr)


class TestExport:
    def test_json_directory_round_trip(self, ds, tmp_path):
        """`wto-msme export --format json --output DIR` writes what load(DIR) reads back equal to the bundled data."""

        result = run("export", "--format", "json", "--output", str(tmp_path / "out"))

        assert (0, "") == (result.returncode, result.stdout)
        assert ds == wto_msme.load(tmp_path / "out")

    def test_json_directory_refuses_a_non_empty_one(self, tmp_path):
        """A directory with files is replaced only with --overwrite."""

        (tmp_path / "keep.txt").write_text("mine", "utf-8")

        refused = run("export", "--format", "json", "--output", str(tmp_path))
        accepted = run("export", "--format", "json", "--output", str(tmp_path), "--overwrite")

        assert (2, 0) == (refused.returncode, accepted.returncode)
        assert "mine" == (tmp_path / "keep.txt").read_text("utf-8")

    def test_json_to_standard_output_is_one_object(self, ds):
        """Without --output, the whole dataset is one JSON object holding every file's content."""

        result = run("export", "--format", "json")
        data = json.loads(result.stdout)

        for filename, (key, type_) in wto_msme._data.LAYOUT.items():
            expected = json.loads((DATA_DIR / filename).read_text("utf-8"))
            assert expected == ({k: data[k] for k in expected} if type_ is None else data[key]), filename

    def test_json_collection_to_a_file(self, tmp_path):
        """One collection goes to a file as a JSON array, and an existing file is kept without --overwrite."""

        target = tmp_path / "news.json"

        first = run("export", "--format", "json", "--collection", "news", "--output", str(target))
        second = run("export", "--format", "json", "--collection", "news", "--output", str(target))

        assert (0, 2) == (first.returncode, second.returncode)
        assert json.loads((DATA_DIR / "news.json").read_text("utf-8")) == json.loads(target.read_text("utf-8"))

    def test_csv_collection(self, ds):
        """CSV of a collection has the documented columns and one row per record, in order."""

        result = run("export", "--format", "csv", "--collection", "presentations")
        reader = csv.DictReader(io.StringIO(result.stdout, newline=""))
        table = list(reader)

        assert PRESENTATION_COLUMNS == reader.fieldnames
        assert [p.id for p in ds.presentations] == [r["id"] for r in table]
        assert [str(p.date) for p in ds.presentations] == [r["date"] for r in table]
        assert [p.summary for p in ds.presentations] == [r["summary"] for r in table]
        assert [len(p.provenance.notes) for p in ds.presentations] == [int(r["notes"]) for r in table]

    def test_csv_directory(self, ds, tmp_path):
        """CSV of the whole dataset writes one file per collection, each a row per record."""

        result = run("export", "--format", "csv", "--output", str(tmp_path))

        assert 0 == result.returncode
        for key, type_ in wto_msme._data.LAYOUT.values():
            if type_ is None:
                continue
            with (tmp_path / f"{key}.csv").open(encoding="utf-8", newline="") as f:
                table = list(csv.DictReader(f))
            expected = 1 if key == "initiative" else len(getattr(ds, key))
            assert expected == len(table), key


def test_schema_prints_the_shipped_schema():
    """`wto-msme schema` prints the JSON Schema that wto_msme.json_schema returns."""

    result = run("schema")

    assert wto_msme.json_schema() == json.loads(result.stdout)


def test_data_option_reads_a_copy(ds, tmp_path):
    """--data DIR reads the data from a copy."""

    wto_msme.dump(attrs.evolve(ds, version="1.2.3"), tmp_path)

    result = run("--data", str(tmp_path))

    assert "Data version 1.2.3," in result.stdout
