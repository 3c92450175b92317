"""Export a user's own rows, joined (:func:`cluster_map.own.join.join_own`), in every format and CRS.

The formats are the plan items' (:data:`~cluster_map.export.registry.FORMATS`, in order) and
``xlsx``, each in the CRSs of its plan counterpart (XLSX as CSV; KML WGS 84 or GCJ-02 only). One
feature per row, in order, every column kept (the file's, then ``ADDED_COLUMNS``): a Point at
``cm_lon``/``cm_lat`` moved to the export CRS as plan items are (GCJ-02 offset for ``gcj02``,
CGCS2000 labelled EPSG:4490), no geometry where the row was not placed. ``cm_lon``/``cm_lat`` stay
WGS 84 in every format; CSV and XLSX add ``cm_lon_<tag>``/``cm_lat_<tag>`` after them, the point in
the export CRS (``tag`` as in the file name: wgs84, cgcs2000, gcj02), and neutralise formulas
(:mod:`cluster_map.core.csv_output`). GeoPackage: one layer, ``own_rows``. Shapefile: a zip of
``own_rows_<tag>.shp`` (.cpg UTF-8, DBF names and long texts cut as in the plan's export),
``field_names.csv``, ``own_rows_<tag>.csv`` (every value whole), ``README.txt``. KML: a Placemark per
row named from the name column, a folder per sector, one for unplaced rows. XLSX: one sheet.
"""

from __future__ import annotations

import html
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from cluster_map.core import crs as coords
from cluster_map.core.csv_output import csv_bytes
from cluster_map.core.geojson import dumps_feature_collection, feature_collection
from cluster_map.core.xlsx_output import XLSX_MIME, xlsx_bytes
from cluster_map.export.api import ExportedFile
from cluster_map.export.base import DECIMALS, ExportCrs, ExportError, gcj02_warning
from cluster_map.export.frames import layer_in_crs
from cluster_map.export.geojson import crs_metadata
from cluster_map.export.kml import KML_NS, xml_text
from cluster_map.export.registry import FORMATS, check_format_and_crs, crs_key
from cluster_map.export.shapefile import fields_csv, to_dbf_table, zip_folder
from cluster_map.own.columns import detect_columns
from cluster_map.own.join import ADDED_COLUMNS

__all__ = [
    "DEFAULT_OWN_STEM",
    "OWN_EXPORT_FORMATS",
    "OwnFormat",
    "check_own_format_and_crs",
    "own_export_name",
    "own_rows_bytes",
    "own_rows_file",
    "own_rows_in_crs",
]

DEFAULT_OWN_STEM = "own_rows"
LAYER = "own_rows"
_BAD_NAME_CHARS = '/\\:*?"<>|'
# The texts the files carry, Chinese then English (candidates for cluster_map.core.i18n).
_ABOUT = (
    "自有数据 {rows} 行，{unplaced} 行未定位（无几何）；cm_ 开头的列是与河北县区、地市、片区和规划产业的关联结果，"
    "cm_lon/cm_lat 为 WGS 84，几何为 {crs}。"
    " {rows} rows of your own file, {unplaced} not placed (no geometry); the cm_ columns join them to "
    "Hebei's counties, prefectures, zones and the plan's sectors; cm_lon/cm_lat are WGS 84, the "
    "geometry is {crs}."
)
_NO_SECTOR_FOLDER = "未归入规划产业 No plan sector"
_UNPLACED_FOLDER = "未定位 Not placed"
_EMPTY_FOLDER = "无数据 No rows"


@dataclass(frozen=True)
class OwnFormat:
    """A format own rows are offered in: its key, file suffix, MIME type and the CRSs it is offered in.

    ``crs_rule`` is the plan format (a key of :data:`FORMATS`) whose CRS choices it shares.
    """

    key: str
    suffix: str
    mime: str
    crs_rule: str

    @property
    def crs_choices(self) -> tuple[str, ...]:
        """The CRS keys offered, in order (those of the plan format ``crs_rule``)."""
        return FORMATS[self.crs_rule].crs_choices


@dataclass(frozen=True)
class _Job:
    """What a writer writes: the rows in the export CRS (index 0..n-1), the CRS, the file's name."""

    frame: gpd.GeoDataFrame
    crs: ExportCrs
    name: str
    name_column: str = ""


def _free_name(name: str, taken: Iterable[Hashable]) -> str:
    """``name``, else ``cm_<name>``, ``cm_<name>_2``, ...: the first no column has (case ignored)."""
    used = {str(c).casefold() for c in taken}
    candidate, number = name, 1
    while candidate.casefold() in used:
        candidate = f"cm_{name}" if number == 1 else f"cm_{name}_{number}"
        number += 1
    return candidate


