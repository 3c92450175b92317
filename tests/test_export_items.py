"""Export writes one feature per item (a MultiPoint for several places) and its mentions, in every format.

Each file is written to tmp_path and read back: GeoJSON (a ``mentions`` array), GeoPackage (an
``items`` layer and a ``mentions`` table), the Shapefile zip (``items_<crs>.shp`` and
``mentions_<crs>.csv``), KML (one Placemark per item, a MultiGeometry for several places) and CSV (a
readable ``mentions`` column). Counts are counts of items; a place filter keeps an item's kept places.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
import zipfile

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from export_records import ITEM_COUNT, MENTION_COUNT, SECOND_SENTENCE, TWO_PLACES, export_rows, small_inputs

from cluster_map.core.catalog import load_catalog
from cluster_map.core.filters import FilterChoices, apply_filters, spec_from_query
from cluster_map.core.items import MENTION_COLUMNS, item_count
from cluster_map.core.taxonomy import load_taxonomy
from cluster_map.export import ExportError, export_bytes, write_export

KML = {"k": "http://www.opengis.net/kml/2.2"}
T1_MENTIONS = [
    {"doc": "sei", "section": "专栏7", "spans": [[100, 112]], "text": "长安区氢能<重点>&项目"},
    {"doc": "sti", "section": "专栏2", "spans": [[2, 4], [8, 12]], "text": "长安区氢能<重点>&项目"},
]


@pytest.fixture(scope="module")
def rows() -> gpd.GeoDataFrame:
    return export_rows()


@pytest.fixture(scope="module")
def inputs() -> dict[str, object]:
    return small_inputs()


def _filtered(rows: gpd.GeoDataFrame, **query: str) -> gpd.GeoDataFrame:
    """The rows the app's filters keep for ``query`` (URL keys, as the CLI options)."""
    choices = FilterChoices.build(rows, catalog=load_catalog(), taxonomy=load_taxonomy())
    spec, _ = spec_from_query(query, choices=choices, strict=True)
    return apply_filters(rows, spec, choices=choices)


def _geojson(rows: gpd.GeoDataFrame) -> dict[str, dict]:
    collection = json.loads(export_bytes(rows, fmt="geojson").data)
    return {f["properties"]["id"]: f for f in collection["features"]}


def _csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_rows_hold_more_rows_than_items(rows):
    assert len(rows) == ITEM_COUNT + 1 and item_count(rows) == ITEM_COUNT


def test_geojson_has_one_feature_per_item_and_a_multipoint_for_two_places(rows):
    features = _geojson(rows)
    assert list(features) == ["t-1", "t-2", "t-3", "t-4", "t-5", "t-6"]
    item, points = TWO_PLACES
    assert features[item]["geometry"] == {"type": "MultiPoint", "coordinates": [list(p) for p in points]}
    assert {f["geometry"]["type"] for i, f in features.items() if i not in (item, "t-3")} == {"Point"}
    properties = features[item]["properties"]
    assert (properties["place_count"], properties["kept_places"]) == (2, 2)
    assert (properties["prefecture_code"], properties["county_zh"]) == ("131000;131100", "香河县;故城县")
    assert properties["lon"] is None and properties["places_zh"] == "香河;故城"


def test_geojson_mentions_are_an_array_of_objects(rows):
    features = _geojson(rows)
    said = features["t-1"]["properties"]["mentions"]
    assert [{k: m[k] for k in ("doc", "section", "spans", "text")} for m in said] == T1_MENTIONS
    assert said[1]["sentence"] == SECOND_SENTENCE
    assert sum(len(f["properties"]["mentions"]) for f in features.values()) == MENTION_COUNT
    assert features["t-1"]["properties"]["docs"] == "sei;sti"
    assert not {"source_sentence", "source_doc", "place_no", "basis"} & set(features["t-1"]["properties"])


def test_a_place_filter_keeps_only_the_items_kept_places(rows):
    kept = _filtered(rows, prefecture="廊坊")
    features = _geojson(kept)
    assert list(features) == ["t-6"]
    feature = features["t-6"]
    assert feature["geometry"] == {"type": "Point", "coordinates": list(TWO_PLACES[1][0])}
    properties = feature["properties"]
    assert (properties["kept_places"], properties["place_count"]) == (1, 2)  # one of its two places
    assert (properties["prefecture_code"], properties["county_zh"]) == ("131000", "香河县")
    assert (properties["lon"], properties["lat"]) == TWO_PLACES[1][0]
    assert len(properties["mentions"]) == 1


def test_gpkg_has_one_multipoint_per_item_and_the_mentions_table(rows, inputs, tmp_path):
    path = write_export(rows, tmp_path / "plan.gpkg", **inputs)
    items = pyogrio.read_dataframe(path, layer="items")
    assert items["id"].tolist() == ["t-1", "t-2", "t-3", "t-4", "t-5", "t-6"]
    assert set(items.geom_type.dropna()) == {"MultiPoint"} and items.geometry.isna().sum() == 1
    two = items.geometry[items["id"] == TWO_PLACES[0]].iloc[0]
    assert [(p.x, p.y) for p in two.geoms] == TWO_PLACES[1]
    assert "mentions" not in items.columns
    mentions = pyogrio.read_dataframe(path, layer="mentions")
    assert list(mentions.columns) == list(MENTION_COLUMNS) and len(mentions) == MENTION_COUNT
    assert set(mentions["item_id"]) == set(items["id"])
    second = mentions[(mentions["item_id"] == "t-1") & (mentions["mention_no"] == 2)].iloc[0]
    assert (second["doc"], second["spans"], second["sentence"]) == ("sti", "2-4;8-12", SECOND_SENTENCE)
    description = pyogrio.read_info(path, layer="mentions")["layer_metadata"]["DESCRIPTION"]
    assert "item_id" in description


