"""Tests for wto_msme._search: Records.search and Dataset.search, and how well they find what a reader asks."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import wto_msme
from wto_msme import Member, NewsItem, Presentation, Publication, _describe
from wto_msme import _search as module
from wto_msme._dataset import COLLECTIONS
from wto_msme._text import stems, words
from wto_msme.collections import Presentations, Records
from wto_msme.enums import Category, Subcategory
from wto_msme.strategies import records

#: Collections of generated records of several classes, mixed.
record_lists = st.lists(
    records(Presentation) | records(NewsItem) | records(Publication) | records(Member), max_size=10
).map(Records)

#: Collections of generated presentations.
presentation_lists = st.lists(records(Presentation), min_size=1, max_size=10).map(Presentations)

#: Text that is not blank: anything, or words in the Latin alphabet.
queries = st.text(min_size=1).filter(str.strip) | st.from_regex(r"[A-Za-z]{1,8}( [A-Za-z]{1,8}){0,2}", fullmatch=True)

#: Short texts from a few words, so that records match each other's titles in part.
few_words = st.lists(st.sampled_from(["cyber", "security", "trade", "MSME"]), min_size=1, max_size=3).map(" ".join)

#: Presentations whose title, institution and summary are made of those few words.
look_alike_lists = st.lists(
    st.builds(
        lambda p, title, institution, summary: attrs.evolve(p, title=title, institution=institution, summary=summary),
        records(Presentation),
        few_words,
        few_words,
        few_words,
    ),
    min_size=1,
    max_size=8,
).map(Presentations)


#: The record classes a dataset holds, and the initiative and the paragraphs of declarations.
SEARCHED = [
    *(_describe.field_types(wto_msme.Dataset)[name].kind for name in COLLECTIONS),
    wto_msme.Initiative,
    wto_msme.DeclarationParagraph,
]


#: The judged queries: what a reader types, the record that must come first (or None),
#: and every record a reader would expect, hand-judged from the bundled data, as "Kind:id".
JUDGED: list[tuple[str, str | None, set[str]]] = [
    ("INF/MSME/W/58", "Document:inf-msme-w-58-inf-tge-com-11", {"Document:inf-msme-w-58-inf-tge-com-11"}),
    ("INF/TGE/COM/11", "Document:inf-msme-w-58-inf-tge-com-11", {"Document:inf-msme-w-58-inf-tge-com-11"}),
    (
        "Annex 3",
        "Recommendation:annex-3",
        {"Recommendation:annex-3", "Presentation:2021-05-04-brazil-policy-options-to-support-rural-msmes"},
    ),
    (
        "MC12 declaration",
        "Declaration:mc12-msme-declaration",
        {
            "Declaration:mc12-msme-declaration",
            "Document:wt-min-21-1",
            "NewsItem:2021-06-24-working-group-reviews-draft-declaration",
            "NewsItem:2021-07-26-working-group-close-to-finalizing-declaration",
            "Meeting:2021-06-24-meeting",
            "Meeting:2021-07-26-meeting",
            "Meeting:2021-09-24-meeting",
        },
    ),
    (
        "small business champions",
        None,
        {
            "Meeting:2022-09-26-awards",
            "Meeting:2023-06-27-msme-day",
            "Meeting:2024-06-27-msme-day",
            "Meeting:2024-07-01-meeting",
            "Meeting:2025-06-27-msme-day",
            "NewsItem:2023-06-27-working-group-announces-small-business-champions",
            "Source:S-TEXTILE",
            "Source:S-SBN-2025",
            "Source:S-BIASHARA-SBC25",
            "Source:S-TTP-27JUN25",
            "Source:S-ITC-SBC24",
            "Source:S-ITC-SBC22",
        },
    ),
    *(
        (
            spelling,
            None,
            {
                "NewsItem:2023-07-03-msmes-group-discusses-digitalization",
                "Meeting:2023-07-03-meeting",
                "Meeting:2024-12-10-meeting",
                "Meeting:2024-post-mc13-meeting",
                "Meeting:2023-04-26-meeting",
                "Meeting:2025-06-27-msme-day",
                "Document:inf-msme-w-52",
                "Document:inf-tge-w-10-rev-2",
                "Source:S-SBN-2025",
                "Presentation:2021-06-24-icc-uk-creating-a-modern-digital-trade-ecosystem",
                "Presentation:2022-07-15-ioeit-united-kingdom-kenya-trade-logistics-information-pipeline-tlip",
                "Presentation:2022-10-13-iota-united-kingdom-kenya-trade-logistics-information-pipeline-tlip",
            },
        )
        for spelling in ("digitalisation", "digitalization")
    ),
    (
        "e-commerce",
        None,
        {
            "Presentation:2021-05-04-dlocal-current-state-of-e-commerce-and-payments",
            "Presentation:2021-05-04-australia-australias-experience-on-goods-and-service-tax-gst",
            "Presentation:2021-02-18-un-cefact-promoting-integration-of-msmes-in-international-trade",
            "Presentation:2021-07-26-eif-vanuatu-asycuda-cds-communication-platform-project",
            "Presentation:2021-09-24-brazil-global-trade-hub-for-internationalization-of-brazilian-msmes",
            "Meeting:2023-04-26-meeting",
            "NewsItem:2020-12-18-coordinators-cite-substantial-progress",
            "NewsItem:2017-12-13-new-initiatives-e-commerce-investment-msmes",
            "Source:S-WTO-MC11",
            "Source:S-DEVDISC",
        },
    ),
    (
        "cross-border payments",
        None,
        {
            "Presentation:2021-05-04-dlocal-current-state-of-e-commerce-and-payments",
            "Presentation:2022-10-13-wef-cross-border-payments-for-msmes-post-covid",
            "Presentation:2022-10-13-iadb-payments-to-advance-growth-for-all",
            "Presentation:2022-10-13-visa-inclusive-trade-and-cross-border-payments",
            "Recommendation:annex-6",
        },
    ),
    (
        "cyber",
        None,
        {
            "Presentation:2021-02-18-canada-canadian-sme-cybersecurity-initiatives-programs",
            "Presentation:2021-05-04-techuk-strengthening-msme-cyber-security",
            "Presentation:2021-09-24-cr2-importance-of-cybersecurity-for-digital-trade",
            "Presentation:2022-04-07-gca-cybersecurity-toolkit-for-small-business",
            "Meeting:2021-02-18-meeting",
            "Meeting:2021-05-04-meeting",
            "Meeting:2021-09-24-meeting",
            "Meeting:2022-04-07-meeting",
        },
    ),
    (
        "Global Trade Helpdesk",
        None,
        {
            "Presentation:2021-09-24-itc-global-trade-helpdesk-update",
            "Presentation:2022-02-08-itc-global-trade-helpdesk-update",
            "Presentation:2022-04-07-itc-global-trade-helpdesk-update",
            "Presentation:2023-03-13-itc-global-trade-helpdesk-update",
            "Recommendation:annex-2",
            "Meeting:2024-post-mc13-meeting",
            "Meeting:2024-07-01-meeting",
            "Meeting:2024-10-18-meeting",
        },
    ),
    *(
        (
            word,
            None,
            {
                "Meeting:2023-07-03-meeting",
                "Meeting:2023-09-28-joint-workshop",
                "Meeting:2023-10-09-meeting",
                "Meeting:2024-mc13-women-and-trade-event",
                "Meeting:2024-post-mc13-meeting",
                "Meeting:2024-10-18-meeting",
                "NewsItem:2023-07-03-msmes-group-discusses-digitalization",
                "Document:inf-msme-w-46-rev-3",
                "Document:inf-msme-w-58-inf-tge-com-11",
                "Document:inf-tge-w-10-rev-2",
            },
        )
        for word in ("women", "woman")
    ),
    (
        "Trade4MSMEs",
        None,
        {
            "Meeting:2021-11-08-meeting",
            "Meeting:2021-12-02-trade4msmes-launch",
            "Meeting:2022-02-08-meeting",
            "Meeting:2022-06-08-trade4msmes-network-launch",
            "Meeting:2023-06-27-msme-day",
            "Meeting:2024-post-mc13-meeting",
            "NewsItem:2023-06-27-working-group-announces-small-business-champions",
            "NewsItem:2022-06-08-working-group-launches-trade4msmes-network",
            "NewsItem:2022-02-08-working-group-welcomes-three-more-members",
            "NewsItem:2021-12-02-working-group-launches-trade4msmes-platform",
            "NewsItem:2021-11-08-working-group-discusses-preparations-for-mc12",
            "Declaration:mc12-msme-declaration",
            "Source:S-MEDIUM",
            "Source:S-T4M",
        },
    ),
    (
        "low-value shipments",
        None,
        {
            "Presentation:2021-02-18-gea-a-proposal-to-simplify-duty-and-tax-collection",
            "Presentation:2021-05-04-australia-australias-experience-on-goods-and-service-tax-gst",
            "Presentation:2021-09-24-cbsa-canadas-low-value-shipments-policy-regarding-the-application",
            "Presentation:2022-10-12-gea-low-value-shipment-duty-tax-collection",
            "Meeting:2021-02-18-meeting",
            "Meeting:2021-05-04-meeting",
            "Meeting:2021-09-24-meeting",
            "Meeting:2022-10-12-meeting",
            "Document:inf-msme-p-2",
            "Document:inf-msme-p-3",
        },
    ),
    (
        "intellectual property",
        None,
        {
            "Presentation:2021-07-26-wipo-tools-on-intellectual-property-for-smes",
            "Presentation:2021-11-08-wipo-ip-tools-and-support-for-msmes",
            "Meeting:2021-07-26-meeting",
            "Meeting:2021-11-08-meeting",
            "Document:inf-msme-r-27",
            "NewsItem:2021-07-26-working-group-close-to-finalizing-declaration",
        },
    ),
    (
        "Matthew Wilson",
        "CoordinatorTerm:wilson",
        {
            "CoordinatorTerm:wilson",
            "Meeting:2023-04-26-meeting",
            "Meeting:2024-06-27-msme-day",
            "Meeting:2025-10-03-meeting",
            "Meeting:2025-11-13-aeo-report-launch",
            "Document:inf-msme-w-64-rev-1",
            "Source:S-GISBB",
        },
    ),
    (
        "Cancela",
        "CoordinatorTerm:cancela",
        {
            "CoordinatorTerm:cancela",
            "Meeting:2022-06-12-mc12-report-launch",
            "Meeting:2022-09-26-awards",
            "NewsItem:2022-06-12-working-group-highlights-progress",
        },
    ),
    ("Turkey", "Member:tur", {"Member:tur", "WtoMember:tur"}),
    ("Korea", None, {"Member:kor", "WtoMember:kor"}),
    ("Cote d'Ivoire", None, {"Member:civ", "WtoMember:civ"}),
    ("Ukraine", None, {"Member:ukr", "WtoMember:ukr", "CountClaim:2020-12-11-91"}),
    (
        "Kenya",
        None,
        {
            "Member:ken",
            "WtoMember:ken",
            "Presentation:2022-07-15-ioeit-united-kingdom-kenya-trade-logistics-information-pipeline-tlip",
            "Presentation:2022-10-13-iota-united-kingdom-kenya-trade-logistics-information-pipeline-tlip",
        },
    ),
    ("WT/MIN(17)/58", "Document:wt-min-17-58", {"Document:wt-min-17-58", "Document:wt-min-17-58-rev-1"}),
    (
        "Buenos Aires ministerial statement",
        None,
        {
            "Document:wt-min-17-58",
            "Document:wt-min-17-58-rev-1",
            "NewsItem:2017-12-13-new-initiatives-e-commerce-investment-msmes",
        },
    ),
    (
        "Integrated Database",
        None,
        {
            "Recommendation:annex-5",
            "Presentation:2022-04-07-wto-update-on-the-implementation-of-the-2019-integrated",
        },
    ),
    (
        "trade facilitation",
        None,
        {
            "Recommendation:annex-3",
            "Presentation:2021-02-18-un-cefact-promoting-integration-of-msmes-in-international-trade",
            "Presentation:2021-07-26-eif-vanuatu-asycuda-cds-communication-platform-project",
            "Presentation:2021-07-26-wto-briefing-on-sps-tbt-notification-alert-system-eping",
            "Presentation:2021-09-24-brazil-global-trade-hub-for-internationalization-of-brazilian-msmes",
            "Presentation:2022-10-12-itc-supporting-smes-through-trade-facilitation-reforms-toolkit-for",
            "Presentation:2021-05-04-brazil-policy-options-to-support-rural-msmes",
            "Meeting:2018-06-27-msme-day",
            "Meeting:2021-02-18-meeting",
            "Meeting:2021-07-26-meeting",
            "Meeting:2021-09-24-meeting",
            "Meeting:2022-10-12-meeting",
            "NewsItem:2018-06-27-world-msme-day-dg-azevedo",
        },
    ),
    (
        "regional trade agreements",
        None,
        {
            "Presentation:2021-06-24-wto-msme-provisions-in-regional-trade-agreements",
            "Presentation:2022-04-07-wto-msme-related-language-in-regional-trade-agreements",
            "Meeting:2021-06-24-meeting",
            "Meeting:2022-04-07-meeting",
            "Meeting:2023-03-13-meeting",
            "Meeting:2023-first-msme-spotlight-meeting",
            "Document:inf-msme-w-6-rev-1",
            "Document:inf-msme-w-6-rev-3",
            "Source:S-EXIM-7157",
        },
    ),
    (
        "access to finance",
        None,
        {
            "Recommendation:annex-6",
            "Meeting:2023-07-03-meeting",
            "Meeting:2024-mc13-women-and-trade-event",
            "NewsItem:2023-07-03-msmes-group-discusses-digitalization",
            "Document:inf-msme-w-46-rev-3",
        },
    ),
    (
        "authorised economic operator",
        None,
        {
            "Document:inf-msme-w-47-rev-2",
            "Meeting:2023-07-03-meeting",
            "Meeting:2024-07-05-private-sector-meeting",
            "Meeting:2025-11-13-aeo-report-launch",
            "Meeting:2025-12-02-meeting",
            "Meeting:2025-03-05-meeting",
            "Meeting:2024-post-mc13-meeting",
            "NewsItem:2023-07-03-msmes-group-discusses-digitalization",
            "Presentation:2022-10-12-itc-supporting-smes-through-trade-facilitation-reforms-toolkit-for",
            "Source:S-AEO-DRAFT",
            "Source:S-BB-AEO",
        },
    ),
    (
        "good regulatory practices",
        None,
        {
            "Presentation:2022-02-08-wto-good-regulatory-practices-to-improve-sps-measures",
            "Meeting:2024-post-mc13-meeting",
            "Meeting:2025-03-05-meeting",
            "Document:inf-msme-w-52",
            "Document:inf-msme-w-61",
        },
    ),
    (
        "annual report",
        None,
        {
            "Document:job-gc-207",
            "Document:inf-msme-r-13-rev-1",
            "Document:inf-msme-r-21",
            "Source:S-AR2021",
            "Source:S-AR2024",
            "Source:S-AR2025D",
        },
    ),
    (
        "World Trade Report",
        None,
        {
            "Presentation:2021-05-04-wto-world-trade-report-2020-government-policies-to-promote",
            "Publication:wto-world-trade-report-2016",
        },
    ),
    (
        "SME Competitiveness Outlook",
        None,
        {"Publication:itc-sme-competitiveness-outlook-2021", "Publication:itc-sme-competitiveness-outlook-2020"},
    ),
    (
        "Azevedo",
        None,
        {
            "Meeting:2018-06-27-msme-day",
            "NewsItem:2018-06-27-world-msme-day-dg-azevedo",
            "NewsItem:2018-01-30-azevedo-msmes-at-heart-of-trade-debate",
            "Source:S-SPRA210",
            "Source:S-SPRA227",
            "Source:S-SPRA196",
        },
    ),
    (
        "COVID-19",
        None,
        {
            "Presentation:2022-10-13-wef-cross-border-payments-for-msmes-post-covid",
            "Meeting:2021-09-30-public-forum-session",
            "NewsItem:2021-09-30-public-forum-discusses-small-business-resilience",
            "Publication:oecd-sme-and-entrepreneurship-outlook-2021",
            "Publication:itc-sme-competitiveness-outlook-2021",
            "Publication:itc-sme-competitiveness-outlook-2020",
            "Document:wt-gc-215",
            "Document:wt-gc-215-rev-1",
        },
    ),
    (
        "blockchain",
        None,
        {
            "Presentation:2021-06-24-uncitral-overview-of-the-uncitral-model-law-on-electronic",
            "Presentation:2022-07-15-ioeit-united-kingdom-kenya-trade-logistics-information-pipeline-tlip",
            "Presentation:2022-10-13-iota-united-kingdom-kenya-trade-logistics-information-pipeline-tlip",
        },
    ),
    (
        "MLETR",
        None,
        {
            "Presentation:2021-06-24-adgm-the-model-law-on-electronic-transferable-records-mletr",
            "Presentation:2021-06-24-uncitral-overview-of-the-uncitral-model-law-on-electronic",
            "Presentation:2021-06-24-bahrain-bahrains-etr-law",
            "Presentation:2021-06-24-icc-uk-creating-a-modern-digital-trade-ecosystem",
        },
    ),
    (
        "climate",
        None,
        {
            "Presentation:2023-03-13-icc-the-climate-impact-of-smes",
            "Presentation:2022-02-08-itc-greentocompete",
            "Meeting:2023-09-28-joint-workshop",
            "Publication:itc-sme-competitiveness-outlook-2021",
        },
    ),
    (
        "MSME Day",
        None,
        {
            "Meeting:2018-06-27-msme-day",
            "Meeting:2023-06-27-msme-day",
            "Meeting:2024-06-27-msme-day",
            "Meeting:2025-06-27-msme-day",
            "NewsItem:2023-06-27-working-group-announces-small-business-champions",
            "NewsItem:2018-06-27-world-msme-day-dg-azevedo",
            "Source:S-SPRA227",
            "Source:S-IOEIT",
        },
    ),
]


def key(record: object) -> str:
    """A record's kind and id, as the judged queries name it."""
    return f"{type(record).__name__}:{record.id}"  # type: ignore[attr-defined]


