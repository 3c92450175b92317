"""The plan items: geodata/items/ (items.csv, places.csv, mentions.csv), read and typed.

An item is one thing the plans name; it has zero or more places (places.csv, one row per place) and
one or more mentions (mentions.csv, one row per passage that names it). The schema is
geodata/items/README.md; ``python -m cluster_map build-items`` writes the files from the curation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cluster_map.core.csv_input import MAX_LOAD_MB, read_csv_table
from cluster_map.core.paths import ITEMS_DIR

__all__ = [
    "ITEM_COLUMNS",
    "MENTION_COLUMNS",
    "MULTI_SEPARATOR",
    "PLACE_COLUMNS",
    "SCHEMA_DOC",
    "PlanItems",
    "read_plan_items",
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
