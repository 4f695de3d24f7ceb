"""
The guarantees of wto_msme.load: limits, located errors, deep immutability, isolation, stability, round trips.

The golden file ``tests/golden/bundled.json`` pins the bundled data's identifiers and
key fields. After a deliberate change to the data, regenerate it with::

    UPDATE_GOLDEN=1 python -m pytest tests/test_guarantees.py -k golden

review the diff, and record the change in CHANGELOG.md ("Data: ...").
"""

from __future__ import annotations

import ast
import enum
import json
import os
import pathlib
import shutil
import subprocess
import sys
import textwrap
import types
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import wto_msme
from wto_msme import DataError, Dataset, _model
from wto_msme._convert import converter
from wto_msme._data import LAYOUT
from wto_msme._io import CHANGED, MAX_FILE_BYTES, MAX_PROBLEMS
from wto_msme.collections import Records
from wto_msme.strategies import datasets

from .conftest import DATA_DIR, DATASET_EXAMPLES

GOLDEN = pathlib.Path(__file__).parent / "golden" / "bundled.json"
SRC = pathlib.Path(wto_msme.__file__).parent

#: The environment of a fresh interpreter that imports this same wto_msme.
SUBPROCESS_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC.parent), os.environ.get("PYTHONPATH", "")])}


@pytest.fixture
def copy(tmp_path: pathlib.Path) -> pathlib.Path:
    """A writable copy of the bundled data."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@attrs.frozen
class Whole:
    """A change that replaces the whole value of a file."""

    replace: Callable[[Any], Any]


def edit(directory: pathlib.Path, filename: str, change: Callable[[Any], object] | Whole) -> pathlib.Path:
    """Change the JSON value of one file of *directory*, in place or (with Whole) wholesale."""
    path = directory / filename
    data = json.loads(path.read_text("utf-8"))
    if isinstance(change, Whole):
        data = change.replace(data)
    else:
        change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def refused(directory: pathlib.Path) -> DataError:
    """Load *directory*, which must be refused, and return the error."""
    with pytest.raises(DataError) as info:
        wto_msme.load(directory)
    return info.value


# --- Limits ---------------------------------------------------------------------------


class TestLimits:
    def test_file_over_the_limit_is_refused_unread(self, copy):
        """A file one byte over MAX_FILE_BYTES is refused by its size, before it is parsed."""

        with open(copy / "news.json", "wb") as f:  # sparse: nothing is written
            f.truncate(MAX_FILE_BYTES + 1)

        error = refused(copy)

        assert (
            f"{copy / 'news.json'}: the file is larger than the limit of {MAX_FILE_BYTES} bytes and was not read"
            == (str(error))
        )

    def test_file_at_the_limit_is_read(self, copy, ds):
        """A file of exactly MAX_FILE_BYTES bytes is read."""

        path = copy / "news.json"
        data = path.read_bytes()
        path.write_bytes(data + b" " * (MAX_FILE_BYTES - len(data)))

        assert ds == wto_msme.load(copy)

    def test_limit_is_eight_mebibytes(self):
        """The documented limit is 8 MiB, many times the largest bundled file."""

        largest = max((DATA_DIR / f).stat().st_size for f in LAYOUT)

        assert 8 * 1024 * 1024 == MAX_FILE_BYTES
        assert largest * 20 < MAX_FILE_BYTES

    @pytest.mark.parametrize(
        "module", ["_data", "_io", "_convert", "_checks", "_dates", "_describe", "_dataset"]
    )
    def test_loader_source_runs_no_code_from_data(self, module):
        """The code that reads data has no eval, exec, compile, dynamic import, pickle, marshal or YAML."""

        builtins = {"eval", "exec", "compile", "__import__", "breakpoint"}
        modules = {"pickle", "marshal", "shelve", "yaml", "runpy", "subprocess", "code"}
        tree = ast.parse((SRC / f"{module}.py").read_text("utf-8"))
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} & builtins
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                used |= {a.name.split(".")[0] for a in node.names} & modules
            elif isinstance(node, ast.ImportFrom) and node.module:
                used |= ({node.module.split(".")[0]} | {a.name for a in node.names}) & (modules | {"import_module"})
            elif isinstance(node, ast.Attribute) and node.attr in {"import_module", "system", "popen"}:
                used.add(node.attr)

        assert set() == used

    def test_loading_imports_nothing(self, tmp_path):
        """Loading data full of Python-looking strings and keys imports no module and runs nothing."""

        marker = tmp_path / "ran"
        shell = f"touch {marker}"
        lures = [
            f"__import__('os').system({shell!r})",
            f"!!python/object/apply:os.system [{shell!r}]",
            "antigravity",
            "{{ 7*7 }}",
            "${jndi:ldap://example.org/a}",
            "cos\nsystem\n(S'true'\ntR.",
        ]
        clean, warm, lured, broken = (tmp_path / n for n in ("clean", "warm", "lured", "broken"))
        for d in (clean, warm, lured, broken):
            shutil.copytree(DATA_DIR, d)
        edit(warm, "news.json", lambda news: news[0].pop("headline"))

        def lure(news: list[dict[str, Any]]) -> None:
            for item, text in zip(news, lures * 4, strict=False):  # every news item gets a lure
                item["headline"] = item["summary"] = item["publisher"] = text

        edit(lured, "news.json", lure)
        edit(broken, "news.json", lambda news: news[0].update({"__class__": "builtins.eval", "__reduce__": lures[1]}))
        edit(broken, "sources.json", lambda sources: sources[0].update(kind="!!python/name:os.system"))
        script = textwrap.dedent(
            """
            import json, sys
            import wto_msme
            def attempt(path):
                try:
                    return wto_msme.load(path)
                except wto_msme.DataError:
                    return None
            attempt(sys.argv[1])  # import what loading a copy needs, both ways
            attempt(sys.argv[2])
            before = set(sys.modules)
            loaded = attempt(sys.argv[3])
            failed = attempt(sys.argv[4])
            print(json.dumps([sorted(set(sys.modules) - before), loaded.news[0].headline, failed is None]))
            """
        )

        result = subprocess.run(
            [sys.executable, "-c", script, str(clean), str(warm), str(lured), str(broken)],
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp_path,
            env=SUBPROCESS_ENV,
        )

        assert [[], lures[0], True] == json.loads(result.stdout)
        assert not marker.exists()


# --- Every message names the file and the location -----------------------------------------

#: (file, change, problem) for every problem that the records of a copy can have: the
#: problem line that load(path) must report, its location first.
RECORD_PROBLEMS = [
    # Structure (the converter)
    ("news.json", lambda d: d[0].pop("headline"), "news[0].headline: required field missing"),
    (
        "news.json",
        lambda d: d[0].update(colour=1),
        "news[0]: unknown field(s) colour (the known fields are those of NewsItem)",
    ),
    (
        "news.json",
        lambda d: d[0].update(headline=5),
        "news[0].headline: invalid value for str: expected a string, got int 5",
    ),
    (
        "news.json",
        lambda d: d[0].update(url=5),
        "news[0].url: invalid value for str | None: expected a string, got int 5",
    ),
    (
        "recommendations.json",
        lambda d: d[0].update(annex="1"),
        "recommendations[0].annex: invalid value for int: expected an integer, got str '1'",
    ),
    (
        "initiative.json",
        lambda d: d.update(open="yes"),
        "initiative.open: invalid value for bool: expected true or false, got str 'yes'",
    ),
    (
        "members.json",
        lambda d: d[0].update(aliases="Afghan"),
        "members[0].aliases: invalid value for tuple: expected a list, got str 'Afghan'",
    ),
    (
        "news.json",
        lambda d: d[0].update(provenance=[]),
        "news[0].provenance: invalid value for Provenance: expected an object {...}, got list []",
    ),
    (
        "news.json",
        Whole(lambda d: {"news": d}),
        "news: expected a list, got dict {'news': [{'id': '2023-07-03-msmes-group-discusses-digita...",
    ),
    (
        "initiative.json",
        Whole(lambda d: [d]),
        "initiative: expected an object {...}, got list [{'name': 'Micro Small and Medium Enterprises (MSMEs)', '...",
    ),
    (
        "news.json",
        lambda d: d[0].update(date=20230703),
        "news[0].date: invalid value for PartialDate: expected a date as a string YYYY, YYYY-MM or YYYY-MM-DD,"
        " got 20230703",
    ),
    (
        "news.json",
        lambda d: d[0].update(date="3 July"),
        "news[0].date: invalid value for PartialDate: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got '3 July'",
    ),
    (
        "news.json",
        lambda d: d[0].update(date="2023-02-30"),
        "news[0].date: invalid value for PartialDate: day must be 1 to 28 in 2023-02, not 30",
    ),
    (
        "dataset.json",
        lambda d: d.update(current_to="2023-13"),
        "dataset.current_to: invalid value for PartialDate: month must be 1 to 12, not 13",
    ),
    (
        "news.json",
        lambda d: d[0].update(year_basis="guess"),
        "news[0].year_basis: invalid value for YearBasis: 'guess' is not a valid YearBasis:"
        " expected one of 'stated', 'inferred'",
    ),
    # Integrity (the checks)
    ("news.json", lambda d: d[0].update(id=" "), "news[0].id: an identifier may not be blank"),
    (
        "news.json",
        lambda d: d[1].update(id=d[0]["id"]),
        "news[1].id: duplicate identifier '2023-07-03-msmes-group-discusses-digitalization' (first at news[0])",
    ),
    ("coordinators.json", lambda d: d[1].update(member="xyz"), "coordinators[1].member: unknown member 'xyz'"),
    (
        "recommendations.json",
        lambda d: d[0].update(document="nodoc"),
        "recommendations[0].document: unknown document 'nodoc'",
    ),
    (
        "declarations.json",
        lambda d: d[0]["signatories"].pop(),
        "declarations[0].signatory_members: 64 members for 63 signatories",
    ),
    (
        "declarations.json",
        lambda d: d[0]["signatory_members"].__setitem__(0, "xyz"),
        "declarations[0].signatory_members[0]: unknown member 'xyz'",
    ),
    ("sponsors.json", lambda d: d[0].update(member="xyz"), "sponsors[0].member: unknown WTO Member 'xyz'"),
    (
        "initiative.json",
        lambda d: d["dialogue_leaders"].__setitem__(0, "xyz"),
        "initiative.dialogue_leaders[0]: unknown member 'xyz'",
    ),
    (
        "initiative.json",
        lambda d: d.update(establishing_document="nodoc"),
        "initiative.establishing_document: unknown document 'nodoc'",
    ),
    (
        "coordinators.json",
        lambda d: d[1].update(start="2023-05"),
        "coordinators[1].end: 2023-04 lies wholly before start 2023-05",
    ),
    ("coordinators.json", lambda d: d[1].update(end=None), "coordinators[1].end: only the last term may be ongoing"),
    (
        "coordinators.json",
        lambda d: d[2].update(start=None),
        "coordinators[2].start: only the first term may have an unknown start",
    ),
    (
        "coordinators.json",
        lambda d: d[2].update(start="2019-01"),
        "coordinators[2].start: the term starts (2019-01) before the previous one ends (2023-04):"
        " terms must be in order and may not overlap",
    ),
    ("presentations.json", lambda d: d[0].update(annexes=[9]), "presentations[0].annexes[0]: 9 is not from 1 to 6"),
    (
        "presentations.json",
        lambda d: d[0].update(annexes=[3, 2]),
        "presentations[0].annexes: annexes must be ascending and unique",
    ),
    (
        "presentations.json",
        lambda d: d[0].update(subcategory="Cross-border Payments"),
        "presentations[0].subcategory: 'Cross-border Payments' belongs under 'MSME Financing',"
        " not 'Implementation of the December 2020 Package'",
    ),
    ("recommendations.json", lambda d: d[5].update(annex=7), "recommendations[5].annex: 7 is not from 1 to 6"),
    ("recommendations.json", lambda d: d[5].update(annex=1), "recommendations[5].annex: annex 1 appears twice"),
    (
        "news.json",
        lambda d: d[0].update(date="2016-12-31"),
        "news[0].date: 2016-12-31 is outside the dates it may carry (2017-01-01 to 2025-12-08, the data's current_to)",
    ),
    (
        "meetings.json",
        lambda d: d[0].update(date="2026-01-01"),
        "meetings[0].date: 2026-01-01 is outside the dates it may carry"
        " (2017-01-01 to 2025-12-08, the data's current_to)",
    ),
    (
        "presentations.json",
        lambda d: d[0].update(meeting="2099-01-01-meeting"),
        "presentations[0].meeting: unknown meeting '2099-01-01-meeting'",
    ),
    ("meetings.json", lambda d: d[2].update(welcomed=["xyz"]), "meetings[2].welcomed[0]: unknown member 'xyz'"),
    ("meetings.json", lambda d: d[2].update(documents=["nope"]), "meetings[2].documents[0]: unknown document 'nope'"),
    ("documents.json", lambda d: d[20].update(meetings=["nope"]), "documents[20].meetings[0]: unknown meeting 'nope'"),
    (
        "documents.json",
        lambda d: d[20].update(proponents=["xyz"]),
        "documents[20].proponents[0]: unknown WTO Member 'xyz'",
    ),
    # Not members[0]: a signatory of the declaration, whose name would no longer match.
    ("members.json", lambda d: d[7].update(name="!!"), "members[7].name: a name may not be blank"),
    (
        "members.json",
        lambda d: d[1].update(aliases=["Afghanistan"]),
        "members[1].aliases[0]: 'Afghanistan' also names member 'afg'",
    ),
    (
        "members.json",
        lambda d: d[0]["joined"].update(on=d[0]["joined"]["not_after"]),
        "members[0].joined: give either a date (on) or bounds, not both",
    ),
    (
        "members.json",
        lambda d: d[0]["joined"].update(not_before="2021-11"),
        "members[0].joined.not_after: 2020-12-11 lies wholly before not_before 2021-11",
    ),
    (
        "news.json",
        lambda d: d[0]["provenance"].update(source="nowhere"),
        "news[0].provenance.source: unknown source 'nowhere'",
    ),
    (
        "news.json",
        lambda d: d[0]["provenance"]["evidence"].__setitem__(0, "nowhere"),
        "news[0].provenance.evidence[0]: unknown source 'nowhere'",
    ),
    (
        "news.json",
        lambda d: d[0]["provenance"]["notes"][0]["evidence"].__setitem__(0, "nowhere"),
        "news[0].provenance.notes[0].evidence[0]: unknown source 'nowhere'",
    ),
    (
        "news.json",
        lambda d: d[0]["provenance"]["notes"][0].update(field="colour"),
        "news[0].provenance.notes[0].field: NewsItem has no field 'colour'",
    ),
    (
        "news.json",
        lambda d: d[0].update(id="n\x1b[31m1"),
        "news[0].id: the identifier 'n\\x1b[31m1' holds the control character '\\x1b'",
    ),
    (
        "declarations.json",
        lambda d: d[0]["signatory_members"].__setitem__(1, "afg"),
        "declarations[0].signatory_members[1]: duplicate member 'afg' (first at signatory_members[0])",
    ),
    (
        "declarations.json",
        lambda d: d[0]["signatory_members"].__setitem__(0, "brb"),
        "declarations[0].signatory_members[0]: member 'brb' is not signatory 'Afghanistan' (signatories[0]):"
        " each signatory's member must be named by its name or an alias, in the same order",
    ),
    (
        "initiative.json",
        lambda d: d.update(participants_claimed=10**30),
        "initiative.participants_claimed: 1000000000000000000000000000000 is not from 0 to 1000",
    ),
    ("claims.json", lambda d: d[0].update(count=-1), "claims[0].count: -1 is not from 0 to 1000"),
    (
        "presentations.json",
        lambda d: d[0].update(date="2019-01-01"),
        "presentations[0].date: 2019-01-01 does not fit its meeting '2021-09-24-meeting' (held 2021-09-24)",
    ),
    (
        "wto_members.json",
        lambda d: d[0].update(member_since="9999"),
        "wto_members[0].member_since: 9999 is outside the dates it may carry"
        " (1995-01-01 to 2025-12-08, the data's current_to)",
    ),
    (
        "initiative.json",
        lambda d: d.update(established="2016"),
        "initiative.established: 2016 lies wholly before dialogue_started 2017",
    ),
    (
        "meetings.json",
        lambda d: d[0].update(welcomed=["ukr"]),
        "meetings[0].welcomed[0]: 'ukr' joined (2020-12-11) after the meeting that welcomed it (2018-03-27)",
    ),
    (
        "members.json",
        lambda d: d[1].update(iso_alpha2="al"),
        "members[1].iso_alpha2: 'al' is not of the form [A-Z]{2}",
    ),
    (
        "members.json",
        lambda d: d[1].update(iso_alpha3="AFG"),
        "members[1].iso_alpha3: 'AFG' is also the code of members[0]",
    ),
]

#: (file, text, problem) for every problem that a file's text can have.
TEXT_PROBLEMS = [
    ("news.json", b"[\xff]", "byte 1: not valid UTF-8"),
    ("news.json", b"", "line 1, column 1: not valid JSON: Expecting value"),
    ("news.json", b'[\n  {"id": oops}]', "line 2, column 10: not valid JSON: Expecting value"),
    ("news.json", b"[" * 100_000, "arrays and objects nested too deeply to be read"),
    ("dataset.json", b'{"version": "1", "version": "2"}', "dataset: duplicate key 'version' in an object"),
    ("claims.json", b'[{"count": NaN}]', "claims[0].count: NaN is not a JSON number"),
    ("claims.json", b'[{"count": 1' + b"0" * 5000 + b"}]", "claims[0].count: an integer of 5001 digits is too large"),
    (
        "news.json",
        b'[{"headline": "\\udc00"}]',
        "news[0].headline: '\\udc00' holds a lone surrogate '\\udc00' at index 0, not a character",
    ),
    (
        "news.json",
        b'[{"x y": {"\\ud800": 1}}]',
        "news[0]['x y']: key '\\ud800' holds a lone surrogate '\\ud800' at index 0, not a character",
    ),
]


class TestMessages:
    """Every message load(path) can give starts with the file, then the location of each problem."""

    @pytest.mark.parametrize(
        ("filename", "change", "problem"),
        RECORD_PROBLEMS,
        ids=[p.split(":")[0] + ": " + p.split(": ")[-1][:30] for _, _, p in RECORD_PROBLEMS],
    )
    def test_record_problem(self, copy, filename, change, problem):
        """A bad value in a record is reported as 'file: location: what is wrong'."""

        path = edit(copy, filename, change)

        error = refused(copy)

        assert (str(path), (problem,)) == (error.file, error.problems)
        assert f"{path}: {problem}" == str(error)

    @pytest.mark.parametrize(
        ("filename", "text", "problem"), TEXT_PROBLEMS, ids=[p.split(":")[0] for _, _, p in TEXT_PROBLEMS]
    )
    def test_text_problem(self, copy, filename, text, problem):
        """A file that is not strict JSON is reported with the line and column, byte, or value."""

        (copy / filename).write_bytes(text)

        error = refused(copy)

        assert f"{copy / filename}: {problem}" == str(error)

    def test_several_problems_in_one_file(self, copy):
        """Several problems in one file are listed one a line under the file, each with its location."""

        path = edit(copy, "news.json", lambda d: (d[0].pop("headline"), d[2].update(url=5)))

        error = refused(copy)

        assert (
            f"{path}: 2 problems:\n"
            "  news[0].headline: required field missing\n"
            "  news[2].url: invalid value for str | None: expected a string, got int 5"
        ) == str(error)

    def test_problems_in_several_files(self, copy):
        """Records that contradict each other across files are listed under the directory, each with its file."""

        edit(copy, "coordinators.json", lambda d: d[0].update(member="xyz"))
        edit(copy, "sponsors.json", lambda d: d[0].update(member="xyz"))

        error = refused(copy)

        assert (
            f"{copy}: 2 problems:\n"
            "  coordinators.json: coordinators[0].member: unknown member 'xyz'\n"
            "  sponsors.json: sponsors[0].member: unknown WTO Member 'xyz'"
        ) == str(error)

    def test_one_change_with_effects_in_several_files(self, copy):
        """A member renamed in one file is reported where each file still names the old one."""

        edit(copy, "members.json", lambda d: d[0].update(id="zzz"))

        error = refused(copy)

        assert str(copy) == error.file
        assert "members.json: members[0].id: unknown WTO Member 'zzz'" == error.problems[0]
        assert "declarations.json: declarations[0].signatory_members[0]: unknown member 'afg'" in error.problems

    def test_many_bad_items_stop_the_check(self, copy):
        """A list with more than MAX_PROBLEMS bad items is checked no further, and says so where."""

        (copy / "news.json").write_text("[" + ",".join(["1"] * 10_000) + "]", "utf-8")

        error = refused(copy)

        assert MAX_PROBLEMS + 1 == len(error.problems)
        assert "news[99]: invalid value for NewsItem: expected an object {...}, got int 1" == error.problems[-2]
        assert "news: stopped after 100 bad items: items 100 to 9999 were not checked" == error.problems[-1]

    def test_many_problems_are_counted(self, copy):
        """Past MAX_PROBLEMS lines, the problems of a file are counted on one line."""

        (copy / "news.json").write_text(json.dumps([{}] * 30), "utf-8")
        required = [a for a in attrs.fields(wto_msme.NewsItem) if a.default is attrs.NOTHING]

        error = refused(copy)

        assert MAX_PROBLEMS + 1 == len(error.problems)
        assert f"news: {30 * len(required) - MAX_PROBLEMS} more problems not listed" == error.problems[-1]

    def test_many_refused_values_stop_the_check(self, copy):
        """Past MAX_PROBLEMS values that are not JSON, reading stops, and says so."""

        (copy / "claims.json").write_text("[" + ",".join(["NaN"] * 1000) + "]", "utf-8")

        error = refused(copy)

        assert MAX_PROBLEMS + 1 == len(error.problems)
        assert "claims: stopped after 100 problems; the rest was not checked" == error.problems[-1]

    def test_many_unknown_fields_are_counted(self, copy):
        """A record with many unknown fields lists the first ten and counts the rest."""

        edit(copy, "news.json", lambda d: d[0].update({f"x{i:03}": 0 for i in range(25)}))

        error = refused(copy)

        assert (
            "news[0]: unknown field(s) x000, x001, x002, x003, x004, x005, x006, x007, x008, x009 and 15 more"
            " (the known fields are those of NewsItem)",
        ) == error.problems

    def test_files_missing(self, copy):
        """Missing files are each named, under the directory."""

        (copy / "sources.json").unlink()
        (copy / "news.json").unlink()

        error = refused(copy)

        assert f"{copy}: 2 problems:\n  news.json: required file missing\n  sources.json: required file missing" == (
            str(error)
        )

    def test_file_is_a_directory(self, copy):
        """A directory where a file belongs is named as such."""

        (copy / "news.json").unlink()
        (copy / "news.json").mkdir()

        assert f"{copy}: news.json: expected a regular file, found a directory" == str(refused(copy))

    def test_path_is_a_file(self, copy):
        """A file given for the dataset's directory is named as such."""

        assert f"{copy / 'news.json'}: expected a directory holding the dataset's JSON files" == str(
            refused(copy / "news.json")
        )

    def test_path_does_not_exist(self, tmp_path):
        """A path that does not exist raises FileNotFoundError naming it."""

        with pytest.raises(FileNotFoundError) as info:
            wto_msme.load(tmp_path / "nowhere")

        assert f"[Errno 2] no such directory: {str(tmp_path / 'nowhere')!r}" == str(info.value)

    @pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions that apply")
    def test_unreadable_file(self, copy):
        """A file that cannot be read raises the OSError that says why."""

        (copy / "news.json").chmod(0)

        with pytest.raises(PermissionError):
            wto_msme.load(copy)

    def test_every_message_is_tested(self):
        """Each message the loader's modules can write appears in a test above."""

        tested = " ".join(p for _, _, p in RECORD_PROBLEMS + TEXT_PROBLEMS)
        tested += f" required file missing expected a directory {CHANGED} is not a file: it is not replaced"
        tested += " the file is larger than the limit unknown WTO Member 'zzz'"
        tested += " bad items: problems not listed the rest was not checked"
        tested += " checking stopped there a symbolic link: expected a regular file, found permission denied"
        modules = ("_checks", "_io", "_convert", "_data", "_model")
        sources = "".join((SRC / f"{m}.py").read_text("utf-8") for m in modules)
        fragments = {
            # a fixed phrase of each message, as the source writes it
            "an identifier may not be blank",
            "duplicate identifier",
            "members for",
            "lies wholly before",
            "only the last term may be ongoing",
            "only the first term may have an unknown start",
            "terms must be in order and may not overlap",
            "is not from",
            "annexes must be ascending and unique",
            "belongs under",
            "appears twice",
            "is outside the dates it may carry",
            "a name may not be blank",
            "also names member",
            "give either a date (on) or bounds, not both",
            "has no field",
            "not valid UTF-8",
            "not valid JSON",
            "nested too deeply",
            "in an object",
            "is not a JSON number",
            "digits is too large",
            "holds a lone surrogate",
            "the file is larger than the limit",
            "required field missing",
            "unknown field(s)",
            "expected a list",
            "expected an object",
            "expected a date as a string",
            "is not a valid",
            "required file missing",
            "expected a directory",
            "bad items:",
            "problems not listed",
            "the rest was not checked",
            "holds the control character",
            "duplicate member",
            "is not signatory",
            "is also the code of",
            "is not of the form",
            "does not fit its",
            "after the meeting that welcomed it",
            "checking stopped there",
            "a symbolic link:",
            "expected a regular file, found",
            "permission denied",
        }

        from wto_msme._describe import references

        nouns = {getattr(wto_msme.load(), t).kind.noun for c in _model.RECORDS for _, t in references(c)}

        assert {f for f in fragments if f in sources} == {f for f in fragments if f in tested}
        assert [] == [noun for noun in nouns if f"unknown {noun} " not in tested]  # every kind of reference
        assert 22 == (SRC / "_checks.py").read_text("utf-8").count("yield (")  # a new check needs a case above


