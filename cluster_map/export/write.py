"""Export records for GIS: GeoJSON, GeoPackage, Shapefile (zip), KML and CSV, in WGS84, CGCS2000 or GCJ-02.

One call gives the bytes of a file for exactly the records passed in (the app's filtered view, or
the command line's)::

    exported = export_bytes(records, fmt="gpkg", crs="4490")
    st.download_button("下载", data=exported.data, file_name=exported.file_name, mime=exported.mime)

:data:`FORMATS` and :data:`CRS_CHOICES` hold the Chinese and English labels for a select box, and
each format's CRS choices. Every file says its CRS the way its format does: GeoJSON is RFC 7946
(WGS84, no ``crs`` member) except in CGCS2000 (a 2008-style ``crs`` member) and GCJ-02 (no EPSG
code: foreign members say so); GeoPackage and Shapefile carry the SRS / ``.prj`` (GCJ-02 as a
custom CRS named "GCJ-02"); KML is WGS84 by definition; CSV has plain lon/lat and WKT. GCJ-02 files
always have ``gcj02`` in their name. See the README's "Export" section for what each format does
with records that have no place and with long text.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyproj
import shapely

from cluster_map.core import crs as coords
from cluster_map.core.boundaries import read_boundaries
from cluster_map.core.csv_output import csv_bytes
from cluster_map.core.errors import ClusterMapError
from cluster_map.core.geojson import dumps_feature_collection, feature_collection
from cluster_map.core.taxonomy import load_taxonomy
from cluster_map.export.kml import kml_bytes
from cluster_map.export.shapefile import DBF_TEXT_BYTES, fields_csv, to_dbf_table, zip_folder

__all__ = [
    "CRS_CHOICES",
    "DEFAULT_STEM",
    "FORMATS",
    "GCJ02_CRS",
    "SUFFIXES",
    "ExportCrs",
    "ExportError",
    "ExportFormat",
    "ExportedFile",
    "export_bytes",
    "export_file_name",
    "format_from_path",
    "write_export",
]

DEFAULT_STEM = "hebei_plan_records"
DECIMALS = 6  # about 0.1 m
ALL_CRS = ("4326", "4490", "gcj02")

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


class ExportError(ClusterMapError, ValueError):
    """An export was asked in a format, CRS or file name that does not work."""


@dataclass(frozen=True)
class ExportFormat:
    """One export format: labels, file suffix, MIME type and the CRS it can be written in."""

    zh: str
    en: str
    suffix: str
    mime: str
    crs_choices: tuple[str, ...]

    def label(self, lang: str = "zh") -> str:
        """The label in ``"zh"`` or ``"en"``."""
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class ExportCrs:
    """One export CRS: labels and the tag the file name carries."""

    zh: str
    en: str
    tag: str

    def label(self, lang: str = "zh") -> str:
        """The label in ``"zh"`` or ``"en"``."""
        return self.zh if lang == "zh" else self.en


#: Format key -> what it is; the keys are ``--format`` values.
FORMATS: dict[str, ExportFormat] = {
    "geojson": ExportFormat(
        "GeoJSON（QGIS、网页地图）", "GeoJSON (QGIS, web maps)", ".geojson", "application/geo+json", ALL_CRS
    ),
    "gpkg": ExportFormat(
        "GeoPackage（QGIS、ArcGIS Pro，含市、县、板块边界图层）",
        "GeoPackage (QGIS, ArcGIS Pro; with prefecture, county and zone layers)",
        ".gpkg",
        "application/geopackage+sqlite3",
        ALL_CRS,
    ),
    "shp": ExportFormat(
        "Shapefile 压缩包（ArcGIS，含边界图层）",
        "Shapefile zip (ArcGIS; with boundary layers)",
        ".zip",
        "application/zip",
        ALL_CRS,
    ),
    "kml": ExportFormat(
        "KML（Google Earth、奥维地图）",
        "KML (Google Earth, Ovital)",
        ".kml",
        "application/vnd.google-earth.kml+xml",
        ("4326", "gcj02"),
    ),
    "csv": ExportFormat(
        "CSV（Excel，含经纬度和 WKT）", "CSV (Excel; lon/lat and WKT)", ".csv", "text/csv", ALL_CRS
    ),
}

#: CRS key -> what it is; the keys are ``--crs`` values.
CRS_CHOICES: dict[str, ExportCrs] = {
    "4326": ExportCrs("WGS84（EPSG:4326，GPS、国际通用）", "WGS 84 (EPSG:4326)", "wgs84"),
    "4490": ExportCrs("CGCS2000（EPSG:4490，国家大地坐标系）", "CGCS2000 (EPSG:4490)", "cgcs2000"),
    "gcj02": ExportCrs(
        "GCJ-02（高德、腾讯地图坐标，非 WGS84）", "GCJ-02 (AMap/Gaode, Tencent; not WGS 84)", "gcj02"
    ),
}

#: File suffix -> format key (``-o`` without ``--format``).
SUFFIXES: dict[str, str] = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".gpkg": "gpkg",
    ".zip": "shp",
    ".kml": "kml",
    ".csv": "csv",
}

_CRS_NAMES = {"4326": "WGS 84 (EPSG:4326)", "4490": "CGCS2000 (EPSG:4490)", "gcj02": "GCJ-02 (AMap/Gaode)"}
_GCJ02_WARNING = (
    "Coordinates are GCJ-02 (AMap/Gaode), not WGS 84. Use them only over GCJ-02 base maps (AMap/Gaode, "
    "Tencent); for anything else export in EPSG:4326. 坐标为 GCJ-02（高德/腾讯地图），不是 WGS84。"
)
_SOURCE = (
    "河北省战略性新兴产业发展“十四五”规划 / 河北省科技创新“十四五”规划 — "
    "records of the two Hebei 14th five-year plans (cluster_map)"
)
_SURROGATES = re.compile("[\ud800-\udfff]")
_BOUNDARY_LAYERS = {"prefectures": "prefecture", "counties": "county", "zones": "zone"}


@dataclass(frozen=True)
class ExportedFile:
    """An exported file in memory: what ``st.download_button`` needs."""

    data: bytes
    file_name: str
    mime: str


def _crs_key(crs: str | int) -> str:
    """A CRS as its key: ``4326``, ``"EPSG:4326"`` and ``"4326"`` alike, ``"GCJ-02"`` as ``"gcj02"``."""
    return str(crs).strip().lower().removeprefix("epsg:").replace("-", "")


def _check(fmt: str, crs: str) -> None:
    if fmt not in FORMATS:
        raise ExportError(f"format {fmt!r} is not known; use one of: {', '.join(FORMATS)}")
    if crs not in CRS_CHOICES:
        raise ExportError(f"crs {crs!r} is not known; use one of: {', '.join(CRS_CHOICES)}")
    if crs not in FORMATS[fmt].crs_choices:
        raise ExportError(
            f"{fmt} cannot be written in {_CRS_NAMES[crs]}: KML is WGS 84 by definition (OGC KML 2.2). "
            f"Use crs one of: {', '.join(FORMATS[fmt].crs_choices)} (CGCS2000 and WGS 84 agree to "
            "about 1 m, so EPSG:4326 serves)"
        )


def export_file_name(*, fmt: str, crs: str = "4326", stem: str = DEFAULT_STEM) -> str:
    """The file name of an export: ``<stem>_<wgs84|cgcs2000|gcj02><suffix>``.

    Parameters
    ----------
    fmt
        A key of :data:`FORMATS`.
    crs
        A key of :data:`CRS_CHOICES`.
    stem
        The name's start, for instance ``"hebei_plan_records_新能源"``.

    Returns
    -------
    The file name, for instance ``hebei_plan_records_新能源_wgs84.geojson``.
    """
    crs = _crs_key(crs)
    _check(fmt, crs)
    if not stem or any(c in stem for c in '/\\:*?"<>|'):
        raise ExportError(f'stem {stem!r} cannot start a file name; leave out / \\ : * ? " < > |')
    return f"{stem}_{CRS_CHOICES[crs].tag}{FORMATS[fmt].suffix}"


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


def _rounded(geoms: np.ndarray) -> np.ndarray:
    return shapely.transform(geoms, lambda xy: np.round(xy, DECIMALS))


def _target_crs(crs: str) -> pyproj.CRS:
    return {"4326": coords.WGS84, "4490": coords.CGCS2000, "gcj02": GCJ02_CRS}[crs]


def _storable(value: object) -> object:
    if not isinstance(value, str):
        return value
    return _SURROGATES.sub("\ufffd", value).replace("\x00", "")


def _writable(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy every format can hold: ±inf in float columns as missing, empty or non-finite
    geometries as None (no file holds ``Infinity`` or ``NaN``; validation reports them), lone
    surrogates (which UTF-8 cannot encode) as U+FFFD, NUL characters (which GDAL's formats cut
    the text at) removed. Other control characters stay; the KML writer drops what XML forbids."""
    out = frame.copy()
    for column in out.columns:
        if column == out.geometry.name:
            continue
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].where(np.isfinite(out[column]))
        elif out[column].dtype == object:
            out[column] = out[column].map(_storable)
        elif pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].str.replace("\x00", "", regex=False)
    geoms = out.geometry.values
    finite = np.isfinite(shapely.bounds(geoms)).all(axis=1) & ~shapely.is_empty(geoms)
    return out.set_geometry(np.where(finite, geoms, None), crs=frame.crs)


