"""
Records as a pandas DataFrame. pandas is imported only when it is asked for.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from ._dates import Precision
from ._export import RECORD_CLASSES
from ._flat import Column, columns, row

if TYPE_CHECKING:
    import pandas as pd
    from attrs import AttrsInstance

__all__ = ["to_pandas"]

_MISSING_PANDAS = 'wto_msme.to_pandas needs pandas, which is not installed: pip install "wto_msme[pandas]"'


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:
        raise ImportError(_MISSING_PANDAS) from e
    return pandas


def to_pandas(records: AttrsInstance | Iterable[AttrsInstance]) -> pd.DataFrame:
    """
    Turn a collection of records into a pandas DataFrame with typed columns.

    There is a row per record, in the collection's order, with the default index
    (``0, 1, 2...``, the positions in the collection), and a column per field, flattened
    as CSV export flattens them:

    - texts are ``string`` columns; numbers ``int64``; flags ``bool`` (``boolean``
      where a value may be missing);
    - a date is two columns: ``<field>``, a ``datetime64[ns]`` column holding the
      first day of the period (``2023-04`` becomes 1 April 2023; ``NaT`` where there
      is no date), and ``<field>_precision``, a categorical column saying ``year``,
      ``month`` or ``day``;
    - an enum is a categorical column whose categories are the enum's values in the
      enum's order (:class:`~wto_msme.Category` in the order of the list of
      presentations), so sorting by it follows that order;
    - a tuple (aliases, annexes, evidence, a declaration's paragraphs) is an
      ``object`` column holding the tuple;
    - the provenance is four columns: ``source``, ``locator``, ``evidence`` and
      ``notes``, the number of notes (the notes themselves are in the records and in
      the JSON export);
    - another nested record is flattened with its field's name as a prefix: a
      member's ``joined`` gives ``joined_on``, ``joined_on_precision``,
      ``joined_not_before``... ``joined_confidence``.

    Args:
        records: A collection of records of one class, such as ``ds.presentations``,
            or a single record (one row). An empty collection gives an empty
            DataFrame without columns.

    Returns:
        The DataFrame.

    Raises:
        ImportError: If pandas is not installed; install the ``pandas`` extra:
            ``pip install "wto_msme[pandas]"``.
        TypeError: If the records are not wto_msme records of one class (naming the
            first that differs), or a whole :class:`~wto_msme.Dataset` is given.

    >>> import wto_msme
    >>> df = wto_msme.to_pandas(wto_msme.load().presentations)
    >>> df.loc[0, ["institution", "date", "date_precision", "category"]].tolist()
    ['ITC', Timestamp('2021-09-24 00:00:00'), 'day', 'Implementation of the December 2020 Package']
    >>> df.groupby("category", observed=False).size().iloc[:2].tolist()
    [6, 4]

    .. versionadded:: 0.1.0
    """
    pd = _pandas()
    items = _items(records)
    if not items:
        return pd.DataFrame()
    cls: type = type(items[0])
    cols = columns(cls)
    values = list(zip(*(row(r, cols) for r in items), strict=True))
    return pd.DataFrame({c.name: _series(pd, c, v) for c, v in zip(cols, values, strict=True)})


def _items(records: Any) -> list[Any]:
    from ._model import Dataset

    if isinstance(records, Dataset):
        msg = "a Dataset holds many collections: pass one of them, such as ds.presentations"
        raise TypeError(msg)
    if type(records) in RECORD_CLASSES:
        return [records]
    if isinstance(records, str | bytes) or not isinstance(records, Iterable):
        msg = f"expected a collection of wto_msme records, got {type(records).__name__}"
        raise TypeError(msg)
    items = list(records)
    for i, record in enumerate(items):
        if type(record) not in RECORD_CLASSES or not attrs.has(type(record)) or isinstance(record, Dataset):
            msg = f"item {i}: expected a wto_msme record, got {type(record).__name__}"
            raise TypeError(msg)
        if type(record) is not type(items[0]):
            msg = (
                f"item {i}: expected a {type(items[0]).__name__} like item 0, got {type(record).__name__}:"
                " a DataFrame holds records of one class"
            )
            raise TypeError(msg)
    return items


def _series(pd: Any, column: Column, values: tuple[Any, ...]) -> Any:
    kind = column.kind
    if kind == "text":
        return pd.Series(values, dtype="string")
    if kind in ("integer", "count"):
        return pd.Series(values, dtype="Int64" if column.optional else "int64")
    if kind == "boolean":
        return pd.Series(values, dtype="boolean" if column.optional else "bool")
    if kind == "date":
        return pd.Series(pd.to_datetime(list(values)), dtype="datetime64[ns]")
    if kind == "precision":
        return pd.Series(pd.Categorical(values, categories=[p.value for p in Precision]))
    if kind == "enum":
        enum_type: type[enum.Enum] = column.type
        return pd.Series(
            pd.Categorical([None if v is None else v.value for v in values], categories=[m.value for m in enum_type])
        )
    return pd.Series(list(values), dtype="object")  # tuples, kept whole
