"""Tests for wto_msme._dataset: the queries of Dataset, the participant count and participation among them."""

from __future__ import annotations

import datetime
import itertools
import pickle

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import wto_msme
from wto_msme import (
    CountClaim,
    Joining,
    Member,
    Note,
    PartialDate,
    Provenance,
    strategies,
)
from wto_msme._dataset import COLLECTIONS
from wto_msme._dates import parse_when
from wto_msme._describe import references
from wto_msme.collections import (
    DateLike,
    LocatedNote,
    Members,
    Notes,
    Participation,
    Records,
)
from wto_msme.enums import ClaimSubject, MemberKind
from wto_msme.exceptions import RecordNotFoundError
from wto_msme.strategies import datasets, records

from .conftest import DATASET_EXAMPLES


def _records(ds):
    """The initiative, then every record of every collection."""
    return [ds.initiative, *(r for name in COLLECTIONS for r in getattr(ds, name))]


def _links(ds):
    """Every (record, record it refers to) of *ds*, read from the references the model declares."""
    for r in _records(ds):
        for field, collection in references(type(r)):
            value = getattr(r, field)
            for ref in (value,) if isinstance(value, str) else value:
                yield r, getattr(ds, collection).get(ref)


class TestRelated:
    """
    Dataset.related follows the links between records both ways.

    The issue: "ds.related(record): every record that refers to it and that it refers to
    (through the references the model declares), as a collection".
    """

    def test_a_participant(self, ds):
        """Uruguay is a WTO Member, the Member of a coordinator's term, and signed the declaration."""

        found = ds.related(ds.members.get("ury"))

        assert (Records, ["ury", "cancela", "mc12-msme-declaration"]) == (type(found), [r.id for r in found])

    def test_a_term_refers_to_its_member(self, ds):
        """A coordinator's term refers to the Member the coordinator represented, and nothing refers to it."""

        assert [ds.members.get("ury")] == list(ds.related(ds.coordinators.get("cancela")))

    def test_the_initiative(self, ds):
        """The initiative refers to the Members that led the dialogue and to its establishing document."""

        ini = ds.initiative
        expected = [*(ds.members.get(i) for i in ini.dialogue_leaders), ds.documents.get(ini.establishing_document)]

        assert expected == list(ds.related(ini))

    def test_each_record_once(self, ds):
        """A record linked to another through several fields comes once."""

        for record in _records(ds):
            found = ds.related(record)
            assert len(found) == len({id(r) for r in found})

    @settings(max_examples=DATASET_EXAMPLES)
    @given(datasets(max_size=3))
    def test_exactly_the_linked_records(self, ds):
        """For any dataset, a record's related records are those it refers to and those that refer to it."""

        linked: dict[int, set[int]] = {id(r): set() for r in _records(ds)}
        for record, target in _links(ds):
            linked[id(record)].add(id(target))
            linked.setdefault(id(target), set()).add(id(record))

        assert linked == {id(r): {id(o) for o in ds.related(r)} for r in _records(ds)}

    def test_refuses_what_is_not_a_record(self, ds):
        """A value that is no record of the dataset's kinds is refused with a TypeError."""

        with pytest.raises(TypeError, match="record must be a record of the dataset"):
            ds.related("ury")

    def test_refuses_a_record_the_dataset_does_not_hold(self, ds):
        """A record whose id the dataset does not hold is refused, not answered with nothing."""

        stranger = attrs.evolve(ds.members.get("ury"), id="zzz")

        with pytest.raises(RecordNotFoundError, match="no Member with id 'zzz'"):
            ds.related(stranger)


class TestBelongingToTheDataset:
    def test_results_across_collections_belong_to_the_dataset(self, ds):
        """Notes, a search of every collection and related records name what their ids point to, through ds."""

        results = (ds.notes(), ds.search("kenya"), ds.related(ds.members.get("ury")))

        assert [True, True, True] == [r.dataset is ds for r in results]

    def test_a_note_names_its_evidence_by_title(self, ds):
        """A note's evidence shows as its source's title in the notes' table."""

        note = next(n for n in ds.notes() if n.evidence)

        assert ds.sources.get(note.evidence[0]).title[:30] in ds.notes()._repr_html_()


