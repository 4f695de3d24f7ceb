"""
Measure wto_msme against pycountry, and say whether the library keeps its budgets.

Run it from a checkout, after ``python -m pip install ".[bench]"``::

    python benchmarks/bench.py           # the full run: about a minute
    python benchmarks/bench.py --quick   # a short run that proves the benchmark still works

It measures, in one run on one machine, and prints as a Markdown table with the
median of each figure and its ratio to pycountry's:

- the cold start to a first answer, in fresh interpreter processes run in turn with
  pycountry's, with a bare ``python -c pass`` and with a bare ``import attrs``: the
  wall time of each, and each less the bare interpreter's;
- the peak memory (resident set size) of those cold-start processes, and the time each
  of their steps takes inside the process;
- warm look-ups of a Member by name, alias and code, against
  ``pycountry.countries.lookup``, per call;
- a warm search over all presentations, against ``pycountry.countries.search_fuzzy``;
- the import cost of ``import wto_msme`` from ``python -X importtime``, with the five
  heaviest imports.

It measures the wto_msme that this Python imports; from a checkout where it is not
installed, the one in ``src/``. Child processes run with bytecode caches written and
read (``PYTHONDONTWRITEBYTECODE`` is cleared for them), as an installed package has
them. Budgets are reported, never asserted: the exit status is 0 whatever the timings.
"""

from __future__ import annotations

import argparse
import itertools
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Sequence
from importlib import metadata
from typing import Any, NamedTuple

ROOT = pathlib.Path(__file__).resolve().parents[1]

#: The Member every look-up asks for, by name, alias and code, in both libraries.
NAME, ALIAS, CODE = "Viet Nam", "Vietnam", "VNM"
#: What the search looks for: among the presentations, and among pycountry's countries.
OUR_QUERY, THEIR_QUERY = "digital trade", "Viet Nam"

BARE = "pass"
THEIRS = f"import pycountry; pycountry.countries.lookup({NAME!r})"
IMPORT_ONLY = "import wto_msme"
OURS = f"import wto_msme; ds = wto_msme.load(); ds.members.find({NAME!r})"
ATTRS = "import attrs"

#: The same cold starts, timing each step inside the process: ``-c`` scripts that print
#: the seconds each step took.
OUR_STEPS = f"""import time
t = [time.perf_counter()]
import wto_msme
t.append(time.perf_counter())
ds = wto_msme.load()
t.append(time.perf_counter())
ds.members.find({NAME!r})
t.append(time.perf_counter())
print(*(b - a for a, b in zip(t, t[1:])))"""
THEIR_STEPS = f"""import time
t = [time.perf_counter()]
import pycountry
t.append(time.perf_counter())
pycountry.countries.lookup({NAME!r})
t.append(time.perf_counter())
print(*(b - a for a, b in zip(t, t[1:])))"""

#: The budgets the library keeps (see docs/performance.md).
COLD_RATIO_BUDGET, COLD_RATIO_AIM = 1.0, 0.8
LOOKUP_BUDGET_S = 1e-6
SEARCH_BUDGET_S = 1e-3
#: Coordinators.during over this many terms in sequence, the whole period, within this time:
#: a linear sweep takes a few milliseconds, a quadratic one (as before 0.2.0) over a second.
MANY_TERMS, DURING_BUDGET_S = 4000, 0.1


class Mode(NamedTuple):
    """How much to measure."""

    cold_runs: int
    repeats: int
    lookup_number: int | None  # None: as many calls as fill 0.2 s (timeit's autorange)
    search_number: int | None
    importtime_runs: int
    probe_runs: int  # of the scripts that time their steps and report their peak memory


FULL = Mode(cold_runs=25, repeats=9, lookup_number=None, search_number=None, importtime_runs=7, probe_runs=9)
QUICK = Mode(cold_runs=3, repeats=3, lookup_number=200, search_number=5, importtime_runs=1, probe_runs=1)


class Row(NamedTuple):
    """One line of the table: what, ours, theirs, their ratio, the budget and whether it is met."""

    measure: str
    ours: str
    theirs: str = ""
    ratio: str = ""
    budget: str = ""
    met: str = ""


# --- Fresh processes ---------------------------------------------------------------------------


