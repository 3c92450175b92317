"""Every error raised on purpose is a ClusterMapError, so a caller catches one class and shows str(error)."""

from __future__ import annotations

import geopandas as gpd
import pytest

from cluster_map.core import boundaries, crs, facets, sources, taxonomy
from cluster_map.core.errors import ClusterMapError, UsageError
from cluster_map.core.filters import FilterChoices
from cluster_map.core.geojson import feature_collection
from cluster_map.ui import download
from cluster_map.web import symbols

CALLS = [
    ("boundary layer", lambda: boundaries.boundary_path("city")),
    ("boundary weight", lambda: boundaries.boundary_path("county", weight="tiny")),
    (
        "crs name",
        lambda: crs.transform_frame(gpd.GeoDataFrame(geometry=[], crs=4326), source="mars", target="wgs84"),
    ),
    ("geojson crs", lambda: feature_collection(gpd.GeoDataFrame(geometry=[], crs=3857))),
    ("span", lambda: sources.sentence_around("abc", 5, 9)),
    ("facet", lambda: facets.facet_counts(None, None, choices=FilterChoices(), field="search")),
    ("download format", lambda: download.crs_options("xls", "zh")),
    ("symbol shape", lambda: symbols.marker_svg(shape="heart", color="#000000")),
    ("document", lambda: taxonomy.load_taxonomy().document_text("xyz")),
]


@pytest.mark.parametrize("call", [c[1] for c in CALLS], ids=[c[0] for c in CALLS])
def test_bad_arguments_raise_a_usage_error(call):
    with pytest.raises(UsageError) as caught:
        call()
    assert isinstance(caught.value, ClusterMapError) and isinstance(caught.value, ValueError)
