"""The KML export (Google Earth, 奥维 Ovital): one Placemark per item, in WGS 84 or GCJ-02.

Each Placemark has the item's Chinese name, a Point at its one kept place or a MultiGeometry of
Points at several, a description (an HTML table of its fields and the list of the passages that
name it, escaped) that Google Earth shows in its balloon, and the raw fields as typed
``ExtendedData`` (``Schema`` / ``SchemaData``; ``mentions`` as readable lines) so that GIS software
reads them back as attributes. Placed items sit in one folder per sector, coloured as on the map;
items without a place are Placemarks without a geometry in a folder of their own. KML coordinates
are WGS84 lon/lat by definition.
"""

from __future__ import annotations

import html
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Hashable, Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from cluster_map.core.i18n import STRINGS, Lang, t
from cluster_map.core.items import split_multi
from cluster_map.core.taxonomy import Taxonomy
from cluster_map.export.base import ExportError, ExportJob, bilingual, counts_text, gcj02_warning, source_text
from cluster_map.export.items import mention_lines

__all__ = ["EMPTY_FOLDER", "UNPLACED_FOLDER", "field_label", "kml_bytes", "render_kml", "xml_text"]

KML_NS = "http://www.opengis.net/kml/2.2"
SCHEMA_ID = "items"
UNPLACED_FOLDER = bilingual("export_kml_unplaced_folder")
#: The folder of a document without items, so that GDAL finds a (empty) layer to open.
EMPTY_FOLDER = bilingual("export_kml_empty_folder")
#: Characters XML 1.0 forbids: C0 controls but TAB, LF and CR; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Word's manual line break (vertical tab) and the form feed become line feeds.
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})

#: Columns whose balloon row is labelled in one language only: the string and the language.
_ONE_LANGUAGE: dict[str, tuple[str, Lang]] = {
    "name_zh": ("export_field_name", "zh"),
    "name_en": ("export_field_name", "en"),
    "note_zh": ("export_field_note", "zh"),
    "note_en": ("export_field_note", "en"),
}
_VOCABULARIES = {"kind": "kinds", "precision": "precisions", "evidence": "evidences"}

ET.register_namespace("", KML_NS)


def xml_text(text: str) -> str:
    """A text XML 1.0 can hold: VT and FF as line feeds, the other forbidden characters removed.

    Parameters
    ----------
    text
        Any text (an item's note pasted from Word holds ``\\x0b``).

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
        A column of the items.

    Returns
    -------
    Chinese and English from the ``export_field_<column>`` string (``name_zh``, ``name_en``,
    ``note_zh`` and ``note_en`` in their own language only); the column name itself for a column without one.
    """
    if column in _ONE_LANGUAGE:
        return t(*_ONE_LANGUAGE[column])
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
    """A value as the balloon shows it: coded values labelled (each of a ``;``-list), plans named."""
    text = _text(value)
    if column in _VOCABULARIES:
        labels = []
        for code in split_multi(text) or [text]:
            label = taxonomy.label(_VOCABULARIES[column], code)
            labels.append(code if label == code else f"{label} ({code})")
        return "; ".join(labels)
    if column in ("docs", "source_doc"):
        docs = taxonomy.documents
        return "; ".join(f"{docs[d]['zh']} ({d})" if d in docs else d for d in split_multi(text))
    return text


def _description(row: dict[Hashable, Any], columns: list[str], taxonomy: Taxonomy, said: list[str]) -> str:
    """The balloon: a table of the item's fields, then the passages that name it, all escaped."""
    cells = []
    for column in columns:
        value = row[column]
        if _missing(value) or _text(value) == "":
            continue
        label = html.escape(field_label(column))
        cells.append(f"<tr><th>{label}</th><td>{html.escape(_display(column, value, taxonomy))}</td></tr>")
    table = '<table border="1" cellpadding="3">' + "".join(cells) + "</table>"
    if not said:
        return table
    items = "".join(f"<li>{html.escape(line)}</li>" for line in said)
    return f"{table}<p><b>{html.escape(field_label('mentions'))}</b></p><ol>{items}</ol>"


def _geometry(placemark: ET.Element, geom: Any) -> None:
    """A Point, or a MultiGeometry of Points for an item with several places; nothing for none."""
    if geom is None:
        return
    points = list(geom.geoms) if isinstance(geom, shapely.MultiPoint) else [geom]
    parent = _sub(placemark, "MultiGeometry") if len(points) > 1 else placemark
    for point in points:
        _sub(_sub(parent, "Point"), "coordinates", f"{point.x:.6f},{point.y:.6f}")


