"""Comparisons of places: the sector x unit matrix, and up to five places side by side.

Both count plan items as a profile does (:mod:`cluster_map.core.profiles`): an item counts once in
each unit it has a place in, so a matrix column equals the profile of that unit under the same
filter, and a compared place's column is its profile's counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import geopandas as gpd
import pandas as pd

from cluster_map.core.catalog import Catalog
from cluster_map.core.errors import UsageError
from cluster_map.core.filters import FilterChoices, FilterSpec
from cluster_map.core.items import MULTI_SEPARATOR, split_multi
from cluster_map.core.profiles import COUNTED, Profile, ProfilePlace, build_profile

__all__ = [
    "MAX_COMPARED",
    "TOTAL_ROW",
    "MatrixLevel",
    "compare_places",
    "matrix_units",
    "prefecture_only_items",
    "sector_matrix",
]

MatrixLevel = Literal["prefecture", "county"]
#: The most places compared side by side (the EU cluster scoreboard compares five peers).
MAX_COMPARED = 5
#: The first row of a comparison: the number of items of each place.
TOTAL_ROW = ("items", "")


def matrix_units(catalog: Catalog, level: MatrixLevel, within: str = "") -> list[str]:
    """The unit codes that are a matrix's columns, in the catalog's order.

    Raises
    ------
    UsageError
        When ``within`` is given and is no prefecture code.
    """
    if within:
        parent = catalog.unit(within)
        if parent is None or parent.level != "prefecture":
            raise UsageError(f"{within!r} is no prefecture code; give one such as 130200 (唐山市)")
    return [u.code for u in catalog.units if u.level == level and (not within or u.parent == within)]


def sector_matrix(
    rows: pd.DataFrame,
    *,
    catalog: Catalog,
    level: MatrixLevel = "prefecture",
    within: str = "",
    only: Sequence[str] = (),
) -> pd.DataFrame:
    """Items per sector (rows) and unit (columns); an item counts once in each unit it is placed in.

    Parameters
    ----------
    rows
        Item-place rows (filtered).
    catalog
        Lists the units in order.
    level
        ``prefecture`` (the 11 prefectures) or ``county``.
    within
        For counties: only those of this prefecture code.
    only
        When given, only these units are columns (the units a place filter chose).

    Returns
    -------
    Integer counts: index the sectors found (most items first), columns every unit of the level
    (zeros included). The total is the number of distinct (item, unit) pairs.
    """
    column = "prefecture_code" if level == "prefecture" else "county_code"
    units = matrix_units(catalog, level, within)
    if only:
        units = [u for u in units if u in set(only)]
    sources = {"id": "id", "sector": "sector", "unit": column}
    frame = pd.DataFrame(
        {name: rows[source].astype(str).to_numpy(dtype=object) for name, source in sources.items()}
    )
    if frame["unit"].str.contains(MULTI_SEPARATOR, regex=False).any():  # an item placed in several units
        frame = frame.assign(unit=frame["unit"].str.split(MULTI_SEPARATOR)).explode("unit")
    table = frame[frame["unit"].isin(units)].drop_duplicates()  # an item counts once per unit
    if not len(table):
        return pd.DataFrame(index=pd.Index([], name="sector"), columns=units, dtype=int)
    matrix = pd.crosstab(table["sector"], table["unit"]).reindex(columns=units, fill_value=0)
    order = matrix.sum(axis=1).sort_values(ascending=False, kind="stable").index
    return matrix.loc[order].astype(int)


def prefecture_only_items(rows: pd.DataFrame, prefecture: str, *, catalog: Catalog) -> int:
    """Items placed in ``prefecture`` but in none of its counties (so not in its county matrix)."""
    counties = set(matrix_units(catalog, "county", prefecture))
    inside, at_county = set(), set()
    for item, prefectures, county_cell in zip(
        rows["id"], rows["prefecture_code"], rows["county_code"], strict=True
    ):
        if prefecture in split_multi(prefectures):
            inside.add(str(item))
            if counties & set(split_multi(county_cell)):
                at_county.add(str(item))
    return len(inside - at_county)


def compare_places(
    rows: gpd.GeoDataFrame, places: Sequence[ProfilePlace], spec: FilterSpec, *, choices: FilterChoices
) -> tuple[pd.DataFrame, list[Profile]]:
    """Up to :data:`MAX_COMPARED` places side by side under the filter ``spec``.

    Returns
    -------
    The table, index ``(field, value)`` (first :data:`TOTAL_ROW`, then each value of sector, kind
    and level, most items first) and one column per place code; and the places' profiles.

    Raises
    ------
    UsageError
        When no place or more than :data:`MAX_COMPARED` are given (duplicates count once).
    """
    unique = list(dict.fromkeys(places))
    if not unique or len(unique) > MAX_COMPARED:
        codes = ", ".join(p.code for p in unique) or "none"
        raise UsageError(f"compare 1 to {MAX_COMPARED} places, not {len(unique)} ({codes})")
    profiles = [build_profile(rows, place, spec, choices=choices) for place in unique]
    index: list[tuple[str, str]] = [TOTAL_ROW]
    for column in COUNTED:
        totals: dict[str, int] = {}
        for profile in profiles:
            for value, count in profile.counts[column].items():
                totals[value] = totals.get(value, 0) + count
        index += [(column, v) for v in sorted(totals, key=lambda v: (-totals[v], v))]
    data = {
        p.place.code: [p.item_count if f == "items" else p.counts[f].get(v, 0) for f, v in index]
        for p in profiles
    }
    table = pd.DataFrame(data, index=pd.MultiIndex.from_tuples(index, names=["field", "value"]))
    return table, profiles
