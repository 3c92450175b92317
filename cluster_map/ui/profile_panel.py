"""The place profile on the page: pick a prefecture, county or zone (sidebar or ``?profile=``), and
read what the plans put there under the current filters (:mod:`cluster_map.core.profiles`)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from cluster_map.core.catalog import Catalog
from cluster_map.core.filters import FilterChoices, FilterSpec
from cluster_map.core.i18n import Lang, t
from cluster_map.core.profiles import COUNTED, UNSTATED, Profile, build_profile, find_profile_place
from cluster_map.core.taxonomy import Taxonomy
from cluster_map.ui.table import records_table
from cluster_map.ui.widgets import held_selectbox

__all__ = ["PROFILE_STATE", "profile_panel", "profile_picker", "profile_places"]

PROFILE_STATE = "v_profile"


def profile_places(catalog: Catalog) -> list[str]:
    """Every place a profile may be of: prefectures, zones, then counties (codes and zone ids)."""
    return [*catalog.codes("prefecture"), *catalog.zone_ids(), *catalog.codes("county")]


def profile_picker(catalog: Catalog, lang: Lang) -> str:
    """The sidebar's place choice (held in the session and the URL); "" for none."""
    units = catalog.unit_names(lang)
    zones = catalog.zone_names(lang)

    def label(code: str) -> str:
        if not code:
            return t("profile_none", lang)
        unit = catalog.unit(code)
        if unit is None:  # a zone
            return f"{t('profile_group_zone', lang)} · {zones.get(code, code)}"
        name = units.get(code, code)
        if unit.level == "county":
            name += t("profile_in", lang, parent=units.get(unit.parent, unit.parent))
        return f"{t('profile_group_' + unit.level, lang)} · {name}"

    return held_selectbox(
        t("profile", lang), ["", *profile_places(catalog)], state_key=PROFILE_STATE, format_func=label
    )


def _close() -> None:
    st.session_state[PROFILE_STATE] = ""


def _counts_chart(profile: Profile, column: str, taxonomy: Taxonomy, lang: Lang) -> None:
    counts = profile.counts[column]
    labels = {
        value: t("profile_unstated", lang)
        if value == UNSTATED
        else taxonomy.label(COUNTED[column], value, lang=lang)
        for value in counts
    }
    frame = pd.DataFrame({t("profile_items", lang): list(counts.values())}, index=[labels[v] for v in counts])
    st.caption(t("profile_by", lang, field=t("field_" + column, lang)))
    st.bar_chart(frame, horizontal=True, height=40 + 28 * len(frame))


def _counties(profile: Profile, catalog: Catalog, lang: Lang) -> None:
    if profile.place.level == "county" or not profile.counties:
        return
    names = catalog.unit_names(lang)
    table = pd.DataFrame(
        {
            t("field_county", lang): [names.get(c, c) for c in profile.counties],
            t("profile_items", lang): list(profile.counties.values()),
        }
    )
    st.caption(t("profile_counties", lang))
    st.dataframe(table, hide_index=True, width="stretch")


def profile_panel(
    code: str,
    rows: gpd.GeoDataFrame,
    spec: FilterSpec,
    *,
    choices: FilterChoices,
    taxonomy: Taxonomy,
    lang: Lang,
) -> None:
    """The profile of the place ``code`` under the filter ``spec``: counts, charts, counties, items."""
    catalog = choices.catalog
    place = find_profile_place(code, catalog)
    profile = build_profile(rows, place, spec, choices=choices)
    st.subheader(t("profile_heading", lang, name=place.name(catalog, lang)))
    st.caption(t("profile_respects", lang))
    left, right = st.columns(2)
    left.metric(t("profile_items", lang), profile.item_count)
    right.metric(t("profile_drawn", lang), profile.item_count - profile.unplaced_in_place)
    if profile.zones and place.level != "zone":
        zones = catalog.zone_names(lang)
        st.write(
            t(
                "profile_zones",
                lang,
                zones=t("list_separator", lang).join(zones.get(z, z) for z in profile.zones),
            )
        )
    if not profile.item_count:
        st.info(t("profile_empty", lang))
    else:
        for column, area in zip(COUNTED, st.columns(len(COUNTED)), strict=True):
            with area:
                _counts_chart(profile, column, taxonomy, lang)
        _counties(profile, catalog, lang)
        st.caption(t("profile_list", lang))
        table = records_table(profile.rows, lang=lang, taxonomy=taxonomy, unit_names=catalog.unit_names(lang))
        st.dataframe(table, hide_index=True, width="stretch")
    st.button(t("profile_close", lang), on_click=_close, key="profile_close")
