"""The folium tile layers of a base map (the registry of base maps is :mod:`.basemap_specs`)."""

from __future__ import annotations

import folium

from cluster_map.core.i18n import Lang
from cluster_map.web.basemap_specs import BASEMAPS, tile_urls

__all__ = ["tile_layers"]


def tile_layers(basemap: str, *, lang: Lang, key: str = "") -> list[folium.TileLayer]:
    """The tile layers of a base map (none for ``none``); labels follow ``lang`` where offered.

    Parameters
    ----------
    basemap
        A key of :data:`cluster_map.web.basemap_specs.BASEMAPS`.
    lang
        ``"zh"`` or ``"en"`` (AMap and Tianditu have English labels).
    key
        The Tianditu key.

    Returns
    -------
    Tile layers, not listed in the layer control (the base map is chosen in the sidebar).
    """
    urls = tile_urls(basemap, lang=lang, key=key)
    spec = BASEMAPS[basemap]
    return [
        folium.TileLayer(
            tiles=url,
            attr=spec.attribution,
            name=f"{basemap}-{i}",
            subdomains=spec.subdomains,
            max_zoom=spec.max_zoom,
            overlay=False,
            control=False,
        )
        for i, url in enumerate(urls)
    ]
