"""Tests for examples/: every script and the notebook run to the end."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

from .conftest import environment, execute

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))
NOTEBOOK = EXAMPLES / "tour.ipynb"


def _run(script: pathlib.Path, cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment(),
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
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    execute(notebook, EXAMPLES, environment())
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
