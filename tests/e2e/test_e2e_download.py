"""The download button gives the filtered items as a GeoJSON FeatureCollection, one feature per item."""

from __future__ import annotations

import json

import pytest
from mapapp import Expected, MapApp

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    "query", [{"sector": "新能源", "kind": "key_project"}, {"zone": "coastal"}], ids=["sector+kind", "zone"]
)
def test_geojson_download_holds_exactly_the_filtered_items(
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
    items = filtered.groupby("id", sort=False)
    assert len(features) == items.ngroups  # one feature per item, however many places it keeps
    assert all(f["type"] == "Feature" and set(f) >= {"geometry", "properties"} for f in features)
    assert sorted(f["properties"]["id"] for f in features) == sorted(items.groups)
    unplaced = [f for f in features if f["geometry"] is None]
    assert len(unplaced) == sum(group.geometry.isna().all() for _, group in items)
    assert {f["geometry"]["type"] for f in features if f["geometry"]} <= {"Point", "MultiPoint"}
    assert all(isinstance(f["properties"]["mentions"], list) for f in features)
