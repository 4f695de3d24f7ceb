r"""
Data files in and out: strict JSON read as one whole copy, files replaced atomically.

Reading. The files of a directory are all read through one handle on it (a file
descriptor, ``dir_fd``), under a shared advisory lock (:func:`fcntl.flock` on that handle),
each opened once, never through a symbolic link, checked to be a regular file of at most
:data:`MAX_FILE_BYTES`, and the status of every name (inode, size, time of change) is
taken before and after: a directory that changed in between is refused with a
:class:`~wto_msme.exceptions.DataError`. JSON is parsed by the standard library, with
what RFC 8259 leaves ambiguous refused and located: duplicate keys, ``NaN`` and
``Infinity``, integers too long to read, lone surrogates (``\ud800``), nesting deeper
than the parser recurses.

Writing. :func:`write_files` holds the lock exclusively; it writes each new file whole
beside the one it replaces, as ``.NAME.wto-msme-new``, in the order given, then renames
each over its file in the same order. Nothing else in the directory is touched. A
reader that finds the first file's temporary ignores the others (the old copy is
whole); one that finds later temporaries but not the first's reads them in place of
their files (the new copy is whole): a writer killed at any step leaves one copy or
the other to read, and the next write removes what it left.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ._text import quote
from .exceptions import DataError

__all__ = ["MAX_FILE_BYTES", "MAX_PROBLEMS", "parse_json", "read_files", "write_file", "write_files"]

MAX_FILE_BYTES = 8 * 1024 * 1024
"""The largest data file read or written (8 MiB): :func:`~wto_msme.dump` never writes what ``load`` refuses."""

MAX_PROBLEMS = 100
"""The most problems of a file listed one by one; past it, checking stops or they are counted."""

CHANGED = "the directory changed while it was read (another program wrote to it); nothing was loaded: load it again"
LINK_REFUSED = "a symbolic link: a data directory must hold its files themselves; links are not followed"
_SUFFIX = ".wto-msme-new"
_DIR_FD = os.open in os.supports_dir_fd and hasattr(os, "O_DIRECTORY")
_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
_WRITE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISLNK, "a symbolic link"),
)
# The escape of a surrogate: the only way a JSON text can hold a lone one.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)


def temporary(name: str) -> str:
    """Return the name a new copy of the file *name* has until it replaces it."""
    return f".{name}{_SUFFIX}"


# --- A directory, through one handle -------------------------------------------------------


class _Directory:
    """A directory opened once; every name is looked up in it, never by its path again."""

    def __init__(self, path: str, flags: int = 0) -> None:
        self.path = path
        self.fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | flags) if _DIR_FD else None

    def at(self, name: str) -> str:
        return name if self.fd is not None else os.path.join(self.path, name)

    def lstat(self, name: str) -> os.stat_result | None:
        try:
            return os.stat(self.at(name), dir_fd=self.fd, follow_symlinks=False)
        except FileNotFoundError:
            return None
        except PermissionError:
            msg = "permission denied: the directory may not be searched, so none of its files can be read"
            raise PermissionError(errno.EACCES, msg, self.path) from None

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)

    @contextlib.contextmanager
    def locked(self, *, exclusive: bool) -> Iterator[None]:
        """Hold the advisory lock on the directory: shared to read, exclusive to write."""
        held = _flock(self.fd, "LOCK_EX" if exclusive else "LOCK_SH")
        try:
            yield
        finally:
            if held:
                _flock(self.fd, "LOCK_UN")


def _flock(fd: int | None, operation: str) -> bool:
    """Apply ``fcntl.flock``; tell whether it could (where there are no locks, the status check still holds)."""
    try:
        import fcntl

        fcntl.flock(fd, getattr(fcntl, operation))  # type: ignore[arg-type]
    except (ImportError, OSError, TypeError):
        return False
    return True


def _open_directory(path: str) -> _Directory:
    try:
        return _Directory(path)
    except NotADirectoryError:
        raise DataError(path, ("expected a directory holding the dataset's JSON files",)) from None
    except FileNotFoundError:
        raise FileNotFoundError(errno.ENOENT, "no such directory", path) from None


def _kind(mode: int) -> str | None:
    """Return what a file of *mode* is, such as ``"a FIFO (named pipe)"``, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def _status(d: _Directory, names: Sequence[str]) -> tuple[tuple[int, int, int, int] | None, ...]:
    """The inode, size, time of change and mode of each name and of its temporary."""
    found = (d.lstat(n) for name in names for n in (name, temporary(name)))
    return tuple(None if s is None else (s.st_ino, s.st_size, s.st_ctime_ns, s.st_mode) for s in found)


