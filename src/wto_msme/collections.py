"""
The typed collections a :class:`~wto_msme.Dataset` holds, and what their queries return.

Each is a tuple of one kind of record (:class:`Records` is the base, and the kind of
a search over a whole dataset). They are made by :func:`wto_msme.load`; build one from
records of your own with, for example, ``Presentations(records)``.

.. versionadded:: 0.3.0
"""

from ._collections import (
    Claims,
    Coordinators,
    Declarations,
    Documents,
    Meetings,
    Members,
    MembersAsOf,
    NewsItems,
    Notes,
    Participation,
    Presentations,
    Publications,
    Recommendations,
    Records,
    Sources,
    Sponsors,
    WtoMembers,
)
from ._dataset import ParticipantCount
from ._dates import DateLike
from ._model import LocatedNote

__all__ = [
    "Claims",
    "Coordinators",
    "DateLike",
    "Declarations",
    "Documents",
    "LocatedNote",
    "Meetings",
    "Members",
    "MembersAsOf",
    "NewsItems",
    "Notes",
    "ParticipantCount",
    "Participation",
    "Presentations",
    "Publications",
    "Recommendations",
    "Records",
    "Sources",
    "Sponsors",
    "WtoMembers",
]
