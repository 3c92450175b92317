"""The map's JavaScript and CSS: copied from installed packages, idempotently, and linked locally."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cluster_map.core.errors import DataError
from cluster_map.web.assets import ASSET_SUBDIR, ASSETS, Asset, asset_links, install_assets


def test_install_copies_every_asset(tmp_path: Path) -> None:
    written = install_assets(tmp_path)
    assert len(written) == len(ASSETS)
    for asset in ASSETS:
        assert (tmp_path / ASSET_SUBDIR / asset.target).stat().st_size > 0


def test_install_is_idempotent_and_repairs_a_changed_file(tmp_path: Path) -> None:
    install_assets(tmp_path)
    assert install_assets(tmp_path) == []
    leaflet = tmp_path / ASSET_SUBDIR / "leaflet/leaflet.js"
    leaflet.write_text("broken", encoding="utf-8")
    assert install_assets(tmp_path) == [leaflet]
    assert b"Leaflet" in leaflet.read_bytes()[:400]


def test_leaflet_is_1_9_4(tmp_path: Path) -> None:
    install_assets(tmp_path)
    assert "1.9.4" in (tmp_path / ASSET_SUBDIR / "leaflet/leaflet.js").read_text(encoding="utf-8")[:300]


def test_missing_package_says_how_to_install(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"'no_such_js_package' is not installed.*requirements\.txt"):
        install_assets(tmp_path, assets=(Asset("no_such_js_package", "a.js", "a.js"),))


def test_links_are_local_and_in_load_order() -> None:
    js, css = asset_links(base_url="/app/static/")
    urls = [url for _, url in js + css]
    assert all(url.startswith("/app/static/vendor/") for url in urls)
    assert [Path(url.split("?")[0]).name for _, url in js] == [
        "leaflet.js",
        "leaflet.markercluster.js",
        "cluster_map.js",
        "point_layer.js",
    ]
    assert all(re.fullmatch(r"[^?]+\?v=[0-9a-f]{10}", url) for url in urls)  # a new file, a new URL
    assert "leaflet.css" in css[0][1]
    assert len({name for name, _ in js + css}) == len(js + css)  # folium keys links by name


def test_leaflet_css_finds_its_images(tmp_path: Path) -> None:
    install_assets(tmp_path)
    css = (tmp_path / ASSET_SUBDIR / "leaflet/leaflet.css").read_text(encoding="utf-8")
    assert "images/layers.png" in css
    assert (tmp_path / ASSET_SUBDIR / "leaflet/images/layers.png").is_file()
