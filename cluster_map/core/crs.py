"""Coordinate systems used for maps of China: WGS84, GCJ-02, BD-09, CGCS2000.

GCJ-02 ("Mars coordinates") is the obfuscated datum mandated for published maps in mainland China;
AMap/Gaode tiles and boundary data use it. BD-09 is Baidu's further offset of GCJ-02. Neither has an
EPSG code, so they are implemented here as vectorised numpy functions; everything else goes
through pyproj.

The forward WGS84 -> GCJ-02 transform is the published algorithm. Its inverse has no closed form:
:func:`gcj02_to_wgs84` solves it by fixed-point iteration to well under a millimetre. Points outside
China pass through unchanged, as the GCJ-02 definition says.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar, cast

import geopandas as gpd
import numpy as np
import pyproj
import shapely
from geopandas.array import GeometryArray
from numpy.typing import ArrayLike, NDArray
from shapely.geometry.base import BaseGeometry

from cluster_map.core.errors import UsageError

__all__ = [
    "CGCS2000",
    "HEBEI_METRIC",
    "WGS84",
    "CoordinateSystem",
    "bd09_to_gcj02",
    "convert",
    "gcj02_to_bd09",
    "gcj02_to_wgs84",
    "out_of_china",
    "transform_frame",
    "transform_geometry",
    "wgs84_to_gcj02",
]

WGS84 = pyproj.CRS.from_epsg(4326)
#: China Geodetic Coordinate System 2000, the official geographic CRS (same as WGS84 to ~1 m).
CGCS2000 = pyproj.CRS.from_epsg(4490)
#: CGCS2000 / 3-degree Gauss-Kruger CM 117E: metric, scale error under 0.2 % across Hebei.
HEBEI_METRIC = pyproj.CRS.from_epsg(4548)

CoordinateSystem = Literal["wgs84", "gcj02", "bd09"]

_KRASOVSKY_A = 6378245.0
_KRASOVSKY_EE = 0.00669342162296594323
_BD_X_PI = np.pi * 3000.0 / 180.0
_ITERATION_TOLERANCE_DEG = 1e-10  # about 0.01 mm
_MAX_ITERATIONS = 30

FloatArray = NDArray[np.float64]
#: A shapely geometry, or an array of them (numpy or geopandas).
G = TypeVar("G", bound="BaseGeometry | NDArray[np.object_] | GeometryArray")


def out_of_china(lon: ArrayLike, lat: ArrayLike) -> NDArray[np.bool_]:
    """Return True where a point lies outside the rectangle in which GCJ-02 applies.

    Parameters
    ----------
    lon, lat
        Longitudes and latitudes in degrees.

    Returns
    -------
    A boolean array, True where the point passes through GCJ-02 unchanged.
    """
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    return (lon < 72.004) | (lon > 137.8347) | (lat < 0.8293) | (lat > 55.8271)


def _offset_lat(x: FloatArray, y: FloatArray) -> FloatArray:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    return ret


def _offset_lon(x: FloatArray, y: FloatArray) -> FloatArray:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Shift WGS84 coordinates to GCJ-02 (vectorised).

    Parameters
    ----------
    lon, lat
        WGS84 longitudes and latitudes in degrees, scalars or arrays of one shape.

    Returns
    -------
    GCJ-02 longitudes and latitudes, as float arrays of the input's shape.
    """
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    dlat = _offset_lat(lon - 105.0, lat - 35.0)
    dlon = _offset_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * np.pi
    magic = 1.0 - _KRASOVSKY_EE * np.sin(radlat) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_KRASOVSKY_A * (1.0 - _KRASOVSKY_EE)) / (magic * sqrt_magic) * np.pi)
    dlon = (dlon * 180.0) / (_KRASOVSKY_A / sqrt_magic * np.cos(radlat) * np.pi)
    outside = out_of_china(lon, lat)
    return np.where(outside, lon, lon + dlon), np.where(outside, lat, lat + dlat)


def _invert(
    forward: Callable[[FloatArray, FloatArray], tuple[FloatArray, FloatArray]],
    lon: ArrayLike,
    lat: ArrayLike,
) -> tuple[FloatArray, FloatArray]:
    """Invert a small smooth offset ``forward`` by fixed-point iteration."""
    target_lon = np.asarray(lon, dtype=float)
    target_lat = np.asarray(lat, dtype=float)
    guess_lon, guess_lat = target_lon.copy(), target_lat.copy()
    for _ in range(_MAX_ITERATIONS):
        fwd_lon, fwd_lat = forward(guess_lon, guess_lat)
        err_lon, err_lat = fwd_lon - target_lon, fwd_lat - target_lat
        guess_lon = guess_lon - err_lon
        guess_lat = guess_lat - err_lat
        err = np.fmax(np.abs(err_lon), np.abs(err_lat))  # fmax: a missing point (NaN) never holds it back
        if not (err >= _ITERATION_TOLERANCE_DEG).any():
            break
    return guess_lon, guess_lat


