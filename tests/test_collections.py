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
from collections import Counter

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wto_msme
from wto_msme import (
    CoordinatorTerm,
    Joining,
    Member,
    MemberNotFoundError,
    PartialDate,
    Presentation,
    Provenance,
    Recommendation,
    WtoMember,
    strategies,
)
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
    Recommendations,
    Records,
    WtoMembers,
)
from wto_msme.enums import Category, MemberKind, RecommendationKind
from wto_msme.exceptions import RecordNotFoundError
from wto_msme.strategies import datasets, partial_dates, records

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
    @pytest.mark.parametrize("collection", ["presentations", "members"])
    def test_a_pickled_search_result_keeps_what_the_search_said(self, ds, collection):
        """A search result pickles with its records, its query, its scores and whether it is partial."""

        found = getattr(ds, collection).search("korea payments")

        back = pickle.loads(pickle.dumps(found))

        assert (found, found.query, found.scores, found.partial) == (back, back.query, back.scores, back.partial)

    def test_by_institution_refuses_what_is_not_a_name(self, ds):
        """by_institution(None) raises TypeError naming what it takes, not AttributeError."""

        with pytest.raises(TypeError, match="takes an institution's name as a string, not NoneType"):
            ds.presentations.by_institution(None)  # type: ignore[arg-type]

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


# --- Participants and coordinators: Members.find, Members.as_of, Coordinators.on and during -------


#: Collections of generated participants (names may clash between them).
member_tuples = st.lists(records(Member), max_size=8).map(Members)


#: Days of the group's time, from before its start to after the data's end.
days = st.dates(datetime.date(2016, 6, 1), datetime.date(2025, 12, 31))


def member(id_: str, name: str, kind: MemberKind = MemberKind.STATE, **joined: PartialDate | None) -> Member:
    """A hand-made participant."""
    return Member(id=id_, name=name, kind=kind, joined=Joining(**joined), provenance=Provenance("seed-000"))


def term(id_: str, start: str | None, end: str | None) -> CoordinatorTerm:
    """A hand-made coordinator term."""
    return CoordinatorTerm(
        id=id_,
        name=id_.title(),
        member="chl",
        start=None if start is None else PartialDate.from_iso(start),
        end=None if end is None else PartialDate.from_iso(end),
        provenance=Provenance("seed-000"),
    )


@st.composite
def term_sequences(draw: st.DrawFn, max_size: int = 5) -> Coordinators:
    """
    Draw coordinators' terms: in sequence as the loader accepts them, or overlapping.

    In sequence, each term ends on the day the next starts or in that month, the first
    may have no start and the last no end. Overlapping terms have any start and end,
    the end not before the start, within 2020 and 2021.
    """
    n = draw(st.integers(0, max_size))
    if draw(st.booleans()):
        terms = []
        for i in range(n):
            a, b = sorted(draw(st.lists(partial_dates(PartialDate(2020), PartialDate(2021)), min_size=2, max_size=2)))
            start = None if draw(st.booleans()) and i == 0 else a
            end = None if draw(st.booleans()) and i == n - 1 else b
            if start is not None and end is not None and end.last_day < start.first_day:
                start, end = end, start
            terms.append((start, end))
    else:
        span = st.dates(datetime.date(2017, 1, 1), datetime.date(2023, 6, 30))
        days = sorted(draw(st.lists(span, min_size=n, max_size=n, unique=True)))
        terms = []
        for i, day in enumerate(days):
            start = None if i == 0 and draw(st.booleans()) else PartialDate.from_date(day)
            if i + 1 < n:
                nxt = days[i + 1]
                end = draw(st.sampled_from([PartialDate.from_date(nxt), PartialDate(nxt.year, nxt.month)]))
            else:
                end = draw(st.none() | st.just(PartialDate(2023, 7, 3)))
            terms.append((start, end))
    return Coordinators(
        CoordinatorTerm(id=f"t{i}", name=f"Term {i}", member="chl", start=a, end=b, provenance=Provenance("seed-000"))
        for i, (a, b) in enumerate(terms)
    )


