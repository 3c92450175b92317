"""Export: each format and CRS written to tmp_path, read back with pyogrio: items, fields, CRS, 0.1 m."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyproj
import pytest
import shapely
from export_records import (
    ITEM_COUNT,
    LONG_NOTE,
    LONG_SENTENCE,
    export_rows,
    small_inputs,
    square,
)

from cluster_map import export
from cluster_map.core import crs as coords
from cluster_map.core.boundaries import read_boundaries
from cluster_map.core.items import items_of_rows
from cluster_map.export import (
    BOUNDARY_LAYERS,
    CRS_CHOICES,
    FORMATS,
    ExportError,
    export_bytes,
    write_export,
)
from cluster_map.export.items import ITEM_FIELDS
from cluster_map.export.shapefile import DBF_TEXT_BYTES, dbf_field_names, truncate_utf8

GEOD = pyproj.Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def rows() -> gpd.GeoDataFrame:
    return export_rows()


@pytest.fixture(scope="module")
def inputs() -> dict[str, object]:
    return small_inputs()


COMBINATIONS = [(fmt, crs) for fmt, spec in FORMATS.items() for crs in spec.crs_choices]
TAGS = {key: choice.tag for key, choice in CRS_CHOICES.items()}


def _zip_member(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def _shapefile_mapping(path: Path, file: str) -> dict[str, str]:
    text = _zip_member(path, "field_names.csv").decode("utf-8-sig")
    return {
        row["field"]: row["full_name"] for row in csv.DictReader(io.StringIO(text)) if row["file"] == file
    }


def read_back(path: Path, fmt: str, crs: str) -> gpd.GeoDataFrame:
    """The items layer of an exported file, with the items' column names."""
    if fmt == "gpkg":
        return pyogrio.read_dataframe(path, layer="items")
    if fmt == "shp":
        file = f"items_{TAGS[crs]}.shp"
        frame = pyogrio.read_dataframe(f"/vsizip/{path}/{file}")
        return frame.rename(columns=_shapefile_mapping(path, file))
    if fmt == "kml":
        layers = [pyogrio.read_dataframe(path, layer=name) for name in pyogrio.list_layers(path)[:, 0]]
        return pd.concat(layers, ignore_index=True)
    if fmt == "csv":
        return pyogrio.read_dataframe(path, GEOM_POSSIBLE_NAMES="wkt", KEEP_GEOM_COLUMNS="NO")
    return pyogrio.read_dataframe(path)


def _as_text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _undo(geoms: np.ndarray, crs: str) -> np.ndarray:
    if crs != "gcj02":
        return geoms
    return coords.transform_geometry(geoms, source="gcj02", target="wgs84")


def _points(geom: object) -> list[tuple[float, float]]:
    """The points of a Point or MultiPoint, in order; none for no geometry."""
    if geom is None or shapely.is_empty(geom):
        return []
    return [(p.x, p.y) for p in getattr(geom, "geoms", [geom])]


def expected_items(rows: gpd.GeoDataFrame) -> pd.DataFrame:
    """Per item of the rows (core's :func:`items_of_rows`): its fields and its rows' points, in order."""
    items = items_of_rows(rows).rename(columns={"source_doc": "docs", "source_section": "sections"})
    items["points"] = [
        [(g.x, g.y) for g in group.geometry if g is not None] for _, group in rows.groupby("id", sort=False)
    ]
    return items


