"""The join's findings in words (Chinese or English), for the page and the command line."""

from __future__ import annotations

import pandas as pd

from cluster_map.core.i18n import Lang, t
from cluster_map.own.checks import CoordinateCheck

__all__ = ["check_text", "summary_text", "unmapped_text", "unmapped_values"]

_SHOWN_VALUES = 12


def check_text(check: CoordinateCheck, lang: Lang) -> str:
    """One finding as a sentence."""
    rows = ", ".join(map(str, check.examples))
    system = t(f"own_system_{check.suggestion}", lang) if check.kind == "offset" else ""
    return t(
        f"own_check_{check.kind}", lang, count=check.count, rows=rows, detail=check.detail, system=system
    )


def summary_text(rows: pd.DataFrame, lang: Lang) -> str:
    """How many rows were placed by coordinates, by address, and not at all."""
    by = rows["cm_placed_by"]
    return t(
        "own_summary",
        lang,
        rows=len(rows),
        by_points=int((by == "coordinates").sum()),
        by_address=int((by == "address").sum()),
        unplaced=int((by == "").sum()),
    )


def unmapped_values(rows: pd.DataFrame, industry: str) -> list[str]:
    """The industry values that got no sector, most frequent first."""
    if not industry:
        return []
    values = rows.loc[(rows["cm_sector"] == "") & (rows[industry].str.strip() != ""), industry].str.strip()
    return values.value_counts().index.tolist()


def unmapped_text(rows: pd.DataFrame, industry: str, lang: Lang) -> str:
    """The unmapped values in a sentence ("" when every value has a sector)."""
    values = unmapped_values(rows, industry)
    if not values:
        return ""
    shown = "、".join(values[:_SHOWN_VALUES]) + ("…" if len(values) > _SHOWN_VALUES else "")
    return t("own_unmapped", lang, count=len(values), values=shown)
