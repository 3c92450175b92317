"""Hebei's admin boundaries and the plan's development zones, as committed in geodata/boundaries/.

Two weights of each layer: ``full`` (source resolution, for spatial joins) and ``web`` (simplified
with shared borders kept, for the map). All files are RFC 7946 GeoJSON in WGS84; see
geodata/README.md for the source and how ``python -m cluster_map build-boundaries`` makes them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import geopandas as gpd

from ._errors import DataError, UsageError
from .paths import BOUNDARY_DIR

__all__ = ["LAYERS", "Layer", "Weight", "boundary_path", "read_boundaries"]

Layer = Literal["province", "prefecture", "county", "zone"]
Weight = Literal["full", "web"]

#: Layer name -> file name in geodata/boundaries/ (full) and geodata/boundaries/web/ (web).
LAYERS: dict[str, str] = {
    "province": "hebei_province.geojson",
    "prefecture": "hebei_prefectures.geojson",
    "county": "hebei_counties.geojson",
    "zone": "hebei_zones.geojson",
}
WEIGHTS: tuple[str, ...] = ("full", "web")


def boundary_path(layer: Layer, *, weight: Weight = "full", root: Path = BOUNDARY_DIR) -> Path:
    """The file that holds one boundary layer.

    Parameters
    ----------
    layer
        ``"province"``, ``"prefecture"``, ``"county"`` or ``"zone"``.
    weight
        ``"full"`` (source resolution) or ``"web"`` (simplified for the map).
    root
        The boundaries folder.

    Returns
    -------
    The path (which may not exist yet).
    """
    if layer not in LAYERS:
        raise UsageError(f"layer={layer!r} is not a boundary layer; use one of {sorted(LAYERS)}")
    if weight not in WEIGHTS:
        raise UsageError(f"weight={weight!r} is not known; use 'full' or 'web'")
    folder = root if weight == "full" else root / "web"
    return folder / LAYERS[layer]


def read_boundaries(layer: Layer, *, weight: Weight = "full", root: Path = BOUNDARY_DIR) -> gpd.GeoDataFrame:
    """Read one boundary layer as a GeoDataFrame in EPSG:4326.

    Parameters
    ----------
    layer
        ``"province"``, ``"prefecture"``, ``"county"`` or ``"zone"``.
    weight
        ``"full"`` or ``"web"``.
    root
        The boundaries folder.

    Returns
    -------
    One row per unit with ``adcode``, ``name_zh``, ``name_en``, ``level``, ``parent_adcode`` and more.
    """
    path = boundary_path(layer, weight=weight, root=root)
    if not path.exists():
        raise DataError(
            f"{path}: boundary file missing; run `python -m cluster_map build-boundaries` to make it"
        )
    frame = gpd.read_file(path, engine="pyogrio")
    if frame.crs is None:
        frame = frame.set_crs("EPSG:4326")  # RFC 7946 GeoJSON is WGS84 by definition
    for column in ("adcode", "parent_adcode"):
        if column in frame:
            frame[column] = frame[column].astype("string")
    return frame