def covering(terms, day: datetime.date) -> CoordinatorTerm | None:
    """The coordinator on *day* by brute force: the latest-starting term whose dates cover it, the later on a tie."""
    found = [
        (i, t)
        for i, t in enumerate(terms)
        if (t.start or t.end) is not None
        and (t.start or t.end).first_day <= day
        and (t.end is None or day <= t.end.last_day)
    ]
    return max(found, key=lambda it: ((it[1].start or it[1].end).first_day, it[0]))[1] if found else None


class TestFindMember:
    """
    Members.find finds a participant by its name, an alias or a code.

    The issue: "exact name, any alias, ISO alpha-2 or alpha-3 code; case-, accent- and
    punctuation-insensitive ("turkey", "TUR", "Turkiye", "chinese taipei", "Korea",
    "EU", "European Union")".
    """

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("turkey", "tur"),
            ("Turkey", "tur"),
            ("TUR", "tur"),
            ("tr", "tur"),
            ("Turkiye", "tur"),
            ("TÜRKIYE", "tur"),
            ("chinese taipei", "twn"),
            ("Separate Customs Territory of Taiwan, Penghu, Kinmen and Matsu", "twn"),
            ("Korea", "kor"),
            ("korea republic of", "kor"),
            ("EU", "eu"),
            ("eu", "eu"),
            ("European Union", "eu"),
            ("UK", "gbr"),
            ("GB", "gbr"),
            ("  Cote d'Ivoire ", "civ"),
            ("C\u00f4te d\u2019Ivoire", "civ"),
            ("lao pdr", "lao"),
            ("United States", "usa"),
            ("us", "usa"),
            ("viet-nam", "vnm"),
        ],
    )
    def test_the_issue_s_spellings(self, ds, text, expected):
        """Names, aliases and codes are found whatever their case, accents and punctuation."""

        assert expected == ds.members.find(text).id

    def test_turkey_is_turkiye(self, ds):
        """The name "Turkey" finds the participant the data names Türkiye."""

        assert "Türkiye" == ds.members.find("Turkey").name

    def test_every_code_of_the_bundled_participants(self, ds):
        """Every bundled participant is found by each of its ISO codes, in either case."""

        for m in ds.members:
            for code in (m.iso_alpha2, m.iso_alpha3):
                if code is not None:
                    assert (m, m) == (ds.members.find(code), ds.members.find(code.lower()))

    def test_unknown_names_list_the_closest(self, ds):
        """A miss raises a LookupError whose message and candidates give the closest names."""

        with pytest.raises(MemberNotFoundError) as info:
            ds.members.find("Columbia")

        assert isinstance(info.value, LookupError)
        assert ("Colombia",) == info.value.candidates
        assert "'Colombia'" in str(info.value)

    def test_a_non_participant_is_not_found(self, ds):
        """A WTO Member that sponsored the package without taking part is not a participant."""

        with pytest.raises(MemberNotFoundError, match="Thailand"):
            ds.members.find("Thailand")

    @pytest.mark.parametrize("text", ["", "   ", "\t\n"])
    def test_blank_text_is_a_value_error(self, ds, text):
        """An empty or blank text is refused as such, not looked up."""

        with pytest.raises(ValueError, match="no letters or digits"):
            ds.members.find(text)

    def test_text_without_letters_is_a_value_error(self, ds):
        """A text that names nothing (punctuation only) is refused."""

        with pytest.raises(ValueError, match="no letters or digits"):
            ds.members.find("!?")

    @pytest.mark.parametrize("text", [42, None, ["Korea"], b"Korea"])
    def test_non_strings_are_a_type_error(self, ds, text):
        """Only strings are looked up."""

        with pytest.raises(TypeError, match="must be a str"):
            ds.members.find(text)

    def test_a_list_of_members_works_too(self, ds):
        """Members built from a list finds what the bundled collection finds."""

        assert ds.members.find("Korea") is Members(list(ds.members)).find("korea")

    @given(datasets(max_size=3))
    def test_every_name_finds_its_member(self, dataset):
        """members.find(m.name) is m, and so is the name folded, upper-cased and punctuated, for every participant."""

        for m in dataset.members:
            shouted = f" {fold(m.name).upper()}!"
            if fold(shouted) != fold(m.name):  # upper-casing is not undone by folding for every letter (the dotless i)
                shouted = f" {fold(m.name)}!"

            assert (m, m) == (dataset.members.find(m.name), dataset.members.find(shouted))

    @given(datasets(max_size=3))
    def test_every_alias_finds_exactly_one_member(self, dataset):
        """Every alias names exactly one participant, and finds it."""

        for m in dataset.members:
            for alias in m.aliases:
                owners = [o for o in dataset.members if fold(alias) in {fold(n) for n in (o.name, *o.aliases)}]

                assert [m] == owners
                assert m is dataset.members.find(alias)


