"""The comparison section of the page: the sector x unit matrix on a heat scale (a click on a cell
filters to it) for the prefectures or the counties of one, places side by side, and their downloads.

The tables and files come from :mod:`cluster_map.core.comparison` and
:mod:`cluster_map.export.comparison_files`, as on the command line (``matrix``, ``compare``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import geopandas as gpd
import pandas as pd
import streamlit as st

from cluster_map.core.comparison import (
    MAX_COMPARED,
    MatrixLevel,
    compare_places,
    prefecture_only_items,
    sector_matrix,
)
from cluster_map.core.filters import FilterChoices, FilterSpec
from cluster_map.core.i18n import Lang, t
from cluster_map.core.profiles import find_profile_place
from cluster_map.core.taxonomy import Taxonomy
from cluster_map.export.comparison_files import (
    TABLE_MIMES,
    comparison_bytes,
    comparison_table,
    matrix_bytes,
    matrix_table,
)
from cluster_map.ui.download import download_stem
from cluster_map.ui.heat import heat_styles
from cluster_map.ui.profile_panel import place_labeller, profile_places
from cluster_map.ui.sidebar import filter_to_cell
from cluster_map.ui.widgets import generation, held_multiselect, held_selectbox

__all__ = [
    "COMPARE_STATE",
    "MATRIX_GEOMETRY",
    "MATRIX_SCOPE",
    "comparison_panel",
]

MATRIX_SCOPE = "v_matrix_within"  # "" for the prefectures, a prefecture code for its counties
COMPARE_STATE = "v_compare"
_DOWNLOADS = ("csv", "xlsx")
#: The matrix's geometry in pixels per language (fixed, and the grid as wide as its columns, so a
#: cell is where a browser test computes it): label column, unit column, row height.
MATRIX_GEOMETRY: dict[str, tuple[int, int, int]] = {"zh": (150, 66, 35), "en": (250, 104, 35)}


def _on_cell(
    key: str, matrix: pd.DataFrame, units: dict[str, str], level: str, choices: FilterChoices
) -> None:
    """The matrix's selection callback: filter to the clicked cell's sector and unit.

    Totals (sums over units, where an item in several units counts in each) and empty cells are
    no filter of their own: a click on them does nothing.
    """
    cells = st.session_state[key]["selection"]["cells"]
    if not cells:
        return
    row, column = cells[0]
    code = units.get(str(column), "")
    if row >= len(matrix) or not code or not matrix.iat[row, list(matrix.columns).index(code)]:
        return
    filter_to_cell(str(matrix.index[row]), level, code, choices=choices)


def _downloads(make: Callable[[str], bytes], stem: str, lang: Lang, key: str) -> None:
    for fmt, area in zip(_DOWNLOADS, st.columns(len(_DOWNLOADS)), strict=True):
        area.download_button(
            t("table_download", lang, format=fmt.upper()),
            data=lambda fmt=fmt: make(fmt),  # type: ignore[misc]
            file_name=f"{stem}.{fmt}",
            mime=TABLE_MIMES[fmt],
            on_click="ignore",
            key=f"{key}_{fmt}",
        )


def _heat_table(
    matrix: pd.DataFrame,
    *,
    level: MatrixLevel,
    within: str,
    choices: FilterChoices,
    taxonomy: Taxonomy,
    lang: Lang,
) -> None:
    """The matrix on a heat scale; a click on a cell filters to it (:func:`_on_cell`)."""
    names = choices.catalog.unit_names(lang)
    table = matrix_table(matrix, catalog=choices.catalog, taxonomy=taxonomy, lang=lang)
    shown = table.set_index(t("field_sector", lang))
    key = f"matrix_{within}_{generation()}"
    codes = {names.get(c, c): c for c in matrix.columns}
    label_px, cell_px, row_px = MATRIX_GEOMETRY[lang]
    st.dataframe(
        shown.style.apply(heat_styles, axis=None),
        width="content",
        column_config={"_index": st.column_config.Column(width=label_px)}
        | {name: st.column_config.NumberColumn(width=cell_px) for name in shown.columns},
        row_height=row_px,
        key=key,
        on_select=partial(_on_cell, key, matrix, codes, level, choices),
        selection_mode="single-cell",
    )


def _matrix(
    filtered: gpd.GeoDataFrame,
    spec: FilterSpec,
    *,
    choices: FilterChoices,
    taxonomy: Taxonomy,
    lang: Lang,
    label_of: Callable[[str, str], str],
) -> None:
    catalog = choices.catalog
    names = catalog.unit_names(lang)
    within = held_selectbox(
        t("matrix_scope", lang),
        ["", *catalog.codes("prefecture")],
        state_key=MATRIX_SCOPE,
        format_func=lambda code: (
            t("matrix_prefectures", lang)
            if not code
            else t("matrix_counties_of", lang, name=names.get(code, code))
        ),
    )
    level: MatrixLevel = "county" if within else "prefecture"
    chosen = spec.values("counties" if within else "prefectures")  # a place filter keeps its columns
    matrix = sector_matrix(filtered, catalog=catalog, level=level, within=within, only=chosen)
    if matrix.empty:
        st.info(t("matrix_empty", lang))
        return
    _heat_table(matrix, level=level, within=within, choices=choices, taxonomy=taxonomy, lang=lang)
    st.caption(t("matrix_click", lang))
    if within:
        coarse = prefecture_only_items(filtered, within, catalog=catalog)
        if coarse:
            st.caption(t("matrix_prefecture_only", lang, count=coarse, name=names.get(within, within)))
    stem = download_stem(spec, label_of=label_of, base=f"hebei_sector_matrix_{within or 'prefectures'}")
    _downloads(
        lambda fmt: matrix_bytes(
            matrix,
            fmt=fmt,
            level=level,
            within=within,
            spec=spec,
            catalog=catalog,
            taxonomy=taxonomy,
            lang=lang,
        ),
        stem,
        lang,
        "matrix_download",
    )


def _side_by_side(
    records: gpd.GeoDataFrame,
    spec: FilterSpec,
    *,
    choices: FilterChoices,
    taxonomy: Taxonomy,
    lang: Lang,
    label_of: Callable[[str, str], str],
) -> None:
    catalog = choices.catalog
    codes = held_multiselect(
        t("compare_places", lang, max=MAX_COMPARED),
        profile_places(catalog),
        state_key=COMPARE_STATE,
        format_func=place_labeller(catalog, lang),
        placeholder=t("compare_placeholder", lang),
    )
    if not codes:
        return
    if len(codes) > MAX_COMPARED:
        st.warning(t("compare_too_many", lang, max=MAX_COMPARED, count=len(codes)))
    places = [find_profile_place(code, catalog) for code in codes[:MAX_COMPARED]]
    table, _ = compare_places(records, places, spec, choices=choices)
    shown = comparison_table(table, places, catalog=catalog, taxonomy=taxonomy, lang=lang)
    st.dataframe(shown, hide_index=True, width="stretch")
    stem = download_stem(spec, label_of=label_of, base="hebei_compare_" + "-".join(p.code for p in places))
    _downloads(
        lambda fmt: comparison_bytes(
            table, places, fmt=fmt, spec=spec, catalog=catalog, taxonomy=taxonomy, lang=lang
        ),
        stem,
        lang,
        "compare_download",
    )


def comparison_panel(
    records: gpd.GeoDataFrame,
    filtered: gpd.GeoDataFrame,
    spec: FilterSpec,
    *,
    choices: FilterChoices,
    taxonomy: Taxonomy,
    lang: Lang,
    label_of: Callable[[str, str], str],
) -> None:
    """The matrix of the filtered items and the side-by-side comparison of chosen places."""
    st.subheader(t("compare_heading", lang))
    st.caption(t("compare_respects", lang))
    _matrix(filtered, spec, choices=choices, taxonomy=taxonomy, lang=lang, label_of=label_of)
    _side_by_side(records, spec, choices=choices, taxonomy=taxonomy, lang=lang, label_of=label_of)
