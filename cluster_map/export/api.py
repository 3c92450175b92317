"""Export plan items as the bytes of one file, or to a path; the caller gives everything written.

::

    exported = export_bytes(rows, fmt="gpkg", crs="4490", boundaries=layers, taxonomy=taxonomy)
    st.download_button("下载", data=exported.data, file_name=exported.file_name, mime=exported.mime)

``rows`` are the (filtered) item-place rows the map draws (:func:`cluster_map.core.items.read_item_rows`);
each file holds one feature per item and its mentions (see :mod:`cluster_map.export.items`).
Export reads no file: formats with boundary layers (see ``FORMATS[fmt].boundary_layers``) need
``boundaries`` (the full-weight layers named in :data:`BOUNDARY_LAYERS`), KML needs ``taxonomy``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from cluster_map.core.taxonomy import Taxonomy
from cluster_map.export.base import ExportCrs, ExportError, ExportJob
from cluster_map.export.frames import layer_in_crs
from cluster_map.export.items import items_in_crs
from cluster_map.export.registry import (
    BOUNDARY_LAYERS,
    FORMATS,
    ExportFormat,
    check_format_and_crs,
    crs_key,
    format_from_path,
)

__all__ = [
    "DEFAULT_STEM",
    "ExportedFile",
    "check_export_path",
    "export_bytes",
    "export_file_name",
    "write_export",
]

DEFAULT_STEM = "hebei_plan_items"
Boundaries = Mapping[str, gpd.GeoDataFrame]


@dataclass(frozen=True)
class ExportedFile:
    """An exported file in memory: what ``st.download_button`` needs."""

    data: bytes
    file_name: str
    mime: str


def export_file_name(*, fmt: str, crs: str | int = "4326", stem: str = DEFAULT_STEM) -> str:
    """The file name of an export: ``<stem>_<wgs84|cgcs2000|gcj02><suffix>``.

    Parameters
    ----------
    fmt
        A key of :data:`FORMATS`.
    crs
        A key of :data:`CRS_CHOICES`.
    stem
        The name's start, for instance ``"hebei_plan_items_新能源"``.

    Returns
    -------
    The file name, for instance ``hebei_plan_items_新能源_wgs84.geojson``.
    """
    entry, system = check_format_and_crs(fmt, crs_key(crs))
    if not stem or any(c in stem for c in '/\\:*?"<>|'):
        raise ExportError(f'stem {stem!r} cannot start a file name; leave out / \\ : * ? " < > |')
    return f"{stem}_{system.tag}{entry.suffix}"


def check_export_path(path: Path | str, *, fmt: str | None = None, crs: str | int = "4326") -> str:
    """Check that a file name fits its format and CRS before anything is read or written.

    Parameters
    ----------
    path
        The file to write.
    fmt
        A key of :data:`FORMATS`; by default the one the suffix names (see :data:`SUFFIXES`).
    crs
        A key of :data:`CRS_CHOICES`.

    Returns
    -------
    The format key; :class:`ExportError` when the suffix does not fit the format or a GCJ-02 file
    does not say ``gcj02`` in its name.
    """
    path = Path(path)
    fmt = fmt or format_from_path(path)
    entry, system = check_format_and_crs(fmt, crs_key(crs))
    if path.suffix.lower() not in entry.suffixes:
        raise ExportError(
            f"{str(path)!r}: a {fmt} file should end in {entry.suffix}; "
            f"use for instance {path.with_suffix(entry.suffix).name}"
        )
    if system.shift == "gcj02" and "gcj02" not in path.name.lower().replace("-", "").replace("_", ""):
        raise ExportError(
            f"{str(path)!r}: GCJ-02 files must say so in their name so that nobody takes them for "
            f"WGS 84; use for instance {path.stem}_gcj02{path.suffix}"
        )
    return fmt


def _boundaries_in_crs(entry: ExportFormat, boundaries: Boundaries | None, crs: ExportCrs) -> Boundaries:
    """The file's boundary layers (file layer name -> frame) in the export CRS; none if it has none."""
    if not entry.boundary_layers:
        return {}
    given = boundaries or {}
    missing = [layer for layer in BOUNDARY_LAYERS if layer not in given]
    if missing:
        raise ExportError(
            f"{entry.key} files carry the boundary layers {list(BOUNDARY_LAYERS)}, but {missing} "
            "were not given; pass boundaries={layer: read_boundaries(layer, weight='full') for layer "
            "in BOUNDARY_LAYERS} (from cluster_map.core.boundaries)"
        )
    return {name: layer_in_crs(given[layer], crs) for layer, name in BOUNDARY_LAYERS.items()}