def measure(ds: wto_msme.Dataset) -> list[tuple[str, float, float]]:
    """
    Each judged query, its precision at 5 and its recall over the whole dataset.

    The precision at 5 is the share of the first five hits (or fewer, if fewer are
    found) that a reader would expect; the recall the share of those expected that
    are found at all.
    """
    figures = []
    for query, _, expected in JUDGED:
        found = [key(r) for r in ds.search(query)]
        first = found[:5]
        figures.append(
            (query, sum(k in expected for k in first) / max(len(first), 1), len(expected & set(found)) / len(expected))
        )
    return figures


def title_of(record: object) -> str:
    """The text that names *record*: its title field, or its description where that is empty."""
    return _describe.title(record)


class TestBundled:
    @pytest.mark.parametrize(
        ("query", "theme"),
        [("cyber", Category.CYBER_READINESS), ("cross-border payments", Subcategory.CROSS_BORDER_PAYMENTS)],
    )
    def test_a_theme_finds_its_presentations_first(self, ds, query, theme):
        """Searching for "cyber" or "cross-border payments" puts the four presentations of that theme first."""

        expected = {p.id for p in ds.presentations if theme in (p.category, p.subcategory)}

        found = ds.presentations.search(query)

        assert 4 == len(expected)
        assert expected == {p.id for p in found[:4]}

    def test_an_exact_title_comes_first(self, ds):
        """Searching for a title finds the presentations with that title first."""

        found = ds.presentations.search("global trade helpdesk UPDATE")

        assert [("ITC", "Global Trade Helpdesk update")] * 4 == [(p.institution, p.title) for p in found[:4]]

    def test_case_accents_and_punctuation_are_ignored(self, ds):
        """Searching for "COTE D'IVOIRE" finds C\u00f4te d\u2019Ivoire."""

        assert ds.members.get("civ") is ds.members.search("COTE D'IVOIRE")[0]

    def test_aliases_are_searched(self, ds):
        """A Member is found by another name it is known by."""

        assert "Türkiye" == ds.members.search("Turkey")[0].name

    def test_word_endings_are_ignored(self, ds):
        """A word finds its plural and its plural the word: "payment" finds what "payments" finds."""

        assert ds.presentations.search("payments") == ds.presentations.search("payment")
        assert ds.presentations.search("payment")

    def test_publishers_and_headlines_are_searched(self, ds):
        """News items and publications are found by publisher, among the records of the whole dataset."""

        found = ds.search("OECD")

        assert {Publication, Presentation} <= {type(r) for r in found}
        assert any(isinstance(r, Publication) and "OECD" in (r.publisher or "") for r in found)

    @pytest.mark.parametrize("collection", COLLECTIONS)
    def test_every_record_is_found_by_its_title(self, ds, collection):
        """Every bundled record is found first by its title (headline, name, symbol, wording) among its own kind."""

        records = getattr(ds, collection)
        for record in records:
            text = title_of(record)

            assert words(text) == words(title_of(records.search(text)[0]))

    def test_the_initiative_and_declaration_paragraphs(self, ds):
        """The initiative and the paragraphs of a declaration can be searched too."""

        paragraphs = ds.declarations[0].paragraphs

        assert (ds.initiative, paragraphs[0]) == (
            Records([ds.initiative]).search("msmes")[0],
            Records(paragraphs).search(paragraphs[0].text)[0],
        )

    def test_a_dataset_search_finds_records_of_its_collections(self, ds):
        """ds.search gives a plain Records of records from the dataset, each found by its own collection."""

        found = ds.search("trade")
        everything = {id(r) for name in COLLECTIONS for r in getattr(ds, name)}

        assert (Records, "trade") == (type(found), found.query)
        assert all(id(r) in everything for r in found)
        assert {id(p) for p in ds.presentations.search("trade")} <= {id(r) for r in found}


