"""Export validates what it writes: invalid items stop it (or are left out with --skip-invalid)."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely
from export_records import small_inputs
from valid_items import edit_table, write_valid_folder

from cluster_map.cli import main
from cluster_map.export import export_bytes


def _strict_json(text: str) -> dict:
    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


# name, table, row, changes, message (line = row + 2)
CASES = [
    ("duplicate id", "items", 1, {"id": "sei-1-1-01"}, "items.csv:3:id: 'sei-1-1-01' is used twice"),
    (
        "swapped",
        "places",
        0,
        {"lon": "38.394931", "lat": "115.345453"},
        "places.csv:2:lon: point (38.394931, 115.345453) is outside Hebei; lon and lat look swapped",
    ),
    ("outside Hebei", "places", 0, {"lon": "121.47", "lat": "31.23"}, "places.csv:2:lon: point (121.47, 31.23) is outside Hebei"),
    ("infinity", "places", 0, {"lon": "inf"}, "places.csv:2:lon: lon/lat 'inf'"),
    ("text lon", "places", 0, {"lon": "东经114"}, "places.csv:2:lon: lon/lat '东经114'"),
    ("unknown sector", "items", 1, {"sector": "航天"}, "items.csv:3:sector: '航天' is not a known sector"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("table", "row", "changes", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
@pytest.mark.parametrize("fmt", ["geojson", "csv", "kml"])
def test_export_refuses_invalid_items_with_the_real_writers(
    tmp_path, capsys, table, row, changes, message, fmt
):
    folder = write_valid_folder(tmp_path / "items")
    edit_table(folder, table, row, **changes)
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--items", str(folder), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert message in err and "nothing was written" in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("table", "row", "changes", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_skip_invalid_writes_the_valid_items(tmp_path, capsys, table, row, changes, message):
    folder = write_valid_folder(tmp_path / "items")
    edit_table(folder, table, row, **changes)
    out = tmp_path / "out.geojson"
    assert main(["export", "--items", str(folder), "-o", str(out), "--skip-invalid"]) == 0
    assert message in capsys.readouterr().err
    features = _strict_json(out.read_text(encoding="utf-8"))["features"]
    assert 3 <= len(features) < 5  # the bad item left out (a duplicate id leaves out both rows' item)


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
