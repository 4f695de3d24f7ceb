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

#: The two seed documents, when the checkout sits beside the project's shared folder.
SOURCES = pathlib.Path(__file__).resolve().parents[2] / "shared" / "sources"

#: The bundled data directory inside the package.
DATA_DIR = pathlib.Path(wto_msme.__file__).parent / "data"


@pytest.fixture(scope="session")
def ds() -> wto_msme.Dataset:
    """The bundled dataset."""
    return wto_msme.load()
