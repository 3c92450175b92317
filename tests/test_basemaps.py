"""Base maps: offline default, GCJ-02 for AMap, Tianditu only with a key."""

from __future__ import annotations

import pytest

from cluster_map.web.basemap_specs import BASEMAPS, DEFAULT_BASEMAP, available_basemaps, tianditu_key
from cluster_map.web.basemaps import tile_layers


def test_default_is_offline() -> None:
    assert DEFAULT_BASEMAP == "none"
    assert tile_layers("none", lang="zh") == []


@pytest.mark.parametrize(
    ("basemap", "system"), [("osm", "wgs84"), ("positron", "wgs84"), ("amap", "gcj02"), ("tianditu", "wgs84")]
)
def test_systems(basemap: str, system: str) -> None:
    assert BASEMAPS[basemap].system == system


@pytest.mark.parametrize(
    ("key", "offered"),
    [("", ["none", "osm", "positron", "amap"]), ("k", ["none", "osm", "positron", "amap", "tianditu"])],
)
def test_tianditu_only_with_a_key(key: str, offered: list[str]) -> None:
    assert available_basemaps(key=key) == offered


def test_key_from_environment_before_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIANDITU_KEY", raising=False)
    assert tianditu_key({"TIANDITU_KEY": " s "}) == "s"
    assert tianditu_key(None) == ""
    monkeypatch.setenv("TIANDITU_KEY", "e")
    assert tianditu_key({"TIANDITU_KEY": "s"}) == "e"


@pytest.mark.parametrize(("lang", "annotation", "amap_lang"), [("zh", "cva", "zh_cn"), ("en", "eva", "en")])
def test_labels_follow_the_language(lang: str, annotation: str, amap_lang: str) -> None:
    vec, labels = tile_layers("tianditu", lang=lang, key="KEY")
    assert "LAYER=vec" in vec.tiles and "tk=KEY" in vec.tiles
    assert f"LAYER={annotation}" in labels.tiles
    (amap,) = tile_layers("amap", lang=lang)
    assert f"lang={amap_lang}" in amap.tiles


@pytest.mark.parametrize("basemap", ["osm", "positron", "amap", "tianditu"])
def test_every_tile_layer_has_attribution(basemap: str) -> None:
    for layer in tile_layers(basemap, lang="zh", key="k"):
        assert layer.options["attribution"].startswith("&copy; <a href=")


@pytest.mark.parametrize(
    ("basemap", "key", "message"), [("bing", "", "'bing' is not known"), ("tianditu", "", "TIANDITU_KEY")]
)
def test_errors(basemap: str, key: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        tile_layers(basemap, lang="zh", key=key)
