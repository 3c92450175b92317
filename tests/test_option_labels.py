"""Labels of the sidebar's filter options in both languages."""

from __future__ import annotations

import pytest

from cluster_map.core.catalog import Catalog, load_catalog
from cluster_map.core.taxonomy import Taxonomy, load_taxonomy
from cluster_map.ui.option_labels import option_labeller


@pytest.fixture(scope="module")
def sources() -> tuple[Catalog, Taxonomy]:
    return load_catalog(), load_taxonomy()


@pytest.mark.parametrize(
    "field, value, lang, expected",
    [
        ("sectors", "新能源", "en", "New energy"),
        ("kinds", "key_project", "zh", "重点项目"),
        ("kinds", "key_project", "en", "Key project"),
        ("levels", "国家级", "en", "National"),
        ("prefectures", "130100", "zh", "石家庄市"),
        ("prefectures", "130100", "en", "Shijiazhuang"),
        ("zones", "coastal", "zh", "沿海"),
        ("source_docs", "sti", "zh", "河北省科技创新“十四五”规划"),
        ("subsectors", "氢能", "en", "Hydrogen energy"),
        ("subsectors", "氢能", "zh", "氢能"),
        ("source_docs", "nope", "en", None),
        ("counties", "130203", "zh", "路北区（唐山市）"),
        ("counties", "130203", "en", "Lubei District (Tangshan)"),
        ("counties", "999999", "zh", None),
    ],
)
def test_labels(sources, field, value, lang, expected):
    catalog, taxonomy = sources
    assert option_labeller(field, catalog=catalog, taxonomy=taxonomy, lang=lang)(value) == expected
