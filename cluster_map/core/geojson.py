"""Deterministic RFC 7946 GeoJSON writing: WGS84, counter-clockwise exteriors, rounded, UTF-8."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from cluster_map.core.errors import UsageError

__all__ = [
    "dumps_feature_collection",
    "feature_collection",
    "geometry_to_rfc7946",
    "write_feature_collection",
]


def geometry_to_rfc7946(geom: BaseGeometry | None, *, decimals: int) -> dict[str, Any] | None:
    """A shapely geometry as an RFC 7946 geometry mapping (CCW exteriors, rounded coordinates).

    Parameters
    ----------
    geom
        A geometry in WGS84 lon/lat, or None/empty for a feature without a place.
    decimals
        Decimal places kept (6 is about 0.1 m).

    Returns
    -------
    The geometry mapping, or None.
    """
    if geom is None or geom.is_empty:
        return None
    oriented = shapely.orient_polygons(geom, exterior_cw=False)
    rounded = shapely.transform(oriented, lambda xy: np.round(xy, decimals))
    return json.loads(shapely.to_geojson(rounded))


def _plain(value: Any) -> Any:
    """A JSON-safe Python value: numpy scalars unwrapped, NaN, ±inf and NA as null."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None  # NaN and ±inf have no JSON form (RFC 8259)
    return value


def feature_collection(
    frame: gpd.GeoDataFrame, *, decimals: int = 6, metadata: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """A GeoDataFrame as an RFC 7946 FeatureCollection mapping.

    Parameters
    ----------
    frame
        Features in EPSG:4326.
    decimals
        Decimal places of the coordinates.
    metadata
        Extra top-level members (a foreign member such as ``"name"``), optional.

    Returns
    -------
    The FeatureCollection as a dict.
    """
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        raise UsageError(
            f"RFC 7946 GeoJSON is WGS84 lon/lat, but the frame's CRS is {frame.crs}; "
            "call to_crs('EPSG:4326') first"
        )
    columns = [c for c in frame.columns if c != frame.geometry.name]
    features = [
        {
            "type": "Feature",
            "properties": {c: _plain(v) for c, v in zip(columns, row, strict=True)},
            "geometry": geometry_to_rfc7946(geom, decimals=decimals),
        }
        for row, geom in zip(
            frame[columns].itertuples(index=False, name=None), frame.geometry.values, strict=True
        )
    ]
    collection: dict[str, Any] = {"type": "FeatureCollection"}
    collection.update(metadata or {})
    collection["features"] = features
    return collection


def dumps_feature_collection(collection: Mapping[str, Any]) -> str:
    """Serialise with one feature per line, so diffs of committed data stay readable.

    Strict JSON: a NaN or infinite number raises ``ValueError`` instead of writing ``NaN``/``Infinity``.
    """
    head = {k: v for k, v in collection.items() if k != "features"}
    opening = json.dumps(head, ensure_ascii=False, allow_nan=False)[:-1]
    sep = ", " if head else ""
    lines = [
        json.dumps(f, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        for f in collection["features"]
    ]
    return opening + sep + '"features": [\n' + ",\n".join(lines) + "\n]}\n"


def write_feature_collection(collection: Mapping[str, Any], path: Path | str) -> Path:
    """Write a FeatureCollection mapping as UTF-8 (Chinese unescaped), one feature per line.

    Parameters
    ----------
    collection
        A mapping as :func:`feature_collection` returns.
    path
        The file to write; parent folders are created.

    Returns
    -------
    The path written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps_feature_collection(collection), encoding="utf-8")
    return path
