"""What the browser tests expect (from cluster_map) and how they drive the page (a page object).

:class:`Expected` answers "what should the map draw for this query?" with the package's own
functions (``read_records`` + ``apply_filters``), never with numbers written into a test.
:class:`MapApp` opens the Streamlit page, works its sidebar by the widgets' accessible names, and
counts what Leaflet drew inside the ``st_folium`` iframe.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlencode

import geopandas as gpd

from cluster_map.core.catalog import Catalog, load_catalog
from cluster_map.core.fields import FILTER_FIELDS
from cluster_map.core.filters import FilterChoices, apply_filters, spec_from_query
from cluster_map.core.i18n import Lang, t
from cluster_map.core.items import item_count, placed_item_ids, read_item_rows
from cluster_map.core.taxonomy import Taxonomy, load_taxonomy
from cluster_map.ui.option_labels import url_value_labeller
from cluster_map.web.layer_spec import LayerSpec, load_layer_specs

if TYPE_CHECKING:
    from playwright.sync_api import Download, FrameLocator, Locator, Page

T = TypeVar("T")
Query = Mapping[str, str]
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
#: URL key of a filter -> the i18n key of its widget's label (the registry's, cluster_map.core.fields).
FILTER_LABELS = {f.key: f.label for f in FILTER_FIELDS}


def label_key(field: str) -> str:
    """The i18n key of a widget's label: a filter by its URL key (``sector``, ``q``) or any other key."""
    return FILTER_LABELS.get(field, field)


#: Counts what Leaflet drew: markers (loose ones plus the numbers on the clusters) and zone areas.
_COUNT_DRAWN_JS = """body => {
  const doc = body.ownerDocument;
  const loose = doc.querySelectorAll('.leaflet-marker-pane .cm-marker').length;
  const clustered = [...doc.querySelectorAll('.leaflet-marker-pane .marker-cluster')]
    .reduce((n, el) => n + (parseInt(el.textContent, 10) || 0), 0);
  const zones = doc.querySelectorAll('.leaflet-cm-zones-pane path').length;
  return [loose + clustered, zones];
}"""


@dataclass(frozen=True)
class Drawn:
    """What the map shows: point markers (clustered ones counted by their cluster) and zone areas."""

    markers: int
    zones: int


@dataclass(frozen=True)
class Expected:
    """The data the app serves, and what a filter should keep and draw."""

    records: gpd.GeoDataFrame
    choices: FilterChoices
    taxonomy: Taxonomy
    specs: tuple[LayerSpec, ...]
    catalog: Catalog

    @classmethod
    def load(cls) -> Expected:
        """Read the committed records, the catalog of units and zones, the taxonomy and layer files."""
        taxonomy, catalog, records = load_taxonomy(), load_catalog(), read_item_rows()
        choices = FilterChoices.build(records, catalog=catalog, taxonomy=taxonomy)
        specs = tuple(load_layer_specs(kinds=taxonomy.kinds, levels=taxonomy.levels))
        return cls(records, choices, taxonomy, specs, catalog)

    def label(self, key: str, value: str, lang: Lang) -> str:
        """How the page shows a URL value (``prefecture``, ``130200``) in ``lang`` (唐山市, Tangshan City)."""
        return url_value_labeller(catalog=self.catalog, taxonomy=self.taxonomy, lang=lang)(key, value)

    def filtered(self, query: Query) -> gpd.GeoDataFrame:
        """The records the URL query keeps (every value must be known)."""
        spec, _ = spec_from_query(query, choices=self.choices, strict=True)
        return apply_filters(self.records, spec, choices=self.choices)

    def kept_line(self, query: Query, lang: Lang) -> str:
        """The line above the map for the query: items kept, of all, on the map, without a place."""
        filtered = self.filtered(query)
        kept, placed = item_count(filtered), len(placed_item_ids(filtered))
        total = item_count(self.records)
        return t("kept", lang, kept=kept, total=total, placed=placed, unplaced=kept - placed)

    def drawn(self, query: Query) -> Drawn:
        """What the map should draw for the query: each placed record once, as a marker or in its zone."""
        placed = self.filtered(query)
        placed = placed[placed.geometry.notna() & ~placed.geometry.is_empty]
        shown = [s for s in self.specs if s.show]
        zone_kinds = {k for s in shown if s.type == "zones" for k in s.kinds}
        point_kinds = {k for s in shown if s.type == "points" for k in s.kinds}
        zone_ids = self.catalog.zone_of_records(placed)
        as_zone = placed["kind"].isin(zone_kinds) & (zone_ids != "")
        as_area = (placed["precision"] == "multi_prefecture") & any(s.type == "areas" for s in shown)
        as_marker = placed["kind"].isin(point_kinds) & ~as_zone & ~as_area  # one marker per item and place
        return Drawn(markers=int(as_marker.sum()), zones=int(zone_ids[as_zone].nunique()))


