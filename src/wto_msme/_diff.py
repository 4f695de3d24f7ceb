"""
What changed between two datasets: records added, removed and changed, field by field.

The results are named tuples, cheaper to define at import than attrs classes. A
:class:`Diff` reads as lines of text, shows as a table in Jupyter and sums itself up in
its repr.
"""

from __future__ import annotations

import os
from typing import Any, NamedTuple

from ._dataset import Dataset
from ._text import quote

__all__ = ["Diff", "FieldChange", "RecordChange", "diff"]


class FieldChange(NamedTuple):
    """
    A field whose value differs, with the old and the new value in their JSON form.

    .. versionadded:: 0.3.0
    """

    field: str
    """The field, dotted for a nested one: ``"joined.not_after"``, ``"provenance.notes"``."""

    old: Any
    """The old value (``None`` where the field did not exist)."""

    new: Any
    """The new value (``None`` where the field no longer exists)."""


class RecordChange(NamedTuple):
    """
    A record in both datasets whose fields differ.

    .. versionadded:: 0.3.0
    """

    collection: str
    """The collection it is in, such as ``"members"``; ``"dataset"`` for the version and date."""

    id: str
    """The record's id (the collection's name for the initiative and the dataset)."""

    fields: tuple[FieldChange, ...]
    """The fields that changed, in the record's order."""


class Diff(NamedTuple):
    """
    The difference between two datasets: :func:`diff` makes it. It is false when they are equal.

    Its string form says how many records were added, removed and changed, then lists
    one line per record added (``+``) or removed (``-``) and, for each changed record
    (``~``), its id and each changed field with the old and the new value, long values
    shortened. In Jupyter it is a table of the same lines; its repr is the count.

    .. versionadded:: 0.3.0
    """

    added: tuple[tuple[str, str], ...]
    """The ``(collection, id)`` of each record only the new dataset has."""

    removed: tuple[tuple[str, str], ...]
    """The ``(collection, id)`` of each record only the old dataset has."""

    changed: tuple[RecordChange, ...]
    """Each record both have whose fields differ."""

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def _summary(self) -> str:
        counts = zip(
            (len(self.added), len(self.removed), len(self.changed)), ("added", "removed", "changed"), strict=True
        )
        return ", ".join(f"{n} {what}" for n, what in counts if n) or "no differences"

    def _field_lines(self) -> list[tuple[RecordChange, str, str, str]]:
        """Each changed field: its record's change, its name, its old and its new value, shortened."""
        return [(c, f.field, _value(f.old), _value(f.new)) for c in self.changed for f in c.fields]

    def __str__(self) -> str:
        lines = [self._summary()]
        lines += [f"+ {c} {i}" for c, i in self.added] + [f"- {c} {i}" for c, i in self.removed]
        for change in self.changed:
            lines.append(f"~ {change.collection} {change.id}")
            lines += [f"    {f.field}: {_value(f.old)} -> {_value(f.new)}" for f in change.fields]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Diff: {self._summary()}>"

    def _repr_html_(self) -> str:
        from html import escape

        from ._display import table_html

        rows = [["added", escape(c), escape(i), "", "", ""] for c, i in self.added]
        rows += [["removed", escape(c), escape(i), "", "", ""] for c, i in self.removed]
        last = None
        for change, field, old, new in self._field_lines():
            head = ["", "", ""] if change is last else ["changed", escape(change.collection), escape(change.id)]
            rows.append([*head, escape(field), escape(old), escape(new)])
            last = change
        return table_html(f"Diff: {self._summary()}", ["", "collection", "id", "field", "old", "new"], rows, "diff")


def _value(value: Any) -> str:
    """A value as the text and the table show it: its repr, shortened."""
    return "(none)" if value is None else quote(value, 80)


def diff(old: Dataset | str | os.PathLike[str], new: Dataset | str | os.PathLike[str]) -> Diff:
    """
    List what changed from *old* to *new*: records added and removed, and changed fields.

    Each is a dataset, or a data directory whose JSON files are compared as they are,
    without loading them: so a directory in the layout of an older release, which
    :func:`~wto_msme.load` may refuse, can be compared with the current data (a file it
    lacks counts as an empty collection). Records are matched by their ``id`` within each
    collection; the initiative, and the dataset's version and date, are one record each.
    Values are compared in the JSON form the data files hold, nested records field by field.
    A directory's files are read as :func:`~wto_msme.load` reads them: one whole copy.

    Raises:
        DataError: If a file present is not strict JSON, not a list of records (an
            object, for a file of one record), a link or not a regular file, or if the
            directory changed while it was read.
        FileNotFoundError: If a directory does not exist.
        TypeError: If *old* or *new* is neither a dataset nor a path.

    >>> import attrs, wto_msme
    >>> ds = wto_msme.load()
    >>> bool(wto_msme.diff(ds, ds))
    False
    >>> older = attrs.evolve(ds, members=ds.members[1:])
    >>> print(wto_msme.diff(older, ds))
    1 added
    + members afg

    .. versionadded:: 0.3.0
    """
    added, removed, changed = [], [], []
    before, after = _contents("old", old), _contents("new", new)
    for filename in dict.fromkeys([*before, *after]):
        collection = filename.removesuffix(".json")
        a, b = (_by_id(collection, side.get(filename, [])) for side in (before, after))
        removed += [(collection, i) for i in a if i not in b]
        added += [(collection, i) for i in b if i not in a]
        changed += [
            RecordChange(collection, i, fields) for i in a if i in b and (fields := tuple(_fields(a[i], b[i], "")))
        ]
    return Diff(tuple(added), tuple(removed), tuple(changed))


def _contents(name: str, value: Dataset | str | os.PathLike[str]) -> dict[str, Any]:
    """The JSON content of each file of a dataset or of a data directory, by file name."""
    if isinstance(value, Dataset):
        from ._export import files

        return files(value)
    if not isinstance(value, str | os.PathLike):
        msg = f"{name} must be a wto_msme.Dataset or a data directory, not {type(value).__name__}"
        raise TypeError(msg)
    from ._data import LAYOUT
    from ._describe import Kind, shape
    from ._io import read_files

    directory = os.fspath(value)
    found = read_files(directory, list(LAYOUT), missing_ok=True)
    for filename, content in found.items():
        type_ = LAYOUT[filename][1]
        many = type_ is not None and shape(type_).kind is Kind.COLLECTION
        _check_form(os.path.join(directory, filename), content, many=many)
    return found


def _check_form(file: str, content: Any, *, many: bool) -> None:
    """Refuse a file whose content is not a list of records (an object, for a file of one record)."""
    from .exceptions import DataError

    if many and not (isinstance(content, list) and all(isinstance(r, dict) for r in content)):
        raise DataError(file, ("expected a list of records, each an object {...}",))
    if not many and not isinstance(content, dict):
        raise DataError(file, ("expected an object {...}",))


def _by_id(collection: str, content: Any) -> dict[str, Any]:
    if isinstance(content, dict):  # the initiative, or the dataset's version and date
        return {collection: content}
    return {str(record.get("id")): record for record in content}


def _fields(old: dict[str, Any], new: dict[str, Any], prefix: str) -> list[FieldChange]:
    found = []
    for key in dict.fromkeys([*old, *new]):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            found += _fields(a, b, f"{prefix}{key}.")
        else:
            found.append(FieldChange(prefix + key, a, b))
    return found
