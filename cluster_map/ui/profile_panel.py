"""The place profile on the page: pick a prefecture, county or zone (sidebar, the map's unit popup or
``?profile=``) and read, in a dialog over the map, what the plans put there under the current
filters (:mod:`cluster_map.core.profiles`); download its printable brief or its items."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from html import escape

import geopandas as gpd
import pandas as pd
import streamlit as st

from cluster_map.core.catalog import Catalog
from cluster_map.core.filters import FilterChoices, FilterSpec
from cluster_map.core.i18n import Lang, t
from cluster_map.core.marks import marked_html
from cluster_map.core.place_passages import Passage, place_passages
from cluster_map.core.profiles import COUNTED, UNSTATED, Profile, build_profile, find_profile_place
from cluster_map.core.taxonomy import Taxonomy
from cluster_map.export.brief import filter_line
from cluster_map.export.profile_files import profile_bytes
from cluster_map.own.compare import own_rows_in
from cluster_map.ui.own_data import own_session
from cluster_map.ui.plain import md_text
from cluster_map.ui.records_panel import read_link_config
from cluster_map.ui.shared import brief_boundaries, detailed, plan_texts
from cluster_map.ui.table import records_table
from cluster_map.ui.widgets import bump_generation, held_selectbox

__all__ = [
    "PROFILE_STATE",
    "open_profile",
    "place_labeller",
    "profile_dialog",
    "profile_panel",
    "profile_picker",
    "profile_places",
]

PROFILE_STATE = "v_profile"


def profile_places(catalog: Catalog) -> list[str]:
    """Every place a profile may be of: prefectures, zones, then counties (codes and zone ids)."""
    return [*catalog.codes("prefecture"), *catalog.zone_ids(), *catalog.codes("county")]


def place_labeller(catalog: Catalog, lang: Lang) -> Callable[[str], str]:
    """A place's label: ``地级市 · 唐山市``, ``县（市、区） · 路北区（唐山市）``, ``区域板块 · 沿海``; "none" for ""."""
    units, zones = catalog.unit_names(lang), catalog.zone_names(lang)  # once, not once per option

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

    return label


def profile_picker(catalog: Catalog, lang: Lang) -> str:
    """The sidebar's place choice (held in the session and the URL); "" for none."""
    return held_selectbox(
        t("profile", lang),
        ["", *profile_places(catalog)],
        state_key=PROFILE_STATE,
        format_func=place_labeller(catalog, lang),
    )


def open_profile(code: str, catalog: Catalog) -> None:
    """Show the profile of ``code`` (a click on "profile" in the map); unknown codes are ignored."""
    if code in profile_places(catalog):
        st.session_state[PROFILE_STATE] = code
        bump_generation()


def _close() -> None:
    """Forget the profile (the dialog's close button and its dismissal)."""
    st.session_state[PROFILE_STATE] = ""
    bump_generation()  # the sidebar's choice shows "none" again


def _counts_chart(profile: Profile, column: str, taxonomy: Taxonomy, lang: Lang) -> None:
    """Horizontal bars of the items per value of ``column``, with labels never cut short."""
    counts = profile.counts[column]
    label = {
        value: t("profile_unstated", lang)
        if value == UNSTATED
        else taxonomy.label(COUNTED[column], value, lang=lang)
        for value in counts
    }
    items = t("profile_items", lang)
    frame = pd.DataFrame({"value": [label[v] for v in counts], items: list(counts.values())})
    st.caption(t("profile_by", lang, field=t("field_" + column, lang)))
    spec = {
        "mark": {"type": "bar", "tooltip": True},
        "height": {"step": 24},
        "encoding": {
            "y": {
                "field": "value",
                "type": "nominal",
                "sort": "-x",
                "title": None,
                "axis": {"labelLimit": 0},
            },
            "x": {"field": items, "type": "quantitative", "axis": {"tickMinStep": 1}},
        },
    }
    st.vega_lite_chart(frame, spec, width="stretch")


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


def _passages(passages: Sequence[Passage], taxonomy: Taxonomy, lang: Lang) -> None:
    """What the layout chapters say about the place, each passage with its plan and section."""
    st.caption(t("profile_passages", lang))
    if not passages:
        st.caption(t("profile_no_passages", lang))
        return
    rows = "".join(
        f"<li><b>{escape(taxonomy.documents.get(p.doc, {}).get(lang, p.doc))}</b> {escape(p.section)}："
        f'<span lang="zh">{marked_html(p.text, p.names)}</span></li>'
        for p in passages
    )
    st.html(f'<ol class="cm-passages">{rows}</ol>')