def _in_crs(frame: gpd.GeoDataFrame, crs: str) -> gpd.GeoDataFrame:
    """A copy in the export CRS, coordinates rounded to 6 decimals, labelled with the export CRS."""
    if frame.crs is None:
        raise ExportError("the records have no CRS; call set_crs('EPSG:4326') if they hold lon/lat")
    out = _writable(frame)
    if not out.crs.equals(coords.WGS84):
        out = out.to_crs(coords.WGS84)
    if crs == "gcj02":
        out = coords.transform_frame(out, source="wgs84", target="gcj02")
    out = out.set_geometry(_rounded(out.geometry.values)).set_crs(_target_crs(crs), allow_override=True)
    return out.reset_index(drop=True)


def _records_in_crs(records: gpd.GeoDataFrame, crs: str) -> gpd.GeoDataFrame:
    """The records in the export CRS, lon/lat columns refreshed from the (shifted) points."""
    if not isinstance(records, gpd.GeoDataFrame):
        raise ExportError(f"records must be a GeoDataFrame, not {type(records).__name__}")
    kinds = set(records.geometry.dropna().geom_type)
    if kinds - {"Point"}:
        raise ExportError(f"records must be points (or None), found {sorted(kinds)}")
    out = _in_crs(records, crs)
    placed = out.geometry.notna()
    out["lon"] = np.where(placed, shapely.get_x(out.geometry.values), np.nan)
    out["lat"] = np.where(placed, shapely.get_y(out.geometry.values), np.nan)
    out["lon"], out["lat"] = out["lon"].round(DECIMALS), out["lat"].round(DECIMALS)
    return out


