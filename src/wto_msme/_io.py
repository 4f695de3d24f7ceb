"""
Files and directories written whole or not at all: a new one beside the target, then a rename.

Every output of the library is written here. It imports nothing of the model, so that
any module may write through it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Mapping

__all__ = ["write_directory", "write_file"]


def _write_bytes(path: str, data: bytes) -> None:
    """Write *data* to the new file *path*, to the disk (the one place files are written)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(fd)


def _sibling(path: str, what: str) -> str:
    """Return a name beside *path*, in the same directory, that does not exist yet."""
    head, tail = os.path.split(path)
    while True:
        name = os.path.join(head, f".{tail}.{what}-{os.urandom(6).hex()}")
        if not os.path.lexists(name):
            return name


def _sync_directory(path: str) -> None:
    # Make the renames durable where the platform can (POSIX); harmless to skip elsewhere.
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _refuse_link(path: str, what: str) -> os.stat_result | None:
    """Return the lstat of *path*, None if it does not exist; refuse a symbolic link."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        msg = f"{path} is a symbolic link: {what} is written only to a real path, never through a link"
        raise OSError(msg)
    return info


def write_directory(directory: str | os.PathLike[str], contents: Mapping[str, bytes], *, overwrite: bool) -> None:
    """
    Write *contents* (file name to bytes) as the files of *directory*, all or nothing.

    The files are written to a new directory beside it, which is then renamed into its
    place; an existing directory is renamed aside first, its other entries moved into
    the new one, and removed once the new one is in place. On any failure the new
    directory is removed and *directory* is left whole, as it was.
    """
    target = os.path.abspath(os.fspath(directory))
    info = _refuse_link(target, "a dataset")
    keep: list[str] = []
    if info is not None:
        keep = _others(target, info, contents, overwrite=overwrite)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
    new = _sibling(target, "new")
    os.mkdir(new)  # 0o777 less the umask, as a new directory gets
    try:
        for name, data in contents.items():
            _write_bytes(os.path.join(new, name), data)
        if info is not None:
            os.chmod(new, stat.S_IMODE(info.st_mode))
    except BaseException:
        _remove(new, contents)
        raise
    if info is None:
        try:
            os.rename(new, target)
        except BaseException:
            _remove(new, contents)
            raise
    else:
        _swap(new, target, keep, contents)
    _sync_directory(os.path.dirname(target))


def _others(target: str, info: os.stat_result, contents: Mapping[str, bytes], *, overwrite: bool) -> list[str]:
    """Check that the existing *target* may be replaced; return its entries that are not in *contents*."""
    if not stat.S_ISDIR(info.st_mode):
        msg = f"{target} is a file, not a directory"
        raise NotADirectoryError(msg)
    entries = os.listdir(target)
    if entries and not overwrite:
        msg = f"{target} is not empty; pass overwrite=True to replace the dataset's files in it"
        raise FileExistsError(msg)
    for name in entries:
        if name in contents:
            mode = os.lstat(os.path.join(target, name)).st_mode
            if not stat.S_ISREG(mode):
                what = "a symbolic link" if stat.S_ISLNK(mode) else "not a regular file"
                msg = f"{os.path.join(target, name)} is {what}: it is not replaced, nor written through"
                raise OSError(msg)
    return [name for name in entries if name not in contents]


def _swap(new: str, target: str, keep: list[str], contents: Mapping[str, bytes]) -> None:
    """Put the complete directory *new* in the place of *target*, moving *keep* across."""
    moved: list[str] = []
    old = _sibling(target, "old")
    try:
        for name in keep:
            os.rename(os.path.join(target, name), os.path.join(new, name))
            moved.append(name)
        os.rename(target, old)
    except BaseException:
        for name in reversed(moved):
            os.rename(os.path.join(new, name), os.path.join(target, name))
        _remove(new, contents)
        raise
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(old, target)
        for name in reversed(moved):
            os.rename(os.path.join(new, name), os.path.join(target, name))
        _remove(new, contents)
        raise
    _remove(old, contents)


def _remove(directory: str, names: Iterable[str]) -> None:
    """Remove the files *names* from *directory*, then the directory if that emptied it."""
    for name in names:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(os.path.join(directory, name))
    with contextlib.suppress(OSError):  # something else is in it: never removed unseen
        os.rmdir(directory)


def write_file(path: str | os.PathLike[str], data: bytes, *, overwrite: bool) -> None:
    """
    Write *data* as the file *path*, whole or not at all.

    The bytes go to a new file beside it, which then replaces it in one rename. A
    symbolic link, even a dangling one, is refused, never written through.

    Raises:
        FileExistsError: If *path* exists and *overwrite* is false.
        IsADirectoryError: If *path* is a directory.
        OSError: If *path* is a symbolic link or not a regular file, or if writing fails;
            *path* is then as it was.
    """
    target = os.path.abspath(os.fspath(path))
    info = _refuse_link(target, "a file")
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            msg = f"{target} is a directory"
            raise IsADirectoryError(msg)
        if not stat.S_ISREG(info.st_mode):
            msg = f"{target} is not a regular file: it is not replaced, nor written through"
            raise OSError(msg)
        if not overwrite:
            msg = f"{target} exists"
            raise FileExistsError(msg)
    new = _sibling(target, "new")
    try:
        _write_bytes(new, data)
        if info is not None:
            os.chmod(new, stat.S_IMODE(info.st_mode))
        os.replace(new, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(new)
        raise
    _sync_directory(os.path.dirname(target))
