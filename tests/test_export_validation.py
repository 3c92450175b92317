"""Export validates what it writes: invalid records stop it (or are left out with --skip-invalid)."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from export_records import export_records_table, small_inputs
from map_records import write_records_csv

from cluster_map.cli import main
from cluster_map.core.records import read_records
from cluster_map.core.validate import check_records, validation_context
from cluster_map.export import export_bytes


@pytest.fixture(scope="module")
def context():
    return validation_context()


def _strict_json(text: str) -> dict:
    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def _broken(path: Path, row: int, **values: str) -> Path:
    table = pd.read_csv(write_records_csv(path, export_records_table()), dtype=str, keep_default_na=False)
    for column, value in values.items():
        table.loc[row, column] = value
    table.to_csv(path, index=False)
    return path


# name, row, changes, message (line = row + 2)
CASES = [
    ("duplicate id", 1, {"id": "t-1"}, ":3:id: 't-1' is used twice; ids must be unique (first on line 2)"),
    (
        "swapped",
        0,
        {"lon": "38.036", "lat": "114.539"},
        ":2:lon: point (38.036, 114.539) is outside Hebei; lon and lat look swapped",
    ),
    ("outside Hebei", 4, {"lon": "121.47", "lat": "31.23"}, ":6:lon: point (121.47, 31.23) is outside Hebei"),
    ("infinity", 0, {"lon": "inf"}, ":2:lon: lon/lat 'inf', '38.036' are not finite numbers"),
    ("Infinity", 3, {"lat": "Infinity"}, ":5:lon: lon/lat '115.95', 'Infinity' are not finite numbers"),
    ("nan", 0, {"lon": "nan"}, ":2:lon: lon/lat 'nan', '38.036' are not finite numbers"),
    ("text lon", 0, {"lon": "东经114"}, ":2:lon: lon/lat '东经114', '38.036' are not numbers"),
    (
        "non-integer offset",
        2,
        {"source_start": "1.5"},
        ":4:source_start: offsets '1.5':'308' are not whole numbers",
    ),
    ("unknown sector", 1, {"sector": "航天"}, ":3:sector: '航天' is not a known sector"),
]


@pytest.mark.parametrize(("row", "changes", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
@pytest.mark.parametrize("fmt", ["geojson", "csv", "kml"])
def test_export_refuses_invalid_records(tmp_path, capsys, row, changes, message, fmt):
    records = _broken(tmp_path / "records.csv", row, **changes)
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--records", str(records), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{records}{message}" in err and "nothing was written" in err and "--skip-invalid" in err
    assert not out.exists()


@pytest.mark.parametrize(("row", "changes", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_skip_invalid_writes_the_valid_records(tmp_path, capsys, row, changes, message):
    records = _broken(tmp_path / "records.csv", row, **changes)
    out = tmp_path / "out.geojson"
    assert main(["export", "--records", str(records), "-o", str(out), "--skip-invalid"]) == 0
    captured = capsys.readouterr()
    assert message in captured.err and "1 of 5 records left out" in captured.err
    features = _strict_json(out.read_text(encoding="utf-8"))["features"]
    assert len(features) == 4 and "4 records" in captured.out


def test_valid_records_export_without_a_word(tmp_path, capsys):
    out = tmp_path / "out.geojson"
    records = write_records_csv(tmp_path / "r.csv", export_records_table())
    assert main(["export", "--records", str(records), "-o", str(out)]) == 0
    assert (
        capsys.readouterr().err == "" and len(_strict_json(out.read_text(encoding="utf-8"))["features"]) == 5
    )


def test_check_records_takes_typed_records_as_the_app_has_them(tmp_path, context):
    records = read_records(_broken(tmp_path / "r.csv", 1, lon="inf", id="t-1"))
    check = check_records(records, source="r.csv", context=context)
    assert check.invalid == [1]
    assert check.problems == [
        "r.csv:3:id: 't-1' is used twice; ids must be unique (first on line 2)",
        "r.csv:3:lon: lon/lat 'inf', '39.4' are not finite numbers; give decimal degrees such as 114.5, 38.0",
    ]
    assert len(check.valid(records)) == 4
    assert check_records(records.iloc[:0], context=context).ok


@pytest.mark.parametrize("fmt", ["geojson", "csv", "kml", "gpkg", "shp"])
def test_no_file_holds_a_non_finite_number(fmt):
    """The writers themselves (which the app calls too) drop inf and NaN: null, empty or no geometry."""
    frame = gpd.GeoDataFrame(
        {"id": ["a", "b"], "lon": [np.inf, 115.0], "lat": [38.0, -np.inf], "score": [np.inf, np.nan]},
        geometry=[shapely.Point(np.inf, 38.0), shapely.Point(115.0, 38.0)],
        crs="EPSG:4326",
    )
    data = export_bytes(frame, fmt=fmt, **small_inputs()).data
    if fmt == "geojson":
        collection = _strict_json(data.decode("utf-8"))
        assert collection["features"][0]["geometry"] is None
        assert collection["features"][0]["properties"]["score"] is None
    if fmt in ("csv", "kml"):
        assert b"inf" not in data.lower()
