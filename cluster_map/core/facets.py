"""Facet counts: for each value of a filter field, how many records the filter would keep with it.

A field's counts apply every other field of the spec but not the field itself, so the sidebar can
show "新能源 (32)" next to each choice while some sectors are already chosen.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import geopandas as gpd

from cluster_map.core.errors import UsageError
from cluster_map.core.filters import FilterChoices, FilterSpec, filter_mask
from cluster_map.core.records import split_multi

__all__ = ["FACET_COLUMNS", "facet_counts"]

#: Spec field -> the record column it filters on (zones go through their member units).
FACET_COLUMNS: dict[str, str] = {
    "sectors": "sector",
    "subsectors": "subsector",
    "kinds": "kind",
    "levels": "level",
    "prefectures": "prefecture_code",
    "counties": "county_code",
    "zones": "",
    "source_docs": "source_doc",
}


def _zone_counts(records: gpd.GeoDataFrame, choices: FilterChoices) -> Counter[str]:
    counts: Counter[str] = Counter()
    for prefectures, counties in zip(records["prefecture_code"], records["county_code"]):
        codes = set(split_multi(prefectures)) | set(split_multi(counties))
        counts.update(zone for zone, members in choices.zone_members.items() if codes & set(members))
    return counts


def facet_counts(
    records: gpd.GeoDataFrame, spec: FilterSpec, *, choices: FilterChoices, field: str
) -> dict[str, int]:
    """How many records each value of ``field`` would keep, the other fields applied.

    Parameters
    ----------
    records
        All records.
    spec
        The current filter.
    choices
        The values that exist (and the zones' members).
    field
        A key of :data:`FACET_COLUMNS`.

    Returns
    -------
    Value -> count (values that keep nothing are absent).
    """
    if field not in FACET_COLUMNS:
        raise UsageError(f"field {field!r} has no facet; use one of {list(FACET_COLUMNS)}")
    others = filter_mask(records, replace(spec, **{field: ()}), choices=choices)
    if field == "zones":
        return dict(_zone_counts(records[others], choices))
    counts: Counter[str] = Counter()
    for cell in records.loc[others, FACET_COLUMNS[field]]:
        counts.update(set(split_multi(cell)) if field in ("prefectures", "counties") else [cell])
    return dict(counts)
