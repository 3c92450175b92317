"""The plan reader in a real browser: from a map popup to the highlighted mention, and back to the
map with the item's popup open; a deep link to a box; a citation."""

from __future__ import annotations

import pytest
from mapapp import MapApp, poll

from cluster_map.core.i18n import t

pytestmark = pytest.mark.e2e
ITEM = "sei-b07-03"  # 廊坊香河机器人产业基地, named in sei 专栏7 and sti 专栏2


def _in_view(locator) -> bool:
    return bool(
        locator.evaluate(
            "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
        )
    )


def test_read_in_the_plan_and_back_to_the_map(app: MapApp) -> None:
    app.open({"item": ITEM})
    popup = app.map.locator(".leaflet-popup")
    popup.wait_for()
    button = popup.locator(".cm-read").first
    assert button.inner_text() == t("read_in_plan", "zh")
    at = button.get_attribute("data-at")
    button.click()
    page = app.page
    poll(lambda: page.url, lambda url: "/reader?" in url)
    focus = page.locator("mark.cm-focus")
    focus.first.wait_for()
    assert f"doc=sei&at={at}" in page.url
    assert ITEM in focus.first.get_attribute("data-items").split()
    assert focus.first.inner_text() == "廊坊香河"
    poll(lambda: _in_view(focus.first), bool)  # scrolled to the mention
    focus.first.click()
    card = page.locator(".cm-card")
    assert "廊坊香河机器人产业基地" in card.inner_text()
    card.locator(".cm-open-item").first.click()
    poll(lambda: page.url, lambda url: "/reader" not in url)
    popup = app.map.locator(".leaflet-popup")
    popup.wait_for()
    assert "廊坊香河机器人产业基地" in popup.inner_text()  # the map opened on the item


def test_a_deep_link_to_a_box_and_a_citation(app: MapApp) -> None:
    page = app.page
    page.goto(f"{app.base_url}/reader?doc=sei&section=专栏7&lang=en")
    heading = page.locator('[id="s-专栏7"]')
    heading.wait_for()
    poll(lambda: _in_view(heading), bool)
    mark = page.locator('mark.cm-m[data-items~="sei-b07-03"]').first
    mark.click()
    page.locator(".cm-card .cm-cite").first.click()
    dialog = page.get_by_role("dialog")
    dialog.locator("code").nth(1).wait_for()
    assert "Box 7 (专栏7), paragraph 1." in dialog.inner_text()
    assert "专栏7, 第1段." in dialog.inner_text()  # both languages, ready to copy