def _placemark(
    parent: ET.Element,
    row: dict[Hashable, Any],
    geom: Any,
    *,
    columns: list[str],
    taxonomy: Taxonomy,
    said: list[str],
) -> None:
    attrib = {"id": _text(row["id"])} if "id" in row and not _missing(row["id"]) else {}
    placemark = _sub(parent, "Placemark", **attrib)
    _sub(placemark, "name", _text(row.get("name_zh", row.get("id", ""))))
    _sub(placemark, "description", _description(row, columns, taxonomy, said))
    if "sector" in row and not _missing(row["sector"]) and row["sector"] in taxonomy.sectors:
        _sub(placemark, "styleUrl", f"#sector-{list(taxonomy.sectors).index(row['sector'])}")
    data = _sub(_sub(placemark, "ExtendedData"), "SchemaData", schemaUrl=f"#{SCHEMA_ID}")
    for column in columns:
        if column != "id" and not _missing(row[column]):
            _sub(data, "SimpleData", _text(row[column]), name=column)
    if said:
        _sub(data, "SimpleData", "\n".join(said), name="mentions")
    _geometry(placemark, geom)


def _head(document: ET.Element, frame: gpd.GeoDataFrame, columns: list[str], taxonomy: Taxonomy) -> None:
    """The sector styles and the schema of the ExtendedData (the item's fields, then ``mentions``)."""
    for index, entry in enumerate(taxonomy.sectors.values()):
        style = _sub(document, "Style", id=f"sector-{index}")
        icon_style = _sub(style, "IconStyle")
        _sub(icon_style, "color", _kml_color(entry["color"]))
        _sub(_sub(style, "LabelStyle"), "scale", "0.8")
    schema = _sub(document, "Schema", name=SCHEMA_ID, id=SCHEMA_ID)
    for column in columns:
        if column != "id":
            _sub(schema, "SimpleField", name=column, type=_simple_type(frame[column]))
    _sub(schema, "SimpleField", name="mentions", type="string")


def kml_bytes(
    frame: gpd.GeoDataFrame,
    *,
    name: str,
    description: str,
    taxonomy: Taxonomy,
    mentions: Mapping[str, list[str]] | None = None,
) -> bytes:
    """The items as a KML 2.2 document.

    Parameters
    ----------
    frame
        Items with Point, MultiPoint or None geometries, in the coordinates the file is meant for.
    name
        The document's name (shown as the top folder in Google Earth).
    description
        The document's description: what the file holds and its coordinates.
    taxonomy
        For the sector folders and colours and the labels of coded values.
    mentions
        Item id -> its mentions as readable lines (:func:`cluster_map.export.items.mention_lines`).

    Returns
    -------
    The KML document, UTF-8 with an XML declaration.
    """
    columns = [c for c in frame.columns if c != frame.geometry.name]
    said = mentions or {}
    root = ET.Element(_tag("kml"))
    document = _sub(root, "Document")
    _sub(document, "name", name)
    _sub(document, "description", description)
    _head(document, frame, columns, taxonomy)
    rows = frame[columns].to_dict("records")
    geoms = list(frame.geometry.values)
    sectors = frame["sector"] if "sector" in frame else pd.Series("", index=frame.index)
    placed = [g is not None for g in geoms]
    order = list(taxonomy.sectors) + sorted(set(sectors[placed]) - set(taxonomy.sectors))
    folders = [
        (
            sector or "—",
            [i for i, (s, ok) in enumerate(zip(sectors, placed, strict=True)) if ok and s == sector],
        )
        for sector in order
    ]
    folders.append((UNPLACED_FOLDER, [i for i, ok in enumerate(placed) if not ok]))
    for folder_name, members in folders:
        if not members:
            continue
        folder = _sub(document, "Folder")
        _sub(folder, "name", folder_name)
        for i in members:
            item = str(rows[i].get("id", ""))
            _placemark(folder, rows[i], geoms[i], columns=columns, taxonomy=taxonomy, said=said.get(item, []))
    if not rows:
        _sub(_sub(document, "Folder"), "name", EMPTY_FOLDER)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def render_kml(job: ExportJob) -> bytes:
    """The items of ``job`` as KML (see :func:`kml_bytes`), described with source, counts and CRS.

    Parameters
    ----------
    job
        The prepared items, mentions and the taxonomy (boundaries are not used).

    Returns
    -------
    The KML document.
    """
    if job.taxonomy is None:
        raise ExportError(
            "KML needs the taxonomy for its sector folders, colours and labels; pass "
            "taxonomy=load_taxonomy() (from cluster_map.core.taxonomy)"
        )
    description = f"{source_text()}. {counts_text(job)}. Coordinates: {job.crs.name}."
    if job.crs.shift == "gcj02":
        description += " " + gcj02_warning()
    return kml_bytes(
        job.items,
        name=job.name,
        description=description,
        taxonomy=job.taxonomy,
        mentions=mention_lines(job.mentions),
    )
