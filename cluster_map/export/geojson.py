"""The GeoJSON export: one FeatureCollection, RFC 7946 in WGS 84; other CRSs say so in the file.

One feature per item (a Point at its one kept place, a MultiPoint at several, ``null`` without a
place); its properties hold the item's fields and a ``mentions`` array of objects (``doc``,
``section``, ``spans`` as ``[[start, end], ...]``, ``text``, ``sentence``), every passage that names
it. In CGCS2000 the collection has a 2008-style ``crs`` member (so it is not RFC 7946); GCJ-02 has
no EPSG code, so foreign members (``coordinate_system``, ``rfc7946``, ``warning``) say what it is.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from cluster_map.core import crs as coords
from cluster_map.core.geojson import dumps_feature_collection, feature_collection
from cluster_map.core.items import split_multi
from cluster_map.export.base import DECIMALS, ExportCrs, ExportJob, gcj02_warning

__all__ = ["crs_metadata", "mention_objects", "render_geojson"]


def crs_metadata(name: str, crs: ExportCrs) -> dict[str, object]:
    """A FeatureCollection's name and what its coordinates are: a CRS member for EPSG codes other
    than 4326 (CGCS2000), and a warning that GCJ-02 is not RFC 7946 GeoJSON."""
    metadata: dict[str, object] = {"name": name}
    epsg = crs.target.to_epsg()
    if epsg not in (None, 4326):
        metadata["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{epsg}"}}
    if crs.shift == "gcj02":
        metadata["coordinate_system"] = "GCJ-02"
        metadata["rfc7946"] = False
        metadata["warning"] = f"{gcj02_warning()} Not RFC 7946 GeoJSON (which is WGS 84 only)."
    return metadata


def _span_pairs(spans: str) -> list[list[int]]:
    """``"10-16;40-44"`` -> ``[[10, 16], [40, 44]]``."""
    return [[int(part) for part in span.split("-", 1)] for span in split_multi(spans)]


def mention_objects(mentions: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """Item id -> its mentions as the objects of the ``mentions`` property, in order."""
    objects: dict[str, list[dict[str, Any]]] = {}
    for row in mentions.itertuples(index=False):
        objects.setdefault(str(row.item_id), []).append(
            {
                "doc": row.doc,
                "section": row.section,
                "spans": _span_pairs(str(row.spans)),
                "text": row.text,
                "sentence": row.sentence,
            }
        )
    return objects


def render_geojson(job: ExportJob) -> bytes:
    """The items as a GeoJSON FeatureCollection (UTF-8, one feature per line, 6 decimals).

    Parameters
    ----------
    job
        The prepared items and mentions (boundaries and taxonomy are not used).

    Returns
    -------
    The file's bytes.
    """
    labelled = job.items.set_crs(coords.WGS84, allow_override=True)  # the coordinates stay as given
    said = mention_objects(job.mentions)
    objects = [said.get(str(item), []) for item in labelled["id"]]
    labelled["mentions"] = pd.Series(objects, index=labelled.index, dtype=object)
    collection = feature_collection(labelled, decimals=DECIMALS, metadata=crs_metadata(job.name, job.crs))
    return dumps_feature_collection(collection).encode("utf-8")