@pytest.mark.parametrize(("fmt", "crs"), COMBINATIONS)
def test_round_trip_same_items_attributes_and_places(fmt, crs, rows, inputs, tmp_path):
    path = write_export(rows, tmp_path / export.export_file_name(fmt=fmt, crs=crs), crs=crs, **inputs)
    back = read_back(path, fmt, crs).sort_values("id", ignore_index=True)
    source = expected_items(rows).sort_values("id", ignore_index=True)
    assert back["id"].tolist() == source["id"].tolist() and len(back) == ITEM_COUNT
    for column in ITEM_FIELDS:
        if column in ("id", "lon", "lat"):
            continue
        got, want = back[column].map(_as_text).tolist(), source[column].map(_as_text).tolist()
        if fmt == "shp":
            want = [truncate_utf8(w)[0] for w in want]
        assert got == want, column
    for got_geom, want_points in zip(back.geometry.values, source["points"], strict=True):
        got_points = _points(got_geom)
        assert len(got_points) == len(want_points)
        if not got_points:
            continue
        undone = _undo(shapely.points(got_points), crs)
        want = np.array(want_points)
        metres = GEOD.inv(shapely.get_x(undone), shapely.get_y(undone), want[:, 0], want[:, 1])[2]
        assert np.max(metres) < 0.1
    single = [len(p) == 1 for p in source["points"]]
    lon = pd.to_numeric(back["lon"], errors="coerce").to_numpy()[single]
    assert np.allclose(lon, [g.geoms[0].x if hasattr(g, "geoms") else g.x for g in back.geometry[single]])


EXPECTED_CRS = {
    ("geojson", "4326"): 4326,
    ("geojson", "4490"): 4490,
    ("geojson", "gcj02"): 4326,
    ("gpkg", "4326"): 4326,
    ("gpkg", "4490"): 4490,
    ("gpkg", "gcj02"): "GCJ-02",
    ("shp", "4326"): 4326,
    ("shp", "4490"): 4490,
    ("shp", "gcj02"): "GCJ-02",
    ("kml", "4326"): 4326,
    ("kml", "gcj02"): 4326,
    ("csv", "4326"): None,
    ("csv", "4490"): None,
    ("csv", "gcj02"): None,
}


@pytest.mark.parametrize(("fmt", "crs"), COMBINATIONS)
def test_each_file_says_its_crs_the_way_its_format_does(fmt, crs, rows, inputs, tmp_path):
    exported = export_bytes(rows, fmt=fmt, crs=crs, stem="plan_新能源", **inputs)
    assert exported.file_name == f"plan_新能源_{TAGS[crs]}{FORMATS[fmt].suffix}"
    assert exported.mime == FORMATS[fmt].mime
    path = tmp_path / exported.file_name
    path.write_bytes(exported.data)
    found = read_back(path, fmt, crs).crs
    expected = EXPECTED_CRS[(fmt, crs)]
    if expected is None:
        assert found is None
    elif isinstance(expected, int):
        assert found.to_epsg() == expected
    else:
        assert "GCJ-02" in found.name and found.to_epsg() is None
    assert ("gcj02" in exported.file_name) == (crs == "gcj02")


def test_every_pair_of_format_and_crs_is_listed():
    assert set(EXPECTED_CRS) == set(COMBINATIONS)
    for choice in [*FORMATS.values(), *CRS_CHOICES.values()]:
        assert choice.label("zh") and choice.label("en") and choice.label("zh") != choice.label("en")


def _collection(rows: gpd.GeoDataFrame, crs: str) -> tuple[bytes, dict]:
    data = export_bytes(rows, fmt="geojson", crs=crs).data
    return data, json.loads(data)


def test_geojson_is_rfc7946_in_wgs84(rows):
    data, collection = _collection(rows, "4326")
    assert "crs" not in collection and collection["type"] == "FeatureCollection"
    assert "长安区氢能<重点>&项目".encode() in data  # UTF-8, Chinese unescaped
    by_id = {f["properties"]["id"]: f for f in collection["features"]}
    assert by_id["t-3"]["geometry"] is None
    assert by_id["t-1"]["geometry"] == {"type": "Point", "coordinates": [114.539, 38.036]}


@pytest.mark.parametrize(
    ("crs", "crs_member", "warned"),
    [("4326", None, False), ("4490", "urn:ogc:def:crs:EPSG::4490", False), ("gcj02", None, True)],
)
def test_geojson_outside_wgs84_says_so(rows, crs, crs_member, warned):
    _, collection = _collection(rows, crs)
    assert collection.get("crs", {}).get("properties", {}).get("name") == crs_member
    assert (collection.get("coordinate_system") == "GCJ-02") == warned
    assert ("not rfc 7946" in collection.get("warning", "").lower()) == warned