class TestMembersAsOf:
    """
    Members.as_of tells the known participants from the uncertain ones.

    The issue: "the participants known to have joined on or before when; those whose
    join date is uncertain around when are reported apart, not silently dropped or
    included".
    """

    def test_13_march_2023(self, ds):
        """On the day Barbados and the United States were welcomed, only the UAE's joining is uncertain."""

        state = ds.members.as_of("2023-03-13")

        assert (70, ("are",)) == (len(state.known), tuple(m.id for m in state.uncertain))
        assert {"brb", "usa"} <= {m.id for m in state.known}

    def test_the_end_of_march_2023(self, ds):
        """As of March 2023 every participant had joined but the six that joined in 2024 and 2025."""

        later = {"cpv", "cmr", "cod", "mdv", "mus", "moz"}
        expected = MembersAsOf(known=tuple(m for m in ds.members if m.id not in later), uncertain=())

        assert expected == ds.members.as_of("2023-03")

    def test_the_gambia_and_georgia_are_uncertain_on_22_october_2021(self, ds):
        """Not on the co-sponsor list of 22 October 2021, they joined by December 2021."""

        state = ds.members.as_of("2021-10-22")

        assert (("gmb", "geo"), 64) == (tuple(m.id for m in state.uncertain), len(state.known))

    def test_the_package_adoption(self, ds):
        """On 11 December 2020 the 64 co-sponsors of the MC12 declaration are known to take part, and no one else."""

        state = ds.members.as_of("2020-12-11")
        (declaration,) = ds.declarations

        assert (set(declaration.signatory_members), ()) == ({m.id for m in state.known}, state.uncertain)
        assert 91 == ds.participant_count("2020-12-11")

    def test_later_joiners_are_in_neither_tuple(self, ds):
        """Tajikistan, welcomed on 15 July 2022, is neither known nor uncertain the day before."""

        state = ds.members.as_of("2022-07-14")

        assert "tjk" not in {m.id for m in (*state.known, *state.uncertain)}

    def test_unknown_joinings_are_always_uncertain(self):
        """A participant of which nothing is known of its joining is uncertain at every date."""

        ms = (member("aaa", "Nowhere"),)

        assert [MembersAsOf((), ms)] * 2 == [Members(ms).as_of(d) for d in ("1995", "2099-12-31")]

    def test_a_month_precise_joining_is_uncertain_within_its_month(self):
        """A joining known to the month is uncertain on its days and known as of the month."""

        ms = (member("aaa", "Monthly", on=PartialDate(2022, 2)),)

        assert [(), ms, ()] == [Members(ms).as_of(d).uncertain for d in ("2022-01-31", "2022-02-10", "2022-02")]
        assert ms == Members(ms).as_of("2022-02").known

    def test_the_result_is_frozen(self, ds):
        """The result cannot be changed."""

        state = ds.members.as_of("2023")

        with pytest.raises(AttributeError):
            state.known = ()  # type: ignore[misc]

    @given(member_tuples, days, days)
    def test_never_shrinks(self, ms, a, b):
        """As the date grows the known participants only grow, and so do the known and uncertain together."""

        early, late = Members(ms).as_of(min(a, b)), Members(ms).as_of(max(a, b))

        assert {id(m) for m in early.known} <= {id(m) for m in late.known}
        assert {id(m) for m in (*early.known, *early.uncertain)} <= {id(m) for m in (*late.known, *late.uncertain)}

    @given(member_tuples, days)
    def test_keeps_the_order_and_reports_each_once(self, ms, day):
        """Both tuples keep the order given, and no participant is in both."""

        state = Members(ms).as_of(day)

        assert [m for m in ms if any(m is k for k in state.known)] == list(state.known)
        assert [m for m in ms if any(m is u for u in state.uncertain)] == list(state.uncertain)
        assert not {id(m) for m in state.known} & {id(m) for m in state.uncertain}
        assert (Members, Members) == (type(state.known), type(state.uncertain))

    @given(member_tuples, days)
    def test_a_day_precise_joining_counts_from_its_day(self, ms, day):
        """A participant that joined on a known day is known from that day and absent before it."""

        state, before = Members(ms).as_of(day), Members(ms).as_of(day - datetime.timedelta(days=1))
        dated = [m for m in ms if m.joined.on == PartialDate.from_date(day)]

        assert all(any(m is k for k in state.known) for m in dated)
        assert not any(any(m is x for x in (*before.known, *before.uncertain)) for m in dated)

    @given(member_tuples, partial_dates())
    def test_a_period_means_its_last_day(self, ms, period):
        """As of a month or a year is as of its last day."""

        assert Members(ms).as_of(period.last_day) == Members(ms).as_of(period)


