"""What each layer of one map sends to the browser: the payloads of the layer specs' types.

A payload is the argument list of one layer of the page's runtime (``cluster_map.js``): a boundary
file's URL and options, the zones' areas with their popups, the choropleth's classes, the points
with their icons and popups. :func:`layer_payload` picks the builder of a spec's type.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

import pandas as pd

from cluster_map.core.crs import CoordinateSystem
from cluster_map.core.i18n import Lang, t
from cluster_map.core.items import item_count, split_multi
from cluster_map.web.choropleth import Classes, classify, unit_counts
from cluster_map.web.context import MapContext
from cluster_map.web.layer_spec import LayerSpec
from cluster_map.web.popups import popup_html, records_popup_html, tooltip_html
from cluster_map.web.symbols import ICON_SIZE, marker_svg

__all__ = ["View", "boundary_payload", "layer_payload", "layer_rows"]

_UNKNOWN_COLOR = "#7f7f7f"
_CLUSTER_OPTIONS = {"showCoverageOnHover": False, "maxClusterRadius": 40, "spiderfyDistanceMultiplier": 1.4}


@dataclass(frozen=True)
class View:
    """One map's options and the drawn records as dicts (made once per map), for the payload builders."""

    context: MapContext
    lang: Lang
    system: CoordinateSystem
    choropleth_sector: str | None
    rows: Mapping[Any, dict[str, Any]] = field(default_factory=dict)  # placed index -> record
    by_row: bool = False  # popups are fetched by row from the popup book, not sent in the payload

    @functools.cached_property
    def names_en(self) -> dict[str, str]:
        return self.context.catalog.unit_names("en")

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


def layer_rows(records: pd.DataFrame, spec: LayerSpec) -> pd.DataFrame:
    """The records of the kinds (and levels) that ``spec`` draws."""
    keep = records["kind"].isin(spec.kinds)
    if spec.levels:
        keep &= records["level"].isin(spec.levels)
    return records[keep]


def boundary_payload(spec: LayerSpec, view: View) -> list[Any]:
    label = f"name_{view.lang}" if spec.labels else ""
    options = view.options(spec, labelField=label, labelMinZoom=spec.label_min_zoom, minZoom=spec.min_zoom)
    if spec.select:
        options.update(
            selectLevel=spec.select,
            selectText=t("select_unit", view.lang),
            profileText=t("open_profile", view.lang),
        )
    return [view.url(spec.source), options]


def _group_popup(rows: pd.DataFrame, spec: LayerSpec, view: View, *, heading: str) -> dict[str, Any]:
    """A zone's or area's popup: its HTML, or (popups by row) the heading and rows the browser fetches."""
    if view.by_row:
        return {"heading": heading, "rows": [int(row) for row in rows.index]}
    return {"popup": records_popup_html(view.popup(view.records(rows), spec), heading=heading)}


def _zones_payload(spec: LayerSpec, rows: pd.DataFrame, zone_ids: pd.Series, view: View) -> list[Any]:
    catalog = view.context.catalog
    items: dict[str, dict[str, Any]] = {}
    for zone_id, group in rows.groupby(zone_ids.loc[rows.index], sort=False):
        zone = catalog.zone(str(zone_id))
        name = zone.name(view.lang) if zone else str(zone_id)
        approximate = zone is not None and zone.approximation
        heading = f"{name} ({t('approximation', view.lang)})" if approximate else name
        color = spec.colors.get(zone_id, _UNKNOWN_COLOR)
        items[str(zone_id)] = {
            "fill": color,
            "stroke": color,
            **_group_popup(group, spec, view, heading=heading),
            "tip": escape(heading),
            "records": list(dict.fromkeys(str(rid) for rid in group["id"])),
        }
    return [view.url(spec.source), items, view.options(spec)]


def _sector_color(view: View, sectors: pd.Series) -> str:
    """The sector's colour when every item shares one sector, else the neutral colour."""
    found = set(sectors)
    if len(found) != 1:
        return _UNKNOWN_COLOR
    return view.context.taxonomy.sectors.get(found.pop(), {}).get("color", _UNKNOWN_COLOR)


