"""Tests of the collections: what their queries return, how they chain and display, and a new record kind."""

from __future__ import annotations

import contextlib
import csv
import datetime
import enum
import io
import json
import pickle
import sqlite3
import subprocess
import sys

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wto_msme
from wto_msme import Member, MemberNotFoundError, PartialDate, Presentation, Provenance, WtoMember, strategies
from wto_msme._convert import converter
from wto_msme._datapackage import csv_files
from wto_msme._describe import TITLE, weigh
from wto_msme._text import fold
from wto_msme.collections import (
    Coordinators,
    Documents,
    Members,
    MembersAsOf,
    Presentations,
    Records,
    WtoMembers,
)
from wto_msme.enums import Category
from wto_msme.exceptions import RecordNotFoundError

from .conftest import is_subsequence

#: Each query of the collections and of a dataset that returns a collection, and the class it returns.
COLLECTION_QUERIES = {
    "Members.search": (lambda ds: ds.members.search("korea"), Members),
    "Members.as_of.known": (lambda ds: ds.members.as_of("2023-03-13").known, Members),
    "Members.as_of.uncertain": (lambda ds: ds.members.as_of("2023-03-13").uncertain, Members),
    "Coordinators.during": (lambda ds: ds.coordinators.during("2023-04"), Coordinators),
    "Coordinators.search": (lambda ds: ds.coordinators.search("wilson"), Coordinators),
    "Presentations.between": (lambda ds: ds.presentations.between("2022", "2022"), Presentations),
    "Presentations.on": (lambda ds: ds.presentations.on("2021-02-18"), Presentations),
    "Presentations.by_category": (
        lambda ds: ds.presentations.by_category()[Category.CYBER_READINESS],
        Presentations,
    ),
    "Presentations.mentioning_annex": (lambda ds: ds.presentations.mentioning_annex(2), Presentations),
    "Presentations.by_institution": (lambda ds: ds.presentations.by_institution("ITC"), Presentations),
    "Presentations.search": (lambda ds: ds.presentations.search("cyber"), Presentations),
    "Presentations.slice": (lambda ds: ds.presentations[:5], Presentations),
    "Recommendations.search": (lambda ds: ds.recommendations.search("finance"), wto_msme.collections.Recommendations),
    "NewsItems.between": (lambda ds: ds.news.between("2022", "2023"), wto_msme.collections.NewsItems),
    "Documents.on": (lambda ds: ds.documents.on("2020"), wto_msme.collections.Documents),
    "Dataset.non_participants": (lambda ds: ds.non_participants("2023-03-13"), WtoMembers),
    "Dataset.search": (lambda ds: ds.search("trade"), Records),
    "chained": (lambda ds: ds.presentations.between("2022", "2022").by_institution("ITC"), Presentations),
    "chained search": (
        lambda ds: ds.presentations.search("trade").between("2021", "2022").mentioning_annex(2),
        Presentations,
    ),
}