class TestCoordinatorOn:
    """
    Coordinators.on gives the term covering a date.

    facts.md §1.1: "Previously, Ambassador Jose-Luis Cancela of Uruguay coordinated the
    Group from February 2018 through April 2023. Prior to that, in the lead-up to MC11 in
    Buenos Aires through January 2018, discussions were led by Chile's Ambassador to the
    WTO, H.E. Mr Hector Casanueva." Wilson was appointed at the meeting of 26 April 2023.
    """

    def test_the_uruguayan_coordinator_in_2019(self, ds):
        """On 1 June 2019 the group was coordinated by Uruguay's ambassador, Cancela."""

        t = ds.coordinators.on("2019-06-01")

        assert ("José-Luis Cancela", "ury") == (t.name, t.member)

    @pytest.mark.parametrize(
        ("when", "expected"),
        [
            ("2017-12-13", None),  # Casanueva's start is unknown: only January 2018 is vouched for
            ("2018-01-15", "casanueva"),
            ("2018-01", "casanueva"),
            ("2018-02-01", "cancela"),
            ("2018", None),  # two coordinators that year
            ("2019", "cancela"),
            ("2023-04-25", "cancela"),
            ("2023-04-26", "wilson"),  # the later-starting term wins from its start day
            ("2023-04-30", "wilson"),
            ("2023-04", None),
            ("2023-05", "wilson"),
            ("2030-01-01", "wilson"),  # an ongoing term
        ],
    )
    def test_the_three_terms(self, ds, when, expected):
        """Each date has the coordinator the sources give it, or None where no single term covers it."""

        found = ds.coordinators.on(when)

        assert expected == (found and found.id)

    def test_an_unknown_start_covers_only_the_end_s_period(self):
        """A term with an unknown start covers its end's month and nothing before it."""

        terms = (term("first", None, "2018-01"),)

        assert [None, "first", "first"] == [
            (t and t.id) for t in (Coordinators(terms).on(d) for d in ("2017-12-31", "2018-01-01", "2018-01"))
        ]

    def test_a_term_known_by_neither_end_covers_nothing(self):
        """A term with neither start nor end cannot be placed."""

        assert (None, ()) == (
            Coordinators((term("lost", None, None),)).on("2020"),
            Coordinators((term("lost", None, None),)).during("2020"),
        )

    @given(term_sequences(), days)
    def test_at_most_one_term_covers_a_day(self, terms, day):
        """A day has at most one coordinator: the latest-starting term whose dates cover it."""

        expected = covering(terms, day)

        assert expected is terms.on(day)
        assert (() if expected is None else (expected,)) == terms.during(day, day)

    @given(term_sequences(), partial_dates(PartialDate(2019), PartialDate(2021)))
    def test_a_period_has_the_coordinator_of_all_its_days(self, terms, period):
        """A month or a year has the coordinator of every one of its days, else None."""

        n = (period.last_day - period.first_day).days + 1
        daily = [covering(terms, period.first_day + datetime.timedelta(days=k)) for k in range(n)]
        expected = daily[0] if all(t is daily[0] for t in daily) else None

        assert expected is terms.on(period)

    @given(term_sequences(), partial_dates(), partial_dates())
    def test_during_lists_every_day_s_coordinator_in_order(self, terms, a, b):
        """Coordinators.during is, in the order of the terms, the coordinators of the period's days found day by day."""

        start, end = min(a, b, key=lambda d: d.first_day), max(a, b, key=lambda d: d.last_day)
        n = (end.last_day - start.first_day).days + 1
        daily = {id(covering(terms, start.first_day + datetime.timedelta(days=k))) for k in range(n)}
        found = terms.during(start, end)

        assert tuple(t for t in terms if id(t) in daily) == found
        assert Coordinators is type(found)


