"""The sidebar: filters with live counts, the view options, and the page state they hold.

Every choice lives in session state under one key per field (``f_sectors`` ... ``f_search``,
``v_basemap``, ``v_choropleth``, ``v_item``), set from the URL on a session's first run and kept
through any sequence of changes, language switches and reruns (see :mod:`.widgets`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import geopandas as gpd
import streamlit as st

from cluster_map.core.facets import facet_counts
from cluster_map.core.fields import FILTER_FIELDS, FilterField
from cluster_map.core.filter_index import FilterIndex
from cluster_map.core.filters import FilterChoices, FilterSpec, QueryProblem
from cluster_map.core.i18n import Lang, t
from cluster_map.core.taxonomy import Taxonomy
from cluster_map.ui.option_labels import option_labeller
from cluster_map.ui.url_state import CHOROPLETH_ALL, PageState
from cluster_map.ui.widgets import (
    bump_generation,
    held_choice,
    held_multiselect,
    held_selectbox,
    held_text_input,
    held_value,
)

__all__ = [
    "clear_filters",
    "current_spec",
    "filter_to_cell",
    "filter_widgets",
    "held_view",
    "seed_from_url",
    "select_unit",
    "view_widgets",
]


def _state_key(field: FilterField) -> str:
    return f"f_{field.name}"


def _unit_field(level: str) -> FilterField | None:
    """The filter field whose values are the catalog's units of ``level`` (prefectures or counties)."""
    return next((f for f in FILTER_FIELDS if f.values_from == level), None)


def seed_from_url(state: PageState, problems: Sequence[QueryProblem]) -> None:
    """On a session's first run, hold what the URL asks for and remember what it had that is unknown."""
    for field in FILTER_FIELDS:
        st.session_state[_state_key(field)] = (
            state.spec.values(field.name) if field.multiple else state.spec.search
        )
    st.session_state["w_en"] = state.lang == "en"
    st.session_state["v_lang"] = state.lang
    st.session_state["v_basemap"] = state.basemap
    st.session_state["v_choropleth"] = state.choropleth
    st.session_state["v_item"] = state.item
    st.session_state["v_profile"] = state.profile
    st.session_state["url_problems"] = list(problems)
    st.session_state["url_problems_spec"] = current_spec()


def current_spec() -> FilterSpec:
    """The filter the sidebar holds."""
    values = {f.name: tuple(held_value(_state_key(f), ())) for f in FILTER_FIELDS if f.multiple}
    search = " ".join(str(held_value(_state_key(f), "")).strip() for f in FILTER_FIELDS if not f.multiple)
    return FilterSpec(**values, search=search.strip())


def clear_filters() -> None:
    """Forget every filter (a button callback); view options and language stay."""
    for field in FILTER_FIELDS:
        st.session_state[_state_key(field)] = () if field.multiple else ""
    bump_generation()


def select_unit(level: str, code: str, *, choices: FilterChoices) -> None:
    """Filter to one prefecture or county (a click on the map): it replaces that field's choice.

    Choosing a prefecture keeps only the chosen counties that lie in it.
    """
    unit, field = choices.catalog.unit(code), _unit_field(level)
    if unit is None or unit.level != level or field is None:
        return
    st.session_state[_state_key(field)] = (code,)
    counties = _unit_field("county")
    if level == "prefecture" and counties is not None:
        held = held_value(_state_key(counties), ())
        st.session_state[_state_key(counties)] = tuple(c for c in held if _parent(choices, c) == code)
    st.session_state["v_item"] = ""
    bump_generation()


