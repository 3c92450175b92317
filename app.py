"""Streamlit entry point: the filterable map of Hebei's 14th five-year plans (thin; logic in cluster_map).

Run with ``streamlit run app.py``. The filter, language, base map and choropleth sector live in the
URL (``?sector=新能源&kind=key_project&lang=en``), so a filtered view is a link one can share.
``CLUSTER_MAP_RECORDS`` (environment) points the app at another records file of the same schema.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

from cluster_map.assets import STATIC_DIR, install_assets
from cluster_map.basemaps import available_basemaps, tianditu_key
from cluster_map.download import crs_options, download_file, download_stem, format_options
from cluster_map.export import export_bytes
from cluster_map.facets import FACET_COLUMNS, facet_counts
from cluster_map.filters import QUERY_KEYS, FilterChoices, FilterSpec, apply_filters
from cluster_map.i18n import Lang, t
from cluster_map.map_view import MapContext, build_map, load_map_context
from cluster_map.option_labels import option_labeller
from cluster_map.records import RECORDS_PATH, read_records
from cluster_map.table import records_table, unplaced_count
from cluster_map.url_state import PageState, read_url, write_url
from cluster_map.web_boundaries import write_boundary_files

RECORDS_ENV = "CLUSTER_MAP_RECORDS"
MULTI_FIELDS = tuple(FACET_COLUMNS)  # sectors, subsectors, kinds, levels, prefectures, zones, source_docs


def _static_url() -> str:
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static" if base else "/app/static"


@st.cache_resource(show_spinner=False)
def _context(static_url: str) -> MapContext:
    install_assets(STATIC_DIR)
    return load_map_context(write_boundary_files(STATIC_DIR), base_url=static_url)


@st.cache_resource(show_spinner=False)
def _records(path: str) -> gpd.GeoDataFrame:
    return read_records(path)


@st.cache_resource(show_spinner=False)
def _choices(path: str, _context: MapContext) -> FilterChoices:
    units = _context.units
    return FilterChoices.for_records(
        _records(path),
        taxonomy=_context.taxonomy,
        prefectures=units[units["level"] == "prefecture"],
        zones=_context.zones,
    )


def _secrets() -> Mapping[str, str]:
    try:
        return dict(st.secrets)
    except FileNotFoundError:
        return {}


def _seed_from_url(choices: FilterChoices, basemaps: list[str]) -> None:
    """On a session's first run, set the widgets from the URL; remember what it had that is unknown."""
    if st.session_state.get("_seeded"):
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    state, problems = read_url(params, choices=choices, basemaps=basemaps)
    for name in MULTI_FIELDS:
        st.session_state[f"f_{name}"] = list(getattr(state.spec, name))
    st.session_state["f_search"] = state.spec.search
    st.session_state["w_en"] = state.lang == "en"
    st.session_state["w_basemap"] = state.basemap
    st.session_state["w_choropleth"] = state.choropleth
    st.session_state["_url_problems"] = problems
    st.session_state["_seeded"] = True


def _spec_from_state() -> FilterSpec:
    values = {name: tuple(st.session_state.get(f"f_{name}", ())) for name in MULTI_FIELDS}
    return FilterSpec(**values, search=str(st.session_state.get("f_search", "")).strip())


def _clear() -> None:
    for name in MULTI_FIELDS:
        st.session_state[f"f_{name}"] = []
    st.session_state["f_search"] = ""


def _filter_widgets(
    records: gpd.GeoDataFrame, choices: FilterChoices, context: MapContext, lang: Lang
) -> None:
    spec = _spec_from_state()
    for name in MULTI_FIELDS:
        counts = facet_counts(records, spec, choices=choices, field=name)
        chosen = st.session_state[f"f_{name}"]
        options = [v for v in choices.allowed(name) if name != "subsectors" or counts.get(v) or v in chosen]
        label = option_labeller(name, context=context, lang=lang)
        st.multiselect(
            t(QUERY_KEYS[name], lang),
            options,
            key=f"f_{name}",
            placeholder=t("choose", lang),
            format_func=lambda v, label=label, counts=counts: f"{label(v) or v} ({counts.get(v, 0)})",
        )
    st.text_input(t("search", lang), key="f_search")
    st.button(t("clear", lang), on_click=_clear, key="clear", width="stretch")


