"""
The WTO Informal Working Group on Micro, Small and Medium-sized Enterprises, as data.

>>> import wto_msme
>>> ds = wto_msme.load()
>>> ds.presentations[0].institution
'ITC'
>>> len(ds.members)
71
"""

from ._data import DATA_VERSION, MAX_FILE_BYTES, load
from ._dates import DateLike, PartialDate, Precision, parse_when
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

__version__ = "0.1.0"
"""The version of the library."""

__all__ = [
    "DATA_VERSION",
    "MAX_FILE_BYTES",
    "Category",
    "ClaimSubject",
    "Confidence",
    "CoordinatorTerm",
    "CountClaim",
    "DataError",
    "Dataset",
    "DateLike",
    "Declaration",
    "DeclarationParagraph",
    "Document",
    "Initiative",
    "Joining",
    "Member",
    "MemberKind",
    "MemberNotFoundError",
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
    "Source",
    "SourceKind",
    "Sponsor",
    "Subcategory",
    "WtoMember",
    "YearBasis",
    "__version__",
    "exceptions",
    "load",
    "parse_when",
]