# --- Reading ----------------------------------------------------------------------------


def read_files(directory: str, names: Sequence[str], *, missing_ok: bool = False) -> dict[str, Any]:
    """
    Read the JSON files *names* of *directory*, as one whole copy, and parse them.

    *names* are in the order a writer writes them (see the module's docstring).

    Returns:
        The parsed value of each file, by name; with *missing_ok*, the files present only.

    Raises:
        DataError: If *directory* is not a directory; if a file is missing (unless
            *missing_ok*), a symbolic link, not a regular file, too large or not strict
            JSON; or if the directory changed while it was read.
        FileNotFoundError: If *directory* does not exist.
        PermissionError: If it may not be read or searched.
    """
    d = _open_directory(directory)
    try:
        with d.locked(exclusive=False):
            before = _status(d, names)
            data = _read_all(d, names, before, missing_ok=missing_ok)
            if _status(d, names) != before:
                raise DataError(directory, (CHANGED,))
    finally:
        d.close()
    return {n: parse_json(raw, os.path.join(directory, n), n.removesuffix(".json")) for n, raw in data.items()}


def _read_all(d: _Directory, names: Sequence[str], status: tuple[Any, ...], *, missing_ok: bool) -> dict[str, bytes]:
    # A later file's temporary without the first's: a writer stopped while renaming,
    # after writing every new file whole. Those temporaries are the rest of the new copy.
    files, temps = status[0::2], status[1::2]
    committing = temps[0] is None
    problems: list[str] = []
    found: dict[str, tuple[str, Any]] = {}
    data: dict[str, bytes] = {}
    for name, file, temp in zip(names, files, temps, strict=True):
        use, info = (temporary(name), temp) if committing and temp is not None else (name, file)
        if info is None:
            if not missing_ok:
                problems.append(f"{name}: required file missing")
        elif stat.S_ISLNK(info[3]):
            problems.append(f"{name}: {LINK_REFUSED}")
        elif (kind := _kind(info[3])) is not None:
            problems.append(f"{name}: expected a regular file, found {kind}")
        else:
            found[name] = (use, info)
    if problems:
        raise DataError(d.path, tuple(problems))
    for name, (use, info) in found.items():
        if info[1] > MAX_FILE_BYTES:
            too_large = f"the file is larger than the limit of {MAX_FILE_BYTES} bytes and was not read"
            raise DataError(os.path.join(d.path, name), (too_large,))
        data[name] = _read(d, use, info)
    return data


def _read(d: _Directory, name: str, info: tuple[int, int, int, int]) -> bytes:
    """Read the file *name*, which must still be the one whose status is *info*."""
    try:
        fd = os.open(d.at(name), _READ, dir_fd=d.fd)
    except (FileNotFoundError, NotADirectoryError) as e:  # removed, or replaced by something else
        raise DataError(d.path, (CHANGED,)) from e
    except OSError as e:
        if e.errno in (errno.ELOOP, errno.EMLINK):  # O_NOFOLLOW met a link swapped in
            raise DataError(d.path, (CHANGED,)) from None
        raise
    with os.fdopen(fd, "rb") as f:
        now = os.fstat(fd)
        if (now.st_ino, now.st_size, now.st_ctime_ns, now.st_mode) != info:
            raise DataError(d.path, (CHANGED,))
        data = f.read(info[1])  # never more than the file holds
        if len(data) != info[1] or f.read(1):
            raise DataError(d.path, (CHANGED,))
    return data


class _Refused:
    """A value the parser met that is not acceptable data; reported with its location."""

    __slots__ = ("what",)

    def __init__(self, what: str) -> None:
        self.what = what


