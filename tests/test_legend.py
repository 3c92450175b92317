"""The legend: symbols of the point layers, sector colours, precision, level, zones, choropleth classes."""

from __future__ import annotations

import pytest

from cluster_map.core.taxonomy import load_taxonomy
from cluster_map.web.choropleth import classify
from cluster_map.web.layer_spec import LayerSpec
from cluster_map.web.legend import legend_html

SPECS = (
    LayerSpec(id="p", type="points", name={"zh": "重点项目", "en": "Key projects"}, kinds=("key_project",)),
    LayerSpec(
        id="z",
        type="zones",
        name={"zh": "板块", "en": "Zones"},
        source="zone",
        kinds=("development_zone",),
        colors={"coastal": "#31a354"},
        legend={"zh": "近似绘制。", "en": "<approximate>"},
    ),
)


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("zh", ["图例", "重点项目", "新能源", "县级", "国家级", "省级", "未注明级别", "沿海", "近似绘制。"]),
        (
            "en",
            ["Legend", "Key projects", "New energy", "Prefecture", "National", "No level given", "Coastal"],
        ),
    ],
)
def test_sections_in_each_language(lang: str, texts: list[str]) -> None:
    html = legend_html(
        SPECS,
        lang=lang,
        taxonomy=load_taxonomy(),
        zone_names={"coastal": "沿海" if lang == "zh" else "Coastal"},
    )
    for text in texts:
        assert text in html, text
    for section in ("symbols", "sectors", "precision", "level", "zones"):
        assert f'data-legend="{section}"' in html
    assert 'data-legend="choropleth"' not in html


def test_layer_notes_are_escaped() -> None:
    html = legend_html(SPECS, lang="en", taxonomy=load_taxonomy())
    assert "&lt;approximate&gt;" in html and "<approximate>" not in html


def test_choropleth_classes_and_their_sector() -> None:
    classes = classify({"130100": 4}, colors=["#fee5d9", "#a50f15"])
    html = legend_html(
        SPECS, lang="zh", taxonomy=load_taxonomy(), classes=classes, choropleth_sector="新能源"
    )
    assert "各地级市项数 (新能源)" in html
    assert "1–2" in html and "3–4" in html