class TestNotes:
    """
    Dataset.notes gathers every note in one collection.

    The issue: "notes must be gathered by walking twelve collections plus the initiative
    (a hand loop finds 218 of the 225)".
    """

    def test_every_note(self, ds):
        """The bundled dataset's notes are every Note anywhere in it, 7 of them the initiative's."""

        notes = ds.notes()

        assert (Notes, _count_notes(ds), 7) == (
            type(notes),
            len(notes),
            sum(n.record_kind == "Initiative" for n in notes),
        )

    @settings(max_examples=DATASET_EXAMPLES)
    @given(datasets(max_size=3))
    def test_each_note_on_its_record(self, ds):
        """For any dataset, the notes are those of each record's provenance, in order, with the record named."""

        expected = [
            (type(r).__name__, getattr(r, "id", None), attrs.astuple(n, recurse=False))
            for r in _records(ds)
            for n in getattr(r, "provenance", wto_msme.Provenance("none")).notes  # a source has no provenance
        ]

        assert expected == [(n.record_kind, n.record_id, attrs.astuple(n, recurse=False)[2:]) for n in ds.notes()]

    def test_a_located_note_has_every_field_of_a_note(self):
        """The fields of a located note are the record's kind and id, then the note's own."""

        assert ["record_kind", "record_id", *(f.name for f in attrs.fields(Note))] == [
            f.name for f in attrs.fields(LocatedNote)
        ]

    def test_of_kind(self, ds):
        """Filtering by kind keeps the notes of that kind, in order, the kind given as a member or a value."""

        notes = ds.notes()
        flags = [n for n in notes if n.kind is wto_msme.enums.NoteKind.FLAG]

        assert (flags, flags) == (list(notes.of_kind("flag")), list(notes.of_kind(wto_msme.enums.NoteKind.FLAG)))

    def test_of_kind_refuses_an_unknown_kind(self, ds):
        """An unknown kind is refused, naming the kinds there are."""

        with pytest.raises(ValueError, match="kinds must be NoteKind members or their values"):
            ds.notes().of_kind("remark")

    def test_frozen(self, ds):
        """A located note cannot be changed."""

        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            ds.notes()[0].text = ""  # type: ignore[misc]

    def test_to_pandas(self, ds):
        """The notes go to pandas with a column per field."""

        pytest.importorskip("pandas")
        df = ds.notes().to_pandas()

        assert (_count_notes(ds), ["record_kind", "record_id", "kind", "text"]) == (len(df), list(df.columns)[:4])


def _count_notes(value):
    """How many Note records *value* holds, found by walking every attrs record and tuple in it."""
    if isinstance(value, Note):
        return 1
    if isinstance(value, tuple):
        return sum(_count_notes(v) for v in value)
    if attrs.has(type(value)):
        return sum(_count_notes(getattr(value, f.name)) for f in attrs.fields(type(value)))
    return 0


def test_dataset_repr_is_short(ds):
    """A dataset's repr gives counts, not the whole data."""

    text = repr(ds)

    assert text.startswith("Dataset(version=")
    assert f"presentations={len(ds.presentations)}" in text
    assert len(text) < 400


# --- Dataset.participant_count and Dataset.non_participants count as the WTO does -----------------


#: Collections of generated participants (names may clash between them).
member_tuples = st.lists(records(Member), max_size=8).map(Members)


#: The bundled dataset, whose participants the helpers below replace.
BUNDLED = wto_msme.load()


#: Days of the group's time, from before its start to after the data's end.
days = st.dates(datetime.date(2016, 6, 1), datetime.date(2025, 12, 31))


#: The last day the United Kingdom was an EU member state.
BREXIT = datetime.date(2020, 1, 31)


def eu_weight(day: datetime.date) -> int:
    """The EU and its member states on *day* (from July 2013): 28 states until Brexit, 27 since."""
    return 1 + (28 if day <= BREXIT else 27)


def wto_weight(m: Member, day: datetime.date) -> int:
    """How many WTO Members a participant stands for on *day*, by the rule participant_count documents."""
    if m.kind is MemberKind.EUROPEAN_UNION:
        return eu_weight(day)
    if m.id == "gbr" and day <= BREXIT:
        return 0
    return 1


