"""Below the map: the records table (a row flies the map to its record), notices about the linked
record, and the download of exactly the filtered records."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Hashable
from typing import Any

import geopandas as gpd
import pandas as pd
import streamlit as st

from cluster_map.core.filters import FilterSpec
from cluster_map.core.i18n import Lang, t
from cluster_map.core.items import placed_item_count
from cluster_map.core.taxonomy import Taxonomy
from cluster_map.export import FORMATS, export_bytes
from cluster_map.ui.download import crs_options, download_file, download_stem, format_options
from cluster_map.ui.plain import md_text
from cluster_map.ui.shared import detailed, export_boundaries
from cluster_map.ui.table import READ_COLUMN, records_table, unplaced_count
from cluster_map.ui.widgets import held_selectbox
from cluster_map.web.context import MapContext

__all__ = [
    "POINT_TABLE_PAGE_ITEMS",
    "TABLE_PAGE_ITEMS",
    "download_panel",
    "item_notice",
    "records_table_panel",
]


def _focus_selected_row(key: str, ids: list[str]) -> Callable[[], None]:
    """A selection callback: the chosen row's record becomes the map's focus (set before the run)."""

    def on_select() -> None:
        rows = list(st.session_state[key].selection.rows)
        if rows and rows[0] < len(ids):
            st.session_state["v_item"] = ids[rows[0]]

    return on_select


def read_link_config(lang: Lang) -> dict[str, Any]:
    """The table's reader column as a link ("在规划中阅读"), opened in a new tab."""
    return {t(READ_COLUMN, lang): st.column_config.LinkColumn(display_text=t("read_in_plan", lang))}


TABLE_PAGE_ITEMS = 1_000  # items per page of the table (a page of a million-row table is still fast)
#: Items per page with the point layer: every run sends the page again (1,000 items are 0.57 MB).
POINT_TABLE_PAGE_ITEMS = 200


def _page_rows(filtered: gpd.GeoDataFrame, lang: Lang, page_items: int) -> tuple[gpd.GeoDataFrame, list[str]]:
    """The rows of the items on the chosen page, and those items' ids, in the rows' order."""
    ids = pd.unique(filtered["id"].to_numpy(dtype=object))
    pages = max(1, -(-len(ids) // page_items))
    page = 1
    if pages > 1:
        label = t("table_page", lang, size=page_items, pages=pages)
        if int(st.session_state.get("table_page", 1)) > pages:  # a narrower filter has fewer pages
            st.session_state["table_page"] = pages
        page = int(st.number_input(label, min_value=1, max_value=pages, value=1, step=1, key="table_page"))
    shown = ids[(page - 1) * page_items : page * page_items]
    rows = filtered if pages == 1 else filtered[filtered["id"].isin(shown)]
    return rows, [str(i) for i in shown]


def records_table_panel(
    filtered: gpd.GeoDataFrame,
    *,
    path: str,
    context: MapContext,
    lang: Lang,
    page_items: int = TABLE_PAGE_ITEMS,
) -> None:
    """The table of the filtered items, ``page_items`` at a time; selecting a row makes its item the map's focus."""
    st.subheader(t("table", lang))
    st.caption(t("unplaced", lang, count=unplaced_count(filtered)) + " " + t("table_hint", lang))
    rows, ids = _page_rows(filtered, lang, page_items)
    table = records_table(
        detailed(path, rows),
        lang=lang,
        taxonomy=context.taxonomy,
        unit_names=context.catalog.unit_names(lang),
    )
    key = "table_" + hashlib.sha1("|".join(ids).encode("utf-8")).hexdigest()[:12]  # new rows, new selection
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config=read_link_config(lang),
        key=key,
        on_select=_focus_selected_row(key, ids),
        selection_mode="single-row",
    )


def item_notice(
    item: str,
    records: gpd.GeoDataFrame,
    filtered: gpd.GeoDataFrame,
    *,
    lang: Lang,
    on_show: Callable[[], None],
) -> None:
    """Say why the linked record is not on the map: filtered out (with a button) or without a place."""
    if not item:
        return
    rows = records[records["id"] == item]
    if rows.empty:
        return
    record = rows.iloc[0]
    name = str(record["name_en" if lang == "en" and record["name_en"] else "name_zh"])
    if item not in filtered["id"].to_numpy():
        st.info(t("item_hidden", lang, name=md_text(name)))
        st.button(t("show_item", lang), on_click=on_show, key="show_item")
    elif not placed_item_count(filtered[filtered["id"] == item]):
        st.info(t("item_unplaced", lang, name=md_text(name)))


def download_panel(
    filtered: gpd.GeoDataFrame,
    spec: FilterSpec,
    *,
    path: str,
    lang: Lang,
    label_of: Callable[[str, str], str],
    taxonomy: Taxonomy,
    invalid: Collection[Hashable] | None = frozenset(),
) -> None:
    """Format and coordinate system, and a button that makes the file on click.

    ``invalid`` holds the ids of items that fail validation: the file leaves out their rows
    (as ``export --skip-invalid``) and the panel says how many items; None when the dataset was
    too large to validate in the page (the panel says so and how to validate it). The boundary layers of GeoPackage
    and Shapefile files are read once per process (:func:`cluster_map.ui.shared.export_boundaries`).
    """
    if invalid is None:
        st.caption(t("download_unchecked", lang))
    failing = frozenset(invalid or ())
    left_out = filtered["id"].isin(list(failing)).to_numpy(dtype=bool)
    if left_out.any():
        st.warning(t("download_left_out", lang, count=filtered.loc[left_out, "id"].nunique()))
        filtered = filtered[~left_out]
    formats = format_options(lang)
    left, right = st.columns(2)
    with left:
        fmt = held_selectbox(
            t("format", lang), list(formats), state_key="d_format", format_func=formats.__getitem__
        )
    systems = crs_options(fmt, lang)
    with right:
        crs = held_selectbox(
            t("crs", lang), list(systems), state_key="d_crs", format_func=systems.__getitem__
        )
    file_name, mime = download_file(spec, fmt=fmt, crs=crs, label_of=label_of)
    stem = download_stem(spec, label_of=label_of)
    boundaries = export_boundaries() if FORMATS[fmt].boundary_layers else None

    def file_bytes() -> bytes:
        """The file, made on click (not on every run)."""
        exported = export_bytes(
            detailed(path, filtered), fmt=fmt, crs=crs, stem=stem, boundaries=boundaries, taxonomy=taxonomy
        )
        return exported.data

    st.download_button(
        t("download", lang),
        data=file_bytes,
        file_name=file_name,
        mime=mime,
        key="download",
        on_click="ignore",  # a rerun on click races the deferred download (seen in Chromium)
        width="stretch",
        icon=":material/download:",
    )
    st.caption(md_text(file_name))
