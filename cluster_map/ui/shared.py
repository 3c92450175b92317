"""What every session of the app shares, computed once per server process (Streamlit's caches).

The catalog of units and zones, the taxonomy, the map context, the records and the filter choices
are read once (``st.cache_resource``); the maps are built in :mod:`cluster_map.ui.marker_view` and
:mod:`cluster_map.ui.point_view`. After the first run,
:func:`freeze_shared` takes the shared objects out of the garbage collector's work, which
Streamlit runs in full after every script run.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
from collections.abc import Collection, Iterator

import geopandas as gpd
import pandas as pd
import streamlit as st

from cluster_map.core.boundaries import Layer, read_boundaries
from cluster_map.core.catalog import Catalog, load_catalog
from cluster_map.core.checks import ValidationContext
from cluster_map.core.csv_input import MAX_LOAD_MB
from cluster_map.core.errors import UsageError
from cluster_map.core.filter_index import FilterIndex
from cluster_map.core.filters import FilterChoices
from cluster_map.core.i18n import Lang
from cluster_map.core.item_cache import LoadedItems, cache_folder, load_items
from cluster_map.core.items import PlanItems, item_links, with_details
from cluster_map.core.plan_search import MentionSpan, mention_spans, place_name_pattern
from cluster_map.core.plan_text import PlanText, plan_text
from cluster_map.core.taxonomy import Taxonomy, load_taxonomy
from cluster_map.core.validate import check_items
from cluster_map.export import BOUNDARY_LAYERS
from cluster_map.web.assets import STATIC_DIR, install_assets
from cluster_map.web.boundary_files import write_boundary_files
from cluster_map.web.context import MapContext, load_map_context
from cluster_map.web.reader_html import item_labels, plan_html

__all__ = [
    "catalog",
    "detailed",
    "export_boundaries",
    "freeze_shared",
    "invalid_items",
    "map_context",
    "records_and_choices",
    "static_url",
    "taxonomy",
]


def static_url() -> str:
    """Where Streamlit serves the static folder (under ``server.baseUrlPath`` when one is set)."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static" if base else "/app/static"


MAX_MB_ENV = "CLUSTER_MAP_MAX_MB"


def max_load_mb() -> float:
    """The largest item table the app loads, in MB: ``CLUSTER_MAP_MAX_MB`` (environment), else 100."""
    given = os.environ.get(MAX_MB_ENV, "")
    try:
        return float(given) if given else MAX_LOAD_MB
    except ValueError:
        raise UsageError(
            f"{MAX_MB_ENV}={given!r} is not a number of megabytes; set it like {MAX_MB_ENV}=2000"
        ) from None


@st.cache_resource(show_spinner=False)
def catalog() -> Catalog:
    """The admin units and zones (names, members, extents), read once per process."""
    return load_catalog()


@st.cache_resource(show_spinner=False)
def taxonomy() -> Taxonomy:
    """The vocabularies and their labels, read once per process."""
    return load_taxonomy()


@st.cache_resource(show_spinner=False)
def map_context(url: str) -> MapContext:
    """Install the map's scripts and boundaries in the static folder; read the layers."""
    install_assets(STATIC_DIR)
    return load_map_context(
        write_boundary_files(STATIC_DIR), base_url=url, taxonomy=taxonomy(), catalog=catalog()
    )


@st.cache_resource(show_spinner=False)
def _loaded(path: str) -> LoadedItems:
    """The item tables and rows of ``path``, read once per process (large folders from the Arrow cache)."""
    return load_items(path, max_mb=max_load_mb(), cache=cache_folder())


def _records(path: str) -> gpd.GeoDataFrame:
    """The item-place rows, without their mentions and places (:func:`detailed` adds them)."""
    return _loaded(path).rows