def participant_count(ms, as_of: DateLike | None = None) -> int:
    """The participants known to have joined, in the bundled dataset with *ms* as its participants and no claims."""
    return attrs.evolve(BUNDLED, members=ms, claims=()).participant_count(as_of).low


def non_participants(ms, as_of: DateLike | None = None):
    """The non-participants of the bundled dataset with *ms* as its participants."""
    return attrs.evolve(BUNDLED, members=ms).non_participants(as_of)


def count_range(ms, as_of: DateLike) -> tuple[int, int]:
    """The fewest and the most participants the member-level data allows as of a date."""
    day = parse_when(as_of).last_day
    state = Members(ms).as_of(as_of)
    low = sum(wto_weight(m, day) for m in state.known)
    return low, low + sum(wto_weight(m, day) for m in state.uncertain)


def member(id_: str, name: str, kind: MemberKind = MemberKind.STATE, **joined: PartialDate | None) -> Member:
    """A hand-made participant."""
    return Member(id=id_, name=name, kind=kind, joined=Joining(**joined), provenance=Provenance("seed-000"))


def the_day_in_every_form(day: datetime.date) -> list[DateLike]:
    """The same day as a date, a datetime, a PartialDate and three strings."""
    return [
        day,
        datetime.datetime(day.year, day.month, day.day, 15, 30),
        PartialDate.from_date(day),
        day.isoformat(),
        f"{day.day} {day:%B %Y}",
        f"{day:%b} {day.day}, {day.year}",
    ]


class TestParticipantCount:
    """
    Dataset.participant_count counts as the WTO does.

    The issue: "counts as the WTO counts, the EU plus each of its member states at that
    date; ds.participant_count() is 98". facts.md §1.2: "At MC11 the EU had 28
    member states including the UK. After Brexit (31 Jan 2020) the UK is listed
    separately, so the total did not change."
    """

    def test_104_participants(self, ds):
        """The 77 listed participants are 104 WTO Members: the European Union, its 27 member states and 76 others."""

        assert (77, 104) == (len(ds.members), ds.participant_count())

    @pytest.mark.parametrize(
        ("as_of", "expected"),
        [
            ("2020-12-11", 91),  # the package adopted, Ukraine joining that day
            ("2023-12-31", 98),  # nobody joined from April to December 2023
            ("2024-07-01", 103),  # + Cabo Verde, the DR Congo, Maldives, Mauritius and Mozambique
            ("2024", 103),  # Cameroon joined in 2025
            ("2025", 104),  # + Cameroon
        ],
    )
    def test_the_counts_since_the_package(self, ds, as_of, expected):
        """The counts at the package's adoption, at the end of 2023, in July 2024 and since follow the joinings."""

        assert expected == ds.participant_count(as_of)

    @pytest.mark.parametrize(
        ("as_of", "expected"),
        [
            ("2021-10-22", 91),  # the 64 co-sponsors of the final draft MC12 declaration
            ("2021-12", 93),  # + The Gambia and Georgia
            ("2022-02-08", 94),  # + Macao, China
            ("2022-07-15", 95),  # + Tajikistan
            ("2023-03-13", 97),  # + Barbados and the United States
            ("March 2023", 98),  # + the United Arab Emirates, as of the end of March
        ],
    )
    def test_the_running_count(self, ds, as_of, expected):
        """The counts of the participants known to have joined follow the running count of facts.md §1.2."""

        assert expected == ds.participant_count(as_of).low

    def test_the_eu_counts_28_before_brexit_and_27_after(self):
        """The EU stands for itself and its 28, then 27, member states."""

        eu = member("eu", "European Union", MemberKind.EUROPEAN_UNION, on=PartialDate(2017, 12, 13))

        assert [29, 29, 28] == [participant_count((eu,), d) for d in ("2017-12-13", "2020-01-31", "2020-02-01")]

    def test_the_uk_is_never_counted_twice(self):
        """Before Brexit the UK is one of the EU's 28; after it, it counts on its own: the total stays."""

        eu = member("eu", "European Union", MemberKind.EUROPEAN_UNION, on=PartialDate(2017, 12, 13))
        uk = member("gbr", "United Kingdom", on=PartialDate(2017, 12, 13))

        dates = ("2019-06-01", "2020-01-31", "2020-02-01", "2020-06-01")

        assert [29, 29, 29, 29] == [participant_count((eu, uk), d) for d in dates]
        assert [0, 0, 1, 1] == [participant_count((uk,), d) for d in dates]

    def test_enlargements_before_the_group(self):
        """The EU's member states are counted as they were at the date, back to the WTO's founding."""

        eu = member("eu", "European Union", MemberKind.EUROPEAN_UNION, on=PartialDate(1995, 1, 1))
        dates = ("1995-01-01", "2004-05-01", "2007-01-01", "2013-06-30", "2013-07-01")

        assert [16, 26, 28, 28, 29] == [participant_count((eu,), d) for d in dates]

    def test_uncertain_joinings_are_not_counted(self, ds):
        """The United Arab Emirates, which may have joined by 13 March 2023, is not counted then."""

        uae = ds.members.find("ARE")

        assert ds.participant_count("2023-03-13").low == participant_count(
            tuple(m for m in ds.members if m is not uae), "2023-03-13"
        )

    @given(member_tuples, days)
    def test_agrees_with_members_as_of(self, ms, day):
        """The count is the known participants of Members.as_of, each weighted by the EU rule."""

        assume(day >= datetime.date(2013, 7, 1))

        assert sum(wto_weight(m, day) for m in Members(ms).as_of(day).known) == participant_count(ms, day)

    @given(member_tuples)
    def test_without_a_date_every_participant_counts(self, ms):
        """Without a date every participant given counts, the EU with its 27 member states."""

        assert sum(28 if m.kind is MemberKind.EUROPEAN_UNION else 1 for m in ms) == participant_count(ms)


