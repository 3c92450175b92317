"""The folium elements of the map's layers: a :class:`~cluster_map.web.layer_spec.LayerSpec` (read
from layers/*.toml by :mod:`cluster_map.web.layer_spec`) becomes a layer of the runtime
(cluster_map/web/static/cluster_map.js) listed in the layer control.
"""

from __future__ import annotations

from html import escape
from typing import Any

from cluster_map.core.i18n import Lang
from cluster_map.web.layer_spec import LayerSpec
from cluster_map.web.leaflet import RuntimeLayer

__all__ = ["layer_element", "layer_label"]

#: Layer type -> the runtime function that draws it.
_RUNTIME_FUNCTIONS: dict[str, str] = {
    "boundary": "boundary",
    "reference": "reference",
    "zones": "areas",
    "choropleth": "areas",
    "points": "points",
    "areas": "memberAreas",
}


def layer_label(spec: LayerSpec, *, lang: Lang, count: int | None = None) -> str:
    """The layer's name in the layer control, with a stable hook ``data-layer`` and its count."""
    suffix = f" ({count})" if count is not None else ""
    name = escape(spec.name[lang]).replace("{", "&#123;")  # folium compiles the layer control as a template
    return f'<span class="cm-layer-name" data-layer="{escape(spec.id)}">{name}{suffix}</span>'


def layer_element(
    spec: LayerSpec, payload: list[Any], *, lang: Lang, count: int | None = None, show: bool | None = None
) -> RuntimeLayer:
    """The folium layer of a spec.

    Parameters
    ----------
    spec
        The layer.
    payload
        The runtime function's arguments after the map (see cluster_map/web/static/cluster_map.js):
        ``[url, options]`` for boundary, ``[url, items, options]`` for zones, choropleth and areas,
        ``[feature_collection, options]`` for points.
    lang
        Language of the layer's name.
    count
        Records the layer draws, shown after its name (None: not shown).
    show
        Whether the layer is on when the map opens (None: as the spec says).

    Returns
    -------
    A layer listed in the layer control, on when ``spec.show``.
    """
    function = _RUNTIME_FUNCTIONS[spec.type]
    shown = spec.show if show is None else show
    return RuntimeLayer(function, payload, name=layer_label(spec, lang=lang, count=count), show=shown)