class TestArguments:
    @pytest.mark.parametrize("text", ["", " ", "\t\n ", "\u3000"])
    def test_a_blank_query_is_refused(self, ds, text):
        """A query of nothing or only whitespace raises ValueError."""

        with pytest.raises(ValueError, match="the search text is blank"):
            ds.presentations.search(text)

    @pytest.mark.parametrize("text", ["?!", "\u2013", "\u200b"])
    def test_text_without_words_matches_nothing(self, ds, text):
        """Text with no letters or digits is not blank, but matches nothing."""

        assert () == ds.presentations.search(text)

    def test_the_query_must_be_a_string(self, ds):
        """A query that is not a string raises TypeError."""

        with pytest.raises(TypeError, match="text must be a string, not bytes"):
            ds.presentations.search(b"cyber")  # type: ignore[arg-type]

    def test_an_unknown_record_is_named(self, ds):
        """A record of a class with no searched fields raises TypeError naming its position."""

        with pytest.raises(TypeError, match=r"^records\[1\] is a str, which has no searched fields"):
            Records([ds.presentations[0], "cyber"]).search("cyber")

    @pytest.mark.parametrize("limit", [0, 1, 3, 100])
    def test_limit_keeps_the_best(self, ds, limit):
        """A limit keeps that many of the best records, in the same order."""

        everything = ds.presentations.search("trade")

        assert everything[:limit] == ds.presentations.search("trade", limit=limit)

    @pytest.mark.parametrize(("limit", "error"), [(-1, ValueError), (1.5, TypeError), (True, TypeError)])
    def test_a_bad_limit_is_refused(self, ds, limit, error):
        """A negative or non-integer limit is refused."""

        with pytest.raises(error, match="limit must be"):
            ds.presentations.search("trade", limit=limit)


