"""Tests for wto_msme.strategies."""

from __future__ import annotations

import inspect
import os
import pathlib
import subprocess
import sys
import textwrap

import attrs
import pytest
from hypothesis import find, given
from hypothesis import strategies as st

import wto_msme
from wto_msme import _model, strategies
from wto_msme._checks import check

MODEL_CLASSES = [getattr(_model, n) for n in _model.__all__ if attrs.has(getattr(_model, n))]

#: Run in a fresh interpreter in which Hypothesis cannot be imported.
WITHOUT_HYPOTHESIS = textwrap.dedent(
    """
    import sys

    class HideHypothesis:
        def find_spec(self, name, path=None, target=None):
            if name == "hypothesis" or name.startswith("hypothesis."):
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    sys.meta_path.insert(0, HideHypothesis())
    for name in [n for n in sys.modules if n == "hypothesis" or n.startswith("hypothesis.")]:
        del sys.modules[name]

    import wto_msme

    print("loaded", len(wto_msme.load().presentations))
    try:
        import wto_msme.strategies
    except ImportError as e:
        print("ImportError:", e)
    """
)


def test_without_hypothesis_the_import_error_names_the_extra():
    """Without Hypothesis, the library still loads, and importing the strategies says which extra to install."""

    env = {**os.environ, "PYTHONPATH": str(pathlib.Path(wto_msme.__file__).parents[1])}

    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_HYPOTHESIS], capture_output=True, text=True, check=False, env=env
    )

    assert ("", 0) == (result.stderr, result.returncode)
    assert [
        "loaded 48",
        "ImportError: wto_msme.strategies needs Hypothesis, which is not installed:"
        ' install it with pip install "wto_msme[test]"',
    ] == result.stdout.splitlines()


@pytest.mark.parametrize("cls", [*MODEL_CLASSES, wto_msme.Meeting], ids=lambda c: c.__name__)
def test_from_type_draws_every_class(cls):
    """hypothesis.strategies.from_type draws instances of every model class and of Meeting."""

    @given(st.from_type(cls))
    def check_type(record):
        assert isinstance(record, cls)

    check_type()


@given(strategies.datasets())
def test_datasets_pass_the_integrity_checks(ds):
    """Every generated dataset passes the checks that every loaded dataset must pass."""

    assert [] == check(ds)


@given(strategies.meetings())
def test_meetings_are_as_meetings_makes_them(meeting):
    """A generated meeting is what wto_msme.meetings makes of its own presentations."""

    assert (meeting,) == wto_msme.meetings(meeting.presentations)


def test_presentations_share_institutions_under_two_spellings():
    """Generated presentations can name one institution in two spellings, as the bundled data does."""

    spellings = {"Brazil Mission to WTO", "Brazil Mission to the WTO"}

    found = find(st.lists(strategies.presentations()), lambda ps: spellings <= {p.institution for p in ps})

    assert 1 == len(wto_msme.by_institution(p for p in found if p.institution in spellings))


def test_presentations_share_meeting_days():
    """Generated presentations can be given on the same day."""

    found = find(st.lists(strategies.presentations()), lambda ps: len({p.date for p in ps}) < len(ps))

    assert len(wto_msme.meetings(found)) < len(found)


@pytest.mark.parametrize("name", strategies.__all__)
def test_every_strategy_is_documented(name):
    """Every public strategy has a docstring that ends by saying when it was added."""

    doc = inspect.getdoc(getattr(strategies, name))

    assert doc
    assert doc.rstrip().splitlines()[-1].startswith(".. versionadded::")
