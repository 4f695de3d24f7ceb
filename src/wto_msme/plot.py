"""
Figures of the group's story, drawn with matplotlib.

matplotlib is an optional dependency: ``pip install "wto_msme[plot]"``. Importing
:mod:`wto_msme` never imports it; importing this module does. Each function returns a
new figure, which Jupyter shows as an image with no ``%matplotlib`` command and
``figure.savefig("name.png")`` or ``figure.savefig("name.svg")`` saves. Nothing is drawn
through pyplot, so no figure is kept open behind the reader's back.

>>> import wto_msme, wto_msme.plot
>>> figure = wto_msme.plot.participation(wto_msme.load())
>>> figure.axes[0].get_title()
'Participants in the MSME group, as the WTO counts them'

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

try:
    from matplotlib import dates as _mdates
    from matplotlib.figure import Figure
except ImportError as e:  # pragma: no cover - exercised in a subprocess test
    msg = 'wto_msme.plot needs matplotlib, which is not installed: install it with pip install "wto_msme[plot]"'
    raise ImportError(msg) from e

if TYPE_CHECKING:
    import datetime

    from ._dataset import Dataset

__all__ = ["participation", "presentations_by_theme"]

#: Paul Tol's "muted" qualitative palette, whose colours readers with any common colour
#: blindness tell apart; past its nine, the colours come round again hatched.
_PALETTE = ("#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499")
_HATCHES = ("", "//", "..", "xx")


class _Figure(Figure):
    """A figure that Jupyter shows as a PNG, whether or not a matplotlib backend is set up."""

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png")
        return buffer.getvalue()


def _days(days: list[datetime.date]) -> list[float]:
    """The days as matplotlib's date numbers."""
    return [float(_mdates.date2num(d)) for d in days]  # type: ignore[no-untyped-call]


def participation(dataset: Dataset) -> Figure:
    """
    Draw the participants' count over time: the sources' count, the bounds the data allows, the claims.

    The line is the count as the sources give it, each claim's count drawn from its date
    to the next claim's; the shaded band runs from the fewest to the most that may have
    taken part (:meth:`~wto_msme.Dataset.participation`), and each dot is a claim at
    the first day of its period.

    Args:
        dataset: The dataset, such as ``wto_msme.load()``.

    Returns:
        A new figure, not shown yet; save it with ``figure.savefig(path)``, or let Jupyter show it.
    """
    steps = dataset.participation()
    days = _days([s.date.first_day for s in steps])
    figure = _Figure(figsize=(9, 4.5), layout="constrained")
    ax = figure.add_subplot()
    ax.fill_between(days, [s.known for s in steps], [s.most for s in steps], step="post", alpha=0.2, color="grey",
                    label="the fewest to the most the data allows")  # fmt: skip
    claimed = [(d, s.claimed, s.claim) for d, s in zip(days, steps, strict=True) if s.claimed is not None]
    xs, ys = [d for d, _, _ in claimed], [c for _, c, _ in claimed]
    if claimed:  # held from each claim to the next, and the last to the end
        ax.step([*xs, days[-1]], [*ys, ys[-1]], where="post", linewidth=2, label="the count the sources give")
    first = {claim: (d, c) for d, c, claim in reversed(claimed)}.values()  # each claim at its first step
    ax.scatter([d for d, _ in first], [c for _, c in first], color="black", zorder=3, s=14,
               label="a count the sources give")  # fmt: skip
    ax.xaxis_date()
    ax.set_title("Participants in the MSME group, as the WTO counts them")
    ax.set_ylabel("WTO Members")
    ax.set_ylim(0, max(s.most for s in steps) * 1.1)
    ax.legend(loc="lower right")
    ax.grid(alpha=0.3)
    return figure


def presentations_by_theme(dataset: Dataset) -> Figure:
    """
    Draw how many presentations each theme had, year by year, as stacked bars.

    Each theme has its own colour from a palette colour-blind readers can tell apart
    (hatched where the themes outnumber its colours), and the legend lists the themes
    in the order they are stacked, the top one first.

    Args:
        dataset: The dataset, such as ``wto_msme.load()``.

    Returns:
        A new figure, not shown yet; save it with ``figure.savefig(path)``, or let Jupyter show it.
    """
    groups = dataset.presentations.by_category()
    years = sorted({p.date.year for p in dataset.presentations})
    figure = _Figure(figsize=(9, 4.5), layout="constrained")
    ax = figure.add_subplot()
    bottom = [0] * len(years)
    counted = [(c, [sum(p.date.year == y for p in ps) for y in years]) for c, ps in groups.items()]
    for i, (category, counts) in enumerate((c, n) for c, n in counted if any(n)):
        colour, hatch = _PALETTE[i % len(_PALETTE)], _HATCHES[i // len(_PALETTE) % len(_HATCHES)]
        ax.bar(range(len(years)), counts, bottom=bottom, label=category.value, color=colour, hatch=hatch,
               edgecolor="white", linewidth=0.5)  # fmt: skip
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_title("Presentations to the MSME group, by theme and year")
    ax.set_ylabel("Presentations")
    handles, labels = ax.get_legend_handles_labels()  # the top of the stack first, as it is drawn
    ax.legend(handles[::-1], labels[::-1], fontsize="small", loc="center left", bbox_to_anchor=(1, 0.5))
    return figure
