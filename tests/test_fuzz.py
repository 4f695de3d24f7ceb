"""
Fuzzing wto_msme.load(path): any input gives a Dataset or a DataError naming the file and location.

Inputs are valid datasets (the bundled one and generated ones) with one thing changed:
a value replaced by arbitrary JSON or by a value of the wrong type, a key removed or
added, an annex out of range, an impossible or reversed date, a duplicate identifier, a
dangling reference, a very long string, deep nesting, bytes that are not UTF-8 or not
JSON, a file emptied, removed or replaced by a directory. Where the change must be
refused, the test also checks that the message points at the changed value.

Each fuzz test runs twice: a quick sample of a few cases (``QUICK_FUZZ``) in the default
run, and a long run (``FUZZ`` in conftest.py) marked ``fuzz``, which ``pytest -m fuzz`` selects.
"""

from __future__ import annotations

import functools
import json
import pathlib
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import wto_msme
from wto_msme import DataError, Dataset, PartialDate, _model
from wto_msme._data import LAYOUT
from wto_msme._describe import Kind, references, shapes
from wto_msme._export import files
from wto_msme.strategies import datasets

from .conftest import DATA_DIR, FUZZ, QUICK_FUZZ

Path = tuple[str | int, ...]

#: The files of the bundled data as JSON values.
BUNDLED: dict[str, Any] = {f: json.loads((DATA_DIR / f).read_text("utf-8")) for f in LAYOUT}

#: The name of the top-level value of each file in locations ("presentations[3].date").
ROOT = {filename: key for filename, (key, _) in LAYOUT.items()}

#: The record classes of the model, and the dataset whose fields dataset.json holds.
_CLASSES = (*_model.RECORDS, Dataset)

#: Every field name of the model: an added key must not be one of them to be unknown.
FIELD_NAMES = frozenset(name for cls in _CLASSES for name in attrs.fields_dict(cls))

#: Keys whose string values (or list items) refer to another record by its identifier: the
#: fields the model declares with refers(), leaving out names that other fields share (id).
REFERENCES = frozenset(name for cls in _model.RECORDS for name, _ in references(cls)) - frozenset(
    name for cls in _model.RECORDS for name in attrs.fields_dict(cls) if name not in dict(references(cls))
)

#: Keys that hold a date, as the model declares them.
DATES = frozenset(name for cls in _CLASSES for name, s in shapes(cls).items() if s.kind is Kind.DATE)

#: Strings that are not dates of the form YYYY, YYYY-MM or YYYY-MM-DD.
IMPOSSIBLE_DATES = (
    "2021-02-30",
    "2021-02-29",
    "2021-04-31",
    "2021-13",
    "2021-00",
    "2021-05-00",
    "0000",
    "2021-1-1",
    "20211",
    "21",
    "",
    " 2021",
    "2021 ",
    "2021-04-01T00:00",
    "2021/04/01",
    "1 April 2021",
    "\u0662\u0660\u0662\u0661",  # 2021 in Arabic-Indic digits
    "\uff12\uff10\uff12\uff11-04",  # 2021 in full-width digits
)

# --- Writing a changed dataset ---------------------------------------------------------

DELETE = object()
"""In place of a file's content: remove the file."""

DIRECTORY = object()
"""In place of a file's content: put a directory there."""


@attrs.frozen
class Raw:
    """JSON text to write verbatim where a value would go (NaN, duplicate keys, deep nesting)."""

    text: str


@attrs.frozen
class Change:
    """One change to a dataset: new content for some of its files, and what must follow."""

    label: str
    files: dict[str, Any]
    """Per file: bytes to write, DELETE, or DIRECTORY."""
    refused_at: str | None = None
    """If the change must be refused: a regular expression the message must match."""


def encode(value: Any) -> bytes:
    """Write a JSON value holding Raw pieces as UTF-8 bytes."""
    raws: list[str] = []

    def mark(v: Any) -> Any:
        if isinstance(v, Raw):
            raws.append(v.text)
            return f"\x00{len(raws) - 1}\x00"
        if isinstance(v, list):
            return [mark(x) for x in v]
        if isinstance(v, dict):
            return {k: mark(x) for k, x in v.items()}
        return v

    text = json.dumps(mark(value), ensure_ascii=False)
    for i, raw in enumerate(raws):
        text = text.replace(json.dumps(f"\x00{i}\x00"), raw, 1)
    return text.encode("utf-8", "surrogatepass")


