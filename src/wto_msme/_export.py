"""
Data leaving the library: a dataset written to a directory as JSON.

The files are written whole or not at all by ``_io``, whose writers are re-exported here.

Everything goes through the one cattrs converter (``_convert``), imported only when
something is exported.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from ._data import LAYOUT
from ._dataset import Dataset

if TYPE_CHECKING:
    import pathlib


__all__ = ["dump", "dumps_json", "files"]


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
    :class:`~wto_msme.exceptions.DataError`.

    Every file is serialised before the first one is written; each is then written
    whole beside the one it replaces and renamed over it, under a lock that
    :func:`~wto_msme.load` respects. Nothing else in *directory* is touched: its other
    entries, its owner and mode, and the mode of each file replaced stay as they were.
    A dataset that cannot be written leaves *directory* as it was; a failure or a crash
    while writing leaves a copy that loads as the old dataset or the new one, never a
    mix (see :doc:`/explanation/guarantees`).

    Args:
        dataset: The dataset to write, such as ``wto_msme.load()`` or a changed copy
            made with ``attrs.evolve``.
        directory: Where to write it. It is created, with its parents, if it does not
            exist.
        overwrite: Whether to write into a directory that is not empty. Its layout's
            files are replaced; other entries are left as they are.

    Returns:
        The directory, as a ``pathlib.Path``.

    Raises:
        FileExistsError: If *directory* holds files and *overwrite* is false.
        NotADirectoryError: If *directory* is an existing file.
        OSError: If *directory* is a symbolic link, or holds one (or a directory, a FIFO,
            anything but a regular file) under the name of a layout file: links are
            never written through. If *directory* is a file system's root, the user's
            home or holds a mount point. Also any error of the file system, such as a
            full disk.
        TypeError: If *dataset* is not a :class:`~wto_msme.Dataset`.
        ValueError: If a text holds a lone surrogate, which UTF-8 cannot encode, or a
            file would be larger than :func:`~wto_msme.load` reads (8 MiB); the message
            names the file.

    >>> import tempfile, wto_msme
    >>> ds = wto_msme.load()
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     wto_msme.load(wto_msme.dump(ds, tmp)) == ds
    True

    .. versionadded:: 0.1.0
    """
    import pathlib  # only when writing: it is slow to import

    from ._io import MAX_FILE_BYTES, write_files

    if not isinstance(dataset, Dataset):
        msg = f"expected a wto_msme.Dataset, got {type(dataset).__name__}"
        raise TypeError(msg)
    target = pathlib.Path(directory)
    encoded: dict[str, bytes] = {}
    for filename, content in files(dataset).items():
        try:
            encoded[filename] = dumps_json(content).encode("utf-8")
        except UnicodeEncodeError as e:
            msg = f"{filename}: character {e.start} of the JSON text cannot be written as UTF-8 ({e.reason})"
            raise ValueError(msg) from None
        if len(encoded[filename]) > MAX_FILE_BYTES:
            msg = f"{filename}: {len(encoded[filename])} bytes, more than the {MAX_FILE_BYTES} that load() reads"
            raise ValueError(msg)
    write_files(target, encoded, overwrite=overwrite)
    return target


def files(dataset: Dataset) -> dict[str, Any]:
    """Return the JSON content of each file of the layout, in the layout's order."""
    from ._convert import converter

    conv = converter()
    files: dict[str, Any] = {}
    for filename, (key, type_) in LAYOUT.items():
        if type_ is None:
            files[filename] = {"version": dataset.version, "current_to": str(dataset.current_to)}
        else:
            files[filename] = conv.unstructure(getattr(dataset, key), unstructure_as=type_)
    return files
