"""Own rows per county beside the plan's items: "where the plan puts 新能源, how many of mine are there"."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from cluster_map.own.units import UnitIndex

__all__ = ["COMPARISON_COLUMNS", "county_comparison", "own_rows_in"]

COMPARISON_COLUMNS = ("county_code", "prefecture_zh", "county_zh", "plan_items", "own_rows")


def _plan_items(plan_rows: pd.DataFrame, sectors: Sequence[str]) -> pd.Series:
    """Items per county code: items placed at the county (an item counts once per county)."""
    rows = plan_rows[plan_rows["sector"].isin(sectors)] if sectors else plan_rows
    codes = rows["county_code"].astype(str).str.split(";")  # a place of several counties counts in each
    pairs = pd.DataFrame({"id": rows["id"], "county_code": codes}).explode("county_code")
    pairs = pairs[pairs["county_code"].fillna("") != ""].drop_duplicates()
    return pairs.groupby("county_code").size()


def county_comparison(
    own_rows: pd.DataFrame, plan_rows: pd.DataFrame, *, units: UnitIndex, sectors: Sequence[str] = ()
) -> pd.DataFrame:
    """Every county with the plan's items and the own rows placed in it, of ``sectors`` (all when empty).

    Own rows count when placed at the county (by point or by an address naming the county); the
    plan's items count when they have a county-level place there. Most plan items first, then most
    own rows.
    """
    own = own_rows[own_rows["cm_sector"].isin(sectors)] if sectors else own_rows
    own_counts = own.loc[own["cm_county_code"] != ""].groupby("cm_county_code").size()
    counties = units.counties
    table = pd.DataFrame(
        {
            "county_code": counties["adcode"].astype(str),
            "prefecture_zh": counties["parent_adcode"].astype(str).map(units.prefecture_names).fillna(""),
            "county_zh": counties["name_zh"].astype(str),
        }
    )
    table["plan_items"] = table["county_code"].map(_plan_items(plan_rows, sectors)).fillna(0).astype(int)
    table["own_rows"] = table["county_code"].map(own_counts).fillna(0).astype(int)
    order = table.sort_values(["plan_items", "own_rows", "county_code"], ascending=[False, False, True])
    return order.reset_index(drop=True)


def own_rows_in(own_rows: pd.DataFrame, *, level: str, code: str, sectors: Sequence[str] = ()) -> int:
    """How many own rows lie in a prefecture, county or zone (``level``), of ``sectors`` (all when empty)."""
    rows = own_rows[own_rows["cm_sector"].isin(sectors)] if sectors else own_rows
    if level == "zone":
        inside = rows["cm_zones"].str.split(";").apply(lambda zones: code in zones)
    else:
        inside = rows["cm_county_code" if level == "county" else "cm_prefecture_code"] == code
    return int(inside.sum())
