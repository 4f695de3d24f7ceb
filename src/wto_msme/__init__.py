"""
The WTO Informal Working Group on Micro, Small and Medium-sized Enterprises, as data.

>>> import wto_msme
>>> ds = wto_msme.load()
>>> ds.presentations[0].institution
'ITC'
>>> len(ds.members)
71
"""

import typing as _typing

from ._data import DATA_VERSION, MAX_FILE_BYTES, load
from ._dates import PartialDate, Precision
from ._display import Records
from ._model import (
    Category,
    ClaimSubject,
    Confidence,
    CoordinatorTerm,
    CountClaim,
    Dataset,
    Declaration,
    DeclarationParagraph,
    Document,
    Initiative,
    Joining,
    Member,
    MemberKind,
    NewsItem,
    Note,
    NoteKind,
    Presentation,
    PresenterKind,
    Provenance,
    Publication,
    Recommendation,
    RecommendationKind,
    Source,
    SourceKind,
    Sponsor,
    Subcategory,
    WtoMember,
    YearBasis,
)
from .exceptions import DataError, MemberNotFoundError, RecordNotFoundError

if _typing.TYPE_CHECKING:  # imported on first use: see __getattr__ below
    from ._cite import cite
    from ._export import dump, to_records
    from ._lookup import find_member
    from ._members import (
        MembersAsOf,
        coordinator_on,
        coordinators_during,
        members_as_of,
        non_participants,
        participant_count,
    )
    from ._pandas import to_pandas
    from ._presentations import (
        Meeting,
        by_category,
        by_institution,
        meetings,
        mentioning_annex,
        presentations_between,
        recommendation,
    )
    from ._schema import json_schema
    from ._search import SearchHit, search
    from ._when import DateLike, parse_when

__version__ = "0.1.0"
"""The version of the library."""

__all__ = [
    "Category",
    "ClaimSubject",
    "Confidence",
    "CoordinatorTerm",
    "CountClaim",
    "DATA_VERSION",
    "DataError",
    "Dataset",
    "DateLike",
    "Declaration",
    "DeclarationParagraph",
    "Document",
    "Initiative",
    "Joining",
    "MAX_FILE_BYTES",
    "Meeting",
    "Member",
    "MemberKind",
    "MemberNotFoundError",
    "MembersAsOf",
    "NewsItem",
    "Note",
    "NoteKind",
    "PartialDate",
    "Precision",
    "Presentation",
    "PresenterKind",
    "Provenance",
    "Publication",
    "Recommendation",
    "RecommendationKind",
    "RecordNotFoundError",
    "Records",
    "SearchHit",
    "Source",
    "SourceKind",
    "Sponsor",
    "Subcategory",
    "WtoMember",
    "YearBasis",
    "__version__",
    "by_category",
    "by_institution",
    "cite",
    "coordinator_on",
    "coordinators_during",
    "dump",
    "exceptions",
    "find_member",
    "json_schema",
    "load",
    "meetings",
    "members_as_of",
    "mentioning_annex",
    "non_participants",
    "parse_when",
    "participant_count",
    "presentations_between",
    "recommendation",
    "search",
    "to_pandas",
    "to_records",
]


#: The query, search, export and date-reading names, by the module that defines them.
#: Each module is imported when one of its names is first used, so that
#: ``import wto_msme``, a first ``load()`` and a first ``find_member`` pay only for what
#: they use.
_ON_FIRST_USE = {
    "cite": "_cite",
    "dump": "_export",
    "to_records": "_export",
    "MembersAsOf": "_members",
    "coordinator_on": "_members",
    "coordinators_during": "_members",
    "find_member": "_lookup",
    "members_as_of": "_members",
    "non_participants": "_members",
    "participant_count": "_members",
    "to_pandas": "_pandas",
    "Meeting": "_presentations",
    "by_category": "_presentations",
    "by_institution": "_presentations",
    "meetings": "_presentations",
    "mentioning_annex": "_presentations",
    "presentations_between": "_presentations",
    "recommendation": "_presentations",
    "json_schema": "_schema",
    "SearchHit": "_search",
    "search": "_search",
    "DateLike": "_when",
    "parse_when": "_when",
}

if not _typing.TYPE_CHECKING:  # type checkers see the imports above instead

    def __getattr__(name: str) -> object:
        module = _ON_FIRST_USE.get(name)
        if module is None:
            msg = f"module {__name__!r} has no attribute {name!r}"
            raise AttributeError(msg)
        from importlib import import_module

        value = getattr(import_module(f"{__name__}.{module}"), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_ON_FIRST_USE})
