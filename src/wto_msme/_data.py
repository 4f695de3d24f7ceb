"""
Loading datasets: the bundled one (read once, cached) and a user's copy from a directory.

A user's copy is read whole through ``_io`` (one copy, never a mix of two) and
structured by the strict cattrs converter, then checked. The bundled copy is structured
by a trusting structurer derived from the model's shapes, which spares importing cattrs.

The bundled files are read with a plain ``open`` beside this module: importing
``importlib.resources`` costs more than reading and structuring the whole dataset.
Where the package is not a directory on disk (imported from a zip archive), the
files are read through ``importlib.resources`` instead.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ._dataset import Dataset
from ._dates import PartialDate
from ._describe import Kind, Shape, field_types, shape, shapes
from .exceptions import DataError

if TYPE_CHECKING:
    from ._checks import Problem

__all__ = ["DATA_VERSION", "LAYOUT", "load"]

DATA_VERSION = "2026.12.1"
"""The version of the bundled data. It changes whenever the data does."""

#: Each file of a dataset directory, the field of :class:`Dataset` it holds and that
#: field's type: a file a field, named after it. ``dataset.json`` holds the version and
#: the date the data is current to.
LAYOUT: dict[str, tuple[str, Any]] = {
    "dataset.json": ("dataset", None),
    **{
        f"{name}.json": (name, type_)
        for name, type_ in field_types(Dataset).items()
        if name not in ("version", "current_to")
    },
}

_lock = threading.Lock()
_bundled: Dataset | None = None


def load(path: str | bytes | os.PathLike[str] | os.PathLike[bytes] | None = None) -> Dataset:
    """
    Load a dataset: the bundled one, or a copy in the same layout from a directory.

    The bundled dataset is read from inside the installed package, never from the
    network, and built whole at the first call, once, even when threads race to it:
    every call without *path* returns the same object.

    Args:
        path: A directory holding the files of a dataset (see
            :doc:`/reference/data-layout`), such as a corrected copy of the bundled
            data, as a ``str``, ``bytes`` (decoded as :func:`os.fsdecode` does) or
            path-like object. ``None`` for the bundled dataset.

    Returns:
        The dataset. A directory's dataset is checked for integrity on every load.
        The bundled one is not checked again at each start: the test suite checks
        it before every release, and it cannot change once installed.

    Raises:
        DataError: If a file is missing, a symbolic link or not a regular file, too
            large, not JSON, or holds a value of the wrong type; if a record is
            incomplete or has unknown fields; if the records contradict each other; or
            if the directory changed while it was read (see
            :doc:`/explanation/guarantees`).
            The message names the file, the location of each bad value and what was
            expected, listing at most 100 problems
            and counting the rest. Nothing is returned in part.
        FileNotFoundError: If the directory does not exist.
        OSError: If the directory or a file in it cannot be read: a
            :exc:`PermissionError` naming the directory if it may not be searched.
        TypeError: If *path* is not a path.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> ds is wto_msme.load()
    True
    >>> len(ds.presentations)
    48

    .. versionadded:: 0.1.0
    """
    if path is not None:
        return _load_directory(_directory_name(path))
    global _bundled  # noqa: PLW0603 - the one cache, filled once under the lock
    if _bundled is None:
        with _lock:
            if _bundled is None:
                _bundled = _load_bundled()
    return _bundled


def _load_bundled() -> Dataset:
    # Trusting and fast: tests/test_data.py proves it gives what the strict route gives.
    structure = _trusting()
    meta = json.loads(_read_bundled("dataset.json"))
    parts = {
        key: structure(type_)(json.loads(_read_bundled(filename)))
        for filename, (key, type_) in LAYOUT.items()
        if type_ is not None
    }
    return Dataset(version=meta["version"], current_to=PartialDate.from_iso(meta["current_to"]), **parts)


_Maker = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _trusting() -> Callable[[Any], _Maker]:
    """
    Return a structurer for the bundled data: each type's builder, made once, from its shape.

    It trusts its input (well-formed, as the suite checks before every release) and
    spares importing cattrs at a cold start; it is never used for a user's data. A
    builder converts only the fields whose JSON form differs from their value, changing
    the dicts that ``json.loads`` has just made in place.
    """
    made: dict[Any, _Maker] = {}
    dates: dict[str, PartialDate] = {}  # many records share a date: each is read once

    def date(text: str) -> PartialDate:
        if text not in dates:
            dates[text] = PartialDate.from_iso(text)
        return dates[text]

    def record(cls: type) -> _Maker:
        conversions = [(name, m) for name, s in shapes(cls).items() if (m := of(s)) is not _same]

        def build(data: dict[str, Any]) -> Any:
            for name, make in conversions:
                if name in data:
                    data[name] = make(data[name])
            return cls(**data)

        return build

    def of(s: Shape) -> _Maker:
        if s.type not in made:
            if s.kind in (Kind.TEXT, Kind.INTEGER, Kind.FLAG):
                made[s.type] = _same
            elif s.kind is Kind.DATE:
                made[s.type] = date
            elif s.kind is Kind.ENUM:
                made[s.type] = {m.value: m for m in s.type}.__getitem__
            elif s.kind is Kind.RECORD:
                made[s.type] = record(s.type)
            else:  # a tuple or a collection, of items of one shape
                assert s.item is not None
                item, outer = of(s.item), (tuple if s.kind is Kind.TUPLE else s.type)
                made[s.type] = outer if item is _same else lambda v: outer(map(item, v))
        make = made[s.type]
        return (lambda v: None if v is None else make(v)) if s.optional and make is not _same else make

    return lambda t: of(shape(t))


def _read_bundled(filename: str) -> bytes:
    try:
        with open(os.path.join(os.path.dirname(__file__), "data", filename), "rb") as f:
            return f.read()
    except OSError:  # not a directory on disk: a zip archive, or another loader
        from importlib import resources

        return (resources.files("wto_msme") / "data" / filename).read_bytes()


def _directory_name(path: object) -> str:
    if isinstance(path, bytes):
        return os.fsdecode(path)
    if isinstance(path, str | os.PathLike):
        name = os.fspath(path)
        return os.fsdecode(name) if isinstance(name, bytes) else name
    msg = f"expected the path of a directory (a str, bytes or os.PathLike), or None, got {type(path).__name__}"
    raise TypeError(msg)


def _load_directory(directory: str) -> Dataset:
    from ._checks import check
    from ._convert import DatasetMeta, make_converter, problems_of
    from ._io import read_files

    raw = read_files(directory, list(LAYOUT))
    conv = make_converter()
    parts: dict[str, Any] = {}
    for filename, (key, type_) in LAYOUT.items():
        try:
            parts[key] = conv.structure(raw[filename], DatasetMeta if type_ is None else type_)
        except Exception as e:
            raise DataError(os.path.join(directory, filename), problems_of(e, key)) from None
    meta: DatasetMeta = parts.pop("dataset")
    ds = Dataset(version=meta.version, current_to=meta.current_to, **parts)
    _raise_for(check(ds), directory)
    return ds


def _raise_for(problems: list[Problem], where: str) -> None:
    if not problems:
        return
    # A line of no one collection (the count of problems not listed) names no file.
    files = {LAYOUT_FILE[c] for c, _, _ in problems if c in LAYOUT_FILE}
    if len(files) == 1:
        raise DataError(os.path.join(where, files.pop()), tuple(f"{loc}: {msg}" for _, loc, msg in problems))
    raise DataError(
        where,
        tuple(f"{LAYOUT_FILE[c]}: {loc}: {msg}" if c in LAYOUT_FILE else f"{loc}: {msg}" for c, loc, msg in problems),
    )


LAYOUT_FILE: dict[str, str] = {key: filename for filename, (key, _) in LAYOUT.items()}
