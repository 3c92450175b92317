"""Build geodata/items/ (items.csv, places.csv, mentions.csv) from the hand-written curation.

The curation (geodata/items/curation/) names each thing of the plans once, with its places as the
plan writes them, and each passage that names it with its spans. This module checks it all
(:func:`cluster_map.build.curation.curation_problems`), resolves every place with the gazetteer,
puts each place's point at the representative point of its units (never finer than a county),
quotes the sentence of each mention, and writes the three tables. Run
``python -m cluster_map build-items``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from cluster_map.build.curation import (
    PLACE_SEPARATOR,
    Curation,
    curation_problems,
    parse_spans,
    read_item_curation,
)
from cluster_map.build.gazetteer import GAZETTEER_PATH, Gazetteer, Place, gazetteer_table
from cluster_map.core.boundaries import read_boundaries
from cluster_map.core.csv_input import read_csv_table
from cluster_map.core.csv_output import write_csv
from cluster_map.core.errors import ValidationFailed
from cluster_map.core.items import ITEM_COLUMNS, MENTION_COLUMNS, MULTI_SEPARATOR, PLACE_COLUMNS
from cluster_map.core.paths import ITEM_CURATION_DIR, ITEMS_DIR
from cluster_map.core.sources import sentence_around
from cluster_map.core.taxonomy import Taxonomy, load_taxonomy

__all__ = ["LEGACY_IDS_PATH", "build_items", "check_curation"]

COORDINATE_DECIMALS = 6
LEGACY_IDS_PATH = ITEM_CURATION_DIR / "legacy_ids.csv"
_PRECISION_ORDER = ("county", "prefecture", "multi_prefecture")


def legacy_ids(path: Path = LEGACY_IDS_PATH) -> set[str]:
    """The ids of the records before items (geodata/items/curation/legacy_ids.csv)."""
    table = read_csv_table(path, columns=("old_id",), schema="geodata/items/curation/README.md")
    return set(table["old_id"])


def _mention_rows(curation: Curation, texts: dict[str, str]) -> pd.DataFrame:
    rows = []
    for _, row in curation.mentions.iterrows():
        spans = parse_spans(row["spans"])
        text = texts[row["doc"]]
        rows.append(
            {
                "item_id": row["item_id"],
                "doc": row["doc"],
                "section": row["section"],
                "spans": MULTI_SEPARATOR.join(f"{s.start}-{s.end}" for s in spans),
                "text": "…".join(s.text for s in spans),
                "sentence": sentence_around(text, spans[0].start, spans[0].end),
                "_order": (row["doc"], spans[0].start),
            }
        )
    frame = pd.DataFrame(rows, columns=[*MENTION_COLUMNS, "_order"])
    frame = frame.sort_values(["item_id", "_order"], kind="stable")
    frame["mention_no"] = frame.groupby("item_id").cumcount() + 1
    return frame[list(MENTION_COLUMNS)].reset_index(drop=True)


def _sentences(curation: Curation, texts: dict[str, str]) -> dict[str, str]:
    """Item id -> the sentences of its mentions (for the place and quote checks)."""
    joined: dict[str, list[str]] = {}
    for _, row in curation.mentions.iterrows():
        try:
            span = parse_spans(row["spans"])[0]
            sentence = sentence_around(texts[row["doc"]], span.start, span.end)
        except (ValueError, KeyError):
            continue
        joined.setdefault(row["item_id"], []).append(sentence)
    return {item: "\n".join(parts) for item, parts in joined.items()}


def check_curation(
    *,
    curation_dir: Path = ITEM_CURATION_DIR,
    taxonomy: Taxonomy | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[str]:
    """Every problem of the curation (an empty list when it builds)."""
    taxonomy = taxonomy or load_taxonomy()
    gazetteer = gazetteer or Gazetteer.from_files()
    texts = {doc: taxonomy.document_text(doc) for doc in taxonomy.documents}
    curation = read_item_curation(curation_dir)
    return curation_problems(
        curation,
        texts=texts,
        sentences=_sentences(curation, texts),
        taxonomy=taxonomy,
        gazetteer=gazetteer,
        old_ids=legacy_ids(curation_dir / LEGACY_IDS_PATH.name),
    )


class _Placer:
    """Codes, names and points of resolved places, from the full-weight boundaries."""

    def __init__(self, prefectures: gpd.GeoDataFrame, counties: gpd.GeoDataFrame) -> None:
        frames = (prefectures, counties)
        self._geometry = {c: g for f in frames for c, g in zip(f["adcode"], f.geometry, strict=True)}
        self._name = {c: n for f in frames for c, n in zip(f["adcode"], f["name_zh"], strict=True)}

    def fields(self, place: Place) -> dict[str, object]:
        point = shapely.point_on_surface(shapely.union_all([self._geometry[u.adcode] for u in place.units]))
        counties = place.county_units if place.precision != "prefecture" else ()
        return {
            "prefecture_code": MULTI_SEPARATOR.join(place.prefecture_codes),
            "prefecture_zh": MULTI_SEPARATOR.join(self._name[c] for c in place.prefecture_codes),
            "county_code": MULTI_SEPARATOR.join(u.adcode for u in counties),
            "county_zh": MULTI_SEPARATOR.join(u.name_zh for u in counties),
            "precision": place.precision,
            "evidence": place.evidence,
            "basis": place.basis,
            "lon": round(point.x, COORDINATE_DECIMALS),
            "lat": round(point.y, COORDINATE_DECIMALS),
        }


def _place_rows(items: pd.DataFrame, gazetteer: Gazetteer, placer: _Placer) -> pd.DataFrame:
    rows = []
    for _, item in items.iterrows():
        places = [p.strip() for p in item["places"].split(PLACE_SEPARATOR) if p.strip()]
        for number, text in enumerate(places, start=1):
            fields = placer.fields(gazetteer.resolve(text))
            if item["place_evidence"]:
                fields["evidence"] = item["place_evidence"]
            rows.append({"item_id": item["id"], "place_no": number, "place_zh": text, **fields})
    return pd.DataFrame(rows, columns=list(PLACE_COLUMNS))


def _item_rows(items: pd.DataFrame, places: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    frame = items.drop(columns=["_file", "_line", "place_evidence"]).rename(columns={"places": "places_zh"})
    by_item = places.groupby("item_id")
    coarsest = by_item["precision"].agg(lambda p: max(p, key=_PRECISION_ORDER.index))
    frame["precision"] = frame["id"].map(coarsest).fillna("province")
    frame["place_count"] = frame["id"].map(by_item.size()).fillna(0).astype(int)
    said = mentions.groupby("item_id")
    frame["mention_count"] = frame["id"].map(said.size()).fillna(0).astype(int)
    frame["docs"] = frame["id"].map(said["doc"].agg(lambda d: MULTI_SEPARATOR.join(dict.fromkeys(d))))
    frame["sections"] = frame["id"].map(said["section"].agg(lambda s: MULTI_SEPARATOR.join(dict.fromkeys(s))))
    return frame.sort_values("id", kind="stable")[list(ITEM_COLUMNS)].reset_index(drop=True)


def build_items(
    *,
    curation_dir: Path = ITEM_CURATION_DIR,
    out_dir: Path = ITEMS_DIR,
    gazetteer_path: Path = GAZETTEER_PATH,
    taxonomy: Taxonomy | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> dict[str, pd.DataFrame]:
    """Check the curation, resolve every place and write items.csv, places.csv and mentions.csv.

    Returns
    -------
    The three tables written, by file stem.

    Raises
    ------
    ValidationFailed
        Listing every problem of the curation (nothing is written then).
    """
    taxonomy = taxonomy or load_taxonomy()
    prefectures, counties = read_boundaries("prefecture"), read_boundaries("county")
    write_csv(gazetteer_table(prefectures, counties), gazetteer_path)
    gazetteer = Gazetteer.from_files(table_path=gazetteer_path)
    problems = check_curation(curation_dir=curation_dir, taxonomy=taxonomy, gazetteer=gazetteer)
    if problems:
        raise ValidationFailed(problems)
    texts = {doc: taxonomy.document_text(doc) for doc in taxonomy.documents}
    curation = read_item_curation(curation_dir)
    mentions = _mention_rows(curation, texts)
    places = _place_rows(curation.items, gazetteer, _Placer(prefectures, counties))
    tables = {"items": _item_rows(curation.items, places, mentions), "places": places, "mentions": mentions}
    out_dir.mkdir(parents=True, exist_ok=True)
    for stem, table in tables.items():
        write_csv(table, out_dir / f"{stem}.csv")
        progress(f"wrote {out_dir / stem}.csv ({len(table)} rows)")
    return tables