def test_geojson_coordinates_have_six_decimals(rows):
    _, collection = _collection(rows, "gcj02")
    for feature in collection["features"]:
        for value in np.ravel((feature["geometry"] or {}).get("coordinates", [])):  # Point or MultiPoint
            assert round(value, 6) == value


def test_gcj02_shift_is_the_real_one(rows):
    _, collection = _collection(rows, "gcj02")
    shifted = {
        f["properties"]["id"]: f["geometry"]["coordinates"] for f in collection["features"] if f["geometry"]
    }
    lon, lat = coords.wgs84_to_gcj02(114.539, 38.036)
    assert shifted["t-1"] == pytest.approx([float(lon), float(lat)], abs=1e-6)
    assert (
        GEOD.inv(114.539, 38.036, shifted["t-1"][0], shifted["t-1"][1])[2] > 300
    )  # the offset is there, not forgotten


def test_csv_has_bom_lonlat_wkt_and_empty_cells_for_unplaced(rows):
    data = export_bytes(rows, fmt="csv").data
    assert data.startswith(b"\xef\xbb\xbf")
    items = {row["id"]: row for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}
    assert (items["t-3"]["lon"], items["t-3"]["lat"], items["t-3"]["wkt"]) == ("", "", "")
    assert items["t-1"]["wkt"] == "POINT (114.539 38.036)"
    assert items["t-1"]["mentions"].startswith(f"sei 专栏7: {LONG_SENTENCE}\nsti 专栏2: ")
    assert items["t-1"]["note_en"].endswith("\nsecond line")


def test_gpkg_has_the_items_mentions_and_boundary_layers_with_proper_field_types(rows, inputs, tmp_path):
    path = write_export(rows, tmp_path / "plan.gpkg", **inputs)
    assert pyogrio.list_layers(path).tolist() == [
        ["items", "MultiPoint"],
        ["prefectures", "MultiPolygon"],
        ["counties", "MultiPolygon"],
        ["zones", "MultiPolygon"],
        ["mentions", None],  # GDAL lists tables without geometry last
    ]
    info = pyogrio.read_info(path, layer="items")
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert (
        types["place_count"] == "OFTInteger64"
        and types["kept_places"] == "OFTInteger64"
        and types["lon"] == "OFTReal"
        and types["name_zh"] == "OFTString"
    )
    mentions = pyogrio.read_info(path, layer="mentions")
    types = dict(zip(mentions["fields"], mentions["ogr_types"], strict=True))
    assert types["mention_no"] == "OFTInteger64" and types["sentence"] == "OFTString"
    zones = pyogrio.read_info(path, layer="zones")
    assert dict(zip(zones["fields"], zones["ogr_subtypes"], strict=True))["approximation"] == "OFSTBoolean"
    assert "6 items, 1 without a place" in info["layer_metadata"]["DESCRIPTION"]
    assert "7 mentions" in info["layer_metadata"]["DESCRIPTION"]


def test_shapefile_zip_contents(rows, inputs, tmp_path):
    path = tmp_path / "plan_gcj02.zip"
    write_export(rows, path, crs="gcj02", **inputs)
    names = set(zipfile.ZipFile(path).namelist())
    for layer in ("items", "prefectures", "counties", "zones"):
        assert {f"{layer}_gcj02.{ext}" for ext in ("shp", "shx", "dbf", "prj", "cpg")} <= names
        assert _zip_member(path, f"{layer}_gcj02.cpg").strip() == b"UTF-8"
        assert b"GCJ-02" in _zip_member(path, f"{layer}_gcj02.prj")
    assert {"README.txt", "field_names.csv", "items_gcj02.csv", "mentions_gcj02.csv"} <= names
    readme = _zip_member(path, "README.txt").decode("utf-8-sig")
    assert "GCJ-02" in readme and "6 items, 1 without a place" in readme and "mentions_gcj02.csv" in readme
    assert "record" not in readme.replace("Former record", "")
    full = _zip_member(path, "items_gcj02.csv").decode("utf-8-sig")
    assert LONG_SENTENCE in full and LONG_NOTE in full
    mentions = _zip_member(path, "mentions_gcj02.csv").decode("utf-8-sig")
    assert LONG_SENTENCE in mentions


