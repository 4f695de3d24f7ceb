"""Tests for wto_msme._dataset: the queries of Dataset that need more than one collection."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings

import wto_msme
from wto_msme import Note
from wto_msme._dataset import COLLECTIONS
from wto_msme._describe import references
from wto_msme.collections import LocatedNote, Notes, Records
from wto_msme.exceptions import RecordNotFoundError
from wto_msme.strategies import datasets

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
