"""The boundary layers as small static GeoJSON files for the browser, in WGS84 and in GCJ-02.

The map fetches them once (and the browser caches them) instead of receiving them again with every
filter change; the county layer is fetched only when it is switched on. GCJ-02 copies are for the
AMap/Gaode base map, whose tiles are shifted (see :mod:`cluster_map.core.crs`); a layer's label point
(``label_lon``, ``label_lat``) is shifted with its geometry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from cluster_map.core.boundaries import Layer, read_boundaries
from cluster_map.core.crs import CoordinateSystem, convert, transform_frame
from cluster_map.core.geojson import feature_collection

__all__ = ["BoundaryFile", "boundary_file_name", "write_boundary_files"]

#: Boundary layer -> the properties kept for the browser.
KEPT_PROPERTIES: dict[Layer, tuple[str, ...]] = {
    "province": ("adcode", "name_zh", "name_en"),
    "prefecture": ("adcode", "name_zh", "name_en"),
    "county": ("adcode", "name_zh", "name_en"),
    "zone": ("adcode", "name_zh", "name_en", "approximation"),
    "neighbour": ("adcode", "name_zh", "name_en", "label_lon", "label_lat"),
}
#: Properties that hold a point in the layer's coordinates (shifted with the geometry).
LABEL_COLUMNS = ("label_lon", "label_lat")
SYSTEMS: tuple[CoordinateSystem, ...] = ("wgs84", "gcj02")
DATA_SUBDIR = "boundaries"
DECIMALS = 5  # about 1 m; the web weight is simplified at 200 m


@dataclass(frozen=True)
class BoundaryFile:
    """A written file and the short hash of its content (a cache-busting URL suffix)."""

    path: Path
    digest: str

    def url(self, base_url: str, static_dir: Path) -> str:
        """The URL of the file when ``static_dir`` is served at ``base_url``."""
        relative = self.path.relative_to(static_dir).as_posix()
        return f"{base_url.rstrip('/')}/{relative}?v={self.digest}"


def boundary_file_name(layer: str, system: CoordinateSystem) -> str:
    """The file name of one layer in one coordinate system, such as ``prefecture.gcj02.geojson``."""
    return f"{layer}.{system}.geojson"


def _content(frame: gpd.GeoDataFrame, layer: Layer, system: CoordinateSystem) -> bytes:
    kept = frame[[*KEPT_PROPERTIES[layer], frame.geometry.name]]
    if system != "wgs84":
        kept = transform_frame(kept, source="wgs84", target=system)
        if set(LABEL_COLUMNS) <= set(kept.columns):
            lon, lat = convert(kept["label_lon"], kept["label_lat"], source="wgs84", target=system)
            kept = kept.assign(label_lon=lon.round(DECIMALS), label_lat=lat.round(DECIMALS))
    collection = feature_collection(kept, decimals=DECIMALS)
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_boundary_files(
    static_dir: Path,
    *,
    layers: Iterable[Layer] = tuple(KEPT_PROPERTIES),
    systems: Iterable[CoordinateSystem] = SYSTEMS,
    read: Callable[[Layer], gpd.GeoDataFrame] = lambda layer: read_boundaries(layer, weight="web"),
) -> dict[tuple[str, str], BoundaryFile]:
    """Write each boundary layer (web weight) in each coordinate system; idempotent.

    Parameters
    ----------
    static_dir
        The app's static folder; files go to its ``boundaries/`` subfolder.
    layers
        Boundary layers (``province``, ``prefecture``, ``county``, ``zone``, ``neighbour``).
    systems
        Coordinate systems (``wgs84``, ``gcj02``).
    read
        Reads one layer (the committed web weight by default).

    Returns
    -------
    ``(layer, system)`` -> the file; files whose content is unchanged are not rewritten.
    """
    files: dict[tuple[str, str], BoundaryFile] = {}
    for layer in layers:
        frame = read(layer)
        for system in systems:
            content = _content(frame, layer, system)
            path = static_dir / DATA_SUBDIR / boundary_file_name(layer, system)
            if not path.is_file() or path.read_bytes() != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
            files[(layer, system)] = BoundaryFile(path, hashlib.sha256(content).hexdigest()[:10])
    return files