def _brief_downloads(
    profile: Profile, passages: Sequence[Passage], catalog: Catalog, taxonomy: Taxonomy, lang: Lang
) -> None:
    """The printable brief (self-contained HTML) and the items as CSV, made on click."""

    def make(fmt: str) -> bytes:
        boundaries = brief_boundaries() if fmt == "html" else {}
        return profile_bytes(
            profile,
            fmt=fmt,
            catalog=catalog,
            taxonomy=taxonomy,
            boundaries=boundaries,
            passages=passages,
            lang=lang,
        )

    code = profile.place.code
    brief, items = st.columns(2)
    brief.download_button(
        t("profile_brief", lang),
        data=lambda: make("html"),
        file_name=f"profile_{code}_{lang}.html",
        mime="text/html",
        on_click="ignore",
        key="profile_brief",
        help=t("profile_brief_help", lang),
    )
    items.download_button(
        t("profile_items_csv", lang),
        data=lambda: make("csv"),
        file_name=f"profile_{code}_items.csv",
        mime="text/csv",
        on_click="ignore",
        key="profile_items_csv",
    )


def _replaced_place_filter(spec: FilterSpec, catalog: Catalog, lang: Lang) -> None:
    """Say so when the sidebar chose places: the profile replaces them by its own place."""
    names = {**catalog.unit_names(lang), **catalog.zone_names(lang)}
    chosen = [names.get(v, v) for f in ("prefectures", "counties", "zones") for v in spec.values(f)]
    if chosen:
        st.caption(md_text(t("profile_place_filter", lang, places=t("list_separator", lang).join(chosen))))


def _switch_language() -> None:
    """The dialog's language button (the sidebar's switch is behind the dialog)."""
    english = not bool(st.session_state.get("w_en"))
    st.session_state["w_en"] = english
    st.session_state["v_lang"] = "en" if english else "zh"


def _own_rows_here(level: str, code: str, spec: FilterSpec, lang: Lang) -> None:
    """This session's own rows in the place (of the filter's sectors), when it uploaded any."""
    session = own_session()
    if session is None or session.result is None:
        return
    count = own_rows_in(session.result.rows, level=level, code=code, sectors=spec.sectors)
    st.info(t("own_profile", lang, count=count))


def profile_panel(
    code: str,
    rows: gpd.GeoDataFrame,
    spec: FilterSpec,
    *,
    path: str,
    choices: FilterChoices,
    taxonomy: Taxonomy,
    lang: Lang,
) -> None:
    """The profile of the place ``code`` under the filter ``spec`` (the body of :func:`profile_dialog`):
    counts, charts, what the plans say about the place, counties, items and downloads."""
    catalog = choices.catalog
    place = find_profile_place(code, catalog)
    profile = build_profile(rows, place, spec, choices=choices)
    profile = replace(profile, rows=detailed(path, profile.rows))  # its list and files cite the plan
    if st.button(
        t("profile_switch_lang", lang), key="profile_lang", type="tertiary", on_click=_switch_language
    ):
        st.rerun()  # the whole page, in the other language
    st.caption(md_text(t("profile_respects", lang) + " " + filter_line(profile, taxonomy, lang)))
    _replaced_place_filter(spec, catalog, lang)
    counts = (profile.item_count, profile.drawn_count, profile.item_count - profile.unplaced_in_place)
    for key, count, area in zip(
        ("profile_items", "profile_on_map", "profile_drawn"), counts, st.columns(3), strict=True
    ):
        area.metric(t(key, lang), count)
    _own_rows_here(place.level, place.code, spec, lang)
    if profile.zones and place.level != "zone":
        zones = catalog.zone_names(lang)
        names = t("list_separator", lang).join(zones.get(z, z) for z in profile.zones)
        st.write(md_text(t("profile_zones", lang, zones=names)))
    passages = place_passages(place, catalog, plan_texts())
    _passages(passages, taxonomy, lang)
    if not profile.item_count:
        st.info(t("profile_empty", lang))
    else:
        for column, area in zip(COUNTED, st.columns(len(COUNTED)), strict=True):
            with area:
                _counts_chart(profile, column, taxonomy, lang)
        _counties(profile, catalog, lang)
        st.caption(t("profile_list", lang))
        table = records_table(profile.rows, lang=lang, taxonomy=taxonomy, unit_names=catalog.unit_names(lang))
        st.dataframe(table, hide_index=True, width="stretch", column_config=read_link_config(lang))
    _brief_downloads(profile, passages, catalog, taxonomy, lang)
    if st.button(t("profile_close", lang), key="profile_close"):
        _close()
        st.rerun()  # the whole page: a dialog's own rerun would show it again


def profile_dialog(
    code: str,
    rows: gpd.GeoDataFrame,
    spec: FilterSpec,
    *,
    path: str,
    choices: FilterChoices,
    taxonomy: Taxonomy,
    lang: Lang,
) -> None:
    """The profile of ``code`` in a large dialog over the map; closing it forgets the choice."""
    name = find_profile_place(code, choices.catalog).name(choices.catalog, lang)

    @st.dialog(t("profile_heading", lang, name=name), width="large", on_dismiss=_close)
    def show() -> None:
        profile_panel(code, rows, spec, path=path, choices=choices, taxonomy=taxonomy, lang=lang)

    show()
