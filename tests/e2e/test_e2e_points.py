"""100,000 synthetic items in a real browser: the point layer draws, a sector filter changes what
is drawn (in the same map, not a new one), and a click on a point opens that record's popup."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import LARGE_ITEMS, is_local
from mapapp import MapApp, poll
from playwright.sync_api import Page

from cluster_map.core.items import read_item_rows
from cluster_map.core.taxonomy import load_taxonomy
from cluster_map.ui.records_panel import POINT_TABLE_PAGE_ITEMS
from cluster_map.web.point_columns import point_columns

pytestmark = pytest.mark.e2e

CANVAS = "canvas.cm-points"
_LAYER_STATE = "() => { const l = window.cmPointLayer; return l ? [l._shown, l._map.getZoom()] : null; }"


@pytest.fixture(scope="module")
def large_rows(large_items: Path) -> pd.DataFrame:
    """The synthetic items as the app reads them."""
    return read_item_rows(large_items, max_mb=None)


def _canvas(app: MapApp) -> tuple[str, int, int]:
    """The point layer's mode (counts or points), points drawn (or bubbles) and points shown."""
    canvas = app.map.locator(CANVAS)
    return (
        canvas.get_attribute("data-mode") or "",
        int(canvas.get_attribute("data-drawn") or -1),
        int(canvas.get_attribute("data-shown") or -1),
    )


def _zoom_in_on_bubbles(app: MapApp, page: Page) -> None:
    """Click the first bubble until the layer draws points (as a person clicks a count to zoom in)."""
    frame = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    assert frame is not None
    for _ in range(3):
        if _canvas(app)[0] == "points":
            return
        x, y = app.map.locator("body").evaluate(
            "() => { const b = window.cmPointLayer._lastBubbles[0]; return [b.x, b.y]; }"
        )
        page.mouse.click(frame["x"] + x, frame["y"] + y)
        poll(lambda: _canvas(app)[0], lambda mode: mode == "points", timeout=5)
    assert _canvas(app)[0] == "points"


def test_100k_points_draw_filter_in_the_same_map_and_open_a_popup(
    large_page: Page,
    large_app_url: str,
    large_rows: pd.DataFrame,
    requests_seen: list[str],
    page_errors: list[str],
) -> None:
    app = MapApp(large_page, large_app_url).open()
    app.map.locator(f"{CANVAS}[data-drawn]").wait_for(timeout=60_000)
    mode, drawn, shown = _canvas(app)
    assert (mode, shown) == ("counts", LARGE_ITEMS) and drawn > 10  # zoomed out: counts per prefecture
    pages = -(-LARGE_ITEMS // POINT_TABLE_PAGE_ITEMS)
    large_page.get_by_text(f"每页 {POINT_TABLE_PAGE_ITEMS} 行，共 {pages} 页").wait_for(timeout=30_000)
    app.map.locator("body").evaluate("() => { window.cmSameMap = true; }")

    sector = "新一代信息技术"
    expected = int((large_rows["sector"] == sector).sum())
    app.choose("sector", sector)
    state = poll(lambda: app.map.locator("body").evaluate(_LAYER_STATE), lambda s: s and s[0] == expected)
    assert state[0] == expected
    assert _canvas(app)[2] == expected
    assert app.map.locator("body").evaluate(
        "() => window.cmSameMap === true"
    )  # the map was kept, not rebuilt
    assert f"{expected} / {LARGE_ITEMS}" in app.kept_line()

    _zoom_in_on_bubbles(app, large_page)
    index, x, y = app.map.locator("body").evaluate(
        """() => { const l = window.cmPointLayer, m = l._map, s = m.getSize();
        for (let i = 0; i < l._n; i++) { if (!l._mask[i]) continue; const p = m.latLngToContainerPoint(l.latLng(i));
          if (p.x > 80 && p.y > 80 && p.x < s.x - 80 && p.y < s.y - 80 && l.nearest(p) === i) return [i, p.x, p.y]; }
        return null; }"""
    )
    frame = large_page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    assert frame is not None
    large_page.mouse.click(frame["x"] + x, frame["y"] + y)
    popup = app.map.locator(".leaflet-popup-content .cm-popup:not(.cm-loading)")
    popup.first.wait_for(timeout=20_000)
    columns = point_columns(large_rows, taxonomy=load_taxonomy(), system="wgs84")
    record = large_rows.iloc[int(columns.rows[index])]
    assert record["sector"] == sector
    assert record["name_zh"] in popup.first.inner_text()
    quoted = popup.first.locator("blockquote.cm-source-sentence").all_inner_texts()
    assert quoted and all(text in record["source_sentence"].split("\n") for text in quoted)  # cites the plan
    assert app.map.locator(".leaflet-popup").count() == 1  # the "opening" popup got the content
    assert not [url for url in requests_seen if not is_local(url, large_app_url)]
    assert not page_errors
