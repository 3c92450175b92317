"""FilterIndex: masks and facet counts from value codes equal the row-by-row filter and facets."""

from __future__ import annotations

import pandas as pd
import pytest
import shapely

from cluster_map.core.catalog import load_catalog
from cluster_map.core.facets import facet_counts
from cluster_map.core.filter_index import FilterIndex
from cluster_map.core.filters import FilterChoices, FilterSpec, filter_mask
from cluster_map.core.items import read_item_rows
from cluster_map.core.taxonomy import load_taxonomy

SPECS = [
    FilterSpec(),
    FilterSpec(sectors=("新能源",)),
    FilterSpec(prefectures=("130200",), kinds=("key_project",)),
    FilterSpec(zones=("xiongan",)),
    FilterSpec(zones=("coastal",), sectors=("生物", "新能源")),
    FilterSpec(search="基地"),
    FilterSpec(source_docs=("sti",), levels=("国家级",)),
    FilterSpec(counties=("130203", "131024"), search="产业"),
]


@pytest.fixture(scope="module")
def seed() -> tuple[pd.DataFrame, FilterChoices, FilterIndex]:
    rows = read_item_rows()
    choices = FilterChoices.build(rows, catalog=load_catalog(), taxonomy=load_taxonomy())
    return rows, choices, FilterIndex.build(rows, choices=choices)


@pytest.mark.parametrize("spec", SPECS, ids=repr)
def test_the_mask_is_the_filters_mask(seed, spec: FilterSpec) -> None:
    rows, choices, index = seed
    assert (index.mask(spec) == filter_mask(rows, spec, choices=choices).to_numpy()).all()


@pytest.mark.parametrize("spec", SPECS, ids=repr)
def test_every_facet_is_the_row_by_row_facet(seed, spec: FilterSpec) -> None:
    rows, choices, index = seed
    fast = index.all_counts(spec)
    for field in (f.name for f in choices.fields if f.multiple):
        assert fast[field] == facet_counts(rows, spec, choices=choices, field=field), field
        assert facet_counts(rows, spec, choices=choices, field=field, index=index) == fast[field]


def test_items_with_several_rows_count_once_and_multi_codes_split(seed) -> None:
    rows, choices, _ = seed
    two = rows.iloc[:3].copy()
    two["id"] = ["a", "a", "b"]  # item a has two rows in the same prefecture
    two["prefecture_code"] = ["130200", "130200;130300", "130300"]
    two["sector"] = ["新能源", "新能源", "生物"]
    two = two.set_geometry([shapely.Point(118, 39)] * 3)
    index = FilterIndex.build(two, choices=choices)
    counts = index.counts(FilterSpec(), "prefectures")
    assert counts == {"130200": 1, "130300": 2}
    assert counts == facet_counts(two, FilterSpec(), choices=choices, field="prefectures")
    assert index.mask(FilterSpec(prefectures=("130300",))).tolist() == [False, True, True]
