"""The GeoPackage export: an ``items`` layer, a ``mentions`` table and the boundary layers, described.

``items`` holds one MultiPoint feature per item (an item with one kept place is a MultiPoint of one
point, so the layer has one geometry type for QGIS and ArcGIS; none without a place); ``mentions``
is a table without geometry (one row per passage that names an item: ``item_id``, ``mention_no``,
``doc``, ``section``, ``spans``, ``text``, ``sentence``; join ``item_id`` to ``items.id``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import pyogrio

from cluster_map.export.base import ExportCrs, ExportJob, counts_text, gcj02_warning, source_text

__all__ = ["layer_description", "render_gpkg"]

MENTIONS_DESCRIPTION = "the passages of the plans that name each item (join item_id to items.id)"


def layer_description(what: str, crs: ExportCrs | None) -> str:
    """A layer's description: what it holds, its CRS, the source, and the GCJ-02 warning if due."""
    text = f"{what}; {crs.name}; {source_text()}" if crs is not None else f"{what}; {source_text()}"
    return f"{text}. {gcj02_warning()}" if crs is not None and crs.shift == "gcj02" else text


def _layers(job: ExportJob) -> dict[str, tuple[pd.DataFrame, str | None, str]]:
    """Layer name -> (frame, geometry type, description): items, mentions, then the boundaries."""
    layers: dict[str, tuple[pd.DataFrame, str | None, str]] = {
        "items": (job.items, "MultiPoint", layer_description(counts_text(job), job.crs)),
        "mentions": (job.mentions, None, layer_description(MENTIONS_DESCRIPTION, None)),
    }
    for name, frame in job.boundaries.items():
        layers[name] = (frame, "MultiPolygon", layer_description(f"Hebei {name}", job.crs))
    return layers


def render_gpkg(job: ExportJob) -> bytes:
    """The items, their mentions and the boundary layers of ``job`` as one GeoPackage.

    Parameters
    ----------
    job
        The prepared items, mentions and boundaries (the taxonomy is not used).

    Returns
    -------
    The file's bytes; its SRS is the export CRS (GCJ-02 as a custom CRS of that name).
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.gpkg"
        for layer, (table, geometry_type, description) in _layers(job).items():
            pyogrio.write_dataframe(
                table,
                path,
                layer=layer,
                driver="GPKG",
                geometry_type=geometry_type,
                promote_to_multi=geometry_type is not None,
                layer_options={"IDENTIFIER": f"{job.name} {layer}", "DESCRIPTION": description},
            )
        return path.read_bytes()