def gcj02_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Shift GCJ-02 coordinates back to WGS84 by iteration (error well under 1 mm).

    Parameters
    ----------
    lon, lat
        GCJ-02 longitudes and latitudes in degrees.

    Returns
    -------
    WGS84 longitudes and latitudes.
    """
    return _invert(wgs84_to_gcj02, lon, lat)


def gcj02_to_bd09(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Shift GCJ-02 coordinates to Baidu's BD-09 (vectorised).

    Parameters
    ----------
    lon, lat
        GCJ-02 longitudes and latitudes in degrees.

    Returns
    -------
    BD-09 longitudes and latitudes.
    """
    x = np.asarray(lon, dtype=float)
    y = np.asarray(lat, dtype=float)
    z = np.sqrt(x * x + y * y) + 0.00002 * np.sin(y * _BD_X_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * _BD_X_PI)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def bd09_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Shift BD-09 coordinates back to GCJ-02, by iteration on :func:`gcj02_to_bd09`.

    Parameters
    ----------
    lon, lat
        BD-09 longitudes and latitudes in degrees.

    Returns
    -------
    GCJ-02 longitudes and latitudes.
    """
    return _invert(gcj02_to_bd09, lon, lat)


_STEPS: dict[tuple[str, str], Callable[[ArrayLike, ArrayLike], tuple[FloatArray, FloatArray]]] = {
    ("wgs84", "gcj02"): wgs84_to_gcj02,
    ("gcj02", "wgs84"): gcj02_to_wgs84,
    ("gcj02", "bd09"): gcj02_to_bd09,
    ("bd09", "gcj02"): bd09_to_gcj02,
}
_SYSTEMS: tuple[str, ...] = ("wgs84", "gcj02", "bd09")


def convert(
    lon: ArrayLike, lat: ArrayLike, *, source: CoordinateSystem, target: CoordinateSystem
) -> tuple[FloatArray, FloatArray]:
    """Convert coordinates between WGS84, GCJ-02 and BD-09.

    Parameters
    ----------
    lon, lat
        Longitudes and latitudes in degrees in the ``source`` system.
    source, target
        One of ``"wgs84"``, ``"gcj02"``, ``"bd09"``.

    Returns
    -------
    Longitudes and latitudes in the ``target`` system.
    """
    for name, value in (("source", source), ("target", target)):
        if value not in _SYSTEMS:
            raise UsageError(f"{name}={value!r} is not a known coordinate system; use one of {_SYSTEMS}")
    x, y = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    path = list(_SYSTEMS)
    i, j = path.index(source), path.index(target)
    step = 1 if j > i else -1
    for k in range(i, j, step):
        x, y = _STEPS[(path[k], path[k + step])](x, y)
    return x, y


def transform_geometry(geom: G, *, source: CoordinateSystem, target: CoordinateSystem) -> G:
    """Convert every vertex of a shapely geometry (or an array of them) between systems.

    Parameters
    ----------
    geom
        A shapely geometry or an array of geometries, lon/lat in ``source``.
    source, target
        One of ``"wgs84"``, ``"gcj02"``, ``"bd09"``.

    Returns
    -------
    The same kind of geometry with converted coordinates.
    """

    def _apply(coords: FloatArray) -> FloatArray:
        x, y = convert(coords[:, 0], coords[:, 1], source=source, target=target)
        return np.column_stack([x, y])

    return cast(G, shapely.transform(cast(Any, geom), _apply))  # arrays too: the stubs take one geometry


def transform_frame(
    frame: gpd.GeoDataFrame, *, source: CoordinateSystem, target: CoordinateSystem
) -> gpd.GeoDataFrame:
    """Return a copy of a geographic GeoDataFrame with its geometry converted between systems.

    The CRS label stays EPSG:4326 (GCJ-02 and BD-09 have no EPSG code); the system the
    coordinates are really in is recorded in ``frame.attrs["coordinate_system"]``.

    Parameters
    ----------
    frame
        A GeoDataFrame with a geographic CRS (EPSG:4326 or EPSG:4490).
    source, target
        One of ``"wgs84"``, ``"gcj02"``, ``"bd09"``.

    Returns
    -------
    A new GeoDataFrame.
    """
    if frame.crs is None:
        raise UsageError("the GeoDataFrame has no CRS; call set_crs('EPSG:4326') if it holds lon/lat")
    if not frame.crs.is_geographic:
        raise UsageError(
            f"the GeoDataFrame's CRS {frame.crs.to_string()} is projected; "
            "GCJ-02/BD-09 shifts apply to lon/lat: call to_crs('EPSG:4326') first"
        )
    out = frame.copy()
    out = out.set_geometry(transform_geometry(out.geometry.values, source=source, target=target))
    out.attrs["coordinate_system"] = target
    return out
