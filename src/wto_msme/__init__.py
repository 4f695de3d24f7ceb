"""
The WTO Informal Working Group on Micro, Small and Medium-sized Enterprises, as data.

>>> import wto_msme
>>> ds = wto_msme.load()
>>> ds.presentations[0].institution
'ITC'
>>> ds.members.find("Turkey").name
'Türkiye'
"""

from . import collections, enums, exceptions
from ._cite import cite
from ._data import DATA_VERSION, load
from ._dataset import Dataset
from ._dates import PartialDate
from ._diff import Diff, diff
from ._export import dump
from ._model import (
    CoordinatorTerm,
    CountClaim,
    Declaration,
    DeclarationParagraph,
    Document,
    Initiative,
    Joining,
    Meeting,
    Member,
    NewsItem,
    Note,
    ParticipationStep,
    Presentation,
    Provenance,
    Publication,
    Recommendation,
    Source,
    Sponsor,
    WtoMember,
)
from ._schema import json_schema
from ._version import __version__
from .exceptions import DataError, MemberNotFoundError

__all__ = [
    "DATA_VERSION",
    "CoordinatorTerm",
    "CountClaim",
    "DataError",
    "Dataset",
    "Declaration",
    "DeclarationParagraph",
    "Diff",
    "Document",
    "Initiative",
    "Joining",
    "Meeting",
    "Member",
    "MemberNotFoundError",
    "NewsItem",
    "Note",
    "PartialDate",
    "ParticipationStep",
    "Presentation",
    "Provenance",
    "Publication",
    "Recommendation",
    "Source",
    "Sponsor",
    "WtoMember",
    "__version__",
    "cite",
    "collections",
    "diff",
    "dump",
    "enums",
    "exceptions",
    "json_schema",
    "load",
]
