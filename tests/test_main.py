"""Tests of wto_msme.__main__: the command line, run in-process through main()."""

from __future__ import annotations

import contextlib
import csv
import enum
import io
import json
import sqlite3
import sys

import attrs
import pytest

import wto_msme
from wto_msme.__main__ import main
from wto_msme._dataset import COLLECTIONS
from wto_msme._describe import title, title_field

from .conftest import DATA_DIR

COMMANDS = ["overview", "members", "coordinators", "presentations", "search", "show", "export", "schema", "diff"]

#: The documented CSV columns of the presentations: the fields, a precision beside each date, the provenance's parts.
PRESENTATION_COLUMNS = [
    "id",
    "title",
    "institution",
    "presenter_kind",
    "date",
    "date_precision",
    "meeting",
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


def run(capsys, *args: str) -> tuple[int, str, str]:
    """Run the command line with *args*: its exit status, standard output and standard error."""
    try:
        status = main(list(args))
    except SystemExit as e:
        status = e.code
    out, err = capsys.readouterr()
    return status, out, err


def rows(stdout: str) -> list[list[str]]:
    """Split a table into its cells, by the columns of its header line."""
    lines = stdout.rstrip("\n").split("\n")
    header = lines[0]
    starts = [0] + [i + 2 for i in range(len(header) - 2) if header[i : i + 2] == "  " and header[i + 2] != " "]
    ends = [*(s - 2 for s in starts[1:]), None]
    return [[line[a:b].rstrip() for a, b in zip(starts, ends, strict=True)] for line in lines]


def cell(value) -> str:
    """A value as the listings write it: '-' for none or an empty tuple, enums by value, tuples joined."""
    if value is None or value == ():
        return "-"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return ", ".join(cell(v) for v in value)
    return str(value)


def data_file(name: str):
    """The content of one of the bundled data files."""
    return json.loads((DATA_DIR / name).read_text("utf-8"))


@pytest.mark.parametrize("command", COMMANDS)
def test_help_on_every_command(capsys, command):
    """Every command answers --help with its usage and exit status 0."""

    status, out, _ = run(capsys, command, "--help")

    assert (0, True) == (status, out.startswith(f"usage: wto-msme {command}"))


def test_top_level_help_lists_the_commands(capsys):
    """The top-level help names every command."""

    status, out, _ = run(capsys, "--help")

    assert (0, []) == (status, [c for c in COMMANDS if c not in out])


def test_version(capsys, ds):
    """--version prints the package's version and the bundled data's version."""

    status, out, _ = run(capsys, "--version")

    assert (0, f"wto_msme {wto_msme.__version__}, data version {ds.version}\n") == (status, out)
    assert (wto_msme.DATA_VERSION, "2026.12.1") == (ds.version, data_file("dataset.json")["version"])


class TestOverview:
    def test_the_default_command(self, capsys):
        """Without a command the overview is printed, as with `overview`."""

        assert run(capsys, "overview") == run(capsys)

    def test_what_it_says(self, capsys, ds):
        """The overview names the group, the claimed count, the participants listed, the coordinator and the data."""

        status, out, _ = run(capsys)
        lines = out.splitlines()

        assert (0, ds.initiative.group_name, "=" * len(ds.initiative.group_name)) == (status, lines[0], lines[1])
        assert [
            "Participants: 104 WTO Members on 2025-12-08: the count to quote, as the WTO counts them",
            "  (the European Union and each of its member states counted; 77 listed, the EU as one)",
            "  Older: the initiative page's 98 of 164 WTO Members as of 2023-03 (around 90 per cent of world exports)",
            "Coordinator: Matthew Wilson (Barbados) since 2023-04-26",
            "Data version 2026.12.1, current to 2025-12-08.",
        ] == [
            line
            for line in lines
            if line.startswith(("Participants:", "  (the", "  Older", "Coordinator:", "Data version"))
        ]
        assert ds.participant_count() == 104
        assert f"Records: {len(ds.meetings)} meetings, {len(ds.presentations)} presentations," in out
        assert [f"  Annex {r.annex}: {r.title}" for r in ds.recommendations] == [
            line for line in lines if line.startswith("  Annex ")
        ]


class TestLists:
    @pytest.mark.parametrize("name", ["members", "coordinators", "presentations"])
    def test_every_listing_shows_the_records_in_order(self, capsys, ds, name):
        """A listing starts with the id and the title field and shows each record's values, '-' where none."""

        status, out, _ = run(capsys, name)
        table = rows(out)
        records = getattr(ds, name)

        assert (0, ["id", title_field(records.kind)]) == (status, table[0][:2])
        assert [[cell(getattr(r, c)) for c in table[0]] for r in records] == table[1:]

    def test_coordinators(self, capsys):
        """The coordinators' listing gives each term's dates, '-' for an unknown start and the current term's end."""

        table = rows(run(capsys, "coordinators")[1])
        start, end = table[0].index("start"), table[0].index("end")

        assert [
            ["casanueva", "Hector Casanueva", "-", "2018-01"],
            ["cancela", "José-Luis Cancela", "2018-02", "2023-04"],
            ["wilson", "Matthew Wilson", "2023-04-26", "-"],
        ] == [[r[0], r[1], r[start], r[end]] for r in table[1:]]

    def test_members_as_of(self, capsys, ds):
        """--as-of marks each participant known or uncertain at the date, and leaves out the later joiners."""

        table = rows(run(capsys, "members", "--as-of", "2023-03-13")[1])
        standing = ds.members.as_of("2023-03-13")
        marks = {r[0]: r[-1] for r in table[1:]}

        assert "as_of" == table[0][-1]
        assert {m.id for m in standing.known} == {i for i, mark in marks.items() if mark == "known"}
        assert (70, ["are"]) == (len(standing.known), [i for i, mark in marks.items() if mark == "uncertain"])
        assert {"mus", "cpv", "cmr"} == {"mus", "cpv", "cmr"} - set(marks)

    def test_presentations_by_category(self, capsys):
        """--category takes a category's value or name, in any case."""

        expected = [p["id"] for p in data_file("presentations.json") if p["category"] == "Trade Facilitation"]

        for spelling in ("Trade Facilitation", "trade_facilitation", "TRADE-FACILITATION"):
            assert (5, expected) == (
                len(expected),
                [r[0] for r in rows(run(capsys, "presentations", "--category", spelling)[1])[1:]],
            )

    def test_presentations_between_dates(self, capsys):
        """--from and --to keep the presentations from the first day of one to the last day of the other."""

        expected = [p["id"] for p in data_file("presentations.json") if "2022-02-01" <= p["date"] <= "2022-06-30"]

        table = rows(run(capsys, "presentations", "--from", "Feb 2022", "--to", "2022-06")[1])

        assert (11, expected) == (len(expected), [r[0] for r in table[1:]])

    def test_search_everything(self, capsys, ds):
        """`search` over the whole dataset prints the kind, id and title of the records found, best first."""

        found = ds.search("finance", limit=5)

        status, out, _ = run(capsys, "search", "finance", "--limit", "5")

        assert (0, [["kind", "id", "title"], *([type(r).__name__, r.id, title(r)] for r in found)]) == (
            status,
            rows(out),
        )
        assert (5, True) == (len(found), len({type(r) for r in found}) > 1)

    def test_search_one_collection(self, capsys, ds):
        """`search --collection` lists the records of that collection found, best first."""

        found = ds.presentations.search("cyber", limit=3)

        table = rows(run(capsys, "search", "cyber", "--collection", "presentations", "--limit", "3")[1])

        assert [p.id for p in found] == [r[0] for r in table[1:]]

    def test_search_of_one_kind_everywhere(self, capsys, ds):
        """`search` over the whole dataset whose hits are all of one kind lists them as that kind's listing does."""

        found = ds.search("blockchain")
        listed = rows(run(capsys, "presentations")[1])[0]

        table = rows(run(capsys, "search", "blockchain")[1])

        assert ({wto_msme.Presentation}, listed, [p.id for p in found]) == (
            {type(r) for r in found},
            table[0],
            [r[0] for r in table[1:]],
        )

    def test_search_stems_words(self, capsys):
        """`search payment` finds the records that speak of payments."""

        table = rows(run(capsys, "search", "payment", "--collection", "recommendations")[1])

        assert ["annex-6"] == [r[0] for r in table[1:]]

    def test_show(self, capsys, ds):
        """`show` prints every field of the record, provenance included, one per line."""

        p = ds.presentations[0]

        lines = run(capsys, "show", p.id)[1].splitlines()

        assert "collection: presentations" == lines[0]
        assert [True, True, True] == [
            f"summary: {p.summary}" in lines,
            f"provenance.source: {p.provenance.source}" in lines,
            "subcategory: -" in lines,
        ]

    def test_show_every_collection_with_the_identifier(self, capsys):
        """An identifier shared by a participant and a WTO Member shows both records."""

        out = run(capsys, "show", "chl")[1]

        assert ["collection: members", "collection: wto_members"] == [
            line for line in out.splitlines() if line.startswith("collection: ")
        ]

    def test_show_a_participant_by_name(self, capsys):
        """`show` finds a participant by a name or alias when no identifier matches."""

        out = run(capsys, "show", "turkey")[1]

        assert ["collection: members", "id: tur", "name: Türkiye"] == out.splitlines()[:3]

    def test_output_is_utf8(self, capsys, monkeypatch):
        """Names keep their accents whatever the encoding of standard output."""

        stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
        monkeypatch.setattr(sys, "stdout", stream)

        main(["coordinators"])

        assert "José-Luis Cancela" in stream.buffer.getvalue().decode("utf-8")


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
        (["search", "cyber", "--collection", "nowhere"], "unknown collection 'nowhere'"),
        (["export"], "--format"),
        (["export", "--format", "xml"], "invalid choice: 'xml'"),
        (["export", "--format", "csv"], "needs --output DIR"),
        (["export", "--format", "sqlite"], "--format sqlite writes the whole dataset to --output FILE"),
        (["export", "--format", "sqlite", "--collection", "members", "--output", "m.db"], "with no --collection"),
        (["export", "--format", "sqlite", "--output", "m.db", "--spreadsheet-safe"], "applies to --format csv only"),
        (["export", "--format", "json", "--collection", "everything"], "unknown collection 'everything'"),
        (["members", "--since", "2020"], "unrecognized arguments"),
        (["diff", "bundled"], "NEW"),
    ],
)
def test_usage_errors(capsys, args, fragment):
    """A bad command, option or value exits 2 with a message saying what was wrong."""

    status, out, err = run(capsys, *args)

    assert (2, True, True, "") == (status, "error: " in err, fragment in err, out)