def test_shapefile_field_mapping_documents_names_and_truncation(rows, inputs):
    data = export_bytes(rows, fmt="shp", **inputs).data
    mapping = list(
        csv.DictReader(
            io.StringIO(zipfile.ZipFile(io.BytesIO(data)).read("field_names.csv").decode("utf-8-sig"))
        )
    )
    items = {r["full_name"]: r for r in mapping if r["file"] == "items_wgs84.shp"}
    assert list(items) == list(ITEM_FIELDS)
    assert all(len(r["field"]) <= 10 for r in mapping)
    assert items["mention_count"]["field"] == "ment_cnt" and items["level_quote"]["field"] == "lvl_quote"
    assert items["note_en"]["truncated_values"] == "1"
    assert "items_wgs84.csv" in items["note_en"]["note"]
    assert items["name_zh"]["truncated_values"] == "0"
    prefecture_note = next(
        r for r in mapping if r["file"] == "prefectures_wgs84.shp" and r["full_name"] == "note"
    )
    assert prefecture_note["truncated_values"] == "1"  # boundary text is cut and counted too


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("短", False),
        ("a" * DBF_TEXT_BYTES, False),
        ("a" * (DBF_TEXT_BYTES + 1), True),
        ("长" * 85, True),
        ("长" * 84, False),
    ],
)
def test_truncate_utf8_keeps_whole_characters_within_254_bytes(text, cut):
    kept, was_cut = truncate_utf8(text)
    assert was_cut == cut and len(kept.encode("utf-8")) <= DBF_TEXT_BYTES
    assert kept == text if not cut else (kept.endswith("…") and text.startswith(kept[:-1]))


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["id", "source_sentence", "prefecture_code"], ["id", "src_text", "pref_code"]),
        (["averyverylongname", "averyverylongnamf"], ["averyveryl", "averyver_1"]),
        (["Name", "name"], ["Name", "name_1"]),
        (["名称"], ["field_0"]),
    ],
)
def test_dbf_field_names_are_short_unique_and_documented(columns, expected):
    assert list(dbf_field_names(columns).values()) == expected


def test_kml_names_descriptions_and_unplaced_folder(rows, inputs):
    data = export_bytes(rows, fmt="kml", **inputs).data
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    folders = {
        f.findtext("k:name", namespaces=ns): f for f in ET.fromstring(data).iterfind(".//k:Folder", ns)
    }
    assert list(folders) == [
        "新一代信息技术",
        "高端装备",
        "新能源",
        "综合",
        "未定位（规划未给出地点） No place in the plan",
    ]
    unplaced = folders["未定位（规划未给出地点） No place in the plan"].findall("k:Placemark", ns)
    assert [p.get("id") for p in unplaced] == ["t-3"] and unplaced[0].find("k:Point", ns) is None
    first = folders["新能源"].find("k:Placemark", ns)
    assert first.findtext("k:name", namespaces=ns) == "长安区氢能<重点>&项目"
    description = first.findtext("k:description", namespaces=ns)
    assert "长安区氢能&lt;重点&gt;&amp;项目" in description and "<重点>" not in description  # escaped HTML
    assert "重点项目 (key_project)" in description and "国家级" in description


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_an_empty_selection_exports_an_empty_file(fmt, rows, inputs, tmp_path):
    path = write_export(rows.iloc[0:0], tmp_path / f"none{FORMATS[fmt].suffix}", fmt=fmt, **inputs)
    if fmt == "kml":  # no folder at all, so no layer to read: count the placemarks
        ET.fromstring(path.read_bytes())
        assert b"Placemark" not in path.read_bytes()
    else:
        assert len(read_back(path, fmt, "4326")) == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"fmt": "xlsx"}, "format 'xlsx' is not known; use one of: geojson, gpkg, shp, kml, csv"),
        ({"fmt": "csv", "crs": "3857"}, "crs '3857' is not known; use one of: 4326, 4490, gcj02"),
        ({"fmt": "kml", "crs": "4490"}, "KML is WGS 84 by definition"),
    ],
)
def test_bad_format_or_crs_is_refused_with_the_choices(rows, kwargs, message):
    with pytest.raises(ExportError, match=message.replace("(", r"\(").replace(")", r"\)")):
        export_bytes(rows, **kwargs)


