"""The "my data" page: upload a list, confirm its columns, see it on the map beside the plan's items.

The upload, its settings and the joined rows stay in this session (:mod:`cluster_map.ui.own_data`).
"""

from __future__ import annotations

import os

import streamlit as st

from cluster_map.core.errors import ClusterMapError
from cluster_map.core.i18n import STRINGS, Lang, t
from cluster_map.core.paths import ITEMS_DIR
from cluster_map.own.join import JoinResult
from cluster_map.own.messages import check_text, summary_text, unmapped_text
from cluster_map.own.read import OWN_SUFFIXES, OwnFileError
from cluster_map.ui.own_data import OwnSession, clear_own, joined, own_session, read_upload
from cluster_map.ui.own_results import comparison_panel, download_panel, own_map_panel, unplaced_panel
from cluster_map.ui.own_settings import join_options
from cluster_map.ui.pages import language_toggle
from cluster_map.ui.shared import taxonomy

__all__ = ["own_page"]

ITEMS_ENV = "CLUSTER_MAP_ITEMS"


def _upload(lang: Lang) -> OwnSession | None:
    types = sorted({suffix.lstrip(".") for suffix in OWN_SUFFIXES})
    upload = st.file_uploader(t("own_upload", lang), type=types, key="own_file")
    held = own_session()
    if upload is None and held is not None:  # back from another page: the data stays until cleared
        st.caption(t("own_in_use", lang, name=held.table.name, rows=len(held.table)))
        st.button(t("own_clear", lang), key="own_clear", on_click=clear_own, icon=":material/delete:")
        return held
    if upload is None:
        return None
    try:
        session = read_upload(upload.file_id, upload.name, upload.getvalue())
    except OwnFileError as error:
        st.error(t("own_read_error", lang, error=error))
        return None
    table = session.table
    encoding = f" ({table.encoding})" if table.encoding else ""
    columns = len(table.frame.columns)
    st.caption(t("own_read_ok", lang, name=table.name, rows=len(table), columns=columns, encoding=encoding))
    return session


def _join(session: OwnSession, lang: Lang) -> JoinResult | None:
    options = join_options(session.table, lang, session.options)
    bar = st.progress(0.0, text=t("own_joining", lang))

    def progress(share: float, step: str) -> None:
        label = t(f"own_step_{step}", lang) if f"own_step_{step}" in STRINGS else step
        bar.progress(share, text=t("own_step", lang, step=label))

    try:
        result = joined(session, options, progress)
    except ClusterMapError as error:
        bar.empty()
        st.error(t("own_problem", lang, error=error))
        return None
    bar.empty()
    return result


def _findings(result: JoinResult, industry: str, lang: Lang) -> None:
    st.info(summary_text(result.rows, lang))
    for check in result.checks:
        st.warning(check_text(check, lang))
    unmapped = unmapped_text(result.rows, industry, lang)
    if unmapped:
        st.caption(unmapped)


def own_page() -> None:
    """The page: upload, settings, findings, map, county table, rows not placed, download."""
    with st.sidebar:
        lang = language_toggle()
    st.title(t("own_title", lang))
    st.caption(t("own_caption", lang))
    session = _upload(lang)
    if session is None:
        return
    result = _join(session, lang)
    if result is None or session.options is None:
        return
    roles = session.options.roles
    _findings(result, roles.industry, lang)
    sectors = st.multiselect(
        t("own_filter_sectors", lang),
        list(taxonomy().sectors),
        format_func=lambda s: taxonomy().label("sectors", s, lang=lang),
        placeholder=t("own_all_sectors", lang),
        key="own_filter_sectors",
    )
    own_map_panel(result, roles, sectors=tuple(sectors), lang=lang)
    plan_path = os.environ.get(ITEMS_ENV) or str(ITEMS_DIR)
    comparison_panel(result, plan_path, sectors=tuple(sectors), lang=lang)
    unplaced_panel(result, lang)
    download_panel(result, lang, stem=os.path.splitext(session.table.name)[0])
