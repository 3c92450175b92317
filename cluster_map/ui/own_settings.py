"""The own-data page's settings: which column is which, the coordinate system, the sector mapping."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from cluster_map.core.i18n import Lang, t
from cluster_map.own.columns import ColumnRoles, detect_columns
from cluster_map.own.coords import OWN_SYSTEMS, OwnSystem
from cluster_map.own.join import JoinOptions
from cluster_map.own.read import OwnTable
from cluster_map.own.sectors import suggest_sectors
from cluster_map.ui.own_data import keywords
from cluster_map.ui.shared import taxonomy

__all__ = ["join_options"]

_ROLES = ("lon", "lat", "name", "address", "industry")


def _roles(table: OwnTable, lang: Lang, held: ColumnRoles | None) -> ColumnRoles:
    columns = list(table.frame.columns)
    start = held or detect_columns(columns)  # the last join's choice (back from another page), else a guess
    choices = ["", *columns]
    chosen: dict[str, str] = {}
    cells = st.columns(len(_ROLES))
    for cell, role in zip(cells, _ROLES, strict=True):
        default = getattr(start, role) if getattr(start, role) in choices else ""
        chosen[role] = cell.selectbox(
            t(f"own_role_{role}", lang),
            choices,
            index=choices.index(default),
            format_func=lambda c: c or t("own_none", lang),
            key=f"own_role_{role}",
        )
    return ColumnRoles(**chosen)


def _system(lang: Lang, held: JoinOptions | None) -> tuple[OwnSystem, bool]:
    left, right = st.columns([3, 2])
    system = left.radio(
        t("own_system", lang),
        OWN_SYSTEMS,
        index=OWN_SYSTEMS.index(held.system) if held else 0,
        format_func=lambda s: t(f"own_system_{s}", lang),
        horizontal=True,
        key="own_system",
    )
    swap = right.checkbox(t("own_swap", lang), value=bool(held and held.swap), key="own_swap")
    return system, swap


def _sector_map(table: OwnTable, industry: str, lang: Lang, held: Mapping[str, str] | None) -> dict[str, str]:
    """The editable table of industry value -> sector: the last join's mapping, else suggestions."""
    if not industry:
        return {}
    values = table.frame[industry].astype(str).str.strip()
    counts = values[values != ""].value_counts()
    if held is None:
        suggested = suggest_sectors(counts.index.to_series(), taxonomy=taxonomy(), keywords=keywords())
    else:
        suggested = dict(held)
    editor = pd.DataFrame(
        {
            "value": counts.index.astype(str),
            "rows": counts.to_numpy(int),
            "sector": [suggested.get(v, "") for v in counts.index],
        }
    )
    sectors = [s for s in taxonomy().sectors]
    edited = st.data_editor(
        editor,
        hide_index=True,
        width="stretch",
        height=min(36 * (len(editor) + 1) + 4, 360),
        disabled=["value", "rows"],
        column_config={
            "value": st.column_config.TextColumn(t("own_col_value", lang)),
            "rows": st.column_config.NumberColumn(t("own_col_rows", lang)),
            "sector": st.column_config.SelectboxColumn(t("own_col_sector", lang), options=sectors),
        },
        key=f"own_sectors_{industry}",
    )
    return {
        str(v): str(s)
        for v, s in zip(edited["value"], edited["sector"], strict=True)
        if s and str(s) != "nan"
    }


def join_options(table: OwnTable, lang: Lang, held: JoinOptions | None = None) -> JoinOptions:
    """The settings, as widgets: guessed first (the user confirms), or as the last join had them."""
    st.subheader(t("own_columns", lang))
    roles = _roles(table, lang, held.roles if held else None)
    system, swap = _system(lang, held)
    mapping: dict[str, str] = {}
    if roles.industry:
        st.markdown(f"**{t('own_sector_map', lang)}**")
        same = held is not None and held.roles.industry == roles.industry
        mapping = _sector_map(table, roles.industry, lang, held.sector_map if held and same else None)
    return JoinOptions(roles, system=system, swap=swap, sector_map=mapping)
