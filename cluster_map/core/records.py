"""The plan records: reading geodata/records/records.csv into a GeoDataFrame.

One row per item per place, built by ``python -m cluster_map build-records`` from the hand-written
curation files; see geodata/records/README.md for the schema. Several values in one field (the
prefectures of a zone, say) are joined by ``;``.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from cluster_map.core.csv_input import MAX_LOAD_MB, read_csv_table
from cluster_map.core.paths import RECORDS_DIR

__all__ = [
    "COLUMNS",
    "MULTI_SEPARATOR",
    "RECORDS_PATH",
    "SCHEMA_DOC",
    "read_records",
    "read_records_table",
    "records_frame",
    "split_multi",
]

RECORDS_PATH = RECORDS_DIR / "records.csv"
SCHEMA_DOC = "geodata/records/README.md"
_MISSING_HINT = "(records file missing); run `python -m cluster_map build-records`, or point --records / CLUSTER_MAP_RECORDS at a records file"
MULTI_SEPARATOR = ";"

#: The columns of records.csv, in order.
COLUMNS: tuple[str, ...] = (
    "id",
    "kind",
    "name_zh",
    "name_en",
    "sector",
    "subsector",
    "level",
    "place_zh",
    "prefecture_code",
    "prefecture_zh",
    "county_code",
    "county_zh",
    "precision",
    "evidence",
    "source_doc",
    "source_section",
    "source_start",
    "source_end",
    "source_sentence",
    "lon",
    "lat",
    "note",
)
INTEGER_COLUMNS = ("source_start", "source_end")
FLOAT_COLUMNS = ("lon", "lat")


def read_records_table(
    path: Path | str = RECORDS_PATH, *, max_mb: float | None = MAX_LOAD_MB
) -> pd.DataFrame:
    """Read records.csv as a table of text, exactly as written (for validation).

    Parameters
    ----------
    path
        records.csv, or a file of the same schema.
    max_mb
        Refuse a file larger than this many megabytes; None for no limit.

    Returns
    -------
    One row per record, every value a string, indexed from 0 (line ``index + 2`` of the file).

    Raises
    ------
    InputFileError
        When the file is missing, not UTF-8 CSV, ragged, too large or lacks columns of :data:`COLUMNS`.
    """
    return read_csv_table(path, columns=COLUMNS, schema=SCHEMA_DOC, hint=_MISSING_HINT, max_mb=max_mb)


def _numbers(column: pd.Series, *, whole: bool) -> pd.Series:
    """Text as numbers; a value that is not a (whole) number becomes missing (validate reports it)."""
    numbers = pd.to_numeric(column.where(column.str.strip() != ""), errors="coerce").astype(float)
    if whole:
        numbers = numbers.where(np.isfinite(numbers) & (numbers == np.round(numbers)))
        return numbers.astype("Int64")
    return numbers


def records_frame(table: pd.DataFrame) -> gpd.GeoDataFrame:
    """Type a table of text as :func:`read_records` returns it (offsets Int64, lon/lat float, points).

    Parameters
    ----------
    table
        Rows of records.csv as text, as :func:`read_records_table` returns them.

    Returns
    -------
    The records as a GeoDataFrame in EPSG:4326; a record without a finite lon and lat has no geometry.
    """
    table = table.copy()
    for column in INTEGER_COLUMNS:
        table[column] = _numbers(table[column], whole=True)
    for column in FLOAT_COLUMNS:
        table[column] = _numbers(table[column], whole=False)
    placed = np.isfinite(table["lon"]) & np.isfinite(table["lat"])
    geometry = np.array(
        [
            shapely.Point(lon, lat) if ok else None
            for lon, lat, ok in zip(table["lon"], table["lat"], placed, strict=True)
        ],
        dtype=object,
    )
    return gpd.GeoDataFrame(table, geometry=geometry, crs="EPSG:4326")


def read_records(path: Path | str = RECORDS_PATH, *, max_mb: float | None = MAX_LOAD_MB) -> gpd.GeoDataFrame:
    """Read the records as a GeoDataFrame of points in EPSG:4326.

    Records the plan names without a place have an empty (None) geometry and empty lon/lat.

    Parameters
    ----------
    path
        records.csv, or a file of the same schema.
    max_mb
        Refuse a file larger than this many megabytes (:data:`~cluster_map.core.csv_input.MAX_LOAD_MB`
        by default); None for no limit.

    Returns
    -------
    One row per record, with the columns of :data:`COLUMNS` (text as strings, offsets as ints,
    lon/lat as floats) and a point geometry. Offsets that are not whole numbers and lon/lat that are
    not numbers are missing; :func:`cluster_map.core.validate.check_records` reports them.

    Raises
    ------
    InputFileError
        A subclass of :class:`~cluster_map.core.errors.ClusterMapError` whose message says what is wrong
        with the file and what to do.
    """
    return records_frame(read_records_table(path, max_mb=max_mb))


def split_multi(value: str) -> list[str]:
    """The values of a multi-valued field (``"130100;130600"`` -> ``["130100", "130600"]``)."""
    return [part for part in str(value).split(MULTI_SEPARATOR) if part]
