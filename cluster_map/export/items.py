"""Item-place rows made into what files hold: one feature per item, and a table of its mentions.

The app and the command line give export the filtered item-place rows
(:func:`cluster_map.core.items.read_item_rows`): one row per (item, place), each with the item's
fields and its ``mentions``. A place filter keeps only an item's matching places. A file holds one
feature per item: a Point at its one kept place, a MultiPoint at several, no geometry without a
place; the place columns list the distinct values over its kept places. Its mentions (every passage
that names it) go to a second table, :data:`MENTION_COLUMNS`, joined on ``item_id`` = ``id``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from cluster_map.core.items import MENTION_COLUMNS, OBJECT_COLUMNS, Mention, items_of_rows
from cluster_map.export.base import ExportCrs, ExportError
from cluster_map.export.frames import layer_in_crs, storable

__all__ = [
    "ITEM_ALIASES",
    "ITEM_FIELDS",
    "MENTION_COLUMNS",
    "PLACE_FIELDS",
    "ROW_ONLY",
    "ExportItems",
    "items_in_crs",
    "mention_lines",
    "spans_text",
]

#: The columns of an exported item, in this order (those the rows hold; ``kept_places``, ``lon`` and
#: ``lat`` always). ``places_zh`` and ``place_count`` are the item's (all its places, as the plan
#: names them); the codes, names, precision and evidence list its kept places, and ``kept_places``
#: says how many of them the file holds. ``lon``/``lat``: the point of an item with one kept place.
ITEM_FIELDS: tuple[str, ...] = (
    "id",
    "kind",
    "name_zh",
    "name_en",
    "sector",
    "subsector",
    "level",
    "level_quote",
    "status",
    "status_quote",
    "places_zh",
    "prefecture_code",
    "prefecture_zh",
    "county_code",
    "county_zh",
    "precision",
    "evidence",
    "place_count",
    "kept_places",
    "mention_count",
    "docs",
    "sections",
    "note_zh",
    "note_en",
    "former_ids",
    "lon",
    "lat",
)
#: Columns of the rows that an item does not carry: one place's own (the item lists its places),
#: search helpers that repeat ``docs``, ``sections`` and the mentions, the mentions themselves.
ROW_ONLY: tuple[str, ...] = (
    "place_no",
    "place_zh",
    "basis",
    "source_doc",
    "source_section",
    "source_sentence",
    *OBJECT_COLUMNS,
    "lon",
    "lat",
)


#: The place columns an item lists over its kept places (distinct values, ``;``-joined).
PLACE_FIELDS: tuple[str, ...] = (
    "prefecture_code",
    "prefecture_zh",
    "county_code",
    "county_zh",
    "precision",
    "evidence",
)
#: Row columns that hold an item field under another name (the rows keep them for search).
ITEM_ALIASES: dict[str, str] = {"source_doc": "docs", "source_section": "sections"}


@dataclass(frozen=True)
class ExportItems:
    """What a file holds: one row per item (Point, MultiPoint or None) and one row per mention."""

    items: gpd.GeoDataFrame
    mentions: pd.DataFrame


def spans_text(spans: Iterable[tuple[int, int]]) -> str:
    """Character spans as mentions.csv writes them: ``((10, 16), (40, 44))`` -> ``"10-16;40-44"``."""
    return ";".join(f"{start}-{end}" for start, end in spans)


def mention_lines(mentions: pd.DataFrame) -> dict[str, list[str]]:
    """Item id -> its mentions as readable lines, ``"sei 专栏7: <sentence>"``, one per mention."""
    lines: dict[str, list[str]] = {}
    for row in mentions.itertuples(index=False):
        where = " ".join(part for part in (str(row.doc), str(row.section)) if part)
        lines.setdefault(str(row.item_id), []).append(f"{where}: {row.sentence}")
    return lines


def _items_table(points: gpd.GeoDataFrame) -> pd.DataFrame:
    """One row per item (:func:`cluster_map.core.items.items_of_rows`), with ``docs`` and ``sections``."""
    items = items_of_rows(points)
    for column, field in ITEM_ALIASES.items():
        if column in items.columns and field not in items.columns:
            items[field] = items[column]
    return items


def _item_geometry(points: list[Any]) -> Any:
    if not points:
        return None
    return points[0] if len(points) == 1 else shapely.MultiPoint(points)


def _geometries(codes: np.ndarray, geoms: np.ndarray, count: int) -> list[Any]:
    """Per item (``codes`` number the rows' items), its kept points as one geometry."""
    parts: list[list[Any]] = [[] for _ in range(count)]
    for code, geom in zip(codes, geoms, strict=True):
        if geom is not None:
            parts[code].append(geom)
    return [_item_geometry(points) for points in parts]


def _mentions_table(ids: pd.Index, mentions: list[tuple[Mention, ...]]) -> pd.DataFrame:
    """One row per mention of each item, numbered from 1, text as files can hold it."""
    rows = [
        {
            "item_id": item,
            "mention_no": number,
            "doc": storable(mention.doc),
            "section": storable(mention.section),
            "spans": spans_text(mention.spans),
            "text": storable(mention.text),
            "sentence": storable(mention.sentence),
        }
        for item, said in zip(ids, mentions, strict=True)
        for number, mention in enumerate(said, start=1)
    ]
    table = pd.DataFrame(rows, columns=list(MENTION_COLUMNS))
    return table.astype({"mention_no": "int64"})


def _check_rows(rows: object) -> gpd.GeoDataFrame:
    if not isinstance(rows, gpd.GeoDataFrame):
        raise ExportError(f"rows must be a GeoDataFrame, not {type(rows).__name__}")
    kinds = {str(kind) for kind in rows.geom_type.dropna()}
    if kinds - {"Point"}:
        raise ExportError(f"rows must be points (or None), one per item and place; found {sorted(kinds)}")
    if "id" not in rows.columns:
        raise ExportError(
            f"rows need an 'id' column (rows of one item share it); found {list(rows.columns)}; "
            "give the rows of cluster_map.core.items.read_item_rows"
        )
    missing = rows["id"].isna()
    if missing.any():
        raise ExportError(f"rows {list(np.flatnonzero(missing))[:5]} have no id; give every item one")
    return rows


def items_in_crs(rows: gpd.GeoDataFrame, crs: ExportCrs) -> ExportItems:
    """The items of item-place rows, in the export CRS, and their mentions.

    Parameters
    ----------
    rows
        Item-place rows (a filtered view is fine), points or None in any geographic CRS, as
        :func:`cluster_map.core.items.read_item_rows` returns them; a frame without ``mentions``
        exports items without mentions.
    crs
        The export CRS.

    Returns
    -------
    One row per item in first-seen order (:data:`ITEM_FIELDS`, then any other column of the rows),
    its geometry a Point, a MultiPoint or None; and the mentions table (:data:`MENTION_COLUMNS`).
    """
    rows = _check_rows(rows)
    points = layer_in_crs(rows, crs)  # writable, shifted, rounded; positions as in rows
    codes, ids = pd.factorize(points["id"])
    table = _items_table(points)
    geoms = np.asarray(points.geometry.values, dtype=object)
    geometry = _geometries(codes, geoms, len(ids))
    single = [isinstance(g, shapely.Point) for g in geometry]
    table["lon"] = [g.x if ok else np.nan for g, ok in zip(geometry, single, strict=True)]
    table["lat"] = [g.y if ok else np.nan for g, ok in zip(geometry, single, strict=True)]
    columns = [c for c in ITEM_FIELDS if c in table.columns]
    columns += [c for c in table.columns if c not in ITEM_FIELDS and c not in ROW_ONLY]
    items = gpd.GeoDataFrame(table[columns], geometry=geometry, crs=points.crs)
    firsts = np.unique(codes, return_index=True)[1]
    said = list(rows["mentions"].iloc[firsts]) if "mentions" in rows.columns else [()] * len(ids)
    return ExportItems(items=items, mentions=_mentions_table(pd.Index(ids), said))