class TestDateForms:
    """The issue: "the helpers accept every date form and give the same answer for equal dates"."""

    @pytest.mark.parametrize("when", the_day_in_every_form(datetime.date(2023, 3, 13)))
    def test_13_march_2023_in_every_form(self, ds, when):
        """Every form of 13 March 2023 gives that day's answers."""

        assert (97, "cancela", 66) == (
            ds.participant_count(when).low,
            ds.coordinators.on(when).id,
            len(ds.non_participants(when)),
        )

    @pytest.mark.parametrize("when", ["2023-03", "March 2023", "Mar 2023", PartialDate(2023, 3)])
    def test_march_2023_in_every_form(self, ds, when):
        """Every form of March 2023 means the whole month."""

        assert (98, "cancela", ("cancela",)) == (
            ds.participant_count(when),
            ds.coordinators.on(when).id,
            tuple(t.id for t in ds.coordinators.during(when)),
        )

    @given(datasets(max_size=3), days)
    def test_equal_days_give_equal_answers(self, dataset, day):
        """A day as a date, a datetime, a PartialDate or a string gives the same answers."""

        answers = {
            (
                dataset.members.as_of(when),
                dataset.participant_count(when),
                dataset.coordinators.on(when),
                dataset.coordinators.during(when, when),
                dataset.non_participants(when),
            )
            for when in the_day_in_every_form(day)
        }

        assert 1 == len(answers)

    @pytest.mark.parametrize(
        "call",
        [
            lambda ds: ds.members.as_of("not a date"),
            lambda ds: ds.participant_count("not a date"),
            lambda ds: ds.coordinators.on("not a date"),
            lambda ds: ds.coordinators.during("not a date"),
            lambda ds: ds.non_participants("not a date"),
        ],
    )
    def test_an_unreadable_string_is_named(self, ds, call):
        """A string that is not a date raises ValueError naming it."""

        with pytest.raises(ValueError, match="'not a date'"):
            call(ds)

    def test_other_types_are_a_type_error(self, ds):
        """A number is not a date."""

        with pytest.raises(TypeError, match="as_of"):
            ds.participant_count(2023)  # type: ignore[arg-type]


