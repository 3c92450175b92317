"""Files for GIS users: GeoJSON, GeoPackage, Shapefile, KML and CSV in WGS 84, CGCS2000 or GCJ-02.

Export is pure: it writes what it is given (the filtered item-place rows of
:func:`cluster_map.core.items.read_item_rows`, boundary layers, taxonomy) and reads no file. Each file
holds one feature per item (a Point, a MultiPoint for several places, no geometry without a place)
and the item's mentions (a ``mentions`` array in GeoJSON, a ``mentions`` table in the GeoPackage, a
``mentions_<crs>.csv`` in the Shapefile zip, readable lines in CSV and KML).
:data:`FORMATS` and :data:`CRS_CHOICES` are the one registry of formats and of CRSs; each file says
its CRS the way its format does: GeoJSON is RFC 7946 (WGS84, no ``crs`` member) except in CGCS2000
(a 2008-style ``crs`` member) and GCJ-02 (no EPSG code: foreign members say so); GeoPackage and
Shapefile carry the SRS / ``.prj`` (GCJ-02 as a custom CRS named "GCJ-02"); KML is WGS84 by
definition; CSV has plain lon/lat and WKT. GCJ-02 files always have ``gcj02`` in their name. See the
README's "Export" section for what each format does with items that have no place and long text.
"""

from cluster_map.export.api import (
    DEFAULT_STEM,
    ExportedFile,
    check_export_path,
    export_bytes,
    export_file_name,
    write_export,
)
from cluster_map.export.base import ExportCrs, ExportError
from cluster_map.export.registry import (
    BOUNDARY_LAYERS,
    CRS_CHOICES,
    FORMATS,
    GCJ02_CRS,
    SUFFIXES,
    ExportFormat,
    format_from_path,
)

__all__ = [
    "BOUNDARY_LAYERS",
    "CRS_CHOICES",
    "DEFAULT_STEM",
    "FORMATS",
    "GCJ02_CRS",
    "SUFFIXES",
    "ExportCrs",
    "ExportError",
    "ExportFormat",
    "ExportedFile",
    "check_export_path",
    "export_bytes",
    "export_file_name",
    "format_from_path",
    "write_export",
]