def parse_json(data: bytes, file: str, root: str) -> Any:
    """
    Parse *data*, the content of *file*, refusing anything that is not plain, strict JSON.

    *root* names the top-level value in locations, such as ``"presentations"``.

    Raises:
        DataError: If *data* is not UTF-8, not JSON, nested too deeply, or holds a
            duplicate key, a non-standard constant, a too long integer or a lone surrogate.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DataError(file, (f"byte {e.start}: not valid UTF-8",)) from None
    refused: dict[str, _Refused] = {}  # one marker for each message: a file may repeat one a million times

    def refuse(what: str) -> _Refused:
        return refused.setdefault(what, _Refused(what))

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any] | _Refused:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        repeated = next(k for i, (k, _) in enumerate(pairs) if any(k == j for j, _ in pairs[:i]))
        return refuse(f"duplicate key {quote(repeated)} in an object")

    def parse_int(digits: str) -> int | _Refused:
        try:
            return int(digits)
        except ValueError:  # more digits than int() reads
            return refuse(f"an integer of {len(digits.lstrip('-'))} digits is too large")

    try:
        value = json.loads(
            text,
            object_pairs_hook=pairs_hook,
            parse_constant=lambda name: refuse(f"{name} is not a JSON number"),
            parse_int=parse_int,
        )
    except json.JSONDecodeError as e:
        raise DataError(file, (f"line {e.lineno}, column {e.colno}: not valid JSON: {e.msg}",)) from None
    except RecursionError:
        raise DataError(file, ("arrays and objects nested too deeply to be read",)) from None
    if refused or _SURROGATE_ESCAPE.search(text):
        problems = _refusals(value, root)
        if problems:
            raise DataError(file, tuple(problems))
    return value


def _refusals(value: Any, root: str) -> list[str]:
    """Locate the refused values and lone surrogates, in document order, up to MAX_PROBLEMS."""
    found: list[str] = []
    stack: list[Iterator[tuple[Any, str]]] = [iter([(value, root)])]
    while stack and len(found) <= MAX_PROBLEMS:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
        elif isinstance(step[0], _Refused):
            found.append(f"{step[1]}: {step[0].what}")
        elif isinstance(step[0], str):
            found.extend(f"{step[1]}: {p}" for p in _surrogate(step[0]))
        elif isinstance(step[0], list | dict):
            stack.append(_children(step[0], step[1], found))
    if len(found) > MAX_PROBLEMS:
        return [*found[:MAX_PROBLEMS], f"{root}: stopped after {MAX_PROBLEMS} problems; the rest was not checked"]
    return found


def _children(item: list[Any] | dict[str, Any], path: str, found: list[str]) -> Iterator[tuple[Any, str]]:
    """Yield the values in *item* with their paths; report keys that hold lone surrogates."""
    if isinstance(item, list):
        for i, v in enumerate(item):
            yield v, f"{path}[{i}]"
        return
    for k, v in item.items():
        bad = _surrogate(k)
        found.extend(f"{path}: key {p}" for p in bad)
        if not bad:
            yield v, (f"{path}.{k}" if _IDENTIFIER.fullmatch(k) else f"{path}[{quote(k)}]")


def _surrogate(text: str) -> list[str]:
    if text.isascii():
        return []
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        return [f"{quote(text)} holds a lone surrogate {text[e.start]!r} at index {e.start}, not a character"]
    return []


# --- Writing ----------------------------------------------------------------------------


def write_files(directory: str | os.PathLike[str], contents: Mapping[str, bytes], *, overwrite: bool) -> None:
    """
    Write *contents* (file name to bytes) as files of *directory*, each replaced atomically.

    The directory is created, with its parents, if it does not exist. Its other
    entries, the directory itself, its owner and mode, and the mode and owner of each
    file replaced are kept as they were. While it runs, readers of :func:`read_files`
    wait; if it fails or is stopped, they read the old copy or the new one, whole.

    Raises:
        FileExistsError: If *directory* holds other entries and *overwrite* is false.
        NotADirectoryError: If *directory* is a file.
        OSError: If *directory* is a symbolic link, a file system's root, the user's
            home or holds a mount point; if one of the names in it is a link or not a
            regular file; or on any error of the file system.
    """
    target = os.path.abspath(os.fspath(directory))
    if os.path.islink(target):
        msg = f"{target} is a symbolic link: a dataset is written only to a real path, never through a link"
        raise OSError(msg)
    if os.path.lexists(target) and not os.path.isdir(target):
        raise NotADirectoryError(errno.ENOTDIR, "is a file, not a directory", target)
    created = not os.path.lexists(target)
    os.makedirs(target, exist_ok=True)
    d = _Directory(target, getattr(os, "O_NOFOLLOW", 0))  # a link put in its place meanwhile is refused
    try:
        with d.locked(exclusive=True):
            entries = set(os.listdir(d.fd if d.fd is not None else target)) - {temporary(n) for n in contents}
            if entries and not overwrite:
                msg = f"{target} is not empty; pass overwrite=True to replace the dataset's files in it"
                raise FileExistsError(msg)
            if entries:
                _refuse_place(d, entries)
            _replace(d, contents)
    except BaseException:
        if created:  # a new directory that nothing was written to goes
            with contextlib.suppress(OSError):
                os.rmdir(target)
        raise
    finally:
        d.close()


def write_file(path: str | os.PathLike[str], data: bytes, *, overwrite: bool) -> None:
    """
    Write *data* as the file *path*, whole or not at all; its mode and owner are kept.

    Raises:
        FileExistsError: If *path* exists and *overwrite* is false.
        IsADirectoryError: If *path* is a directory.
        OSError: If *path* is a symbolic link or not a regular file, or if writing fails;
            *path* is then as it was.
    """
    head, name = os.path.split(os.path.abspath(os.fspath(path)))
    d = _Directory(head)
    try:
        info = d.lstat(name)
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", os.path.join(head, name))
        if info is not None and not overwrite:
            raise FileExistsError(errno.EEXIST, "exists", os.path.join(head, name))
        with d.locked(exclusive=True):
            _replace(d, {name: data})
    finally:
        d.close()


def _refuse_place(d: _Directory, entries: set[str]) -> None:
    """Refuse to write into a file system's root, the user's home or a mount point's parent."""
    here = os.stat(d.path)
    try:
        home = os.path.samestat(here, os.stat(os.path.expanduser("~")))
    except OSError:  # no home
        home = False
    mounts = (s for s in map(d.lstat, sorted(entries)) if s is not None and stat.S_ISDIR(s.st_mode))
    if home or os.path.dirname(d.path) == d.path or any(s.st_dev != here.st_dev for s in mounts):
        what = "the home directory" if home else "a file system's root, or holds a mount point"
        msg = f"{d.path} is {what}: write the dataset to a directory of its own"
        raise OSError(msg)


