"""The Shapefile export: a zip of the items (multipoints), the boundaries (polygons) and two CSV files.

``items_<crs>.shp`` has one MultiPoint feature per item (a null shape without a place); the
mentions (every passage that names an item) are in ``mentions_<crs>.csv`` beside the items' own
``items_<crs>.csv`` (join ``item_id`` to ``id``). A DBF field name has at most 10 characters and a
text value at most 254 bytes (about 84 Chinese characters in UTF-8). Names are shortened by
:data:`SHORT_NAMES` (then by a generic rule), longer values are cut on a character boundary and end
with "…"; both are written to a mapping table that ships in the zip, beside the CSV files that keep
every value whole.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from cluster_map.core.csv_output import csv_bytes
from cluster_map.core.i18n import t
from cluster_map.export.base import ExportJob, counts_text, gcj02_warning, source_text
from cluster_map.export.csv import items_csv, mentions_csv

__all__ = [
    "DBF_NAME_CHARS",
    "DBF_TEXT_BYTES",
    "SHORT_NAMES",
    "DbfField",
    "dbf_field_names",
    "fields_csv",
    "render_shapefile",
    "shapefile_readme",
    "to_dbf_table",
    "truncate_utf8",
    "zip_folder",
]

DBF_NAME_CHARS = 10
DBF_TEXT_BYTES = 254
ELLIPSIS = "…"

#: Column -> DBF field name, for every column of the items and boundaries longer than 10 characters.
SHORT_NAMES: dict[str, str] = {
    "level_quote": "lvl_quote",
    "status_quote": "stat_quote",
    "place_count": "place_cnt",
    "kept_places": "kept_plcs",
    "mention_count": "ment_cnt",
    "prefecture_code": "pref_code",
    "prefecture_zh": "pref_zh",
    "county_code": "cnty_code",
    "source_section": "src_sect",
    "source_start": "src_start",
    "source_end": "src_end",
    "source_sentence": "src_text",
    "parent_adcode": "parent_cd",
    "member_level": "mem_level",
    "member_adcodes": "mem_codes",
    "member_names_zh": "mem_names",
    "approximation": "approx",
}


@dataclass(frozen=True)
class DbfField:
    """One row of the field-name mapping shipped in the zip."""

    file: str
    field: str
    full_name: str
    type: str
    truncated_values: int
    note: str


def dbf_field_names(columns: Iterable[str]) -> dict[str, str]:
    """Column name -> a unique DBF field name of at most 10 ASCII characters.

    Parameters
    ----------
    columns
        The attribute columns, in order.

    Returns
    -------
    The mapping; names that fit are kept, known long names follow :data:`SHORT_NAMES`, other long or
    non-ASCII names are cut and numbered so that no two collide (DBF names ignore case).
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for index, column in enumerate(columns):
        candidate = SHORT_NAMES.get(column, column)
        if not candidate.isascii():
            candidate = f"field_{index}"
        candidate = candidate[:DBF_NAME_CHARS]
        number = 1
        while candidate.casefold() in taken:
            suffix = f"_{number}"
            candidate = candidate[: DBF_NAME_CHARS - len(suffix)] + suffix
            number += 1
        taken.add(candidate.casefold())
        names[column] = candidate
    return names


def truncate_utf8(text: str, *, limit: int = DBF_TEXT_BYTES) -> tuple[str, bool]:
    """Cut ``text`` to at most ``limit`` UTF-8 bytes on a character boundary, ending with "…".

    Parameters
    ----------
    text
        Any text.
    limit
        The byte budget (254 for a DBF text field).

    Returns
    -------
    The text that fits, and whether it was cut.
    """
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text, False
    budget = limit - len(ELLIPSIS.encode("utf-8"))
    return encoded[:budget].decode("utf-8", errors="ignore") + ELLIPSIS, True


