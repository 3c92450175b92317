"""The coordinates of a user's rows: parsed, shifted to WGS84 from the system the user names, checked.

The systems: WGS84 (GPS, Tianditu), CGCS2000 (China's official datum; within a metre of WGS84, so
taken as is), GCJ-02 (AMap/Gaode, Tencent) and BD-09 (Baidu). GCJ-02 and BD-09 are shifted back with
:mod:`cluster_map.core.crs`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from cluster_map.core import crs
from cluster_map.core.errors import UsageError

__all__ = [
    "HEBEI_BOX",
    "OWN_SYSTEMS",
    "OwnSystem",
    "ParsedCoordinates",
    "looks_swapped",
    "parse_coordinates",
    "to_wgs84",
]

OwnSystem = Literal["wgs84", "cgcs2000", "gcj02", "bd09"]
#: The systems a user may name, in the order offered.
OWN_SYSTEMS: tuple[OwnSystem, ...] = get_args(OwnSystem)
#: Hebei's extent with a margin (lon min, lat min, lon max, lat max), for the swapped-axes check.
HEBEI_BOX = (113.2, 36.0, 120.0, 42.7)

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class ParsedCoordinates:
    """Longitudes and latitudes as floats (NaN where empty or not a number)."""

    lon: FloatArray
    lat: FloatArray
    not_numeric: NDArray[np.bool_]  # a cell was given but is not a number ("116.5E", "N/A")

    @property
    def given(self) -> NDArray[np.bool_]:
        """Rows with both coordinates numbers."""
        return np.isfinite(self.lon) & np.isfinite(self.lat)


def _numbers(cells: pd.Series) -> tuple[FloatArray, NDArray[np.bool_]]:
    text = cells.astype(str).str.strip()
    values = pd.to_numeric(text, errors="coerce").to_numpy(float, copy=True)
    values[~np.isfinite(values)] = np.nan
    return values, (text != "").to_numpy() & np.isnan(values)


def parse_coordinates(lon: pd.Series, lat: pd.Series) -> ParsedCoordinates:
    """Parse two columns of text; a row with one bad cell has neither coordinate."""
    x, bad_x = _numbers(lon)
    y, bad_y = _numbers(lat)
    bad = bad_x | bad_y
    x[bad], y[bad] = np.nan, np.nan
    return ParsedCoordinates(x, y, bad)


def _in_box(x: FloatArray, y: FloatArray) -> NDArray[np.bool_]:
    west, south, east, north = HEBEI_BOX
    return (x >= west) & (x <= east) & (y >= south) & (y <= north)


def looks_swapped(parsed: ParsedCoordinates) -> bool:
    """Most given rows land near Hebei only with longitude and latitude exchanged."""
    given = parsed.given
    if not given.any():
        return False
    x, y = parsed.lon[given], parsed.lat[given]
    return bool(_in_box(y, x).mean() > 0.5 and _in_box(x, y).mean() < 0.5)


def to_wgs84(lon: FloatArray, lat: FloatArray, *, system: str) -> tuple[FloatArray, FloatArray]:
    """Shift coordinates from ``system`` to WGS84 (NaN stays NaN)."""
    if system not in OWN_SYSTEMS:
        raise UsageError(f"coordinate system {system!r} is not known; use one of {', '.join(OWN_SYSTEMS)}")
    if system == "gcj02":
        return crs.gcj02_to_wgs84(lon, lat)
    if system == "bd09":
        return crs.convert(lon, lat, source="bd09", target="wgs84")
    return lon.copy(), lat.copy()
