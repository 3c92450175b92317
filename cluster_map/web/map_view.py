"""The folium map of the filtered records: the base map, the layers' payloads, the legend, the fit.

:func:`cluster_map.web.context.load_map_context` gathers what does not change with the filter
(cache it in the app). The app's map is two parts: :func:`marker_base_map` (what no filter changes:
tiles, boundaries, the record layers empty, the controls) and :func:`marker_view_group` (the
filtered records' payloads, from :mod:`cluster_map.web.payloads`, the legend and the fit), which
streamlit-folium applies to the map it keeps. :func:`build_map` puts both in one standalone map.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any, cast

import folium
import geopandas as gpd
import pandas as pd

from cluster_map.core.catalog import Bounds
from cluster_map.core.crs import CoordinateSystem, transform_frame
from cluster_map.core.errors import UsageError
from cluster_map.core.i18n import Lang, t
from cluster_map.core.items import split_multi
from cluster_map.web.assets import POINT_LAYER_SCRIPT
from cluster_map.web.basemap_specs import BASEMAPS, DEFAULT_BASEMAP
from cluster_map.web.basemaps import tile_layers
from cluster_map.web.choropleth import Classes
from cluster_map.web.context import MapContext
from cluster_map.web.layer_spec import LayerSpec
from cluster_map.web.layers import layer_element, layer_label
from cluster_map.web.leaflet import RuntimeControl
from cluster_map.web.legend import legend_html
from cluster_map.web.payloads import View, layer_payload
from cluster_map.web.popup_book import BOOK_CHUNK_ROWS

__all__ = [
    "FIT_MAX_ZOOM",
    "HEBEI_BOUNDS",
    "base_map",
    "build_map",
    "marker_base_map",
    "marker_view_group",
    "view_bounds",
]

HEBEI_BOUNDS = [[36.0, 113.4], [42.65, 119.9]]  # [[south, west], [north, east]]
FIT_MAX_ZOOM = 10  # fitting one county-level point shows its county and neighbours, not a street


def base_map(context: MapContext, *, lang: Lang, basemap: str, key: str) -> folium.Map:
    """An empty map over Hebei with the local scripts, the base map's tiles and the data attribution."""
    max_zoom = BASEMAPS[basemap].max_zoom  # the marker cluster needs one even with no tiles
    fmap = folium.Map(
        location=[39.3, 116.5],
        zoom_start=7,
        tiles=None,
        control_scale=True,
        minZoom=5,
        maxZoom=max_zoom,
        zoomSnap=0.25,
        zoomDelta=0.5,
    )
    fmap.default_js = list(context.js)  # local copies only: no CDN (see cluster_map.web.assets)
    fmap.default_css = list(context.css)
    RuntimeControl("quietStart", []).add_to(fmap)
    tiles = tile_layers(basemap, lang=lang, key=key)
    for layer in tiles:
        layer.add_to(fmap)
    if tiles:
        RuntimeControl("tileNotice", [t("tiles_failed", lang)]).add_to(fmap)
    RuntimeControl("attribution", [escape(t("attribution_data", lang))]).add_to(fmap)
    return fmap


def _union(boxes: list[Bounds]) -> Bounds | None:
    if not boxes:
        return None
    west, south, east, north = zip(*boxes, strict=True)
    return min(west), min(south), max(east), max(north)


def view_bounds(
    placed: pd.DataFrame, zone_ids: pd.Series, *, context: MapContext, units: Sequence[str] = ()
) -> list[list[float]]:
    """What the map should fit: the units the user chose, or else the drawn records (zones by area).

    Parameters
    ----------
    placed
        The drawn records with ``x`` / ``y`` (as :func:`build_map` prepares them).
    zone_ids
        The zone each record names as a whole (:meth:`Catalog.zone_of_records
        <cluster_map.core.catalog.Catalog.zone_of_records>`), "" for none.
    context
        Its catalog has the units' and zones' extents.
    units
        Codes of the prefectures, counties or zones the user chose (their whole extent is shown).

    Returns
    -------
    ``[[south, west], [north, east]]``; all of Hebei when nothing is drawn or chosen. Chosen units
    win: a record that spans them (a development zone) does not pull the view out to its whole area.
    """
    extents = context.catalog.bounds
    box = _union([extents[code] for code in units if code in extents])
    if box is None:
        boxes = [extents[code] for code in zone_ids[zone_ids != ""] if code in extents]
        free = zone_ids.loc[placed.index] == ""
        several = free & (placed["precision"] == "multi_prefecture")  # drawn as their prefectures
        areas = placed.loc[several, "prefecture_code"]
        boxes += [extents[code] for cell in areas for code in split_multi(cell) if code in extents]
        points = placed[free & ~several]
        if len(points):
            boxes.append((points["x"].min(), points["y"].min(), points["x"].max(), points["y"].max()))
        box = _union(boxes)
    if box is None:
        return HEBEI_BOUNDS
    west, south, east, north = (float(v) for v in box)
    return [[south, west], [north, east]]


