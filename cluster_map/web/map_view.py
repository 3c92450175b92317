"""The folium map of the filtered records: the layer specs' payloads, the legend, the base map.

:func:`load_map_context` gathers what does not change with the filter (cache it in the app);
:func:`build_map` makes the map of one filtered view. Boundaries are not embedded: the browser
fetches them from the app's static folder (see :mod:`cluster_map.web.boundary_files`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import pandas as pd

from cluster_map.core.boundaries import read_boundaries
from cluster_map.core.crs import CoordinateSystem, transform_frame
from cluster_map.core.i18n import Lang, t
from cluster_map.core.records import split_multi
from cluster_map.core.taxonomy import Taxonomy, load_taxonomy
from cluster_map.web.assets import STATIC_DIR, STATIC_URL, asset_links
from cluster_map.web.basemap_specs import BASEMAPS, DEFAULT_BASEMAP
from cluster_map.web.basemaps import tile_layers
from cluster_map.web.boundary_files import BoundaryFile
from cluster_map.web.choropleth import Classes, classify, unit_counts
from cluster_map.web.layers import LayerSpec, layer_element, load_layer_specs
from cluster_map.web.leaflet import RuntimeControl
from cluster_map.web.legend import legend_html
from cluster_map.web.popups import popup_html, records_popup_html, tooltip_html
from cluster_map.web.symbols import ICON_SIZE, marker_svg

__all__ = ["MapContext", "build_map", "load_map_context", "view_bounds", "zone_of_records"]

HEBEI_BOUNDS = [[36.0, 113.4], [42.65, 119.9]]  # [[south, west], [north, east]]
FIT_MAX_ZOOM = 10  # fitting one county-level point shows its county and neighbours, not a street
Bounds = tuple[float, float, float, float]  # west, south, east, north (WGS84)
_UNKNOWN_COLOR = "#7f7f7f"
_CLUSTER_OPTIONS = {"showCoverageOnHover": False, "maxClusterRadius": 40, "spiderfyDistanceMultiplier": 1.4}


@dataclass(frozen=True)
class MapContext:
    """Everything a map needs besides the filtered records and the view options."""

    specs: tuple[LayerSpec, ...]
    taxonomy: Taxonomy
    zones: pd.DataFrame  # adcode, name_zh, name_en, member_level, member_adcodes
    units: pd.DataFrame  # adcode, name_zh, name_en, level of prefectures and counties
    boundary_urls: dict[tuple[str, str], str]  # (layer, system) -> URL
    js: tuple[tuple[str, str], ...]
    css: tuple[tuple[str, str], ...]
    bounds: dict[str, Bounds] = field(default_factory=dict)  # prefecture, county or zone code -> extent

    def unit_codes(self, level: str) -> list[str]:
        """The codes of the prefectures (``level="prefecture"``) or counties."""
        return [str(c) for c in self.units.loc[self.units["level"] == level, "adcode"]]

    def unit_names(self, lang: Lang) -> dict[str, str]:
        """Admin code -> name in ``lang``."""
        return dict(zip(self.units["adcode"], self.units[f"name_{lang}"]))


def load_map_context(
    boundary_files: Mapping[tuple[str, str], BoundaryFile],
    *,
    static_dir: Path = STATIC_DIR,
    base_url: str = STATIC_URL,
    specs: tuple[LayerSpec, ...] | None = None,
    taxonomy: Taxonomy | None = None,
) -> MapContext:
    """Read the taxonomy, the layer specs and the boundary attributes (no caching here).

    Parameters
    ----------
    boundary_files
        As :func:`cluster_map.web.boundary_files.write_boundary_files` returns.
    static_dir, base_url
        The static folder and where it is served.
    specs, taxonomy
        Given ones (tests), or None to read layers/ and geodata/taxonomy.toml.

    Returns
    -------
    The context.
    """
    taxonomy = taxonomy or load_taxonomy()
    if specs is None:
        specs = tuple(load_layer_specs(kinds=taxonomy.kinds, levels=taxonomy.levels))
    layers = {layer: read_boundaries(layer, weight="web") for layer in ("prefecture", "county", "zone")}
    zones = pd.DataFrame(layers["zone"].drop(columns="geometry"))
    columns = ["adcode", "name_zh", "name_en", "level", "parent_adcode"]
    units = pd.concat(
        [
            pd.DataFrame(layers[layer]).reindex(columns=columns).fillna("")
            for layer in ("prefecture", "county")
        ]
    )
    bounds = {
        str(code): (float(w), float(s), float(e), float(n))
        for frame in layers.values()
        for code, (w, s, e, n) in zip(frame["adcode"], frame.geometry.bounds.itertuples(index=False))
    }
    js, css = asset_links(base_url=base_url)
    urls = {key: f.url(base_url, static_dir) for key, f in boundary_files.items()}
    return MapContext(tuple(specs), taxonomy, zones, units, urls, tuple(js), tuple(css), bounds)


def zone_of_records(records: pd.DataFrame, zones: pd.DataFrame) -> pd.Series:
    """The zone id each record names as a whole ("" for none): its units equal the zone's members."""
    keys: dict[tuple[str, frozenset[str]], str] = {}
    for zone_id, level, members in zip(zones["adcode"], zones["member_level"], zones["member_adcodes"]):
        column = "county_code" if level == "county" else "prefecture_code"
        keys[(column, frozenset(split_multi(members)))] = str(zone_id)

    columns = {column for column, _ in keys}
    units = {column: [frozenset(split_multi(cell)) for cell in records[column]] for column in columns}
    zone_ids = [
        next((zone_id for (column, members), zone_id in keys.items() if units[column][i] == members), "")
        for i in range(len(records))
    ]
    return pd.Series(zone_ids, index=records.index, dtype=object)