def child_environment() -> dict[str, str]:
    """Return the environment of the measured processes: bytecode caches on; src/ if not installed."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if _from_checkout():
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    return env


def _from_checkout() -> bool:
    try:
        metadata.version("wto_msme")
    except metadata.PackageNotFoundError:
        return True
    return False


def run_once(code: str, env: dict[str, str]) -> float:
    """Run ``python -c code`` in a fresh process and return its wall time, in seconds."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    _raise_if_failed(done.returncode, code, env)
    return elapsed


#: Appended to a cold-start script to print the process's peak resident set size, in KiB.
#: On Linux, VmHWM of /proc/self/status: ``getrusage(RUSAGE_SELF).ru_maxrss`` would also
#: count the memory of the (larger) benchmark process it was forked from, which the
#: kernel carries over into it across ``exec``.
PEAK_RSS = """
try:
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except OSError:
    import resource, sys
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // (1024 if sys.platform == "darwin" else 1)
print(peak)
"""


def probe(code: str, runs: int, env: dict[str, str]) -> tuple[list[float], float]:
    """
    Run *code* then :data:`PEAK_RSS` in *runs* fresh processes.

    Return the median of each number *code* prints on its last line (none if it prints
    nothing) and the median peak RSS, in KiB.
    """
    printed: list[list[float]] = []
    peaks = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", code + "\n" + PEAK_RSS], env=env, capture_output=True, text=True, check=False
        )
        _raise_if_failed(done.returncode, code, env)
        *lines, peak = done.stdout.splitlines()
        printed.append([float(x) for x in lines[-1].split()] if lines else [])
        peaks.append(int(peak))
    return [statistics.median(column) for column in zip(*printed, strict=True)], statistics.median(peaks)


def _raise_if_failed(returncode: int, code: str, env: dict[str, str]) -> None:
    if returncode:
        again = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
        sys.exit(f"the benchmark's process failed (exit status {returncode}): python -c {code!r}\n{again.stderr}")


def cold_starts(scripts: Sequence[str], runs: int, env: dict[str, str]) -> dict[str, list[float]]:
    """
    Run each script *runs* times in fresh processes, in turn, rotating the order each round.

    Each script runs twice first, untimed, so that every bytecode cache is written.
    """
    for code in scripts:
        run_once(code, env)
        run_once(code, env)
    results: dict[str, list[float]] = {code: [] for code in scripts}
    for i in range(runs):
        shift = i % len(scripts)
        for code in (*scripts[shift:], *scripts[:shift]):
            results[code].append(run_once(code, env))
    return results


def import_times(runs: int, env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """
    Return each module's median (self, cumulative) import time in seconds, from ``-X importtime``.
    """
    samples: dict[str, list[tuple[int, int]]] = {}
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", IMPORT_ONLY], env=env, capture_output=True, text=True, check=True
        )
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "cumulative" in line:
                continue
            own, total, name = line.removeprefix("import time:").split("|")
            samples.setdefault(name.strip(), []).append((int(own), int(total)))
    return {
        name: (statistics.median(s for s, _ in values) / 1e6, statistics.median(c for _, c in values) / 1e6)
        for name, values in samples.items()
    }


# --- In this process ----------------------------------------------------------------------------


def per_call(stmt: str, namespace: dict[str, Any], number: int | None, repeats: int) -> float:
    """Return the median time of one call of *stmt*, in seconds, over *repeats* timings."""
    timer = timeit.Timer(stmt, globals=namespace)
    if number is None:
        number, _ = timer.autorange()
    return statistics.median(timer.repeat(repeat=repeats, number=number)) / number


