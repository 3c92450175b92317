"""Filtering as a user does it: the sidebar, the search box, and a shared link."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from mapapp import Drawn, Expected, MapApp

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("sector", ["新能源", "绿色环保"], ids=["new-energy", "green"])
def test_choosing_a_sector_draws_its_records(app: MapApp, expected: Expected, sector: str) -> None:
    want = expected.drawn({"sector": sector})
    assert want != expected.drawn({}), "the case should change what is drawn"
    app.open()
    assert app.wait_drawn(expected.drawn({})) == expected.drawn({})
    app.choose("sector", sector)
    assert app.wait_drawn(want) == want
    assert parse_qs(urlsplit(app.page.url).query).get("sector") == [sector]
    shared = app.page.url
    app.page.goto("about:blank")
    app.page.goto(shared)  # a new session that knows only the link
    assert app.wait_drawn(want) == want


def known_record(expected: Expected) -> dict[str, str]:
    """The first record that a search for its Chinese name finds alone, drawn as a marker, with a section."""
    for record in expected.records.to_dict("records"):
        query = {"q": record["name_zh"]}
        found = expected.filtered(query)
        if (
            found["id"].nunique() == 1
            and len(found) == 1
            and record["source_section"]
            and expected.drawn(query) == Drawn(1, 0)
        ):
            return record
    raise AssertionError("no record is found alone by its name; the search test needs one")


def test_search_finds_a_record_whose_popup_cites_its_section(app: MapApp, expected: Expected) -> None:
    record = known_record(expected)
    app.open()
    app.search(record["name_zh"])
    assert app.wait_drawn(Drawn(1, 0)) == Drawn(1, 0)
    popup = app.open_first_marker_popup()
    assert popup.get_attribute("data-record-id") == record["id"]
    assert popup.locator(".cm-source-section").inner_text() == record["source_section"]
    assert popup.locator(".cm-source-sentence").inner_text() == record["source_sentence"]


@pytest.mark.parametrize(
    "query",
    [
        {"sector": "新能源", "kind": "key_project"},
        {"sector": "高端装备", "prefecture": "唐山"},
        {"zone": "coastal", "q": "港"},
    ],
    ids=["sector+kind", "sector+prefecture", "zone+search"],
)
def test_shared_url_opens_the_same_filtered_view(
    app: MapApp, expected: Expected, query: dict[str, str]
) -> None:
    want = expected.drawn(query)
    assert want != expected.drawn({}) and want.markers > 0, "the case should keep some records, not all"
    app.open(query)
    assert app.wait_drawn(want) == want
    app.page.get_by_text(expected.kept_line(query, "zh")).wait_for()


_KEEP_MARKERS_JS = """() => { window.cmKeptMarkers = new Set(
  Object.values(window.cmMarkerMap._cmMarkers).flat()); }"""
_SAME_MARKERS_JS = """() => { const now = Object.values(window.cmMarkerMap._cmMarkers).flat();
  return [now.length, now.filter(m => window.cmKeptMarkers.has(m)).length]; }"""


def test_a_cleared_filter_draws_every_record_again_with_working_popups(
    app: MapApp, expected: Expected
) -> None:
    """The markers of the narrower view are kept and shown again: the map, not a new page, changes.

    The narrower view sends fewer icons (only its sectors' colours) than the whole; the markers are
    still the ones made for the first view, not made again.
    """
    everything, narrow = expected.drawn({}), expected.drawn({"sector": "新能源"})
    app.open()
    assert app.wait_drawn(everything) == everything
    body = app.map.locator("body")
    body.evaluate(_KEEP_MARKERS_JS)
    app.choose("sector", "新能源")
    assert app.wait_drawn(narrow) == narrow
    app.clear_filters()
    assert app.wait_drawn(everything) == everything
    assert app.page.locator('iframe[title="streamlit_folium.st_folium"]').count() == 1
    assert body.evaluate(_SAME_MARKERS_JS) == [everything.markers, everything.markers]
    popup = app.open_first_marker_popup()
    assert popup.get_attribute("data-record-id") in set(expected.records["id"])
    assert popup.locator(".cm-source-sentence").first.inner_text().strip()
