"""Tests of the participants' and coordinators' queries: Members, Coordinators and Dataset."""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import wto_msme
from wto_msme import CoordinatorTerm, Joining, Member, MemberNotFoundError, PartialDate, Provenance
from wto_msme._dates import parse_when
from wto_msme._text import fold
from wto_msme.collections import Coordinators, DateLike, Members, MembersAsOf
from wto_msme.enums import ClaimSubject, Confidence, MemberKind
from wto_msme.strategies import datasets, partial_dates, records

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