def test_shapefile_zip_has_the_items_and_a_second_csv_of_mentions(rows, inputs, tmp_path):
    path = write_export(rows, tmp_path / "plan.zip", **inputs)
    items = pyogrio.read_dataframe(f"/vsizip/{path}/items_wgs84.shp")
    assert len(items) == ITEM_COUNT and set(items.geom_type.dropna()) == {"MultiPoint"}
    assert [len(g.geoms) for g in items.geometry.dropna()] == [1, 1, 1, 1, 2]
    with zipfile.ZipFile(path) as archive:
        mentions = _csv(archive.read("mentions_wgs84.csv"))
        full = _csv(archive.read("items_wgs84.csv"))
    assert len(mentions) == MENTION_COUNT and list(mentions[0]) == list(MENTION_COLUMNS)
    assert [m["spans"] for m in mentions if m["item_id"] == "t-1"] == ["100-112", "2-4;8-12"]
    assert [r["id"] for r in full] == items["id"].tolist()


def test_kml_has_one_placemark_per_item_with_a_multigeometry_for_two_places(rows, inputs, tmp_path):
    data = export_bytes(rows, fmt="kml", **inputs).data
    placemarks = {p.get("id"): p for p in ET.fromstring(data).iterfind(".//k:Placemark", KML)}
    assert sorted(placemarks) == ["t-1", "t-2", "t-3", "t-4", "t-5", "t-6"]
    two = placemarks[TWO_PLACES[0]].find("k:MultiGeometry", KML)
    coordinates = [p.findtext("k:coordinates", namespaces=KML) for p in two.iterfind("k:Point", KML)]
    assert coordinates == ["117.006000,39.761000", "115.966000,37.347000"]
    assert placemarks["t-1"].find("k:MultiGeometry", KML) is None
    assert placemarks["t-1"].find("k:Point", KML) is not None
    description = placemarks["t-1"].findtext("k:description", namespaces=KML)
    assert "sti 专栏2: 支持长安区氢能&lt;重点&gt;&amp;项目与创新平台协同发展。" in description
    path = tmp_path / "plan.kml"
    path.write_bytes(data)
    back = {
        row["Name"]: row
        for layer in pyogrio.list_layers(path)[:, 0]
        for _, row in pyogrio.read_dataframe(path, layer=layer).iterrows()
    }
    assert back["香河、故城机器人产业基地"].geometry.geom_type == "MultiPoint"
    assert back["长安区氢能<重点>&项目"]["mentions"].endswith(f"sti 专栏2: {SECOND_SENTENCE}")


def test_csv_has_one_row_per_item_with_readable_mentions(rows):
    items = {row["id"]: row for row in _csv(export_bytes(rows, fmt="csv").data)}
    assert list(items) == ["t-1", "t-2", "t-3", "t-4", "t-5", "t-6"]
    two = items[TWO_PLACES[0]]
    assert two["wkt"] == "MULTIPOINT ((117.006 39.761), (115.966 37.347))"
    assert (two["lon"], two["lat"]) == ("117.006;115.966", "39.761;37.347")
    assert two["mentions"] == "sei 二（一）: 廊坊香河、衡水故城等机器人产业基地。"
    assert items["t-1"]["mentions"].count("\n") == 1 and "Mention(" not in items["t-1"]["mentions"]


@pytest.mark.parametrize("fmt", ["gpkg", "kml", "shp"])
def test_counts_in_the_files_are_counts_of_items(rows, inputs, fmt):
    data = export_bytes(rows.iloc[:0] if fmt == "shp" else rows, fmt=fmt, **inputs).data
    if fmt == "shp":
        text = zipfile.ZipFile(io.BytesIO(data)).read("README.txt").decode("utf-8-sig")
        assert "0 items, 0 without a place (no geometry); 0 mentions" in text
        assert "0 项，其中 0 项未定位" in text
    elif fmt == "kml":
        assert "6 items, 1 without a place (no geometry); 7 mentions" in data.decode("utf-8")
    else:
        assert b"6 items, 1 without a place (no geometry); 7 mentions" in data


def test_rows_without_mentions_export_items_without_mentions(rows, inputs, tmp_path):
    bare = rows.drop(columns=["mentions"])
    assert all(f["properties"]["mentions"] == [] for f in _geojson(bare).values())
    path = write_export(bare, tmp_path / "bare.gpkg", **inputs)
    assert len(pyogrio.read_dataframe(path, layer="mentions")) == 0
    assert len(pyogrio.read_dataframe(path, layer="items")) == ITEM_COUNT


def test_rows_without_an_id_are_refused(rows):
    with pytest.raises(ExportError, match="rows need an 'id' column"):
        export_bytes(rows.drop(columns=["id"]), fmt="csv")


def test_two_places_at_one_point_stay_two_parts(rows):
    one = rows[rows["id"] == "t-1"]
    geometry = _geojson(pd.concat([one, one]))["t-1"]["geometry"]
    assert geometry == {"type": "MultiPoint", "coordinates": [[114.539, 38.036], [114.539, 38.036]]}