# --- Deep immutability ----------------------------------------------------------------------

_LEAVES = (str, int, bool, type(None))


def _refuses_assignment(obj: object) -> bool:
    """Tell whether assigning to any field of *obj*, or to a new attribute, raises."""
    names = [a.name for a in attrs.fields(type(obj))] if attrs.has(type(obj)) else []
    for name in (*names, "_added"):
        try:
            setattr(obj, name, None)
        except (AttributeError, TypeError):  # attrs' FrozenInstanceError is an AttributeError
            continue
        return False
    return True


def mutable_parts(root: object, *, collections: bool = False) -> list[str]:
    """
    Return the path of every object reachable from *root* that can be changed in place.

    Allowed: str, int, bool and None; enum members; tuples, and tuple subclasses whose
    instances have no ``__dict__`` and refuse new attributes; frozensets; read-only
    mappings (MappingProxyType); frozen, slotted attrs instances (PartialDate included).
    Everything else, a list, a dict, a set or a plain object, is reported. The
    collections of :mod:`wto_msme.collections` are checked for new attributes only when
    *collections* is true.
    """
    found: list[str] = []
    stack: list[tuple[object, str]] = [(root, "dataset")]
    seen: set[int] = set()
    while stack:
        obj, path = stack.pop()
        if type(obj) in _LEAVES or isinstance(obj, enum.Enum):
            continue
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, tuple):
            exempt = isinstance(obj, Records) and not collections
            # A collection keeps its indexes in a __dict__ but refuses every assignment.
            open_dict = hasattr(obj, "__dict__") and not isinstance(obj, Records)
            if type(obj) is not tuple and not exempt and (open_dict or not _refuses_assignment(obj)):
                found.append(f"{path}: {type(obj).__name__} takes new attributes")
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(obj))
        elif type(obj) is frozenset:
            stack.extend((v, f"{path}{{{v!r}}}") for v in obj)
        elif type(obj) is types.MappingProxyType:
            stack.extend((k, f"{path} key {k!r}") for k in obj)
            stack.extend((v, f"{path}[{k!r}]") for k, v in obj.items())
        elif attrs.has(type(obj)):
            if hasattr(obj, "__dict__") or not _refuses_assignment(obj):
                found.append(f"{path}: {type(obj).__name__} can be changed")
            stack.extend((getattr(obj, a.name), f"{path}.{a.name}") for a in attrs.fields(type(obj)))
        else:
            found.append(f"{path}: {type(obj).__name__} is mutable")
    return found


