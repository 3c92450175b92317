"""What the own-data page shows once the rows are joined: map, county table, rows not placed, download."""

from __future__ import annotations

import copy
from collections.abc import Sequence

import numpy as np
import streamlit as st
from streamlit_folium import st_folium

from cluster_map.core.csv_output import csv_bytes
from cluster_map.core.i18n import Lang, t
from cluster_map.export import CRS_CHOICES, FORMATS
from cluster_map.export.own_rows import OWN_EXPORT_FORMATS, own_export_name, own_rows_bytes
from cluster_map.own.columns import ColumnRoles
from cluster_map.own.compare import county_comparison
from cluster_map.own.join import JoinResult
from cluster_map.ui.map_events import MAP_RETURNED_OBJECTS, new_map_message
from cluster_map.ui.own_data import OwnSession, own_session, units
from cluster_map.ui.page_style import MAP_HEIGHT_PX
from cluster_map.ui.point_view import unit_points
from cluster_map.ui.shared import map_context, records_and_choices, static_url, taxonomy
from cluster_map.web.basemap_specs import BASEMAPS, DEFAULT_BASEMAP
from cluster_map.web.own_map import build_own_map, own_point_columns, own_popup_html
from cluster_map.web.point_columns import PointColumns, browser_filter
from cluster_map.web.point_map import point_view_group, points_bounds

__all__ = ["comparison_panel", "download_panel", "own_map_panel", "unplaced_panel"]

_MAP_KEY = "own_map"
_PICK = ("pick",)


def _kept(result: JoinResult, sectors: Sequence[str]) -> np.ndarray:
    return (
        result.rows["cm_sector"].isin(sectors).to_numpy()
        if sectors
        else np.ones(len(result.rows), dtype=bool)
    )


def _columns(session: OwnSession, system: str) -> PointColumns:
    key = ("columns", system)
    if key not in session.views:
        assert session.result is not None
        session.views[key] = own_point_columns(session.result.rows, taxonomy=taxonomy(), system=system)
    columns: PointColumns = session.views[key]
    return columns


def _map(session: OwnSession, sectors: Sequence[str], lang: Lang) -> object:
    key = ("map", lang, tuple(sectors))
    if key not in session.views:
        assert session.result is not None
        counts = session.result.county_counts(sectors=tuple(sectors)).to_dict()
        system = BASEMAPS[DEFAULT_BASEMAP].system
        session.views = {k: v for k, v in session.views.items() if k[0] != "map"}  # one map kept
        session.views[key] = build_own_map(
            _columns(session, system),
            context=map_context(static_url()),
            county_counts={str(k): int(v) for k, v in counts.items()},
            unit_points=unit_points(system),
            lang=lang,
            basemap=DEFAULT_BASEMAP,
        )
    return copy.deepcopy(session.views[key])  # st_folium changes the map it draws: give it a copy


def _pick(session: OwnSession, columns: PointColumns, roles: ColumnRoles, lang: Lang) -> None:
    message = new_map_message(st.session_state.get(_MAP_KEY))
    if not message or message.get("action") != "pick" or session.result is None:
        return
    index = message.get("index", "")
    if index.isdigit() and int(index) < len(columns):
        row = session.result.rows.iloc[int(columns.rows[int(index)])]
        html = own_popup_html(row, roles=roles, lang=lang)
        session.views[_PICK] = {"index": index, "html": html, "nonce": message["nonce"]}


@st.fragment
def own_map_panel(result: JoinResult, roles: ColumnRoles, *, sectors: tuple[str, ...], lang: Lang) -> None:
    """The own rows on the map: points (counts per county when zoomed out), a choropleth; a click opens a row."""
    session = own_session()
    if session is None or session.result is not result:
        return
    system = BASEMAPS[DEFAULT_BASEMAP].system
    columns = _columns(session, system)
    _pick(session, columns, roles, lang)
    kept = _kept(result, sectors)
    group = point_view_group(
        filter_state=browser_filter(columns, kept),
        bounds=points_bounds(columns, kept, context=map_context(static_url())),
        pick=session.views.get(_PICK),  # this join's last pick (a new join forgets it)
    )
    st_folium(
        _map(session, sectors, lang),
        height=MAP_HEIGHT_PX,
        use_container_width=True,
        returned_objects=MAP_RETURNED_OBJECTS,
        feature_group_to_add=group,
        key=_MAP_KEY,
    )


def comparison_panel(result: JoinResult, plan_path: str, *, sectors: tuple[str, ...], lang: Lang) -> None:
    """Every county: the plan's items and the own rows in it, for the chosen sectors; as CSV too."""
    st.subheader(t("own_compare", lang))
    st.caption(t("own_compare_caption", lang))
    plan_rows, _ = records_and_choices(plan_path)
    table = county_comparison(result.rows, plan_rows, units=units(), sectors=sectors)
    labels = {
        "county_code": "adcode",
        "prefecture_zh": t("own_col_prefecture", lang),
        "county_zh": t("own_col_county", lang),
        "plan_items": t("own_col_plan", lang),
        "own_rows": t("own_col_own", lang),
    }
    st.dataframe(table.rename(columns=labels), hide_index=True, width="stretch", height=360)
    st.download_button(
        t("own_download_counts", lang),
        data=csv_bytes(table),
        file_name="own_rows_per_county.csv",
        mime="text/csv",
        key="own_counts_download",
        on_click="ignore",
        icon=":material/download:",
    )


def unplaced_panel(result: JoinResult, lang: Lang) -> None:
    """The rows that could not be placed, with the reason."""
    unplaced = result.rows[result.rows["cm_placed_by"] == ""]
    if unplaced.empty:
        return
    with st.expander(t("own_unplaced", lang, count=len(unplaced))):
        st.dataframe(unplaced.head(10_000), hide_index=True, width="stretch")


def download_panel(result: JoinResult, lang: Lang, *, stem: str) -> None:
    """The joined rows in a format and CRS of the export registry."""
    st.subheader(t("own_download", lang))
    left, right = st.columns(2)
    fmt = left.selectbox(
        t("own_format", lang),
        list(OWN_EXPORT_FORMATS),
        format_func=lambda k: FORMATS[k].label(lang) if k in FORMATS else t("own_format_xlsx", lang),
        key="own_format",
    )
    crs = right.selectbox(
        t("own_crs", lang),
        OWN_EXPORT_FORMATS[fmt].crs_choices,
        format_func=lambda k: CRS_CHOICES[k].label(lang),
        key="own_crs",
    )
    st.download_button(
        t("own_download_file", lang),
        data=lambda: own_rows_bytes(result.rows, fmt=fmt, crs=crs),
        file_name=own_export_name(fmt=fmt, crs=crs, stem=stem or "own_rows"),
        key="own_download",
        on_click="ignore",
        icon=":material/download:",
    )