class TestQueryResults:
    @pytest.mark.parametrize("name", COLLECTION_QUERIES)
    def test_a_collection_of_its_class(self, ds, name):
        """Every query that gives records gives a collection of the class documented, never empty here."""

        query, cls = COLLECTION_QUERIES[name]
        found = query(ds)

        assert (cls, True) == (type(found), len(found) > 0)

    @pytest.mark.parametrize("name", COLLECTION_QUERIES)
    def test_displayed_as_a_table_and_a_short_repr(self, ds, name):
        """Every query's result renders as an HTML table in Jupyter and as a short repr in a terminal."""

        found = COLLECTION_QUERIES[name][0](ds)

        html = found._repr_html_()

        assert (True, True) == ("<table" in html and html.endswith("</table>"), len(repr(found)) < 200)

    def test_find_get_and_annex_give_records(self, ds):
        """find, get and annex give the record asked for; get gives None for an unknown id."""

        assert (Member, Member, None, wto_msme.Recommendation, wto_msme.WtoMember) == (
            type(ds.members.find("Korea")),
            type(ds.members.get("kor")),
            ds.presentations.get("no-such-id"),
            type(ds.recommendations.annex(3)),
            type(ds.wto_members.get("tha")),
        )

    @pytest.mark.parametrize("name", wto_msme._dataset.COLLECTIONS)
    def test_get_finds_every_record_by_its_id(self, ds, name):
        """get(id) gives each record of each bundled collection whose id is its own."""

        collection = getattr(ds, name)
        first = {}
        for r in collection:
            first.setdefault(r.id, r)

        assert list(first.values()) == [collection.get(i) for i in first]

    def test_as_of_gives_members_as_of(self, ds):
        """Members.as_of gives a MembersAsOf of two Members collections."""

        state = ds.members.as_of("2023-03")

        assert (MembersAsOf, Members, Members) == (type(state), type(state.known), type(state.uncertain))

    def test_on_gives_a_term_or_none(self, ds):
        """Coordinators.on gives the term of a day, and None for a period with two."""

        assert ("wilson", None) == (ds.coordinators.on("2023-05-01").id, ds.coordinators.on("2023-04"))

    def test_counts_are_bounded(self, ds):
        """Dataset.participant_count gives an exact count without a date, and bounds that end within it."""

        now, then = ds.participant_count(), ds.participant_count("2023-03-13")

        assert (True, True) == (int(now) == 104, then.low <= then.high <= now)

    def test_chained_queries_are_the_filters_applied_in_turn(self, ds):
        """The ITC's presentations of 2022 are the presentations of 2022 given by the ITC, in order."""

        expected = [p for p in ds.presentations if p.date.year == 2022 and p.institution == "ITC"]

        assert expected == list(ds.presentations.between("2022", "2022").by_institution("ITC"))
        assert expected == list(ds.presentations.by_institution("ITC").between("2022", "2022"))
        assert expected

    def test_search_results_keep_their_query(self, ds):
        """A collection a search returns remembers the text it looked for; others have None."""

        assert ("cyber", "trade", None) == (
            ds.presentations.search("cyber").query,
            ds.search("trade").query,
            ds.presentations.query,
        )

    def test_search_stems_words(self, ds):
        """Search compares word stems: "woman" finds what "women" finds, and "payment" what "payments" finds."""

        assert (ds.search("women"), ds.search("payments")) == (ds.search("woman"), ds.search("payment"))
        assert ds.search("woman")

    def test_a_whole_dataset_search_mixes_kinds(self, ds):
        """Searching a dataset gives records of several kinds, each from one of its collections."""

        found = ds.search("MSME")
        everything = {id(r) for name in wto_msme._dataset.COLLECTIONS for r in getattr(ds, name)}

        assert 1 < len({type(r) for r in found})
        assert all(id(r) in everything for r in found)

    def test_to_csv_counts_its_rows(self, ds):
        """to_csv on a query's result writes a header and a row per record, and returns the rows."""

        found = ds.presentations.mentioning_annex(2)
        out = io.StringIO(newline="")

        assert len(found) == found.to_csv(out)
        assert [p.id for p in found] == [r["id"] for r in csv.DictReader(io.StringIO(out.getvalue(), newline=""))]

    def test_to_csv_of_mixed_kinds(self, ds):
        """A dataset's search that finds several kinds goes to CSV as kind, id and title."""

        found = ds.search("MSME", limit=12)
        out = io.StringIO(newline="")
        found.to_csv(out)
        table = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))

        assert 1 < len({type(r) for r in found})
        assert [(type(r).__name__, r.id) for r in found] == [(r["kind"], r["id"]) for r in table]


class TestGeneratedCollections:
    @given(st.lists(strategies.records(Presentation), max_size=8).map(Presentations), st.data())
    def test_queries_give_subsequences(self, ps, data):
        """Every presentations query gives presentations given, in their order, as Presentations."""

        year = str(data.draw(st.integers(2017, 2023)))
        results = [
            ps.between(year, year),
            ps.on(year),
            ps.mentioning_annex(data.draw(st.integers(1, 6))),
            ps.search(data.draw(st.sampled_from(["trade", "a", "msme"]))),
            *ps.by_category().values(),
        ]
        if ps:
            results.append(ps.by_institution(data.draw(st.sampled_from(ps)).institution))

        for found in results:
            assert Presentations is type(found)
            assert is_subsequence(found, ps) or found.query is not None
            assert set(map(id, found)) <= set(map(id, ps))

    @given(st.lists(strategies.records(Member), max_size=8).map(Members), st.dates(), st.dates())
    def test_as_of_is_monotonic(self, ms, a, b):
        """The participants known at a date are known at every later date."""

        early, late = ms.as_of(min(a, b)), ms.as_of(max(a, b))

        assert set(map(id, early.known)) <= set(map(id, late.known))

    @given(st.lists(strategies.records(Presentation), max_size=8).map(Presentations), st.integers(0, 9))
    def test_slices_keep_the_class(self, ps, n):
        """A slice of a collection is a collection of the same class, equal to the plain tuple's slice."""

        assert (Presentations, tuple(ps)[:n]) == (type(ps[:n]), ps[:n])