class TestImmutability:
    def test_bundled_dataset_is_immutable_all_the_way_down(self, ds):
        """Nothing reachable from the bundled dataset can be changed in place."""

        assert [] == mutable_parts(ds)

    def test_a_loaded_copy_is_immutable_all_the_way_down(self, copy):
        """Nothing reachable from a dataset loaded from a directory can be changed in place."""

        assert [] == mutable_parts(wto_msme.load(copy))

    @settings(max_examples=min(20, DATASET_EXAMPLES))
    @given(datasets(max_size=3))
    def test_generated_datasets_are_immutable(self, generated):
        """Nothing reachable from a generated dataset can be changed in place."""

        assert [] == mutable_parts(generated)

    def test_records_refuse_a_list(self, ds):
        """A record refuses a list where its field holds a tuple, however it is made."""

        with pytest.raises(TypeError, match=r"Presentation\.annexes: a tuple is needed, not list \[2\]"):
            attrs.evolve(ds.presentations[0], annexes=[2])

    def test_the_walk_finds_what_is_mutable(self, ds):
        """The walk reports a list, a dict and a set hidden in records, and a thawed record."""

        @attrs.define
        class Thawed:
            value: int

        p = ds.presentations[0]
        planted = attrs.evolve(
            ds,
            presentations=(_thawed(p, annexes=[2]),),
            news=({"a": 1},),  # type: ignore[arg-type]
            claims=({1},),  # type: ignore[arg-type]
            sponsors=(Thawed(1),),  # type: ignore[arg-type]
        )

        assert {
            "dataset.presentations[0].annexes: list is mutable",
            "dataset.news[0]: dict is mutable",
            "dataset.claims[0]: set is mutable",
            "dataset.sponsors[0]: Thawed can be changed",
        } == set(mutable_parts(planted))

    def test_records_refuse_assignment(self, ds):
        """Assigning to a record's field, or to an item of a collection, raises."""

        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            ds.presentations[0].title = "x"  # type: ignore[misc]
        with pytest.raises(TypeError):
            ds.presentations[0] = ds.presentations[1]  # type: ignore[index]

    def test_collections_refuse_new_attributes(self, ds):
        """No collection of the bundled dataset takes a new attribute or a replaced index."""

        assert [] == [p for p in mutable_parts(ds, collections=True) if "takes new attributes" in p]

        assert isinstance(ds.presentations, tuple)


