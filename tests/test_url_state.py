"""The page state in the URL: round trip, defaults left out, unknown values reported."""

from __future__ import annotations

import pytest

from cluster_map.core.catalog import AdminUnit, Catalog, Zone
from cluster_map.core.filters import FilterChoices, FilterSpec
from cluster_map.ui.url_state import CHOROPLETH_ALL, PageState, read_url, write_url
from cluster_map.web.basemap_specs import DEFAULT_BASEMAP

CHOICES = FilterChoices(
    values={
        "sectors": ("新能源", "生物"),
        "subsectors": ("氢能",),
        "kinds": ("key_project", "platform"),
        "levels": ("国家级",),
        "source_docs": ("sei", "sti"),
    },
    catalog=Catalog(
        units=(AdminUnit("130100", "石家庄市", "Shijiazhuang", "prefecture"),),
        zones=(Zone("coastal", "沿海", "Coastal", "prefecture", ("130300", "130200", "130900")),),
    ),
)
BASEMAPS = [DEFAULT_BASEMAP, "osm", "amap"]


@pytest.mark.parametrize(
    "state",
    [
        PageState(),
        PageState(FilterSpec(sectors=("新能源",), kinds=("key_project",)), "en", "amap", "生物"),
        PageState(FilterSpec(prefectures=("130100",), search="氢"), "zh", "osm", ""),
        PageState(FilterSpec(), "zh", DEFAULT_BASEMAP, CHOROPLETH_ALL, "sei-1"),
    ],
)
def test_round_trip(state):
    assert read_url(write_url(state), choices=CHOICES, basemaps=BASEMAPS, items={"sei-1"}) == (state, [])


def test_defaults_are_left_out():
    assert write_url(PageState()) == {}
    assert write_url(PageState(FilterSpec(sectors=("生物",)))) == {"sector": ["生物"]}


def test_unknown_values_are_reported_and_dropped():
    params = {"sector": ["新能源", "火星"], "basemap": ["google"], "choropleth": ["x"], "lang": ["fr"]}
    state, problems = read_url(params, choices=CHOICES, basemaps=BASEMAPS)
    assert state == PageState(FilterSpec(sectors=("新能源",)))
    assert [(p.key, p.value) for p in problems] == [
        ("sector", "火星"),
        ("lang", "fr"),
        ("basemap", "google"),
        ("choropleth", "x"),
    ]
    assert "basemap='google' is not a known value; use one of: none, osm, amap" in map(str, problems)


def test_unknown_item_is_reported() -> None:
    state, problems = read_url({"item": ["nope"]}, choices=CHOICES, basemaps=BASEMAPS, items={"sei-1"})
    assert state.item == "" and [(p.key, p.value) for p in problems] == [("item", "nope")]


@pytest.mark.parametrize(
    ("value", "lang", "problem"),
    [
        ("fr", "zh", "lang='fr' is not a known value; use one of: zh, en"),
        ("zh-CN", "zh", "lang='zh-cn' is not a known value; use one of: zh, en"),
        ("EN", "en", None),
        ("zh", "zh", None),
        ("", "zh", None),
    ],
)
def test_an_unknown_lang_is_reported_and_chinese_kept(value: str, lang: str, problem: str | None) -> None:
    state, problems = read_url({"lang": [value]}, choices=CHOICES, basemaps=BASEMAPS)
    assert state.lang == lang
    assert [str(p) for p in problems] == ([] if problem is None else [problem])


def test_the_page_state_needs_no_folium() -> None:
    """url_state and the option labels read the folium-free registries (base maps, catalog, fields)."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys, cluster_map.ui.url_state, cluster_map.ui.option_labels, cluster_map.core.facets; "
        "print(sorted(m for m in ('folium', 'streamlit', 'branca') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert result.stdout.strip() == "[]"
