"""Synthetic own-data files (enterprise lists) for the own-data tests, benchmarks and browser tests.

:func:`own_rows` makes ``n`` enterprises, each with a point drawn inside a Hebei county (kept
``inset`` degrees inside its full-weight border, so a shift between coordinate systems cannot move
it to a neighbour), an address naming its prefecture and county, and an industry value. The
coordinates are written in the system asked for. Made-up data: it exercises the join, never stands
for real enterprises.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from cluster_map.core import crs
from cluster_map.core.boundaries import read_boundaries

__all__ = ["INDUSTRIES", "own_rows"]

#: Industry values as registries write them; the last ones match no keyword (listed as unmapped).
INDUSTRIES = (
    "光伏组件制造",
    "生物医药",
    "软件开发",
    "汽车零部件制造",
    "环保设备",
    "工业机器人",
    "钢铁冶炼",
    "餐饮服务",
)


def _points_in(polygons: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One random point inside each polygon (rejection sampling in its bounds, by rounds)."""
    bounds = shapely.bounds(polygons)
    found = np.full((len(polygons), 2), np.nan)
    todo = np.arange(len(polygons))
    shapely.prepare(polygons)
    while len(todo):
        b = bounds[todo]
        x, y = rng.uniform(b[:, 0], b[:, 2]), rng.uniform(b[:, 1], b[:, 3])
        inside = shapely.contains_xy(polygons[todo], x, y)
        found[todo[inside]] = np.column_stack([x[inside], y[inside]])
        todo = todo[~inside]
    return found


def own_rows(
    n: int, *, seed: int = 15, system: str = "wgs84", inset: float = 0.01
) -> tuple[pd.DataFrame, np.ndarray]:
    """``n`` enterprises (columns 企业名称, 注册地址, 所属行业, 经度, 纬度) and each one's true county code."""
    rng = np.random.default_rng(seed)
    counties = read_boundaries("county", weight="full")
    prefectures = read_boundaries("prefecture", weight="full")
    names = dict(zip(prefectures["adcode"], prefectures["name_zh"], strict=True))
    inner = shapely.buffer(counties.geometry.values, -inset) if inset else counties.geometry.values
    usable = np.flatnonzero(~shapely.is_empty(inner))
    pick = usable[rng.integers(0, len(usable), n)]
    shapes = np.asarray(inner, dtype=object)
    unique, back = np.unique(pick, return_inverse=True)
    points = np.empty((n, 2))
    for k, county in enumerate(unique):  # all points of one county in one vectorised round
        rows = np.flatnonzero(back == k)
        points[rows] = _points_in(np.repeat(shapes[county : county + 1], len(rows)), rng)
    x, y = points[:, 0], points[:, 1]
    if system == "gcj02":
        x, y = crs.wgs84_to_gcj02(x, y)
    elif system == "bd09":
        x, y = crs.convert(x, y, source="wgs84", target="bd09")
    chosen = counties.iloc[pick]
    frame = pd.DataFrame(
        {
            "企业名称": [f"示例企业{i:07d}有限公司" for i in range(n)],
            "注册地址": [
                f"河北省{names[p]}{c}示范路{i % 900 + 1}号"
                for i, (p, c) in enumerate(zip(chosen["parent_adcode"], chosen["name_zh"], strict=True))
            ],
            "所属行业": np.asarray(INDUSTRIES)[rng.integers(0, len(INDUSTRIES), n)],
            "经度": np.round(x, 6).astype(str),
            "纬度": np.round(y, 6).astype(str),
        }
    )
    return frame, chosen["adcode"].to_numpy(str)
