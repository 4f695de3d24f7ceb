r"""
Strict JSON reading for user data: only what RFC 8259 allows, and nothing ambiguous.

A data file is read whole (up to a size limit), decoded as UTF-8 and parsed by the
standard library's parser, with four refusals on top of it, each reported with its
location: nesting deeper than :data:`MAX_DEPTH` (checked on the text before parsing, so
that the parser never recurses deeply), duplicate keys in an object, the non-standard
constants ``NaN``, ``Infinity`` and ``-Infinity``, and strings holding lone surrogates
(a ``\ud800`` escape), which are not characters and cannot be written back as UTF-8.
Nothing in a file is ever executed or imported.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import re
import stat
from collections.abc import Iterator
from typing import Any

from .exceptions import DataError

__all__ = ["LINK_REFUSED", "MAX_DEPTH", "MAX_PROBLEMS", "not_regular", "read_json"]

MAX_DEPTH = 32
"""The deepest nesting of arrays and objects a data file may have (the model needs 6)."""

MAX_PROBLEMS = 100
"""The most problems of a file listed one by one; past it, checking stops or they are counted."""

# A JSON string; one left open runs to the end of the text, as the parser reads it. It
# matches at every quote it starts from, so that scanning stays linear in the text.
_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)'
_TOKENS = re.compile(rf"{_STRING}|[\[\]{{}}]", re.DOTALL)
_STRINGS = re.compile(_STRING, re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_DEPTH_CHANGE = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
# The escape of a surrogate: the only way a JSON text can hold a lone one.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)


class _Refused:
    """A value the parser met that is not acceptable data; reported with its location."""

    __slots__ = ("what",)

    def __init__(self, what: str) -> None:
        self.what = what


def read_json(file: str, root: str, max_bytes: int) -> Any:
    """
    Read the JSON value in *file*, refusing anything that is not plain, strict JSON.

    Args:
        file: The file to read.
        root: The name of the top-level value in locations, such as ``"presentations"``.
        max_bytes: The largest file size accepted; a larger file is not read.

    Returns:
        The parsed value: dicts, lists, strings, integers, floats, booleans and None.

    Raises:
        DataError: If the file is a symbolic link or not a regular file (a FIFO, a
            device, a directory), too large, not UTF-8, not JSON, nested too deeply, or
            holds a duplicate key, a non-standard constant or a lone surrogate.
        OSError: If the file cannot be read.
    """
    data, size = _read_regular_file(file, max_bytes)
    if size > max_bytes or len(data) > max_bytes:
        raise DataError(file, (f"the file is larger than the limit of {max_bytes} bytes and was not read",))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DataError(file, (f"byte {e.start}: not valid UTF-8",)) from None
    if _max_depth(text) > MAX_DEPTH:
        line, column = _line_column(text, _too_deep(text))
        raise DataError(file, (f"line {line}, column {column}: nested more than {MAX_DEPTH} levels deep",))
    refused: dict[str, _Refused] = {}  # one marker for each message: a file may repeat one a million times

    def refuse(what: str) -> _Refused:
        marker = refused.get(what)
        if marker is None:
            marker = refused[what] = _Refused(what)
        return marker

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any] | _Refused:
        obj = dict(pairs)
        return obj if len(obj) == len(pairs) else refuse(f"duplicate key {_short(_repeated(pairs))} in an object")

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
    if refused or _SURROGATE_ESCAPE.search(text):
        problems = tuple(_refusals(value, root))
        if problems:
            raise DataError(file, problems)
    return value


#: How a data file is opened: never blocking (a FIFO opens at once, and is then refused
#: as no regular file), never through a symbolic link where the platform can tell.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISLNK, "a symbolic link"),
)


def not_regular(mode: int) -> str | None:
    """Return what a file of *mode* is, such as ``"a FIFO (named pipe)"``, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def _read_regular_file(file: str, max_bytes: int) -> tuple[bytes, int]:
    """
    Open *file* once, refuse it unless it is a regular file, and read up to *max_bytes* + 1 bytes.

    What is checked is what is read: the descriptor opened is the one examined by
    ``fstat``, so that the file cannot be swapped for a FIFO or a link in between.
    """
    try:
        fd = os.open(file, _OPEN_FLAGS)
    except OSError as e:
        if e.errno in (errno.ELOOP, errno.EMLINK) and hasattr(os, "O_NOFOLLOW"):  # O_NOFOLLOW met a link
            raise DataError(file, (LINK_REFUSED,)) from None
        raise
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        kind = not_regular(info.st_mode)
        if kind is not None:
            raise DataError(file, (f"expected a regular file, found {kind}",))
        size = info.st_size
        data = b"" if size > max_bytes else f.read(max_bytes + 1)
    return data, size


LINK_REFUSED = "a symbolic link: a data directory must hold its files themselves; links are not followed"


def _max_depth(text: str) -> int:
    """Return how deeply arrays and objects nest in *text*, outside strings."""
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    return max(itertools.accumulate(map(_DEPTH_CHANGE.__getitem__, brackets.encode("ascii"))), default=0)


def _too_deep(text: str) -> int:
    """Return the offset of the first bracket nested deeper than MAX_DEPTH."""
    depth = 0
    for m in _TOKENS.finditer(text):
        token = m.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                return m.start()
        elif token in ("]", "}"):
            depth -= 1
    raise AssertionError  # pragma: no cover - called only when _max_depth found too deep a nesting


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _repeated(pairs: list[tuple[str, Any]]) -> str:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return key
        seen.add(key)
    raise AssertionError  # pragma: no cover - called only for pairs with a repeated key


def _refusals(value: Any, root: str) -> list[str]:
    """Locate the refused values and lone surrogates, in document order, up to MAX_PROBLEMS."""
    found: list[str] = []
    stack: list[Iterator[tuple[Any, str]]] = [iter([(value, root)])]
    while stack and len(found) <= MAX_PROBLEMS:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            continue
        item, path = step
        if isinstance(item, _Refused):
            found.append(f"{path}: {item.what}")
        elif isinstance(item, str):
            found.extend(f"{path}: {p}" for p in _surrogate(item))
        elif isinstance(item, list | dict):
            stack.append(_children(item, path, found))
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
        if bad:
            found.extend(f"{path}: key {p}" for p in bad)
            continue
        yield v, (f"{path}.{k}" if _IDENTIFIER.fullmatch(k) else f"{path}[{_short(k)}]")


def _surrogate(text: str) -> list[str]:
    if text.isascii():
        return []
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        return [f"{_short(text)} holds a lone surrogate {text[e.start]!r} at index {e.start}, not a character"]
    return []


def _short(text: str, limit: int = 60) -> str:
    r"""
    Quote *text* as its repr, shortened to at most *limit* characters.

    A shortened repr is that of a prefix of *text*, without its closing quote, followed
    by ``...``: it is cut between characters, never inside an escape such as ``\x00``.
    """
    r = repr(text)
    if len(r) <= limit:
        return r
    # Each character takes at least one place in a repr: no longer prefix can fit.
    n = limit - 4
    r = repr(text[:n])
    while len(r) > limit - 2 and n > 0:  # the repr less its closing quote, then "..."
        n -= 1
        r = repr(text[:n])
    return r[:-1] + "..."
