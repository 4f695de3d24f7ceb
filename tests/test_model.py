"""Tests for wto_msme._model."""

from __future__ import annotations

import enum
import pydoc
import types

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wto_msme
from wto_msme import Dataset, _model
from wto_msme._describe import attribute_docs
from wto_msme.collections import Records
from wto_msme.strategies import datasets, records

from .conftest import DATASET_EXAMPLES


def test_every_field_is_documented():
    """Every field of every record class and of Dataset has a docstring under it in the source."""

    undocumented = [
        f"{cls.__name__}.{f.name}"
        for cls in (*_model.RECORDS, Dataset)
        for f in attrs.fields(cls)
        if not attribute_docs(cls).get(f.name)
    ]

    assert [] == undocumented


@pytest.mark.parametrize(
    ("joining", "expected"),
    [
        (wto_msme.Joining(on=wto_msme.PartialDate(2020, 12, 11)), "2020-12-11"),
        (wto_msme.Joining(not_after=wto_msme.PartialDate(2020, 12, 11)), "by 2020-12-11"),
        (wto_msme.Joining(not_before=wto_msme.PartialDate(2023, 3, 13)), "on or after 2023-03-13"),
        (
            wto_msme.Joining(not_before=wto_msme.PartialDate(2021, 10, 22), not_after=wto_msme.PartialDate(2021, 12)),
            "between 2021-10-22 and 2021-12",
        ),
        (wto_msme.Joining(), "unknown"),
    ],
)
def test_joining_says_what_is_known(joining, expected):
    """A joining's string form gives its date, its bounds, or says it is unknown."""

    assert expected == str(joining)


# --- Deep immutability ----------------------------------------------------------------------------


_LEAVES = (str, int, bool, type(None))


def _refuses_assignment(obj: object) -> bool:
    """Tell whether assigning to any field of *obj*, or to a new attribute, raises."""
    names = [a.name for a in attrs.fields(type(obj))] if attrs.has(type(obj)) else []
    for name in (*names, "_added"):
        try:
            setattr(obj, name, None)
        except (AttributeError, TypeError):  # attrs' FrozenInstanceError is an AttributeError
            continue
        return False
    return True


def mutable_parts(root: object, *, collections: bool = False) -> list[str]:
    """
    Return the path of every object reachable from *root* that can be changed in place.

    Allowed: str, int, bool and None; enum members; tuples, and tuple subclasses whose
    instances have no ``__dict__`` and refuse new attributes; frozensets; read-only
    mappings (MappingProxyType); frozen, slotted attrs instances (PartialDate included).
    Everything else, a list, a dict, a set or a plain object, is reported. The
    collections of :mod:`wto_msme.collections` are checked for new attributes only when
    *collections* is true.
    """
    found: list[str] = []
    stack: list[tuple[object, str]] = [(root, "dataset")]
    seen: set[int] = set()
    while stack:
        obj, path = stack.pop()
        if type(obj) in _LEAVES or isinstance(obj, enum.Enum):
            continue
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, tuple):
            exempt = isinstance(obj, Records) and not collections
            # A collection keeps its indexes in a __dict__ but refuses every assignment.
            open_dict = hasattr(obj, "__dict__") and not isinstance(obj, Records)
            if type(obj) is not tuple and not exempt and (open_dict or not _refuses_assignment(obj)):
                found.append(f"{path}: {type(obj).__name__} takes new attributes")
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(obj))
        elif type(obj) is frozenset:
            stack.extend((v, f"{path}{{{v!r}}}") for v in obj)
        elif type(obj) is types.MappingProxyType:
            stack.extend((k, f"{path} key {k!r}") for k in obj)
            stack.extend((v, f"{path}[{k!r}]") for k, v in obj.items())
        elif attrs.has(type(obj)):
            if hasattr(obj, "__dict__") or not _refuses_assignment(obj):
                found.append(f"{path}: {type(obj).__name__} can be changed")
            stack.extend((getattr(obj, a.name), f"{path}.{a.name}") for a in attrs.fields(type(obj)))
        else:
            found.append(f"{path}: {type(obj).__name__} is mutable")
    return found