# --- Isolation ------------------------------------------------------------------------------


def _json_of(ds: Dataset, directory: pathlib.Path) -> dict[str, bytes]:
    wto_msme.dump(ds, directory)
    return {f: (directory / f).read_bytes() for f in LAYOUT}


class TestIsolation:
    def test_failed_loads_leave_the_bundled_dataset_untouched(self, ds, copy, tmp_path):
        """After loads that fail in every way, load() returns the same object, with the same content."""

        before = _json_of(ds, tmp_path / "before")
        edit(copy, "presentations.json", lambda d: d[0].pop("title"))
        bad_text = tmp_path / "bad-text"
        shutil.copytree(DATA_DIR, bad_text)
        (bad_text / "news.json").write_bytes(b"[NaN]")
        bad_links = tmp_path / "bad-links"
        shutil.copytree(DATA_DIR, bad_links)
        edit(bad_links, "coordinators.json", lambda d: d[0].update(member="xyz"))
        for bad in (copy, bad_text, bad_links, copy / "news.json"):
            with pytest.raises(DataError):
                wto_msme.load(bad)

        assert wto_msme.load() is ds
        assert before == _json_of(wto_msme.load(), tmp_path / "after")

    def test_loading_a_changed_copy_changes_nothing_load_returns(self, ds, copy, tmp_path):
        """A corrected copy loads with its corrections, and load() still gives the bundled data."""

        before = _json_of(ds, tmp_path / "before")
        edit(copy, "presentations.json", lambda d: d[0].update(title="Corrected"))

        corrected = wto_msme.load(copy)

        assert "Corrected" == corrected.presentations[0].title
        assert wto_msme.load() is ds
        assert before == _json_of(wto_msme.load(), tmp_path / "after")
        assert ds.presentations[0].title != "Corrected"

    def test_each_load_of_a_path_is_a_new_dataset(self, copy, ds):
        """Two loads of the same directory give equal datasets, neither of them the bundled one."""

        first, second = wto_msme.load(copy), wto_msme.load(copy)

        assert first == second == ds
        assert first is not second
        assert ds is not first

    def test_concurrent_loads_of_copies_and_the_bundled_data(self, ds, copy, tmp_path):
        """Threads loading good copies, bad copies and the bundled data at once each get what they asked for."""

        bad = tmp_path / "bad"
        shutil.copytree(DATA_DIR, bad)
        edit(bad, "news.json", lambda d: d[0].pop("headline"))

        def attempt(i: int) -> object:
            target = (None, copy, bad)[i % 3]
            try:
                return wto_msme.load(target)
            except DataError as e:
                return e.problems

        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(attempt, range(24)))

        assert all(r is ds for r in results[0::3])
        assert all(r == ds and r is not ds for r in results[1::3])
        assert [("news[0].headline: required field missing",)] * 8 == results[2::3]