def sequential_terms(n: int) -> Coordinators:
    """*n* terms, each of two days, the next starting on the day the last ends, from 2000 on."""
    base = datetime.date(2000, 1, 1)
    return Coordinators(
        wto_msme.CoordinatorTerm(
            id=f"t{i}",
            name=f"Term {i}",
            member="chl",
            start=PartialDate.from_date(base + datetime.timedelta(days=2 * i)),
            end=PartialDate.from_date(base + datetime.timedelta(days=2 * i + 2)),
            provenance=Provenance("seed-000"),
        )
        for i in range(n)
    )


def test_many_sequential_terms():
    """Among 4,000 terms in sequence, a period gives exactly the terms of its days and a day its term."""

    terms = sequential_terms(4000)
    base = datetime.date(2000, 1, 1)

    assert list(terms) == list(terms.during(base, base + datetime.timedelta(days=8000)))
    # Days 1000 to 1999: term 500 starts on day 1000; term 999 runs from day 1998 to day 2000,
    # where term 1000 takes over.
    during = terms.during(base + datetime.timedelta(days=1000), base + datetime.timedelta(days=1999))
    assert [f"t{i}" for i in range(500, 1000)] == [t.id for t in during]
    assert ("t1234", "t1234") == (
        terms.on(base + datetime.timedelta(days=2468)).id,
        terms.on(base + datetime.timedelta(days=2469)).id,
    )


# --- A record kind the library does not know ---------------------------------------------------


class Colour(enum.Enum):
    """A colour."""

    RED = "red"
    BLUE = "blue"


@attrs.frozen
class Thing:
    """A record kind declared outside the library."""

    id: str
    """Its identifier."""

    title: str = attrs.field(metadata=weigh(TITLE))
    """What it is called."""

    date: PartialDate = attrs.field()
    """When it was made."""

    colour: Colour = attrs.field()
    """Its colour."""

    provenance: Provenance = attrs.field()
    """Where it is known from."""


class Things(Records[Thing]):
    """A collection of things."""

    kind = Thing


THINGS = Things(
    [
        Thing("kettle", "Blue enamel kettle", PartialDate(2021, 5), Colour.BLUE, Provenance("seed-000")),
        Thing("teapot", "Red teapot", PartialDate(2022, 1, 3), Colour.RED, Provenance("seed-003", locator="p. 2")),
    ]
)


@attrs.frozen(repr=False)
class ThingDataset(wto_msme.Dataset):
    """A dataset with a collection of a new kind."""

    things: Things = attrs.field(converter=Things)
    """The things."""


def with_things(ds):
    """*ds* with the things as one more collection."""
    return ThingDataset(**{f.name: getattr(ds, f.name) for f in attrs.fields(wto_msme.Dataset)}, things=THINGS)


