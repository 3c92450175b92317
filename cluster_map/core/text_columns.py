"""Vectorised reads of text columns (every CSV value is text): numbers, distinct values joined per key,
rows whose key is in a set. pyarrow does the work, so a million cells take a fraction of a second."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["joined_distinct", "numbers", "rows_with_keys"]


def numbers(texts: pd.Series, missing: float) -> pd.Series:
    """The numbers a text column holds; ``missing`` where a cell is empty or not a number."""
    try:
        values = pc.cast(pa.array(texts, type=pa.string()), pa.float64())  # "" and "x" raise: the careful way
        return pd.Series(np.asarray(values.fill_null(missing), dtype=float), index=texts.index)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pd.to_numeric(texts.replace("", np.nan), errors="coerce").fillna(missing).astype(float)


def joined_distinct(table: pd.DataFrame, key: str, value: str, separator: str = "\n") -> pd.Series:
    """Key -> its distinct values in the table's order, joined by ``separator`` (a key once, in any order)."""
    pairs = table[[key, value]].astype(str).drop_duplicates()
    several = pairs[key].duplicated(keep=False)  # most keys have one value: no Python join for them
    single = pairs[~several].set_index(key)[value]
    joined = pairs[several].groupby(key, sort=False)[value].agg(separator.join)
    return pd.concat([single, joined.astype(single.dtype)])


def rows_with_keys(table: pd.DataFrame, column: str, keys: np.ndarray) -> pd.DataFrame:
    """The rows of ``table`` whose ``column`` is one of ``keys`` (pyarrow's hash set, not pandas' loop)."""
    cells = pa.array(table[column].astype(str), type=pa.string())
    return table[np.asarray(pc.is_in(cells, value_set=pa.array(keys, type=pa.string())), dtype=bool)]
