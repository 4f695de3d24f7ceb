"""
Measure wto_msme against pycountry, and say which of the library's budgets are met.

Run it from a checkout, after ``python -m pip install ".[bench]"``::

    python benchmarks/bench.py           # the full run: one to three minutes
    python benchmarks/bench.py --quick   # a short run that proves the benchmark still works

It measures, in one run on one machine, and prints as Markdown tables with the median
of each figure and its ratio to pycountry's:

- the cold start to a first answer (import, ``load()`` of everything, ``members.find``)
  against pycountry's first look-up, in fresh interpreter processes run in turn with a
  bare ``python -c pass``, a bare ``import attrs``, iso3166's first answer and
  ``import wto_msme`` alone, printed beside it as references; the library's own share
  of it (the first answer less ``import attrs``); the time each step takes inside the
  process; and the peak memory of each process;
- the first full-text search over every record, which builds the index, in fresh
  processes of its own after the first answer, per record;
- warm look-ups of a Member by name, alias and code, against
  ``pycountry.countries.lookup``, and a warm search over every record, against
  ``pycountry.countries.search_fuzzy``, per call;
- what the checks every record makes of its fields at construction cost, building the
  whole bundled dataset again with them and without them;
- the import cost of ``import wto_msme`` from ``python -X importtime``, with the five
  heaviest imports.

The machine it runs on may be shared and loaded: every kind of process runs in turn
with the others, the order rotating each round, so that a burst of load falls on all
alike, and each figure is the median of many runs. The load average is printed with
the results. Times are given as wall time and as CPU time (user and system), since on
a loaded machine wall time also counts the waits for a processor: the budgets that are
ratios of cold starts are judged on wall time, those in seconds (per record, per call)
on CPU time, with the wall time beside it.

It measures the wto_msme that this Python imports; from a checkout where it is not
installed, the one in ``src/``. Child processes run with bytecode caches written and
read (``PYTHONDONTWRITEBYTECODE`` is cleared for them), as an installed package has
them. Budgets are reported, never asserted: the exit status is 0 whatever the timings.
"""

from __future__ import annotations

import argparse
import importlib.util
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

#: The Member every look-up asks for, by name, alias and code, in each library.
NAME, ALIAS, CODE = "Viet Nam", "Vietnam", "VNM"
#: What the searches look for: among all the records, and among pycountry's countries.
OUR_QUERY, THEIR_QUERY = "digital trade", "Viet Nam"

#: The budgets the library keeps (see docs/performance.md).
FIRST_ANSWER_BUDGET = 1.10  # the first answer, over pycountry's
OWN_SHARE_BUDGET = 0.40  # the first answer less `import attrs`, over pycountry's first answer
FIRST_SEARCH_BUDGET_S = 25e-6  # the first search over every record, per record
LOOKUP_BUDGET_S = 1e-6
SEARCH_BUDGET_S = 1e-3
#: Coordinators.during over this many terms in sequence, the whole period, within this time:
#: a linear sweep takes a few milliseconds, a quadratic one (as in 0.1.0) over a second.
MANY_TERMS, DURING_BUDGET_S = 4000, 0.1


def timed(*steps: str) -> str:
    """Return a script that runs *steps* and prints the seconds each took: a line of wall times, one of CPU times."""
    now = "t.append((time.perf_counter(), time.process_time()))"
    lines = ["import time", "t = []", now]
    for step in steps:
        lines += [step, now]
    return "\n".join([*lines, *(f"print(*(b[{c}] - a[{c}] for a, b in zip(t, t[1:])))" for c in (0, 1))])


class Script(NamedTuple):
    """A kind of fresh process: what it is called in the tables, and its code."""

    label: str
    code: str


BARE = Script("`python -c pass`", "pass")
ATTRS = Script("`import attrs`", "import attrs")
ISO3166 = Script("iso3166's first answer", f"import iso3166; iso3166.countries.get({NAME!r})")
IMPORT_ONLY = Script("`import wto_msme` alone", "import wto_msme")
OURS = Script("the first answer", timed("import wto_msme", "ds = wto_msme.load()", f"ds.members.find({NAME!r})"))
THEIRS = Script("pycountry's first answer", timed("import pycountry", f"pycountry.countries.lookup({NAME!r})"))
#: The same as OURS, then the first search: its wall time is not compared, only its steps.
FIRST_SEARCH = Script(
    "the first search",
    timed("import wto_msme", "ds = wto_msme.load()", f"ds.members.find({NAME!r})", f"ds.search({OUR_QUERY!r})"),
)
SCRIPTS = (OURS, THEIRS, BARE, ATTRS, ISO3166, IMPORT_ONLY, FIRST_SEARCH)


