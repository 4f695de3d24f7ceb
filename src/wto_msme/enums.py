"""
The closed vocabularies of the data: what kind of thing a record or a field value is.

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import enum

from ._dates import Precision

__all__ = [
    "Category",
    "ClaimSubject",
    "Confidence",
    "DocumentKind",
    "MeetingFormat",
    "MeetingKind",
    "MemberKind",
    "NoteKind",
    "Precision",
    "PresenterKind",
    "RecommendationKind",
    "SourceKind",
    "Subcategory",
    "YearBasis",
]


class Confidence(enum.Enum):
    """
    How well a fact is established, on the scale of the project's reference notes.
    """

    HIGH = "high"
    """A retrieved source states it directly."""

    MEDIUM = "medium"
    """Inferred from two or more sources that agree, or stated by one secondary source."""

    LOW = "low"
    """One weak source, or general knowledge not confirmed by a source found."""

    UNVERIFIED = "unverified"
    """No source was found: check it before relying on it."""


class NoteKind(enum.Enum):
    """
    What a :class:`~wto_msme.Note` says about a record.
    """

    CORRECTION = "correction"
    """The source is wrong; the stored value is corrected and the note gives the evidence."""

    REPAIR = "repair"
    """Extraction damage in the source (a garbled table) was repaired."""

    CLEANUP = "cleanup"
    """Extraction noise (a footnote marker, a broken line) was removed."""

    FLAG = "flag"
    """The source is ambiguous or contradicts another: the value is kept as stated."""

    INFERENCE = "inference"
    """The value is inferred, not stated; the note says from what."""

    COMPLETION = "completion"
    """A part the source leaves out (such as a year) was completed from another source."""

    SIC = "sic"
    """The source has an obvious slip that is kept verbatim."""


class SourceKind(enum.Enum):
    """
    What kind of thing a :class:`~wto_msme.Source` is.
    """

    SEED = "seed"
    """One of the two documents the data is transcribed from."""

    PUBLIC = "public"
    """A public page or document that confirms, completes or corrects the seeds."""

    REFERENCE = "reference"
    """General reference knowledge that no retrieved source confirms."""


class MemberKind(enum.Enum):
    """
    What kind of WTO Member a participant is.
    """

    STATE = "state"
    """A state."""

    SEPARATE_CUSTOMS_TERRITORY = "separate customs territory"
    """A separate customs territory, such as Hong Kong, China or Chinese Taipei."""

    EUROPEAN_UNION = "european union"
    """The European Union, a WTO Member of its own beside its member states."""


class PresenterKind(enum.Enum):
    """
    Who gave a presentation, as the list of presentations labels it.
    """

    IO = "IO"
    """An international organisation."""

    MEMBER = "Member"
    """A WTO Member's government."""

    SECRETARIAT = "Secretariat"
    """The WTO Secretariat or a body it hosts."""

    OTHER = "Other"
    """Another organisation: a company, an association, a foundation."""

    ORGANIZED_BY_MEMBER = "organized by Member"
    """Another organisation, invited by a Member."""


class Category(enum.Enum):
    """
    The eleven thematic categories of the list of presentations, in its order.
    """

    IMPLEMENTATION = "Implementation of the December 2020 Package"
    """Implementation of the December 2020 Package."""

    INNOVATION = "Innovation"
    """Innovation."""

    INTELLECTUAL_PROPERTY = "Intellectual Property Tools"
    """Intellectual Property Tools."""

    LOW_VALUE_SHIPMENTS = "Low-value shipments"
    """Low-value shipments."""

    RTAS = "MSME Provisions in Regional Trade Agreements (RTAs)"
    """MSME Provisions in Regional Trade Agreements (RTAs)."""

    FINANCING = "MSME Financing"
    """MSME Financing (with the sub-heading Cross-border Payments)."""

    SUSTAINABILITY = "Sustainability"
    """Sustainability."""

    TRADE_FACILITATION = "Trade Facilitation"
    """Trade Facilitation."""

    CYBER_READINESS = "Cyber-Readiness"
    """Cyber-Readiness (the source writes it with a non-breaking hyphen)."""

    DIGITAL = "Digital"
    """Digital (with the sub-heading Standards to digitalize trade)."""

    OTHER = "Other Topics"
    """Other Topics."""


