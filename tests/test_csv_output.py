"""CSV writing: formulas neutralised in files for spreadsheets, numbers and GIS formats untouched."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pandas as pd
import pyogrio
import pytest
from export_records import export_records_table, small_inputs
from map_records import write_records_csv

from cluster_map.core.csv_output import csv_bytes, neutralise_formula
from cluster_map.core.items import read_item_rows
from cluster_map.export import export_bytes
from cluster_map.export.shapefile import DbfField, fields_csv


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+2", "'=1+2"),
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-", "'-"),
        ("-3.5", "-3.5"),
        ("-0.5", "-0.5"),
        ("+86", "+86"),
        ("1e3", "1e3"),
        ("-1.5E-3", "-1.5E-3"),
        ("114.539", "114.539"),
        ("长安区=新区", "长安区=新区"),
        ("", ""),
    ],
)
def test_neutralise_formula(text, expected):
    assert neutralise_formula(text) == expected


def test_csv_bytes_for_spreadsheets_and_for_data():
    table = pd.DataFrame(
        {"id": ["=1", "a\rb"], "lon": [-0.5, float("inf")], "n": pd.array([3, None], dtype="Int64")}
    )
    assert csv_bytes(table) == '\ufeffid,lon,n\r\n\'=1,-0.5,3\r\n"a\rb",,\r\n'.encode()
    assert csv_bytes(table, for_spreadsheets=False) == b'id,lon,n\n=1,-0.5,3\n"a\rb",,\n'


FORMULA = '=HYPERLINK("http://evil","点击")'


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    frame = read_item_rows(
        write_records_csv(tmp_path_factory.mktemp("f") / "records.csv", export_records_table())
    )
    frame["note"] = frame["note"].astype(object)
    frame.loc[0, "note"], frame.loc[1, "note"] = FORMULA, "@cmd"
    frame.loc[2, "name_en"] = "-2+3"
    return frame


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def inputs() -> dict[str, object]:
    return small_inputs()


def test_the_csv_export_neutralises_formulas_and_keeps_numbers(records):
    rows = _csv_rows(export_bytes(records, fmt="csv").data)
    assert [r["note"] for r in rows[:2]] == ["'" + FORMULA, "'@cmd"]
    assert rows[2]["name_en"] == "'-2+3"
    assert rows[0]["lon"] == "114.539" and rows[0]["source_start"] == "100"


def test_the_csvs_in_the_shapefile_zip_neutralise_formulas(records, inputs):
    archive = zipfile.ZipFile(io.BytesIO(export_bytes(records, fmt="shp", **inputs).data))
    rows = _csv_rows(archive.read("records_wgs84.csv"))
    assert rows[0]["note"] == "'" + FORMULA
    mapping = fields_csv([DbfField("=a.shp", "-x", "@y", "text", 0, "+note")])
    assert _csv_rows(mapping) == [
        {
            "file": "'=a.shp",
            "field": "'-x",
            "full_name": "'@y",
            "type": "text",
            "truncated_values": "0",
            "note": "'+note",
        }
    ]


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "kml"])
def test_gis_formats_keep_the_raw_text(records, inputs, fmt, tmp_path):
    path = tmp_path / f"out.{fmt}"
    path.write_bytes(export_bytes(records, fmt=fmt, **inputs).data)
    if fmt == "geojson":
        notes = [f["properties"]["note"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]]
    else:
        layers = ["records"] if fmt == "gpkg" else [name for name, _ in pyogrio.list_layers(path)]
        notes = [n for layer in layers for n in pyogrio.read_dataframe(path, layer=layer)["note"]]
    assert FORMULA in notes and "@cmd" in notes