def _replace(d: _Directory, contents: Mapping[str, bytes]) -> None:
    """Write every new file beside its file, then rename each over it, in order."""
    for name in contents:
        info = d.lstat(name)
        if info is not None and not stat.S_ISREG(info.st_mode):
            what = "a symbolic link" if stat.S_ISLNK(info.st_mode) else "not a regular file"
            msg = f"{os.path.join(d.path, name)} is {what}: it is not replaced, nor written through"
            raise OSError(msg)
    _remove_temporaries(d, contents)  # what a stopped write left, the first file's last
    try:
        for name, data in contents.items():
            _write_new(d, name, data)
    except BaseException:
        _remove_temporaries(d, contents)
        raise
    for i, name in enumerate(contents):
        try:
            os.replace(d.at(temporary(name)), d.at(name), src_dir_fd=d.fd, dst_dir_fd=d.fd)
        except BaseException:
            if i == 0:  # nothing replaced yet: the old copy stays, whole
                _remove_temporaries(d, contents)
            raise  # else the temporaries left are the rest of the new copy, for readers
    if d.fd is not None:
        with contextlib.suppress(OSError):  # the renames made durable, where the platform can
            os.fsync(d.fd)


def _remove_temporaries(d: _Directory, names: Mapping[str, bytes]) -> None:
    for name in reversed(list(names)):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(d.at(temporary(name)), dir_fd=d.fd)


def _write_new(d: _Directory, name: str, data: bytes) -> None:
    old = d.lstat(name)
    fd = os.open(d.at(temporary(name)), _WRITE, 0o666, dir_fd=d.fd)
    with os.fdopen(fd, "wb") as f:
        if old is not None and hasattr(os, "fchmod"):  # POSIX: the old file's owner and mode are kept
            if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
                with contextlib.suppress(PermissionError):  # only root may give a file away
                    os.fchown(fd, old.st_uid, old.st_gid)
            os.fchmod(fd, stat.S_IMODE(old.st_mode))
        f.write(data)
        f.flush()
        os.fsync(fd)
