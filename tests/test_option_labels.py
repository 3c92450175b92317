"""Labels of the sidebar's filter options in both languages."""

from __future__ import annotations

import pytest
from map_records import make_map_context

from cluster_map.ui.option_labels import option_labeller


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    return make_map_context(tmp_path_factory.mktemp("static"))  # the catalog and taxonomy the map reads


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
def test_labels(context, field, value, lang, expected):
    labeller = option_labeller(field, catalog=context.catalog, taxonomy=context.taxonomy, lang=lang)
    assert labeller(value) == expected
