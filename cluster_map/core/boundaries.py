"""Hebei's admin boundaries and the plan's development zones, as committed in geodata/boundaries/.

Two weights of each layer: ``full`` (source resolution, for spatial joins) and ``web`` (simplified
with shared borders kept, for the map). The provincial-level units around Hebei (``neighbour``) are
context for the map only and exist at the web weight alone. All files are RFC 7946 GeoJSON in WGS84;
see geodata/README.md for the source and how ``python -m cluster_map build-boundaries`` makes them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import geopandas as gpd

from cluster_map.core.errors import DataError, UsageError
from cluster_map.core.paths import BOUNDARY_DIR

__all__ = ["LAYERS", "WEB_ONLY_LAYERS", "Layer", "Weight", "boundary_path", "read_boundaries"]

Layer = Literal["province", "prefecture", "county", "zone", "neighbour"]
Weight = Literal["full", "web"]

#: Layer name -> file name in geodata/boundaries/ (full) and geodata/boundaries/web/ (web).
LAYERS: dict[str, str] = {
    "province": "hebei_province.geojson",
    "prefecture": "hebei_prefectures.geojson",
    "county": "hebei_counties.geojson",
    "zone": "hebei_zones.geojson",
}
#: Layers drawn only as context, which exist at the web weight alone (geodata/boundaries/web/).
WEB_ONLY_LAYERS: dict[str, str] = {"neighbour": "neighbours.geojson"}
WEIGHTS: tuple[str, ...] = ("full", "web")


def boundary_path(layer: Layer, *, weight: Weight = "full", root: Path = BOUNDARY_DIR) -> Path:
    """The file that holds one boundary layer.

    Parameters
    ----------
    layer
        ``"province"``, ``"prefecture"``, ``"county"``, ``"zone"``, or ``"neighbour"`` (the
        provincial-level units around Hebei; web weight only).
    weight
        ``"full"`` (source resolution) or ``"web"`` (simplified for the map).
    root
        The boundaries folder.

    Returns
    -------
    The path (which may not exist yet).
    """
    if layer not in LAYERS and layer not in WEB_ONLY_LAYERS:
        known = sorted([*LAYERS, *WEB_ONLY_LAYERS])
        raise UsageError(f"layer={layer!r} is not a boundary layer; use one of {known}")
    if weight not in WEIGHTS:
        raise UsageError(f"weight={weight!r} is not known; use 'full' or 'web'")
    if layer in WEB_ONLY_LAYERS:
        if weight != "web":
            raise UsageError(
                f"layer={layer!r} is context around Hebei and has no {weight!r} weight; "
                f"use weight='web', as in read_boundaries({layer!r}, weight='web')"
            )
        return root / "web" / WEB_ONLY_LAYERS[layer]
    folder = root if weight == "full" else root / "web"
    return folder / LAYERS[layer]


def read_boundaries(layer: Layer, *, weight: Weight = "full", root: Path = BOUNDARY_DIR) -> gpd.GeoDataFrame:
    """Read one boundary layer as a GeoDataFrame in EPSG:4326.

    Parameters
    ----------
    layer
        ``"province"``, ``"prefecture"``, ``"county"``, ``"zone"``, or ``"neighbour"`` (web only).
    weight
        ``"full"`` or ``"web"``.
    root
        The boundaries folder.

    Returns
    -------
    One row per unit with ``adcode``, ``name_zh``, ``name_en``, ``level``, ``parent_adcode`` and more;
    neighbours have ``adcode``, ``name_zh``, ``name_en``, ``label_lon`` and ``label_lat``.
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
