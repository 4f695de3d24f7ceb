"""
Shared fixtures, helpers and the Hypothesis profiles.

Every profile but "explore" is deterministic: the same examples on every run, drawn from a
seed derived from each test (``derandomize=True``), with no example database, so nothing
found by an earlier run is replayed. HYPOTHESIS_PROFILE chooses the profile: "dev" (the
default, small and quick), "ci" (more examples, as continuous integration runs them) or
"explore" (random examples, a thousand a test, failures kept in ``.hypothesis/`` and
replayed). The long fuzz tests (``pytest -m fuzz``) are random whatever the profile.
"""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import shutil
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

import wto_msme
from wto_msme import DataError

_DETERMINISTIC = settings(
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", _DETERMINISTIC, max_examples=10)
settings.register_profile("ci", _DETERMINISTIC, max_examples=40)
settings.register_profile(
    "explore",
    _DETERMINISTIC,
    max_examples=1000,
    derandomize=False,
    database=DirectoryBasedExampleDatabase(".hypothesis/examples"),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

_FUZZ_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

#: The long fuzz tests of load(path) (test_fuzz.py, marked ``fuzz``, run with
#: ``pytest -m fuzz``): 1000 random cases each unless HYPOTHESIS_FUZZ_EXAMPLES says
#: otherwise, failures kept in ``.hypothesis/`` and tried first on the next fuzz run.
FUZZ = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_FUZZ_EXAMPLES", "1000")),
    derandomize=False,
    database=DirectoryBasedExampleDatabase(".hypothesis/examples"),
    suppress_health_check=_FUZZ_HEALTH,
)

#: The quick sample of each fuzz test that the default run keeps, deterministic as the profile is.
QUICK_FUZZ = settings(max_examples=5, suppress_health_check=_FUZZ_HEALTH)

#: The two seed documents, when the checkout sits beside the project's shared folder.
SOURCES = pathlib.Path(__file__).resolve().parents[2] / "shared" / "sources"

#: The bundled data directory inside the package.
DATA_DIR = pathlib.Path(wto_msme.__file__).parent / "data"

#: The package's source directory.
SRC = pathlib.Path(wto_msme.__file__).parent

#: The environment of a fresh interpreter that imports this same wto_msme.
SUBPROCESS_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC.parent), os.environ.get("PYTHONPATH", "")])}


@pytest.fixture(scope="session")
def ds() -> wto_msme.Dataset:
    """The bundled dataset."""
    return wto_msme.load()


@pytest.fixture
def copy(tmp_path: pathlib.Path) -> pathlib.Path:
    """A writable copy of the bundled data."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@attrs.frozen
class Whole:
    """A change that replaces the whole value of a file."""

    replace: Callable[[Any], Any]


def edit(directory: pathlib.Path, filename: str, change: Callable[[Any], object] | Whole) -> pathlib.Path:
    """Change the JSON value of one file of *directory*, in place or (with Whole) wholesale."""
    path = directory / filename
    data = json.loads(path.read_text("utf-8"))
    if isinstance(change, Whole):
        data = change.replace(data)
    else:
        change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def refused(directory: pathlib.Path) -> DataError:
    """Load *directory*, which must be refused, and return the error."""
    with pytest.raises(DataError) as info:
        wto_msme.load(directory)
    return info.value


def is_subsequence(part, whole):
    """Tell whether the records of *part* are records of *whole*, in the same order."""
    rest = iter(whole)
    return all(any(x is y for y in rest) for x in part)


#: A whole generated dataset takes long to draw: tests over datasets() run at most this many.
DATASET_EXAMPLES = min(20, settings.default.max_examples)


def environment(**changes: str | None) -> dict[str, str]:
    """The environment to run examples in: the wto_msme under test first on the path; *changes* set or unset."""
    path = [str(pathlib.Path(wto_msme.__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in path if p), **changes}
    return {k: v for k, v in env.items() if v is not None}


def execute(notebook: Any, cwd: pathlib.Path, env: dict[str, str]) -> None:
    """Run *notebook* in a fresh Python kernel in *cwd*, its outputs kept; skip the test where no kernel starts."""
    nbclient = pytest.importorskip("nbclient", reason="running a notebook needs nbclient (the test extra)")
    pytest.importorskip("ipykernel", reason="running a notebook needs ipykernel (the test extra)")
    resources = {"metadata": {"path": str(cwd)}}
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3", resources=resources)
    client.create_kernel_manager()
    try:
        client.start_new_kernel(env=env, cwd=str(cwd))
        client.start_new_kernel_client()
    except Exception as e:  # whatever stops the kernel from starting, nothing of the notebook ran
        with contextlib.suppress(Exception):
            client.km.shutdown_kernel(now=True)
        pytest.skip(f"the Jupyter kernel cannot start here: {type(e).__name__}: {e}")
    client.execute()
