"""Facet counts: each field's counts apply the other fields only."""

from __future__ import annotations

import pandas as pd
import pytest
from map_records import records_frame

from cluster_map.core.catalog import AdminUnit, Catalog, Zone
from cluster_map.core.facets import facet_counts
from cluster_map.core.filters import FilterChoices, FilterSpec


@pytest.fixture(scope="module")
def choices() -> FilterChoices:
    prefectures = [
        AdminUnit(code, name, "", "prefecture")
        for code, name in zip(["130100", "130200", "130400", "130600", "131000"], "甲乙丙丁戊", strict=True)
    ]
    coastal = Zone("coastal", "沿海", "Coastal", "prefecture", ("130300", "130200", "130900"))
    return FilterChoices(
        values={
            "sectors": ("新能源", "高端装备", "生物", "综合", "新一代信息技术", "新材料"),
            "kinds": (
                "key_project",
                "industrial_base",
                "demonstration_base",
                "leading_area",
                "development_zone",
                "platform",
            ),
            "levels": ("国家级", "省级"),
            "source_docs": ("sei", "sti"),
        },
        catalog=Catalog(units=tuple(prefectures), zones=(coastal,)),
    )


@pytest.mark.parametrize(
    ("spec", "field", "expected"),
    [
        (
            FilterSpec(),
            "sectors",
            {"新能源": 2, "高端装备": 1, "生物": 1, "综合": 2, "新一代信息技术": 1, "新材料": 1},
        ),
        (
            FilterSpec(sectors=("新能源",)),
            "sectors",
            {"新能源": 2, "高端装备": 1, "生物": 1, "综合": 2, "新一代信息技术": 1, "新材料": 1},
        ),
        (FilterSpec(sectors=("新能源",)), "kinds", {"key_project": 2}),
        (FilterSpec(kinds=("platform",)), "source_docs", {"sei": 1, "sti": 1}),
        (FilterSpec(), "levels", {"": 6, "国家级": 1, "省级": 1}),
        (FilterSpec(), "prefectures", {"130200": 2, "130100": 2, "130600": 3, "131000": 1, "130400": 1}),
        (FilterSpec(), "zones", {"coastal": 2}),
    ],
)
def test_counts(choices: FilterChoices, spec: FilterSpec, field: str, expected: dict) -> None:
    assert facet_counts(records_frame(), spec, choices=choices, field=field) == expected


def test_unknown_field(choices: FilterChoices) -> None:
    with pytest.raises(ValueError, match="'search' has no facet"):
        facet_counts(records_frame(), FilterSpec(), choices=choices, field="search")


def test_an_item_with_two_places_counts_once_per_value(choices: FilterChoices) -> None:
    """Counts are of items: t-1 at two places of 唐山 is one item there, and one of its sector."""
    rows = records_frame()
    second = rows[rows["id"] == "t-1"].copy()
    second["place_no"] = 2
    both = pd.concat([rows, second], ignore_index=True)
    one = facet_counts(rows, FilterSpec(), choices=choices, field="prefectures")
    two = facet_counts(both, FilterSpec(), choices=choices, field="prefectures")
    assert two == one
    sectors = {
        name: facet_counts(r, FilterSpec(), choices=choices, field="sectors")
        for name, r in [("one", rows), ("two", both)]
    }
    assert sectors["two"] == sectors["one"]
    assert len(both) == len(rows) + 1
