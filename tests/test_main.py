"""Tests of wto_msme.__main__: the command line, run in-process through main()."""

from __future__ import annotations

import contextlib
import csv
import enum
import io
import json
import re
import sqlite3
import sys

import attrs
import pytest

import wto_msme
from wto_msme.__main__ import main, safe
from wto_msme._convert import converter
from wto_msme._dataset import COLLECTIONS
from wto_msme._describe import title, title_field

from .conftest import DATA_DIR

COMMANDS = [
    "overview",
    "members",
    "coordinators",
    "presentations",
    "meetings",
    "documents",
    "count",
    "search",
    "show",
    "export",
    "schema",
    "diff",
]
LISTINGS = ["members", "coordinators", "presentations", "meetings", "documents"]

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


@pytest.fixture(autouse=True)
def _no_terminal(monkeypatch):
    """Each test starts with no COLUMNS: output that is not a terminal is not fitted to a width."""
    monkeypatch.delenv("COLUMNS", raising=False)


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
    @pytest.mark.parametrize("name", LISTINGS)
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

        assert (
            0,
            [
                ["kind", "id", "title", "score"],
                *([type(r).__name__, r.id, title(r), f"{s:.2f}"] for r, s in zip(found, found.scores, strict=True)),
            ],
        ) == (
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

        assert ({wto_msme.Presentation}, [*listed, "score"], [p.id for p in found]) == (
            {type(r) for r in found},
            table[0],
            [r[0] for r in table[1:]],
        )

    def test_search_says_when_no_record_holds_every_word(self, capsys, ds):
        """A search that finds no record holding every word lists those holding some, and says so on standard error."""

        found = ds.search("finance zzzqq", limit=2)

        status, out, err = run(capsys, "search", "finance zzzqq", "--limit", "2")

        assert (0, True, [r.id for r in found]) == (status, found.partial, [r[1] for r in rows(out)[1:]])
        assert "no record holds every word of 'finance zzzqq': those listed hold some" in err
        assert "no record matches 'zzzqqq'" in run(capsys, "search", "zzzqqq")[2]

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
        (["show", "2021-09-24-itc"], "no record has the identifier, name, code or symbol '2021-09-24-itc'"),
        (["show", "chl", "--collection", "presentations"], "symbol 'chl' in presentations"),
        (["show", "Columbia"], "the closest are 'Colombia'"),
        (["show", "INF/MSME/W/46"], "the closest are 'INF/MSME/W/46/Rev.3-INF/TGE/W/7/Rev.?'"),
        (["members", "--as-of", "2023", "--format", "csv"], "--format csv cannot carry"),
        (["meetings", "--uncertain"], "--uncertain applies with --from or --to"),
        (["coordinators", "--on", "2020", "--from", "2019"], "--on gives one date"),
        (["meetings", "--format", "xml"], "invalid choice: 'xml'"),
        (["count", "--as-of", "someday"], "cannot read 'someday'"),
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


def help_columns(capsys, command: str) -> list[str]:
    """The columns a command's help names, after 'Columns:'."""
    found = re.search(r"Columns: ([^.;]+)", " ".join(run(capsys, command, "--help")[1].split()))
    assert found is not None
    return found.group(1).split(", ")


class TestHelpNamesTheColumns:
    @pytest.mark.parametrize("name", LISTINGS)
    def test_every_listing(self, capsys, name):
        """Each listing's help names exactly the columns it prints, in order."""

        assert help_columns(capsys, name) == rows(run(capsys, name)[1])[0]

    def test_members_as_of(self, capsys):
        """With --as-of, members prints the columns its help names, then the as_of column the help describes."""

        out = run(capsys, "members", "--help")[1]

        assert [*help_columns(capsys, "members"), "as_of"] == rows(run(capsys, "members", "--as-of", "2022")[1])[0]
        assert "also as_of:" in " ".join(out.split())

    def test_search(self, capsys):
        """`search`'s help names the columns of a search over every collection."""

        assert help_columns(capsys, "search") == rows(run(capsys, "search", "finance")[1])[0]


class TestNewListings:
    def test_meetings_between_dates(self, capsys, ds):
        """`meetings --from --to` lists the meetings certainly held then; --uncertain adds those that may have been."""

        certain = run(capsys, "meetings", "--from", "2024", "--to", "2024")[1]
        maybe = run(capsys, "meetings", "--from", "2024", "--to", "2024", "--uncertain")[1]

        assert [m.id for m in ds.meetings.between("2024", "2024")] == [r[0] for r in rows(certain)[1:]]
        assert [m.id for m in ds.meetings.between("2024", "2024", uncertain=True)] == [r[0] for r in rows(maybe)[1:]]
        assert len(rows(certain)) < len(rows(maybe))

    def test_documents_from_a_date(self, capsys, ds):
        """`documents --from` lists the documents dated on or after it, in order."""

        table = rows(run(capsys, "documents", "--from", "2024-06")[1])

        assert [d.id for d in ds.documents.between("2024-06", "9999")] == [r[0] for r in table[1:]]
        assert 0 < len(table) - 1 < len(ds.documents)

    def test_coordinators_on_a_day(self, capsys, ds):
        """`coordinators --on` lists the one term covering the day."""

        table = rows(run(capsys, "coordinators", "--on", "2019-06-01")[1])

        assert [ds.coordinators.on("2019-06-01").id] == [r[0] for r in table[1:]]

    def test_coordinators_on_a_month_of_two_terms(self, capsys, ds):
        """Where no one term covers the period, every term during it is listed, and standard error says so."""

        status, out, err = run(capsys, "coordinators", "--on", "2023-04")

        assert (0, [t.id for t in ds.coordinators.during("2023-04")]) == (status, [r[0] for r in rows(out)[1:]])
        assert (2, True) == (len(rows(out)) - 1, "no one term covers the whole of 2023-04" in err)


class TestCount:
    def lines(self, capsys, *args: str) -> dict[str, str]:
        """The count's lines by name."""
        return dict(line.split(": ", 1) for line in run(capsys, "count", *args)[1].splitlines())

    def test_a_range_is_never_the_count(self, capsys, ds):
        """Where the data knows only bounds, count says the number is not known, and gives them and the claim."""

        expected = ds.participant_count("2019")

        shown = self.lines(capsys, "--as-of", "2019")

        assert (False, 88, 90) == (expected.exact, expected.low, expected.high)
        assert {
            "count": f"not known; between {expected.low} and {expected.high}",
            "day": "2019-12-31",
            "low": str(expected.low),
            "high": str(expected.high),
            "exact": "false",
        } == {k: shown[k] for k in ("count", "day", "low", "high", "exact")}
        assert shown["claimed"].startswith(f"{expected.claimed.count} in 2019 (claim {expected.claimed.id}: ")

    def test_an_exact_count(self, capsys, ds):
        """Where the bounds meet, count gives the number."""

        shown = self.lines(capsys, "--as-of", "2020-12-11")

        assert (str(int(ds.participant_count("2020-12-11"))), "true") == (shown["count"], shown["exact"])

    def test_without_a_date_the_data_end(self, capsys, ds):
        """Without --as-of, count is the count at the data's end, and says that nothing later is known."""

        shown = self.lines(capsys)

        assert ("104", str(ds.current_to)) == (shown["count"], shown["data_ends"])
        assert "-" == self.lines(capsys, "--as-of", "2019")["data_ends"]

    def test_help_names_the_lines(self, capsys):
        """`count`'s help names the lines it prints, in order."""

        found = re.search(r"Lines 'name: value': ([^.]+)\.", " ".join(run(capsys, "count", "--help")[1].split()))

        assert found is not None
        assert found.group(1).split(", ") == list(self.lines(capsys))


class TestShowFinds:
    def collections(self, out: str) -> list[tuple[str, str]]:
        """Each record shown, as (collection, id)."""
        blocks = [b.splitlines() for b in out.split("\n\n")]
        return [(b[0].removeprefix("collection: "), b[1].removeprefix("id: ")) for b in blocks]

    @pytest.mark.parametrize("text", ["South Korea", "Corée du Sud", "KOR", "KR"])
    def test_a_member_by_name_alias_or_code(self, capsys, text):
        """A name, an alias or an ISO code shows the participant and the WTO Member it names."""

        assert [("members", "kor"), ("wto_members", "kor")] == self.collections(run(capsys, "show", text)[1])

    def test_a_document_by_symbol(self, capsys, ds):
        """A document symbol, or either part of a joint one, shows the document."""

        expected = [("documents", ds.documents.find("INF/MSME/W/58").id)]

        assert expected == self.collections(run(capsys, "show", "INF/MSME/W/58")[1])
        assert expected == self.collections(run(capsys, "show", "inf/tge/com/11")[1])

    def test_a_non_participant(self, capsys):
        """A WTO Member that takes part through the European Union is shown as a WTO Member."""

        assert [("wto_members", "deu")] == self.collections(run(capsys, "show", "Germany")[1])


def longest(out: str) -> int:
    """The length of the longest line of *out*."""
    return max(len(line) for line in out.splitlines())


class TestWidth:
    @pytest.mark.parametrize("width", [80, 120])
    @pytest.mark.parametrize(
        "args",
        [[name] for name in LISTINGS]
        + [
            ["members", "--as-of", "2023"],
            ["search", "finance"],
            ["show", "kor"],
            ["show", "INF/MSME/W/58"],
            ["count"],
        ],
    )
    def test_every_line_fits(self, capsys, monkeypatch, width, args):
        """With COLUMNS set, no line of a listing, a search, show or count is longer than the width."""

        monkeypatch.setenv("COLUMNS", str(width))
        wide = run(capsys, *args, "--wide")[1]

        status, out, _ = run(capsys, *args)

        assert (0, True) == (status, longest(out) <= width)
        assert longest(wide) > 80 or args == ["count"]

    @pytest.mark.parametrize("name", LISTINGS)
    def test_shortened_cells_begin_as_the_whole(self, capsys, monkeypatch, name):
        """A shortened cell ends in '…' and begins as the whole value does; a column left out is named."""

        whole = rows(run(capsys, name)[1])
        monkeypatch.setenv("COLUMNS", "80")
        status, out, err = run(capsys, name)
        lines = out.splitlines()
        header = lines[0].split()
        cut = [line.split("  ") for line in lines]

        assert (0, whole[0][: len(header)]) == (status, header)
        for shown, full in zip(rows(out)[1:], whole[1:], strict=True):
            for s, f in zip(shown, full, strict=False):
                assert s == f or (s.endswith("…") and f.startswith(s[:-1])), (s, f)
        assert any(c.endswith("…") for line in cut for c in line)
        assert (len(header) < len(whole[0])) == ("left out to fit 80 columns: " in err)

    def test_show_wraps_with_an_indent(self, capsys, monkeypatch, ds):
        """`show` wraps a long value onto indented lines that hold the rest of it."""

        monkeypatch.setenv("COLUMNS", "80")
        text = ds.members.get("kor").provenance.notes[0].text

        lines = run(capsys, "show", "kor", "--collection", "members")[1].splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("provenance.notes[0].text: "))
        end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))

        assert text.split() == " ".join(lines[start:end]).removeprefix("provenance.notes[0].text: ").split()
        assert end - start > 1

    def test_piped_output_is_whole(self, capsys, ds):
        """Without COLUMNS, output that is not a terminal is never shortened."""

        out = run(capsys, "presentations")[1]

        assert ("…" not in out, longest(out) > 120) == (True, True)


