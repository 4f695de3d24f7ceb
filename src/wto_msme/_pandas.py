"""
Records as a pandas DataFrame. pandas is imported only when it is asked for.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from ._dates import Precision
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
    """
    pd = _pandas()
    cols = columns_of(records)
    values = list(zip(*(row(r, cols) for r in records), strict=True)) or [() for _ in cols]
    return pd.DataFrame({c.name: _series(pd, c, v) for c, v in zip(cols, values, strict=True)})


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