class TestProperties:
    @given(record_lists, queries)
    def test_never_raises_and_gives_records_given(self, records, text):
        """Any non-blank text gives records given, each once, as a collection of the same class holding the query."""

        found = records.search(text)

        assert (Records, text) == (type(found), found.query)
        assert len({id(r) for r in found}) == len(found)
        assert {id(r) for r in found} <= {id(r) for r in records}

    @given(presentation_lists, queries, st.integers(0, 5))
    def test_a_limit_is_a_prefix(self, records, text, limit):
        """A limit keeps the first records of the unlimited search."""

        assert records.search(text)[:limit] == records.search(text, limit=limit)

    @given(presentation_lists, st.data())
    def test_an_exact_title_ranks_first(self, records, data):
        """Searching for any record's title ranks first a record with that very title."""

        title = data.draw(st.sampled_from(records)).title
        assume(words(title))

        assert words(title) == words(records.search(title)[0].title)

    @given(look_alike_lists, st.data())
    def test_an_exact_title_ranks_first_among_look_alikes(self, records, data):
        """An exact title ranks first even where other records match the query in every field."""

        title = data.draw(st.sampled_from(records)).title

        assert words(title) == words(records.search(title)[0].title)

    def test_an_exact_title_outranks_matches_everywhere_else(self, ds):
        """A record titled exactly as the query beats one holding the query in its title, institution and summary."""

        p = ds.presentations[0]
        exact = attrs.evolve(p, title="Cyber Security", institution="ITC", summary="Nothing to see.")
        everywhere = attrs.evolve(
            p, title="Cyber security for all", institution="Cyber Security", summary="Cyber security, again."
        )

        assert [exact, everywhere] == list(Presentations((everywhere, exact)).search("cyber security"))

    @given(record_lists, st.data())
    def test_an_exact_title_ranks_first_among_mixed_records(self, records, data):
        """Among records of several kinds, searching for one's title (headline, name) ranks such a record first."""

        assume(records)
        text = title_of(data.draw(st.sampled_from(records)))
        assume(words(text))

        assert words(text) == words(title_of(records.search(text)[0]))

    @given(record_lists, st.from_regex(r"[A-Za-z]{1,8}( [A-Za-z]{1,8}){0,2}", fullmatch=True))
    def test_case_and_punctuation_do_not_matter(self, records, text):
        """A query gives the same records in any case and with punctuation (other than joining) around its words."""

        assert records.search(text) == records.search("¡" + text.upper().replace(" ", "; ") + "!")

    @given(record_lists, queries)
    def test_a_collection_searched_twice_gives_the_same(self, records, text):
        """A second search, and a search of a fresh copy, give what the first gave."""

        first = records.search(text)

        assert (first, first) == (records.search(text), Records(list(records)).search(text))

    @given(presentation_lists, queries)
    def test_results_narrow_further(self, records, text):
        """Searching the results of a search again for the same text gives the same records."""

        found = records.search(text)

        assert set(map(id, found)) == set(map(id, found.search(text)))

    @given(st.text())
    def test_words_never_hold_separators(self, text):
        """Every word search compares is non-empty and holds only letters and digits."""

        assert all(t and all(c.isalnum() for c in t) for t in words(text))

    def test_other_scripts_are_found(self):
        """A title in another script is found by its words."""

        greek = attrs.evolve(wto_msme.load().presentations[0], title="Ψηφιακό εμπόριο")

        assert [greek] == list(Presentations((greek,)).search("ψηφιακό"))