class TestCoordinatorsDuring:
    def test_april_2023(self, ds):
        """April 2023 had two coordinators, Cancela to the 25th and Wilson from the 26th."""

        assert ("cancela", "wilson") == tuple(t.id for t in ds.coordinators.during("April 2023"))

    def test_the_handover_days(self, ds):
        """After Wilson's start the month-precise end of Cancela's term no longer counts."""

        assert ("wilson",) == tuple(t.id for t in ds.coordinators.during("2023-04-27", "2023-04-30"))

    def test_before_anyone(self, ds):
        """Nobody is known to have coordinated before January 2018."""

        assert () == ds.coordinators.during("2016", "2017-12")

    def test_the_whole_life(self, ds):
        """From 2017 to now every term is listed, in order."""

        assert ds.coordinators == ds.coordinators.during("2017", "2023")

    def test_an_end_before_the_start_is_refused(self, ds):
        """The period must not end before it starts."""

        with pytest.raises(ValueError, match="comes after end"):
            ds.coordinators.during("2023-05", "2023-04")


# --- Presentations and recommendations ------------------------------------------------------------


#: Collections of generated presentations, in no particular order.
presentation_lists = st.lists(records(Presentation), max_size=12).map(Presentations)


#: The same, every one dated to the day.
day_precise_lists = st.lists(
    records(Presentation).map(lambda p: attrs.evolve(p, date=PartialDate.from_date(p.date.first_day))), max_size=12
).map(Presentations)


#: Days around the group's life, as bounds.
presentation_days = st.dates(datetime.date(2016, 6, 1), datetime.date(2024, 1, 31))


