"""What every map needs besides the filtered records and the view options, read once per process.

:func:`load_map_context` gathers it (cache it in the app); :func:`cluster_map.web.map_view.build_map`
makes the map of one filtered view from it. Boundaries are not embedded: the browser fetches them
from the app's static folder (see :mod:`cluster_map.web.boundary_files`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cluster_map.core.catalog import Catalog, load_catalog
from cluster_map.core.taxonomy import Taxonomy, load_taxonomy
from cluster_map.web.assets import STATIC_DIR, STATIC_URL, asset_links
from cluster_map.web.boundary_files import BoundaryFile
from cluster_map.web.layer_spec import LayerSpec, load_layer_specs

__all__ = ["MapContext", "load_map_context"]


@dataclass(frozen=True)
class MapContext:
    """Everything a map needs besides the filtered records and the view options."""

    specs: tuple[LayerSpec, ...]
    taxonomy: Taxonomy
    catalog: Catalog  # units' and zones' names, members and extents
    boundary_urls: dict[tuple[str, str], str]  # (layer, system) -> URL
    js: tuple[tuple[str, str], ...]
    css: tuple[tuple[str, str], ...]


def load_map_context(
    boundary_files: Mapping[tuple[str, str], BoundaryFile],
    *,
    static_dir: Path = STATIC_DIR,
    base_url: str = STATIC_URL,
    specs: tuple[LayerSpec, ...] | None = None,
    taxonomy: Taxonomy | None = None,
    catalog: Catalog | None = None,
) -> MapContext:
    """Read the taxonomy, the layer specs and the catalog of units and zones (no caching here).

    Parameters
    ----------
    boundary_files
        As :func:`cluster_map.web.boundary_files.write_boundary_files` returns.
    static_dir, base_url
        The static folder and where it is served.
    specs, taxonomy, catalog
        Given ones (the app's cached ones, tests), or None to read layers/, geodata/taxonomy.toml
        and the boundary files' attributes.

    Returns
    -------
    The context.
    """
    taxonomy = taxonomy or load_taxonomy()
    if specs is None:
        specs = tuple(load_layer_specs(kinds=taxonomy.kinds, levels=taxonomy.levels))
    catalog = catalog if catalog is not None else load_catalog()
    js, css = asset_links(base_url=base_url)
    urls = {key: f.url(base_url, static_dir) for key, f in boundary_files.items()}
    return MapContext(tuple(specs), taxonomy, catalog, urls, tuple(js), tuple(css))
