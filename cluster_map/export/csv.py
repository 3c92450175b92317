"""The CSV export: one row per record, every column, lon/lat and WKT, for Excel and WPS."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from cluster_map.core.csv_output import csv_bytes
from cluster_map.export.base import DECIMALS, ExportJob

__all__ = ["records_csv", "render_csv"]


def records_csv(frame: gpd.GeoDataFrame) -> bytes:
    """Records as spreadsheet CSV: the attributes and a ``wkt`` column (empty for no place).

    Parameters
    ----------
    frame
        Records in the file's CRS, as :func:`cluster_map.export.frames.records_in_crs` gives them.

    Returns
    -------
    UTF-8 with BOM, CRLF, formulas neutralised (see :mod:`cluster_map.core.csv_output`).
    """
    table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    table["wkt"] = [
        "" if g is None else shapely.to_wkt(g, rounding_precision=DECIMALS, trim=True)
        for g in frame.geometry.values
    ]
    return csv_bytes(table, for_spreadsheets=True)


def render_csv(job: ExportJob) -> bytes:
    """The records of ``job`` as a CSV file (see :func:`records_csv`)."""
    return records_csv(job.records)
