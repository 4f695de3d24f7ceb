"""
Loading datasets: the bundled one (read once, cached) and a user's copy from a directory.
"""

from __future__ import annotations

import json
import os
import threading
from importlib import resources
from typing import Any

import attrs

from ._checks import Problem, check
from ._dates import PartialDate
from ._model import (
    CoordinatorTerm,
    CountClaim,
    Dataset,
    Declaration,
    Document,
    Initiative,
    Member,
    NewsItem,
    Presentation,
    Publication,
    Recommendation,
    Source,
    Sponsor,
    WtoMember,
)
from .exceptions import DataError

__all__ = ["DATA_VERSION", "LAYOUT", "MAX_FILE_BYTES", "load"]

DATA_VERSION = "2026.11.0"
"""The version of the bundled data. It changes whenever the data does."""

MAX_FILE_BYTES = 8 * 1024 * 1024
"""The largest data file :func:`load` reads (8 MiB); a larger one is refused unread."""

#: Each file of a dataset directory and the type of its content. ``dataset.json``
#: holds the version and the date the data is current to.
LAYOUT: dict[str, tuple[str, Any]] = {
    "dataset.json": ("dataset", None),
    "initiative.json": ("initiative", Initiative),
    "members.json": ("members", tuple[Member, ...]),
    "coordinators.json": ("coordinators", tuple[CoordinatorTerm, ...]),
    "recommendations.json": ("recommendations", tuple[Recommendation, ...]),
    "presentations.json": ("presentations", tuple[Presentation, ...]),
    "news.json": ("news", tuple[NewsItem, ...]),
    "publications.json": ("publications", tuple[Publication, ...]),
    "declarations.json": ("declarations", tuple[Declaration, ...]),
    "documents.json": ("documents", tuple[Document, ...]),
    "wto_members.json": ("wto_members", tuple[WtoMember, ...]),
    "claims.json": ("claims", tuple[CountClaim, ...]),
    "sponsors.json": ("sponsors", tuple[Sponsor, ...]),
    "sources.json": ("sources", tuple[Source, ...]),
}

_lock = threading.Lock()
_bundled: Dataset | None = None


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """
    Load a dataset: the bundled one, or a copy in the same layout from a directory.

    The bundled dataset is read from inside the installed package, never from the
    network, and only once: every call without *path* returns the same object.

    Args:
        path: A directory holding the files of a dataset (see
            :doc:`/reference/data-layout`), such as a corrected copy of the bundled
            data. ``None`` for the bundled dataset.

    Returns:
        The dataset, checked for integrity.

    Raises:
        DataError: If a file is missing, too large, not JSON, or holds a value of the
            wrong type; if a record is incomplete or has unknown fields; or if the
            records contradict each other. The message names the file, the location
            of each bad value and what was expected. Nothing is returned in part.
        OSError: If the directory or a file in it cannot be read.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> ds is wto_msme.load()
    True
    >>> len(ds.presentations)
    48

    .. versionadded:: 0.1.0
    """
    if path is not None:
        return _load_directory(os.fspath(path))
    global _bundled  # noqa: PLW0603 - the one cache, filled once under the lock
    if _bundled is None:
        with _lock:
            if _bundled is None:
                _bundled = _load_bundled()
    return _bundled


def _load_bundled() -> Dataset:
    from ._fast import structurer

    root = resources.files("wto_msme") / "data"
    parts: dict[str, Any] = {}
    for filename, (key, type_) in LAYOUT.items():
        raw = json.loads((root / filename).read_bytes())
        parts[key] = raw if type_ is None else structurer(type_)(raw)
    meta = parts.pop("dataset")
    ds = Dataset(version=meta["version"], current_to=PartialDate.from_iso(meta["current_to"]), **parts)
    _raise_for(check(ds), "the bundled data")
    return ds


@attrs.frozen
class _Meta:
    version: str
    current_to: str


def _load_directory(directory: str) -> Dataset:
    from ._convert import make_converter, problems_of

    if not os.path.isdir(directory):
        if os.path.exists(directory):
            raise DataError(directory, ("expected a directory holding the dataset's JSON files",))
        raise FileNotFoundError(directory)
    missing = [f for f in LAYOUT if not os.path.isfile(os.path.join(directory, f))]
    if missing:
        raise DataError(directory, tuple(f"{f}: required file missing" for f in missing))

    conv = make_converter()
    parts: dict[str, Any] = {}
    for filename, (key, type_) in LAYOUT.items():
        file = os.path.join(directory, filename)
        raw = _read_json(file)
        target = _Meta if type_ is None else type_
        try:
            value = conv.structure(raw, target)
        except Exception as e:
            raise DataError(file, problems_of(e, key)) from None
        parts[key] = value
    meta: _Meta = parts.pop("dataset")
    try:
        current_to = PartialDate.from_iso(meta.current_to)
    except ValueError as e:
        raise DataError(os.path.join(directory, "dataset.json"), (f"dataset.current_to: {e}",)) from None
    ds = Dataset(version=meta.version, current_to=current_to, **parts)
    _raise_for(check(ds), directory)
    return ds


def _read_json(file: str) -> Any:
    with open(file, "rb") as f:
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise DataError(file, (f"the file is larger than the limit of {MAX_FILE_BYTES} bytes",))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DataError(file, (f"byte {e.start}: not valid UTF-8",)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise DataError(file, (f"line {e.lineno}, column {e.colno}: not valid JSON: {e.msg}",)) from None
    except RecursionError:
        raise DataError(file, ("the JSON is nested too deeply",)) from None


def _raise_for(problems: list[Problem], where: str) -> None:
    if not problems:
        return
    files = {LAYOUT_FILE[c] for c, _, _ in problems}
    if len(files) == 1 and where != "the bundled data":
        raise DataError(os.path.join(where, files.pop()), tuple(f"{loc}: {msg}" for _, loc, msg in problems))
    raise DataError(where, tuple(f"{LAYOUT_FILE[c]}: {loc}: {msg}" for c, loc, msg in problems))


LAYOUT_FILE: dict[str, str] = {key: filename for filename, (key, _) in LAYOUT.items()}
