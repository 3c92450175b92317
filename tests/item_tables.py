"""Plan items for tests, written from one flat table (one row per item and place), by code.

Tests describe their cases as flat rows with the columns the app's rows have (``id``, ``kind``,
``name_zh``, ``prefecture_code``, ``lon`` ... and one mention: ``source_doc``, ``source_section``,
``source_start``, ``source_end``, ``source_sentence``). :func:`plan_items_from_rows` splits them into
the three tables of geodata/items/ (rows sharing an ``id`` are one item with several places);
:func:`write_items_folder` writes them as a folder the app, the CLI and validate read.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from cluster_map.core.items import ITEM_COLUMNS, MENTION_COLUMNS, PLACE_COLUMNS, PlanItems, item_rows

__all__ = ["plan_items_from_rows", "rows_frame", "write_items_folder"]

_PRECISION_ORDER = ("province", "county", "prefecture", "multi_prefecture")


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _get(row: pd.Series, column: str, default: str = "") -> str:
    return _text(row[column]) if column in row.index else default


def _item(group: pd.DataFrame) -> dict[str, str]:
    first = group.iloc[0]
    placed = group[group.get("precision", pd.Series("", index=group.index)).astype(str) != "province"]
    precisions = [p for p in group.get("precision", pd.Series(dtype=str)).astype(str) if p]
    item = {c: "" for c in ITEM_COLUMNS}
    for column in (
        "id",
        "kind",
        "name_zh",
        "name_en",
        "sector",
        "subsector",
        "level",
        "status",
        "former_ids",
    ):
        item[column] = _get(first, column)
    item["level_quote"] = _get(first, "level_quote", item["level"])
    item["status_quote"] = _get(first, "status_quote")
    item["note_en"] = _get(first, "note_en", _get(first, "note"))
    item["note_zh"] = _get(first, "note_zh")
    item["places_zh"] = ";".join(_get(r, "place_zh") for _, r in placed.iterrows())
    item["precision"] = max(precisions or ["province"], key=_PRECISION_ORDER.index)
    item["place_count"] = str(len(placed))
    item["mention_count"] = "1"
    item["docs"] = _get(first, "source_doc", "sei")
    item["sections"] = _get(first, "source_section")
    return item


def plan_items_from_rows(rows: pd.DataFrame) -> PlanItems:
    """The three tables of geodata/items/ (as text) from flat rows, one mention per item."""
    items, places, mentions = [], [], []
    for item_id, group in rows.groupby(rows["id"].astype(str), sort=False):
        items.append(_item(group))
        first = group.iloc[0]
        start = int(float(_get(first, "source_start", "0") or 0))
        end = int(float(_get(first, "source_end", str(start + len(_get(first, "name_zh")))) or 0))
        sentence = _get(first, "source_sentence") or f"规划原文句子，提到{_get(first, 'name_zh')}。"
        mentions.append(
            {
                "item_id": item_id,
                "mention_no": "1",
                "doc": _get(first, "source_doc", "sei"),
                "section": _get(first, "source_section"),
                "spans": f"{start}-{end}",
                "text": _get(first, "name_zh"),
                "sentence": sentence,
            }
        )
        number = 0
        for _, row in group.iterrows():
            if _get(row, "precision", "province") == "province":
                continue
            number += 1
            place = {c: _get(row, c) for c in PLACE_COLUMNS if c in row.index}
            places.append(
                {**{c: "" for c in PLACE_COLUMNS}, **place, "item_id": item_id, "place_no": str(number)}
            )
    return PlanItems(
        items=pd.DataFrame(items, columns=list(ITEM_COLUMNS)),
        places=pd.DataFrame(places, columns=list(PLACE_COLUMNS)),
        mentions=pd.DataFrame(mentions, columns=list(MENTION_COLUMNS)),
    )


def write_items_folder(folder: Path, rows: pd.DataFrame) -> Path:
    """``rows`` (see the module docstring) as items.csv, places.csv and mentions.csv in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    plan = plan_items_from_rows(rows)
    for stem in ("items", "places", "mentions"):
        getattr(plan, stem).to_csv(folder / f"{stem}.csv", index=False, encoding="utf-8")
    return folder


def rows_frame(rows: pd.DataFrame):
    """The app's rows (:func:`cluster_map.core.items.item_rows`) of flat test rows."""
    plan = plan_items_from_rows(rows)
    return item_rows(PlanItems(*(t.astype(str) for t in (plan.items, plan.places, plan.mentions))))