class TestNonParticipants:
    """
    Dataset.non_participants lists the WTO Members known not to take part.

    facts.md §1.2: "The WTO counts 'the European Union and its 27 Member States' as 28
    members"; "Mauritius, Kuwait and Thailand endorsed it without participating then".
    """

    def test_now(self, ds):
        """166 WTO Members less 104 participants, as the WTO counts them, leave 62, Mauritius no longer among them."""

        outside = {w.id for w in ds.non_participants()}
        inside = {m.id for m in ds.members} | {w.id for w in ds.wto_members if w.eu_member_state}

        assert (62, {"kwt", "tha", "com", "tls"}, False) == (
            len(outside),
            outside & {"kwt", "tha", "com", "tls"},
            "mus" in outside,
        )
        assert set() == outside & inside

    def test_13_march_2023(self, ds):
        """Comoros and Timor-Leste were not WTO Members yet, and the UAE's participation is uncertain."""

        outside = {w.id for w in ds.non_participants("2023-03-13")}

        assert (66, set()) == (len(outside), outside & {"com", "tls", "are"})

    def test_after_the_accessions_of_2024(self, ds):
        """From 30 August 2024 the WTO's two newest Members are outside the group too."""

        outside = {w.id for w in ds.non_participants("2024-09-01")}

        assert {"com", "tls"} <= outside

    def test_eu_member_states_are_outside_without_the_eu(self, ds):
        """Without the EU among the participants, the EU and its 27 member states are outside."""

        without_eu = tuple(m for m in ds.members if m.id != "eu")

        assert 62 + 28 == len(non_participants(without_eu))

    def test_the_uk_took_part_through_the_eu_before_brexit(self, ds):
        """On 1 June 2019 the UK was an EU member state, taking part through the EU."""

        eu = member("eu", "European Union", MemberKind.EUROPEAN_UNION, on=PartialDate(2017, 12, 13))

        assert "gbr" not in {w.id for w in non_participants((eu,), "2019-06-01")}
        assert "gbr" in {w.id for w in non_participants((eu,), "2020-06-01")}

    @given(datasets(max_size=3), days)
    def test_every_wto_member_is_placed_once(self, dataset, day):
        """A WTO Member of the time is a participant, uncertain, inside the EU, or a non-participant."""

        state = dataset.members.as_of(day)
        known, uncertain = {m.id for m in state.known}, {m.id for m in state.uncertain}
        eu = any(m.kind is MemberKind.EUROPEAN_UNION for m in (*state.known, *state.uncertain))
        outside = {w.id for w in dataset.non_participants(day)}
        for w in dataset.wto_members:
            in_eu = w.eu_member_state or (w.id == "gbr" and day <= BREXIT)
            expected = w.member_since.last_day <= day and w.id not in known | uncertain and not (eu and in_eu)

            assert expected == (w.id in outside)


def claim_verdict(ds: wto_msme.Dataset, claim: wto_msme.CountClaim) -> bool | None:
    """
    Tell what the member-level data says of a claim.

    True if it fixes the count at the claim's date and the claim gives it, False if the
    claim lies outside the counts it allows, None if it allows the claim without fixing
    the count.
    """
    assert claim.as_of is not None
    low, high = count_range(ds.members, claim.as_of)
    if claim.subject is ClaimSubject.PACKAGE_SPONSORS:
        # Every participant sponsored the package, with the non-participants that endorsed it by then.
        endorsers = sum(
            1 for s in ds.sponsors if not s.participant_then and s.endorsed.last_day <= claim.as_of.last_day
        )
        low, high = low + endorsers, high + endorsers
    if claim.more_than:  # "over 90": a bound, which any count above it meets
        return False if high <= claim.count else True if low > claim.count else None
    if not low <= claim.count <= high:
        return False
    return True if low == high else None


