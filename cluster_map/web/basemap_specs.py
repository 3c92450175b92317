"""Base maps: which tiles, whose attribution, and in which coordinate system they are drawn (no folium).

``none`` is the default: the page then loads nothing from outside and draws the plan's layers over
the boundaries, offline and inside mainland China alike (where OpenStreetMap and foreign CDNs are
slow or blocked). AMap/Gaode tiles are GCJ-02, so everything drawn over them is shifted to GCJ-02;
Tianditu (CGCS2000, within a metre of WGS84) needs a key and is offered only when one is set.
The page's state (:mod:`cluster_map.ui.url_state`) reads this registry; the folium tile layers
are made from it in :mod:`cluster_map.web.basemaps`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from cluster_map.core.crs import CoordinateSystem
from cluster_map.core.errors import UsageError
from cluster_map.core.i18n import Lang

__all__ = [
    "BASEMAPS",
    "DEFAULT_BASEMAP",
    "TIANDITU_ENV",
    "Basemap",
    "available_basemaps",
    "tianditu_key",
    "tile_urls",
]

DEFAULT_BASEMAP = "none"
TIANDITU_ENV = "TIANDITU_KEY"


@dataclass(frozen=True)
class Basemap:
    """One base map: tile URL templates (``{lang}`` and ``{key}`` are filled in), attribution, system."""

    id: str
    tiles: tuple[str, ...] = ()
    attribution: str = ""
    system: CoordinateSystem = "wgs84"
    subdomains: str = "abc"
    max_zoom: int = 18
    needs_key: bool = False


_TDT = "https://t{{s}}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={{key}}"

#: Base map id -> definition, in the order the app offers them.
BASEMAPS: dict[str, Basemap] = {
    "none": Basemap("none"),
    "osm": Basemap(
        "osm",
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",),
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
        max_zoom=19,
    ),
    "positron": Basemap(
        "positron",
        ("https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",),
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors '
        '&copy; <a href="https://carto.com/attributions">CARTO</a>',
        subdomains="abcd",
        max_zoom=20,
    ),
    "amap": Basemap(
        "amap",
        (
            "https://webrd0{s}.is.autonavi.com/appmaptile?lang={lang}&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
        ),
        '&copy; <a href="https://www.amap.com/">高德地图 AMap</a> (GCJ-02)',
        system="gcj02",
        subdomains="1234",
    ),
    "tianditu": Basemap(
        "tianditu",
        (_TDT.format(layer="vec"), _TDT.format(layer="{annotation}")),
        '&copy; <a href="https://www.tianditu.gov.cn/">天地图 Tianditu</a>',
        subdomains="01234567",
        needs_key=True,
    ),
}


def tianditu_key(secrets: Mapping[str, str] | None = None) -> str:
    """The Tianditu key from the environment (``TIANDITU_KEY``) or from ``secrets``; "" when unset."""
    key = os.environ.get(TIANDITU_ENV, "").strip()
    if not key and secrets is not None:
        key = str(secrets.get(TIANDITU_ENV, "") or "").strip()
    return key


def available_basemaps(*, key: str = "") -> list[str]:
    """The base map ids to offer: every one, less those that need a key when none is given."""
    return [b.id for b in BASEMAPS.values() if key or not b.needs_key]


def _fill(url: str, *, lang: Lang, key: str) -> str:
    values = {
        "{lang}": "zh_cn" if lang == "zh" else "en",
        "{annotation}": "cva" if lang == "zh" else "eva",
        "{key}": key,
    }
    for placeholder, value in values.items():
        url = url.replace(placeholder, value)
    return url


def tile_urls(basemap: str, *, lang: Lang, key: str = "") -> list[str]:
    """The tile URL templates of a base map, filled for ``lang`` and the key (none for ``none``).

    Parameters
    ----------
    basemap
        A key of :data:`BASEMAPS`.
    lang
        ``"zh"`` or ``"en"`` (AMap and Tianditu have English labels).
    key
        The Tianditu key.

    Returns
    -------
    One URL template per tile layer, bottom first.
    """
    if basemap not in BASEMAPS:
        raise UsageError(f"basemap {basemap!r} is not known; use one of {list(BASEMAPS)}")
    spec = BASEMAPS[basemap]
    if spec.needs_key and not key:
        raise UsageError(f"basemap {basemap!r} needs a key: set the environment variable {TIANDITU_ENV}")
    return [_fill(url, lang=lang, key=key) for url in spec.tiles]
