"""Tests for wto_msme.plot: the figures show in a fresh notebook, save as PNG and SVG, and can be read."""

from __future__ import annotations

import contextlib
import os
import pathlib

import pytest

import wto_msme

plot = pytest.importorskip("wto_msme.plot", reason="the figures need matplotlib (the plot extra)", exc_type=ImportError)

FIGURES = ("participation", "presentations_by_theme")


@pytest.fixture(scope="module")
def ds():
    return wto_msme.load()


def test_each_figure_shows_in_a_fresh_notebook_with_no_magic():
    """A notebook that calls each plotting function, with no %matplotlib, shows an image as each cell's output."""

    nbformat = pytest.importorskip("nbformat", reason="running a notebook needs nbformat (the test extra)")
    nbclient = pytest.importorskip("nbclient", reason="running a notebook needs nbclient (the test extra)")
    pytest.importorskip("ipykernel", reason="running a notebook needs ipykernel (the test extra)")
    source = ["import wto_msme, wto_msme.plot\nds = wto_msme.load()"] + [f"wto_msme.plot.{f}(ds)" for f in FIGURES]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in source])
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3")
    package = str(pathlib.Path(wto_msme.__file__).resolve().parents[1])
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # the kernel's own default, as a reader has it
    client.create_kernel_manager()
    try:
        client.start_new_kernel(env={**env, "PYTHONPATH": os.pathsep.join([package, env.get("PYTHONPATH", "")])})
        client.start_new_kernel_client()
    except Exception as e:  # whatever stops the kernel from starting, nothing of the notebook ran
        with contextlib.suppress(Exception):
            client.km.shutdown_kernel(now=True)
        pytest.skip(f"the Jupyter kernel cannot start here: {type(e).__name__}: {e}")
    client.execute()
    shown = [[o.get("data", {}) for o in cell.outputs] for cell in notebook.cells[1:]]

    assert [True] * len(FIGURES) == [
        len(out) == 1 and out[0].get("image/png", "").startswith("iVBORw0KGgo") for out in shown
    ]


@pytest.mark.parametrize("name", FIGURES)
@pytest.mark.parametrize(("suffix", "start"), [("png", b"\x89PNG"), ("svg", b"<?xml")])
def test_each_figure_saves(ds, tmp_path, name, suffix, start):
    """Each figure saves in the format its file name asks for, PNG or SVG."""

    path = tmp_path / f"figure.{suffix}"
    getattr(plot, name)(ds).savefig(path)

    assert start == path.read_bytes()[: len(start)]


def test_each_theme_has_its_own_look_and_the_legend_follows_the_stack(ds):
    """No two themes share a colour and hatch, and the legend lists them from the top of the stack down."""

    ax = plot.presentations_by_theme(ds).axes[0]
    looks = [(c.patches[0].get_facecolor(), c.patches[0].get_hatch()) for c in ax.containers]
    stacked = [c.get_label() for c in ax.containers]

    assert (len(stacked), stacked[::-1]) == (len(set(looks)), [t.get_text() for t in ax.get_legend().get_texts()])


def test_the_theme_palette_is_qualitative_and_colour_blind_safe():
    """The palette is Paul Tol's muted scheme: nine colours, none repeated."""

    assert (9, 9) == (len(plot._PALETTE), len({c.lower() for c in plot._PALETTE}))