class TestClaims:
    """
    The count claims agree with the member-level data as their flags say.

    The issue: "Participant-count claims as dated claims with their source (87 at MC11,
    88 by 30 January 2018, 89, 91 in December 2020, 93, 94 in February 2022, the news
    item's "94" of July 2022 that should be 95, 97 in March 2023, 98 "as of March
    2023"), each marked as consistent or not with the member-level data."
    """

    def test_the_issue_s_claims(self, ds):
        """Every count the issue lists is a participants claim, at its date."""

        claims = {(c.count, str(c.as_of)) for c in ds.claims if c.subject is ClaimSubject.PARTICIPANTS}

        assert {
            (87, "2017-12-13"),
            (88, "2018-01-30"),
            (89, "2019"),
            (91, "2020-12-11"),
            (93, "2021-12"),
            (94, "2022-02-08"),
            (94, "2022-07-15"),
            (97, "2023-03-13"),
            (98, "2023-03"),
        } <= claims

    @pytest.mark.parametrize("claim", wto_msme.load().claims, ids=lambda c: c.id)
    def test_each_flag_agrees_with_the_member_data(self, ds, claim):
        """A claim the member data settles is flagged as it says; one it allows is flagged consistent or unknown."""

        verdict = None if claim.as_of is None else claim_verdict(ds, claim)
        allowed = {None} if claim.as_of is None else {True, None} if verdict is None else {verdict}

        assert claim.consistent in allowed

    def test_the_settled_claims(self, ds):
        """The member data settles "over 90" (May 2020), the counts of December 2020, February 2021 and after."""

        verdicts = {c.id: claim_verdict(ds, c) for c in ds.claims if c.as_of is not None}
        settled = {claim: verdict for claim, verdict in verdicts.items() if verdict is not None}
        expected = {
            "2020-05-08-over-90": False,  # more than 90: the data allows 90 at most before Ukraine joined
            "2020-12-11-91": True,
            "2021-02-18-94-package-sponsors": True,
            "2021-12-93": True,
            "2022-02-08-94": True,
            "2022-07-15-94": False,  # the news item's "94": the data gives 95
            "2023-03-98": True,
            "2024-07-01-103": True,
            "2024-103": True,
            "2025-104": True,
        }

        assert expected == settled
        assert expected == {c.id: c.consistent for c in ds.claims if c.id in expected}

    def test_the_sponsors_are_kept_apart(self, ds):
        """A sponsor endorsing the package without taking part was no participant then; only Mauritius is one now."""

        for s in ds.sponsors:
            state = ds.members.as_of(s.endorsed)

            assert not s.participant_then
            assert s.member not in {m.id for m in (*state.known, *state.uncertain)}
            assert s.member in {w.id for w in ds.non_participants(s.endorsed)}

        assert {"mus"} == {s.member for s in ds.sponsors} & {m.id for m in ds.members}
        assert PartialDate(2024, 3, 2) == ds.members.get("mus").joined.not_before


# --- Dataset.participant_count: a number only where it is one; Dataset.participation --------------


#: Participants drawn from the model's strategies, ids unique.
members = st.lists(strategies.records(wto_msme.Member), max_size=6).map(lambda ms: list({m.id: m for m in ms}.values()))


#: Days from before MC11 to the data's end.
days_of_the_data = st.dates(datetime.date(2017, 1, 1), datetime.date(2025, 12, 8))


def claim(count: int, as_of: PartialDate, *, consistent: bool | None = True, id: str | None = None) -> CountClaim:
    """A participants' claim of *count* as of *as_of*."""
    return CountClaim(
        id=id or f"{as_of}-{count}",
        subject=ClaimSubject.PARTICIPANTS,
        count=count,
        as_of=as_of,
        wording=f"{count} members",
        consistent=consistent,
        provenance=Provenance("seed-000"),
    )


#: The claims of 2018 to 2020 as the sources give them: 88 on 30 January 2018, 89 in 2019,
#: 90 just before Ukraine joined on 11 December 2020 (dated here to the day before, or the month).
BEFORE_UKRAINE = [PartialDate(2020, 12, 10), PartialDate(2020, 11), PartialDate(2020, 12)]