class TestWeights:
    @pytest.mark.parametrize("cls", SEARCHED, ids=lambda c: c.__name__)
    def test_every_record_class_is_searchable_by_its_title(self, cls):
        """Every record class a dataset holds has searched fields, the first of them its one title field."""

        fields = _describe.searched_fields(cls)

        assert (_describe.TITLE, fields[0][0]) == (fields[0][1], _describe.title_field(cls))
        assert [_describe.TITLE] == [w for _, w in fields if w == _describe.TITLE]


def test_hits_mark_the_words_found(ds):
    """A search's table marks the words that matched, whatever their ending, where they were found."""

    html = ds.presentations.search("woman")._repr_html_()

    assert (2, True, False) == (
        html.count("<mark>women</mark>"),
        "<i>summary</i>" in html,
        "<mark>" in ds.presentations._repr_html_(),
    )


class TestJudged:
    """
    The judged queries: what a reader types, and the records a reader would expect, read from the bundled data.
    """

    #: The floors of the mean precision at 5 and the mean recall over the judged queries.
    PRECISION_AT_5, RECALL = 0.85, 0.9

    def test_there_are_enough_judged_queries(self, ds):
        """At least 30 queries are judged, and every record they expect is in the dataset."""

        everything = {key(r) for name in COLLECTIONS for r in getattr(ds, name)}

        assert len(JUDGED) >= 30
        assert set().union(*(expected for _, _, expected in JUDGED)) <= everything

    def test_precision_and_recall_keep_their_floors(self, ds):
        """The mean precision at 5 and the mean recall over the judged queries stay above their floors."""

        figures = measure(ds)
        precision = sum(p for _, p, _ in figures) / len(figures)
        recall = sum(r for _, _, r in figures) / len(figures)

        assert precision >= self.PRECISION_AT_5, figures
        assert recall >= self.RECALL, figures

    @pytest.mark.parametrize(("query", "first"), [(q, f) for q, f, _ in JUDGED if f is not None])
    def test_what_is_named_comes_first(self, ds, query, first):
        """A record whose title, name, label or symbol is the query comes first."""

        assert first == key(ds.search(query)[0])


