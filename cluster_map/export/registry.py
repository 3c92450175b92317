"""The one registry of export formats and the one of export coordinate systems.

Everything that lists formats or CRSs derives from :data:`FORMATS` and :data:`CRS_CHOICES`: the
command line's choices and help, the app's select boxes and file names, the suffix table, the
writers. A new format is one :class:`ExportFormat` entry (and its labels in
:mod:`cluster_map.core.i18n`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyproj

from cluster_map.core import crs as coords
from cluster_map.core.boundaries import Layer
from cluster_map.core.i18n import Lang, t
from cluster_map.export.base import ExportCrs, ExportError, ExportJob
from cluster_map.export.csv import render_csv
from cluster_map.export.geojson import render_geojson
from cluster_map.export.gpkg import render_gpkg
from cluster_map.export.kml import render_kml
from cluster_map.export.shapefile import render_shapefile

__all__ = [
    "BOUNDARY_LAYERS",
    "CRS_CHOICES",
    "FORMATS",
    "GCJ02_CRS",
    "SUFFIXES",
    "ExportCrs",
    "ExportFormat",
    "check_format_and_crs",
    "crs_key",
    "format_from_path",
]

#: GCJ-02 has no EPSG code: a custom geographic CRS whose name says what the coordinates are, for
#: the GeoPackage SRS table and the shapefile's .prj.
GCJ02_CRS = pyproj.CRS.from_wkt(
    'GEOGCRS["GCJ-02",'
    'DATUM["WGS 84 shifted by the GCJ-02 offset (AMap/Gaode), not EPSG 4326",'
    'ELLIPSOID["WGS 84",6378137,298.257223563]],'
    "CS[ellipsoidal,2],"
    'AXIS["longitude",east,ANGLEUNIT["degree",0.0174532925199433]],'
    'AXIS["latitude",north,ANGLEUNIT["degree",0.0174532925199433]],'
    'REMARK["GCJ-02 (Mars coordinates) of AMap/Gaode and Tencent maps; '
    'shift back with cluster_map.core.crs.gcj02_to_wgs84"]]'
)

#: CRS key -> what it is; the keys are ``--crs`` values, in the order offered.
CRS_CHOICES: dict[str, ExportCrs] = {
    entry.key: entry
    for entry in (
        ExportCrs("4326", "export_crs_4326", "wgs84", "WGS 84 (EPSG:4326)", coords.WGS84),
        ExportCrs("4490", "export_crs_4490", "cgcs2000", "CGCS2000 (EPSG:4490)", coords.CGCS2000),
        ExportCrs("gcj02", "export_crs_gcj02", "gcj02", "GCJ-02 (AMap/Gaode)", GCJ02_CRS, shift="gcj02"),
    )
}

#: The boundary layers (names of :func:`cluster_map.core.boundaries.read_boundaries`, full weight)
#: that formats with boundary layers carry, and the layer or file name each gets in the file.
BOUNDARY_LAYERS: dict[Layer, str] = {"prefecture": "prefectures", "county": "counties", "zone": "zones"}


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its labels, file suffixes, MIME type, writer and the CRSs it is written in.

    ``suffixes`` come first the one export gives its files, then others ``-o`` accepts.
    ``boundary_layers`` says whether the file carries the layers of :data:`BOUNDARY_LAYERS`;
    ``crs_limit`` says why a format is not offered in every CRS.
    """

    key: str
    label_key: str
    suffixes: tuple[str, ...]
    mime: str
    render: Callable[[ExportJob], bytes]
    crs_choices: tuple[str, ...] = tuple(CRS_CHOICES)
    boundary_layers: bool = False
    crs_limit: str = ""

    @property
    def suffix(self) -> str:
        """The suffix of the files export names, for instance ``".geojson"``."""
        return self.suffixes[0]

    def label(self, lang: Lang = "zh") -> str:
        """The label of a select box in ``"zh"`` or ``"en"``."""
        return t(self.label_key, lang)


#: Format key -> what it is; the keys are ``--format`` values, in the order offered (GeoJSON first).
FORMATS: dict[str, ExportFormat] = {
    entry.key: entry
    for entry in (
        ExportFormat(
            "geojson", "export_format_geojson", (".geojson", ".json"), "application/geo+json", render_geojson
        ),
        ExportFormat(
            "gpkg",
            "export_format_gpkg",
            (".gpkg",),
            "application/geopackage+sqlite3",
            render_gpkg,
            boundary_layers=True,
        ),
        ExportFormat(
            "shp", "export_format_shp", (".zip",), "application/zip", render_shapefile, boundary_layers=True
        ),
        ExportFormat(
            "kml",
            "export_format_kml",
            (".kml",),
            "application/vnd.google-earth.kml+xml",
            render_kml,
            crs_choices=("4326", "gcj02"),
            crs_limit="KML is WGS 84 by definition (OGC KML 2.2); CGCS2000 and WGS 84 agree to "
            "about 1 m, so EPSG:4326 serves",
        ),
        ExportFormat("csv", "export_format_csv", (".csv",), "text/csv", render_csv),
    )
}

#: File suffix -> format key (``-o`` without ``--format``), from :data:`FORMATS`.
SUFFIXES: dict[str, str] = {suffix: key for key, entry in FORMATS.items() for suffix in entry.suffixes}


def crs_key(crs: str | int) -> str:
    """A CRS as its key: ``4326``, ``"EPSG:4326"`` and ``"4326"`` alike, ``"GCJ-02"`` as ``"gcj02"``."""
    return str(crs).strip().lower().removeprefix("epsg:").replace("-", "")


def check_format_and_crs(fmt: str, crs: str) -> tuple[ExportFormat, ExportCrs]:
    """The registry entries of a format and a CRS key that go together.

    Parameters
    ----------
    fmt
        A key of :data:`FORMATS`.
    crs
        A key of :data:`CRS_CHOICES` (see :func:`crs_key`).

    Returns
    -------
    The format and the CRS; :class:`ExportError` naming the choices when either is unknown or the
    format cannot be written in that CRS.
    """
    if fmt not in FORMATS:
        raise ExportError(f"format {fmt!r} is not known; use one of: {', '.join(FORMATS)}")
    if crs not in CRS_CHOICES:
        raise ExportError(f"crs {crs!r} is not known; use one of: {', '.join(CRS_CHOICES)}")
    entry = FORMATS[fmt]
    if crs not in entry.crs_choices:
        raise ExportError(
            f"{fmt} cannot be written in {CRS_CHOICES[crs].name}: {entry.crs_limit}. "
            f"Use crs one of: {', '.join(entry.crs_choices)}"
        )
    return entry, CRS_CHOICES[crs]


def format_from_path(path: Path | str) -> str:
    """The format a file name asks for, from its suffix (see :data:`SUFFIXES`).

    Parameters
    ----------
    path
        A file name such as ``plan.gpkg``.

    Returns
    -------
    A key of :data:`FORMATS`.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".shp":
        raise ExportError(
            f"{str(path)!r}: the Shapefile export is a zip of several files; name it .zip "
            f"(for instance {Path(path).with_suffix('.zip').name})"
        )
    if suffix not in SUFFIXES:
        known = ", ".join(f"{s} ({f})" for s, f in SUFFIXES.items())
        raise ExportError(
            f"{str(path)!r}: cannot tell the format from {suffix or 'no suffix'!r}; use one of: {known}"
        )
    return SUFFIXES[suffix]