# --- Stability: the golden file ----------------------------------------------------------------

#: The key fields of each collection that the golden file pins (no summaries or long texts).
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "members": ("id", "name", "kind", "iso_alpha2", "iso_alpha3", "iso_numeric", "aliases", "joined"),
    "coordinators": ("id", "name", "member", "start", "end", "aliases"),
    "recommendations": ("id", "annex", "kind", "title", "short_title", "document"),
    "presentations": (
        "id",
        "meeting",
        "date",
        "institution",
        "presenter_kind",
        "category",
        "subcategory",
        "annexes",
        "title",
        "url",
    ),
    "news": ("id", "date", "stated_date", "year_basis", "year_confidence", "publisher", "headline", "url"),
    "publications": ("id", "publisher", "title"),
    "declarations": ("id", "symbol", "circulated", "title", "signatories", "signatory_members"),
    "meetings": ("id", "name", "kind", "date", "not_before", "not_after", "format", "welcomed", "documents"),
    "documents": ("id", "symbol", "date", "url", "kind", "proponents", "meetings"),
    "wto_members": (
        "id",
        "name",
        "member_since",
        "member_since_confidence",
        "eu_member_state",
        "iso_alpha2",
        "iso_alpha3",
        "iso_numeric",
    ),
    "claims": ("id", "subject", "count", "more_than", "as_of", "consistent"),
    "sponsors": ("id", "member", "endorsed", "participant_then"),
    "sources": ("id", "kind", "url"),
}
INITIATIVE_FIELDS = (
    "name",
    "group_name",
    "status",
    "open",
    "dialogue_leaders",
    "dialogue_started",
    "established",
    "establishing_document",
    "participants_claimed",
    "wto_members_claimed",
    "participation_as_of",
    "world_exports_share",
)


