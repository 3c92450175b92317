"""The map opens and draws every placed record, with nothing fetched from another host."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from mapapp import Expected, MapApp

from cluster_map.core.boundaries import read_boundaries

pytestmark = pytest.mark.e2e


def test_map_draws_every_placed_record(app: MapApp, expected: Expected, page_errors: list[str]) -> None:
    want = expected.drawn({})
    assert want.markers > 0 and want.zones > 0, "the data should give both markers and zone areas"
    app.open()
    assert app.wait_drawn(want) == want
    assert page_errors == []


def test_no_request_leaves_the_local_server(
    app: MapApp, expected: Expected, requests_seen: list[str], foreign_requests: Callable[[], list[str]]
) -> None:
    app.open()
    app.wait_drawn(expected.drawn({}))
    # The county layer is fetched only from zoom 8 on; a popup and a rerun load more.
    app.zoom_to(8.5)
    counties = len(read_boundaries("county", weight="web"))
    assert app.wait_paths("counties", counties) == counties
    app.open_first_marker_popup()
    app.choose("sector", "新能源")
    app.wait_drawn(expected.drawn({"sector": "新能源"}))
    assert any("/app/static/" in url for url in requests_seen), "the map's assets come from the app"
    assert foreign_requests() == []