def test_unreadable_data_exits_1(capsys, tmp_path):
    """--data naming a directory that does not exist exits 1 and says so."""

    status, out, err = run(capsys, "--data", str(tmp_path / "nowhere"), "coordinators")

    assert (1, True, "") == (status, "no such directory" in err, out)


def test_data_option_reads_a_copy(capsys, ds, tmp_path):
    """--data DIR reads the data from a copy."""

    wto_msme.dump(attrs.evolve(ds, version="1.2.3"), tmp_path)

    status, out, _ = run(capsys, "--data", str(tmp_path))

    assert (0, True) == (status, "Data version 1.2.3," in out)


class TestExport:
    def test_json_directory_round_trip(self, capsys, ds, tmp_path):
        """`export --format json --output DIR` writes what load(DIR) reads back equal to the bundled data."""

        status, out, _ = run(capsys, "export", "--format", "json", "--output", str(tmp_path / "out"))

        assert (0, "") == (status, out)
        assert ds == wto_msme.load(tmp_path / "out")

    def test_json_directory_refuses_a_non_empty_one(self, capsys, tmp_path):
        """A directory with files is written to only with --overwrite, and its other files are kept."""

        (tmp_path / "keep.txt").write_text("mine", "utf-8")

        refused = run(capsys, "export", "--format", "json", "--output", str(tmp_path))
        accepted = run(capsys, "export", "--format", "json", "--output", str(tmp_path), "--overwrite")

        assert (2, 0) == (refused[0], accepted[0])
        assert ("mine", True) == ((tmp_path / "keep.txt").read_text("utf-8"), (tmp_path / "members.json").is_file())

    def test_json_to_standard_output_is_one_object(self, capsys):
        """Without --output, the whole dataset is one JSON object holding every data file's content."""

        data = json.loads(run(capsys, "export", "--format", "json")[1])

        for path in sorted(DATA_DIR.glob("*.json")):
            expected = data_file(path.name)
            shown = {k: data[k] for k in expected} if path.name == "dataset.json" else data[path.stem]
            assert expected == shown, path.name

    def test_json_collection_to_a_file(self, capsys, tmp_path):
        """One collection goes to a file as a JSON array, and an existing file is replaced only with --overwrite."""

        target = tmp_path / "news.json"
        args = ("export", "--format", "json", "--collection", "news", "--output", str(target))

        statuses = [run(capsys, *args)[0], run(capsys, *args)[0], run(capsys, *args, "--overwrite")[0]]

        assert [0, 2, 0] == statuses
        assert data_file("news.json") == json.loads(target.read_text("utf-8"))

    def test_json_collection_to_standard_output(self, capsys):
        """One collection goes to standard output as the JSON array of its data file."""

        assert data_file("meetings.json") == json.loads(
            run(capsys, "export", "--format", "json", "--collection", "meetings")[1]
        )

    def test_csv_collection(self, capsys, ds):
        """CSV of a collection has the documented columns and one row per record, in order."""

        reader = csv.DictReader(
            io.StringIO(run(capsys, "export", "--format", "csv", "--collection", "presentations")[1], newline="")
        )
        table = list(reader)

        assert PRESENTATION_COLUMNS == reader.fieldnames
        assert [p.id for p in ds.presentations] == [r["id"] for r in table]
        assert [p.date.first_day.isoformat() for p in ds.presentations] == [r["date"] for r in table]
        assert [p.summary for p in ds.presentations] == [r["summary"] for r in table]
        assert [len(p.provenance.notes) for p in ds.presentations] == [int(r["notes"]) for r in table]

    def test_csv_directory(self, capsys, ds, tmp_path):
        """CSV of the whole dataset writes one file per collection, each a row per record, the initiative one row."""

        status = run(capsys, "export", "--format", "csv", "--output", str(tmp_path))[0]

        sizes = {}
        for name in ("initiative", *COLLECTIONS):
            with (tmp_path / f"{name}.csv").open(encoding="utf-8", newline="") as f:
                sizes[name] = len(list(csv.DictReader(f)))

        assert (0, {"initiative": 1, **{n: len(getattr(ds, n)) for n in COLLECTIONS}}) == (status, sizes)
        assert (77, 40, 41, 18) == (sizes["members"], sizes["meetings"], sizes["documents"], sizes["claims"])
        package = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
        assert [f"{n}.csv" for n in ("initiative", *COLLECTIONS)] == [r["path"] for r in package["resources"]]

    def test_sqlite(self, capsys, ds, tmp_path):
        """SQLite export writes the database to the file, replacing an existing one only with --overwrite."""

        path = tmp_path / "msme.db"
        first = run(capsys, "export", "--format", "sqlite", "--output", str(path))
        again = run(capsys, "export", "--format", "sqlite", "--output", str(path))
        with contextlib.closing(sqlite3.connect(path)) as db:
            count = db.execute("SELECT count(*) FROM presentations").fetchone()[0]

        assert ((0, "", ""), len(ds.presentations)) == (first, count)
        assert (2, True) == (again[0], "exists: pass --overwrite" in again[2])
        assert 0 == run(capsys, "export", "--format", "sqlite", "--output", str(path), "--overwrite")[0]