def _dbf_type(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "logical"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        return "real"
    return "text"


def to_dbf_table(
    frame: pd.DataFrame, *, file: str, full_text_file: str
) -> tuple[pd.DataFrame, list[DbfField]]:
    """Rename the attribute columns to DBF names and cut text values to 254 bytes.

    Parameters
    ----------
    frame
        Attributes (a geometry column, if any, is passed through untouched).
    file
        The .shp file name the table goes to, for the mapping rows.
    full_text_file
        The file in the zip that keeps the full values, named in the notes of cut fields.

    Returns
    -------
    The renamed table, and one mapping row per attribute column.
    """
    geometry = frame.geometry.name if hasattr(frame, "geometry") else None
    columns = [c for c in frame.columns if c != geometry]
    names = dbf_field_names(columns)
    out = frame.copy()
    rows: list[DbfField] = []
    for column in columns:
        kind = _dbf_type(frame[column])
        cut = 0
        if kind == "text":
            pairs = [truncate_utf8(v) if isinstance(v, str) else (v, False) for v in frame[column]]
            out[column] = pd.Series([p[0] for p in pairs], index=frame.index, dtype=frame[column].dtype)
            cut = sum(p[1] for p in pairs)
        note = (
            f"{cut} value(s) longer than {DBF_TEXT_BYTES} bytes (about 84 Chinese characters) cut, "
            f"ending with {ELLIPSIS}; the full text is in {full_text_file} (join on id)"
            if cut
            else ""
        )
        rows.append(DbfField(file, names[column], column, kind, cut, note))
    return out.rename(columns=names), rows


def fields_csv(rows: Iterable[DbfField]) -> bytes:
    """The field-name mapping as CSV bytes (UTF-8 with BOM, so Excel reads the Chinese right)."""
    columns = ["file", "field", "full_name", "type", "truncated_values", "note"]
    table = pd.DataFrame([[getattr(row, c) for c in columns] for row in rows], columns=columns)
    return csv_bytes(table, for_spreadsheets=True)


def zip_folder(folder: Path, *, extra: Mapping[str, bytes]) -> bytes:
    """Zip every file of ``folder`` (sorted, flat) plus the ``extra`` name -> bytes members.

    Parameters
    ----------
    folder
        The folder the shapefiles were written to.
    extra
        More members (README, mapping table, CSV).

    Returns
    -------
    The zip archive.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, arcname=path.name)
        for name, data in extra.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def shapefile_readme(job: ExportJob, *, truncated: int) -> bytes:
    """The zip's README.txt: the source, the CRS, each file, in English and Chinese.

    Parameters
    ----------
    job
        The export (its items, mentions, CRS and tag).
    truncated
        How many DBF text values were cut, in all files.

    Returns
    -------
    UTF-8 with BOM and CRLF line ends, so Notepad shows it right.
    """
    values = {"crs_name": job.crs.name, "tag": job.crs.tag, "limit": DBF_TEXT_BYTES, "truncated": truncated}
    parts = [
        f"{source_text()}\n",
        t("export_shapefile_readme", "en", counts=counts_text(job, lang="en"), **values),
        t("export_shapefile_readme", "zh", counts=counts_text(job, lang="zh"), **values),
    ]
    if job.crs.shift == "gcj02":
        parts.append(f"{gcj02_warning()}\n")
    return "\n".join(parts).replace("\n", "\r\n").encode("utf-8-sig")


def _write_layers(job: ExportJob, folder: Path, *, full_text_file: str) -> list[DbfField]:
    """Write the items and boundary shapefiles into ``folder``; return the field-name mapping."""
    layers: dict[str, tuple[gpd.GeoDataFrame, str]] = {"items": (job.items, "MultiPoint")}
    layers.update({name: (frame, "MultiPolygon") for name, frame in job.boundaries.items()})
    mapping: list[DbfField] = []
    for layer, (table, geometry_type) in layers.items():
        file = f"{layer}_{job.crs.tag}.shp"
        dbf, rows = to_dbf_table(table, file=file, full_text_file=full_text_file)
        mapping += rows
        pyogrio.write_dataframe(
            dbf,
            folder / file,
            driver="ESRI Shapefile",
            encoding="UTF-8",
            geometry_type=geometry_type,
            promote_to_multi=True,
        )
    return mapping


def render_shapefile(job: ExportJob) -> bytes:
    """The items and boundary layers of ``job`` as a zip of shapefiles, with README, mapping and CSV.

    Parameters
    ----------
    job
        The prepared items, mentions and boundaries (the taxonomy is not used).

    Returns
    -------
    The zip: ``<layer>_<tag>.shp`` (with ``.prj`` and ``.cpg``) per layer, ``README.txt``,
    ``field_names.csv``, ``items_<tag>.csv`` (every value whole) and ``mentions_<tag>.csv``.
    """
    full_text = f"items_{job.crs.tag}.csv"
    with tempfile.TemporaryDirectory() as folder:
        mapping = _write_layers(job, Path(folder), full_text_file=full_text)
        truncated = sum(row.truncated_values for row in mapping)
        extra = {
            "README.txt": shapefile_readme(job, truncated=truncated),
            "field_names.csv": fields_csv(mapping),
            full_text: items_csv(job.items, job.mentions),
            f"mentions_{job.crs.tag}.csv": mentions_csv(job.mentions),
        }
        return zip_folder(Path(folder), extra=extra)