class TestFormats:
    @pytest.mark.parametrize("name", LISTINGS)
    def test_csv_reads_back(self, capsys, ds, name):
        """--format csv writes what to_csv writes for the records listed."""

        stream = io.StringIO(newline="")
        getattr(ds, name).to_csv(stream)

        out = run(capsys, name, "--format", "csv")[1]

        assert stream.getvalue() == out
        assert [r.id for r in getattr(ds, name)] == [r["id"] for r in csv.DictReader(io.StringIO(out, newline=""))]

    def test_csv_of_a_filtered_listing(self, capsys, ds):
        """--format csv holds only the records the options keep."""

        out = run(capsys, "meetings", "--from", "2024", "--to", "2024", "--format", "csv")[1]

        assert [m.id for m in ds.meetings.between("2024", "2024")] == [
            r["id"] for r in csv.DictReader(io.StringIO(out, newline=""))
        ]

    @pytest.mark.parametrize("name", LISTINGS)
    def test_json_reads_back(self, capsys, name):
        """--format json writes the records as the data file holds them."""

        assert data_file(f"{name}.json") == json.loads(run(capsys, name, "--format", "json")[1])

    def test_json_of_a_search(self, capsys, ds):
        """`search --format json` writes each record found, best first, as the converter unstructures it."""

        found = ds.search("finance", limit=4)

        records = json.loads(run(capsys, "search", "finance", "--limit", "4", "--format", "json")[1])

        assert [converter().unstructure(r) for r in found] == records


