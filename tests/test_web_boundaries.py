"""Boundary files for the browser: small, in WGS84 and GCJ-02, written only when changed."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import shapely

from cluster_map.web.boundary_files import boundary_file_name, write_boundary_files


def _square(name: str) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"adcode": ["130100"], "name_zh": [name], "name_en": ["Shijiazhuang"], "note": ["dropped"]},
        geometry=[shapely.box(114.0, 38.0, 114.5, 38.5)],
        crs="EPSG:4326",
    )


def test_writes_each_layer_in_each_system(tmp_path: Path) -> None:
    files = write_boundary_files(tmp_path, layers=["prefecture"], read=lambda layer: _square("石家庄市"))
    assert set(files) == {("prefecture", "wgs84"), ("prefecture", "gcj02")}
    wgs = json.loads(files[("prefecture", "wgs84")].path.read_text(encoding="utf-8"))
    gcj = json.loads(files[("prefecture", "gcj02")].path.read_text(encoding="utf-8"))
    assert wgs["features"][0]["properties"] == {
        "adcode": "130100",
        "name_zh": "石家庄市",
        "name_en": "Shijiazhuang",
    }
    west_wgs = min(x for x, _ in wgs["features"][0]["geometry"]["coordinates"][0])
    west_gcj = min(x for x, _ in gcj["features"][0]["geometry"]["coordinates"][0])
    assert 0.004 < west_gcj - west_wgs < 0.008  # GCJ-02 shifts Hebei about 500 m east


def test_rewrites_only_when_the_content_changes(tmp_path: Path) -> None:
    first = write_boundary_files(
        tmp_path, layers=["prefecture"], systems=["wgs84"], read=lambda layer: _square("甲")
    )
    path = first[("prefecture", "wgs84")].path
    stamp = path.stat().st_mtime_ns
    again = write_boundary_files(
        tmp_path, layers=["prefecture"], systems=["wgs84"], read=lambda layer: _square("甲")
    )
    assert path.stat().st_mtime_ns == stamp and again == first
    changed = write_boundary_files(
        tmp_path, layers=["prefecture"], systems=["wgs84"], read=lambda layer: _square("乙")
    )
    assert changed[("prefecture", "wgs84")].digest != first[("prefecture", "wgs84")].digest


def test_url_is_under_the_static_base_with_a_version(tmp_path: Path) -> None:
    files = write_boundary_files(
        tmp_path, layers=["prefecture"], systems=["wgs84"], read=lambda layer: _square("甲")
    )
    url = files[("prefecture", "wgs84")].url("/app/static/", tmp_path)
    assert url.startswith(f"/app/static/boundaries/{boundary_file_name('prefecture', 'wgs84')}?v=")


def test_neighbour_label_points_are_shifted_with_the_geometry(tmp_path: Path) -> None:
    frame = _square("北京市").assign(adcode="110000", name_en="Beijing", label_lon=114.25, label_lat=38.25)
    files = write_boundary_files(tmp_path, layers=["neighbour"], read=lambda layer: frame)
    wgs, gcj = (
        json.loads(files[("neighbour", system)].path.read_text(encoding="utf-8"))["features"][0]["properties"]
        for system in ("wgs84", "gcj02")
    )
    assert wgs == {
        "adcode": "110000",
        "name_zh": "北京市",
        "name_en": "Beijing",
        "label_lon": 114.25,
        "label_lat": 38.25,
    }
    assert 0.004 < gcj["label_lon"] - wgs["label_lon"] < 0.008
    assert gcj["label_lat"] != wgs["label_lat"]