def _view_widgets(context: MapContext, basemaps: list[str], lang: Lang) -> None:
    st.selectbox(t("basemap", lang), basemaps, key="w_basemap", format_func=lambda b: t(f"basemap_{b}", lang))
    if "tianditu" not in basemaps:
        st.caption(t("tianditu_missing", lang))
    sectors = ["", *context.taxonomy.sectors]
    st.selectbox(
        t("choropleth_sector", lang),
        sectors,
        key="w_choropleth",
        format_func=lambda s: (
            context.taxonomy.label("sectors", s, lang=lang) if s else t("all_sectors", lang)
        ),
    )


def _write_url(spec: FilterSpec, lang: Lang) -> None:
    state = PageState(spec, lang, st.session_state["w_basemap"], st.session_state["w_choropleth"])
    query = write_url(state)
    if {key: st.query_params.get_all(key) for key in st.query_params} != query:
        st.query_params.from_dict(query)


def _download(filtered: gpd.GeoDataFrame, spec: FilterSpec, lang: Lang) -> None:
    formats = format_options(lang)
    left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
    fmt = left.selectbox(t("format", lang), list(formats), format_func=formats.get, key="w_format")
    systems = crs_options(fmt, lang)
    crs = middle.selectbox(t("crs", lang), list(systems), format_func=systems.get, key="w_crs")
    file_name, mime = download_file(spec, fmt=fmt, crs=crs)
    stem = download_stem(spec)
    right.download_button(
        t("download", lang),
        data=lambda: export_bytes(filtered, fmt=fmt, crs=crs, stem=stem).data,  # made on click
        file_name=file_name,
        mime=mime,
        key="download",
        on_click="ignore",  # a rerun on click races the deferred download (seen in Chromium)
    )


def main() -> None:
    st.set_page_config(page_title="河北省“十四五”产业布局地图", layout="wide")
    path = os.environ.get(RECORDS_ENV) or str(RECORDS_PATH)
    context = _context(_static_url())
    records, choices = _records(path), _choices(path, context)
    key = tianditu_key(_secrets())
    basemaps = available_basemaps(key=key)
    _seed_from_url(choices, basemaps)
    with st.sidebar:
        lang: Lang = "en" if st.toggle("English", key="w_en") else "zh"
        st.header(t("filters", lang))
        if st.session_state.get("_url_problems"):
            st.warning(
                t("url_problems", lang)
                + "\n\n"
                + "\n".join(f"- {p}" for p in st.session_state["_url_problems"])
            )
        _filter_widgets(records, choices, context, lang)
        _view_widgets(context, basemaps, lang)
    spec = _spec_from_state()
    _write_url(spec, lang)
    filtered = apply_filters(records, spec, choices=choices)
    unplaced = unplaced_count(filtered)
    st.title(t("title", lang))
    st.caption(t("caption", lang))
    st.info(
        t(
            "kept",
            lang,
            kept=len(filtered),
            total=len(records),
            placed=len(filtered) - unplaced,
            unplaced=unplaced,
        )
    )
    basemap = st.session_state["w_basemap"]
    fmap = build_map(
        filtered,
        context=context,
        lang=lang,
        basemap=basemap,
        tianditu_key=key,
        choropleth_sector=st.session_state["w_choropleth"] or None,
    )
    st_folium(fmap, height=700, use_container_width=True, returned_objects=[], key="map")
    st.subheader(t("table", lang))
    st.caption(t("unplaced", lang, count=unplaced))
    table = records_table(filtered, lang=lang, taxonomy=context.taxonomy, unit_names=context.unit_names(lang))
    st.dataframe(table, hide_index=True, width="stretch")
    _download(filtered, spec, lang)


main()
