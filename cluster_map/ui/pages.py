"""The app's pages (the map, the plan reader, my data) and the moves between them."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from cluster_map.core.i18n import Lang, t

__all__ = ["PageName", "app_pages", "go_to", "language_toggle", "page_lang"]

PageName = Literal["map", "reader", "own"]


def page_lang() -> Lang:
    """The language the session reads in: its last choice, else the URL's ``lang``, else Chinese."""
    held = st.session_state.get("v_lang")
    if held in ("zh", "en"):
        return held
    return "en" if st.query_params.get("lang") == "en" else "zh"


def held_lang() -> Lang:
    """The language the switch of :func:`language_toggle` holds, before it is drawn (the same value)."""
    return "en" if st.session_state.get("w_en", page_lang() == "en") else "zh"


def language_toggle() -> Lang:
    """The sidebar's "English" switch, kept when the user moves to the other page and back.

    Streamlit forgets a widget's state on a run that does not draw it (the other page), so the
    choice is also held in ``v_lang`` and the switch is recreated from it.
    """
    if "w_en" not in st.session_state:
        st.session_state["w_en"] = page_lang() == "en"
    lang: Lang = "en" if st.toggle("English", key="w_en") else "zh"
    st.session_state["v_lang"] = lang
    return lang


def _page(name: PageName) -> st.Page:
    from cluster_map.ui.map_page import map_page
    from cluster_map.ui.own_page import own_page
    from cluster_map.ui.reader_page import reader_page

    lang = page_lang()
    if name == "map":
        return st.Page(map_page, title=t("page_map", lang), url_path="map", default=True)
    if name == "own":
        return st.Page(own_page, title=t("page_own", lang), url_path="own")
    return st.Page(reader_page, title=t("page_reader", lang), url_path="reader")


def app_pages() -> list[st.Page]:
    """The pages for ``st.navigation``, titled in the session's language."""
    return [_page("map"), _page("reader"), _page("own")]


def go_to(name: PageName, **query: str) -> None:
    """Switch to page ``name`` in this session, with ``query`` as its URL parameters (never returns)."""
    st.switch_page(_page(name), query_params={k: v for k, v in query.items() if v})
