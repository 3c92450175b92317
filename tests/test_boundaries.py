"""The committed boundaries: completeness, validity, nesting, and the web weight's topology."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from cluster_map.build.naming import english_name, load_admin_units
from cluster_map.core import crs
from cluster_map.core.boundaries import LAYERS, boundary_path, read_boundaries

PREFECTURE_CODES = [f"13{i:02d}00" for i in range(1, 12)]
REQUIRED = {"adcode", "name_zh", "name_en", "level", "parent_adcode"}


def area_km2(geoms) -> float:
    return float(gpd.GeoSeries(list(geoms), crs="EPSG:4326").to_crs(crs.HEBEI_METRIC).area.sum() / 1e6)


@pytest.mark.parametrize("weight", ["full", "web"])
@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_every_layer_has_the_required_properties_and_valid_polygons(layer, weight):
    frame = read_boundaries(layer, weight=weight)
    assert set(frame.columns) >= REQUIRED
    assert frame.geometry.is_valid.all() and not frame.geometry.is_empty.any()
    assert set(frame.geom_type) <= {"Polygon", "MultiPolygon"}
    assert frame["adcode"].is_unique


def test_the_eleven_prefectures(prefectures):
    assert sorted(prefectures["adcode"]) == PREFECTURE_CODES
    assert (prefectures["parent_adcode"] == "130000").all()
    assert (
        dict(zip(prefectures["adcode"], prefectures["name_en"], strict=True))
        == load_admin_units().prefecture_en
    )


def test_every_county_level_unit(counties):
    assert len(counties) == 167
    assert counties["adcode"].str.startswith("13").all()
    assert set(counties["parent_adcode"]) == set(PREFECTURE_CODES)
    assert {"辛集市", "定州市", "曹妃甸区", "雄县", "容城县", "安新县", "三河市"} <= set(counties["name_zh"])


def test_union_of_prefectures_matches_the_province(prefectures, province):
    union = shapely.union_all(prefectures.geometry.values)
    outline = province.geometry.iloc[0]
    assert area_km2([union.symmetric_difference(outline)]) / area_km2([outline]) < 0.005


def test_every_county_lies_in_its_prefecture(counties, prefectures):
    by_code = prefectures.set_index("adcode").geometry
    metric = counties.to_crs(crs.HEBEI_METRIC)
    parents = gpd.GeoSeries(list(by_code.loc[counties["parent_adcode"]]), crs="EPSG:4326").to_crs(
        crs.HEBEI_METRIC
    )
    outside = shapely.area(shapely.difference(metric.geometry.values, parents.values)) / metric.area.values
    assert outside.max() < 0.001, counties["name_zh"].iloc[outside.argmax()]


@pytest.mark.parametrize("weight", ["full", "web"])
@pytest.mark.parametrize("layer", ["county", "prefecture"])
def test_units_tile_the_province_without_gaps_or_overlaps(layer, weight):
    geometries = read_boundaries(layer, weight=weight).geometry.values
    # No overlaps, and every shared border has the same vertices on both sides.
    assert shapely.coverage_is_valid(geometries)
    # No gap inside: the union's parts (the mainland and the islands) have no holes.
    union = shapely.union_all(geometries)
    assert shapely.get_num_interior_rings(shapely.get_parts(union)).sum() == 0


@pytest.mark.parametrize("layer, limit_kb", [("prefecture", 150), ("county", 700)])
def test_web_weight_file_size(layer, limit_kb):
    assert boundary_path(layer, weight="web").stat().st_size <= limit_kb * 1000


def test_xiongan_is_marked_as_an_approximation_and_zones_list_members():
    zones = read_boundaries("zone").set_index("adcode")
    assert zones.loc["xiongan", "approximation"] and "雄县" in zones.loc["xiongan", "member_names_zh"]
    assert zones.loc["shibaolang", "member_adcodes"] == "130100;130600;131000"
    assert zones.loc["zhangcheng", "member_names_zh"] == "张家口市、承德市"


@pytest.mark.parametrize(
    "name_zh, adcode, expected",
    [
        ("石家庄市", "130100", "Shijiazhuang"),
        ("长安区", "130102", "Chang'an District"),
        ("蔚县", "130726", "Yu County"),
        ("乐亭县", "130225", "Laoting County"),
        ("围场满族蒙古族自治县", "130828", "Weichang Manchu and Mongol Autonomous County"),
        ("井陉矿区", "130107", "Jingxing Mining District"),
        ("辛集市", "130181", "Xinji City"),
    ],
)
def test_english_names(name_zh, adcode, expected):
    assert english_name(name_zh, adcode=adcode) == expected
