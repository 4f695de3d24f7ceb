"""Tests of the collections: what their queries return, how they chain and display, and a new record kind."""

from __future__ import annotations

import contextlib
import csv
import datetime
import enum
import io
import json
import sqlite3

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wto_msme
from wto_msme import Member, PartialDate, Presentation, Provenance, strategies
from wto_msme._convert import converter
from wto_msme._datapackage import csv_files
from wto_msme._describe import TITLE, weigh
from wto_msme.collections import (
    Coordinators,
    Members,
    MembersAsOf,
    Presentations,
    Records,
    WtoMembers,
)
from wto_msme.enums import Category

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

    def test_counts_are_ints(self, ds):
        """Dataset.participant_count gives an int, with or without a date, within its bounds."""

        now, then = ds.participant_count(), ds.participant_count("2023-03-13")

        assert (True, True, True) == (isinstance(now, int), isinstance(then, int), then <= then.most <= now.most)

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