@pytest.mark.parametrize(
    ("name", "kwargs", "message"),
    [
        ("plan.txt", {}, "cannot tell the format from '.txt'"),
        ("plan.shp", {}, "name it .zip"),
        ("plan.geojson", {"fmt": "gpkg"}, "should end in .gpkg"),
        ("plan.geojson", {"crs": "gcj02"}, "plan_gcj02.geojson"),
    ],
)
def test_write_export_refuses_misleading_file_names(rows, tmp_path, name, kwargs, message):
    with pytest.raises(ExportError, match=message):
        write_export(rows, tmp_path / name, **kwargs)
    assert not (tmp_path / name).exists()


MAGIC = {
    "geojson": b'{"type": "FeatureCollection"',
    "gpkg": b"SQLite format 3",
    "shp": b"PK",
    "kml": b"<?xml",
    "csv": b"\xef\xbb\xbfid,",
}


@pytest.mark.parametrize(("suffix", "fmt"), list(export.SUFFIXES.items()))
def test_write_export_takes_the_format_from_the_suffix(rows, inputs, tmp_path, suffix, fmt):
    path = write_export(rows, tmp_path / "sub" / f"plan{suffix}", **inputs)
    assert path.read_bytes().startswith(MAGIC[fmt])
    assert len(read_back(path, fmt, "4326")) == ITEM_COUNT


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (gpd.GeoDataFrame({"id": ["a"]}, geometry=[shapely.Point(115, 39)]), "no CRS"),
        (gpd.GeoDataFrame({"id": ["a"]}, geometry=[square(115, 39)], crs=4326), "must be points"),
        (pd.DataFrame({"id": ["a"]}), "must be a GeoDataFrame"),
    ],
)
def test_rows_that_cannot_be_exported(frame, message):
    with pytest.raises(ExportError, match=message):
        export_bytes(frame, fmt="geojson")


def test_rows_in_another_geographic_crs_are_taken_to_wgs84_first(rows):
    cgcs = rows.to_crs(4490)
    assert export_bytes(cgcs, fmt="csv").data == export_bytes(rows, fmt="csv").data


def test_the_real_boundary_layers_go_into_the_geopackage(rows, tmp_path):
    boundaries = {layer: read_boundaries(layer, weight="full") for layer in BOUNDARY_LAYERS}
    path = write_export(rows.iloc[:1], tmp_path / "one.gpkg", crs="4490", boundaries=boundaries)
    counts = {
        layer: pyogrio.read_info(path, layer=layer)["features"]
        for layer in ("prefectures", "counties", "zones")
    }
    assert counts == {"prefectures": 11, "counties": 167, "zones": 5}
    assert pyogrio.read_dataframe(path, layer="zones").crs.to_epsg() == 4490


@pytest.mark.parametrize(("given", "tag"), [(4326, "wgs84"), ("EPSG:4490", "cgcs2000"), ("GCJ-02", "gcj02")])
def test_crs_may_be_given_as_an_epsg_code_or_name(given, tag):
    assert export.export_file_name(fmt="csv", crs=given) == f"hebei_plan_items_{tag}.csv"


@pytest.mark.parametrize("stem", ["", "../plan", "a/b", "plan?"])
def test_a_stem_that_cannot_start_a_file_name_is_refused(rows, stem):
    with pytest.raises(ExportError, match="cannot start a file name"):
        export_bytes(rows, fmt="csv", stem=stem)
