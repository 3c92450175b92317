"""Point in county, vectorised: Hebei's county-level units (full-weight boundaries) and their zones."""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray

from cluster_map.core.boundaries import read_boundaries
from cluster_map.core.items import split_multi

__all__ = ["UnitIndex", "load_unit_index"]


@dataclass(frozen=True, eq=False)
class UnitIndex:
    """The counties (polygons, codes, names, prefectures) and the zones made of them."""

    counties: gpd.GeoDataFrame
    prefecture_names: dict[str, str]
    zones: pd.DataFrame  # adcode, name_zh, member_level, member_adcodes
    unit_points: dict[str, tuple[float, float]]  # a point inside each prefecture and county (WGS84)
    _bounds: NDArray[np.float64] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        shapely.prepare(self.counties.geometry.values)  # indexed edges: fast point-in-polygon
        object.__setattr__(self, "_bounds", shapely.bounds(self.counties.geometry.values))

    def county_positions(self, lon: NDArray[np.float64], lat: NDArray[np.float64]) -> NDArray[np.int64]:
        """Per point, the position of its county in :attr:`counties`, -1 outside Hebei or without a point.

        Per county: the points in its bounding box (a binary search in the points sorted by
        longitude), then ``intersects_xy`` on the prepared polygon. A point on a shared border goes to
        the first county. About 20 times faster than an STRtree query over all points.
        """
        found = np.full(len(lon), -1, dtype=np.int64)
        given = np.flatnonzero(np.isfinite(lon) & np.isfinite(lat))
        order = given[np.argsort(lon[given], kind="stable")]
        by_lon = lon[order]
        for position, (polygon, box) in enumerate(
            zip(self.counties.geometry.values, self._bounds, strict=True)
        ):
            start = int(np.searchsorted(by_lon, box[0], side="left"))
            stop = int(np.searchsorted(by_lon, box[2], side="right"))
            rows = order[start:stop]
            rows = rows[(lat[rows] >= box[1]) & (lat[rows] <= box[3]) & (found[rows] < 0)]
            found[rows[shapely.intersects_xy(polygon, lon[rows], lat[rows])]] = position
        return found

    def zones_of(self, county_codes: pd.Series, prefecture_codes: pd.Series) -> pd.Series:
        """The ``;``-joined ids of the zones each (county, prefecture) pair lies in."""
        members: dict[str, list[str]] = {}
        for zone in self.zones.itertuples(index=False):
            for code in split_multi(str(zone.member_adcodes)):
                members.setdefault(code, []).append(str(zone.adcode))
        keys = county_codes.astype(str) + "|" + prefecture_codes.astype(str)
        codes, pairs = pd.factorize(keys)  # each distinct pair joined once
        joined = []
        for pair in pairs:
            county, _, prefecture = str(pair).partition("|")
            joined.append(";".join([*members.get(county, []), *members.get(prefecture, [])]))
        return pd.Series(np.asarray(joined, dtype=object)[codes], index=county_codes.index, dtype=object)


def load_unit_index() -> UnitIndex:
    """The index of the committed full-weight boundaries (geodata/boundaries/)."""
    counties = read_boundaries("county", weight="full")[["adcode", "name_zh", "parent_adcode", "geometry"]]
    prefectures = read_boundaries("prefecture", weight="full")
    zones = pd.DataFrame(read_boundaries("zone", weight="full").drop(columns="geometry"))
    names = dict(zip(prefectures["adcode"].astype(str), prefectures["name_zh"].astype(str), strict=True))
    points: dict[str, tuple[float, float]] = {}
    for frame in (prefectures, counties):  # where the plan draws a unit's items: a point on its surface
        inside = shapely.point_on_surface(frame.geometry.values)
        points.update(
            zip(
                frame["adcode"].astype(str),
                zip(shapely.get_x(inside), shapely.get_y(inside), strict=True),
                strict=True,
            )
        )
    return UnitIndex(counties.reset_index(drop=True), names, zones, points)
