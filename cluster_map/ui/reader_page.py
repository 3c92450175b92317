"""The plan reader page: either plan in full, its sections as navigation, every mention highlighted
(a click names the item, shows it on the map or cites it), a search of both plans, coverage.

Deep links: ``/reader?doc=sei&section=专栏7`` and ``/reader?doc=sei&at=<offset>``; the map's popups
open it at a mention (:func:`open_reader`). State: ``r_doc``, ``r_section``, ``r_at``, ``r_query``.
"""

from __future__ import annotations

import os

import streamlit as st

from cluster_map.core.i18n import Lang, t
from cluster_map.core.paths import ITEMS_DIR
from cluster_map.ui.pages import go_to, language_toggle
from cluster_map.ui.reader_panels import citation_dialog, coverage_panel, search_panel
from cluster_map.ui.reader_view import plan_reader
from cluster_map.ui.shared import plan_items, plan_spans, plan_texts, reader_html, taxonomy
from cluster_map.ui.widgets import held_selectbox, held_text_input
from cluster_map.web.reader_html import target_anchor

__all__ = ["open_reader", "reader_page"]

ITEMS_ENV = "CLUSTER_MAP_ITEMS"
_DOCS = ("sei", "sti")


def open_reader(doc: str, at: str, lang: Lang) -> None:
    """Switch to the reader at offset ``at`` of plan ``doc`` (from a map popup); never returns."""
    st.session_state.update(
        r_doc=doc, r_section="", r_at=at, r_hit="", r_seeded=True, r_nonce=os.urandom(4).hex()
    )
    go_to("reader", doc=doc, at=at, lang="en" if lang == "en" else "")


def _seed_from_url() -> None:
    """On the session's first visit to the reader, hold what its URL asks for (unknown parts noted)."""
    if st.session_state.get("r_seeded"):
        return
    doc, section = st.query_params.get("doc", "sei"), st.query_params.get("section", "")
    at = st.query_params.get("at", "")
    size = len(plan_texts()[doc].text) if doc in _DOCS else 0
    checks = (("doc", doc, doc in _DOCS), ("at", at, not at or (at.isdigit() and int(at) < max(size, 1))))
    problems = [(key, value) for key, value, ok in checks if not ok]
    known = doc in _DOCS and (not section or plan_texts()[doc].section(section) is not None)
    if section and not known:
        problems.append(("section", section))
    st.session_state.update(
        r_doc=doc if doc in _DOCS else "sei",
        r_section=section if known else "",
        r_at=at if ("at", at) not in problems else "",
        r_query=st.query_params.get("q", ""),
        r_seeded=True,
        r_problems=problems,
    )


def _problems(lang: Lang) -> None:
    """The link's unknown parts, as plain text (never markup), until dismissed."""
    problems = st.session_state.get("r_problems") or []
    if problems:
        st.warning(t("reader_url_problems", lang))
        st.text("\n".join(t("reader_unknown", lang, name=key, value=value) for key, value in problems))
        st.button(t("dismiss", lang), key="r_dismiss", on_click=st.session_state.pop, args=("r_problems",))


def _offset(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _sidebar(lang: Lang) -> tuple[str, str, str]:
    docs = taxonomy().documents
    shown = st.session_state.get("r_doc")
    doc = held_selectbox(
        t("reader_doc", lang), list(_DOCS), state_key="r_doc", format_func=lambda d: docs[d][lang]
    )
    if shown is not None and doc != shown:  # another plan: its own sections, from the top
        st.session_state.update(r_section="", r_at="", r_hit="")
    plan = plan_texts()[doc]
    labels = ["", *(s.label for s in plan.sections if s.kind not in ("toc", "preamble"))]
    if st.session_state.get("r_section") not in labels:
        st.session_state["r_section"] = ""

    def title(label: str) -> str:
        found = plan.section(label)
        return t("reader_top", lang) if found is None else found.title.split("。")[0][:40]

    before = st.session_state.get("r_section", "")
    section = held_selectbox(t("reader_section", lang), labels, state_key="r_section", format_func=title)
    if section != before:
        st.session_state.update(r_at="", r_hit="")  # a chosen section wins over an older offset
    query = held_text_input(t("reader_search", lang), state_key="r_query")
    return doc, section, query


def reader_page() -> None:
    """Draw the reader page."""
    path = os.environ.get(ITEMS_ENV) or str(ITEMS_DIR)
    _seed_from_url()
    with st.sidebar:
        lang = language_toggle()
        doc, section, query = _sidebar(lang)
    at = str(st.session_state.get("r_at", ""))
    wanted = {"doc": doc, "section": section, "at": at, "q": query, "lang": "en" if lang == "en" else ""}
    st.query_params.from_dict({k: v for k, v in wanted.items() if v})
    _problems(lang)
    document = taxonomy().documents[doc]
    st.title(document[lang])
    st.caption(t("reader_caption", lang, issuer=document["issuer"], period=document["period"]))
    if query:
        search_panel(query, path=path, lang=lang)
    coverage_panel(doc, path=path, lang=lang)
    plan = plan_texts()[doc]
    html, version = reader_html(path, doc, lang)
    offset = _offset(at)
    focus = _mention_spans_at(path, doc, offset) if offset is not None else []
    hit = [int(v) for v in str(st.session_state.get("r_hit", "")).split("-") if v.isdigit()]
    items = plan_items(path).items
    names = items["name_en" if lang == "en" else "name_zh"].astype(str)
    sectors = items["sector"].map(lambda v: taxonomy().label("sectors", str(v), lang=lang))
    click = plan_reader(
        {
            "html": html,
            "version": version,
            "items": {
                str(i): {"name": n, "sector": s} for i, n, s in zip(items["id"], names, sectors, strict=True)
            },
            "target": target_anchor(plan, at=offset, section=section),
            "focus": focus,
            "hit": hit if len(hit) == 2 else [],
            "nonce": str(st.session_state.get("r_nonce", "")),
            "labels": {
                "map": t("reader_show_on_map", lang),
                "cite": t("reader_cite", lang),
                "close": t("reader_close", lang),
            },
        },
        key="plan_reader",
    )
    if click.open_item:
        st.session_state["v_item"] = click.open_item
        go_to("map", item=click.open_item, lang="en" if lang == "en" else "")
    if click.cite:
        citation_dialog(click.cite, doc=doc, path=path, lang=lang)


def _mention_spans_at(path: str, doc: str, offset: int) -> list[str]:
    """Every span (``start-end``) of the passages of plan ``doc`` with a span at ``offset``."""
    spans = [s for s in plan_spans(path) if s.doc == doc]
    mentions = {s.mention for s in spans if s.start <= offset < s.end}
    return list(dict.fromkeys(f"{s.start}-{s.end}" for s in spans if s.mention in mentions))