def _select(records: pd.DataFrame, spec: LayerSpec) -> pd.DataFrame:
    keep = records["kind"].isin(spec.kinds)
    if spec.levels:
        keep &= records["level"].isin(spec.levels)
    return records[keep]


@dataclass(frozen=True)
class _View:
    """One map's options and the drawn records as dicts (made once per map), for the payload builders."""

    context: MapContext
    lang: Lang
    system: CoordinateSystem
    choropleth_sector: str | None
    rows: Mapping[Any, dict[str, Any]] = field(default_factory=dict)  # placed index -> record

    @functools.cached_property
    def names_en(self) -> dict[str, str]:
        return self.context.unit_names("en")

    def options(self, spec: LayerSpec, **extra: Any) -> dict[str, Any]:
        return {"id": spec.id, "zIndex": spec.order, "style": spec.style, **extra}

    def url(self, source: str) -> str:
        return self.context.boundary_urls[(source, self.system)]

    def records(self, rows: pd.DataFrame) -> list[dict[str, Any]]:
        """The placed records of ``rows`` as dicts (one ``to_dict`` per map, not per layer)."""
        return [self.rows[index] for index in rows.index]

    def popup(self, records: list[dict[str, Any]], spec: LayerSpec) -> list[str]:
        tax = self.context.taxonomy
        return [
            popup_html(r, lang=self.lang, taxonomy=tax, fields=spec.popup, place_names_en=self.names_en)
            for r in records
        ]


def _boundary_payload(spec: LayerSpec, view: _View) -> list[Any]:
    label = f"name_{view.lang}" if spec.labels else ""
    options = view.options(spec, labelField=label, labelMinZoom=spec.label_min_zoom, minZoom=spec.min_zoom)
    if spec.select:
        options.update(selectLevel=spec.select, selectText=t("select_unit", view.lang))
    return [view.url(spec.source), options]


def _zones_payload(spec: LayerSpec, rows: pd.DataFrame, zone_ids: pd.Series, view: _View) -> list[Any]:
    zones = view.context.zones.set_index("adcode")
    items: dict[str, dict[str, str]] = {}
    for zone_id, group in rows.groupby(zone_ids.loc[rows.index], sort=False):
        zone = zones.loc[zone_id]
        name = str(zone[f"name_{view.lang}"])
        heading = f"{name} ({t('approximation', view.lang)})" if bool(zone.get("approximation")) else name
        color = spec.colors.get(zone_id, _UNKNOWN_COLOR)
        popup = records_popup_html(view.popup(view.records(group), spec), heading=heading)
        items[str(zone_id)] = {
            "fill": color,
            "stroke": color,
            "popup": popup,
            "tip": escape(heading),
            "records": [str(rid) for rid in group["id"]],
        }
    return [view.url(spec.source), items, view.options(spec)]


def _choropleth_payload(spec: LayerSpec, records: pd.DataFrame, view: _View) -> tuple[list[Any], Classes]:
    column = "prefecture_code" if spec.source == "prefecture" else "county_code"
    counts = unit_counts(records, column=column, sector=view.choropleth_sector)
    classes = classify(counts, colors=spec.colors)
    names = view.context.unit_names(view.lang)
    items = {}
    for code in view.context.unit_codes(spec.source):
        count = counts.get(code, 0)
        tip = t("choropleth_tip", view.lang, name=names.get(code, code), count=count)
        items[code] = {"fill": classes.color(count), "tip": escape(tip)}
    return [view.url(spec.source), items, view.options(spec)], classes