def warm_rows(mode: Mode) -> list[Row]:
    """Time the warm look-ups and the search, in this process, against pycountry's."""
    import pycountry

    import wto_msme

    ds = wto_msme.load()
    theirs = {"lookup": pycountry.countries.lookup, "search_fuzzy": pycountry.countries.search_fuzzy}
    rows = []
    for label, query in (("name", NAME), ("alias", ALIAS), ("code", CODE)):
        measure = f"`ds.members.find` by {label} ({query!r}), warm, per call"
        their_time = per_call(f"lookup({query!r})", theirs, mode.lookup_number, mode.repeats)
        if theirs["lookup"](query).alpha_3 != CODE:
            sys.exit(f"pycountry's lookup({query!r}) is not {NAME}")
        if ds.members.find(query).iso_alpha3 != CODE:
            sys.exit(f"ds.members.find({query!r}) is not {NAME}")
        our_time = per_call(f"members.find({query!r})", {"members": ds.members}, mode.lookup_number, mode.repeats)
        met = our_time <= LOOKUP_BUDGET_S
        rows.append(Row(measure, _us(our_time), _us(their_time), _ratio(our_time, their_time), "≤ 1 µs", _yes(met)))

    measure = f"`ds.presentations.search` over all {len(ds.presentations)} ({OUR_QUERY!r}), warm, per call"
    their_time = per_call(f"search_fuzzy({THEIR_QUERY!r})", theirs, mode.search_number, mode.repeats)
    if not ds.presentations.search(OUR_QUERY):
        sys.exit(f"ds.presentations.search({OUR_QUERY!r}) found nothing")
    ours = {"presentations": ds.presentations}
    our_time = per_call(f"presentations.search({OUR_QUERY!r})", ours, mode.search_number, mode.repeats)
    met = our_time < SEARCH_BUDGET_S
    rows.append(Row(measure, _ms(our_time), _ms(their_time), _ratio(our_time, their_time), "< 1 ms", _yes(met)))
    rows.append(_during_row(mode))
    return rows


def _during_row(mode: Mode) -> Row:
    """Time Coordinators.during over MANY_TERMS terms in sequence, each built afresh (no index kept)."""
    import attrs

    import wto_msme
    from wto_msme.collections import Coordinators

    first = wto_msme.load().coordinators[0]
    terms = [
        attrs.evolve(first, id=f"t{i}", start=wto_msme.PartialDate(2000 + i // 12, i % 12 + 1), end=None)
        for i in range(MANY_TERMS)
    ]
    terms = [attrs.evolve(t, end=n.start) for t, n in itertools.pairwise(terms)] + terms[-1:]
    stmt = "Coordinators(terms).during('2000', '9999')"
    our_time = per_call(stmt, {"Coordinators": Coordinators, "terms": terms}, mode.search_number, mode.repeats)
    measure = f"`Coordinators.during` over {MANY_TERMS:,} terms in sequence, index built each time"
    return Row(measure, _ms(our_time), "", "", "< 100 ms", _yes(our_time < DURING_BUDGET_S))


# --- The table ----------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms" if seconds >= 0.01 else f"{seconds * 1e3:.2f} ms"


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:.2f} µs"


def _mib(kib: float) -> str:
    return f"{kib / 1024:.1f} MiB"


def _ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}"


def _yes(met: bool) -> str:
    return "yes" if met else "**no**"


def cold_rows(wall_times: dict[str, list[float]], rss: dict[str, float], ours: str, runs: int) -> list[Row]:
    """Summarise the cold starts: wall times, the same less the bare interpreter's, and memory."""
    wall = {code: statistics.median(times) for code, times in wall_times.items()}
    bare = wall[BARE]
    ratio = wall[ours] / wall[THEIRS]
    first = "the first answer"
    return [
        Row(
            f"Cold start to {first}, wall, median of {runs}",
            _ms(wall[ours]),
            _ms(wall[THEIRS]),
            f"{ratio:.2f}",
            f"< {COLD_RATIO_BUDGET:.1f} (aim {COLD_RATIO_AIM})",
            _yes(ratio < COLD_RATIO_BUDGET) + ("" if ratio <= COLD_RATIO_AIM else ", aim not reached"),
        ),
        Row(
            f"The same, less a bare `python -c pass` ({_ms(bare)})",
            _ms(wall[ours] - bare),
            _ms(wall[THEIRS] - bare),
            _ratio(wall[ours] - bare, wall[THEIRS] - bare),
        ),
        Row(
            "`import wto_msme` alone, wall, against pycountry's whole cold start",
            _ms(wall[IMPORT_ONLY]),
            _ms(wall[THEIRS]),
            _ratio(wall[IMPORT_ONLY], wall[THEIRS]),
        ),
        Row(
            "For reference: `import attrs` alone, wall",
            _ms(wall[ATTRS]),
            _ms(wall[THEIRS]),
            _ratio(wall[ATTRS], wall[THEIRS]),
        ),
        Row(
            f"Peak memory (RSS) of the cold-start process (bare: {_mib(rss[BARE])})",
            _mib(rss[ours]),
            _mib(rss[THEIRS]),
            _ratio(rss[ours], rss[THEIRS]),
            "≤ pycountry's",
            _yes(rss[ours] <= rss[THEIRS]),
        ),
    ]