class TestParticipantCountRange:
    """
    What the count says, and when it is a number.

    The issue: "On 2019-12-31 the answer is 89 as the WTO counted it in 2019, between 88 and 90."
    """

    def test_exact_where_the_data_knows(self, ds):
        """Since the package the data knows every joining at these dates: the count is a plain number."""

        counts = [ds.participant_count(d) for d in ("2020-12-11", "2023-12-31", "2024-07-01")]

        assert ([91, 98, 103], [True] * 3, ["91", "98", "103"]) == (
            [int(c) for c in counts],
            [c.exact for c in counts],
            [repr(c) for c in counts],
        )

    def test_2019_is_the_sources_count_within_the_bounds_of_the_others(self, ds):
        """In 2019 the sources counted 89; the 88 of January 2018 and the data's 90 bound the count."""

        count = ds.participant_count("2019")

        assert (88, 90, False, "2019-89") == (count.low, count.high, count.exact, count.claimed.id)
        assert "<between 88 and 90 participants on 2019-12-31; the sources counted 89 in 2019>" == repr(count)

    @pytest.mark.parametrize("as_of", BEFORE_UKRAINE)
    def test_2019_with_the_count_before_ukraine(self, ds, as_of):
        """The 90 counted just before Ukraine joined leaves 2019 between 88 and 90, and is the claim of its day."""

        added = attrs.evolve(ds, claims=[*ds.claims, claim(90, as_of)])
        then, before = added.participant_count("2019"), added.participant_count(as_of.last_day)

        assert (88, 90, "2019-89", 90) == (then.low, then.high, then.claimed.id, before.claimed.count)

    def test_a_claim_bounds_the_days_outside_its_period(self, ds):
        """A count is a floor after its period and a ceiling before it, not within it."""

        alone = attrs.evolve(ds, claims=[claim(50, PartialDate(2019))])

        assert [(1, 50), (1, 90), (50, 90)] == [
            (c.low, c.high) for c in map(alone.participant_count, ("2018-12-31", "2019-12-31", "2020-01-01"))
        ]

    def test_a_range_is_never_a_number(self, ds):
        """int(), arithmetic, comparisons and formats of a range raise ValueError naming the range."""

        count = ds.participant_count("2019")
        uses = [int, float, bool, lambda c: c + 1, lambda c: 1 + c, lambda c: c - 1, lambda c: c * 2]
        uses += [lambda c: c / 2, lambda c: c < 90, lambda c: f"{c:d}", range, lambda c: -c]

        for use in uses:
            with pytest.raises(ValueError, match="between 88 and 90"):
                use(count)
        assert (False, "between 88 and 90") == (count == 88, str(count))

    def test_an_exact_count_is_an_int_in_every_use(self, ds):
        """An exact count compares, converts, computes, formats and hashes as its int."""

        count = ds.participant_count()

        assert (True, 104, 105, 103, 208, 52.0, True, "104", 104, hash(104), 0) == (
            count == 104,
            int(count),
            count + 1,
            count - 1,
            2 * count,
            count / 2,
            count > 100,
            f"{count:d}",
            len(range(count)),
            hash(count),
            104 - count,
        )

    def test_frozen(self, ds):
        """A count cannot be changed."""

        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            ds.participant_count("2019").high = 0  # type: ignore[misc]

    @pytest.mark.parametrize(
        ("as_of", "expected"),
        [
            ("2023-12-31", None),  # never 2024's count
            ("2023-03-13", "2023-03-13-97"),  # the day's claim over the month's
            ("2023-03", "2023-03-98"),
            ("2024", "2024-103"),
            ("2030", None),
        ],
    )
    def test_a_claim_only_for_its_own_period(self, ds, as_of, expected):
        """The claim is that of the day, or of the period holding it, the most precise; never a neighbour's."""

        found = ds.participant_count(as_of).claimed

        assert expected == (found and found.id)

    def test_after_the_data_ends(self, ds):
        """Without a date or after current_to the data's end answers, every participant counted, and says so."""

        now, later = ds.participant_count(), ds.participant_count("2030")

        assert (104, 104, True, "2025-104") == (now, later, later.exact, now.claimed.id)
        assert "data stands at its end, 2025-12-08" in repr(now)
        assert "<104 participants on 2030-12-31, as the data stands at its end, 2025-12-08" in repr(later)

    def test_a_bounded_joining_at_the_end(self, ds):
        """On the data's last day it knows only that Cameroon joined during 2025."""

        count = ds.participant_count("2025-12-08")

        assert (103, 104, None) == (count.low, count.high, count.data_ends)

    def test_a_possible_departure_is_said(self, ds):
        """The 94 of July 2022, below the 95 the data knows, is named until the count of March 2023 agrees."""

        said = [ds.participant_count(d).assumption for d in ("2022-07-14", "2022-07-15", "2022-12-31", "2023-03-13")]

        assert [False, True, True, False] == ["(2022-07-15-94)" in a for a in said]
        assert "which a departure would explain" in repr(ds.participant_count("2022-12-31"))

    def test_pickles(self, ds):
        """A count pickles with its bounds and its claim."""

        count = ds.participant_count("2019")

        assert attrs.astuple(count, recurse=False) == attrs.astuple(pickle.loads(pickle.dumps(count)), recurse=False)

    @given(members, days_of_the_data)
    def test_claims_narrow_within_the_member_level_bounds(self, ms, day):
        """For any participants, the claims only narrow the member-level bounds, and low never exceeds high."""

        ds = attrs.evolve(wto_msme.load(), members=ms)
        with_claims, without = ds.participant_count(day), attrs.evolve(ds, claims=()).participant_count(day)

        assert without.low <= with_claims.low <= with_claims.high <= without.high

    @given(members, st.lists(st.tuples(strategies.partial_dates(), st.integers(0, 400)), max_size=5), days_of_the_data)
    def test_true_claims_keep_the_true_count_within_the_bounds(self, ms, drawn, day):
        """Where participants join on the last day they may and the claims count them so, the bounds hold that count."""

        assume(all(m.kind is not MemberKind.EUROPEAN_UNION and m.id != "gbr" for m in ms))
        ds = attrs.evolve(wto_msme.load(), members=ms, claims=())

        def truth(d: datetime.date) -> int:
            return ds.participant_count(d).low  # each participant joins on the last day it may

        claims = []
        for i, (period, offset) in enumerate(drawn):  # a count of some day of the period
            length = (period.last_day - period.first_day).days + 1
            counted = period.first_day + datetime.timedelta(days=offset % length)
            claims.append(claim(truth(counted), period, id=f"c{i}"))
        count = attrs.evolve(ds, claims=claims).participant_count(day)

        assert count.low <= truth(day) <= count.high
        assert count.claimed is None or count.claimed.as_of.contains(day)


