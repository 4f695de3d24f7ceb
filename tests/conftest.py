"""Shared fixtures and the Hypothesis profiles."""

from __future__ import annotations

import os
import pathlib

import pytest
from hypothesis import HealthCheck, settings

import wto_msme

#: "ci" is deterministic (the same examples on every run, no example database) and
#: moderately sized; "dev", the default, is small and quick.
settings.register_profile(
    "ci",
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

_FUZZ_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

#: The long fuzz tests of load(path) (test_fuzz.py, marked ``fuzz``, run with
#: ``pytest -m fuzz``): 1000 cases each unless HYPOTHESIS_FUZZ_EXAMPLES says otherwise.
FUZZ = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_FUZZ_EXAMPLES", "1000")),
    suppress_health_check=_FUZZ_HEALTH,
)

#: The quick sample of each fuzz test that the default run keeps.
QUICK_FUZZ = settings(max_examples=5, suppress_health_check=_FUZZ_HEALTH)

#: The two seed documents, when the checkout sits beside the project's shared folder.
SOURCES = pathlib.Path(__file__).resolve().parents[2] / "shared" / "sources"

#: The bundled data directory inside the package.
DATA_DIR = pathlib.Path(wto_msme.__file__).parent / "data"


@pytest.fixture(scope="session")
def ds() -> wto_msme.Dataset:
    """The bundled dataset."""
    return wto_msme.load()


def is_subsequence(part, whole):
    """Tell whether the records of *part* are records of *whole*, in the same order."""
    rest = iter(whole)
    return all(any(x is y for y in rest) for x in part)


#: A whole generated dataset takes long to draw: tests over datasets() run at most this many.
DATASET_EXAMPLES = min(20, settings.default.max_examples)