class Mode(NamedTuple):
    """How much to measure."""

    cold_runs: int  # rounds of fresh processes, one of each kind a round
    repeats: int
    lookup_number: int | None  # None: as many calls as fill 0.2 s (timeit's autorange)
    search_number: int | None
    importtime_runs: int


FULL = Mode(cold_runs=25, repeats=9, lookup_number=None, search_number=None, importtime_runs=7)
QUICK = Mode(cold_runs=3, repeats=3, lookup_number=200, search_number=5, importtime_runs=1)


class Row(NamedTuple):
    """One line of a table: what, ours, theirs, their ratio, the budget and whether it is met."""

    measure: str
    ours: str
    theirs: str = ""
    ratio: str = ""
    budget: str = ""
    met: str = ""


class Verdict(NamedTuple):
    """A budget, what was measured against it, and whether it is met."""

    budget: str
    measured: str
    met: bool


# --- Fresh processes ---------------------------------------------------------------------------


def child_environment() -> dict[str, str]:
    """Return the environment of the measured processes: bytecode caches on; src/ if not installed."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if _from_checkout():
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    return env


def _from_checkout() -> bool:
    """Whether this Python cannot import wto_msme as it is, so that the one in src/ is measured."""
    return importlib.util.find_spec("wto_msme") is None


def _where() -> str:
    """Say where the wto_msme measured comes from: this checkout or an installed copy."""
    import wto_msme

    return "this checkout" if ROOT in pathlib.Path(wto_msme.__file__).resolve().parents else "installed"


#: Appended to every cold-start script to print the process's peak resident set size, in KiB.
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


class Run(NamedTuple):
    """What one fresh process gave: its wall and CPU times, those of its steps, and its peak RSS in KiB."""

    wall: float
    cpu: float  # user and system, of the process as its parent sees it
    steps: list[float]
    cpu_steps: list[float]
    peak: int


def run_once(script: Script, env: dict[str, str]) -> Run:
    """Run *script*, then :data:`PEAK_RSS`, in a fresh process."""
    before, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script.code + "\n" + PEAK_RSS], env=env, capture_output=True, text=True, check=False
    )
    wall, cpu = time.perf_counter() - start, _children_cpu() - before
    if done.returncode:
        sys.exit(f"{sys.executable} -c {script.code!r} failed (PYTHONPATH={env.get('PYTHONPATH')}):\n{done.stderr}")
    *lines, peak = done.stdout.splitlines()
    steps, cpu_steps = ([float(x) for x in line.split()] for line in lines[-2:]) if lines else ([], [])
    return Run(wall, cpu, steps, cpu_steps, int(peak))


def _children_cpu() -> float:
    """Return the CPU time, user and system, of the child processes that have ended, in seconds."""
    try:
        import resource
    except ImportError:  # not on Unix: os.times, in clock ticks
        times = os.times()
        return times.children_user + times.children_system
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cold_starts(scripts: Sequence[Script], runs: int, env: dict[str, str]) -> dict[Script, list[Run]]:
    """
    Run each script *runs* times in fresh processes, in turn, rotating the order each round.

    Each script runs twice first, untimed, so that every bytecode cache is written.
    """
    for script in scripts:
        run_once(script, env)
        run_once(script, env)
    results: dict[Script, list[Run]] = {script: [] for script in scripts}
    for i in range(runs):
        shift = i % len(scripts)
        for script in (*scripts[shift:], *scripts[:shift]):
            results[script].append(run_once(script, env))
    return results


def import_times(runs: int, env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """
    Return each module's median (self, cumulative) import time in seconds, from ``-X importtime``.
    """
    samples: dict[str, list[tuple[int, int]]] = {}
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", IMPORT_ONLY.code],
            env=env,
            capture_output=True,
            text=True,
            check=True,
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
    """Return the median CPU time of one call of *stmt*, in seconds, over *repeats* timings."""
    timer = timeit.Timer(stmt, timer=time.process_time, globals=namespace)
    if number is None:
        number, _ = timer.autorange()
    return statistics.median(timer.repeat(repeat=repeats, number=number)) / number


def record_count() -> int:
    """Return how many records ``Dataset.search`` searches: every record of every collection."""
    import wto_msme
    from wto_msme._dataset import COLLECTIONS

    ds = wto_msme.load()
    return sum(len(getattr(ds, name)) for name in COLLECTIONS)


def warm_rows(mode: Mode) -> tuple[list[Row], list[Verdict]]:
    """Time the warm look-ups and the search, in this process, against pycountry's."""
    import pycountry

    import wto_msme

    ds = wto_msme.load()
    theirs = {"lookup": pycountry.countries.lookup, "search_fuzzy": pycountry.countries.search_fuzzy}
    rows, verdicts = [], []
    for label, query in (("name", NAME), ("alias", ALIAS), ("code", CODE)):
        measure = f"`ds.members.find` by {label} ({query!r}), warm, CPU time per call"
        their_time = per_call(f"lookup({query!r})", theirs, mode.lookup_number, mode.repeats)
        if theirs["lookup"](query).alpha_3 != CODE:
            sys.exit(f"pycountry's lookup({query!r}) is not {NAME}")
        if ds.members.find(query).iso_alpha3 != CODE:
            sys.exit(f"ds.members.find({query!r}) is not {NAME}")
        our_time = per_call(f"members.find({query!r})", {"members": ds.members}, mode.lookup_number, mode.repeats)
        met = our_time <= LOOKUP_BUDGET_S
        rows.append(Row(measure, _us(our_time), _us(their_time), _ratio(our_time, their_time), "≤ 1 µs", _yes(met)))
        verdicts.append(Verdict(f"a warm look-up by {label} within 1 µs", _us(our_time), met))

    measure = f"`ds.search` over all {record_count():,} records ({OUR_QUERY!r}), warm, CPU time per call"
    their_time = per_call(f"search_fuzzy({THEIR_QUERY!r})", theirs, mode.search_number, mode.repeats)
    if not ds.search(OUR_QUERY):
        sys.exit(f"ds.search({OUR_QUERY!r}) found nothing")
    our_time = per_call(f"ds.search({OUR_QUERY!r})", {"ds": ds}, mode.search_number, mode.repeats)
    met = our_time < SEARCH_BUDGET_S
    rows.append(Row(measure, _ms(our_time), _ms(their_time), _ratio(our_time, their_time), "< 1 ms", _yes(met)))
    verdicts.append(Verdict("a warm search of every record within 1 ms", _ms(our_time), met))
    row, verdict = _during_row(mode)
    return [*rows, row, *checks_rows(mode)], [*verdicts, verdict]