def detailed(path: str, rows: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``rows`` of the dataset at ``path`` with their items' mentions and places (popups, tables, files)."""
    return with_details(rows, plan_items(path))


@st.cache_resource(show_spinner=False)
def _choices(path: str) -> FilterChoices:
    return FilterChoices.build(_records(path), catalog=catalog(), taxonomy=taxonomy())


class ItemIds(Collection[str]):
    """Item ids behind a pandas index: ``in`` and ``len`` through its hash table, no Python set."""

    def __init__(self, index: pd.Index) -> None:
        self._index = index

    def __contains__(self, value: object) -> bool:
        return value in self._index

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[str]:
        return (str(value) for value in self._index)


@st.cache_resource(show_spinner=False)
def record_links(path: str) -> tuple[dict[str, str], ItemIds]:
    """The ids of records that items replaced -> those items' ids, and the item ids (read once).

    Only items with ``former_ids`` go into the dict (a link's own item id needs no entry); the item
    ids are a hashed index over the rows' column, not a set of a million Python strings.
    """
    records = _records(path)
    replacing = records[records["former_ids"].astype(str) != ""]
    return item_links(replacing), ItemIds(pd.Index(pd.unique(records["id"].astype(str))))


@st.cache_resource(show_spinner=False)
def filter_index(path: str) -> FilterIndex:
    """The records' filter fields as codes (masks and facet counts without row loops)."""
    return FilterIndex.build(_records(path), choices=_choices(path))


def records_and_choices(path: str) -> tuple[gpd.GeoDataFrame, FilterChoices]:
    """The records file (read once; raises ClusterMapError on a bad file) and what can be chosen."""
    return _records(path), _choices(path)


@st.cache_resource(show_spinner=False)
def _full_boundaries(layer: Layer) -> gpd.GeoDataFrame:
    """One boundary layer at full weight, read once per process (validation and downloads share it)."""
    return read_boundaries(layer, weight="full")


def export_boundaries() -> dict[str, gpd.GeoDataFrame]:
    """The boundary layers a GeoPackage or Shapefile download carries (full weight, read once)."""
    return {layer: _full_boundaries(layer) for layer in BOUNDARY_LAYERS}


@st.cache_resource(show_spinner=False)
def plan_texts() -> dict[str, PlanText]:
    """Both plans with their sections (read once per process)."""
    tax = taxonomy()
    return {doc: plan_text(doc, tax) for doc in tax.documents}


def plan_items(path: str) -> PlanItems:
    """The three item tables of ``path`` (read once per process)."""
    return _loaded(path).plan


@st.cache_resource(show_spinner=False)
def place_pattern() -> re.Pattern[str]:
    """Any prefecture or county name (search marks passages that name a place but no item)."""
    return place_name_pattern(catalog())


@st.cache_resource(show_spinner=False)
def plan_spans(path: str) -> list[MentionSpan]:
    """Every span of every mention of the items of ``path``, in plan order."""
    return mention_spans(plan_items(path).mentions)


@st.cache_data(show_spinner=False, max_entries=8)
def reader_html(path: str, doc: str, lang: Lang) -> tuple[str, str]:
    """A plan's highlighted HTML for the reader, once per plan and language; and its version tag."""
    labels = item_labels(plan_items(path).items, taxonomy(), lang)
    html = plan_html(plan_texts()[doc], plan_spans(path), labels)
    return html, f"{doc}-{lang}-{hashlib.sha1(html.encode('utf-8')).hexdigest()[:12]}"


@st.cache_resource(show_spinner=False)
def _web_boundaries(layer: Layer) -> gpd.GeoDataFrame:
    return read_boundaries(layer, weight="web")


def brief_boundaries() -> dict[str, gpd.GeoDataFrame]:
    """The prefecture and county layers the printable brief draws its map from (web weight, read once)."""
    return {layer: _web_boundaries(layer) for layer in ("prefecture", "county")}


@st.cache_resource(show_spinner=False)
def invalid_items(path: str) -> frozenset[str]:
    """Ids of the items ``export`` would refuse (validate's checks, run once per process).

    The app's download leaves them out, as ``export --skip-invalid`` does, and says how many.
    """
    context = ValidationContext.from_frames(
        taxonomy(),
        prefectures=_full_boundaries("prefecture"),
        counties=_full_boundaries("county"),
        province=_full_boundaries("province"),
    )
    return frozenset(check_items(plan_items(path), source=path, context=context).invalid)


@st.cache_resource(show_spinner=False)
def freeze_shared(path: str, url: str) -> None:
    """Once per process, after the shared data is loaded: ``gc.freeze()`` it (full collections skip it)."""
    gc.freeze()
