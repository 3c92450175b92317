"""Counts of items per admin unit and their colour classes, for the choropleth layer."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from cluster_map.core.items import split_multi

__all__ = ["Classes", "classify", "unit_counts"]

#: Fill of a unit that holds no record.
EMPTY_FILL = "#f7f7f7"


def unit_counts(
    records: pd.DataFrame, *, column: str = "prefecture_code", sector: str | None = None
) -> dict[str, int]:
    """How many items have a place in each unit; an item in several units counts once in each.

    Parameters
    ----------
    records
        The (filtered) records.
    column
        ``prefecture_code`` or ``county_code`` (``;``-joined codes).
    sector
        Count only this sector's records (None: all).

    Returns
    -------
    Code -> count (units with no record are absent).
    """
    rows = records if sector is None else records[records["sector"] == sector]
    items: dict[str, set[str]] = defaultdict(set)  # code -> the items in it (each counted once)
    for item, cell in zip(rows["id"], rows[column], strict=True):
        for code in split_multi(cell):
            items[code].add(item)
    return {code: len(found) for code, found in items.items()}


@dataclass(frozen=True)
class Classes:
    """Equal-interval classes: class i holds counts ``lower[i]`` .. ``upper[i]``."""

    lower: tuple[int, ...]
    upper: tuple[int, ...]
    colors: tuple[str, ...]

    def color(self, count: int) -> str:
        """The fill of a unit with ``count`` records (:data:`EMPTY_FILL` for none)."""
        for low, high, color in zip(self.lower, self.upper, self.colors, strict=True):
            if low <= count <= high:
                return color
        return EMPTY_FILL

    def labels(self) -> list[str]:
        """``"1–4"``, ``"5–8"``, ... (a single number when a class holds one value)."""
        return [f"{lo}" if lo == hi else f"{lo}–{hi}" for lo, hi in zip(self.lower, self.upper, strict=True)]


def classify(counts: Mapping[str, int], *, colors: Sequence[str]) -> Classes:
    """Equal-interval classes from 1 to the largest count, at most one class per colour.

    Parameters
    ----------
    counts
        Unit -> count.
    colors
        Class colours, light to dark.

    Returns
    -------
    The classes (none when every count is 0).
    """
    top = max(counts.values(), default=0)
    if top <= 0:
        return Classes((), (), ())
    step = max(1, math.ceil(top / len(colors)))
    lower = tuple(range(1, top + 1, step))
    upper = tuple(min(lo + step - 1, top) for lo in lower)
    n, last = len(lower), len(colors) - 1
    picks = [last] if n == 1 else [round(i * last / (n - 1)) for i in range(n)]
    return Classes(lower, upper, tuple(colors[i] for i in picks))