def checks_rows(mode: Mode) -> list[Row]:
    """
    Time building the bundled dataset afresh, in this process, with and without the checks at construction.

    Every record checks its fields' types when it is made (``Record.__attrs_post_init__``):
    for the second figure, that method is replaced by one that does nothing, then restored;
    the two are timed in turn, *repeats* times each.
    """
    from wto_msme import _data, _model

    timer = timeit.Timer(_data._load_bundled, timer=time.process_time)
    number = mode.search_number or timer.autorange()[0]
    checks = _model.Record.__attrs_post_init__
    times: dict[bool, list[float]] = {True: [], False: []}
    try:
        for _ in range(mode.repeats):
            for on in (True, False):
                _model.Record.__attrs_post_init__ = checks if on else _nothing  # type: ignore[method-assign]
                times[on].append(timer.timeit(number) / number)
    finally:
        _model.Record.__attrs_post_init__ = checks  # type: ignore[method-assign]
    with_checks, without = statistics.median(times[True]), statistics.median(times[False])
    measure = "Building the whole bundled dataset again, warm, as the first `load()` does, CPU time"
    share = f"{_ms(with_checks - without)}, {(with_checks - without) / with_checks:.0%}"
    return [
        Row(measure, _ms(with_checks)),
        Row(f"The same without the type checks at construction (they take {share})", _ms(without)),
    ]


def _nothing(self: object) -> None:
    """Stand in for the checks at construction."""


def _during_row(mode: Mode) -> tuple[Row, Verdict]:
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
    measure = f"`Coordinators.during` over {MANY_TERMS:,} terms in sequence, index built each time, CPU time"
    met = our_time < DURING_BUDGET_S
    row = Row(measure, _ms(our_time), "", "", "< 100 ms", _yes(met))
    return row, Verdict(f"`Coordinators.during` over {MANY_TERMS:,} terms within 100 ms", _ms(our_time), met)


# --- The tables ---------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms" if seconds >= 0.01 else f"{seconds * 1e3:.2f} ms"


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:.2f} µs" if seconds < 1e-5 else f"{seconds * 1e6:.1f} µs"


def _mib(kib: float) -> str:
    return f"{kib / 1024:.1f} MiB"


def _ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}"


def _yes(met: bool) -> str:
    return "yes" if met else "**no**"