def step_rows(ours: list[float], theirs: list[float]) -> list[Row]:
    """Summarise where each cold start spends its time, inside the process."""
    our_import, our_load, our_find = ours
    their_import, their_lookup = theirs
    return [
        Row("`import wto_msme` / `import pycountry`", _ms(our_import), _ms(their_import)),
        Row("`wto_msme.load()`", _ms(our_load), "none"),
        Row("the first `members.find` / `countries.lookup`", _ms(our_find), _ms(their_lookup)),
        Row("in all", _ms(sum(ours)), _ms(sum(theirs)), _ratio(sum(ours), sum(theirs))),
    ]


def table(rows: Sequence[Row], header: Sequence[str], align: str) -> str:
    """Return *rows* as a Markdown table; *align* has an ``l`` or ``r`` per column."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"]
    lines.extend("| " + " | ".join(row[: len(header)]) + " |" for row in rows)
    return "\n".join(lines)


def machine() -> str:
    """Describe the machine and the software measured."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = pathlib.Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        lines = cpuinfo.read_text().splitlines()
        models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
        cpu = models[0] if models else cpu
    versions = ", ".join(f"{d} {metadata.version(d)}" for d in ("pycountry", "attrs"))
    return (
        f"- CPU: {cpu}, {os.cpu_count()} logical cores\n"
        f"- Python {platform.python_version()} ({platform.python_implementation()}) on {_system()}\n"
        f"- wto_msme {_our_version()} ({'this checkout' if _from_checkout() else 'installed'}), {versions}"
    )


def _system() -> str:
    release = pathlib.Path("/etc/os-release")
    if release.is_file():
        for line in release.read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return f"{line.split('=', 1)[1].strip(chr(34))}, {platform.system()} {platform.release()}"
    return platform.platform()


def _our_version() -> str:
    import wto_msme

    return wto_msme.__version__


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].strip() if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a short run that proves the benchmark works")
    args = parser.parse_args(argv)
    mode = QUICK if args.quick else FULL
    if _from_checkout():
        sys.path.insert(0, str(ROOT / "src"))
    env = child_environment()

    ours = OURS
    scripts = (ours, THEIRS, BARE, IMPORT_ONLY, ATTRS)
    _say(f"Cold starts: {mode.cold_runs} runs of each of {len(scripts)} processes, in turn")
    wall_times = cold_starts(scripts, mode.cold_runs, env)
    _say(f"Steps and peak memory: {mode.probe_runs} run(s) of each")
    our_steps, our_rss = probe(OUR_STEPS, mode.probe_runs, env)
    their_steps, their_rss = probe(THEIR_STEPS, mode.probe_runs, env)
    _, bare_rss = probe(BARE, mode.probe_runs, env)
    rss = {ours: our_rss, THEIRS: their_rss, BARE: bare_rss}
    _say("Warm look-ups and search")
    rows = [*cold_rows(wall_times, rss, ours, mode.cold_runs), *warm_rows(mode)]
    _say(f"python -X importtime -c 'import wto_msme', {mode.importtime_runs} run(s)")
    imports = import_times(mode.importtime_runs, env)
    total = imports["wto_msme"][1]
    rows.append(Row("`import wto_msme`, from `-X importtime` (cumulative)", _ms(total)))

    print("\n" + machine() + "\n")
    print(table(rows, ("Measure", "wto_msme", "pycountry", "Ratio", "Budget", "Met"), "lrrrll"))
    print(f"\nWhere the cold start goes, timed inside the process (median of {mode.probe_runs}):\n")
    print(table(step_rows(our_steps, their_steps), ("Step", "wto_msme", "pycountry", "Ratio"), "lrrr"))
    heaviest = sorted(imports.items(), key=lambda item: item[1][0], reverse=True)[:5]
    print("\nThe five heaviest imports under `import wto_msme`, by their own time (`-X importtime`):\n")
    print(table([Row(f"`{m}`", _ms(s), _ms(c)) for m, (s, c) in heaviest], ("Module", "Self", "Cumulative"), "lrr"))
    missed = [row.measure for row in rows if row.met.startswith(("**no**", "not measured"))]
    if missed:
        print("\nBudgets not met or not measured:\n- " + "\n- ".join(missed))
    else:
        print("\nEvery budget is met.")


def _say(text: str) -> None:
    print(f"... {text}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
