"""The reader page's panels: search of both plans, coverage of the shown plan, citation of a mention."""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from cluster_map.core.citations import citation
from cluster_map.core.coverage import coverage
from cluster_map.core.i18n import Lang, t
from cluster_map.core.plan_search import search_plans, section_counts
from cluster_map.ui.plain import md_text
from cluster_map.ui.shared import place_pattern, plan_items, plan_spans, plan_texts, taxonomy

__all__ = ["MAX_HITS_SHOWN", "citation_dialog", "coverage_panel", "search_panel"]

#: The most matches listed (the counts cover them all).
MAX_HITS_SHOWN = 300


def _doc_name(doc: str, lang: Lang) -> str:
    return t(f"reader_doc_{doc}", lang)


def _go_to_hit(key: str, hits: list[tuple[str, int, int]]) -> None:
    selection = st.session_state[key]["selection"]
    rows = list(selection["rows"]) or [cell[0] for cell in selection["cells"]]  # a row or any cell of it
    if rows:
        doc, start, end = hits[rows[0]]
        st.session_state.update(
            r_doc=doc, r_section="", r_at=str(start), r_hit=f"{start}-{end}", r_nonce=os.urandom(4).hex()
        )


def search_panel(query: str, *, path: str, lang: Lang) -> None:
    """Every match of ``query`` in both plans: counts per section, then the matches (click one to read it)."""
    hits = search_plans(query, plan_texts(), plan_spans(path), places=place_pattern())
    st.subheader(t("reader_results", lang, query=md_text(query), count=len(hits)))
    if not hits:
        return
    names = dict(
        zip(
            plan_items(path).items["id"].astype(str),
            plan_items(path).items["name_en" if lang == "en" else "name_zh"].astype(str),
            strict=True,
        )
    )
    counts = section_counts(hits)
    st.caption(
        md_text(
            t("list_separator", lang).join(f"{_doc_name(d, lang)} {s}: {n}" for (d, s), n in counts.items())
        )
    )
    mapped = sum(1 for h in hits if h.items)
    gaps = sum(1 for h in hits if h.places_without_item)
    st.caption(t("reader_hits_mapped", lang, mapped=mapped, count=len(hits), gaps=gaps))
    shown = hits[:MAX_HITS_SHOWN]
    table = pd.DataFrame(
        {
            t("reader_col_doc", lang): [_doc_name(h.doc, lang) for h in shown],
            t("field_section", lang): [h.section for h in shown],
            t("field_sentence", lang): [h.sentence for h in shown],
            t("reader_col_items", lang): [
                t("list_separator", lang).join(names.get(i, i) for i in h.items or h.sentence_items)
                for h in shown
            ],
            t("reader_col_gap", lang): [t("list_separator", lang).join(h.places_without_item) for h in shown],
        }
    )
    key = f"reader_hits_{abs(hash(query)) % 10**8}"
    st.dataframe(
        table,
        hide_index=True,
        key=key,
        on_select=lambda: _go_to_hit(key, [(h.doc, h.start, h.end) for h in shown]),
        selection_mode=["single-row", "single-cell"],
    )
    if len(hits) > len(shown):
        st.caption(t("reader_hits_cut", lang, shown=len(shown), count=len(hits)))


def coverage_panel(doc: str, *, path: str, lang: Lang) -> None:
    """Per section of the plan: items and mentions, and the items named there with no place in the text."""
    items = plan_items(path)
    names = dict(
        zip(
            items.items["id"].astype(str),
            items.items["name_en" if lang == "en" else "name_zh"].astype(str),
            strict=True,
        )
    )
    rows = [
        c
        for c in coverage({doc: plan_texts()[doc]}, items.items, items.mentions)
        if c.kind not in ("toc", "preamble")
    ]
    own = items.mentions[items.mentions["doc"] == doc]
    with st.expander(t("reader_coverage", lang, items=own["item_id"].nunique(), mentions=len(own))):
        st.dataframe(
            pd.DataFrame(
                {
                    t("field_section", lang): [c.label for c in rows],
                    t("reader_col_title", lang): [c.title.split("。")[0][:40] for c in rows],
                    t("profile_items", lang): [c.items for c in rows],
                    t("reader_col_mentions", lang): [c.mentions for c in rows],
                    t("reader_col_unplaced", lang): [
                        t("list_separator", lang).join(names.get(i, i) for i in c.unplaced) for c in rows
                    ],
                }
            ),
            hide_index=True,
        )


def citation_dialog(value: str, *, doc: str, path: str, lang: Lang) -> None:
    """The citation of the mention ``<item>@<start>-<end>`` in Chinese and English, ready to copy."""
    item, _, span = value.partition("@")
    start = int(span.split("-")[0]) if span.split("-")[0].isdigit() else -1
    found = next(
        (s for s in plan_spans(path) if s.item_id == item and s.doc == doc and s.start == start), None
    )
    plan, document = plan_texts()[doc], taxonomy().documents[doc]

    @st.dialog(t("reader_cite", lang), width="large")
    def show() -> None:
        if found is None:  # said where the user looks, never out of view at the top of the page
            st.warning(md_text(t("reader_no_citation", lang, value=value)))
            return
        for each in (lang, "en" if lang == "zh" else "zh"):
            st.caption(t(f"reader_citation_{each}", lang))
            st.code(
                citation(plan, document, found.start, found.sentence, lang=each),
                language=None,
                wrap_lines=True,
            )

    show()
