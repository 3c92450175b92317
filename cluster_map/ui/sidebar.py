"""The sidebar: filters with live counts, the view options, and the page state they hold.

Every choice lives in session state under one key per field (``f_sectors`` ... ``f_search``,
``v_basemap``, ``v_choropleth``, ``v_item``), set from the URL on a session's first run and kept
through any sequence of changes, language switches and reruns (see :mod:`.widgets`).
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import streamlit as st

from cluster_map.core.facets import FACET_COLUMNS, facet_counts
from cluster_map.core.filters import QUERY_KEYS, FilterChoices, FilterSpec, QueryProblem
from cluster_map.core.i18n import Lang, t
from cluster_map.ui.option_labels import option_labeller
from cluster_map.ui.url_state import CHOROPLETH_ALL, PageState
from cluster_map.ui.widgets import (
    bump_generation,
    held_multiselect,
    held_selectbox,
    held_text_input,
    held_value,
)
from cluster_map.web.context import MapContext

__all__ = [
    "FILTER_FIELDS",
    "clear_filters",
    "current_spec",
    "filter_widgets",
    "seed_from_url",
    "select_unit",
    "view_widgets",
]

FILTER_FIELDS: tuple[str, ...] = tuple(FACET_COLUMNS)  # sectors ... counties, zones, source_docs
_SEARCH = "f_search"
#: Fields whose options are only those that keep something (or are chosen): long lists.
_ONLY_WITH_COUNTS = ("subsectors", "counties")


def _state_key(field: str) -> str:
    return f"f_{field}"


def seed_from_url(state: PageState, problems: Sequence[QueryProblem]) -> None:
    """On a session's first run, hold what the URL asks for and remember what it had that is unknown."""
    for field in FILTER_FIELDS:
        st.session_state[_state_key(field)] = tuple(getattr(state.spec, field))
    st.session_state[_SEARCH] = state.spec.search
    st.session_state["w_en"] = state.lang == "en"
    st.session_state["v_basemap"] = state.basemap
    st.session_state["v_choropleth"] = state.choropleth
    st.session_state["v_item"] = state.item
    st.session_state["url_problems"] = list(problems)
    st.session_state["url_problems_spec"] = current_spec()


def current_spec() -> FilterSpec:
    """The filter the sidebar holds."""
    values = {field: tuple(held_value(_state_key(field), ())) for field in FILTER_FIELDS}
    return FilterSpec(**values, search=str(held_value(_SEARCH, "")).strip())


def clear_filters() -> None:
    """Forget every filter (a button callback); view options and language stay."""
    for field in FILTER_FIELDS:
        st.session_state[_state_key(field)] = ()
    st.session_state[_SEARCH] = ""
    bump_generation()


def select_unit(level: str, code: str, *, choices: FilterChoices) -> None:
    """Filter to one prefecture or county (a click on the map): it replaces that field's choice."""
    if level == "prefecture" and code in choices.prefectures:
        st.session_state[_state_key("prefectures")] = (code,)
        counties = held_value(_state_key("counties"), ())
        kept = tuple(c for c in counties if choices.county_prefecture.get(c) == code)
        st.session_state[_state_key("counties")] = kept
    elif level == "county" and code in choices.counties:
        st.session_state[_state_key("counties")] = (code,)
    else:
        return
    st.session_state["v_item"] = ""
    bump_generation()


def _options(field: str, choices: FilterChoices, counts: dict[str, int], held: Sequence[str]) -> list[str]:
    options = list(choices.allowed(field))
    if field == "counties":
        prefectures = set(held_value(_state_key("prefectures"), ()))
        if prefectures:
            options = [c for c in options if choices.county_prefecture.get(c) in prefectures or c in held]
    if field in _ONLY_WITH_COUNTS:
        options = [v for v in options if counts.get(v) or v in held]
    return options


def filter_widgets(
    records: gpd.GeoDataFrame, choices: FilterChoices, context: MapContext, lang: Lang
) -> FilterSpec:
    """Draw the filters (each option with the count it would keep) and return the held filter."""
    spec = current_spec()
    for field in FILTER_FIELDS:
        counts = facet_counts(records, spec, choices=choices, field=field)
        held = tuple(held_value(_state_key(field), ()))
        label = option_labeller(field, context=context, lang=lang)
        held_multiselect(
            t(QUERY_KEYS[field], lang),
            _options(field, choices, counts, held),
            state_key=_state_key(field),
            placeholder=t("choose", lang),
            format_func=lambda v, label=label, counts=counts: f"{label(v) or v} ({counts.get(v, 0)})",
        )
    held_text_input(t("search", lang), state_key=_SEARCH)
    st.button(t("clear", lang), on_click=clear_filters, key="clear", width="stretch")
    return current_spec()


def view_widgets(context: MapContext, basemaps: list[str], lang: Lang) -> tuple[str, str]:
    """Draw the base map and choropleth choices; return ``(basemap, choropleth)`` as held."""
    basemap = held_selectbox(
        t("basemap", lang), basemaps, state_key="v_basemap", format_func=lambda b: t(f"basemap_{b}", lang)
    )
    if "tianditu" not in basemaps:
        st.caption(t("tianditu_missing", lang))
    taxonomy = context.taxonomy

    def choropleth_label(value: str) -> str:
        if not value:
            return t("choropleth_off", lang)
        if value == CHOROPLETH_ALL:
            return t("all_sectors", lang)
        return taxonomy.label("sectors", value, lang=lang)

    choropleth = held_selectbox(
        t("choropleth_sector", lang),
        ["", CHOROPLETH_ALL, *taxonomy.sectors],
        state_key="v_choropleth",
        format_func=choropleth_label,
    )
    return basemap, choropleth