def filter_to_cell(sector: str, level: str, code: str, *, choices: FilterChoices) -> None:
    """Filter to one sector and/or one unit (a click on a cell of the comparison matrix).

    ``sector`` or ``code`` may be "" (a total row or column): that part of the filter stays. A
    county also chooses its prefecture.
    """
    sectors = next(f for f in FILTER_FIELDS if f.name == "sectors")
    if sector in choices.allowed("sectors"):
        st.session_state[_state_key(sectors)] = (sector,)
    if level == "county" and code:
        select_unit("prefecture", _parent(choices, code), choices=choices)
    if code:
        select_unit(level, code, choices=choices)
    st.session_state["v_item"] = ""
    bump_generation()


def _parent(choices: FilterChoices, code: str) -> str:
    unit = choices.catalog.unit(code)
    return unit.parent if unit is not None else ""


def _options(
    field: FilterField, choices: FilterChoices, counts: dict[str, int], held: Sequence[str]
) -> list[str]:
    options = list(choices.allowed(field.name))
    prefectures = _unit_field("prefecture")
    if field.values_from == "county" and prefectures is not None:
        chosen = set(held_value(_state_key(prefectures), ()))
        if chosen:
            options = [c for c in options if _parent(choices, c) in chosen or c in held]
    if field.hide_empty:
        options = [v for v in options if counts.get(v) or v in held]
    return options


def _option_text(label: Callable[[str], str | None], counts: dict[str, int]) -> Callable[[str], str]:
    """An option as the multiselect shows it: its label and how many records it would keep."""
    return lambda value: f"{label(value) or value} ({counts.get(value, 0)})"


def filter_widgets(
    records: gpd.GeoDataFrame,
    choices: FilterChoices,
    taxonomy: Taxonomy,
    lang: Lang,
    *,
    index: FilterIndex | None = None,
) -> FilterSpec:
    """Draw the filters (each option with the count it would keep) and return the held filter.

    With the records' ``index`` the counts come from value codes (fast for large datasets).
    """
    spec = current_spec()
    all_counts = index.all_counts(spec) if index is not None else {}
    for field in FILTER_FIELDS:
        if not field.multiple:
            held_text_input(t(field.label, lang), state_key=_state_key(field))
            continue
        counts = all_counts.get(field.name)
        if counts is None:
            counts = facet_counts(records, spec, choices=choices, field=field.name)
        held = tuple(held_value(_state_key(field), ()))
        label = option_labeller(field.name, catalog=choices.catalog, taxonomy=taxonomy, lang=lang)
        held_multiselect(
            t(field.label, lang),
            _options(field, choices, counts, held),
            state_key=_state_key(field),
            placeholder=t("choose", lang),
            format_func=_option_text(label, counts),
        )
    st.button(t("clear", lang), on_click=clear_filters, key="clear", width="stretch")
    return current_spec()


def view_widgets(taxonomy: Taxonomy, basemaps: list[str], lang: Lang) -> tuple[str, str]:
    """Draw the base map and choropleth choices; return ``(basemap, choropleth)`` as held."""
    basemap = held_selectbox(
        t("basemap", lang), basemaps, state_key="v_basemap", format_func=lambda b: t(f"basemap_{b}", lang)
    )
    if "tianditu" not in basemaps:
        st.caption(t("tianditu_missing", lang))

    def choropleth_label(value: str) -> str:
        if not value:
            return t("choropleth_off", lang)
        if value == CHOROPLETH_ALL:
            return t("all_sectors", lang)
        return taxonomy.label("sectors", value, lang=lang)

    choropleth = held_selectbox(
        t("choropleth_sector", lang),
        _choropleth_options(taxonomy),
        state_key="v_choropleth",
        format_func=choropleth_label,
    )
    return basemap, choropleth


def _choropleth_options(taxonomy: Taxonomy) -> list[str]:
    return ["", CHOROPLETH_ALL, *taxonomy.sectors]


def held_view(taxonomy: Taxonomy, basemaps: list[str]) -> tuple[str, str]:
    """``(basemap, choropleth)`` as held, before :func:`view_widgets` draws them (the same values)."""
    return held_choice("v_basemap", basemaps), held_choice("v_choropleth", _choropleth_options(taxonomy))
