"""
Data leaving the library: a dataset written to a directory, records as JSON-ready dicts.

Everything goes through the one cattrs converter (``_convert``), imported only when
something is exported.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, overload

import attrs

from . import _model
from ._data import LAYOUT
from ._model import Dataset

if TYPE_CHECKING:
    import pathlib

    from attrs import AttrsInstance
    from cattrs.preconf.json import JsonConverter

__all__ = ["RECORD_CLASSES", "dump", "dumps_json", "to_records"]

#: Every class whose instances are records: the model's attrs classes.
RECORD_CLASSES: frozenset[type] = frozenset(
    c for c in (getattr(_model, n) for n in _model.__all__) if isinstance(c, type) and attrs.has(c)
)


@functools.cache
def _converter() -> JsonConverter:
    from ._convert import make_converter

    return make_converter()


def dumps_json(value: Any) -> str:
    """
    Return *value* as the data files write JSON: UTF-8 text, two-space indents, a final newline.
    """
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def dump(dataset: Dataset, directory: str | os.PathLike[str], *, overwrite: bool = False) -> pathlib.Path:
    """
    Write *dataset* to *directory* in the layout that :func:`wto_msme.load` reads.

    The directory gets one JSON file per collection, plus ``dataset.json`` (the version
    and the date the data is current to) and ``initiative.json``, each written through
    the library's converter as UTF-8 text with two-space indents and a final newline.
    ``load(dump(ds, directory))`` gives a dataset equal to *ds* for every dataset that
    :func:`~wto_msme.load` accepts. The dataset is not checked here: a dataset that
    breaks the integrity rules is written as it is, and loading it raises
    :class:`~wto_msme.DataError`.

    Every file is serialised before the first one is written, so a dataset that cannot
    be written leaves the directory as it was.

    Args:
        dataset: The dataset to write, such as ``wto_msme.load()`` or a changed copy
            made with ``attrs.evolve``.
        directory: Where to write it. It is created, with its parents, if it does not
            exist.
        overwrite: Whether to write into a directory that is not empty. The layout's
            files there are replaced; other files are left alone.

    Returns:
        The directory, as a ``pathlib.Path``.

    Raises:
        FileExistsError: If *directory* holds files and *overwrite* is false.
        NotADirectoryError: If *directory* is an existing file.
        TypeError: If *dataset* is not a :class:`~wto_msme.Dataset`.
        ValueError: If a text holds a lone surrogate, which UTF-8 cannot encode; the
            message names the file it belongs in.

    >>> import tempfile, wto_msme
    >>> ds = wto_msme.load()
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     wto_msme.load(wto_msme.dump(ds, tmp)) == ds
    True

    .. versionadded:: 0.1.0
    """
    import pathlib  # only when writing: it is slow to import

    if not isinstance(dataset, Dataset):
        msg = f"expected a wto_msme.Dataset, got {type(dataset).__name__}"
        raise TypeError(msg)
    target = pathlib.Path(directory)
    if target.exists() and not target.is_dir():
        msg = f"{target} is a file, not a directory"
        raise NotADirectoryError(msg)
    if not overwrite and target.is_dir() and any(target.iterdir()):
        msg = f"{target} is not empty; pass overwrite=True to replace the dataset's files in it"
        raise FileExistsError(msg)
    encoded: dict[str, bytes] = {}
    for filename, content in _files(dataset).items():
        try:
            encoded[filename] = dumps_json(content).encode("utf-8")
        except UnicodeEncodeError as e:
            msg = f"{filename}: character {e.start} of the JSON text cannot be written as UTF-8 ({e.reason})"
            raise ValueError(msg) from None
    target.mkdir(parents=True, exist_ok=True)
    for filename, data in encoded.items():
        (target / filename).write_bytes(data)
    return target


def _files(dataset: Dataset) -> dict[str, Any]:
    """Return the JSON content of each file of the layout, in the layout's order."""
    conv = _converter()
    files: dict[str, Any] = {}
    for filename, (key, type_) in LAYOUT.items():
        if type_ is None:
            files[filename] = {"version": dataset.version, "current_to": str(dataset.current_to)}
        else:
            files[filename] = conv.unstructure(getattr(dataset, key), unstructure_as=type_)
    return files


@overload
def to_records(records: AttrsInstance) -> dict[str, Any]: ...


@overload
def to_records(records: Iterable[AttrsInstance]) -> list[dict[str, Any]]: ...


def to_records(records: AttrsInstance | Iterable[AttrsInstance]) -> dict[str, Any] | list[dict[str, Any]]:
    """
    Turn records into JSON-ready dicts, as the data files hold them.

    Dates become ISO strings (``"2023-04"``), enums their values, tuples lists, nested
    records (such as the provenance) nested dicts; every field is present. The result
    can be written with ``json.dump`` or, after flattening, the ``csv`` module.

    Args:
        records: A collection of records, such as ``ds.presentations`` (any iterable of
            them, in any mix of classes), or a single record. A whole
            :class:`~wto_msme.Dataset` is a single record: it gives one dict with
            ``version``, ``current_to``, ``initiative`` and every collection.

    Returns:
        A list of dicts in the order of *records*, or one dict for a single record.

    Raises:
        TypeError: If *records* (or an item of it, named by its index) is not a
            wto_msme record.

    >>> import wto_msme
    >>> ds = wto_msme.load()
    >>> row = wto_msme.to_records(ds.presentations)[0]
    >>> row["date"], row["category"], row["provenance"]["source"]
    ('2021-09-24', 'Implementation of the December 2020 Package', 'seed-003')

    .. versionadded:: 0.1.0
    """
    conv = _converter()
    if type(records) in RECORD_CLASSES:
        return conv.unstructure(records, unstructure_as=type(records))  # type: ignore[no-any-return]
    if isinstance(records, str | bytes | Mapping) or not isinstance(records, Iterable):
        msg = f"expected a wto_msme record or a collection of them, got {type(records).__name__}"
        raise TypeError(msg)
    rows: list[dict[str, Any]] = []
    for i, record in enumerate(records):
        if type(record) not in RECORD_CLASSES:
            msg = f"item {i}: expected a wto_msme record, got {type(record).__name__}"
            raise TypeError(msg)
        rows.append(conv.unstructure(record, unstructure_as=type(record)))
    return rows