def _key_fields(record: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    row = converter().unstructure(record)
    out = {f: row[f] for f in fields}
    if "joined" in out:
        out["joined"] = {k: v for k, v in out["joined"].items() if k != "event"}
    if "provenance" in row:
        prov = row["provenance"]
        out["source"] = prov["source"]
        out["notes"] = [f"{n['kind']}:{n['field']}" for n in prov["notes"]]
    if "paragraphs" in row:
        out["paragraphs"] = [p["number"] for p in row["paragraphs"]]
    return out


def golden(ds: Dataset) -> dict[str, Any]:
    """The identifiers and key fields of *ds*, as JSON values."""
    return {
        "version": ds.version,
        "current_to": str(ds.current_to),
        "counts": {name: len(getattr(ds, name)) for name in KEY_FIELDS},
        "initiative": _key_fields(ds.initiative, INITIATIVE_FIELDS),
        **{name: [_key_fields(r, fields) for r in getattr(ds, name)] for name, fields in KEY_FIELDS.items()},
    }


def golden_text(value: dict[str, Any]) -> str:
    """Write the golden value with one record a line, so that a diff shows each changed record."""
    lines = ["{"]
    for i, (key, item) in enumerate(value.items()):
        comma = "," if i < len(value) - 1 else ""
        if isinstance(item, list):
            rows = ",\n".join(f"    {json.dumps(r, ensure_ascii=False)}" for r in item)
            lines.append(f'  "{key}": [\n{rows}\n  ]{comma}')
        else:
            lines.append(f'  "{key}": {json.dumps(item, ensure_ascii=False)}{comma}')
    lines.append("}")
    return "\n".join(lines) + "\n"


class TestGolden:
    def test_golden(self, ds):
        """The bundled data's identifiers and key fields are those of the golden file: data changes are deliberate."""

        actual = golden(ds)
        if os.environ.get("UPDATE_GOLDEN"):
            GOLDEN.parent.mkdir(exist_ok=True)
            GOLDEN.write_text(golden_text(actual), "utf-8")
            pytest.skip(f"rewrote {GOLDEN.name}: review the diff and record the change in CHANGELOG.md")
        expected = json.loads(GOLDEN.read_text("utf-8"))

        assert expected["version"] == actual["version"], "a data change needs a new DATA_VERSION"
        for key in expected:
            assert expected[key] == actual[key], f"{key} differs from {GOLDEN.name}"
        assert list(expected) == list(actual)

    def test_golden_file_is_written_as_the_update_writes_it(self):
        """The golden file is exactly what UPDATE_GOLDEN=1 writes: no hand edits."""

        text = GOLDEN.read_text("utf-8")

        assert golden_text(json.loads(text)) == text

    def test_golden_detects_a_change(self, ds):
        """A one-letter change to a presentation's title shows in the golden value."""

        p = ds.presentations[0]
        changed = attrs.evolve(ds, presentations=(attrs.evolve(p, title=p.title + "."), *ds.presentations[1:]))

        assert golden(ds) != golden(changed)


# --- Nothing lost: export then load -------------------------------------------------------------


class TestRoundTrip:
    def test_dump_of_a_load_is_byte_identical(self, ds, tmp_path):
        """Dumping what was loaded from a dump writes the same bytes: nothing changes on the way."""

        first = _json_of(ds, tmp_path / "first")
        again = _json_of(wto_msme.load(tmp_path / "first"), tmp_path / "second")

        assert first == again


def _thawed(record, **changes):
    """A copy of *record* with *changes* set past its checks, as a careless subclass or pickle could."""
    copy = attrs.evolve(record)
    for name, value in changes.items():
        object.__setattr__(copy, name, value)
    return copy
