"""The KML export (Google Earth, 奥维 Ovital): one Placemark per record, in WGS 84 or GCJ-02.

Each Placemark has the record's Chinese name, a description (an HTML table of its fields, escaped)
that Google Earth shows in its balloon, and the raw fields as typed ``ExtendedData`` (``Schema`` /
``SchemaData``) so that GIS software reads them back as attributes. Placed records sit in one folder
per sector, coloured as on the map; records without a place are Placemarks without a geometry in a
folder of their own. KML coordinates are WGS84 lon/lat by definition.
"""

from __future__ import annotations

import html
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Hashable
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from cluster_map.core.i18n import STRINGS, Lang, t
from cluster_map.core.taxonomy import Taxonomy
from cluster_map.export.base import ExportError, ExportJob, bilingual, counts_text, gcj02_warning, source_text

__all__ = ["EMPTY_FOLDER", "UNPLACED_FOLDER", "field_label", "kml_bytes", "render_kml", "xml_text"]

KML_NS = "http://www.opengis.net/kml/2.2"
SCHEMA_ID = "records"
UNPLACED_FOLDER = bilingual("export_kml_unplaced_folder")
#: The folder of a document without records, so that GDAL finds a (empty) layer to open.
EMPTY_FOLDER = bilingual("export_kml_empty_folder")
#: Characters XML 1.0 forbids: C0 controls but TAB, LF and CR; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Word's manual line break (vertical tab) and the form feed become line feeds.
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})

#: Columns whose balloon row is labelled in one language only (the name in that language).
_ONE_LANGUAGE: dict[str, Lang] = {"name_zh": "zh", "name_en": "en"}
_VOCABULARIES = {"kind": "kinds", "precision": "precisions", "evidence": "evidences"}

ET.register_namespace("", KML_NS)


def xml_text(text: str) -> str:
    """A text XML 1.0 can hold: VT and FF as line feeds, the other forbidden characters removed.

    Parameters
    ----------
    text
        Any text (a record's note pasted from Word holds ``\\x0b``).

    Returns
    -------
    The text without the characters that make a KML file not well-formed (GDAL refuses it).
    """
    return _NOT_XML.sub("", text.translate(_BREAKS))


def field_label(column: str) -> str:
    """The label of a column's row in the description balloon, for instance ``"编号 ID"``.

    Parameters
    ----------
    column
        A column of the records.

    Returns
    -------
    Chinese and English from the ``export_field_<column>`` string (``name_zh`` and ``name_en``
    in their own language only); the column name itself for a column without one.
    """
    if column in _ONE_LANGUAGE:
        return t("export_field_name", _ONE_LANGUAGE[column])
    key = f"export_field_{column}"
    return bilingual(key) if key in STRINGS else column


def _tag(name: str) -> str:
    return f"{{{KML_NS}}}{name}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, /, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, _tag(tag), {key: xml_text(value) for key, value in attrib.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _text(value: Any) -> str:
    """A value as KML text: numpy scalars unwrapped, booleans as KML's 1/0."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _simple_type(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        return "double"
    return "string"


def _kml_color(hex_rgb: str) -> str:
    """``#rrggbb`` as KML's opaque ``aabbggrr``."""
    rgb = hex_rgb.lstrip("#")
    return f"ff{rgb[4:6]}{rgb[2:4]}{rgb[0:2]}".lower()


def _display(column: str, value: Any, taxonomy: Taxonomy) -> str:
    text = _text(value)
    if column in _VOCABULARIES:
        label = taxonomy.label(_VOCABULARIES[column], text)
        return text if label == text else f"{label} ({text})"
    if column == "source_doc" and text in taxonomy.documents:
        return f"{taxonomy.documents[text]['zh']} ({text})"
    return text


def _description(row: dict[Hashable, Any], columns: list[str], taxonomy: Taxonomy) -> str:
    cells = []
    for column in columns:
        value = row[column]
        if _missing(value) or _text(value) == "":
            continue
        label = html.escape(field_label(column))
        cells.append(f"<tr><th>{label}</th><td>{html.escape(_display(column, value, taxonomy))}</td></tr>")
    return '<table border="1" cellpadding="3">' + "".join(cells) + "</table>"