class TestPresentationsBetween:
    def test_the_presentations_of_2022(self, ds):
        """The year "2022" gives the 18 presentations dated in 2022, in the order of the source."""

        expected = [p for p in ds.presentations if p.date.year == 2022]

        assert 18 == len(expected)
        assert expected == list(ds.presentations.between("2022", "2022"))

    def test_bounds_are_inclusive(self, ds):
        """Presentations given on the first or the last day are included."""

        found = ds.presentations.between("2021-02-18", "18 February 2021")

        assert ["Global Express Association", "UN/CEFACT", "Government of Canada", "OECD"] == [
            p.institution for p in found
        ]

    def test_a_month_bound_covers_the_month(self, ds):
        """A month as end reaches its last day, as start its first day."""

        expected = [p for p in ds.presentations if (p.date.year, p.date.month) == (2022, 10)]

        assert expected == list(ds.presentations.between("2022-10", "October 2022"))

    @pytest.mark.parametrize(
        ("start", "end", "included"),
        [
            ("2022-03-01", "2022-03-31", True),
            ("2022", "2022", True),
            ("2022-03-15", "2022-06-30", False),
            ("2022-01-01", "2022-03-15", False),
            ("2022-03-31", "2022-03-31", False),
        ],
    )
    def test_a_partial_date_counts_only_wholly_within(self, ds, start, end, included):
        """A presentation known only to March 2022 is in range only if all of March is."""

        vague = attrs.evolve(ds.presentations[0], date=PartialDate(2022, 3))

        assert included == (vague in Presentations([vague]).between(start, end))

    @given(presentation_lists, presentation_days, presentation_days)
    def test_results_are_wholly_within_and_nothing_in_range_is_left_out(self, given_presentations, a, b):
        """Exactly the presentations whose whole date lies within the bounds are returned."""

        start, end = min(a, b), max(a, b)

        found = given_presentations.between(start, end)

        assert [p for p in given_presentations if start <= p.date.first_day and p.date.last_day <= end] == list(found)

    @given(presentation_lists, presentation_days, presentation_days)
    def test_results_are_a_subsequence_of_the_input(self, given_presentations, a, b):
        """The result holds only presentations given, in the order given."""

        found = given_presentations.between(min(a, b), max(a, b))

        assert is_subsequence(found, given_presentations)
        assert Presentations is type(found)

    @given(day_precise_lists, st.lists(presentation_days, min_size=3, max_size=3, unique=True))
    def test_adjacent_ranges_add_up(self, given_presentations, bounds):
        """From a to b and from the day after b to c is, together, from a to c."""

        a, b, c = sorted(bounds)
        after_b = b + datetime.timedelta(days=1)

        parts = given_presentations.between(a, b) + given_presentations.between(after_b, c)

        assert Counter(given_presentations.between(a, c)) == Counter(parts)

    @given(presentation_lists, st.lists(presentation_days, min_size=3, max_size=3, unique=True))
    def test_adjacent_ranges_leave_out_only_what_straddles_them(self, given_presentations, bounds):
        """With partial dates, the two ranges miss only presentations whose date spans the day they meet."""

        a, b, c = sorted(bounds)
        after_b = b + datetime.timedelta(days=1)
        whole = given_presentations.between(a, c)

        parts = given_presentations.between(a, b) + given_presentations.between(after_b, c)

        assert Counter(p for p in whole if not p.date.first_day <= b < p.date.last_day) == Counter(parts)

    @given(presentation_lists, presentation_days, presentation_days, st.times())
    def test_date_datetime_string_and_partial_date_agree(self, given_presentations, a, b, time):
        """Equal days given as date, datetime, ISO string, free-form string or PartialDate give equal results."""

        start, end = min(a, b), max(a, b)
        forms = [
            (start, end),
            (datetime.datetime.combine(start, time), datetime.datetime.combine(end, time)),
            (start.isoformat(), end.isoformat()),
            (f"{start.day} {start:%B %Y}", f"{end:%b} {end.day}, {end.year}"),
            (PartialDate.from_date(start), PartialDate.from_date(end)),
        ]

        results = [given_presentations.between(s, e) for s, e in forms]

        assert [results[0]] * len(forms) == results

    @given(presentation_lists, st.integers(2017, 2023))
    def test_a_year_is_its_first_to_its_last_day(self, given_presentations, year):
        """The string "2022" as both bounds means 1 January to 31 December 2022."""

        expected = given_presentations.between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

        assert expected == given_presentations.between(str(year), str(year))

    def test_start_after_end_is_refused(self, ds):
        """A start after the end raises ValueError naming both."""

        with pytest.raises(ValueError, match=r"start \('2023'.*comes after end \('2022'"):
            ds.presentations.between("2023", "2022")

    def test_an_unreadable_bound_is_named(self, ds):
        """A bound that is not a date raises ValueError saying which bound."""

        with pytest.raises(ValueError, match=r"^end: cannot read 'soon'"):
            ds.presentations.between("2022", "soon")

    def test_a_bound_of_the_wrong_type_is_refused(self, ds):
        """A number is not a date."""

        with pytest.raises(TypeError, match=r"^start: expected a date"):
            ds.presentations.between(2022, "2023")  # type: ignore[arg-type]