def _placed(records: gpd.GeoDataFrame, system: CoordinateSystem) -> pd.DataFrame:
    """The records that have a point, in the base map's system, as a plain frame with x and y columns."""
    geometry = records.geometry
    placed = records[geometry.notna() & ~geometry.is_empty]
    if system != "wgs84":
        placed = transform_frame(placed, source="wgs84", target=system)
    frame = pd.DataFrame(placed.drop(columns=placed.geometry.name)).astype(object)  # fast row access
    frame["x"], frame["y"] = placed.geometry.x.round(6), placed.geometry.y.round(6)
    return frame


_RECORD_TYPES = ("points", "zones", "choropleth", "areas")  # the layers a filter changes


def _shown(spec: LayerSpec, show_choropleth: bool | None) -> bool:
    return spec.show if spec.type != "choropleth" or show_choropleth is None else show_choropleth


def marker_base_map(
    records: gpd.GeoDataFrame,
    *,
    context: MapContext,
    lang: Lang = "zh",
    basemap: str = DEFAULT_BASEMAP,
    tianditu_key: str = "",
    show_choropleth: bool | None = None,
    popup_book: str = "",
) -> folium.Map:
    """The marker map without its records: base map, boundaries, empty record layers, controls.

    Its script does not change with the filter, so streamlit-folium keeps the page and its Leaflet
    map; :func:`marker_view_group` fills the record layers (``ClusterMap.markerView``). ``records``
    gives only the columns (none of its rows is drawn); the other parameters are as for
    :func:`build_map`.
    """
    if basemap not in BASEMAPS:
        raise UsageError(f"basemap {basemap!r} is not known; use one of {list(BASEMAPS)}")
    system = BASEMAPS[basemap].system
    fmap = base_map(context, lang=lang, basemap=basemap, key=tianditu_key)
    fmap.default_js = [link for link in fmap.default_js if link[0] != POINT_LAYER_SCRIPT]  # one load less
    RuntimeControl("markerMap", []).add_to(fmap)
    if popup_book:
        RuntimeControl("popupBook", [popup_book, BOOK_CHUNK_ROWS, t("point_loading", lang)]).add_to(fmap)
    view = View(context, lang, system, None)
    none = _placed(records.iloc[:0], system)
    for spec in context.specs:
        payload, _, _ = layer_payload(spec, none, none, pd.Series([], dtype=object), view)
        layer_element(spec, payload, lang=lang, show=_shown(spec, show_choropleth)).add_to(fmap)
    folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    RuntimeControl("legend", ["", "bottomleft"]).add_to(fmap)  # markerView writes it
    RuntimeControl("compact", []).add_to(fmap)
    links = {"copied": t("link_copied", lang), "copy_by_hand": t("link_copy_by_hand", lang)}
    RuntimeControl("recordLinks", [links]).add_to(fmap)
    RuntimeControl("readLinks", []).add_to(fmap)
    return fmap


