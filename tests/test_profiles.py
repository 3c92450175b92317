"""Place profiles: the counts of a place are those of export with the same place filter."""

from __future__ import annotations

import pytest

from cluster_map.core.catalog import Catalog, load_catalog
from cluster_map.core.errors import UsageError
from cluster_map.core.filters import FilterChoices, FilterSpec, apply_filters
from cluster_map.core.items import item_count, read_item_rows, split_multi
from cluster_map.core.profiles import ProfilePlace, build_profile, find_profile_place
from cluster_map.core.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def rows():
    return read_item_rows()


@pytest.fixture(scope="module")
def choices(rows, catalog) -> FilterChoices:
    return FilterChoices.build(rows, catalog=catalog, taxonomy=load_taxonomy())


@pytest.mark.parametrize(
    ("value", "place", "field"),
    [
        ("唐山", ProfilePlace("prefecture", "130200"), "prefectures"),
        ("正定县", ProfilePlace("county", "130123"), "counties"),
        ("沿海", ProfilePlace("zone", "coastal"), "zones"),
    ],
)
def test_a_profile_counts_what_the_place_filter_keeps(rows, choices, catalog, value, place, field):
    assert find_profile_place(value, catalog) == place
    spec = FilterSpec(sectors=("新一代信息技术", "高端装备", "综合"))
    profile = build_profile(rows, place, spec, choices=choices)
    kept = apply_filters(rows, FilterSpec(sectors=spec.sectors, **{field: (place.code,)}), choices=choices)
    assert profile.item_count == item_count(kept) > 0
    assert sum(profile.counts["sector"].values()) == profile.item_count
    assert sum(profile.counts["kind"].values()) == profile.item_count
    assert set(profile.counts["sector"]) <= set(spec.sectors)  # the page's filter is respected


def test_a_profile_replaces_the_place_choices_of_the_filter(rows, choices):
    spec = FilterSpec(prefectures=("130100",))
    profile = build_profile(rows, ProfilePlace("prefecture", "130200"), spec, choices=choices)
    assert profile.spec.prefectures == ("130200",)
    assert all("130200" in split_multi(cell) for cell in profile.rows["prefecture_code"])


def test_an_unknown_place_is_a_usage_error_quoting_it(catalog):
    with pytest.raises(UsageError, match="'火星'"):
        find_profile_place("火星", catalog)
