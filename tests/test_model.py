"""Tests for wto_msme._model."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

import wto_msme
from wto_msme import _model, strategies
from wto_msme._dataset import Dataset
from wto_msme._describe import attribute_docs

MODEL_CLASSES = list(_model.RECORDS)


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
def test_instances_are_frozen(cls):
    """Assigning any field of any record raises."""

    @given(strategies.records(cls))
    def check(record):
        for field in attrs.fields(cls):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(record, field.name, None)

    check()


def test_every_field_is_documented():
    """Every field of every record class and of Dataset has a docstring under it in the source."""

    undocumented = [
        f"{cls.__name__}.{f.name}"
        for cls in (*_model.RECORDS, Dataset)
        for f in attrs.fields(cls)
        if not attribute_docs(cls).get(f.name)
    ]

    assert [] == undocumented


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
def test_collections_are_tuples(cls):
    """No field holds a list: collections are tuples, so records stay hashable."""

    @given(strategies.records(cls))
    def check(record):
        hash(record)
        for field in attrs.fields(cls):
            assert not isinstance(getattr(record, field.name), list)

    check()


def test_dataset_repr_is_short(ds):
    """A dataset's repr gives counts, not the whole data."""

    text = repr(ds)

    assert text.startswith("Dataset(version=")
    assert f"presentations={len(ds.presentations)}" in text
    assert len(text) < 400


def test_enums_keep_the_source_order():
    """The categories come in the order the list of presentations gives them."""

    assert [
        "Implementation of the December 2020 Package",
        "Innovation",
        "Intellectual Property Tools",
        "Low-value shipments",
        "MSME Provisions in Regional Trade Agreements (RTAs)",
        "MSME Financing",
        "Sustainability",
        "Trade Facilitation",
        "Cyber-Readiness",
        "Digital",
        "Other Topics",
    ] == [c.value for c in wto_msme.enums.Category]


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