class TestNewRecordKind:
    def test_json_round_trip(self):
        """The library's converter writes a new kind to JSON values and reads them back equal."""

        conv = converter()
        data = conv.unstructure(THINGS[1])

        assert ("2022-01-03", "red") == (data["date"], data["colour"])
        assert THINGS[1] == conv.structure(data, Thing)
        assert list(THINGS) == conv.structure(conv.unstructure(list(THINGS), unstructure_as=list[Thing]), list[Thing])

    def test_csv(self):
        """to_csv writes a new kind's fields, its date with its precision, its enum by value."""

        out = io.StringIO(newline="")
        rows = THINGS.to_csv(out)
        table = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))

        assert 2 == rows
        assert [("kettle", "Blue enamel kettle", "2021-05-01", "month", "blue", "seed-000")] == [
            (r["id"], r["title"], r["date"], r["date_precision"], r["colour"], r["source"]) for r in table[:1]
        ]

    def test_display(self):
        """A new kind's collection shows its titles in its table and names its kind in its repr."""

        assert "Red teapot" in THINGS._repr_html_()
        assert "<2 Thing records: Blue enamel kettle, Red teapot>" == repr(THINGS)

    def test_search(self):
        """A new kind is searched by its title field."""

        found = THINGS.search("teapot")

        assert (Things, ["teapot"]) == (type(found), [t.id for t in found])

    def test_dated_queries_need_a_date_collection(self):
        """A new kind's collection gives records by id."""

        assert THINGS[0] is THINGS.get("kettle")

    def test_sqlite(self, ds, tmp_path):
        """A new kind's collection is a table of the database, keyed, linked to its sources and searched."""

        with contextlib.closing(sqlite3.connect(with_things(ds).to_sqlite(tmp_path / "things.db"))) as db:
            rows = db.execute("SELECT id, title, date, date_precision, colour, source FROM things").fetchall()
            keys = [r[1] for r in db.execute("PRAGMA table_info(things)") if r[5]]
            links = [(r[3], r[2]) for r in db.execute("PRAGMA foreign_key_list(things)")]
            found = db.execute("SELECT collection, id FROM search WHERE search MATCH 'teapot'").fetchall()

        assert ("kettle", "Blue enamel kettle", "2021-05-01", "month", "blue", "seed-000") == rows[0]
        assert (2, ["id"], [("source", "sources")]) == (len(rows), keys, links)
        assert [("things", "teapot")] == found

    def test_data_package(self, ds):
        """A new kind's collection is a file of the CSV export and a resource of its descriptor, keyed and linked."""

        files = csv_files(with_things(ds))
        resource = json.loads(files["datapackage.json"])["resources"][-1]
        header = files["things.csv"].decode("utf-8").split("\n")[0]

        assert ("things", "things.csv", ["id"]) == (
            resource["name"],
            resource["path"],
            resource["schema"]["primaryKey"],
        )
        assert header.split(",") == [f["name"] for f in resource["schema"]["fields"]]
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        assert ("date", "string", ["red", "blue"]) == (
            fields["date"]["type"],
            fields["colour"]["type"],
            fields["colour"]["constraints"]["enum"],
        )
        assert fields["date"]["description"].startswith("When it was made. Its first day;")
        assert [{"fields": ["source"], "reference": {"resource": "sources", "fields": ["id"]}}] == resource["schema"][
            "foreignKeys"
        ]

    @given(strategies.records(Thing))
    def test_strategy(self, thing):
        """The strategies draw instances of a new kind from its fields' types."""

        assert (Thing, Colour, PartialDate) == (type(thing), type(thing.colour), type(thing.date))


# --- Finding records by name or symbol --------------------------------------------------------

#: The names the issue asks for, and the WTO Member each names.
EVERYDAY_NAMES = [
    ("South Korea", "kor"),
    ("Laos", "lao"),
    ("UAE", "are"),
    ("Ivory Coast", "civ"),
    ("Taiwan", "twn"),
    ("Burma", "mmr"),
    ("Corée du Sud", "kor"),
    ("Estados Unidos", "usa"),
    ("Royaume-Uni", "gbr"),
    ("coree du sud", "kor"),
    ("Hong Kong", "hkg"),
    ("DRC", "cod"),
    ("EU", "eu"),
    ("Unión Europea", "eu"),
    ("UK", "gbr"),
]


def owners(records, text):
    """The records whose name or alias folds as *text* does."""
    return [r for r in records if fold(text) in {fold(n) for n in (r.name, *r.aliases)}]