def poll(
    read: Callable[[], T], until: Callable[[T], bool], *, timeout: float = 20.0, every: float = 0.25
) -> T:
    """Call ``read`` until ``until`` accepts it three times in a row (cluster animations settle), or time out.

    Returns the last value read, accepted or not, so the caller's assert shows what the page had.
    """
    deadline = time.monotonic() + timeout
    value, streak = read(), 0
    while True:
        streak = streak + 1 if until(value) else 0
        if streak >= 3 or time.monotonic() > deadline:
            return value
        time.sleep(every)
        value = read()


class MapApp:
    """The Streamlit page of the map, as a user sees it."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.lang: Lang = "zh"
        self.query: Query = {}

    # --- navigation ---

    def open(self, query: Query | None = None) -> MapApp:
        """Open the app (with URL query parameters) and wait until the map has drawn something."""
        self.query = dict(query or {})
        suffix = f"/?{urlencode(self.query)}" if self.query else "/"
        self.page.goto(self.base_url + suffix)
        crashed = self.page.get_by_test_id("stException")
        self.page.locator(MAP_IFRAME).or_(crashed).first.wait_for(state="attached")
        if crashed.count():  # fail at once with the app's traceback, not after a timeout
            raise AssertionError(f"the app raised an exception:\n{crashed.first.inner_text()}")
        self.map.locator(".leaflet-container").wait_for()
        self.map.locator(".cm-legend").wait_for()
        return self

    @property
    def map(self) -> FrameLocator:
        """The st_folium component's iframe, where Leaflet draws."""
        return self.page.frame_locator(MAP_IFRAME).last  # a rerun briefly shows the old frame and the new

    @property
    def sidebar(self) -> Locator:
        return self.page.get_by_test_id("stSidebar")

    # --- what is drawn ---

    def drawn(self) -> Drawn:
        """Count the markers (cluster numbers included) and zone areas Leaflet has drawn right now."""
        try:
            markers, zones = self.map.locator("body").evaluate(_COUNT_DRAWN_JS, timeout=5_000)
        except Exception:  # noqa: BLE001  # the iframe is being replaced by a rerun: nothing drawn at this instant
            return Drawn(-1, -1)
        return Drawn(markers, zones)

    def wait_drawn(self, expected: Drawn, *, timeout: float = 20.0) -> Drawn:
        """The drawn counts once they equal ``expected`` (or the last counts after ``timeout``)."""
        return poll(self.drawn, lambda d: d == expected, timeout=timeout)

    # --- the sidebar ---

    def chosen(self, field: str) -> list[str]:
        """The chips of the multiselect of filter ``field`` (a URL key): what the user selected, as shown."""
        label = t(label_key(field), self.lang)
        for box in self.sidebar.get_by_test_id("stMultiSelect").all():
            if box.get_by_test_id("stWidgetLabel").inner_text().strip() == label:
                tags = box.locator(".react-aria-ComboBox [data-tag]")
                return tags.evaluate_all("tags => tags.map(tag => tag.getAttribute('aria-label'))")
        raise AssertionError(f"no multiselect labelled {label!r}")

    def kept_line(self) -> str:
        """The line above the map that says how many records the filter keeps."""
        return self.page.get_by_test_id("stAlertContentInfo").first.inner_text()

    def settle(self) -> None:
        """Wait until Streamlit has finished the run a change started (as a person waits for the page).

        On a loaded machine the run may start late: wait up to 2 s for the running indicator to
        appear, then for it to go away.
        """
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        status = self.page.get_by_test_id("stStatusWidget")
        with contextlib.suppress(PlaywrightTimeout):  # the run was over before we looked, or took no time
            status.wait_for(state="attached", timeout=2_000)
        status.wait_for(state="detached", timeout=30_000)
        self.page.wait_for_timeout(200)

    def choose(self, field: str, label: str) -> None:
        """Pick the option whose text starts with ``label`` in the multiselect of filter ``field`` (its URL key)."""
        box = self.sidebar.get_by_role("combobox", name=t(label_key(field), self.lang), exact=True)
        box.scroll_into_view_if_needed()  # as a person scrolls to it first: a list opened while the
        self.page.wait_for_timeout(300)  # sidebar still scrolls closes again at once
        box.click()
        option = self.page.get_by_role("option", name=re.compile(rf"^{re.escape(label)}(?:\s|\(|（|$)"))
        option.first.click()
        self.page.keyboard.press("Escape")
        self.settle()

    def search(self, text: str) -> None:
        """Type ``text`` into the search box and submit it."""
        box = self.sidebar.get_by_role("textbox", name=t(label_key("q"), self.lang), exact=True)
        box.fill(text)
        box.press("Enter")
        self.settle()

    def switch_language(self) -> None:
        """Flip the language switch (Chinese <-> English)."""
        switch = self.page.get_by_role("switch", name=t("language", self.lang), exact=True)
        # Streamlit's toggle hides its <input> under the label: click the label.
        self.sidebar.locator("label").filter(has=switch).click()
        self.lang = "en" if self.lang == "zh" else "zh"
        self.settle()

    def clear_filters(self) -> None:
        """Click the sidebar's clear-filters button."""
        self.sidebar.get_by_role("button", name=t("clear", self.lang), exact=True).click()
        self.settle()

    def shown(self, field: str) -> str:
        """The option a select box labelled ``t(field)`` shows as chosen."""
        return self.page.get_by_role("combobox", name=t(field, self.lang), exact=True).input_value()

    def select_box(self, field: str, option: str) -> None:
        """Pick ``option`` (its shown label) in the select box labelled ``t(field)`` (sidebar or page)."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        box = self.page.get_by_role("combobox", name=t(field, self.lang), exact=True)
        choice = self.page.get_by_role("option", name=option, exact=True)
        for _ in range(3):  # a rerun that redraws the sidebar closes an open list: open it again
            box.click()
            try:
                choice.click(timeout=5_000)
                break
            except PlaywrightTimeout:
                self.settle()
        else:
            raise AssertionError(f"option {option!r} of {t(field, self.lang)!r} never showed")
        self.settle()

    # --- the download ---

    def download(self, *, timeout: float = 10.0) -> Download:
        """Click the download button and return the file the browser receives."""
        with self.page.expect_download(timeout=timeout * 1000) as started:
            self.page.get_by_role("button", name=t("download", self.lang), exact=True).click()
        return started.value

    # --- layers and popups ---

    def show_layer(self, layer_id: str) -> None:
        """Tick a layer in the map's layer control by its ``data-layer`` id (the layers/ file name)."""
        entry = self.map.locator("label").filter(has=self.map.locator(f'[data-layer="{layer_id}"]'))
        entry.locator("input").check()

    def zoom(self) -> float:
        """The map's zoom level now."""
        return float(self.map.locator("body").evaluate("() => window.map.getZoom()"))

    def zoom_to(self, level: float) -> None:
        """Click the map's "+" button until the zoom reaches ``level`` (as a person zooms in)."""
        for _ in range(20):
            if self.zoom() >= level:
                return
            self.map.locator(".leaflet-control-zoom-in").click()
            self.page.wait_for_timeout(400)
        raise AssertionError(f"the map did not zoom to {level}; it is at {self.zoom()}")

    def paths(self, layer_id: str) -> int:
        """How many SVG paths Leaflet drew in a layer's pane (one per feature)."""
        return self.map.locator(f".leaflet-cm-{layer_id}-pane path").count()

    def wait_paths(self, layer_id: str, count: int, *, timeout: float = 20.0) -> int:
        """The number of paths in a layer's pane once it equals ``count`` (or the last after ``timeout``)."""
        return poll(lambda: self.paths(layer_id), lambda n: n == count, timeout=timeout)

    def open_first_marker_popup(self) -> Locator:
        """Click the first marker not inside a cluster and return its popup's record."""
        # dispatch the click on the icon itself: another marker or the legend may overlap its centre
        self.map.locator(".leaflet-marker-pane .cm-marker").first.dispatch_event("click")
        popup = self.map.locator(".leaflet-popup-content .cm-record")
        popup.wait_for()
        return popup