class TestImmutability:
    def test_bundled_dataset_is_immutable_all_the_way_down(self, ds):
        """Nothing reachable from the bundled dataset can be changed in place."""

        assert [] == mutable_parts(ds)

    def test_a_loaded_copy_is_immutable_all_the_way_down(self, copy):
        """Nothing reachable from a dataset loaded from a directory can be changed in place."""

        assert [] == mutable_parts(wto_msme.load(copy))

    @settings(max_examples=min(20, DATASET_EXAMPLES))
    @given(datasets(max_size=3))
    def test_generated_datasets_are_immutable(self, generated):
        """Nothing reachable from a generated dataset can be changed in place."""

        assert [] == mutable_parts(generated)

    def test_records_refuse_a_list(self, ds):
        """A record refuses a list where its field holds a tuple, however it is made."""

        with pytest.raises(TypeError, match=r"Presentation\.annexes: a tuple is needed, not list \[2\]"):
            attrs.evolve(ds.presentations[0], annexes=[2])

    def test_the_walk_finds_what_is_mutable(self, ds):
        """The walk reports a list, a dict and a set hidden in records, and a thawed record."""

        @attrs.define
        class Thawed:
            value: int

        p = ds.presentations[0]
        planted = attrs.evolve(
            ds,
            presentations=(_thawed(p, annexes=[2]),),
            news=({"a": 1},),  # type: ignore[arg-type]
            claims=({1},),  # type: ignore[arg-type]
            sponsors=(Thawed(1),),  # type: ignore[arg-type]
        )

        assert {
            "dataset.presentations[0].annexes: list is mutable",
            "dataset.news[0]: dict is mutable",
            "dataset.claims[0]: set is mutable",
            "dataset.sponsors[0]: Thawed can be changed",
        } == set(mutable_parts(planted))

    def test_records_refuse_assignment(self, ds):
        """Assigning to a record's field, or to an item of a collection, raises."""

        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            ds.presentations[0].title = "x"  # type: ignore[misc]
        with pytest.raises(TypeError):
            ds.presentations[0] = ds.presentations[1]  # type: ignore[index]

    def test_collections_refuse_new_attributes(self, ds):
        """No collection of the bundled dataset takes a new attribute or a replaced index."""

        assert [] == [p for p in mutable_parts(ds, collections=True) if "takes new attributes" in p]

        assert isinstance(ds.presentations, tuple)


def _thawed(record, **changes):
    """A copy of *record* with *changes* set past its checks, as a careless subclass or pickle could."""
    copy = attrs.evolve(record)
    for name, value in changes.items():
        object.__setattr__(copy, name, value)
    return copy


# --- help() ---------------------------------------------------------------------------------------


def test_help_explains_each_field():
    """help() on a record class lists every field with the meaning its docstring gives."""

    text = pydoc.render_doc(wto_msme.Member, renderer=pydoc.plaintext)

    assert [True] * len(attrs.fields(wto_msme.Member)) == [f"{f.name}: " in text for f in attrs.fields(wto_msme.Member)]
    assert "joined: When it joined the group, as far as it is known." in text


@pytest.mark.parametrize("cls", _model.RECORDS, ids=lambda c: c.__name__)
@settings(max_examples=10)
@given(data=st.data())
def test_records_are_equal_and_hash_alike_exactly_when_their_fields_are(cls, data):
    a, b = data.draw(records(cls)), data.draw(records(cls))
    same = all(getattr(a, f.name) == getattr(b, f.name) for f in attrs.fields(cls))
    assert (a == b) is same
    assert (a != b) is not same
    assert a == attrs.evolve(a)
    assert hash(a) == hash(attrs.evolve(a))
    assert len({a, attrs.evolve(a), b}) == (1 if same else 2)


def test_records_of_two_classes_are_never_equal(ds):
    member, source = ds.members[0], ds.sources[0]
    assert member.__eq__(source) is NotImplemented
    assert member != source
    assert member != attrs.astuple(member, recurse=False)
    assert member.__eq__(member._values()) is NotImplemented