class TestByCategory:
    def test_every_category_in_order(self, ds):
        """Every category is a key, in the order of the enum, even with no presentations."""

        groups = ds.presentations[:1].by_category()

        assert (list(Category), 1) == (list(groups), sum(map(len, groups.values())))

    def test_cyber_readiness(self, ds):
        """The Cyber-Readiness category holds its four presentations."""

        groups = ds.presentations.by_category()

        assert [
            "Government of Canada",
            "TechUK",
            "Coalition to Reduce Cyber Risk (CR2)",
            "Global Cyber Alliance",
        ] == [p.institution for p in groups[Category.CYBER_READINESS]]

    def test_read_only(self, ds):
        """The mapping cannot be changed."""

        groups = ds.presentations.by_category()

        with pytest.raises(TypeError):
            groups[Category.OTHER] = ()  # type: ignore[index]

    @given(presentation_lists)
    def test_partitions_its_input(self, given_presentations):
        """Each presentation is under its own category, exactly once, in the order given."""

        groups = given_presentations.by_category()

        assert Counter(given_presentations) == Counter(p for ps in groups.values() for p in ps)
        for category, ps in groups.items():
            assert all(p.category is category for p in ps)
            assert Presentations is type(ps)
            assert is_subsequence(ps, given_presentations)


class TestMentioningAnnex:
    def test_annex_2_is_the_global_trade_helpdesk(self, ds):
        """Annex 2 (access to information) gives the four Global Trade Helpdesk updates."""

        expected = [p for p in ds.presentations if p.title == "Global Trade Helpdesk update"]

        assert 4 == len(expected)
        assert expected == list(ds.presentations.mentioning_annex(2))

    @given(presentation_lists, st.integers(1, 6))
    def test_exactly_those_reporting_on_it(self, given_presentations, annex):
        """The result is the presentations whose annexes include it, in the order given."""

        found = given_presentations.mentioning_annex(annex)

        assert [p for p in given_presentations if annex in p.annexes] == list(found)
        assert is_subsequence(found, given_presentations)

    @pytest.mark.parametrize("annex", [0, 7, -1, "2", 2.0, True, None])
    def test_other_annexes_are_refused(self, ds, annex):
        """An annex that is not an int from 1 to 6 raises ValueError naming it."""

        with pytest.raises(ValueError, match=f"annex must be an int from 1 to 6.*not {annex!r}"):
            ds.presentations.mentioning_annex(annex)