class TestParticipation:
    def test_the_story(self, ds):
        """The steps start at MC11, reach 104 at most, and carry every dated participants' claim that is a count."""

        steps = ds.participation()
        claims = {c.id for c in ds.claims if c.subject.value == "participants" and c.as_of and not c.more_than}

        assert (Participation, "2017-12-13", 104, claims) == (
            type(steps),
            str(steps[0].date),
            max(s.most for s in steps),
            {s.claim for s in steps if s.claim},
        )

    def test_2019_is_a_narrow_band(self, ds):
        """Over 2019 the band is the 88 to 90 of the claims and the data, and the sources' 89 is the claim."""

        steps = [s for s in ds.participation() if s.date.first_day.year == 2019]

        assert [(88, 90, 89)] == [(s.known, s.most, s.claimed) for s in steps]

    def test_known_never_exceeds_most_and_both_grow(self, ds):
        """At every step known <= most, neither falls from one step to the next, and each step changes something."""

        steps = ds.participation()

        assert (True, True, True, True) == (
            all(s.known <= s.most for s in steps),
            all(a.known <= b.known for a, b in itertools.pairwise(steps)),
            all(a.most <= b.most for a, b in itertools.pairwise(steps)),
            all((a.known, a.most, a.claim) != (b.known, b.most, b.claim) for a, b in itertools.pairwise(steps)),
        )

    def test_to_pandas(self, ds):
        """The steps go to pandas with a column per field."""

        pytest.importorskip("pandas")
        df = ds.participation().to_pandas()

        assert ["date", "date_precision", "known", "most", "claimed", "claim"] == list(df.columns)

    @given(members, st.lists(strategies.records(CountClaim), max_size=4), days_of_the_data)
    def test_each_step_holds_until_the_next(self, ms, claims, day):
        """For any participants and claims, the step in force on a day gives what participant_count gives."""

        ds = attrs.evolve(wto_msme.load(), members=ms, claims=claims)
        steps = ds.participation()
        step = next((s for s in reversed(steps) if s.date.first_day <= day), None)
        count = ds.participant_count(day)

        assume(step is not None)
        assert (step.known, step.most, step.claim) == (count.low, count.high, count.claimed and count.claimed.id)
