"""Tests for wto_msme.plot's figures (the rest of this file moved to test_dataset.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest


class TestPlot:
    def test_the_line_is_the_sources_count(self, ds):
        """The figure's line is the sources' count, held from each claim to the next; the band and the dots follow."""

        plot = pytest.importorskip("wto_msme.plot", exc_type=ImportError)
        ax = plot.participation(ds).axes[0]
        steps = ds.participation()
        claimed = [s.claimed for s in steps if s.claimed is not None]

        assert ([*claimed, claimed[-1]], 2, len({s.claim for s in steps if s.claim})) == (
            list(ax.lines[0].get_ydata()),
            len(ax.collections),
            len(ax.collections[-1].get_offsets()),
        )

    def test_presentations_by_theme(self, ds):
        """The bars of a year add up to the presentations of that year."""

        plot = pytest.importorskip("wto_msme.plot", exc_type=ImportError)
        ax = plot.presentations_by_theme(ds).axes[0]
        heights: dict[str, float] = {}
        for container in ax.containers:
            for label, bar in zip(ax.get_xticklabels(), container, strict=True):
                heights[label.get_text()] = heights.get(label.get_text(), 0) + bar.get_height()

        assert {str(y): sum(p.date.year == y for p in ds.presentations) for y in (2021, 2022, 2023)} == heights

    def test_importing_wto_msme_does_not_import_matplotlib(self):
        """Loading the data and answering a question never imports matplotlib."""

        code = "import sys, wto_msme; wto_msme.load().participation(); print('matplotlib' in sys.modules)"
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

        assert "False" == done.stdout.strip()
