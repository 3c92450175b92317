"""Synthetic plan items of the committed schema, for the benchmarks and the large-data browser tests.

:func:`write_synthetic` writes an items folder of ``n`` items drawn from the committed ones, each
with one place (a county, with a point drawn inside the county's polygon) and the first mention of
the item it copies. The data is made up: it exercises speed, never stands for the plans.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from cluster_map.core.boundaries import read_boundaries
from cluster_map.core.items import read_plan_items

__all__ = ["write_synthetic"]


def _points_in(polygons: list[shapely.Geometry], rng: np.random.Generator) -> np.ndarray:
    """One random point inside each polygon (rejection sampling in its bounds, vectorised by rounds)."""
    bounds = shapely.bounds(np.array(polygons, dtype=object))
    found = np.full((len(polygons), 2), np.nan)
    todo = np.arange(len(polygons))
    shapely.prepare(np.array(polygons, dtype=object))
    while len(todo):
        b = bounds[todo]
        x = rng.uniform(b[:, 0], b[:, 2])
        y = rng.uniform(b[:, 1], b[:, 3])
        inside = shapely.contains_xy(np.array(polygons, dtype=object)[todo], x, y)
        found[todo[inside]] = np.column_stack([x[inside], y[inside]])
        todo = todo[~inside]
    return found


def write_synthetic(folder: Path, n: int, seed: int = 14) -> None:
    """A folder of ``n`` items with the committed schema, one county place and one mention each."""
    rng = np.random.default_rng(seed)
    plan = read_plan_items()
    counties = read_boundaries("county", weight="web")
    pick = rng.integers(0, len(plan.items), n)
    items = plan.items.iloc[pick].reset_index(drop=True).copy()
    ids = [f"syn-{i:07d}" for i in range(n)]
    source_ids = items["id"].tolist()
    items["id"] = ids
    items["former_ids"] = ""
    items["place_count"] = "1"
    items["mention_count"] = "1"
    items["precision"] = "county"
    where = rng.integers(0, len(counties), n)
    units = counties.iloc[where].reset_index(drop=True)
    points = _points_in(list(units.geometry), rng)
    items["places_zh"] = units["name_zh"].to_numpy()
    places = pd.DataFrame(
        {
            "item_id": ids,
            "place_no": "1",
            "place_zh": units["name_zh"].to_numpy(),
            "prefecture_code": units["parent_adcode"].astype(str).to_numpy(),
            "prefecture_zh": "",
            "county_code": units["adcode"].astype(str).to_numpy(),
            "county_zh": units["name_zh"].to_numpy(),
            "precision": "county",
            "evidence": "admin_division",
            "basis": "",
            "lon": np.round(points[:, 0], 6),
            "lat": np.round(points[:, 1], 6),
        }
    )
    first = plan.mentions.drop_duplicates("item_id").set_index("item_id")
    mentions = first.loc[source_ids].reset_index(drop=True)
    mentions.insert(0, "item_id", ids)
    mentions["mention_no"] = "1"
    folder.mkdir(parents=True, exist_ok=True)
    items.to_csv(folder / "items.csv", index=False)
    places.to_csv(folder / "places.csv", index=False)
    mentions[["item_id", "mention_no", "doc", "section", "spans", "text", "sentence"]].to_csv(
        folder / "mentions.csv", index=False
    )
