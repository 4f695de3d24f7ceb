"""
Records as a pandas DataFrame. pandas is imported only when it is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ._describe import field_types, kind_of
from ._flat import Column, columns_of, row

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["frame"]

_MISSING_PANDAS = 'to_pandas() needs pandas, which is not installed: pip install "wto_msme[pandas]"'


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:
        raise ImportError(_MISSING_PANDAS) from e
    return pandas


def frame(records: tuple[Any, ...]) -> pd.DataFrame:
    """
    Return the collection *records* as a DataFrame with the columns of ``_flat.columns_of``.

    It is indexed by ``id`` where the records are of one kind that has one, by position otherwise.
    """
    pd = _pandas()
    cols = columns_of(records)
    values = list(zip(*(row(r, cols) for r in records), strict=True)) or [() for _ in cols]
    df = pd.DataFrame({c.name: _SERIES[c.kind](pd, c, v) for c, v in zip(cols, values, strict=True)})
    cls = kind_of(records)
    return df.set_index("id") if cls is not None and "id" in field_types(cls) else df


def _numbers(pd: Any, column: Column, values: tuple[Any, ...]) -> Any:
    return pd.Series(values, dtype="Int64" if column.optional else "int64")


def _flags(pd: Any, column: Column, values: tuple[Any, ...]) -> Any:
    return pd.Series(values, dtype="boolean" if column.optional else "bool")


def _texts(pd: Any, column: Column, values: tuple[Any, ...]) -> Any:
    return pd.Series(values, dtype="string")


def _dates(pd: Any, column: Column, values: tuple[Any, ...]) -> Any:
    return pd.Series(pd.to_datetime(list(values)), dtype="datetime64[ns]")


def _members(pd: Any, column: Column, values: tuple[Any, ...]) -> Any:
    """An enum's or a precision's values, categorical in the enum's order."""
    categories = [m.value for m in column.type]
    return pd.Series(pd.Categorical([getattr(v, "value", v) for v in values], categories=categories))


def _whole(pd: Any, column: Column, values: tuple[Any, ...]) -> Any:
    return pd.Series(list(values), dtype="object")


#: The Series of a column of each kind.
_SERIES: dict[str, Callable[[Any, Column, tuple[Any, ...]], Any]] = {
    "text": _texts,
    "title": _texts,
    "bounded": _texts,
    "integer": _numbers,
    "count": _numbers,
    "boolean": _flags,
    "date": _dates,
    "precision": _members,
    "enum": _members,
    "tuple": _whole,
}
