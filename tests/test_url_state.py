"""The page state in the URL: round trip, defaults left out, unknown values reported."""

from __future__ import annotations

import pytest

from cluster_map.basemaps import DEFAULT_BASEMAP
from cluster_map.filters import FilterChoices, FilterSpec
from cluster_map.url_state import PageState, read_url, write_url

CHOICES = FilterChoices(
    sectors=("新能源", "生物"),
    subsectors=("氢能",),
    kinds=("key_project", "platform"),
    levels=("国家级",),
    prefectures={"130100": "石家庄市"},
    zones={"coastal": "沿海"},
    source_docs=("sei", "sti"),
)
BASEMAPS = [DEFAULT_BASEMAP, "osm", "amap"]


@pytest.mark.parametrize(
    "state",
    [
        PageState(),
        PageState(FilterSpec(sectors=("新能源",), kinds=("key_project",)), "en", "amap", "生物"),
        PageState(FilterSpec(prefectures=("130100",), search="氢"), "zh", "osm", ""),
    ],
)
def test_round_trip(state):
    assert read_url(write_url(state), choices=CHOICES, basemaps=BASEMAPS) == (state, [])


def test_defaults_are_left_out():
    assert write_url(PageState()) == {}
    assert write_url(PageState(FilterSpec(sectors=("生物",)))) == {"sector": ["生物"]}


def test_unknown_values_are_reported_and_dropped():
    params = {"sector": ["新能源", "火星"], "basemap": ["google"], "choropleth": ["x"], "lang": ["fr"]}
    state, problems = read_url(params, choices=CHOICES, basemaps=BASEMAPS)
    assert state == PageState(FilterSpec(sectors=("新能源",)))
    assert len(problems) == 4
    assert any("basemap='google' is not available" in p for p in problems)
    assert any("choropleth='x' is not a known sector" in p for p in problems)


@pytest.mark.parametrize(
    ("value", "lang", "problem"),
    [
        ("fr", "zh", "lang='fr' is not a known language; use one of: zh, en (showing Chinese)"),
        ("zh-CN", "zh", "lang='zh-CN' is not a known language"),
        ("EN", "en", None),
        ("zh", "zh", None),
        ("", "zh", None),
    ],
)
def test_an_unknown_lang_is_reported_and_chinese_kept(value, lang, problem):
    state, problems = read_url({"lang": [value]}, choices=CHOICES, basemaps=BASEMAPS)
    assert state.lang == lang
    assert problems == [] if problem is None else (len(problems) == 1 and problem in problems[0])