class Subcategory(enum.Enum):
    """
    The two sub-headings in the body of the list of presentations.
    """

    CROSS_BORDER_PAYMENTS = "Cross-border Payments"
    """Under :attr:`Category.FINANCING`."""

    STANDARDS_TO_DIGITALIZE_TRADE = "Standards to digitalize trade"
    """Under :attr:`Category.DIGITAL`."""

    @property
    def category(self) -> Category:
        """
        The category whose heading the sub-heading stands under.

        >>> Subcategory.CROSS_BORDER_PAYMENTS.category
        <Category.FINANCING: 'MSME Financing'>

        .. versionadded:: 0.3.0
        """
        return Category.FINANCING if self is Subcategory.CROSS_BORDER_PAYMENTS else Category.DIGITAL


class RecommendationKind(enum.Enum):
    """
    Whether an item of the December 2020 package is a recommendation or a declaration.
    """

    RECOMMENDATION = "recommendation"
    """A recommendation."""

    DECLARATION = "declaration"
    """A declaration."""


class YearBasis(enum.Enum):
    """
    Whether the year of a news item's date is stated by the source or inferred.
    """

    STATED = "stated"
    """The source gives the year."""

    INFERRED = "inferred"
    """The source gives day and month only; the year comes from other evidence."""


class ClaimSubject(enum.Enum):
    """
    What a :class:`~wto_msme.CountClaim` counts.
    """

    PARTICIPANTS = "participants"
    """WTO Members taking part in the group, counted as the WTO counts them."""

    PACKAGE_SPONSORS = "package sponsors"
    """WTO Members sponsoring the December 2020 package."""


class MeetingKind(enum.Enum):
    """
    What kind of gathering a :class:`~wto_msme.Meeting` is.
    """

    MEETING = "meeting"
    """A meeting of the group, formal or open-ended."""

    MSME_DAY = "MSME Day"
    """The annual MSME Day, with the Small Business Champions awards where held together."""

    AWARDS = "awards"
    """A Small Business Champions awards ceremony held on its own."""

    SIDE_EVENT = "side event"
    """A side event at a Ministerial Conference."""

    WORKSHOP = "workshop"
    """A joint workshop, dialogue or event with other groups or the private sector."""


class MeetingFormat(enum.Enum):
    """
    How a :class:`~wto_msme.Meeting` was held, where the sources say.
    """

    IN_PERSON = "in person"
    """In the room."""

    VIRTUAL = "virtual"
    """Online only."""

    HYBRID = "hybrid"
    """In the room and online."""


class DocumentKind(enum.Enum):
    """
    What kind of WTO document a :class:`~wto_msme.Document` is.
    """

    ANNUAL_REPORT = "annual report"
    """The group's report on a year's work."""

    COORDINATORS_REPORT = "coordinator's report"
    """A report the coordinator issues on their own responsibility."""

    CONVENING_NOTICE = "convening notice"
    """The notice that convenes a meeting and gives its agenda."""

    SUMMARY = "summary of discussions"
    """A summary of what a meeting discussed."""

    PROPOSAL = "proposal"
    """A proposal by one or more Members."""

    COMPENDIUM = "compendium"
    """A compilation of Members' practices or contributions."""

    COMMUNICATION = "communication"
    """A communication from Members, a group or an organisation."""

    DECLARATION = "declaration"
    """A declaration."""

    STATEMENT = "statement"
    """A statement, such as a joint ministerial statement."""

    PACKAGE = "package"
    """The December 2020 package of recommendations and declarations."""
