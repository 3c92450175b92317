"""The CSV export: one row per item, every field, lon/lat and WKT, its mentions readable, for Excel.

The download is one CSV that Excel and WPS open with a double click (no zip, no join): its last
column, ``mentions``, lists each passage that names the item on a line of its own
(``"sei 专栏7: <sentence>"``). The same mentions as a table (one row per mention, with the character
spans) are in the GeoPackage (``mentions``), the Shapefile zip (``mentions_<crs>.csv``) and the
GeoJSON (a ``mentions`` array per feature).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from cluster_map.core.csv_output import csv_bytes
from cluster_map.export.base import DECIMALS, ExportJob
from cluster_map.export.items import mention_lines

__all__ = ["items_csv", "mentions_csv", "render_csv"]


def _coordinates(geoms: list[object], axis: str, single: pd.Series) -> pd.Series:
    """Per item, its kept places' ``axis`` values: the number for one, ``;``-joined for several."""
    values: list[object] = []
    for geom, number in zip(geoms, single, strict=True):
        if isinstance(geom, shapely.MultiPoint):
            values.append(";".join(repr(round(getattr(p, axis), DECIMALS)) for p in geom.geoms))
        else:
            values.append(number)
    return pd.Series(values, index=single.index, dtype=object)


def items_csv(items: gpd.GeoDataFrame, mentions: pd.DataFrame) -> bytes:
    """Items as spreadsheet CSV: the fields, ``wkt`` and a readable ``mentions`` column.

    Parameters
    ----------
    items
        Items in the file's CRS (see :func:`cluster_map.export.items.items_in_crs`).
    mentions
        Their mentions table.

    Returns
    -------
    UTF-8 with BOM, CRLF, formulas neutralised (see :mod:`cluster_map.core.csv_output`). ``lon``
    and ``lat`` of an item with several kept places list them ``;``-joined, in the order of its
    ``MULTIPOINT``; an item without a place has them and ``wkt`` empty.
    """
    geoms = list(items.geometry.values)
    table = pd.DataFrame(items.drop(columns=items.geometry.name))
    if "lon" in table and "lat" in table:
        table["lon"] = _coordinates(geoms, "x", table["lon"])
        table["lat"] = _coordinates(geoms, "y", table["lat"])
    table["wkt"] = [
        "" if g is None else shapely.to_wkt(g, rounding_precision=DECIMALS, trim=True) for g in geoms
    ]
    lines = mention_lines(mentions)
    table["mentions"] = ["\n".join(lines.get(str(item), [])) for item in table["id"]]
    return csv_bytes(table, for_spreadsheets=True)


def mentions_csv(mentions: pd.DataFrame) -> bytes:
    """The mentions table as spreadsheet CSV (one row per mention; join ``item_id`` to ``id``)."""
    return csv_bytes(mentions, for_spreadsheets=True)


def render_csv(job: ExportJob) -> bytes:
    """The items of ``job`` as one CSV file (see :func:`items_csv`)."""
    return items_csv(job.items, job.mentions)