def write(directory: pathlib.Path, documents: dict[str, Any], change: Change) -> None:
    """Write the files of a dataset, changed."""
    directory.mkdir()
    for filename, value in documents.items():
        content = change.files.get(filename, None)
        if content is DELETE:
            continue
        if content is DIRECTORY:
            (directory / filename).mkdir()
            (directory / filename / "x.json").write_text("[]", "utf-8")
            continue
        (directory / filename).write_bytes(content if content is not None else encode(value))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], pathlib.Path]]:
    """Hand out fresh, not yet existing directory paths, one per Hypothesis example."""
    base = tmp_path_factory.mktemp("fuzz")

    def fresh() -> pathlib.Path:
        return pathlib.Path(tempfile.mkdtemp(dir=base)) / "data"

    yield fresh
    shutil.rmtree(base, ignore_errors=True)


# --- What load(path) may do ------------------------------------------------------------

_PATH = r"(?:\.[A-Za-z_]\w*|\[\d+\]|\[(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")(?:\.\.\.)?\])*"
_FILE_LEVEL = re.compile(
    r"(line \d+, column \d+|byte \d+): .+|the file is larger than the limit of \d+ bytes.*"
    r"|arrays and objects nested too deeply to be read",
    re.S,
)


def located(line: str, filename: str) -> bool:
    """Tell whether a problem line of *filename* starts with a location in it."""
    return bool(_FILE_LEVEL.fullmatch(line) or re.fullmatch(re.escape(ROOT[filename]) + _PATH + r": .+", line, re.S))


#: The last line of a message whose problems were too many to list: a count, not a problem.
_MORE = re.compile(r"dataset: \d+ more problems not listed(, and checking stopped there)?")


def check_error(error: DataError, directory: pathlib.Path) -> None:
    """Assert that *error* names a file of *directory* and the location of every problem."""
    message = str(error)
    assert message.startswith(f"{error.file}: ")
    assert len(error.problems) >= 1
    where = pathlib.Path(error.file)
    problems = error.problems[:-1] if _MORE.fullmatch(error.problems[-1]) else error.problems
    if where == directory:
        for line in problems:
            filename, sep, rest = line.partition(": ")
            assert sep, line
            assert filename in LAYOUT, line
            assert rest in ("required file missing", "expected a regular file, found a directory") or located(
                rest, filename
            ), line
    else:
        assert where.parent == directory, error.file
        assert where.name in LAYOUT, error.file
        for line in problems:
            assert located(line, where.name), line
    for line in error.problems:
        assert len(line) <= 1000, line[:200]


def load_or_located_error(directory: pathlib.Path) -> DataError | None:
    """Load *directory*; assert it gives a Dataset or a DataError naming file and locations."""
    try:
        loaded = wto_msme.load(directory)
    except DataError as e:
        check_error(e, directory)
        return e
    assert isinstance(loaded, Dataset)
    return None


def at(location: str) -> str:
    """A pattern for a problem at *location* or within it, such as ``news[2].date``."""
    return re.escape(location) + r"[.\[:]"


def run(scratch: Callable[[], pathlib.Path], documents: dict[str, Any], change: Change) -> None:
    """Write the changed dataset, load it, and check what comes back."""
    directory = scratch()
    write(directory, documents, change)
    error = load_or_located_error(directory)
    if change.refused_at is not None:
        assert error is not None, f"{change.label} was accepted"
        assert re.search(change.refused_at, str(error)), (change.label, str(error)[:2000])
    shutil.rmtree(directory.parent)


# --- Changes ---------------------------------------------------------------------------