def _boundaries_in_crs(crs: str) -> dict[str, gpd.GeoDataFrame]:
    """The prefecture, county and zone layers (full weight) in the export CRS."""
    return {
        name: _in_crs(read_boundaries(layer, weight="full"), crs) for name, layer in _BOUNDARY_LAYERS.items()
    }


def _counts(frame: gpd.GeoDataFrame) -> str:
    unplaced = int(frame.geometry.isna().sum())
    return f"{len(frame)} records, {unplaced} without a place (no geometry)"


def _geojson(frame: gpd.GeoDataFrame, *, crs: str, name: str) -> bytes:
    metadata: dict[str, object] = {"name": name}
    if crs == "4490":
        metadata["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4490"}}
    if crs == "gcj02":
        metadata["coordinate_system"] = "GCJ-02"
        metadata["rfc7946"] = False
        metadata["warning"] = f"{_GCJ02_WARNING} Not RFC 7946 GeoJSON (which is WGS 84 only)."
    labelled = frame.set_crs(coords.WGS84, allow_override=True)
    return dumps_feature_collection(
        feature_collection(labelled, decimals=DECIMALS, metadata=metadata)
    ).encode("utf-8")


def _csv_text(frame: gpd.GeoDataFrame) -> bytes:
    table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    table["wkt"] = [
        "" if g is None else shapely.to_wkt(g, rounding_precision=DECIMALS, trim=True)
        for g in frame.geometry.values
    ]
    return csv_bytes(table, for_spreadsheets=True)


