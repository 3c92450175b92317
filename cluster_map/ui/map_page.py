"""The map page: the filterable map of the plans' items, place profiles, comparison, table, download.

The filter, language, base map, choropleth and linked item live in the URL
(``?sector=新能源&kind=key_project&lang=en``, ``?item=sei-b04-03``), so a view is a link one can share.
``CLUSTER_MAP_ITEMS`` (environment) points the app at another folder of plan items.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

import numpy as np
import streamlit as st
from streamlit_folium import st_folium

from cluster_map.core.errors import ClusterMapError
from cluster_map.core.filters import FilterChoices
from cluster_map.core.i18n import Lang, t
from cluster_map.core.items import item_count, placed_item_count
from cluster_map.core.paths import ITEMS_DIR
from cluster_map.ui.compare_panel import comparison_panel
from cluster_map.ui.map_events import MAP_RETURNED_OBJECTS, new_map_message
from cluster_map.ui.map_first import pause_after_changed_map
from cluster_map.ui.marker_view import marker_base, marker_view, popup_book_url
from cluster_map.ui.option_labels import url_value_labeller
from cluster_map.ui.page_style import MAP_HEIGHT_PX
from cluster_map.ui.pages import held_lang, language_toggle, page_lang
from cluster_map.ui.point_view import point_map_panel, uses_point_layer
from cluster_map.ui.profile_panel import open_profile, profile_dialog, profile_picker, profile_places
from cluster_map.ui.reader_page import open_reader
from cluster_map.ui.records_panel import (
    POINT_TABLE_PAGE_ITEMS,
    TABLE_PAGE_ITEMS,
    download_panel,
    item_notice,
    records_table_panel,
)
from cluster_map.ui.shared import (
    catalog,
    filter_index,
    freeze_shared,
    invalid_items,
    map_context,
    record_links,
    records_and_choices,
    static_url,
    taxonomy,
)
from cluster_map.ui.sidebar import (
    clear_filters,
    current_spec,
    filter_widgets,
    held_view,
    seed_from_url,
    select_unit,
    view_widgets,
)
from cluster_map.ui.url_problems import problem_messages
from cluster_map.ui.url_state import PageState, read_url, write_url
from cluster_map.web.basemap_specs import available_basemaps, tianditu_key

__all__ = ["ITEMS_ENV", "map_page"]

ITEMS_ENV = "CLUSTER_MAP_ITEMS"


def _secrets() -> Mapping[str, str]:
    try:
        return dict(st.secrets)
    except FileNotFoundError:
        return {}


def _seed(path: str, choices: FilterChoices, basemaps: list[str]) -> None:
    if st.session_state.get("_seeded"):
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    if "lang" not in params and st.session_state.get("v_lang") == "en":
        params["lang"] = ["en"]  # the session chose English on the reader before it saw the map
    links, ids = record_links(path)  # an old record id in a link opens the item that replaced it
    if "item" in params:
        params["item"] = [links.get(value, value) for value in params["item"]]
    places = set(profile_places(catalog()))
    state, problems = read_url(params, choices=choices, basemaps=basemaps, items=ids, places=places)
    seed_from_url(state, problems)
    st.session_state["_seeded"] = True


def _url_problems(label_of: Callable[[str, str], str], lang: Lang) -> None:
    """The link's unknown parts, as plain text, until dismissed or the filter changes."""
    problems = st.session_state.get("url_problems")
    if not problems or current_spec() != st.session_state.get("url_problems_spec"):
        return
    st.warning(t("url_problems", lang))
    st.text("\n".join(problem_messages(problems, lang=lang, label_of=label_of)))
    st.button(
        t("dismiss", lang), key="dismiss_url_problems", on_click=st.session_state.pop, args=("url_problems",)
    )


def _act_on(message: Mapping[str, str], choices: FilterChoices) -> None:
    """A click in the map: "show only 唐山市" filters to it, "profile" opens the place's profile."""
    if message.get("action") == "select_unit":
        select_unit(message.get("level", ""), message.get("code", ""), choices=choices)
        st.rerun()
    if message.get("action") == "open_profile":
        open_profile(message.get("code", ""), catalog())
        st.rerun()
    if message.get("action") == "read_plan" and message.get("doc") in taxonomy().documents:
        open_reader(message["doc"], message.get("at", ""), page_lang())


