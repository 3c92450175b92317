"""The records as a table for people: labels in the chosen language, one column per question."""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import pandas as pd

from cluster_map.core.i18n import Lang, t
from cluster_map.core.items import split_multi
from cluster_map.core.taxonomy import Taxonomy

__all__ = ["records_table", "unplaced_count"]


def unplaced_count(records: gpd.GeoDataFrame) -> int:
    """How many records the plan names without a place (listed, never drawn)."""
    geometry = records.geometry
    return int((geometry.isna() | geometry.is_empty).sum())


def _unit_names(codes: pd.Series, names_zh: pd.Series, names: Mapping[str, str] | None) -> pd.Series:
    """``;``-joined units as ``、``-joined names, translated by ``names`` (code -> name) when given."""

    def one(code_cell: str, zh_cell: str) -> str:
        pairs = zip(split_multi(code_cell), split_multi(zh_cell), strict=False)  # a name may be missing
        return "、".join((names or {}).get(code, zh) for code, zh in pairs)

    return pd.Series(
        [one(c, z) for c, z in zip(codes, names_zh, strict=True)], index=codes.index, dtype=object
    )


def records_table(
    records: pd.DataFrame, *, lang: Lang, taxonomy: Taxonomy, unit_names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The records as plain text columns with headers and vocabulary in ``lang``.

    Parameters
    ----------
    records
        Records as :func:`cluster_map.core.records.read_records` returns (filtered).
    lang
        ``"zh"`` or ``"en"``.
    taxonomy
        Labels of kinds, sectors, levels, precisions and documents.
    unit_names
        Admin code -> name in ``lang`` (prefectures and counties); Chinese names when not given.

    Returns
    -------
    One row per record, in the records' order; the name in ``lang`` comes first.
    """
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
            lambda d: taxonomy.documents.get(d, {}).get(lang, d)
        ),
        t("field_section", lang): records["source_section"],
        t("field_sentence", lang): records["source_sentence"],
        t("field_id", lang): records["id"],
    }
    return pd.DataFrame(columns).reset_index(drop=True)
