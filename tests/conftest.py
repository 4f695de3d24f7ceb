"""Shared fixtures and the Hypothesis profiles."""

from __future__ import annotations

import os
import pathlib

import pytest
from hypothesis import HealthCheck, settings

import wto_msme

settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

#: The fuzz tests of load(path) (test_fuzz.py): a quick sample under "dev"; under "ci",
#: each runs FUZZ_EXAMPLES["ci"] cases (the one on generated datasets a quarter of that),
#: several thousand in all. HYPOTHESIS_FUZZ_EXAMPLES overrides it for a longer local run.
FUZZ_EXAMPLES = {"dev": 10, "ci": 1000}
FUZZ = settings(
    max_examples=int(
        os.environ.get("HYPOTHESIS_FUZZ_EXAMPLES", FUZZ_EXAMPLES.get(os.environ.get("HYPOTHESIS_PROFILE", "dev"), 10))
    ),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

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