def _map(
    path: str, url: str, page: PageState, *, key: str, kept_rows: np.ndarray, choices: FilterChoices
) -> None:
    """The map: the point layer for a large dataset (filtered in the browser), else the marker map."""
    spec = page.spec
    if uses_point_layer(path):
        point_map_panel(
            path,
            url,
            kept_rows,
            lang=page.lang,
            basemap=page.basemap,
            key=key,
            fit_units=(*spec.prefectures, *spec.counties, *spec.zones),
            on_message=lambda message: _act_on(message, choices),
        )
        return
    lang, basemap, choropleth = page.lang, page.basemap, page.choropleth
    value = st_folium(
        marker_base(
            path,
            url,
            lang=lang,
            basemap=basemap,
            key=key,
            choropleth_shown=bool(choropleth),
            book=popup_book_url(path, url, lang),
        ),
        height=MAP_HEIGHT_PX,
        use_container_width=True,
        returned_objects=MAP_RETURNED_OBJECTS,
        feature_group_to_add=marker_view(
            path, url, spec, lang=lang, basemap=basemap, choropleth=choropleth, item=page.item
        ),
        key="map",
    )
    _act_on(new_map_message(value) or {}, choices)


def _show_in_url(page: PageState) -> None:
    """Put the page's state in the URL (when it differs), so the view is a link one can share."""
    query = write_url(page)
    if {k: st.query_params.get_all(k) for k in st.query_params} != query:
        st.query_params.from_dict(query)


def map_page() -> None:
    """The map page: sidebar filters, the map, profiles, the comparison, the table, the download."""
    path, url = os.environ.get(ITEMS_ENV) or str(ITEMS_DIR), static_url()
    context = map_context(url)
    try:
        records, choices = records_and_choices(path)
    except ClusterMapError as error:  # a bad file: the message says what to do, never a traceback
        lang: Lang = "en" if st.query_params.get("lang") == "en" else "zh"
        st.error(t("records_unreadable", lang, error=error))
        st.stop()
    freeze_shared(path, url)
    key = tianditu_key(_secrets())
    basemaps = available_basemaps(key=key)
    _seed(path, choices, basemaps)
    # The map goes out before the sidebar is drawn (the browser starts loading it first), from the
    # values the sidebar's widgets hold: they are the values those widgets return below.
    lang, spec = held_lang(), current_spec()
    if spec != st.session_state.get("_last_spec", spec):
        st.session_state["v_item"] = ""  # a new filter: stop flying to the last record
    st.session_state["_last_spec"] = spec
    item = str(st.session_state.get("v_item", ""))
    held = PageState(spec, lang, *held_view(taxonomy(), basemaps), item, "")
    kept_rows = filter_index(path).mask(spec)
    st.title(t("title", lang))
    st.caption(t("caption", lang))
    notices = st.container()  # above the map, filled after it: the map is sent first
    _map(path, url, held, key=key, kept_rows=kept_rows, choices=choices)
    pause_after_changed_map(held, st.session_state)  # the browser draws the new map before the rest
    with st.sidebar:
        lang = language_toggle()
        st.header(t("filters", lang))
        label_of = url_value_labeller(catalog=catalog(), taxonomy=taxonomy(), lang=lang)
        _url_problems(label_of, lang)
        spec = filter_widgets(records, choices, taxonomy(), lang, index=filter_index(path))
        basemap, choropleth = view_widgets(taxonomy(), basemaps, lang)
        profile = profile_picker(catalog(), lang)
    page = PageState(spec, lang, basemap, choropleth, item, profile)
    _show_in_url(page)
    filtered = records if kept_rows.all() else records[kept_rows]  # copy-on-write: never changes records
    kept, placed = item_count(filtered), placed_item_count(filtered)
    total = len(record_links(path)[1])
    with notices:
        st.info(t("kept", lang, kept=kept, total=total, placed=placed, unplaced=kept - placed))
        item_notice(item, records, filtered, lang=lang, on_show=clear_filters)
    if profile:
        profile_dialog(profile, records, spec, path=path, choices=choices, taxonomy=taxonomy(), lang=lang)
    comparison_panel(
        records, filtered, spec, choices=choices, taxonomy=taxonomy(), lang=lang, label_of=label_of
    )
    page_items = POINT_TABLE_PAGE_ITEMS if uses_point_layer(path) else TABLE_PAGE_ITEMS
    records_table_panel(filtered, path=path, context=context, lang=lang, page_items=page_items)
    download_panel(
        filtered,
        spec,
        path=path,
        lang=lang,
        label_of=label_of,
        taxonomy=taxonomy(),
        invalid=None if uses_point_layer(path) else invalid_items(path),  # validating 10^6 rows takes minutes
    )
