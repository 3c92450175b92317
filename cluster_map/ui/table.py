"""The plan items as a table for people: one row per item, labels in the chosen language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import geopandas as gpd
import pandas as pd

from cluster_map.core.i18n import Lang, t
from cluster_map.core.items import Mention, items_of_rows, placed_item_count, split_multi
from cluster_map.core.taxonomy import Taxonomy

__all__ = ["READ_COLUMN", "reader_link", "records_table", "unplaced_count"]

#: The key of the table column that links each item to its first passage in the plan reader.
READ_COLUMN = "field_read"


def unplaced_count(records: gpd.GeoDataFrame) -> int:
    """How many items of the rows have no drawn place (listed, never drawn)."""
    return int(records["id"].nunique()) - placed_item_count(records)


def _unit_names(codes: pd.Series, names_zh: pd.Series, names: Mapping[str, str] | None) -> pd.Series:
    """``;``-joined units as ``、``-joined names, translated by ``names`` (code -> name) when given."""

    def one(code_cell: str, zh_cell: str) -> str:
        pairs = zip(split_multi(code_cell), split_multi(zh_cell), strict=False)  # a name may be missing
        return "、".join((names or {}).get(code, zh) for code, zh in pairs)

    return pd.Series(
        [one(c, z) for c, z in zip(codes, names_zh, strict=True)], index=codes.index, dtype=object
    )


def reader_link(mentions: Sequence[Mention] | None, lang: Lang) -> str:
    """The reader's URL at the item's first passage (relative to the map page), or "" without one."""
    first = next(iter(mentions or ()), None)
    if first is None or not first.spans:
        return ""
    return f"reader?doc={first.doc}&at={first.spans[0][0]}" + ("&lang=en" if lang == "en" else "")


def records_table(
    rows: gpd.GeoDataFrame, *, lang: Lang, taxonomy: Taxonomy, unit_names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The items of the rows as plain text columns with headers and vocabulary in ``lang``.

    Parameters
    ----------
    rows
        Item-place rows as :func:`cluster_map.core.items.read_item_rows` returns (filtered); an
        item with several kept places is one row listing them.
    lang
        ``"zh"`` or ``"en"``.
    taxonomy
        Labels of kinds, sectors, levels, precisions and documents.
    unit_names
        Admin code -> name in ``lang`` (prefectures and counties); Chinese names when not given.

    Returns
    -------
    One row per item, in the rows' order; the name in ``lang`` comes first.
    """
    records = items_of_rows(rows)
    said = dict(zip(rows["id"], rows["mentions"], strict=True))
    documents = taxonomy.documents
    first, second = ("name_en", "name_zh") if lang == "en" else ("name_zh", "name_en")

    def label(vocabulary: str, column: str) -> pd.Series:
        return records[column].map(lambda v: taxonomy.label(vocabulary, v, lang=lang) if v else "")

    columns = {
        t("field_name", lang): records[first],
        t("field_name_other", lang): records[second],
        t("field_kind", lang): label("kinds", "kind"),
        t("field_sector", lang): label("sectors", "sector"),
        t("field_subsector", lang): label("subsectors", "subsector"),
        t("field_level", lang): label("levels", "level"),
        t("field_prefecture", lang): _unit_names(
            records["prefecture_code"], records["prefecture_zh"], unit_names
        ),
        t("field_county", lang): _unit_names(records["county_code"], records["county_zh"], unit_names),
        t("field_precision", lang): label("precisions", "precision"),
        t("field_evidence", lang): label("evidences", "evidence"),
        t("field_source_doc", lang): records["source_doc"].map(
            lambda cell: "、".join(documents.get(d, {}).get(lang, d) for d in split_multi(cell))
        ),
        t("field_section", lang): records["source_section"].str.replace(";", "、", regex=False),
        t("field_sentence", lang): records["source_sentence"],
        t("field_id", lang): records["id"],
        t(READ_COLUMN, lang): records["id"].map(lambda i: reader_link(said.get(i), lang)),
    }
    return pd.DataFrame(columns).reset_index(drop=True)
