"""The marker map of the plan items in the page: a map that stays, and a view that each filter sends.

The map (:func:`~cluster_map.web.map_view.marker_base_map`: tiles, boundaries, empty record layers,
controls) is built once per dataset, language, base map and choropleth switch; its script does not
change with the filter, so streamlit-folium keeps the page and its Leaflet map. A filter change
sends only the view (:func:`~cluster_map.web.map_view.marker_view_group`: the records' markers and
zones, the legend, the fit). Popups are not in either: they are in the dataset's popup book
(:mod:`cluster_map.web.popup_book`), fetched by the browser when one opens.
"""

from __future__ import annotations

import folium
import streamlit as st

from cluster_map.core.filters import FilterSpec, apply_filters
from cluster_map.core.i18n import Lang
from cluster_map.ui.shared import detailed, map_context, records_and_choices
from cluster_map.ui.url_state import CHOROPLETH_ALL
from cluster_map.web.assets import STATIC_DIR
from cluster_map.web.map_view import marker_base_map, marker_view_group
from cluster_map.web.popup_book import book_files, popup_book, write_popup_book

__all__ = ["MARKER_CACHE_ENTRIES", "marker_base", "marker_view", "popup_book_url"]

POPUP_FOLDER = "popups"  # under the static folder; the files' names are keyed hashes
#: Views whose payloads stay cached; the least recently used go first.
MARKER_CACHE_ENTRIES = 64


@st.cache_resource(show_spinner=False)
def _book(path: str, url: str, lang: Lang) -> tuple[str, dict[str, bytes]]:
    records, _ = records_and_choices(path)
    geometry = records.geometry
    placed = detailed(path, records[geometry.notna() & ~geometry.is_empty])
    return book_files(popup_book(placed, context=map_context(url), lang=lang))


def popup_book_url(path: str, url: str, lang: Lang) -> str:
    """The URL (without ``-<number>.json``) of the dataset's popup book in ``lang``: made once per
    process, its files checked on every call (one removed meanwhile, as a day-old file is when
    another book is written, is written again)."""
    name, files = _book(path, url, lang)
    return f"{url}/{POPUP_FOLDER}/{write_popup_book(name, files, STATIC_DIR / POPUP_FOLDER)}"


@st.cache_data(show_spinner=False, max_entries=8)
def marker_base(
    path: str, url: str, *, lang: Lang, basemap: str, key: str, choropleth_shown: bool, book: str
) -> folium.Map:
    """The map without its records (each session gets its own copy: rendering a folium map changes it).

    Only whether the choropleth is shown is part of it: its sector is the view's (counts and classes).
    ``book`` is :func:`popup_book_url`'s answer, asked on every run (so its files are there).
    """
    records, _ = records_and_choices(path)
    return marker_base_map(
        records,
        context=map_context(url),
        lang=lang,
        basemap=basemap,
        tianditu_key=key,
        show_choropleth=choropleth_shown,
        popup_book=book,
    )


@st.cache_data(show_spinner=False, max_entries=MARKER_CACHE_ENTRIES)
def marker_view(
    path: str, url: str, spec: FilterSpec, *, lang: Lang, basemap: str, choropleth: str, item: str
) -> folium.FeatureGroup:
    """The view of one filter, built once for every session that shows it."""
    records, choices = records_and_choices(path)
    filtered = apply_filters(records, spec, choices=choices)
    return marker_view_group(
        filtered,
        context=map_context(url),
        lang=lang,
        basemap=basemap,
        choropleth_sector=choropleth if choropleth not in ("", CHOROPLETH_ALL) else None,
        show_choropleth=bool(choropleth),
        fit_units=(*spec.prefectures, *spec.counties, *spec.zones),
        focus_item=item if item in filtered["id"].to_numpy() else "",
        popups_by_row=True,
    )