def _areas_payload(spec: LayerSpec, rows: pd.DataFrame, view: View) -> list[Any]:
    """One area per distinct set of member prefectures; its popup lists the items placed there."""
    names = view.context.catalog.unit_names(view.lang)
    separator = t("list_separator", view.lang)
    areas: dict[str, dict[str, Any]] = {}
    for key, group in rows.groupby("prefecture_code", sort=False):
        members = split_multi(key)
        heading = separator.join(names.get(code, code) for code in members)
        color = _sector_color(view, group["sector"])
        areas[str(key)] = {
            "members": members,
            "fill": color,
            "stroke": color,
            **_group_popup(group, spec, view, heading=heading),
            "tip": escape(heading),
            "records": list(dict.fromkeys(str(rid) for rid in group["id"])),
        }
    return [view.url(spec.source), areas, view.options(spec)]


def _choropleth_payload(spec: LayerSpec, records: pd.DataFrame, view: View) -> tuple[list[Any], Classes]:
    column = "prefecture_code" if spec.source == "prefecture" else "county_code"
    counts = unit_counts(records, column=column, sector=view.choropleth_sector)
    classes = classify(counts, colors=spec.colors)
    names = view.context.catalog.unit_names(view.lang)
    items = {}
    for code in view.context.catalog.codes(spec.source):
        count = counts.get(code, 0)
        tip = t("choropleth_tip", view.lang, name=names.get(code, code), count=count)
        items[code] = {"fill": classes.color(count), "tip": escape(tip)}
    return [view.url(spec.source), items, view.options(spec)], classes


def _points_payload(spec: LayerSpec, rows: pd.DataFrame, view: View) -> list[Any]:
    sectors = view.context.taxonomy.sectors
    icons: dict[str, str] = {}
    features = []
    records = view.records(rows)
    popups: list[str | None] = [None] * len(records) if view.by_row else [*view.popup(records, spec)]
    for row, record, popup in zip(rows.index, records, popups, strict=True):
        color = sectors.get(record["sector"], {}).get("color", _UNKNOWN_COLOR)
        key = f"{color}|{record['precision']}|{record['level']}"
        if key not in icons:
            icons[key] = marker_svg(
                shape=spec.shape, color=color, precision=record["precision"], level=record["level"]
            )
        properties = {
            "rid": record["id"],
            "icon": key,
            **({"row": int(row)} if popup is None else {"popup": records_popup_html([popup])}),
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


def layer_payload(
    spec: LayerSpec, records: pd.DataFrame, placed: pd.DataFrame, zone_ids: pd.Series, view: View
) -> tuple[list[Any], int | None, Classes | None]:
    """The payload of one layer, how many items it draws, and the choropleth's classes.

    Parameters
    ----------
    spec
        The layer.
    records
        The filtered records (the choropleth counts them, placed or not).
    placed
        Those with a point, with ``x`` / ``y`` in the base map's system.
    zone_ids
        The zone each placed record names as a whole ("" for none).
    view
        The map's options.

    Returns
    -------
    ``(payload, count, classes)``; count is None for layers that draw no records, classes None
    but for the choropleth.
    """
    if spec.type in ("boundary", "reference"):
        return boundary_payload(spec, view), None, None
    if spec.type == "choropleth":
        payload, classes = _choropleth_payload(spec, records, view)
        return payload, None, classes
    rows = layer_rows(placed, spec)
    in_zone = zone_ids.loc[rows.index] != ""
    if spec.type == "zones":
        drawn = rows[in_zone]
        return _zones_payload(spec, drawn, zone_ids, view), item_count(drawn), None
    zone_kinds = {k for s in view.context.specs if s.type == "zones" for k in s.kinds}
    rows = rows[~(in_zone & rows["kind"].isin(zone_kinds))]  # drawn as a zone already
    several = rows["precision"] == "multi_prefecture"
    if spec.type == "areas":
        drawn = rows[several]
        return _areas_payload(spec, drawn, view), item_count(drawn), None
    has_areas = any(s.type == "areas" for s in view.context.specs)
    rows = rows[~several] if has_areas else rows  # drawn as an area
    return _points_payload(spec, rows, view), item_count(rows), None
