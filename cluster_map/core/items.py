"""The plan items: geodata/items/ (items.csv, places.csv, mentions.csv), read and typed.

An item is one thing the plans name; it has zero or more places (places.csv, one row per place) and
one or more mentions (mentions.csv, one row per passage that names it). The schema is
geodata/items/README.md; ``python -m cluster_map build-items`` writes the files from the curation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from cluster_map.core.csv_input import MAX_LOAD_MB, read_csv_table
from cluster_map.core.paths import ITEMS_DIR
from cluster_map.core.text_columns import joined_distinct, numbers, rows_with_keys

T = TypeVar("T")

__all__ = [
    "ITEM_COLUMNS",
    "MENTION_COLUMNS",
    "MULTI_SEPARATOR",
    "OBJECT_COLUMNS",
    "PLACE_COLUMNS",
    "ROW_COLUMNS",
    "SCHEMA_DOC",
    "TABLE_COLUMNS",
    "Mention",
    "PlaceRef",
    "PlanItems",
    "item_count",
    "item_links",
    "item_rows",
    "items_of_rows",
    "mentions_by_item",
    "placed_item_count",
    "placed_item_ids",
    "placed_rows",
    "places_by_item",
    "read_item_rows",
    "read_plan_items",
    "split_multi",
    "with_details",
]

SCHEMA_DOC = "geodata/items/README.md"
MULTI_SEPARATOR = ";"
_MISSING_HINT = (
    "(items file missing); run `python -m cluster_map build-items`, or point --items / "
    "CLUSTER_MAP_ITEMS at a folder with items.csv, places.csv and mentions.csv"
)

#: items.csv: one row per item.
ITEM_COLUMNS: tuple[str, ...] = (
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
    "precision",
    "place_count",
    "mention_count",
    "docs",
    "sections",
    "note_zh",
    "note_en",
    "former_ids",
)
#: places.csv: one row per place of an item.
PLACE_COLUMNS: tuple[str, ...] = (
    "item_id",
    "place_no",
    "place_zh",
    "prefecture_code",
    "prefecture_zh",
    "county_code",
    "county_zh",
    "precision",
    "evidence",
    "basis",
    "lon",
    "lat",
)
#: mentions.csv: one row per passage that names an item.
MENTION_COLUMNS: tuple[str, ...] = ("item_id", "mention_no", "doc", "section", "spans", "text", "sentence")
#: The three tables by file stem.
TABLE_COLUMNS = {"items": ITEM_COLUMNS, "places": PLACE_COLUMNS, "mentions": MENTION_COLUMNS}


@dataclass(frozen=True)
class PlanItems:
    """The three tables of geodata/items/, as text."""

    items: pd.DataFrame
    places: pd.DataFrame
    mentions: pd.DataFrame


def read_plan_items(folder: Path | str = ITEMS_DIR, *, max_mb: float | None = MAX_LOAD_MB) -> PlanItems:
    """Read items.csv, places.csv and mentions.csv of ``folder`` as tables of text.

    Raises
    ------
    InputFileError
        When a file is missing, not UTF-8 CSV, too large or lacks columns.
    """
    folder = Path(folder)
    tables = {
        stem: read_csv_table(
            folder / f"{stem}.csv", columns=columns, schema=SCHEMA_DOC, hint=_MISSING_HINT, max_mb=max_mb
        )
        for stem, columns in TABLE_COLUMNS.items()
    }
    return PlanItems(**tables)


def split_multi(value: object) -> list[str]:
    """The values of a multi-valued field (``"130100;130600"`` -> ``["130100", "130600"]``)."""
    return [part for part in str(value).split(MULTI_SEPARATOR) if part]


class Mention(NamedTuple):
    """One passage of a plan that names an item (a named tuple: a million are made in a second)."""

    doc: str
    section: str
    spans: tuple[tuple[int, int], ...]
    text: str
    sentence: str


class PlaceRef(NamedTuple):
    """One place of an item, as a popup lists it (every place, also those a filter leaves out)."""

    place_no: int
    place_zh: str
    prefecture_code: str
    prefecture_zh: str
    county_code: str
    county_zh: str


def _grouped(items: pd.Series, values: list[T]) -> dict[str, tuple[T, ...]]:
    """Item id -> its values in the given order."""
    grouped: dict[str, list[T]] = {}
    for item, value in zip(items.astype(str).tolist(), values, strict=True):
        grouped.setdefault(item, []).append(value)
    return {item: tuple(found) for item, found in grouped.items()}


def places_by_item(places: pd.DataFrame) -> dict[str, tuple[PlaceRef, ...]]:
    """Item id -> its places in order (places.csv as text)."""
    numbers = (
        pd.to_numeric(places["place_no"], errors="coerce").fillna(0).astype(int)
    )  # validate reports bad ones
    texts = [
        places[c].astype(str)
        for c in ("place_zh", "prefecture_code", "prefecture_zh", "county_code", "county_zh")
    ]
    refs = list(map(PlaceRef, numbers.tolist(), *(column.tolist() for column in texts)))
    return _grouped(places["item_id"], refs)


#: The columns of the item-place rows (:func:`item_rows`), besides ``geometry`` and ``mentions``.
ROW_COLUMNS: tuple[str, ...] = (
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
    "place_no",
    "place_zh",
    "places_zh",
    "prefecture_code",
    "prefecture_zh",
    "county_code",
    "county_zh",
    "precision",
    "evidence",
    "basis",
    "place_count",
    "mention_count",
    "source_doc",
    "source_section",
    "source_sentence",
    "note_zh",
    "note_en",
    "former_ids",
    "lon",
    "lat",
)
#: Row columns that hold Python objects (every mention, every place of the item), never written.
OBJECT_COLUMNS: tuple[str, ...] = ("mentions", "places")
_UNPLACED = {"precision": "province", "evidence": "none", "place_no": "0"}


def _spans(value: str) -> tuple[tuple[int, int], ...]:
    pairs = []
    for part in split_multi(value):
        start, _, end = part.partition("-")
        if start.strip().isdigit() and end.strip().isdigit():  # validate reports the others
            pairs.append((int(start), int(end)))
    return tuple(pairs)


def mentions_by_item(mentions: pd.DataFrame) -> dict[str, tuple[Mention, ...]]:
    """Item id -> its mentions in order (mentions.csv as text)."""
    cells = mentions["spans"].astype(str)
    parsed = {value: _spans(value) for value in cells.unique()}  # spans repeat; parse each text once
    columns = [mentions[c].astype(str).tolist() for c in ("doc", "section")]
    said = list(
        map(
            Mention,
            *columns,
            [parsed[value] for value in cells],
            mentions["text"].astype(str).tolist(),
            mentions["sentence"].astype(str).tolist(),
        )
    )
    return _grouped(mentions["item_id"], said)


def with_details(rows: gpd.GeoDataFrame, plan: PlanItems) -> gpd.GeoDataFrame:
    """``rows`` with every mention and every place of their items (``mentions``, ``places``).

    The tuples are built for these rows' items only: a popup, a table page or a file needs them,
    the map and the filters do not (a million rows load without them). Rows that have them already
    come back as they are.
    """
    if all(column in rows.columns for column in OBJECT_COLUMNS):
        return rows
    ids = rows["id"].astype(str)
    wanted = pd.unique(ids.to_numpy(dtype=object))
    said = mentions_by_item(rows_with_keys(plan.mentions, "item_id", wanted))
    where = places_by_item(rows_with_keys(plan.places, "item_id", wanted))
    empty: tuple[Mention, ...] = ()
    no_places: tuple[PlaceRef, ...] = ()
    listed = ids.tolist()
    detailed = rows.copy(deep=False)
    at = [str(c) for c in rows.columns].index(
        str(rows.geometry.name)
    )  # before the geometry, as the columns always were
    detailed.insert(
        at, "mentions", pd.Series([said.get(i, empty) for i in listed], index=rows.index, dtype=object)
    )
    detailed.insert(
        at + 1, "places", pd.Series([where.get(i, no_places) for i in listed], index=rows.index, dtype=object)
    )
    return detailed


def item_rows(plan: PlanItems, *, details: bool = True) -> gpd.GeoDataFrame:
    """One row per (item, place), and one row for an item without a place (precision ``province``).

    Each row carries the item's fields, its place's codes, names, precision, evidence and point;
    ``source_doc`` and ``source_section`` list its mentions' documents and sections,
    ``source_sentence`` their sentences (for search). With ``details`` (the default) each row also
    holds every mention (``mentions``: a tuple of :class:`Mention`) and every place (``places``) of
    its item; without, :func:`with_details` adds them to the rows that need them later. This is
    what the map draws and the filters keep; counts of items count unique ``id``.
    """
    items = plan.items.drop(columns=["precision"])
    places = plan.places.rename(columns={"item_id": "id"})
    rows = items.merge(places, on="id", how="left", sort=False)
    rows = rows.fillna(_UNPLACED).fillna("")
    rows["source_doc"] = rows["docs"]
    rows["source_section"] = rows["sections"]
    sentences = joined_distinct(plan.mentions, "item_id", "sentence").reindex(rows["id"].astype(str))
    rows["source_sentence"] = pd.Series(sentences.fillna("").array, index=rows.index)
    for column in ("place_no", "place_count", "mention_count"):
        rows[column] = numbers(rows[column].astype(str), 0).astype(int)
    for column in ("lon", "lat"):
        rows[column] = numbers(rows[column].astype(str), np.nan)
    frame = placed_rows(rows[list(ROW_COLUMNS)].reset_index(drop=True))
    return with_details(frame, plan) if details else frame


def placed_rows(table: pd.DataFrame) -> gpd.GeoDataFrame:
    """Rows of :data:`ROW_COLUMNS` (numbers typed) as a frame with a point where ``lon`` and ``lat`` are."""
    x, y = table["lon"].to_numpy(float), table["lat"].to_numpy(float)
    placed = np.isfinite(x) & np.isfinite(y)
    geometry = np.full(len(table), None, dtype=object)
    geometry[placed] = shapely.points(x[placed], y[placed])
    return gpd.GeoDataFrame(table, geometry=geometry, crs="EPSG:4326")


def read_item_rows(
    folder: Path | str = ITEMS_DIR, *, max_mb: float | None = MAX_LOAD_MB, details: bool = True
) -> gpd.GeoDataFrame:
    """:func:`item_rows` of the plan items in ``folder`` (see :func:`read_plan_items`)."""
    return item_rows(read_plan_items(folder, max_mb=max_mb), details=details)


#: Place columns that :func:`items_of_rows` joins over an item's kept places.
_PLACE_TEXT_COLUMNS = (
    "place_zh",
    "prefecture_code",
    "prefecture_zh",
    "county_code",
    "county_zh",
    "precision",
    "evidence",
)


def _joined(ids: list[str], cells: list[object]) -> dict[str, str]:
    """Item id -> the distinct values of a place column over its rows, ``;``-joined, in order."""
    seen: dict[str, dict[str, None]] = {}
    for item, cell in zip(ids, cells, strict=True):
        seen.setdefault(item, {}).update(dict.fromkeys(split_multi(cell)))
    return {item: MULTI_SEPARATOR.join(values) for item, values in seen.items()}


def item_count(rows: pd.DataFrame) -> int:
    """How many items the rows hold (an item with several places counts once)."""
    return int(rows["id"].nunique())


def _drawn(rows: gpd.GeoDataFrame) -> np.ndarray:
    """True for each row with a point to draw."""
    geometry = rows.geometry
    return (~(geometry.isna() | geometry.is_empty)).to_numpy(dtype=bool)


def placed_item_count(rows: gpd.GeoDataFrame) -> int:
    """How many items have at least one drawn place among ``rows`` (no Python set of a million ids)."""
    return int(rows.loc[_drawn(rows), "id"].nunique())


def placed_item_ids(rows: gpd.GeoDataFrame) -> set[str]:
    """The ids of the items that have at least one drawn place among ``rows``."""
    return set(pd.unique(rows["id"].astype(str).to_numpy(dtype=object)[_drawn(rows)]))


def items_of_rows(rows: gpd.GeoDataFrame) -> pd.DataFrame:
    """One row per item of ``rows`` (item-place rows, filtered), in first-seen order.

    The item's fields come from its first row; the place columns list the distinct values over its
    kept rows (``;``-joined), ``kept_places`` says how many of its places the rows keep. No geometry.
    """
    columns = [c for c in rows.columns if c not in (rows.geometry.name, *OBJECT_COLUMNS)]
    table = pd.DataFrame(rows[columns])
    ids = table["id"]
    items = table.drop_duplicates("id", keep="first").set_index("id")
    several = ids.duplicated(keep=False)  # only items with several rows are joined (plain Python: fast)
    if several.any():
        multi_ids = ids[several].tolist()
        for column in (c for c in _PLACE_TEXT_COLUMNS if c in table.columns):
            joined = _joined(multi_ids, table.loc[several, column].tolist())
            items[column] = items[column].astype(object)
            items.loc[list(joined), column] = list(joined.values())
    placed = table["place_no"] > 0 if "place_no" in table else pd.Series(True, index=table.index)
    items["kept_places"] = placed.groupby(ids, sort=False).sum().astype(int)
    return items.reset_index()


def item_links(rows: pd.DataFrame) -> dict[str, str]:
    """Every id a link may name -> the item's id: the items' own ids and the record ids they replace.

    Links made before the plan items (``?item=sei-b20-12``) keep working: ``former_ids`` lists the
    old record ids each item took over.
    """
    links = {str(item): str(item) for item in rows["id"]}
    for item, former in zip(rows["id"], rows["former_ids"], strict=True):
        for old in split_multi(former):
            links.setdefault(old, str(item))
    return links
