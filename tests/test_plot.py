"""Tests for wto_msme.plot: the figures show in a fresh notebook, save as PNG and SVG, and can be read."""

from __future__ import annotations

import pytest

import wto_msme

from .conftest import environment, execute

plot = pytest.importorskip("wto_msme.plot", reason="the figures need matplotlib (the plot extra)", exc_type=ImportError)

FIGURES = ("participation", "presentations_by_theme")


@pytest.fixture(scope="module")
def ds():
    return wto_msme.load()


def test_each_figure_shows_in_a_fresh_notebook_with_no_magic(tmp_path):
    """A notebook that calls each plotting function, with no %matplotlib, shows an image as each cell's output."""

    nbformat = pytest.importorskip("nbformat", reason="running a notebook needs nbformat (the test extra)")
    source = ["import wto_msme, wto_msme.plot\nds = wto_msme.load()"] + [f"wto_msme.plot.{f}(ds)" for f in FIGURES]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in source])
    execute(notebook, tmp_path, environment(MPLBACKEND=None))  # the kernel's own backend, as a reader has it
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
