"""Tests for wto_msme.strategies."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import textwrap

from hypothesis import given

import wto_msme
from wto_msme import _model, strategies
from wto_msme._checks import check
from wto_msme._dataset import COLLECTIONS
from wto_msme._describe import field_types

MODEL_CLASSES = list(_model.RECORDS)

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


@given(strategies.datasets())
def test_datasets_pass_the_integrity_checks(ds):
    """Every generated dataset passes the checks that every loaded dataset must pass."""

    assert [] == check(ds)


@given(strategies.datasets(max_size=3))
def test_datasets_hold_the_collection_classes(ds):
    """Every collection of a generated dataset is of the class its field declares."""

    assert [field_types(wto_msme.Dataset)[n] for n in COLLECTIONS] == [type(getattr(ds, n)) for n in COLLECTIONS]


@given(strategies.partial_dates(wto_msme.PartialDate(2020, 3), wto_msme.PartialDate(2021)))
def test_partial_dates_lie_within_their_bounds(d):
    """A drawn partial date lies wholly between the bounds given."""

    assert (True, True) == (
        d.first_day >= wto_msme.PartialDate(2020, 3).first_day,
        d.last_day <= wto_msme.PartialDate(2021).last_day,
    )