def _placemark(
    parent: ET.Element, row: dict[Hashable, Any], geom: Any, *, columns: list[str], taxonomy: Taxonomy
) -> None:
    attrib = {"id": _text(row["id"])} if "id" in row and not _missing(row["id"]) else {}
    placemark = _sub(parent, "Placemark", **attrib)
    _sub(placemark, "name", _text(row.get("name_zh", row.get("id", ""))))
    _sub(placemark, "description", _description(row, columns, taxonomy))
    if "sector" in row and not _missing(row["sector"]) and row["sector"] in taxonomy.sectors:
        _sub(placemark, "styleUrl", f"#sector-{list(taxonomy.sectors).index(row['sector'])}")
    data = _sub(_sub(placemark, "ExtendedData"), "SchemaData", schemaUrl=f"#{SCHEMA_ID}")
    for column in columns:
        if column != "id" and not _missing(row[column]):
            _sub(data, "SimpleData", _text(row[column]), name=column)
    if geom is not None:
        _sub(_sub(placemark, "Point"), "coordinates", f"{geom.x:.6f},{geom.y:.6f}")


def kml_bytes(frame: gpd.GeoDataFrame, *, name: str, description: str, taxonomy: Taxonomy) -> bytes:
    """The records as a KML 2.2 document.

    Parameters
    ----------
    frame
        Records with point (or None) geometries, lon/lat in the coordinates the file is meant for.
    name
        The document's name (shown as the top folder in Google Earth).
    description
        The document's description: what the file holds and its coordinates.
    taxonomy
        For the sector folders and colours and the labels of coded values.

    Returns
    -------
    The KML document, UTF-8 with an XML declaration.
    """
    columns = [c for c in frame.columns if c != frame.geometry.name]
    root = ET.Element(_tag("kml"))
    document = _sub(root, "Document")
    _sub(document, "name", name)
    _sub(document, "description", description)
    for index, entry in enumerate(taxonomy.sectors.values()):
        style = _sub(document, "Style", id=f"sector-{index}")
        icon_style = _sub(style, "IconStyle")
        _sub(icon_style, "color", _kml_color(entry["color"]))
        _sub(_sub(style, "LabelStyle"), "scale", "0.8")
    schema = _sub(document, "Schema", name=SCHEMA_ID, id=SCHEMA_ID)
    for column in columns:
        if column != "id":
            _sub(schema, "SimpleField", name=column, type=_simple_type(frame[column]))

    rows = frame[columns].to_dict("records")
    geoms = list(frame.geometry.values)
    sectors = frame["sector"] if "sector" in frame else pd.Series("", index=frame.index)
    placed = [g is not None for g in geoms]
    order = list(taxonomy.sectors) + sorted(set(sectors[placed]) - set(taxonomy.sectors))
    for sector in order:
        members = [i for i, (s, ok) in enumerate(zip(sectors, placed, strict=True)) if ok and s == sector]
        if not members:
            continue
        folder = _sub(document, "Folder")
        _sub(folder, "name", sector or "—")
        for i in members:
            _placemark(folder, rows[i], geoms[i], columns=columns, taxonomy=taxonomy)
    unplaced = [i for i, ok in enumerate(placed) if not ok]
    if unplaced:
        folder = _sub(document, "Folder")
        _sub(folder, "name", UNPLACED_FOLDER)
        for i in unplaced:
            _placemark(folder, rows[i], None, columns=columns, taxonomy=taxonomy)
    if not rows:
        _sub(_sub(document, "Folder"), "name", EMPTY_FOLDER)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def render_kml(job: ExportJob) -> bytes:
    """The records of ``job`` as KML (see :func:`kml_bytes`), described with source, counts and CRS.

    Parameters
    ----------
    job
        The prepared records and the taxonomy (boundaries are not used).

    Returns
    -------
    The KML document.
    """
    if job.taxonomy is None:
        raise ExportError(
            "KML needs the taxonomy for its sector folders, colours and labels; pass "
            "taxonomy=load_taxonomy() (from cluster_map.core.taxonomy)"
        )
    description = f"{source_text()}. {counts_text(job.records)}. Coordinates: {job.crs.name}."
    if job.crs.shift == "gcj02":
        description += " " + gcj02_warning()
    return kml_bytes(job.records, name=job.name, description=description, taxonomy=job.taxonomy)
