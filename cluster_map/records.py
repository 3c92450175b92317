"""The plan records: reading geodata/records/records.csv into a GeoDataFrame.

One row per item per place, built by ``python -m cluster_map build-records`` from the hand-written
curation files; see geodata/records/README.md for the schema. Several values in one field (the
prefectures of a zone, say) are joined by ``;``.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from ._errors import DataError
from .paths import RECORDS_DIR

__all__ = ["COLUMNS", "MULTI_SEPARATOR", "RECORDS_PATH", "read_records", "split_multi"]

RECORDS_PATH = RECORDS_DIR / "records.csv"
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


def read_records(path: Path | str = RECORDS_PATH) -> gpd.GeoDataFrame:
    """Read the records as a GeoDataFrame of points in EPSG:4326.

    Records the plan names without a place have an empty (None) geometry and empty lon/lat.

    Parameters
    ----------
    path
        records.csv, or a file of the same schema.

    Returns
    -------
    One row per record, with the columns of :data:`COLUMNS` (text as strings, offsets as ints,
    lon/lat as floats) and a point geometry.
    """
    path = Path(path)
    if not path.exists():
        raise DataError(f"{path}: records file missing; run `python -m cluster_map build-records`")
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise DataError(f"{path}: columns {missing} missing; the schema is in geodata/records/README.md")
    for column in INTEGER_COLUMNS:
        table[column] = pd.to_numeric(table[column], errors="coerce").astype("Int64")
    for column in FLOAT_COLUMNS:
        table[column] = pd.to_numeric(table[column].replace("", None), errors="coerce").astype(float)
    placed = table["lon"].notna() & table["lat"].notna()
    geometry = [
        shapely.Point(lon, lat) if ok else None
        for lon, lat, ok in zip(table["lon"], table["lat"], placed)
    ]
    return gpd.GeoDataFrame(table, geometry=geometry, crs="EPSG:4326")


def split_multi(value: str) -> list[str]:
    """The values of a multi-valued field (``"130100;130600"`` -> ``["130100", "130600"]``)."""
    return [part for part in str(value).split(MULTI_SEPARATOR) if part]
