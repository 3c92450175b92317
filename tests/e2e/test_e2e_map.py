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


_TANGSHAN, _HANDAN = [[39.2, 117.6], [40.2, 119.2]], [[36.1, 113.6], [36.9, 115.4]]
_FIT_JS = """async (body, [first, second, gap]) => {
  const map = window.cmMarkerMap, settle = () => new Promise(r => setTimeout(r, 1200));
  await settle();
  const before = map.getZoom();
  window.ClusterMap.fit(map, L.latLngBounds(first), {maxZoom: 12}, true);
  const rightAfter = map.getZoom();
  if (second) { await new Promise(r => setTimeout(r, gap)); window.ClusterMap.fit(map, L.latLngBounds(second), {maxZoom: 12}, true); }
  const gliding = map._animatingZoom === true;
  await settle();
  const view = map.getBounds();
  return {before, rightAfter, gliding, after: map.getZoom(),
          first: view.contains(L.latLngBounds(first)), second: second ? view.contains(L.latLngBounds(second)) : null};
}"""


def test_a_new_fit_glides_and_a_fit_asked_for_mid_glide_lands(app: MapApp, expected: Expected) -> None:
    """Later fits (new filters) glide, so the first frame after a filter shows its markers; one asked
    for while the map glides still lands (Leaflet alone would drop it)."""
    app.open()
    app.wait_drawn(expected.drawn({}))
    body = app.map.locator("body")
    glide = body.evaluate(_FIT_JS, [_TANGSHAN, None, 0])
    assert glide["rightAfter"] == glide["before"] < glide["after"], glide  # not yet zoomed, then zoomed
    assert glide["first"], glide
    app.open()
    app.wait_drawn(expected.drawn({}))
    twice = body.evaluate(_FIT_JS, [_TANGSHAN, _HANDAN, 120])
    assert twice["gliding"], twice  # the second fit came while the first glided
    assert twice["second"] and not twice["first"], twice


def test_a_person_who_asks_for_reduced_motion_gets_jumps(app: MapApp, expected: Expected) -> None:
    app.page.emulate_media(reduced_motion="reduce")
    app.open()
    app.wait_drawn(expected.drawn({}))
    jump = app.map.locator("body").evaluate(_FIT_JS, [_TANGSHAN, None, 0])
    assert jump["before"] < jump["rightAfter"] == jump["after"], jump
    assert jump["first"], jump
