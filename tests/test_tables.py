"""Tests for wto_msme._tables: a dataset as tables, its keys and the columns that hold ids."""

from __future__ import annotations

from wto_msme import Initiative, Meeting, Member, Presentation
from wto_msme._dataset import COLLECTIONS
from wto_msme._flat import columns
from wto_msme._tables import collections, has_key, target


def test_collections_in_declaration_order(ds):
    """Every collection of a dataset, the initiative first as a collection of one, with its kind of record."""

    found = collections(ds)

    assert ("initiative", *COLLECTIONS) == tuple(found)
    assert (Initiative, (ds.initiative,)) == found["initiative"]
    assert (Member, ds.members) == found["members"]
    assert found["members"][1] is ds.members


def test_keys():
    """Records are keyed by id where their kind has one."""

    assert (True, True, False) == (has_key(Member), has_key(Presentation), has_key(Initiative))


def test_targets_follow_the_declared_references():
    """A column refers to the collection its field declares, nested provenance included; others to none."""

    presentations = {c.name: target(Presentation, c) for c in columns(Presentation)}
    meetings = {c.name: target(Meeting, c) for c in columns(Meeting)}

    assert {"meeting": "meetings", "source": "sources", "evidence": "sources"} == {
        name: t for name, t in presentations.items() if t is not None
    }
    assert ("members", "documents", None) == (meetings["welcomed"], meetings["documents"], meetings["topics"])
