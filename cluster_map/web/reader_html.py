"""A plan as HTML for the reader: headings with anchors, paragraphs, every mention span marked.

Everything from the plan is escaped (the plans are data). A mark carries the items whose spans it
covers (``data-items``), the spans themselves (``data-spans``, ``start-end`` offsets), each item with
its span (``data-refs``, ``item@start-end``, what "cite" quotes) and the first
item's sector colour; where spans overlap, the text is cut into segments, each marked with every
item and span covering it, so a span's text is the concatenation of the marks listing it. Anchors:
``s-<label>`` for a section heading, ``p-<offset>`` for a paragraph, ``m-<offset>`` for a mark.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from html import escape

import pandas as pd

from cluster_map.core.i18n import Lang
from cluster_map.core.plan_search import MentionSpan
from cluster_map.core.plan_text import PlanText
from cluster_map.core.taxonomy import Taxonomy

__all__ = ["ItemLabel", "item_labels", "plan_html", "target_anchor"]

ItemLabel = tuple[str, str]  # (name in the page's language, sector colour "#rrggbb")
_HEADING_TAGS = {"chapter": "h2", "section": "h3", "box": "h4", "toc": "h2", "preamble": "h2"}


def item_labels(items: pd.DataFrame, taxonomy: Taxonomy, lang: Lang) -> dict[str, ItemLabel]:
    """Item id -> (its name in ``lang``, its sector's colour) for the marks of :func:`plan_html`."""
    column = "name_en" if lang == "en" else "name_zh"
    colours = {key: str(entry.get("color", "#777777")) for key, entry in taxonomy.sectors.items()}
    return {
        str(i): (str(name) or str(i), colours.get(str(sector), "#777777"))
        for i, name, sector in zip(items["id"], items[column], items["sector"], strict=True)
    }


def _tint(colour: str, alpha: float = 0.28) -> str:
    try:
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    except (ValueError, IndexError):
        r, g, b = (120, 120, 120)
    return f"rgba({r},{g},{b},{alpha})"


def _marked(
    text: str, left: int, right: int, spans: Sequence[MentionSpan], labels: Mapping[str, ItemLabel]
) -> str:
    """``text[left:right]`` escaped, with every segment under a mention span in a ``<mark>``."""
    inside = [s for s in spans if s.start < right and left < s.end]
    cuts = sorted({left, right, *(max(left, s.start) for s in inside), *(min(right, s.end) for s in inside)})
    parts: list[str] = []
    for a, b in itertools.pairwise(cuts):
        if a >= b:
            continue
        over = [s for s in inside if s.start <= a and b <= s.end]
        if not over:
            parts.append(escape(text[a:b]))
            continue
        items = list(dict.fromkeys(s.item_id for s in over))
        names = " / ".join(labels.get(i, (i, ""))[0] for i in items)
        colour = labels.get(items[0], ("", "#777777"))[1]
        span_list = " ".join(dict.fromkeys(f"{s.start}-{s.end}" for s in over))
        refs = " ".join(dict.fromkeys(f"{s.item_id}@{s.start}-{s.end}" for s in over))
        parts.append(
            f'<mark class="cm-m" id="m-{a}" data-items="{escape(" ".join(items))}" data-spans="{span_list}" '
            f'data-refs="{escape(refs)}" '
            f'title="{escape(names)}" style="background:{_tint(colour)};border-bottom:2px solid {escape(colour)}">'
            f"{escape(text[a:b])}</mark>"
        )
    return "".join(parts)


def plan_html(plan: PlanText, spans: Sequence[MentionSpan], labels: Mapping[str, ItemLabel]) -> str:
    """The whole plan as HTML paragraphs and headings (no ``<html>`` wrapper), spans marked.

    Parameters
    ----------
    plan
        The plan's text and sections.
    spans
        The mention spans in this plan (:func:`cluster_map.core.plan_search.mention_spans`).
    labels
        Item id -> (its name in the page's language, its sector colour).
    """
    own = [s for s in spans if s.doc == plan.doc]
    starts = {s.start: s for s in plan.sections if s.kind not in ("toc", "preamble")}
    toc = next((s for s in plan.sections if s.kind == "toc"), None)
    out: list[str] = []
    for left, right in plan.paragraphs():
        if toc is not None and left < toc.end:  # the plan's own contents, small (search finds them too)
            out.append(
                f'<p id="p-{left}" class="cm-toc" data-at="{left}">{escape(plan.text[left:right])}</p>'
            )
            continue
        heading = starts.get(_line_start(plan.text, left))
        body = _marked(plan.text, left, right, own, labels)
        if heading is not None:  # a heading line; one that goes on with sentences stays a paragraph
            tag = "p" if "。" in plan.text[left:right] else _HEADING_TAGS[heading.kind]
            out.append(
                f'<{tag} id="s-{escape(heading.label)}" class="cm-{heading.kind}" data-at="{left}">{body}</{tag}>'
            )
        else:
            out.append(f'<p id="p-{left}" data-at="{left}">{body}</p>')
    return "\n".join(out)


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def target_anchor(plan: PlanText, *, at: int | None = None, section: str = "") -> str:
    """The anchor to scroll to: the paragraph holding offset ``at``, else the heading of ``section``.

    "" when neither is found (the reader then opens at the top).
    """
    headings = {s.start: s for s in plan.sections if s.kind not in ("toc", "preamble")}
    if at is not None:
        for left, right in plan.paragraphs():
            if left <= at <= right:
                heading = headings.get(_line_start(plan.text, left))
                return f"s-{heading.label}" if heading else f"p-{left}"
    found = plan.section(section) if section else None
    return f"s-{found.label}" if found is not None and found.kind not in ("toc", "preamble") else ""