def marker_view_group(
    records: gpd.GeoDataFrame,
    *,
    context: MapContext,
    lang: Lang = "zh",
    basemap: str = DEFAULT_BASEMAP,
    choropleth_sector: str | None = None,
    show_choropleth: bool | None = None,
    fit_units: Sequence[str] = (),
    focus_item: str = "",
    popups_by_row: bool = False,
) -> folium.FeatureGroup:
    """What the marker map shows of ``records`` (filtered): a feature group that calls ``markerView``.

    It carries each record layer's payload and name (with its count), the legend, the bounds to fit
    and the record to open; the runtime applies them to the layers :func:`marker_base_map` made.
    ``popups_by_row``: markers and zones carry their rows instead of their popups (the map has a
    popup book). The other parameters are as for :func:`build_map`.
    """
    system = BASEMAPS[basemap].system
    placed = _placed(records, system)
    rows = cast(dict[Any, dict[str, Any]], placed.to_dict("index"))  # one to_dict per map
    view = View(context, lang, system, choropleth_sector, rows, by_row=popups_by_row)
    zone_ids = context.catalog.zone_of_records(placed)
    layers: dict[str, list[Any]] = {}
    names: dict[str, str] = {}
    classes, choropleth_on = None, False
    for spec in (s for s in context.specs if s.type in _RECORD_TYPES):
        layers[spec.id], count, layer_classes = layer_payload(spec, records, placed, zone_ids, view)
        names[spec.id] = layer_label(spec, lang=lang, count=count)
        classes = layer_classes or classes
        choropleth_on = choropleth_on or (spec.type == "choropleth" and _shown(spec, show_choropleth))
    state = {
        "layers": layers,
        "names": names,
        "legend": _legend(view, classes=classes, choropleth_on=choropleth_on),
        "fit": view_bounds(placed, zone_ids, context=context, units=fit_units),
        "fitOptions": {"maxZoom": FIT_MAX_ZOOM},
        "focus": focus_item,
    }
    group = folium.FeatureGroup(name="view", control=False)
    RuntimeControl("markerView", [state]).add_to(group)
    return group


def build_map(
    records: gpd.GeoDataFrame,
    *,
    context: MapContext,
    lang: Lang = "zh",
    basemap: str = DEFAULT_BASEMAP,
    tianditu_key: str = "",
    choropleth_sector: str | None = None,
    show_choropleth: bool | None = None,
    fit_units: Sequence[str] = (),
    focus_item: str = "",
) -> folium.Map:
    """The map of the (filtered) records, in one script with their popups (a standalone page).

    Parameters
    ----------
    records
        Rows as :func:`cluster_map.core.items.read_item_rows` returns (with details), filtered;
        those without a place are not drawn (the choropleth counts only those with admin codes).
    context
        As :func:`cluster_map.web.context.load_map_context` returns.
    lang
        ``"zh"`` or ``"en"``: layer names, labels, popups, legend.
    basemap
        A key of :data:`cluster_map.web.basemap_specs.BASEMAPS`; ``amap`` shifts what is drawn to GCJ-02.
    tianditu_key
        The Tianditu key (needed for ``tianditu``).
    choropleth_sector
        Count only this sector in the choropleth (None: all).
    show_choropleth
        Switch the choropleth layer on or off (None: as its layer file says).
    fit_units
        Codes of the prefectures, counties or zones the user chose: the map fits them (and the
        drawn records) when it opens.
    focus_item
        A record id whose popup opens when the map is drawn ("" for none).

    Returns
    -------
    :func:`marker_base_map` with :func:`marker_view_group` in it (``fmap.get_root().render()``).
    """
    fmap = marker_base_map(
        records,
        context=context,
        lang=lang,
        basemap=basemap,
        tianditu_key=tianditu_key,
        show_choropleth=show_choropleth,
    )
    marker_view_group(
        records,
        context=context,
        lang=lang,
        basemap=basemap,
        choropleth_sector=choropleth_sector,
        show_choropleth=show_choropleth,
        fit_units=fit_units,
        focus_item=focus_item,
    ).add_to(fmap)
    return fmap


def _legend(view: View, *, classes: Classes | None, choropleth_on: bool) -> str:
    """The legend (symbols, sectors, zones, choropleth classes), folded on small maps by the runtime."""
    return legend_html(
        view.context.specs,
        lang=view.lang,
        taxonomy=view.context.taxonomy,
        zone_names=view.context.catalog.zone_names(view.lang),
        classes=classes,
        choropleth_sector=view.choropleth_sector,
        choropleth_on=choropleth_on,
    )
