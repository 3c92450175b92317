"""The GeoPackage export: a ``records`` point layer and the boundary layers, typed fields, described."""

from __future__ import annotations

import tempfile
from pathlib import Path

import geopandas as gpd
import pyogrio

from cluster_map.export.base import ExportCrs, ExportJob, counts_text, gcj02_warning, source_text

__all__ = ["layer_description", "render_gpkg"]


def layer_description(what: str, crs: ExportCrs) -> str:
    """A layer's description: what it holds, its CRS, the source, and the GCJ-02 warning if due."""
    text = f"{what}; {crs.name}; {source_text()}"
    return f"{text}. {gcj02_warning()}" if crs.shift == "gcj02" else text


def _layers(job: ExportJob) -> dict[str, tuple[gpd.GeoDataFrame, str, str]]:
    """Layer name -> (frame, geometry type, description), records first."""
    layers = {"records": (job.records, "Point", layer_description(counts_text(job.records), job.crs))}
    for name, frame in job.boundaries.items():
        layers[name] = (frame, "MultiPolygon", layer_description(f"Hebei {name}", job.crs))
    return layers


def render_gpkg(job: ExportJob) -> bytes:
    """The records and the boundary layers of ``job`` as one GeoPackage.

    Parameters
    ----------
    job
        The prepared records and boundaries (the taxonomy is not used).

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
                promote_to_multi=geometry_type == "MultiPolygon",
                layer_options={"IDENTIFIER": f"{job.name} {layer}", "DESCRIPTION": description},
            )
        return path.read_bytes()
