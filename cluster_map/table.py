"""The records as a table for people: labels in the chosen language, one column per question."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from .i18n import Lang, t
from .taxonomy import Taxonomy

__all__ = ["records_table", "unplaced_count"]


def unplaced_count(records: gpd.GeoDataFrame) -> int:
    """How many records the plan names without a place (listed, never drawn)."""
    geometry = records.geometry
    return int((geometry.isna() | geometry.is_empty).sum())


def records_table(records: pd.DataFrame, *, lang: Lang, taxonomy: Taxonomy) -> pd.DataFrame:
    """The records as plain text columns with headers and vocabulary in ``lang``.

    Parameters
    ----------
    records
        Records as :func:`cluster_map.records.read_records` returns (filtered).
    lang
        ``"zh"`` or ``"en"``.
    taxonomy
        Labels of kinds, sectors, levels, precisions and documents.

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
        t("subsector", lang): label("subsectors", "subsector"),
        t("field_level", lang): label("levels", "level"),
        t("prefecture", lang): records["prefecture_zh"].str.replace(";", "、"),
        t("county", lang): records["county_zh"].str.replace(";", "、"),
        t("field_precision", lang): label("precisions", "precision"),
        t("field_evidence", lang): label("evidences", "evidence"),
        t("doc", lang): records["source_doc"].map(lambda d: taxonomy.documents.get(d, {}).get(lang, d)),
        t("field_section", lang): records["source_section"],
        t("field_sentence", lang): records["source_sentence"],
        t("field_id", lang): records["id"],
    }
    return pd.DataFrame(columns).reset_index(drop=True)