HOSTILE = "Bad\x1b[31mRed\u202eevil\x07\nnext\u2028line"


@pytest.fixture
def hostile(ds, tmp_path):
    """A copy of the data whose current coordinator's name holds control, format and separator characters."""
    c = ds.coordinators
    wto_msme.dump(attrs.evolve(ds, coordinators=(*c[:-1], attrs.evolve(c[-1], name=HOSTILE))), tmp_path)
    return tmp_path


class TestTerminalSafety:
    def test_safe(self):
        """Control, format and separator characters are written escaped; printable text and spaces are kept."""

        assert "Bad\\x1b[31mRed\\u202eevil\\x07\\nnext\\u2028line" == safe(HOSTILE)
        assert "Côte d\u2019Ivoire\u00a0x \\ y" == safe("Côte d\u2019Ivoire\u00a0x \\ y")

    @pytest.mark.parametrize(
        "args",
        [
            ["coordinators"],
            ["coordinators", "--format", "table"],
            ["search", "bad"],
            ["show", "wilson"],
            ["overview"],
        ],
    )
    @pytest.mark.parametrize("columns", [None, "80"])
    def test_data_text_reaches_no_terminal_raw(self, capsys, monkeypatch, hostile, args, columns):
        """A name holding an escape sequence, a bidi override and a newline is printed escaped, whole or shortened."""

        if columns is not None:
            monkeypatch.setenv("COLUMNS", columns)

        status, out, _ = run(capsys, "--data", str(hostile), *args)

        assert (0, [], True) == (
            status,
            [ch for ch in out if not ch.isprintable() and ch != "\n"],
            "Bad\\x1b[31m" in out,
        )

    def test_a_diff_reaches_no_terminal_raw(self, capsys, hostile):
        """`diff` writes the changed values' control and format characters escaped."""

        status, out, _ = run(capsys, "diff", "bundled", str(hostile))

        assert (0, [], True) == (
            status,
            [ch for ch in out if not ch.isprintable() and ch != "\n"],
            "~ coordinators" in out,
        )