def _csv(frame: gpd.GeoDataFrame, *, crs: str, name: str) -> bytes:
    return _csv_text(frame)


def _layer_description(what: str, crs: str) -> str:
    text = f"{what}; {_CRS_NAMES[crs]}; {_SOURCE}"
    return f"{text}. {_GCJ02_WARNING}" if crs == "gcj02" else text


def _gpkg(frame: gpd.GeoDataFrame, *, crs: str, name: str) -> bytes:
    layers = {"records": (frame, "Point", _layer_description(_counts(frame), crs))}
    for layer, boundary in _boundaries_in_crs(crs).items():
        layers[layer] = (boundary, "MultiPolygon", _layer_description(f"Hebei {layer}", crs))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.gpkg"
        for layer, (table, geometry_type, description) in layers.items():
            pyogrio.write_dataframe(
                table,
                path,
                layer=layer,
                driver="GPKG",
                geometry_type=geometry_type,
                promote_to_multi=geometry_type == "MultiPolygon",
                layer_options={"IDENTIFIER": f"{name} {layer}", "DESCRIPTION": description},
            )
        return path.read_bytes()


_SHAPEFILE_README = """{source}

Coordinates: {crs_name} (see each .prj). Text: UTF-8 (see each .cpg).

records_{tag}.shp: the records as points; {counts}.
  Records without a place are kept as rows with a null shape, so the table lists every record.
prefectures_{tag}.shp, counties_{tag}.shp, zones_{tag}.shp: Hebei's boundaries as polygons.
field_names.csv: each DBF field name (at most 10 characters), the column it stands for, and how
  many values were cut to {limit} bytes, ending with "…" ({truncated} in all).
records_{tag}.csv: the same records with every value whole (UTF-8 with BOM), lon/lat and WKT.

坐标系见 .prj；文字为 UTF-8（见 .cpg）。未定位的记录保留为空几何的行。
DBF 字段名不超过 10 个字符、文字不超过 {limit} 字节：对照表见 field_names.csv，完整文字见 records_{tag}.csv。
"""


def _shapefile_readme(*, tag: str, crs: str, frame: gpd.GeoDataFrame, truncated: int) -> bytes:
    text = _SHAPEFILE_README.format(
        source=_SOURCE,
        crs_name=_CRS_NAMES[crs],
        tag=tag,
        counts=_counts(frame),
        limit=DBF_TEXT_BYTES,
        truncated=truncated,
    )
    if crs == "gcj02":
        text += f"\n{_GCJ02_WARNING}\n"
    return text.replace("\n", "\r\n").encode("utf-8-sig")


def _shp(frame: gpd.GeoDataFrame, *, crs: str, name: str) -> bytes:
    tag = CRS_CHOICES[crs].tag
    full_text = f"records_{tag}.csv"
    layers = {"records": (frame, "Point")}
    layers.update({layer: (b, "MultiPolygon") for layer, b in _boundaries_in_crs(crs).items()})
    mapping = []
    with tempfile.TemporaryDirectory() as folder:
        for layer, (table, geometry_type) in layers.items():
            file = f"{layer}_{tag}.shp"
            dbf, rows = to_dbf_table(table, file=file, full_text_file=full_text)
            mapping += rows
            pyogrio.write_dataframe(
                dbf,
                Path(folder) / file,
                driver="ESRI Shapefile",
                encoding="UTF-8",
                geometry_type=geometry_type,
                promote_to_multi=geometry_type == "MultiPolygon",
            )
        truncated = sum(row.truncated_values for row in mapping)
        extra = {
            "README.txt": _shapefile_readme(tag=tag, crs=crs, frame=frame, truncated=truncated),
            "field_names.csv": fields_csv(mapping),
            full_text: _csv_text(frame),
        }
        return zip_folder(Path(folder), extra=extra)


