"""``python -m cluster_map export``: formats from -o, default names, the app's filters, clear errors.

The CLI reads an items folder (``--items``: items.csv, places.csv, mentions.csv) and writes one
feature per item; the option comes with the validation rewrite of the export command.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyogrio
import pytest
from export_records import ITEM_COUNT, TWO_PLACES, write_export_items

import cluster_map.core.taxonomy as taxonomy_module
from cluster_map import export
from cluster_map.cli import main


@pytest.fixture(scope="module")
def items_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_export_items(tmp_path_factory.mktemp("cli") / "items")


def run(items_dir: Path, *args: str) -> int:
    return main(["export", "--items", str(items_dir), *args])


def ids_in(path: Path) -> list[str]:
    return sorted(f["properties"]["id"] for f in json.loads(path.read_text(encoding="utf-8"))["features"])


def test_all_items_as_one_rfc7946_feature_collection(items_dir, tmp_path, capsys):
    out = tmp_path / "all.geojson"
    assert run(items_dir, "-o", str(out)) == 0
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    assert len(collection["features"]) == ITEM_COUNT
    by_id = {f["properties"]["id"]: f for f in collection["features"]}
    assert by_id["t-3"]["geometry"] is None and by_id["t-6"]["geometry"]["type"] == "MultiPoint"
    assert [m["doc"] for m in by_id["t-1"]["properties"]["mentions"]] == ["sei", "sti"]
    assert "6 items, 1 of them without a place" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "layer_count"),
    [("plan.gpkg", 5), ("plan.kml", 5), ("plan.csv", 1), ("plan.json", 1)],
)
def test_format_follows_the_output_suffix(items_dir, tmp_path, name, layer_count):
    out = tmp_path / name
    assert run(items_dir, "-o", str(out)) == 0
    assert len(pyogrio.list_layers(out)) == layer_count


def test_shapefile_zip_from_the_suffix(items_dir, tmp_path):
    out = tmp_path / "plan.zip"
    assert run(items_dir, "-o", str(out)) == 0
    assert len(pyogrio.read_dataframe(f"/vsizip/{out}/items_wgs84.shp")) == ITEM_COUNT


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], "hebei_plan_items_wgs84.geojson"),
        (["--crs", "gcj02"], "hebei_plan_items_gcj02.geojson"),
        (["--format", "gpkg", "--crs", "4490"], "hebei_plan_items_cgcs2000.gpkg"),
        (["--format", "shp"], "hebei_plan_items_wgs84.zip"),
        (["--format", "kml", "--crs", "gcj02"], "hebei_plan_items_gcj02.kml"),
        (["--format", "csv"], "hebei_plan_items_wgs84.csv"),
    ],
)
def test_without_output_a_sensible_name_in_the_current_folder(
    items_dir, tmp_path, monkeypatch, args, expected
):
    monkeypatch.chdir(tmp_path)
    assert run(items_dir, *args) == 0
    assert [p.name for p in tmp_path.iterdir()] == [expected]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--sector", "新能源"], ["t-1"]),
        (["--sector", "新能源,高端装备"], ["t-1", "t-5", "t-6"]),
        (["--sector", "新能源", "--sector", "生物"], ["t-1", "t-3"]),
        (["--kind", "platform"], ["t-3", "t-4"]),
        (["--level", "国家级"], ["t-1"]),
        (["--prefecture", "唐山"], ["t-2", "t-5"]),
        (["--prefecture", "130100"], ["t-1"]),
        (["--zone", "xiongan"], ["t-4"]),
        (["--county", "130629"], ["t-4"]),
        (["--county", "容城县", "--prefecture", "保定"], ["t-4"]),
        (["--zone", "沿海"], ["t-2", "t-5"]),
        (["--doc", "sti"], ["t-1", "t-3", "t-4"]),  # t-1 is named in both plans
        (["--prefecture", "廊坊"], ["t-6"]),
        (["--county", "131126"], ["t-6"]),
        (["--search", "曹妃甸"], ["t-5"]),
        (["--kind", "platform", "--doc", "sti", "--level", "省级"], ["t-4"]),
        (["--sector", "未来产业"], []),
    ],
)
def test_filters_are_those_of_the_app(items_dir, tmp_path, args, expected):
    out = tmp_path / "subset.geojson"
    assert run(items_dir, *args, "-o", str(out)) == 0
    assert ids_in(out) == expected


@pytest.mark.parametrize(("county", "kept"), [("131024", 0), ("131126", 1)])
def test_a_place_filter_writes_only_the_kept_places(items_dir, tmp_path, capsys, county, kept):
    out = tmp_path / "one_place.geojson"
    assert run(items_dir, "--county", county, "-o", str(out)) == 0
    (feature,) = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": list(TWO_PLACES[1][kept])}
    assert (feature["properties"]["kept_places"], feature["properties"]["place_count"]) == (1, 2)
    assert "1 items, 0 of them without a place" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "listed"),
    [
        (["--sector", "新能原"], "新一代信息技术, 高端装备, 生物"),
        (["--kind", "factory"], "leading_area, development_zone"),
        (["--level", "市级"], "国家级, 省级"),
        (["--prefecture", "北京"], "130100, 130200"),
        (["--zone", "jingjinji"], "xiongan"),
    ],
)
def test_bad_filter_values_list_the_values_that_exist(items_dir, tmp_path, capsys, args, listed):
    out = tmp_path / "bad.geojson"
    assert run(items_dir, *args, "-o", str(out)) == 1
    error = capsys.readouterr().err
    assert repr(args[1]) in error and listed in error
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "listed"),
    [
        (["--format", "xlsx"], "'geojson', 'gpkg', 'shp', 'kml', 'csv'"),
        (["--crs", "3857"], "'4326', '4490', 'gcj02'"),
    ],
)
def test_bad_format_or_crs_is_a_usage_error_listing_the_choices(items_dir, capsys, args, listed):
    with pytest.raises(SystemExit) as exit_info:
        run(items_dir, *args)
    assert exit_info.value.code == 2
    error = capsys.readouterr().err
    assert f"invalid choice: {args[1]!r}" in error and listed in error


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "plan.txt"], ".geojson (geojson), .json (geojson), .gpkg (gpkg)"),
        (["-o", "plan.shp"], "name it .zip"),
        (["--format", "gpkg", "-o", "plan.geojson"], "should end in .gpkg"),
        (["--crs", "gcj02", "-o", "plan.geojson"], "plan_gcj02.geojson"),
        (["--format", "kml", "--crs", "4490"], "KML is WGS 84 by definition"),
    ],
)
def test_misleading_outputs_are_refused(items_dir, tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    assert run(items_dir, *args) == 1
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_missing_items_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["export", "--items", str(tmp_path / "nope"), "-o", str(tmp_path / "a.geojson")]) == 1
    assert "items file missing" in capsys.readouterr().err


def test_help_explains_each_option(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    for option in (
        "--format",
        "--crs",
        "-o",
        "--sector",
        "--kind",
        "--level",
        "--prefecture",
        "--zone",
        "--search",
    ):
        assert option in text
    for value in (*export.FORMATS, *export.CRS_CHOICES, "GCJ-02", "CGCS2000"):
        assert value in text


@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_the_committed_items_export_and_open(fmt, tmp_path):
    out = tmp_path / f"plan{export.FORMATS[fmt].suffix}"
    assert main(["export", "--sector", "新能源", "-o", str(out)]) == 0
    path = f"/vsizip/{out}/items_wgs84.shp" if fmt == "shp" else out
    layers = [name for name in pyogrio.list_layers(path)[:, 0] if fmt != "gpkg" or name == "items"]
    frames = [pyogrio.read_dataframe(path, layer=name) for name in layers]
    assert sum(len(frame) for frame in frames) > 0
    assert all(set(frame["sector"]) == {"新能源"} for frame in frames)


def test_the_taxonomy_is_loaded_once(items_dir, tmp_path, monkeypatch):
    """Validation, the filters and the KML file share one taxonomy."""
    calls = []
    load = taxonomy_module.load_taxonomy
    monkeypatch.setattr(taxonomy_module, "load_taxonomy", lambda *a, **k: calls.append(1) or load(*a, **k))
    out = tmp_path / "plan.kml"
    assert run(items_dir, "--sector", "新能源", "-o", str(out)) == 0
    assert len(calls) == 1 and out.exists()