def _points_payload(spec: LayerSpec, rows: pd.DataFrame, view: _View) -> list[Any]:
    sectors = view.context.taxonomy.sectors
    icons: dict[str, str] = {}
    features = []
    records = view.records(rows)
    for record, popup in zip(records, view.popup(records, spec)):
        color = sectors.get(record["sector"], {}).get("color", _UNKNOWN_COLOR)
        key = f"{color}|{record['precision']}|{record['level']}"
        if key not in icons:
            icons[key] = marker_svg(
                shape=spec.shape, color=color, precision=record["precision"], level=record["level"]
            )
        properties = {
            "rid": record["id"],
            "icon": key,
            "popup": records_popup_html([popup]),
            "tip": tooltip_html(record, lang=view.lang),
        }
        coordinates = [record["x"], record["y"]]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": coordinates},
                "properties": properties,
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return [collection, view.options(spec, icons=icons, iconSize=ICON_SIZE, cluster=_CLUSTER_OPTIONS)]


def _base_map(context: MapContext, *, lang: Lang, basemap: str, key: str) -> folium.Map:
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
        The zone each record names as a whole (:func:`zone_of_records`), "" for none.
    context
        The units' and zones' extents.
    units
        Codes of the prefectures, counties or zones the user chose (their whole extent is shown).

    Returns
    -------
    ``[[south, west], [north, east]]``; all of Hebei when nothing is drawn or chosen. Chosen units
    win: a record that spans them (a development zone) does not pull the view out to its whole area.
    """
    box = _union([context.bounds[code] for code in units if code in context.bounds])
    if box is None:
        boxes = [context.bounds[code] for code in zone_ids[zone_ids != ""] if code in context.bounds]
        points = placed[zone_ids.loc[placed.index] == ""]
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


def _layer(
    spec: LayerSpec, records: pd.DataFrame, placed: pd.DataFrame, zone_ids: pd.Series, view: _View
) -> tuple[list[Any], int | None, Classes | None]:
    """(payload, count, classes) of one layer; count is None for layers that draw no records."""
    if spec.type in ("boundary", "reference"):
        return _boundary_payload(spec, view), None, None
    if spec.type == "choropleth":
        payload, classes = _choropleth_payload(spec, records, view)
        return payload, None, classes
    rows = _select(placed, spec)
    in_zone = zone_ids.loc[rows.index] != ""
    if spec.type == "zones":
        return _zones_payload(spec, rows[in_zone], zone_ids, view), int(in_zone.sum()), None
    zone_kinds = {k for s in view.context.specs if s.type == "zones" for k in s.kinds}
    rows = rows[~(in_zone & rows["kind"].isin(zone_kinds))]  # drawn as an area already
    return _points_payload(spec, rows, view), len(rows), None


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
        As :func:`load_map_context` returns.
    lang
        ``"zh"`` or ``"en"``: layer names, labels, popups, legend.
    basemap
        A key of :data:`cluster_map.web.basemaps.BASEMAPS`; ``amap`` shifts what is drawn to GCJ-02.
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
        raise ValueError(f"basemap {basemap!r} is not known; use one of {list(BASEMAPS)}")
    system = BASEMAPS[basemap].system
    fmap = _base_map(context, lang=lang, basemap=basemap, key=tianditu_key)
    placed = _placed(records, system)
    view = _View(context, lang, system, choropleth_sector, dict(zip(placed.index, placed.to_dict("records"))))
    zone_ids = zone_of_records(placed, context.zones)
    classes, choropleth_on = None, False
    for spec in context.specs:
        payload, count, layer_classes = _layer(spec, records, placed, zone_ids, view)
        classes = layer_classes or classes
        show = spec.show if spec.type != "choropleth" or show_choropleth is None else show_choropleth
        choropleth_on = choropleth_on or (spec.type == "choropleth" and show)
        layer_element(spec, payload, lang=lang, count=count, show=show).add_to(fmap)
    folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    zone_names = dict(zip(context.zones["adcode"], context.zones[f"name_{lang}"]))
    legend = legend_html(
        context.specs,
        lang=lang,
        taxonomy=context.taxonomy,
        zone_names=zone_names,
        classes=classes,
        choropleth_sector=choropleth_sector,
        choropleth_on=choropleth_on,
    )
    RuntimeControl("legend", [legend, "bottomleft"]).add_to(fmap)
    RuntimeControl("compact", []).add_to(fmap)
    links = {"copied": t("link_copied", lang), "copy_by_hand": t("link_copy_by_hand", lang)}
    RuntimeControl("recordLinks", [links]).add_to(fmap)
    bounds = view_bounds(placed, zone_ids, context=context, units=fit_units)
    RuntimeControl("fit", [bounds, {"maxZoom": FIT_MAX_ZOOM}]).add_to(fmap)
    if focus_item:
        RuntimeControl("focus", [focus_item]).add_to(fmap)
    return fmap
