"""Frames made ready for a file: in the export CRS, rounded to 6 decimals, holding only what files hold."""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from cluster_map.core import crs as coords
from cluster_map.export.base import DECIMALS, ExportCrs, ExportError

__all__ = ["layer_in_crs", "storable", "writable"]

_SURROGATES = re.compile("[\ud800-\udfff]")


def _rounded(geoms: np.ndarray) -> np.ndarray:
    return shapely.transform(geoms, lambda xy: np.round(xy, DECIMALS))


def storable(value: object) -> object:
    """A text without lone surrogates (as U+FFFD) and NUL characters; other values as they are."""
    if not isinstance(value, str):
        return value
    return _SURROGATES.sub("\ufffd", value).replace("\x00", "")


def writable(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy every format can hold.

    ±inf in float columns become missing, empty or non-finite geometries None (no file holds
    ``Infinity`` or ``NaN``; validation reports them), lone surrogates (which UTF-8 cannot encode)
    U+FFFD, and NUL characters (at which GDAL's formats cut the text) are removed. Other control
    characters stay; the KML writer drops what XML forbids.
    """
    out = frame.copy()
    for column in out.columns:
        if column == out.geometry.name:
            continue
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].where(np.isfinite(out[column]))
        elif out[column].dtype == object:
            out[column] = out[column].map(storable)
        elif pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].str.replace("\x00", "", regex=False)
    geoms = out.geometry.values
    finite = np.isfinite(shapely.bounds(geoms)).all(axis=1) & ~shapely.is_empty(geoms)
    kept = np.asarray(geoms, dtype=object).copy()
    kept[~finite] = None
    return out.set_geometry(kept, crs=frame.crs)


def layer_in_crs(frame: gpd.GeoDataFrame, crs: ExportCrs) -> gpd.GeoDataFrame:
    """A copy in the export CRS, coordinates rounded to 6 decimals, labelled with the export CRS.

    Parameters
    ----------
    frame
        Features in any geographic CRS.
    crs
        The export CRS.

    Returns
    -------
    A new frame with a fresh index.
    """
    if frame.crs is None:
        raise ExportError("the rows have no CRS; call set_crs('EPSG:4326') if they hold lon/lat")
    out = writable(frame)
    if not coords.WGS84.equals(out.crs):
        out = out.to_crs(coords.WGS84)
    if crs.shift is not None:
        out = coords.transform_frame(out, source="wgs84", target=crs.shift)
    out = out.set_geometry(_rounded(np.asarray(out.geometry.values, dtype=object))).set_crs(
        crs.target, allow_override=True
    )
    return out.reset_index(drop=True)