def _check_rows(rows: pd.DataFrame) -> None:
    """ExportError when the rows lack the join's coordinates or repeat a column name."""
    missing = [c for c in ("cm_lon", "cm_lat") if c not in rows.columns]
    if missing:
        raise ExportError(
            f"the rows lack the column(s) {', '.join(missing)}; export the rows join_own(...).rows "
            f"returns (the file's columns, then {', '.join(ADDED_COLUMNS)})"
        )
    doubled = sorted({str(c) for c in rows.columns[rows.columns.duplicated()]})
    if doubled:
        raise ExportError(
            f"the rows have the column(s) {', '.join(map(repr, doubled))} more than once; GIS files "
            "cannot hold two columns of one name: rename them in your file and join it again"
        )


def _points(rows: pd.DataFrame) -> np.ndarray:
    """A WGS 84 Point per row at cm_lon/cm_lat; None where either is missing or not finite."""
    lon = pd.to_numeric(rows["cm_lon"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lat = pd.to_numeric(rows["cm_lat"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    placed = np.isfinite(lon) & np.isfinite(lat)
    geoms = np.full(len(rows), None, dtype=object)
    geoms[placed] = shapely.points(lon[placed], lat[placed])
    return geoms


def own_rows_in_crs(rows: pd.DataFrame, crs: str | int = "4326") -> gpd.GeoDataFrame:
    """``join_own(...).rows`` as points in the export CRS ``crs`` (see the module), every column kept.

    A new frame (index 0..n-1) labelled with the export CRS, coordinates rounded to 6 decimals; its
    geometry column is ``geometry`` (``cm_geometry`` if the file has a ``geometry`` column).
    """
    _check_rows(rows)
    _, system = check_format_and_crs("csv", crs_key(crs))  # CSV is offered in every CRS
    table = rows.rename(columns=str).reset_index(drop=True)
    geometry = _free_name("geometry", table.columns)
    table[geometry] = _points(table)
    return layer_in_crs(gpd.GeoDataFrame(table, geometry=geometry, crs=coords.WGS84), system)


def _about(job: _Job) -> str:
    """What the file holds, in Chinese and English, with the GCJ-02 warning when due."""
    unplaced = int(job.frame.geometry.isna().sum())
    text = _ABOUT.format(rows=len(job.frame), unplaced=unplaced, crs=job.crs.name)
    return f"{text} {gcj02_warning()}" if job.crs.shift == "gcj02" else text


def _table(job: _Job) -> pd.DataFrame:
    """The rows without geometry, ``cm_lon_<tag>``/``cm_lat_<tag>`` (the export CRS) after cm_lat."""
    frame = job.frame
    geoms = np.asarray(frame.geometry.values, dtype=object)
    table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    at = list(table.columns).index("cm_lat") + 1
    table.insert(at, _free_name(f"cm_lat_{job.crs.tag}", table.columns), shapely.get_y(geoms))
    table.insert(at, _free_name(f"cm_lon_{job.crs.tag}", table.columns), shapely.get_x(geoms))
    return table


def _csv(job: _Job) -> bytes:
    """Spreadsheet CSV: UTF-8 with BOM, CRLF, formulas neutralised."""
    return csv_bytes(_table(job), for_spreadsheets=True)


def _xlsx(job: _Job) -> bytes:
    """One sheet named after the file; texts stay text, formulas neutralised."""
    return xlsx_bytes({job.name: _table(job)})


def _geojson(job: _Job) -> bytes:
    """A FeatureCollection; CGCS2000 and GCJ-02 say so in the file, as the plan's GeoJSON does."""
    metadata = {**crs_metadata(job.name, job.crs), "description": _about(job)}
    labelled = job.frame.set_crs(coords.WGS84, allow_override=True)  # the coordinates stay as given
    collection = feature_collection(labelled, decimals=DECIMALS, metadata=metadata)
    return dumps_feature_collection(collection).encode("utf-8")


def _gpkg(job: _Job) -> bytes:
    """One Point layer, ``own_rows``; the FID and geometry names avoid the file's column names."""
    columns = list(job.frame.columns)
    options = {
        "IDENTIFIER": job.name,
        "DESCRIPTION": _about(job),
        "FID": _free_name("fid", columns),
        "GEOMETRY_NAME": _free_name("geom", columns),
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.gpkg"
        pyogrio.write_dataframe(
            job.frame, path, layer=LAYER, driver="GPKG", geometry_type="Point", layer_options=options
        )
        return path.read_bytes()


def _readme(job: _Job, *, shp: str, full_text: str, truncated: int) -> bytes:
    """The zip's README.txt: what the rows are, each file, the cut values; UTF-8 with BOM, CRLF."""
    lines = [
        _about(job),
        f"{shp} (+ .shx .dbf .prj .cpg): 每行一个点 one point per row; {job.crs.name}.",
        "field_names.csv: DBF 字段名（最多 10 个字符）与原列名对照 DBF field names (10 characters "
        "at most) and the full column names.",
        f"{full_text}: 每个值完整 every value whole (join on cm_row).",
        f"{truncated} 个超过 254 字节的文本被截断 text value(s) longer than 254 bytes cut in the DBF.",
    ]
    return "\r\n".join(lines).encode("utf-8-sig") + b"\r\n"


def _shapefile(job: _Job) -> bytes:
    """A zip: the Point shapefile, field_names.csv, the whole rows as CSV, README.txt."""
    shp, full_text = f"{LAYER}_{job.crs.tag}.shp", f"{LAYER}_{job.crs.tag}.csv"
    dbf, mapping = to_dbf_table(job.frame, file=shp, full_text_file=full_text)
    mapping = [replace(m, note=m.note.replace("join on id", "join on cm_row")) for m in mapping]
    truncated = sum(m.truncated_values for m in mapping)
    with tempfile.TemporaryDirectory() as folder:
        pyogrio.write_dataframe(
            dbf, Path(folder) / shp, driver="ESRI Shapefile", encoding="UTF-8", geometry_type="Point"
        )
        extra = {
            "README.txt": _readme(job, shp=shp, full_text=full_text, truncated=truncated),
            "field_names.csv": fields_csv(mapping),
            full_text: _csv(job),
        }
        return zip_folder(Path(folder), extra=extra)


def _sub(parent: ET.Element, tag: str, text: str | None = None, /, **attrib: str) -> ET.Element:
    element = ET.SubElement(
        parent, f"{{{KML_NS}}}{tag}", {key: xml_text(value) for key, value in attrib.items()}
    )
    if text is not None:
        element.text = xml_text(text)
    return element


def _text(value: Any) -> str:
    return str(value.item() if isinstance(value, np.generic) else value)


def _kml_type(series: pd.Series) -> str:
    if pd.api.types.is_integer_dtype(series):
        return "int"
    return "double" if pd.api.types.is_float_dtype(series) else "string"


def _kml_folders(frame: gpd.GeoDataFrame) -> list[tuple[str, list[int]]]:
    """Folder name -> row positions: one folder per sector (no sector last), then the unplaced rows."""
    placed = frame.geometry.notna().to_numpy()
    given = frame["cm_sector"] if "cm_sector" in frame else pd.Series("", index=frame.index)
    sectors = given.fillna("").astype(str).to_numpy(dtype=object)
    order = sorted(set(sectors[placed]), key=lambda sector: (sector == "", sector))
    folders = [
        (sector or _NO_SECTOR_FOLDER, [int(i) for i in np.flatnonzero(placed & (sectors == sector))])
        for sector in order
    ]
    return [*folders, (_UNPLACED_FOLDER, [int(i) for i in np.flatnonzero(~placed)])]


def _placemark(parent: ET.Element, row: dict[Hashable, Any], geom: Any, *, name: str) -> None:
    """A Placemark: its name, a balloon table of the non-empty values, typed ExtendedData, a Point."""
    placemark = _sub(parent, "Placemark")
    _sub(placemark, "name", name)
    cells = "".join(
        f"<tr><th>{html.escape(str(column))}</th><td>{html.escape(_text(value))}</td></tr>"
        for column, value in row.items()
        if not pd.isna(value) and _text(value) != ""
    )
    _sub(placemark, "description", f'<table border="1" cellpadding="3">{cells}</table>')
    data = _sub(_sub(placemark, "ExtendedData"), "SchemaData", schemaUrl=f"#{LAYER}")
    for column, value in row.items():
        if not pd.isna(value):
            _sub(data, "SimpleData", _text(value), name=str(column))
    if geom is not None:
        _sub(_sub(placemark, "Point"), "coordinates", f"{geom.x:.6f},{geom.y:.6f}")


def _kml(job: _Job) -> bytes:
    """KML 2.2: a schema of every column, then the Placemarks in their folders (see the module)."""
    frame = job.frame
    columns = [c for c in frame.columns if c != frame.geometry.name]
    root = ET.Element(f"{{{KML_NS}}}kml")
    document = _sub(root, "Document")
    _sub(document, "name", job.name)
    _sub(document, "description", _about(job))
    schema = _sub(document, "Schema", name=LAYER, id=LAYER)
    for column in columns:
        _sub(schema, "SimpleField", name=str(column), type=_kml_type(frame[column]))
    rows = frame[columns].to_dict("records")
    geoms = list(frame.geometry.values)
    for folder_name, members in _kml_folders(frame):
        if members:
            folder = _sub(document, "Folder")
            _sub(folder, "name", folder_name)
            for i in members:
                label = _text(rows[i][job.name_column]).strip() if job.name_column else ""
                _placemark(folder, rows[i], geoms[i], name=label or f"#{rows[i].get('cm_row', i + 1)}")
    if not rows:
        _sub(_sub(document, "Folder"), "name", _EMPTY_FOLDER)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


_WRITERS: dict[str, Callable[[_Job], bytes]] = {
    "geojson": _geojson,
    "gpkg": _gpkg,
    "shp": _shapefile,
    "kml": _kml,
    "csv": _csv,
    "xlsx": _xlsx,
}

#: Format key -> what it is, in the order offered: the plan's formats (:data:`FORMATS`), then XLSX,
#: each offered in the CRSs of its plan counterpart (XLSX in those of CSV).
OWN_EXPORT_FORMATS: dict[str, OwnFormat] = {
    key: OwnFormat(key, entry.suffix, entry.mime, key) for key, entry in FORMATS.items() if key in _WRITERS
} | {"xlsx": OwnFormat("xlsx", ".xlsx", XLSX_MIME, "csv")}


def check_own_format_and_crs(fmt: str, crs: str | int) -> tuple[OwnFormat, ExportCrs]:
    """The entries of a format of :data:`OWN_EXPORT_FORMATS` and a CRS key that go together.

    ExportError quoting the format or CRS and listing the valid ones otherwise; ``"EPSG:4490"`` and
    ``"GCJ-02"`` are understood (see :func:`~cluster_map.export.registry.crs_key`).
    """
    if fmt not in OWN_EXPORT_FORMATS:
        raise ExportError(
            f"format {fmt!r} is not offered for your own rows; use one of: {', '.join(OWN_EXPORT_FORMATS)}"
        )
    entry = OWN_EXPORT_FORMATS[fmt]
    _, system = check_format_and_crs(entry.crs_rule, crs_key(crs))
    return entry, system


def own_export_name(*, fmt: str, crs: str | int, stem: str = DEFAULT_OWN_STEM) -> str:
    """The file name ``<stem>_<wgs84|cgcs2000|gcj02><suffix>``, for instance ``own_rows_gcj02.kml``."""
    entry, system = check_own_format_and_crs(fmt, crs)
    if not stem.strip() or any(c in stem for c in _BAD_NAME_CHARS):
        raise ExportError(f'stem {stem!r} cannot start a file name; leave out / \\ : * ? " < > |')
    return f"{stem}_{system.tag}{entry.suffix}"


def _name_column(columns: list[str], given: str) -> str:
    """The column Placemarks are named from: ``given``, else the name column detected, else none."""
    own = [c for c in columns if c not in ADDED_COLUMNS]
    if given and given not in columns:
        raise ExportError(f"name_column {given!r} is not a column of the rows; use one of: {', '.join(own)}")
    return given or detect_columns(own).name


def _render(rows: pd.DataFrame, *, fmt: str, crs: str | int, name: str, name_column: str) -> bytes:
    entry, system = check_own_format_and_crs(fmt, crs)
    frame = own_rows_in_crs(rows, system.key)
    columns = [str(c) for c in rows.columns]
    job = _Job(frame, system, name=name, name_column=_name_column(columns, name_column))
    return _WRITERS[entry.key](job)


def own_rows_bytes(rows: pd.DataFrame, *, fmt: str, crs: str | int = "4326", name_column: str = "") -> bytes:
    """``join_own(...).rows`` (a filtered view is fine) as the bytes of one file (see the module).

    ``fmt`` is a key of :data:`OWN_EXPORT_FORMATS`, ``crs`` one of its ``crs_choices``; KML
    Placemarks are named from ``name_column``, by default the name column detected (企业名称, name,
    ...), else ``#<cm_row>``. ExportError for a format or CRS not offered, an unknown
    ``name_column`` or rows without cm_lon/cm_lat.
    """
    return own_rows_file(rows, fmt=fmt, crs=crs, name_column=name_column).data


def own_rows_file(
    rows: pd.DataFrame,
    *,
    fmt: str,
    crs: str | int = "4326",
    stem: str = DEFAULT_OWN_STEM,
    name_column: str = "",
) -> ExportedFile:
    """:func:`own_rows_bytes` with its file name (:func:`own_export_name`) and MIME type, for a download."""
    file_name = own_export_name(fmt=fmt, crs=crs, stem=stem)
    name = file_name.removesuffix(OWN_EXPORT_FORMATS[fmt].suffix)
    data = _render(rows, fmt=fmt, crs=crs, name=name, name_column=name_column)
    return ExportedFile(data=data, file_name=file_name, mime=OWN_EXPORT_FORMATS[fmt].mime)
