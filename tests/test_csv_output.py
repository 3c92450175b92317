"""CSV writing: formulas neutralised in files for spreadsheets, numbers and GIS formats untouched."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pandas as pd
import pyogrio
import pytest
from export_records import export_rows, small_inputs

from cluster_map.core.csv_output import csv_bytes, neutralise_formula
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
def rows():
    frame = export_rows()
    frame["note_en"] = frame["note_en"].astype(object)
    frame.loc[0, "note_en"], frame.loc[1, "note_en"] = FORMULA, "@cmd"
    frame.loc[2, "name_en"] = "-2+3"
    first, *others = frame.loc[1, "mentions"]
    frame.at[1, "mentions"] = (first._replace(section="=SUM(A1)", sentence="+cmd"), *others)
    return frame


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def inputs() -> dict[str, object]:
    return small_inputs()


def test_the_csv_export_neutralises_formulas_and_keeps_numbers(rows):
    items = _csv_rows(export_bytes(rows, fmt="csv").data)
    assert [r["note_en"] for r in items[:2]] == ["'" + FORMULA, "'@cmd"]
    assert items[2]["name_en"] == "'-2+3"
    assert items[0]["lon"] == "114.539" and items[0]["mention_count"] == "2"
    assert items[-1]["lon"] == "117.006;115.966"  # several places: not a number, not a formula either
    assert items[1]["mentions"] == "sei =SUM(A1): +cmd"  # does not start with a formula character


def test_the_csvs_in_the_shapefile_zip_neutralise_formulas(rows, inputs):
    archive = zipfile.ZipFile(io.BytesIO(export_bytes(rows, fmt="shp", **inputs).data))
    items = _csv_rows(archive.read("items_wgs84.csv"))
    assert items[0]["note_en"] == "'" + FORMULA
    mentions = [m for m in _csv_rows(archive.read("mentions_wgs84.csv")) if m["item_id"] == "t-2"]
    assert (mentions[0]["section"], mentions[0]["sentence"]) == ("'=SUM(A1)", "'+cmd")
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
def test_gis_formats_keep_the_raw_text(rows, inputs, fmt, tmp_path):
    path = tmp_path / f"out.{fmt}"
    path.write_bytes(export_bytes(rows, fmt=fmt, **inputs).data)
    if fmt == "geojson":
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        notes = [f["properties"]["note_en"] for f in features]
        sentences = [m["sentence"] for f in features for m in f["properties"]["mentions"]]
    else:
        layers = ["items"] if fmt == "gpkg" else [name for name, _ in pyogrio.list_layers(path)]
        notes = [n for layer in layers for n in pyogrio.read_dataframe(path, layer=layer)["note_en"]]
        if fmt == "gpkg":
            sentences = list(pyogrio.read_dataframe(path, layer="mentions")["sentence"])
        else:
            sentences = [
                line.split(": ", 1)[1]
                for layer in layers
                for text in pyogrio.read_dataframe(path, layer=layer)["mentions"]
                for line in text.split("\n")
            ]
    assert FORMULA in notes and "@cmd" in notes and "+cmd" in sentences
