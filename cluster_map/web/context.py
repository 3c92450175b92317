"""What every map needs besides the filtered records and the view options, read once per process.

:func:`load_map_context` gathers it (cache it in the app); :func:`cluster_map.web.map_view.build_map`
makes the map of one filtered view from it. Boundaries are not embedded: the browser fetches them
from the app's static folder (see :mod:`cluster_map.web.boundary_files`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from cluster_map.core.boundaries import read_boundaries
from cluster_map.core.i18n import Lang
from cluster_map.core.taxonomy import Taxonomy, load_taxonomy
from cluster_map.web.assets import STATIC_DIR, STATIC_URL, asset_links
from cluster_map.web.boundary_files import BoundaryFile
from cluster_map.web.layers import LayerSpec, load_layer_specs

__all__ = ["Bounds", "MapContext", "load_map_context"]

Bounds = tuple[float, float, float, float]  # west, south, east, north (WGS84)


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
