"""
Draw the participants' count over time, with its uncertain stretches; save it as a PNG.

Needs the plot extra: ``pip install "wto_msme[plot]"``. Prints the counts at the dates
where the sources give one, beside the range the data and their other counts allow.
"""

import sys

import wto_msme
import wto_msme.plot


def main() -> None:
    ds = wto_msme.load()
    for step in ds.participation():
        if step.claimed is not None:
            exact = step.known == step.most
            shown = str(step.known) if exact else f"{step.known} to {step.most}"
            given = f"{step.date}: the sources give {step.claimed}"
            print(f"{given}; the data and their other counts allow {shown}")
    out = sys.argv[1] if len(sys.argv) > 1 else "participation.png"
    wto_msme.plot.participation(ds).savefig(out, dpi=100)
    print(f"saved the figure as {out}")


if __name__ == "__main__":
    main()
