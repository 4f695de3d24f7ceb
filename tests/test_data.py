"""Tests for wto_msme._data: the bundled data and the loader."""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile

import attrs
import pytest

import wto_msme
from wto_msme import DataError, PartialDate
from wto_msme._checks import check
from wto_msme._data import _load_bundled
from wto_msme._dataset import COLLECTIONS
from wto_msme._describe import field_types, title
from wto_msme.enums import Category, Confidence, MemberKind, NoteKind, YearBasis

from .conftest import DATA_DIR, SOURCES

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


# --- Loading a user's copy -----------------------------------------------------------


@pytest.fixture
def copy(tmp_path):
    """A writable copy of the bundled data."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _edit(directory, filename, change):
    path = directory / filename
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


class TestLoadPath:
    @pytest.mark.parametrize(
        ("filename", "change", "location", "fragment"),
        [
            ("presentations.json", lambda d: d[12].pop("title"), "presentations[12].title", "required field missing"),
            ("presentations.json", lambda d: d[12].update(date=20210504), "presentations[12].date", "expected a date"),
            ("presentations.json", lambda d: d[12].update(date="2021-02-30"), "presentations[12].date", "day must be"),
            ("presentations.json", lambda d: d[12].update(extra=1), "presentations[12]", "unknown field(s) extra"),
            ("presentations.json", lambda d: d[12].update(annexes=[9]), "presentations[12].annexes[0]", "not from 1"),
            (
                "presentations.json",
                lambda d: d[3].update(category="Misc"),
                "presentations[3].category",
                "not a valid Category",
            ),
            ("presentations.json", lambda d: d[4].update(id=d[0]["id"]), "presentations[4].id", "duplicate identifier"),
            (
                "presentations.json",
                lambda d: d[4].update(date="2030-01-01"),
                "presentations[4].date",
                "outside the dates it may carry",
            ),
            ("members.json", lambda d: d[0].update(aliases="Afghan"), "members[0].aliases", "expected a list"),
            (
                "coordinators.json",
                lambda d: d[1].update(member="xyz"),
                "coordinators[1].member",
                "unknown member 'xyz'",
            ),
            ("coordinators.json", lambda d: d[2].update(start="2019-01"), "coordinators[2].start", "may not overlap"),
            (
                "news.json",
                lambda d: d[0]["provenance"].update(source="nowhere"),
                "news[0].provenance.source",
                "unknown source",
            ),
        ],
    )
    def test_malformed_data_raises_data_error_naming_the_location(self, copy, filename, change, location, fragment):
        """Each kind of bad value raises DataError naming the file, the location and the problem."""

        _edit(copy, filename, change)

        with pytest.raises(DataError) as info:
            wto_msme.load(copy)

        message = str(info.value)
        assert filename in message
        assert f"{location}: " in message
        assert fragment in message
        assert isinstance(info.value, ValueError)

    def test_not_json(self, copy):
        """A file that is not JSON is named with the line and column of the error."""

        (copy / "news.json").write_text("{oops", "utf-8")

        with pytest.raises(DataError, match=r"news\.json: line 1, column 2: not valid JSON"):
            wto_msme.load(copy)


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

        import csv
        import io

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
