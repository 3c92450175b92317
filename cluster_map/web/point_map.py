"""The map of a large dataset: the point layer over the boundaries, built once per dataset and view.

The map (:func:`build_point_map`) holds no filter: its script stays the same when the filter
changes, so streamlit-folium keeps the page and its Leaflet map. What changes goes in a small
feature group (:func:`point_view_group`): the filter as codes or a bit mask, the view to fit and the
popup of the last picked point, which the runtime applies to the layer already drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

import folium
import numpy as np
import pandas as pd

from cluster_map.core.catalog import Bounds
from cluster_map.core.i18n import Lang, t
from cluster_map.web.basemap_specs import BASEMAPS, DEFAULT_BASEMAP
from cluster_map.web.context import MapContext
from cluster_map.web.layers import layer_element
from cluster_map.web.leaflet import RuntimeControl, RuntimeLayer
from cluster_map.web.legend import point_legend_html
from cluster_map.web.map_view import FIT_MAX_ZOOM, HEBEI_BOUNDS, base_map
from cluster_map.web.payloads import View, boundary_payload
from cluster_map.web.point_columns import PointColumns
from cluster_map.web.popups import popup_html, records_popup_html

__all__ = [
    "COUNTIES_FROM_ZOOM",
    "POINTS_FROM_ZOOM",
    "build_point_map",
    "point_popup_html",
    "point_view_group",
    "points_bounds",
]

POINTS_FROM_ZOOM = 9  # below this zoom many points are counted per county instead of drawn
COUNTIES_FROM_ZOOM = 8  # ... and below this one per prefecture
_POINTS_BELOW = 5_000  # ... unless fewer than this many are shown
_HOVER_MAX = 200_000  # above this many points the pointer does not search for one on every move
_LAYER_ORDER = 60  # above the boundaries, below popups


def _add_controls(fmap: folium.Map, context: MapContext, lang: Lang) -> None:
    """The layer control, the point legend, compact mode, record and reader links, the first fit."""
    folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    RuntimeControl("legend", [point_legend_html(lang=lang, taxonomy=context.taxonomy), "bottomleft"]).add_to(
        fmap
    )
    RuntimeControl("compact", []).add_to(fmap)
    links = {"copied": t("link_copied", lang), "copy_by_hand": t("link_copy_by_hand", lang)}
    RuntimeControl("recordLinks", [links]).add_to(fmap)
    RuntimeControl("readLinks", []).add_to(fmap)
    RuntimeControl("fit", [HEBEI_BOUNDS, {"maxZoom": FIT_MAX_ZOOM}]).add_to(fmap)


def build_point_map(
    columns: PointColumns,
    *,
    context: MapContext,
    file_url: str,
    unit_points: dict[str, tuple[float, float]],
    lang: Lang = "zh",
    basemap: str = DEFAULT_BASEMAP,
    tianditu_key: str = "",
    extra_layers: Sequence[folium.map.Layer] = (),
) -> folium.Map:
    """The map of a large dataset: base map, boundary layers, the point layer, legend, layer control.

    Parameters
    ----------
    columns
        The points (:func:`cluster_map.web.point_columns.point_columns`, in the base map's system).
    context
        The layer specs (their boundary layers are drawn), taxonomy and catalog.
    file_url
        Where the browser fetches the columns (:func:`~cluster_map.web.point_columns.write_point_file`).
    unit_points
        Unit code -> label point (x, y) in the base map's system, where zoomed-out counts are drawn.
    lang, basemap, tianditu_key
        As for :func:`cluster_map.web.map_view.build_map`.
    extra_layers
        Layers drawn under the points and listed in the layer control (a choropleth).
    """
    system = BASEMAPS[basemap].system
    fmap = base_map(context, lang=lang, basemap=basemap, key=tianditu_key)
    view = View(context, lang, system, None)
    for spec in context.specs:
        if spec.type in ("boundary", "reference"):
            layer_element(spec, boundary_payload(spec, view), lang=lang).add_to(fmap)
    for layer in extra_layers:
        layer.add_to(fmap)
    options = {
        "pane": "cm-points",
        "zIndex": _LAYER_ORDER,
        "radius": 2,
        "pointsFromZoom": POINTS_FROM_ZOOM,
        "countiesFromZoom": COUNTIES_FROM_ZOOM,
        "pointsBelow": _POINTS_BELOW,
        "hoverMax": _HOVER_MAX,
        "loadingText": t("point_loading", lang),
    }
    parents = {unit.code: unit.parent for unit in context.catalog.units if unit.level == "county"}
    meta = columns.meta(taxonomy=context.taxonomy, unit_points=unit_points, parents=parents)
    name = escape(t("point_layer", lang))
    label = f'<span class="cm-layer-name" data-layer="points">{name} ({len(columns)})</span>'
    RuntimeLayer("pointLayer", [file_url, meta, options], name=label).add_to(fmap)
    _add_controls(fmap, context, lang)
    return fmap


def points_bounds(
    columns: PointColumns, kept: np.ndarray, *, context: MapContext, units: Sequence[str] = ()
) -> list[list[float]]:
    """What to fit: the chosen units' extent, else the kept points, else all of Hebei."""
    extents = context.catalog.bounds
    boxes: list[Bounds] = [extents[code] for code in units if code in extents]
    if boxes:
        west, south, east, north = zip(*boxes, strict=True)
        return [[min(south), min(west)], [max(north), max(east)]]
    shown = np.asarray(kept, dtype=bool)[columns.rows]
    if not shown.any():
        return HEBEI_BOUNDS
    x, y = columns.x[shown], columns.y[shown]
    return [[float(y.min()), float(x.min())], [float(y.max()), float(x.max())]]


def point_view_group(
    *, filter_state: dict[str, Any] | None, bounds: list[list[float]], pick: dict[str, str] | None = None
) -> folium.FeatureGroup:
    """The feature group that carries one view to the map's point layer (``ClusterMap.pointView``).

    Parameters
    ----------
    filter_state
        :func:`~cluster_map.web.point_columns.browser_filter`'s answer (None: every point).
    bounds
        ``[[south, west], [north, east]]`` to fit when they differ from the last view's.
    pick
        ``{"index", "html", "nonce"}``: the popup of the point picked last (opened once per nonce).
    """
    group = folium.FeatureGroup(name="view", control=False)
    state = {"filter": filter_state, "fit": bounds, "fitOptions": {"maxZoom": FIT_MAX_ZOOM}, "pick": pick}
    RuntimeControl("pointView", [state]).add_to(group)
    return group


def point_popup_html(records: pd.DataFrame, position: int, *, context: MapContext, lang: Lang) -> str:
    """The popup of the record at ``position`` (the same popup as a marker of the small map has)."""
    record = {str(k): v for k, v in records.iloc[position].to_dict().items()}
    fields = next((s.popup for s in context.specs if s.type == "points"), None)
    names_en = context.catalog.unit_names("en")
    options: dict[str, Any] = {"fields": fields} if fields else {}
    html = popup_html(record, lang=lang, taxonomy=context.taxonomy, place_names_en=names_en, **options)
    return records_popup_html([html])