class TestRules:
    def test_a_symbol_finds_its_document_alone(self, ds):
        """A document symbol finds that document first and alone, even within a joint symbol."""

        found = ds.search("INF/MSME/W/58")

        assert ["Document:inf-msme-w-58-inf-tge-com-11"] == [key(r) for r in found]

    def test_a_symbol_finds_its_revisions_after_itself(self, ds):
        """A symbol finds the document of that symbol first, then its revisions."""

        found = [r.symbol for r in ds.documents.search("WT/GC/215")]

        assert ["WT/GC/215", "WT/GC/215/Rev.1"] == found

    def test_a_hyphenated_word_matches_as_one(self, ds):
        """The query "e-commerce" finds the records that write e-commerce (or ecommerce), not all words in e."""

        found = ds.search("e-commerce")

        assert 0 < len(found) < 20
        assert all({"commerce", "ecommerce"} & set(words(everything_of(r))) for r in found)

    def test_a_recommendation_answers_to_its_label(self, ds):
        """The query "Annex 3" finds the recommendation of annex 3 first."""

        assert ds.recommendations.get("annex-3") is ds.search("Annex 3")[0]

    @pytest.mark.parametrize(
        ("british", "american"),
        [("digitalisation", "digitalization"), ("labour", "labor"), ("organise", "organize"), ("programme", "program")],
    )
    def test_british_and_american_spellings_meet(self, ds, british, american):
        """A British spelling finds what the American finds, and stems alike."""

        assert stems(british) == stems(american)
        assert list(ds.search(british)) == list(ds.search(american))

    def test_every_word_must_match(self, ds):
        """Every hit of a query holds each of its words (or a word it begins)."""

        found = ds.search("small business champions")
        wanted = stems("small business champions")

        assert found
        assert not found.partial
        assert all(all(any(s.startswith(w) for s in stems(everything_of(r))) for w in wanted) for r in found)

    def test_words_such_as_of_may_be_missing(self, ds):
        """Words such as "of" and "the" need not be found: "the access to finance" finds what "access finance" finds."""

        assert set(ds.search("the access to finance")) == set(ds.search("access finance"))

    def test_a_partial_match_says_so(self, ds):
        """When no record holds every word, the records holding some are found, and the result says it is partial."""

        found = ds.search("cybersecurity xylophone")

        assert (True, False) == (found.partial, ds.search("cybersecurity").partial)
        assert set(found) == set(ds.search("cybersecurity"))

    @pytest.mark.parametrize("short", ["ip", "ai", "uk", "e"])
    def test_short_words_match_whole_words_only(self, ds, short):
        """A word of one or two letters matches that whole word, never the words it begins."""

        found = ds.search(short)

        assert all(short in words(everything_of(r)) for r in found)

    def test_hits_carry_their_scores_best_first(self, ds):
        """Each hit has a score; the scores go down, and a limit keeps the first ones."""

        found = ds.search("trade facilitation")

        assert len(found) == len(found.scores)
        assert list(found.scores) == sorted(found.scores, reverse=True)
        assert found.scores[:3] == ds.search("trade facilitation", limit=3).scores

    def test_a_collection_not_searched_has_no_scores(self, ds):
        """A collection that no search made has no scores and is not partial."""

        assert (None, False) == (ds.presentations.scores, ds.presentations.partial)

    def test_rarer_words_weigh_more(self, ds):
        """A record holding the rarer of two words once outranks one holding the commoner once."""

        p = ds.presentations[0]
        rare = attrs.evolve(p, title="Xylography notes", institution="A", summary="Nothing.")
        common = attrs.evolve(p, title="Trade notes", institution="B", summary="Nothing.")
        others = [attrs.evolve(p, title=f"Trade {i}", institution="C", summary="Nothing.") for i in range(5)]

        found = Presentations([common, rare, *others]).search("xylography trade")

        assert (True, rare) == (found.partial, found[0])


def everything_of(record: object) -> str:
    """The searched text of *record*, all fields joined."""
    return " | ".join(s for _, strings in module._strings(record, {}) for s in strings)


class TestMarks:
    def test_marks_what_the_search_matches(self, ds):
        """Each hit of a search holds a word that marks() says the query looks for."""

        marked = module.marks("cross-border payments")

        assert all(any(marked(w) for w in words(everything_of(r))) for r in ds.search("cross-border payments"))

    @pytest.mark.parametrize(
        ("query", "word", "expected"),
        [
            ("e-commerce", "economy", False),
            ("ip", "ipsum", False),
            ("woman", "Women", True),
            ("the trade", "the", False),
        ],
    )
    def test_short_words_and_joined_words_mark_whole_words(self, query, word, expected):
        """Words of one or two letters, and words written together, mark only themselves; left-out words nothing."""

        assert expected == module.marks(query)(word)
