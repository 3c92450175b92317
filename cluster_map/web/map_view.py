"""The folium map of the filtered records: the base map, the layers' payloads, the legend, the fit.

:func:`cluster_map.web.context.load_map_context` gathers what does not change with the filter
(cache it in the app); :func:`build_map` makes the map of one filtered view, with the payloads of
:mod:`cluster_map.web.payloads`.
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
from cluster_map.web.basemap_specs import BASEMAPS, DEFAULT_BASEMAP
from cluster_map.web.basemaps import tile_layers
from cluster_map.web.choropleth import Classes
from cluster_map.web.context import MapContext
from cluster_map.web.layers import layer_element
from cluster_map.web.leaflet import RuntimeControl
from cluster_map.web.legend import legend_html
from cluster_map.web.payloads import View, layer_payload

__all__ = ["FIT_MAX_ZOOM", "HEBEI_BOUNDS", "base_map", "build_map", "view_bounds"]

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


def _add_layers(
    fmap: folium.Map,
    records: gpd.GeoDataFrame,
    placed: pd.DataFrame,
    zone_ids: pd.Series,
    view: View,
    show_choropleth: bool | None,
) -> tuple[Classes | None, bool]:
    """Add every layer of the context's specs and the layer control; return the choropleth's classes
    and whether the choropleth is on."""
    classes, choropleth_on = None, False
    for spec in view.context.specs:
        payload, count, layer_classes = layer_payload(spec, records, placed, zone_ids, view)
        classes = layer_classes or classes
        show = spec.show if spec.type != "choropleth" or show_choropleth is None else show_choropleth
        choropleth_on = choropleth_on or (spec.type == "choropleth" and show)
        layer_element(spec, payload, lang=view.lang, count=count, show=show).add_to(fmap)
    folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    return classes, choropleth_on


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
    """The map of the (filtered) records.

    Parameters
    ----------
    records
        Records as :func:`cluster_map.core.records.read_records` returns, filtered; those without a
        place are not drawn (the choropleth counts only records with admin codes).
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
    The folium map (render it with ``fmap.get_root().render()`` or show it with ``st_folium``).
    """
    if basemap not in BASEMAPS:
        raise UsageError(f"basemap {basemap!r} is not known; use one of {list(BASEMAPS)}")
    system = BASEMAPS[basemap].system
    fmap = base_map(context, lang=lang, basemap=basemap, key=tianditu_key)
    placed = _placed(records, system)
    rows = cast(dict[Any, dict[str, Any]], placed.to_dict("index"))  # one to_dict per map
    view = View(context, lang, system, choropleth_sector, rows)
    zone_ids = context.catalog.zone_of_records(placed)
    classes, choropleth_on = _add_layers(fmap, records, placed, zone_ids, view, show_choropleth)
    _add_legend(fmap, view, classes=classes, choropleth_on=choropleth_on)
    RuntimeControl("compact", []).add_to(fmap)
    links = {"copied": t("link_copied", lang), "copy_by_hand": t("link_copy_by_hand", lang)}
    RuntimeControl("recordLinks", [links]).add_to(fmap)
    RuntimeControl("readLinks", []).add_to(fmap)
    bounds = view_bounds(placed, zone_ids, context=context, units=fit_units)
    RuntimeControl("fit", [bounds, {"maxZoom": FIT_MAX_ZOOM}]).add_to(fmap)
    if focus_item:
        RuntimeControl("focus", [focus_item]).add_to(fmap)
    return fmap


def _add_legend(fmap: folium.Map, view: View, *, classes: Classes | None, choropleth_on: bool) -> None:
    """The legend (symbols, sectors, zones, choropleth classes), folded on small maps by the runtime."""
    legend = legend_html(
        view.context.specs,
        lang=view.lang,
        taxonomy=view.context.taxonomy,
        zone_names=view.context.catalog.zone_names(view.lang),
        classes=classes,
        choropleth_sector=view.choropleth_sector,
        choropleth_on=choropleth_on,
    )
    RuntimeControl("legend", [legend, "bottomleft"]).add_to(fmap)