class Cold(NamedTuple):
    """The medians of the cold starts, by script: wall and CPU times, peak memory, and the times of the steps."""

    wall: dict[Script, float]
    cpu: dict[Script, float]
    peak: dict[Script, float]
    steps: dict[Script, list[float]]
    cpu_steps: dict[Script, list[float]]

    @classmethod
    def of(cls, runs: dict[Script, list[Run]]) -> Cold:
        """Return the medians of *runs*."""

        scalars = ({s: statistics.median(getattr(r, f) for r in rs) for s, rs in runs.items()} for f in cls._fields[:3])
        lists = (
            {
                s: [statistics.median(c) for c in zip(*(getattr(r, f) for r in rs), strict=True)]
                for s, rs in runs.items()
            }
            for f in cls._fields[3:]
        )
        return cls(*scalars, *lists)


def cold_rows(cold: Cold, runs: int, records: int) -> tuple[list[Row], list[Verdict]]:
    """Summarise the cold starts: the first answer, its own share, the references, memory, the first search."""
    wall, cpu, peak = cold.wall, cold.cpu, cold.peak
    theirs, bare = wall[THEIRS], wall[BARE]
    ratio, cpu_ratio = wall[OURS] / theirs, cpu[OURS] / cpu[THEIRS]
    share, cpu_share = (wall[OURS] - wall[ATTRS]) / theirs, (cpu[OURS] - cpu[ATTRS]) / cpu[THEIRS]
    search, cpu_search = cold.steps[FIRST_SEARCH][-1], cold.cpu_steps[FIRST_SEARCH][-1]
    per_record = cpu_search / records

    def reference(script: Script) -> Row:
        return Row(f"For reference: {script.label}, wall", _ms(wall[script]), _ms(theirs), _ratio(wall[script], theirs))

    rows = [
        Row(
            f"The first answer: import, `load()`, `members.find`, cold, wall, median of {runs}",
            _ms(wall[OURS]),
            _ms(theirs),
            f"{ratio:.2f}",
            f"≤ {FIRST_ANSWER_BUDGET:.2f}",
            _yes(ratio <= FIRST_ANSWER_BUDGET),
        ),
        Row("The same in CPU time (user and system)", _ms(cpu[OURS]), _ms(cpu[THEIRS]), f"{cpu_ratio:.2f}"),
        Row(
            "Its own share: the first answer less `import attrs`, wall",
            _ms(wall[OURS] - wall[ATTRS]),
            _ms(theirs),
            f"{share:.2f}",
            f"≤ {OWN_SHARE_BUDGET:.2f}",
            _yes(share <= OWN_SHARE_BUDGET),
        ),
        Row("The same in CPU time", _ms(cpu[OURS] - cpu[ATTRS]), _ms(cpu[THEIRS]), f"{cpu_share:.2f}"),
        Row(
            f"The first answer less a bare `python -c pass` ({_ms(bare)}), wall",
            _ms(wall[OURS] - bare),
            _ms(theirs - bare),
            _ratio(wall[OURS] - bare, theirs - bare),
        ),
        Row("`import wto_msme` alone, wall", _ms(wall[IMPORT_ONLY]), _ms(theirs), _ratio(wall[IMPORT_ONLY], theirs)),
        reference(BARE),
        reference(ATTRS),
        reference(ISO3166),
        Row(
            f"Peak memory (RSS) of the first answer's process (bare: {_mib(peak[BARE])})",
            _mib(peak[OURS]),
            _mib(peak[THEIRS]),
            _ratio(peak[OURS], peak[THEIRS]),
            "≤ pycountry's",
            _yes(peak[OURS] <= peak[THEIRS]),
        ),
        Row(
            f"The first `ds.search` over all {records:,} records, building the index, CPU time per record"
            f" ({_ms(cpu_search)} in all; wall {_ms(search)})",
            _us(per_record),
            "",
            "",
            f"≤ {FIRST_SEARCH_BUDGET_S * 1e6:.0f} µs",
            _yes(per_record <= FIRST_SEARCH_BUDGET_S),
        ),
    ]
    verdicts = [
        Verdict(
            f"the first answer within {FIRST_ANSWER_BUDGET:.2f} of pycountry's",
            f"{ratio:.2f} ({_ms(wall[OURS])} against {_ms(theirs)}; in CPU time {cpu_ratio:.2f})",
            ratio <= FIRST_ANSWER_BUDGET,
        ),
        Verdict(
            f"its own share (less `import attrs`) within {OWN_SHARE_BUDGET:.2f} of pycountry's first answer",
            f"{share:.2f} ({_ms(wall[OURS] - wall[ATTRS])} of {_ms(theirs)}; in CPU time {cpu_share:.2f})",
            share <= OWN_SHARE_BUDGET,
        ),
        Verdict(
            f"the first search within {FIRST_SEARCH_BUDGET_S * 1e6:.0f} µs a record",
            f"{_us(per_record)} ({_ms(cpu_search)} of CPU time for {records:,} records; wall {_ms(search)})",
            per_record <= FIRST_SEARCH_BUDGET_S,
        ),
        Verdict(
            "no more memory than pycountry",
            f"{_mib(peak[OURS])} against {_mib(peak[THEIRS])}",
            peak[OURS] <= peak[THEIRS],
        ),
    ]
    return rows, verdicts