class TestFindWtoMember:
    """
    WtoMembers.find and Members.find resolve the names people type.

    The issue: "Every WTO Member resolves by its WTO name, ISO codes, and the common
    English, French and Spanish names and variants people type [...] a name that could
    mean two Members is refused, not guessed."
    """

    @pytest.mark.parametrize(("text", "expected"), EVERYDAY_NAMES)
    def test_everyday_names_find_the_wto_member(self, ds, text, expected):
        """Common names in English, French and Spanish, and abbreviations, find the WTO Member."""

        assert expected == ds.wto_members.find(text).id

    @pytest.mark.parametrize(("text", "expected"), EVERYDAY_NAMES)
    def test_everyday_names_find_the_participant(self, ds, text, expected):
        """A participant answers to the same names as its WTO Member record."""

        assert expected == ds.members.find(text).id

    def test_every_wto_member_by_each_name_and_code(self, ds):
        """Every bundled WTO Member is found by its name, each alias and each ISO code, in any case."""

        for w in ds.wto_members:
            for text in (w.name, *w.aliases, w.iso_alpha2, w.iso_alpha3):
                if text is not None:
                    assert (w, w) == (ds.wto_members.find(text), ds.wto_members.find(text.swapcase()))

    def test_every_participant_by_its_wto_member_s_names(self, ds):
        """Every participant is found by each name of its WTO Member record."""

        for m in ds.members:
            w = ds.wto_members.get(m.id)
            for text in (w.name, *w.aliases):
                assert m is ds.members.find(text)

    def test_no_bundled_name_means_two_members(self, ds):
        """No bundled name or alias is shared by two WTO Members."""

        shared = {n for w in ds.wto_members for n in (w.name, *w.aliases) if len(owners(ds.wto_members, n)) > 1}

        assert set() == shared

    def test_hand_added_aliases_carry_a_note(self, ds):
        """An alias that is neither the CLDR's nor a participant's carries a note on the aliases field."""

        for w in ds.wto_members:
            noted = [n for n in w.provenance.notes if n.field == "aliases"]
            for n in noted:
                assert any(repr(a) in n.text for a in w.aliases)
        assert {"are", "cod", "civ"} <= {
            w.id for w in ds.wto_members if any(n.field == "aliases" for n in w.provenance.notes)
        }

    def test_a_name_two_members_share_is_refused(self, ds):
        """A name two WTO Members have is refused, naming both, by WtoMembers and Members alike."""

        kor, jpn = ds.wto_members.find("KOR"), ds.wto_members.find("JPN")
        shared = WtoMembers([kor, attrs.evolve(jpn, aliases=("South Korea",))])

        for collection in (shared, Members(ds.members, wto_members=shared)):
            with pytest.raises(MemberNotFoundError, match="could mean") as info:
                collection.find("south korea ")
            assert ("Korea, Republic of", "Japan") == info.value.candidates

    @given(st.lists(strategies.records(WtoMember), max_size=4))
    def test_generated_names_find_their_member_or_are_refused(self, drawn):
        """Each name finds the one Member that has it; a name several have is refused, naming them."""

        wto = WtoMembers(drawn)

        for w in wto:
            for text in (w.name, *w.aliases):
                if fold(text):
                    mine = owners(wto, text)
                    if len(mine) == 1:
                        assert w is wto.find(text)
                    else:
                        with pytest.raises(MemberNotFoundError, match="could mean"):
                            wto.find(text)

    def test_an_eu_member_state_takes_part_through_the_eu(self, ds):
        """Every EU member state asked of the participants is said to take part through the European Union."""

        for w in ds.wto_members:
            if w.eu_member_state:
                with pytest.raises(MemberNotFoundError, match="takes part through the European Union") as info:
                    ds.members.find(w.name)
                assert ("European Union",) == info.value.candidates

    def test_a_non_participant_does_not_take_part(self, ds):
        """Every WTO Member known not to take part is named as such, by its name or a CLDR name."""

        for w in ds.non_participants():
            if not w.eu_member_state:
                for text in (w.name, *w.aliases[:1]):
                    with pytest.raises(MemberNotFoundError, match="a WTO Member that does not take part") as info:
                        ds.members.find(text)
                    assert w.name in str(info.value)

    def test_india_and_germany(self, ds):
        """The issue's two examples, word for word."""

        with pytest.raises(LookupError) as india:
            ds.members.find("India")
        with pytest.raises(LookupError) as germany:
            ds.members.find("Germany")

        assert "India is a WTO Member that does not take part in the group" == str(india.value)
        assert str(germany.value).startswith("Germany takes part through the European Union")

    def test_a_part_of_the_participants_does_not_claim_the_rest_do_not_take_part(self, ds):
        """A participant missing from a part of the participants is "not among these", never said not to take part."""

        early = ds.members.as_of("2019").known

        with pytest.raises(MemberNotFoundError, match="not among these participants"):
            early.find("Cameroon")
        for m in early:
            for alias in ds.wto_members.get(m.id).aliases:
                assert m is early.find(alias)

    def test_uae_suggests_the_united_arab_emirates_first(self, ds):
        """Without the alias "UAE", the candidates still put the United Arab Emirates first (its initials)."""

        bare = WtoMembers(attrs.evolve(w, aliases=()) for w in ds.wto_members)

        for collection, text in ((bare, "UAE"), (ds.members, "U.A.E."), (ds.members, "Emirates")):
            with pytest.raises(MemberNotFoundError) as info:
                collection.find(text)
            assert "United Arab Emirates" == info.value.candidates[0]

    def test_a_pickled_dataset_s_members_keep_their_wto_members(self, ds):
        """The participants of an unpickled dataset still answer to their WTO Members' names."""

        members = pickle.loads(pickle.dumps(ds.members))

        assert (ds.members, True, "kor") == (members, members.all_participants, members.find("South Korea").id)


