"""Tests for examples/: every script and the notebook run to the end."""

from __future__ import annotations

import contextlib
import os
import pathlib
import subprocess
import sys

import pytest

import wto_msme

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))
NOTEBOOK = EXAMPLES / "tour.ipynb"


def _environment() -> dict[str, str]:
    """The environment to run examples in: the wto_msme under test comes first on the path."""
    path = [str(pathlib.Path(wto_msme.__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in path if p)}


def _run(script: pathlib.Path, cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=_environment(),
        timeout=120,
        check=False,
    )


def test_there_are_examples():
    """The examples folder holds the scripts and the notebook the documentation names."""

    names = {p.name for p in EXAMPLES.iterdir()}

    assert {
        "overview.py",
        "participation_figure.py",
        "participation_timeline.py",
        "presentations_by_category.py",
        "tour.ipynb",
    } <= names


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_script_runs(script, tmp_path):
    """The script exits with status 0, prints something, and writes nothing to stderr."""

    result = _run(script, tmp_path)

    assert (0, True, "") == (result.returncode, bool(result.stdout.strip()), result.stderr)


def test_notebook_runs():
    """The notebook runs from top to bottom, every query result shows as an HTML table and every figure as a PNG."""

    nbformat = pytest.importorskip("nbformat", reason="running the notebook needs nbformat (the test extra)")
    nbclient = pytest.importorskip("nbclient", reason="running the notebook needs nbclient (the test extra)")
    pytest.importorskip("ipykernel", reason="running the notebook needs ipykernel (the test extra)")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}
    )
    client.create_kernel_manager()
    try:
        client.start_new_kernel(env=_environment(), cwd=str(EXAMPLES))
        client.start_new_kernel_client()
    except Exception as e:  # whatever stops the kernel from starting, nothing of the notebook ran
        with contextlib.suppress(Exception):
            client.km.shutdown_kernel(now=True)
        pytest.skip(f"the Jupyter kernel cannot start here: {type(e).__name__}: {e}")
    client.execute()
    code = [c for c in notebook.cells if c.cell_type == "code"]
    shown = [set().union(*(o.get("data", {}) for o in c.outputs)) for c in code]
    figures = [i for i, c in enumerate(code) if "wto_msme.plot." in c.source]
    plain = ("participant_count", "find_many")  # a count and a list of names show as text
    tables = [i for i, c in enumerate(code) if not any(p in c.source for p in plain) and i not in figures]

    assert (True, True) == (
        all("text/html" in shown[i] for i in tables),
        bool(figures) and all("image/png" in shown[i] for i in figures),
    )


def test_figure_example_saves_its_figure(tmp_path):
    """participation_figure.py saves a PNG where it says it does."""

    result = _run(EXAMPLES / "participation_figure.py", tmp_path)

    assert (0, b"\x89PNG") == (result.returncode, (tmp_path / "participation.png").read_bytes()[:4])
