"""Tests for wto_msme._convert."""

from __future__ import annotations

import json

import pytest
from hypothesis import given

from wto_msme import _model
from wto_msme._convert import make_converter, problems_of
from wto_msme.strategies import records

conv = make_converter()


@pytest.mark.parametrize("cls", _model.RECORDS, ids=lambda c: c.__name__)
def test_round_trip(cls):
    """structure(unstructure(x)) == x for generated records of every class, through JSON text."""

    @given(records(cls))
    def check(record):
        text = json.dumps(conv.unstructure(record))

        assert record == conv.structure(json.loads(text), cls)

    check()


class TestStrictness:
    """The converter refuses what a loose one would coerce."""

    @pytest.mark.parametrize("value", [5, 2020.5, {"year": 2020}, ["2020"], ""])
    def test_dates_must_be_iso_strings(self, value):
        """A date is only ever read from its ISO string."""

        with pytest.raises(Exception) as info:  # noqa: PT011 - any cattrs error
            conv.structure({"on": value}, _model.Joining)

        assert problems_of(info.value, "joined")[0].startswith("joined.on: ")

    @pytest.mark.parametrize(
        ("data", "location", "fragment"),
        [
            ({"id": 1, "title": "t", "kind": "seed"}, "sources.id", "expected a string"),
            ({"id": "a", "title": "t", "kind": "book"}, "sources.kind", "not a valid SourceKind"),
            ({"id": "a", "title": "t", "kind": "seed", "extra": 1}, "sources", "unknown field(s) extra"),
            ({"title": "t", "kind": "seed"}, "sources.id", "required field missing"),
        ],
    )
    def test_problems_name_the_location(self, data, location, fragment):
        """Each problem line starts with the path of the bad value."""

        with pytest.raises(Exception) as info:  # noqa: PT011 - any cattrs error
            conv.structure(data, _model.Source)
        (line,) = problems_of(info.value, "sources")

        assert line.startswith(f"{location}: ")
        assert fragment in line

    @pytest.mark.parametrize(
        ("value", "fragment"),
        [("12", "expected a list"), ([True], "expected an integer"), (["1"], "expected an integer")],
    )
    def test_no_coercion_of_collections_or_numbers(self, value, fragment):
        """A string is not a list of annexes and True is not an annex."""

        with pytest.raises(Exception) as info:  # noqa: PT011 - any cattrs error
            conv.structure(value, tuple[int, ...])

        assert any(fragment in line for line in problems_of(info.value, "annexes"))