def nodes(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Yield every value in a JSON document with its path, the document first."""
    yield path, value
    if isinstance(value, list):
        for i, v in enumerate(value):
            yield from nodes(v, (*path, i))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from nodes(v, (*path, k))


def location(filename: str, path: Path) -> str:
    """The location of the value at *path* in *filename*, as messages write it."""
    return ROOT[filename] + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def last_key(path: Path) -> str | None:
    """The last object key on *path*: the field a value (or a list item) belongs to."""
    return next((p for p in reversed(path) if isinstance(p, str)), None)


def replaced(value: Any, path: Path, change: Callable[[Any], Any]) -> Any:
    """A copy of *value* with the value at *path* changed; unchanged parts are shared."""
    if not path:
        return change(value)
    head, rest = path[0], path[1:]
    copy: Any = list(value) if isinstance(value, list) else dict(value)
    copy[head] = replaced(value[head], rest, change)
    return copy


def _json_scalars() -> st.SearchStrategy[Any]:
    return st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)


#: Arbitrary JSON values (floats include NaN and infinities, which json.dumps writes as
#: the non-standard NaN and Infinity).
json_values = st.recursive(
    _json_scalars(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)

#: One value of each JSON type, for putting a value of the wrong type somewhere.
ONE_OF_EACH = (None, True, False, 0, 1, -1, 1.5, "", "x", [], ["x"], [1], {}, {"x": 1})


class Index:
    """The values of a dataset's files, by kind, for choosing what to change."""

    def __init__(self, documents: dict[str, Any]) -> None:
        self.documents = documents
        self.all: list[tuple[str, Path]] = []
        self.objects: list[tuple[str, Path]] = []
        self.in_objects: list[tuple[str, Path]] = []
        self.strings: list[tuple[str, Path]] = []
        self.dates: list[tuple[str, Path]] = []
        self.references: list[tuple[str, Path]] = []
        self.annexes: list[tuple[str, Path]] = []
        self.ids: set[str] = set()
        for filename, doc in documents.items():
            for path, value in nodes(doc):
                self.all.append((filename, path))
                key = last_key(path)
                if path and isinstance(path[-1], str):
                    self.in_objects.append((filename, path))
                if isinstance(value, dict):
                    self.objects.append((filename, path))
                elif isinstance(value, str):
                    self.strings.append((filename, path))
                    if key in DATES:
                        self.dates.append((filename, path))
                    if key in REFERENCES:
                        self.references.append((filename, path))
                    if key == "id":
                        self.ids.add(value)
                elif isinstance(value, int) and key in ("annex", "annexes"):
                    self.annexes.append((filename, path))
        self.collections = [f for f, doc in documents.items() if isinstance(doc, list) and len(doc) >= 2]

    def get(self, filename: str, path: Path) -> Any:
        value = self.documents[filename]
        for p in path:
            value = value[p]
        return value

    def change(self, filename: str, path: Path, new: Callable[[Any], Any]) -> dict[str, bytes]:
        return {filename: encode(replaced(self.documents[filename], path, new))}


@st.composite
def changes(draw: st.DrawFn, index: Index) -> Change:  # noqa: PLR0912, PLR0915 - one branch per kind
    """Draw one change to the dataset *index* describes."""
    kind = draw(
        st.sampled_from(
            [
                "arbitrary value",
                "wrong type",
                "missing key",
                "extra key",
                "annex out of range",
                "impossible date",
                "reversed dates",
                "duplicate identifier",
                "dangling reference",
                "long string",
                "deep nesting",
                "not a JSON number",
                "huge integer",
                "duplicate key",
                "lone surrogate",
                "invalid UTF-8",
                "truncated",
                "arbitrary bytes",
                "files missing",
                "file is a directory",
            ]
        )
    )
    if kind == "arbitrary value":
        filename, path = draw(st.sampled_from(index.all))
        value = draw(json_values)
        return Change(kind, index.change(filename, path, lambda _: value))
    if kind == "wrong type":
        filename, path = draw(st.sampled_from(index.all))
        old = index.get(filename, path)
        value = draw(st.sampled_from([v for v in ONE_OF_EACH if type(v) is not type(old)]))
        return Change(kind, index.change(filename, path, lambda _: value))
    if kind == "missing key":
        filename, path = draw(st.sampled_from(index.in_objects))
        return Change(
            kind, index.change(filename, path[:-1], lambda obj: {k: v for k, v in obj.items() if k != path[-1]})
        )
    if kind == "extra key":
        filename, path = draw(st.sampled_from(index.objects))
        key = draw(st.text(max_size=30).filter(lambda k: k not in FIELD_NAMES))
        value = draw(st.none() | st.integers() | st.text(max_size=10))
        return Change(
            kind, index.change(filename, path, lambda obj: {**obj, key: value}), refused_at=at(location(filename, path))
        )
    if kind == "annex out of range" and index.annexes:
        filename, path = draw(st.sampled_from(index.annexes))
        value = draw(st.integers(max_value=0) | st.integers(min_value=7) | st.sampled_from([0, 7, -1, 10**40]))
        return Change(kind, index.change(filename, path, lambda _: value), refused_at=at(location(filename, path)))
    if kind == "impossible date" and index.dates:
        filename, path = draw(st.sampled_from(index.dates))
        value = draw(st.sampled_from(IMPOSSIBLE_DATES))
        return Change(kind, index.change(filename, path, lambda _: value), refused_at=at(location(filename, path)))
    if kind == "reversed dates":
        return draw(_reversed_dates(index))
    if kind == "duplicate identifier" and index.collections:
        filename = draw(st.sampled_from(index.collections))
        n = len(index.documents[filename])
        i = draw(st.integers(0, n - 2))
        j = draw(st.integers(i + 1, n - 1))
        first = index.documents[filename][i]["id"]
        return Change(
            kind,
            index.change(filename, (j,), lambda r: {**r, "id": first}),
            refused_at=at(location(filename, (j, "id"))) + " duplicate identifier",
        )
    if kind == "dangling reference" and index.references:
        filename, path = draw(st.sampled_from(index.references))
        value = draw(st.text(max_size=20).filter(lambda s: s not in index.ids))
        return Change(kind, index.change(filename, path, lambda _: value), refused_at=at(location(filename, path)))
    if kind == "long string":
        filename, path = draw(st.sampled_from(index.strings or index.all))
        size = draw(st.sampled_from([10_000, 100_000, 1_000_000]))
        char = draw(st.characters(exclude_categories=("Cs",)))
        return Change(kind, index.change(filename, path, lambda _: char * size))
    if kind == "deep nesting":
        filename, path = draw(st.sampled_from(index.all))
        depth = draw(st.sampled_from([1, 2, 30, 100, 100_000]))
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        raw = Raw(opener * depth + "0" + closer * depth)
        refused = "arrays and objects nested too deeply to be read" if depth == 100_000 else None
        return Change(kind, index.change(filename, path, lambda _: raw), refused_at=refused)
    if kind == "not a JSON number":
        filename, path = draw(st.sampled_from(index.all))
        raw = Raw(draw(st.sampled_from(["NaN", "Infinity", "-Infinity"])))
        refused = at(location(filename, path)) + " -?(NaN|Infinity) is not a JSON number"
        return Change(kind, index.change(filename, path, lambda _: raw), refused_at=refused)
    if kind == "huge integer":
        filename, path = draw(st.sampled_from(index.all))
        raw = Raw(draw(st.sampled_from(["", "-"])) + "9" * draw(st.integers(4301, 20_000)))
        refused = at(location(filename, path)) + r" an integer of \d+ digits is too large"
        return Change(kind, index.change(filename, path, lambda _: raw), refused_at=refused)
    if kind == "duplicate key" and index.objects:
        filename, path = draw(st.sampled_from(index.objects))
        obj = index.get(filename, path)
        if obj:
            key = draw(st.sampled_from(sorted(obj)))
            pairs = [*obj.items(), (key, draw(st.none() | st.integers() | st.text(max_size=10)))]
            raw = Raw("{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in pairs) + "}")
            refused = at(location(filename, path)) + " duplicate key"
            return Change(kind, index.change(filename, path, lambda _: raw), refused_at=refused)
    if kind == "lone surrogate" and index.strings:
        filename, path = draw(st.sampled_from(index.strings))
        code = draw(st.integers(0xD800, 0xDFFF))
        raw = Raw(json.dumps(index.get(filename, path)[:5])[:-1] + f'\\u{code:04x}"')
        refused = at(location(filename, path)) + " .* holds a lone surrogate"
        return Change(kind, index.change(filename, path, lambda _: raw), refused_at=refused)
    if kind == "invalid UTF-8":
        filename = draw(st.sampled_from(sorted(index.documents)))
        data = encode(index.documents[filename])
        where = draw(st.integers(0, len(data)))
        bad = draw(st.sampled_from([b"\xff", b"\xfe", b"\x80", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf8\x88"]))
        return Change(kind, {filename: data[:where] + bad + data[where:]}, refused_at=r"byte \d+: not valid UTF-8")
    if kind == "truncated":
        filename = draw(st.sampled_from(sorted(index.documents)))
        data = encode(index.documents[filename])
        where = draw(st.integers(0, len(data) - 1))
        refused = r"line \d+, column \d+: not valid JSON|byte \d+: not valid UTF-8"
        return Change(kind, {filename: data[:where]}, refused_at=refused)
    if kind == "arbitrary bytes":
        filename = draw(st.sampled_from(sorted(index.documents)))
        data = draw(st.binary(max_size=64) | st.text(max_size=64).map(str.encode))
        return Change(kind, {filename: data})
    if kind == "files missing":
        gone = draw(st.sets(st.sampled_from(sorted(index.documents)), min_size=1))
        refused = "".join(f"(?=.*{re.escape(f)}: required file missing)" for f in gone)
        return Change(kind, dict.fromkeys(gone, DELETE), refused_at=f"(?s){refused}")
    if kind == "file is a directory":
        filename = draw(st.sampled_from(sorted(index.documents)))
        return Change(
            kind, {filename: DIRECTORY}, refused_at=f"{re.escape(filename)}: expected a regular file, found a directory"
        )
    # A kind that this dataset has nothing to apply to (no annexes, no dates): replace a file.
    filename = draw(st.sampled_from(sorted(index.documents)))
    value = draw(json_values)
    return Change("arbitrary file", {filename: encode(value)})


@st.composite
def _reversed_dates(draw: st.DrawFn, index: Index) -> Change:
    """Swap two dates that must be in order: a coordinator's start and end, a joining's bounds."""
    pairs: list[tuple[str, Path, str, str, bool]] = []
    for i, term in enumerate(index.documents["coordinators.json"]):
        if term["start"] and term["end"]:
            start, end = PartialDate.from_iso(term["start"]), PartialDate.from_iso(term["end"])
            pairs.append(("coordinators.json", (i,), "start", "end", start.wholly_before(end)))
    for i, member in enumerate(index.documents["members.json"]):
        joined = member.get("joined", {})
        if joined.get("not_before") and joined.get("not_after"):
            lo, hi = PartialDate.from_iso(joined["not_before"]), PartialDate.from_iso(joined["not_after"])
            # Swapped, the bounds are refused only if no day lies in both (2025-01-01 and 2025 share one),
            # the rule of the checks: refused when the new not_after lies wholly before the new not_before.
            pairs.append(("members.json", (i, "joined"), "not_before", "not_after", lo.wholly_before(hi)))
    if not pairs:
        filename = draw(st.sampled_from(sorted(index.documents)))
        return Change("arbitrary file", {filename: encode(draw(json_values))})
    filename, path, a, b, must = draw(st.sampled_from(pairs))
    new = index.change(filename, path, lambda obj: {**obj, a: obj[b], b: obj[a]})
    return Change("reversed dates", new, refused_at=at(location(filename, (*path, b))) if must else None)


@functools.cache
def bundled_index() -> Index:
    return Index(BUNDLED)


# --- The fuzz tests: each a quick sample, and a long run marked fuzz --------------------


def _arbitrary_json_in_a_file(scratch, filename, value):
    run(scratch, BUNDLED, Change("arbitrary file", {filename: encode(value)}))


def _bundled_data_changed_once(scratch, data):
    run(scratch, BUNDLED, data.draw(changes(bundled_index()), label="change"))


def _generated_data_changed_once(scratch, ds, data):
    documents = files(ds)
    run(scratch, documents, data.draw(changes(Index(documents)), label="change"))


def _arbitrary_bytes_in_a_file(scratch, filename, data):
    run(scratch, BUNDLED, Change("arbitrary bytes", {filename: data}))


@QUICK_FUZZ
@given(st.sampled_from(sorted(LAYOUT)), json_values)
@example("dataset.json", [])
@example("initiative.json", "x")
@example("news.json", {"id": 1})
@example("news.json", [1, "x", None])
@example("claims.json", [float("nan")])
@example("members.json", None)
@example("sources.json", [])  # every source unknown: more problems than are listed
def test_arbitrary_json_in_a_file(scratch, filename, value):
    """Any JSON value in place of any file's content loads or is refused with its location."""

    _arbitrary_json_in_a_file(scratch, filename, value)


@pytest.mark.fuzz
@FUZZ
@given(st.sampled_from(sorted(LAYOUT)), json_values)
def test_arbitrary_json_in_a_file_at_length(scratch, filename, value):
    """Any JSON value in place of any file's content loads or is refused with its location, over many cases."""

    _arbitrary_json_in_a_file(scratch, filename, value)


@QUICK_FUZZ
@given(st.data())
def test_bundled_data_changed_once(scratch, data):
    """The bundled data with any one change loads or is refused, naming the changed value where it must be."""

    _bundled_data_changed_once(scratch, data)


@pytest.mark.fuzz
@FUZZ
@given(st.data())
def test_bundled_data_changed_once_at_length(scratch, data):
    """The bundled data with any one change loads or is refused as it must be, over many cases."""

    _bundled_data_changed_once(scratch, data)


@settings(QUICK_FUZZ, max_examples=3)
@given(datasets(max_size=3), st.data())
def test_generated_data_changed_once(scratch, ds, data):
    """A generated dataset with any one change loads or is refused, naming the changed value where it must be."""

    _generated_data_changed_once(scratch, ds, data)


@pytest.mark.fuzz
@settings(FUZZ, max_examples=max(FUZZ.max_examples // 4, 10))  # a generated dataset takes longer to draw
@given(datasets(max_size=3), st.data())
def test_generated_data_changed_once_at_length(scratch, ds, data):
    """A generated dataset with any one change loads or is refused as it must be, over many cases."""

    _generated_data_changed_once(scratch, ds, data)


@QUICK_FUZZ
@given(st.sampled_from(sorted(LAYOUT)), st.binary(max_size=200))
@example("news.json", b"")
@example("news.json", b"\xef\xbb\xbf[]")
@example("news.json", b"[\xff]")
@example("news.json", b"[" * 100_000)
@example("news.json", b'["\\ud800"]')
@example("news.json", b"[NaN]")
def test_arbitrary_bytes_in_a_file(scratch, filename, data):
    """Any bytes in place of a file load or are refused with the line, column or byte."""

    _arbitrary_bytes_in_a_file(scratch, filename, data)


@pytest.mark.fuzz
@FUZZ
@given(st.sampled_from(sorted(LAYOUT)), st.binary(max_size=200))
def test_arbitrary_bytes_in_a_file_at_length(scratch, filename, data):
    """Any bytes in place of a file load or are refused with the line, column or byte, over many cases."""

    _arbitrary_bytes_in_a_file(scratch, filename, data)


# --- What the fuzzing found, kept as examples ---------------------------------------------


def _bundled_with(filename: str, text: str | bytes) -> Change:
    return Change("regression", {filename: text if isinstance(text, bytes) else text.encode("utf-8")})


class TestFound:
    """Inputs the fuzzing found that once escaped as another exception or an unlocated message."""

    @pytest.fixture
    def directory(self, tmp_path):
        return tmp_path / "data"

    def _refused(self, directory, filename, content):
        write(directory, BUNDLED, _bundled_with(filename, content))
        with pytest.raises(DataError) as info:
            wto_msme.load(directory)
        check_error(info.value, directory)
        return info.value

    def test_nan_is_not_json(self, directory):
        """NaN is not JSON: it used to load as a float."""

        error = self._refused(directory, "claims.json", '[{"id": NaN}]')

        assert ("claims[0].id: NaN is not a JSON number",) == error.problems

    def test_infinity_is_not_json(self, directory):
        """Infinity and -Infinity are not JSON either."""

        error = self._refused(directory, "dataset.json", '{"version": Infinity, "current_to": -Infinity}')

        assert (
            "dataset.version: Infinity is not a JSON number",
            "dataset.current_to: -Infinity is not a JSON number",
        ) == error.problems

    def test_integer_too_long_to_read(self, directory):
        """An integer of more digits than Python reads is refused: it used to escape as ValueError."""

        error = self._refused(directory, "presentations.json", '[{"annexes": [' + "9" * 5000 + "]}]")

        assert ("presentations[0].annexes[0]: an integer of 5000 digits is too large",) == error.problems

    def test_lone_surrogate(self, directory):
        """A string with a lone surrogate is refused: it loaded, and could not be written back as UTF-8."""

        error = self._refused(directory, "news.json", '["ab\\ud800"]')

        assert ("news[0]: 'ab\\ud800' holds a lone surrogate '\\ud800' at index 2, not a character",) == error.problems

    def test_non_ascii_digits_are_not_a_date(self, directory):
        """A year written in Arabic-Indic digits is not an ISO date: it used to load as 2021."""

        presentations = [dict(p) for p in BUNDLED["presentations.json"]]
        presentations[0]["date"] = "\u0662\u0660\u0662\u0661"
        error = self._refused(directory, "presentations.json", json.dumps(presentations))

        assert error.problems[0].startswith("presentations[0].date: invalid value for PartialDate: expected a date")

    @pytest.mark.parametrize(
        ("filename", "text", "expected"),
        [
            ("dataset.json", "[]", "dataset: expected an object {...}, got list []"),
            ("initiative.json", '"x"', "initiative: expected an object {...}, got str 'x'"),
            ("news.json", "[1]", "news[0]: invalid value for NewsItem: expected an object {...}, got int 1"),
            ("news.json", "{}", "news: expected a list, got dict {}"),
        ],
    )
    def test_value_of_the_wrong_type_for_a_record(self, directory, filename, text, expected):
        """A list or a string where a record belongs is named as such, not by a Python AttributeError."""

        error = self._refused(directory, filename, text)

        assert (expected,) == error.problems

    @pytest.mark.parametrize("depth", [1000, 100_000])
    def test_deep_nesting(self, directory, depth):
        """Nesting deeper than the parser recurses is refused, not a RecursionError."""

        error = self._refused(directory, "news.json", "[" * depth + "]" * depth)

        if depth == 1000 and sys.version_info >= (3, 12):  # its parser reads 1,000 levels: the model refuses them
            assert error.problems[0].startswith("news[0]: invalid value for NewsItem: expected an object")
        else:
            assert ("arrays and objects nested too deeply to be read",) == error.problems

    def test_deep_nesting_inside_a_record(self, directory):
        """Deep nesting that the parser reads is refused where the model expects something else."""

        error = self._refused(directory, "news.json", '[\n {"id":\n' + "[" * 500 + "]" * 500 + "}]")

        assert error.problems[0].startswith("news[0].id: invalid value for str: expected a string, got list")

    def test_brackets_in_strings_are_not_nesting(self, directory):
        """Brackets inside strings, escaped quotes included, do not count as nesting."""

        error = self._refused(directory, "news.json", json.dumps(["[" * 100 + '\\"' + "{" * 100]))

        assert error.problems[0].startswith("news[0]: invalid value for NewsItem: expected an object")

    def test_string_left_open_is_a_syntax_error(self, directory):
        """A string left open is reported by the parser, whatever brackets follow it."""

        error = self._refused(directory, "news.json", '["abc' + "[" * 100)

        assert error.problems[0].startswith("line 1, column 2: not valid JSON: Unterminated string")

    def test_very_long_values_are_shortened_in_messages(self, directory):
        """A very long identifier is quoted shortened, so that the message stays readable."""

        news = [dict(n) for n in BUNDLED["news.json"]]
        news[0]["id"] = news[1]["id"] = "x" * 1_000_000
        error = self._refused(directory, "news.json", json.dumps(news))

        assert ("news[1].id: duplicate identifier '" + "x" * 56 + "... (first at news[0])",) == error.problems

    def test_very_long_unknown_value_is_shortened(self, directory):
        """A very long unknown enum value is quoted shortened."""

        news = [dict(n) for n in BUNDLED["news.json"]]
        news[0]["year_basis"] = "y" * 1_000_000
        error = self._refused(directory, "news.json", json.dumps(news))

        (line,) = error.problems
        assert line.startswith("news[0].year_basis: invalid value for YearBasis: 'yyy")
        assert line.endswith("is not a valid YearBasis: expected one of 'stated', 'inferred'")
        assert len(line) < 200


def test_python_looking_strings_are_only_strings(tmp_path):
    """Strings that look like code load as plain strings: nothing in them is run."""

    news = [dict(n) for n in BUNDLED["news.json"]]
    code = "__import__('os').system('exit 1')"
    news[0]["headline"] = code
    write(tmp_path / "data", {**BUNDLED, "news.json": news}, Change("code", {}))

    assert code == wto_msme.load(tmp_path / "data").news[0].headline
