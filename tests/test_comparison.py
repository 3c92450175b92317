"""Comparisons: the sector x unit matrix and places side by side count what profiles count."""

from __future__ import annotations

import pytest

from cluster_map.core.catalog import Catalog, load_catalog
from cluster_map.core.comparison import MAX_COMPARED, TOTAL_ROW, compare_places, sector_matrix
from cluster_map.core.errors import UsageError
from cluster_map.core.filters import FilterChoices, FilterSpec, apply_filters
from cluster_map.core.items import split_multi
from cluster_map.core.profiles import ProfilePlace, build_profile
from cluster_map.core.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def rows():
    from cluster_map.core.items import read_item_rows

    return read_item_rows()


@pytest.fixture(scope="module")
def choices(rows, catalog) -> FilterChoices:
    return FilterChoices.build(rows, catalog=catalog, taxonomy=load_taxonomy())


def _pairs(rows, column: str) -> set[tuple[str, str]]:
    return {
        (str(i), code) for i, cell in zip(rows["id"], rows[column], strict=True) for code in split_multi(cell)
    }


def test_the_matrix_sums_to_the_item_prefecture_pairs(rows, catalog):
    matrix = sector_matrix(rows, catalog=catalog)
    assert list(matrix.columns) == [u.code for u in catalog.units if u.level == "prefecture"]
    assert int(matrix.to_numpy().sum()) == len(_pairs(rows, "prefecture_code"))
    totals = matrix.sum(axis=1).tolist()
    assert totals == sorted(totals, reverse=True)  # most items first


@pytest.mark.parametrize(
    "spec", [FilterSpec(), FilterSpec(kinds=("key_project",)), FilterSpec(search="基地")]
)
def test_a_matrix_column_is_the_profile_of_that_prefecture(rows, catalog, choices, spec):
    filtered = apply_filters(rows, spec, choices=choices)
    matrix = sector_matrix(filtered, catalog=catalog)
    for code in ("130100", "130200", "130600"):
        profile = build_profile(rows, ProfilePlace("prefecture", code), spec, choices=choices)
        column = {s: int(n) for s, n in matrix[code].items() if n}
        assert column == profile.counts["sector"], code


def test_the_county_matrix_of_one_prefecture(rows, catalog, choices):
    matrix = sector_matrix(rows, catalog=catalog, level="county", within="130200")
    assert {catalog.unit(code).parent for code in matrix.columns} == {"130200"}
    county_pairs = {(i, c) for i, c in _pairs(rows, "county_code") if c in set(matrix.columns)}
    assert int(matrix.to_numpy().sum()) == len(county_pairs) > 0
    profile = build_profile(rows, ProfilePlace("prefecture", "130200"), FilterSpec(), choices=choices)
    assert dict(matrix.sum().loc[lambda s: s > 0]) == profile.counties


def test_an_empty_filter_gives_an_empty_matrix_with_every_column(rows, catalog):
    matrix = sector_matrix(rows.iloc[:0], catalog=catalog)
    assert matrix.empty and len(matrix.columns) == 11


def test_a_county_matrix_needs_a_prefecture(rows, catalog):
    with pytest.raises(UsageError, match="'130203'"):
        sector_matrix(rows, catalog=catalog, level="county", within="130203")


def test_places_side_by_side_are_their_profiles(rows, choices):
    places = [
        ProfilePlace("prefecture", "130200"),
        ProfilePlace("county", "130123"),
        ProfilePlace("zone", "coastal"),
    ]
    spec = FilterSpec(sectors=("新材料", "高端装备", "新能源"))
    table, profiles = compare_places(rows, places, spec, choices=choices)
    assert list(table.columns) == ["130200", "130123", "coastal"]
    assert table.index[0] == TOTAL_ROW
    for profile in profiles:
        column = table[profile.place.code]
        assert column[TOTAL_ROW] == profile.item_count
        for field in ("sector", "kind", "level"):
            assert int(column.loc[field].sum()) == profile.item_count
            assert {v: int(n) for v, n in column.loc[field].items() if n} == profile.counts[field]
    assert set(table.loc["sector"].index) <= set(spec.sectors)


def test_at_most_five_places_are_compared(rows, choices):
    six = [ProfilePlace("prefecture", f"13{n:02d}00") for n in range(1, 7)]
    with pytest.raises(UsageError, match=f"1 to {MAX_COMPARED} places, not 6 .130100"):
        compare_places(rows, six, FilterSpec(), choices=choices)
    with pytest.raises(UsageError, match="not 0"):
        compare_places(rows, [], FilterSpec(), choices=choices)
    table, _ = compare_places(rows, six[:1] * 3, FilterSpec(), choices=choices)
    assert list(table.columns) == ["130100"]  # a place given twice is compared once


def test_items_at_prefecture_level_are_counted_beside_the_county_matrix(rows, catalog, choices):
    from cluster_map.core.comparison import prefecture_only_items

    profile = build_profile(rows, ProfilePlace("prefecture", "130200"), FilterSpec(), choices=choices)
    matrix = sector_matrix(rows, catalog=catalog, level="county", within="130200")
    in_counties = set(profile.rows.loc[profile.rows["county_code"] != "", "id"])
    assert prefecture_only_items(rows, "130200", catalog=catalog) == profile.item_count - len(in_counties) > 0
    assert len(in_counties) <= int(matrix.to_numpy().sum())


def test_a_place_filter_keeps_only_its_units_as_columns(rows, catalog, choices):
    spec = FilterSpec(prefectures=("130200",))
    filtered = apply_filters(rows, spec, choices=choices)
    matrix = sector_matrix(filtered, catalog=catalog, only=spec.prefectures)
    profile = build_profile(rows, ProfilePlace("prefecture", "130200"), FilterSpec(), choices=choices)
    assert list(matrix.columns) == ["130200"] and int(matrix.to_numpy().sum()) == profile.item_count
