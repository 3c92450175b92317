"""Facet counts: for each value of a filter field, how many items the filter would keep with it.

Rows are item-place pairs; an item with several places in one prefecture counts once there.

A field's counts apply every other field of the spec but not the field itself, so the sidebar can
show "新能源 (32)" next to each choice while some sectors are already chosen.
"""

from __future__ import annotations

from collections import defaultdict

import geopandas as gpd

from cluster_map.core.catalog import UNIT_COLUMNS
from cluster_map.core.errors import UsageError
from cluster_map.core.filter_index import FilterIndex
from cluster_map.core.filters import FilterChoices, FilterSpec, filter_mask
from cluster_map.core.items import split_multi

__all__ = ["facet_counts"]


def facet_counts(
    records: gpd.GeoDataFrame,
    spec: FilterSpec,
    *,
    choices: FilterChoices,
    field: str,
    index: FilterIndex | None = None,
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
    index
        The records' :class:`~cluster_map.core.filter_index.FilterIndex` (built once): the same
        counts from value codes, fast for a million rows.

    Returns
    -------
    Value -> count (values that keep nothing are absent).
    """
    facet = choices.field(field)
    if not facet.multiple:
        faceted = [f.name for f in choices.fields if f.multiple]
        raise UsageError(f"field {field!r} has no facet; use one of {faceted}")
    if index is not None:
        return index.counts(spec, field)
    kept = filter_mask(records, spec.without(field), choices=choices)  # a mask: no copy of the records
    ids = records.loc[kept, "id"]
    if facet.match == "zone":
        units = records.loc[kept, list(UNIT_COLUMNS.values())]
        values = [set(zones) for zones in choices.catalog.record_zones(units)]
    elif facet.match == "codes":
        values = [set(split_multi(cell)) for cell in records.loc[kept, facet.columns[0]]]
    else:
        values = [{value} for value in records.loc[kept, facet.columns[0]]]
    items: dict[str, set[str]] = defaultdict(set)  # value -> the items it keeps (counted once each)
    for item, found in zip(ids, values, strict=True):
        for value in found:
            items[value].add(item)
    return {value: len(kept_items) for value, kept_items in items.items()}