class TestRecommendation:
    @pytest.mark.parametrize("annex", range(1, 7))
    def test_each_annex(self, ds, annex):
        """Each annex gives the package item with that number."""

        assert annex == ds.recommendations.annex(annex).annex

    def test_annex_6(self, ds):
        """Annex 6 is the declaration on access to finance and cross-border payments."""

        item = ds.recommendations.annex(6)

        assert ("annex-6", RecommendationKind.DECLARATION) == (item.id, item.kind)

    def test_a_missing_annex_is_not_found(self, ds):
        """An annex absent from the items given raises RecordNotFoundError listing those given."""

        given_items = [r for r in ds.recommendations if r.annex != 3]

        with pytest.raises(RecordNotFoundError, match=r"annex 3 among the 5 given") as info:
            Recommendations(given_items).annex(3)

        assert ("annex-1", "annex-2", "annex-4", "annex-5", "annex-6") == info.value.candidates

    @pytest.mark.parametrize("annex", [0, 7, "6", 6.0, False])
    def test_other_annexes_are_refused(self, ds, annex):
        """An annex that is not an int from 1 to 6 raises ValueError, even where items are given."""

        with pytest.raises(ValueError, match="annex must be an int from 1 to 6"):
            ds.recommendations.annex(annex)

    @given(st.lists(records(Recommendation), max_size=4).map(Recommendations), st.integers(1, 6))
    def test_found_exactly_when_given(self, items, annex):
        """The first item for an annex is found if one is given, and not found otherwise."""

        given_items = [r for r in items if r.annex == annex]

        if given_items:
            assert given_items[0] is items.annex(annex)
        else:
            with pytest.raises(RecordNotFoundError):
                items.annex(annex)


def institutions(ps: Presentations) -> list[str]:
    """The institutions of *ps*, in order."""
    return [p.institution for p in ps]


class TestByInstitution:
    @pytest.mark.parametrize("name", ["Brazil Mission to WTO", "Brazil Mission to the WTO", "brazil mission to wto"])
    def test_brazil_spellings_are_merged(self, ds, name):
        """Either spelling of Brazil's mission gives the presentations under both, in order."""

        assert ["Brazil Mission to WTO", "Brazil Mission to the WTO"] == institutions(
            ds.presentations.by_institution(name)
        )

    @pytest.mark.parametrize("name", ["ICC", "ICC-UK", "Government of Canada", "Canada Border Services Agency"])
    def test_different_institutions_stay_apart(self, ds, name):
        """ICC and ICC-UK are two institutions; so are Canada's government and its border agency."""

        found = ds.presentations.by_institution(name)

        assert [name] * len(found) == institutions(found)
        assert found

    def test_an_unknown_institution_gives_none(self, ds):
        """An institution that gave no presentation gives an empty collection."""

        assert Presentations() == ds.presentations.by_institution("Nobody at all")

    @pytest.mark.parametrize(
        ("a", "b", "same"),
        [
            ("Brazil Mission to WTO", "Brazil Mission to the WTO", True),
            ("the World Bank", "World Bank", True),
            ("C\u00f4te d\u2019Ivoire", "COTE D'IVOIRE", True),
            ("ICC", "ICC-UK", False),
            ("The", "An", False),
            ("The", "the", True),
            ("?", "!", False),
        ],
    )
    def test_the_reconciliation_rule(self, ds, a, b, same):
        """Spellings merge when equal without case, accents, punctuation and articles."""

        p = ds.presentations[0]
        ps = Presentations([attrs.evolve(p, institution=a), attrs.evolve(p, institution=b)])

        assert (2 if same else 1) == len(ps.by_institution(a))

    @given(presentation_lists)
    def test_partitions_its_input(self, given_presentations):
        """The institutions' presentations cover every presentation once, each in the order given."""

        groups = {}
        for p in given_presentations:
            found = given_presentations.by_institution(p.institution)
            groups[frozenset(map(id, found))] = found

        assert Counter(map(id, given_presentations)) == Counter(id(p) for ps in groups.values() for p in ps)
        for ps in groups.values():
            assert Presentations is type(ps)
            assert is_subsequence(ps, given_presentations)

    @given(presentation_lists)
    def test_same_spelling_same_group(self, given_presentations):
        """A presentation is among its institution's, and so is every one spelled exactly alike."""

        for p in given_presentations:
            found = {id(q) for q in given_presentations.by_institution(p.institution)}

            assert {id(q) for q in given_presentations if q.institution == p.institution} <= found
            assert id(p) in found
