"""The download button gives the filtered records as a GeoJSON FeatureCollection."""

from __future__ import annotations

import json

import pytest
from mapapp import Expected, MapApp

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    "query", [{"sector": "新能源", "kind": "key_project"}, {"zone": "coastal"}], ids=["sector+kind", "zone"]
)
def test_geojson_download_holds_exactly_the_filtered_records(
    app: MapApp, expected: Expected, query: dict[str, str]
) -> None:
    filtered = expected.filtered(query)
    app.open(query)
    app.wait_drawn(expected.drawn(query))
    download = app.download()
    assert download.suggested_filename.endswith(".geojson")
    collection = json.loads(download.path().read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == len(filtered)
    assert all(f["type"] == "Feature" and set(f) >= {"geometry", "properties"} for f in features)
    assert sorted(f["properties"]["id"] for f in features) == sorted(filtered["id"])
    unplaced = [f for f in features if f["geometry"] is None]
    assert len(unplaced) == int(filtered.geometry.isna().sum())
    assert {f["geometry"]["type"] for f in features if f["geometry"]} <= {"Point"}
