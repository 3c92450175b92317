"""The popups of the app's marker map, in files the browser fetches when a popup opens.

Embedding a popup per record made the seed map's script 1.1 MB (each item quotes its passages). The
app's map sends each marker's row instead (:class:`~cluster_map.web.payloads.View` ``by_row``); the
popups of every placed row live in a *book*: JSON files of :data:`BOOK_CHUNK_ROWS` rows each, under
the static folder with unguessable names (:mod:`cluster_map.web.static_files`), one book per
dataset and language. The runtime (``ClusterMap.popupBook``) fetches a file the first time one of
its popups opens; a zone's popup gathers its rows' popups under its heading, as on the server.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import geopandas as gpd
import pandas as pd

from cluster_map.core.i18n import Lang
from cluster_map.web.context import MapContext
from cluster_map.web.payloads import View, layer_rows
from cluster_map.web.static_files import keyed_name, write_once

__all__ = ["BOOK_CHUNK_ROWS", "BOOK_TYPES", "book_files", "popup_book", "write_popup_book"]

BOOK_CHUNK_ROWS = 100  # rows per file: a seed file is 220-280 kB (popups quote their passages)
BOOK_TYPES = ("points", "zones", "areas")  # the layer types whose popups quote records


def popup_book(records: gpd.GeoDataFrame, *, context: MapContext, lang: Lang) -> dict[int, dict[str, str]]:
    """File number -> ``{"<layer id>:<row>": popup HTML}`` for every placed row of every record layer.

    ``records`` are the dataset's rows with their details (mentions, places), indexed by row number
    (the same index the map's payloads send).
    """
    geometry = records.geometry
    placed = pd.DataFrame(records[geometry.notna() & ~geometry.is_empty].drop(columns=geometry.name))
    dicts = cast(dict[Any, dict[str, Any]], placed.astype(object).to_dict("index"))
    view = View(context, lang, "wgs84", None, dicts)
    book: dict[int, dict[str, str]] = {}
    for spec in context.specs:
        if spec.type not in BOOK_TYPES:
            continue
        rows = layer_rows(placed, spec)
        for row, popup in zip(rows.index, view.popup(view.records(rows), spec), strict=True):
            book.setdefault(int(row) // BOOK_CHUNK_ROWS, {})[f"{spec.id}:{int(row)}"] = popup
    return book


def book_files(book: dict[int, dict[str, str]]) -> tuple[str, dict[str, bytes]]:
    """The book's common name and its files (``<name>-<number>.json`` -> content)."""
    pages = {number: json.dumps(page, ensure_ascii=False).encode("utf-8") for number, page in book.items()}
    name = keyed_name(b"\0".join(pages[number] for number in sorted(pages)))
    return name, {f"{name}-{number}.json": data for number, data in pages.items()}


def write_popup_book(name: str, files: dict[str, bytes], folder: Path) -> str:
    """Write the book's files to ``folder`` (those missing: a cheap check on every run); return its name."""
    for file_name, data in files.items():
        write_once(folder, file_name, data)
    return name