def _kml(frame: gpd.GeoDataFrame, *, crs: str, name: str) -> bytes:
    description = f"{_SOURCE}. {_counts(frame)}. Coordinates: {_CRS_NAMES[crs]}."
    if crs == "gcj02":
        description += " " + _GCJ02_WARNING
    return kml_bytes(frame, name=name, description=description, taxonomy=load_taxonomy())


_RENDERERS = {"geojson": _geojson, "gpkg": _gpkg, "shp": _shp, "kml": _kml, "csv": _csv}


def _render(records: gpd.GeoDataFrame, *, fmt: str, crs: str, name: str) -> bytes:
    _check(fmt, crs)
    return _RENDERERS[fmt](_records_in_crs(records, crs), crs=crs, name=name)


def export_bytes(
    records: gpd.GeoDataFrame, *, fmt: str, crs: str = "4326", stem: str = DEFAULT_STEM
) -> ExportedFile:
    """Export records as the bytes of one file.

    Parameters
    ----------
    records
        The records to export (a filtered view is fine), points or None in any geographic CRS,
        as :func:`cluster_map.core.records.read_records` returns them.
    fmt
        A key of :data:`FORMATS`: ``"geojson"``, ``"gpkg"``, ``"shp"`` (a zip), ``"kml"``, ``"csv"``.
    crs
        A key of :data:`CRS_CHOICES`: ``"4326"`` (WGS84), ``"4490"`` (CGCS2000), ``"gcj02"``
        (``"EPSG:4490"`` and ``"GCJ-02"`` are understood too).
    stem
        The start of the file name; the CRS tag and the suffix are appended.

    Returns
    -------
    The file's bytes, name and MIME type.
    """
    crs = _crs_key(crs)
    file_name = export_file_name(fmt=fmt, crs=crs, stem=stem)
    data = _render(records, fmt=fmt, crs=crs, name=file_name.removesuffix(FORMATS[fmt].suffix))
    return ExportedFile(data=data, file_name=file_name, mime=FORMATS[fmt].mime)


def write_export(
    records: gpd.GeoDataFrame, path: Path | str, *, fmt: str | None = None, crs: str = "4326"
) -> Path:
    """Export records to a file.

    Parameters
    ----------
    records
        As for :func:`export_bytes`.
    path
        The file to write (parent folders are created, an existing file is replaced). Its suffix
        must fit the format; a GCJ-02 file must have ``gcj02`` in its name.
    fmt
        A key of :data:`FORMATS`; by default the one the suffix names (see :data:`SUFFIXES`).
    crs
        A key of :data:`CRS_CHOICES`.

    Returns
    -------
    The path written.
    """
    path, crs = Path(path), _crs_key(crs)
    fmt = fmt or format_from_path(path)
    _check(fmt, crs)
    if path.suffix.lower() not in [s for s, f in SUFFIXES.items() if f == fmt]:
        raise ExportError(
            f"{str(path)!r}: a {fmt} file should end in {FORMATS[fmt].suffix}; "
            f"use for instance {path.with_suffix(FORMATS[fmt].suffix).name}"
        )
    if crs == "gcj02" and "gcj02" not in path.name.lower().replace("-", "").replace("_", ""):
        raise ExportError(
            f"{str(path)!r}: GCJ-02 files must say so in their name so that nobody takes them for "
            f"WGS 84; use for instance {path.stem}_gcj02{path.suffix}"
        )
    data = _render(records, fmt=fmt, crs=crs, name=path.stem)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