def step_rows(cold: Cold) -> list[Row]:
    """Summarise where each cold start spends its time, inside the process: wall, and CPU in brackets."""
    ours, theirs = cold.steps[OURS], cold.steps[THEIRS]
    our_cpu, their_cpu = cold.cpu_steps[OURS], cold.cpu_steps[THEIRS]

    def both(wall: float, cpu: float) -> str:
        return f"{_ms(wall)} ({_ms(cpu)})"

    return [
        Row("`import wto_msme` / `import pycountry`", both(ours[0], our_cpu[0]), both(theirs[0], their_cpu[0])),
        Row("`wto_msme.load()`", both(ours[1], our_cpu[1]), "none"),
        Row("the first `members.find` / `countries.lookup`", both(ours[2], our_cpu[2]), both(theirs[1], their_cpu[1])),
        Row(
            "to the first answer, in all",
            both(sum(ours), sum(our_cpu)),
            both(sum(theirs), sum(their_cpu)),
            f"{_ratio(sum(ours), sum(theirs))} ({_ratio(sum(our_cpu), sum(their_cpu))})",
        ),
        Row(
            f"then the first `ds.search({OUR_QUERY!r})`",
            both(cold.steps[FIRST_SEARCH][-1], cold.cpu_steps[FIRST_SEARCH][-1]),
        ),
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
    versions = ", ".join(f"{d} {metadata.version(d)}" for d in ("pycountry", "iso3166", "attrs"))
    return (
        f"- CPU: {cpu}, {os.cpu_count()} logical cores\n"
        f"- Python {platform.python_version()} ({platform.python_implementation()}) on {_system()}\n"
        f"- wto_msme {_our_version()} ({_where()}), {versions}"
    )


def _load() -> str:
    try:
        return "{:.2f}, {:.2f}, {:.2f}".format(*os.getloadavg())
    except OSError:  # not on this system
        return "unknown"


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

    load_before = _load()
    _say(f"Cold starts: {mode.cold_runs} rounds of {len(SCRIPTS)} kinds of fresh process, in turn")
    cold = Cold.of(cold_starts(SCRIPTS, mode.cold_runs, env))
    _say("Warm look-ups and search")
    records = record_count()
    rows, verdicts = cold_rows(cold, mode.cold_runs, records)
    warm, warm_verdicts = warm_rows(mode)
    rows += warm
    verdicts += warm_verdicts
    _say(f"python -X importtime -c 'import wto_msme', {mode.importtime_runs} run(s)")
    imports = import_times(mode.importtime_runs, env)
    rows.append(Row("`import wto_msme`, from `-X importtime` (cumulative)", _ms(imports["wto_msme"][1])))

    print("\n" + machine())
    print(f"- Load average (1, 5, 15 min): {load_before} before the run, {_load()} after it\n")
    print(table(rows, ("Measure", "wto_msme", "pycountry", "Ratio", "Budget", "Met"), "lrrrll"))
    print(f"\nWhere the cold start goes, timed inside the process, wall (CPU) (median of {mode.cold_runs}):\n")
    print(table(step_rows(cold), ("Step", "wto_msme", "pycountry", "Ratio"), "lrrr"))
    heaviest = sorted(imports.items(), key=lambda item: item[1][0], reverse=True)[:5]
    print("\nThe five heaviest imports under `import wto_msme`, by their own time (`-X importtime`):\n")
    print(table([Row(f"`{m}`", _ms(s), _ms(c)) for m, (s, c) in heaviest], ("Module", "Self", "Cumulative"), "lrr"))
    for heading, met in (("Budgets met", True), ("Budgets not met", False)):
        found = [f"{v.budget}: {v.measured}" for v in verdicts if v.met is met]
        print(f"\n{heading}:\n" + ("\n".join(f"- {line}" for line in found) if found else "- none"))


def _say(text: str) -> None:
    print(f"... {text}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
