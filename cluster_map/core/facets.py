"""Facet counts: for each value of a filter field, how many records the filter would keep with it.

A field's counts apply every other field of the spec but not the field itself, so the sidebar can
show "新能源 (32)" next to each choice while some sectors are already chosen.
"""

from __future__ import annotations

from collections import Counter

import geopandas as gpd

from cluster_map.core.catalog import UNIT_COLUMNS
from cluster_map.core.errors import UsageError
from cluster_map.core.filters import FilterChoices, FilterSpec, filter_mask
from cluster_map.core.items import split_multi

__all__ = ["facet_counts"]


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
        The values that exist, the registry of fields and the catalog (the zones' members).
    field
        A field of ``choices.fields`` that holds values (every one but the free text).

    Returns
    -------
    Value -> count (values that keep nothing are absent).
    """
    facet = choices.field(field)
    if not facet.multiple:
        faceted = [f.name for f in choices.fields if f.multiple]
        raise UsageError(f"field {field!r} has no facet; use one of {faceted}")
    kept = filter_mask(records, spec.without(field), choices=choices)  # a mask: no copy of the records
    counts: Counter[str] = Counter()
    if facet.match == "zone":
        units = records.loc[kept, list(UNIT_COLUMNS.values())]
        for zones in choices.catalog.record_zones(units):
            counts.update(zones)
    elif facet.match == "codes":
        for cell in records.loc[kept, facet.columns[0]]:
            counts.update(set(split_multi(cell)))
    else:
        counts.update(records.loc[kept, facet.columns[0]])
    return dict(counts)