class TestFindMany:
    """find_many maps many names at once, missing where one does not resolve."""

    def test_a_list_gives_a_list_with_missing(self, ds):
        """Names that resolve give records; unknown, refused, None and NaN names give missing."""

        found = ds.members.find_many(["Kenya", "Atlantis", "India", None, float("nan"), "UAE"], missing="?")

        assert ["ken", "?", "?", "?", "?", "are"] == [getattr(r, "id", r) for r in found]

    def test_wto_members_too(self, ds):
        """WtoMembers.find_many maps names to WTO Members, None by default."""

        assert [ds.wto_members.get("ind"), None] == ds.wto_members.find_many(["Inde", "Atlantis"])

    def test_a_non_string_is_refused(self, ds):
        """A name that is neither a string nor missing is an error, not a miss."""

        with pytest.raises(TypeError, match="must be a str"):
            ds.members.find_many(["Kenya", 42])

    def test_a_series_gives_a_series_on_its_index(self, ds):
        """A pandas Series of names gives a Series of records on the same index, with the same name."""

        pd = pytest.importorskip("pandas")
        names = pd.Series(["Kenya", None, "South Korea"], index=[7, 3, 5], name="country")

        found = ds.members.find_many(names)

        assert ([7, 3, 5], "country") == (list(found.index), found.name)
        assert ["ken", None, "kor"] == [None if r is None else r.id for r in found]

    def test_pandas_is_imported_only_for_a_series(self):
        """Mapping a list of names never imports pandas."""

        code = "import sys, wto_msme; wto_msme.load().members.find_many(['Kenya']); print('pandas' in sys.modules)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

        assert "False" == out.stdout.strip()


class TestFindDocument:
    """
    Documents.find finds a document by its symbol.

    The issue: "by any of a document's symbols, ignoring case and spacing; a joint symbol
    answers to each part".
    """

    def test_every_document_by_its_symbol_in_any_case_and_spacing(self, ds):
        """Every bundled document is found by its symbol, lower-cased, spaced out, and by its id."""

        for d in ds.documents:
            symbols = () if d.symbol is None else (d.symbol, d.symbol.lower(), " / ".join(d.symbol.split("/")))
            for text in (*symbols, d.id):
                assert d is ds.documents.find(text)

    def test_a_joint_symbol_answers_to_each_part(self, ds):
        """Each symbol of a joint document finds it."""

        joint = [d for d in ds.documents if "-INF/" in (d.symbol or "")]

        assert joint
        for d in joint:
            for part in d.symbol.split("-"):
                assert d is ds.documents.find(part)

    def test_a_miss_lists_the_symbols_it_begins(self, ds):
        """A symbol without its revision suggests its revisions first."""

        with pytest.raises(RecordNotFoundError, match="no document has the symbol") as info:
            ds.documents.find("INF/MSME/W/6")

        assert ("INF/MSME/W/6/Rev.1", "INF/MSME/W/6/Rev.3") == info.value.candidates[:2]

    def test_a_symbol_two_documents_share_is_refused(self, ds):
        """Two documents with one symbol are both named, neither chosen."""

        first = ds.documents[0]
        twice = Documents([first, attrs.evolve(first, id="copy")])

        with pytest.raises(RecordNotFoundError, match="is the symbol of") as info:
            twice.find(first.symbol)
        assert 2 == len(info.value.candidates)

    @pytest.mark.parametrize(("text", "error"), [("", ValueError), (" / ", ValueError), (None, TypeError)])
    def test_bad_text(self, ds, text, error):
        """A text without letters or digits, or not a string, is refused as such."""

        with pytest.raises(error):
            ds.documents.find(text)


# --- Date ranges: between(start, end, uncertain=...) and on(day) on every dated collection -----------