def _render(
    rows: gpd.GeoDataFrame,
    *,
    fmt: str,
    crs: str,
    name: str,
    boundaries: Boundaries | None,
    taxonomy: Taxonomy | None,
) -> bytes:
    entry, system = check_format_and_crs(fmt, crs)
    prepared = items_in_crs(rows, system)
    job = ExportJob(
        items=prepared.items,
        mentions=prepared.mentions,
        crs=system,
        name=name,
        boundaries=_boundaries_in_crs(entry, boundaries, system),
        taxonomy=taxonomy,
    )
    return entry.render(job)


def export_bytes(
    rows: gpd.GeoDataFrame,
    *,
    fmt: str,
    crs: str | int = "4326",
    stem: str = DEFAULT_STEM,
    boundaries: Boundaries | None = None,
    taxonomy: Taxonomy | None = None,
) -> ExportedFile:
    """Export plan items as the bytes of one file: one feature per item, and its mentions.

    Parameters
    ----------
    rows
        The item-place rows to export (a filtered view is fine: an item keeps the places its rows
        keep), points or None in any geographic CRS, as :func:`cluster_map.core.items.read_item_rows`
        returns them.
    fmt
        A key of :data:`FORMATS`: ``"geojson"``, ``"gpkg"``, ``"shp"`` (a zip), ``"kml"``, ``"csv"``.
    crs
        A key of :data:`CRS_CHOICES`: ``"4326"`` (WGS84), ``"4490"`` (CGCS2000), ``"gcj02"``
        (``"EPSG:4490"`` and ``"GCJ-02"`` are understood too).
    stem
        The start of the file name; the CRS tag and the suffix are appended.
    boundaries
        Boundary layer (a key of :data:`BOUNDARY_LAYERS`) -> its full-weight frame; needed by the
        formats that carry boundary layers (GeoPackage, Shapefile), ignored by the others.
    taxonomy
        The vocabularies; needed by KML (sector folders, colours, labels), ignored by the others.

    Returns
    -------
    The file's bytes, name and MIME type.
    """
    crs = crs_key(crs)
    file_name = export_file_name(fmt=fmt, crs=crs, stem=stem)
    name = file_name.removesuffix(FORMATS[fmt].suffix)
    data = _render(rows, fmt=fmt, crs=crs, name=name, boundaries=boundaries, taxonomy=taxonomy)
    return ExportedFile(data=data, file_name=file_name, mime=FORMATS[fmt].mime)


def write_export(
    rows: gpd.GeoDataFrame,
    path: Path | str,
    *,
    fmt: str | None = None,
    crs: str | int = "4326",
    boundaries: Boundaries | None = None,
    taxonomy: Taxonomy | None = None,
) -> Path:
    """Export plan items to a file (see :func:`export_bytes`).

    Parameters
    ----------
    rows
        As for :func:`export_bytes`.
    path
        The file to write (parent folders are created, an existing file is replaced). Its suffix
        must fit the format; a GCJ-02 file must have ``gcj02`` in its name.
    fmt
        A key of :data:`FORMATS`; by default the one the suffix names (see :data:`SUFFIXES`).
    crs
        A key of :data:`CRS_CHOICES`.
    boundaries, taxonomy
        As for :func:`export_bytes`.

    Returns
    -------
    The path written.
    """
    path, crs = Path(path), crs_key(crs)
    fmt = check_export_path(path, fmt=fmt, crs=crs)
    data = _render(rows, fmt=fmt, crs=crs, name=path.stem, boundaries=boundaries, taxonomy=taxonomy)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