def test_schema_prints_the_shipped_schema(capsys):
    """`schema` prints the JSON Schema that wto_msme.json_schema returns."""

    assert wto_msme.json_schema() == json.loads(run(capsys, "schema")[1])


class TestDiff:
    def test_two_directories(self, capsys, ds, tmp_path):
        """`diff OLD NEW` lists the records added, removed and changed, and each changed field's old and new value."""

        c = ds.coordinators
        changed = attrs.evolve(
            ds,
            coordinators=(attrs.evolve(c[0], name="H. Casanueva"), *c[1:]),
            news=ds.news[1:],
            sponsors=(*ds.sponsors, attrs.evolve(ds.sponsors[0], id="zzz")),
        )
        wto_msme.dump(ds, tmp_path / "old")
        wto_msme.dump(changed, tmp_path / "new")

        status, out, _ = run(capsys, "diff", str(tmp_path / "old"), str(tmp_path / "new"))

        assert (
            0,
            f"1 added, 1 removed, 1 changed\n+ sponsors zzz\n- news {ds.news[0].id}\n~ coordinators casanueva\n"
            "    name: 'Hector Casanueva' -> 'H. Casanueva'\n",
        ) == (status, out)

    def test_bundled_against_itself(self, capsys):
        """The bundled data has no differences from itself."""

        assert (0, "no differences\n") == run(capsys, "diff", "bundled", "bundled")[:2]

    def test_an_unreadable_directory_exits_1(self, capsys, tmp_path):
        """A directory that does not exist exits 1 and says the data cannot be read."""

        status, out, err = run(capsys, "diff", "bundled", str(tmp_path / "nowhere"))

        assert (1, "", True) == (status, out, "cannot read the data" in err)