#: Each dated collection, with its record kind.
DATED = [
    (wto_msme.collections.Meetings, wto_msme.Meeting),
    (wto_msme.collections.Documents, wto_msme.Document),
    (wto_msme.collections.NewsItems, wto_msme.NewsItem),
    (Presentations, Presentation),
    (Coordinators, wto_msme.CoordinatorTerm),
]


@st.composite
def dated_collections(draw):
    """A dated collection of generated records."""
    collection, kind = draw(st.sampled_from(DATED))
    return collection(draw(st.lists(strategies.records(kind), max_size=6)))


#: Two ordered days of the group's life, as a period.
periods = st.lists(st.dates(datetime.date(2016, 1, 1), datetime.date(2026, 12, 31)), min_size=2, max_size=2).map(sorted)


class TestDateRanges:
    """
    One rule for the records in a period, on every dated collection.

    The issue: "between(start, end) and on(day) return the records whose date certainly lies
    in the period, those with bounded dates included when their bounds lie wholly inside;
    between(start, end, uncertain=True) adds those that may fall inside."
    """

    def test_bounded_meetings_of_2024_are_in_2024(self, ds):
        """The three meetings known only between two days of 2024 are among 2024's, the first after MC13 included."""

        bounded = [m.id for m in ds.meetings.between("2024", "2025") if m.date is None]

        assert ["2024-mc13-joint-event", "2024-mc13-women-and-trade-event", "2024-post-mc13-meeting"] == bounded

    def test_uncertain_adds_those_that_may_be_inside(self, ds):
        """A meeting held some day from April 2023 to June 2024 may be in 2024, and is added only if asked."""

        certain, maybe = ds.meetings.between("2024", "2024"), ds.meetings.between("2024", "2024", uncertain=True)

        assert ["2023-first-msme-spotlight-meeting"] == [m.id for m in maybe if m not in certain]

    def test_a_month_is_not_on_a_day(self, ds):
        """A document dated to the year is in that year, not on a day of it, unless uncertain."""

        doc = next(d for d in ds.documents if d.date is not None and d.date.month is None)
        day = doc.date.first_day

        assert (True, False, True) == (
            doc in ds.documents.on(str(doc.date)),
            doc in ds.documents.on(day),
            doc in ds.documents.between(day, day, uncertain=True),
        )

    @given(dated_collections(), periods)
    def test_certain_within_uncertain_within_all(self, records, period):
        """For any dated records, the certain ones are among those that may be, in order, as the same collection."""

        certain = records.between(*period)
        maybe = records.between(*period, uncertain=True)

        assert (type(records), type(records)) == (type(certain), type(maybe))
        assert is_subsequence(certain, maybe)
        assert is_subsequence(maybe, records)

    @given(dated_collections(), periods, periods)
    def test_a_wider_period_keeps_every_record(self, records, inner, outer):
        """For any dated records, what lies (or may lie) in a period lies (or may lie) in any period around it."""

        wide = (min(inner[0], outer[0]), max(inner[1], outer[1]))

        for uncertain in (False, True):
            assert is_subsequence(
                records.between(*inner, uncertain=uncertain), records.between(*wide, uncertain=uncertain)
            )

    @given(st.lists(strategies.records(wto_msme.Meeting), max_size=6), periods)
    def test_a_meeting_by_its_possible_days(self, meetings, period):
        """A meeting is in a period when every day it may have been held is, and may be when one is."""

        first, last = period
        found = wto_msme.collections.Meetings(meetings).between(first, last)
        maybe = wto_msme.collections.Meetings(meetings).between(first, last, uncertain=True)

        for m in meetings:
            lows = [d.first_day for d in (m.date, m.not_before) if d is not None]
            highs = [d.last_day for d in (m.date, m.not_after) if d is not None]
            earliest, latest = max(lows, default=None), min(highs, default=None)
            inside = earliest is not None and latest is not None and first <= earliest and latest <= last
            possible = (latest is None or first <= latest) and (earliest is None or earliest <= last)
            assert (inside, inside or possible) == (m in found, m in maybe)

    def test_an_ongoing_term_is_never_certainly_inside(self, ds):
        """A coordinator's term is in a period when it began and ended in it; the current one never is."""

        assert (["cancela"], []) == (
            [t.id for t in ds.coordinators.between("2018", "2023")],
            [t.id for t in ds.coordinators.between("2023", "2100")],
        )
