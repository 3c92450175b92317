"""The GeoJSON export: one FeatureCollection, RFC 7946 in WGS 84; other CRSs say so in the file.

In CGCS2000 the collection has a 2008-style ``crs`` member (so it is not RFC 7946); GCJ-02 has no
EPSG code, so foreign members (``coordinate_system``, ``rfc7946``, ``warning``) say what it is.
"""

from __future__ import annotations

from cluster_map.core import crs as coords
from cluster_map.core.geojson import dumps_feature_collection, feature_collection
from cluster_map.export.base import DECIMALS, ExportJob, gcj02_warning

__all__ = ["render_geojson"]


def _metadata(job: ExportJob) -> dict[str, object]:
    metadata: dict[str, object] = {"name": job.name}
    epsg = job.crs.target.to_epsg()
    if epsg not in (None, 4326):
        metadata["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{epsg}"}}
    if job.crs.shift == "gcj02":
        metadata["coordinate_system"] = "GCJ-02"
        metadata["rfc7946"] = False
        metadata["warning"] = f"{gcj02_warning()} Not RFC 7946 GeoJSON (which is WGS 84 only)."
    return metadata


def render_geojson(job: ExportJob) -> bytes:
    """The records as a GeoJSON FeatureCollection (UTF-8, one feature per line, 6 decimals).

    Parameters
    ----------
    job
        The prepared records (boundaries and taxonomy are not used).

    Returns
    -------
    The file's bytes.
    """
    labelled = job.records.set_crs(coords.WGS84, allow_override=True)  # the coordinates stay as given
    collection = feature_collection(labelled, decimals=DECIMALS, metadata=_metadata(job))
    return dumps_feature_collection(collection).encode("utf-8")
