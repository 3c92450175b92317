"""Search both plans: every occurrence of a text, the items whose mentions it touches, and the
passages that name a place the data has no item for (gaps made visible).

Counts are plain, non-overlapping substring counts of the text (``str.count``), per plan and section.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from cluster_map.core.admin_names import short_names
from cluster_map.core.catalog import Catalog
from cluster_map.core.plan_text import PlanText, sentences

__all__ = ["Hit", "MentionSpan", "mention_spans", "place_name_pattern", "search_plans", "section_counts"]

#: The longest query searched (a sentence is enough to find a passage).
MAX_QUERY = 200


@dataclass(frozen=True)
class MentionSpan:
    """One span of one item's mention in a plan."""

    item_id: str
    doc: str
    section: str
    start: int
    end: int
    sentence: str
    mention: str = ""  # "<item id>#<mention no>": the spans of one passage share it


@dataclass(frozen=True)
class Hit:
    """One occurrence of the query: where, its sentence, the items it touches, unmapped places."""

    doc: str
    section: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    items: tuple[str, ...]  # items with a span overlapping the occurrence
    sentence_items: tuple[str, ...]  # items with a mention in the same sentence
    places_without_item: tuple[str, ...]  # place names in a sentence where no item is mentioned


def mention_spans(mentions: pd.DataFrame) -> list[MentionSpan]:
    """Every span of the mentions table (items' ``mentions.csv``), in plan order."""
    found = [
        MentionSpan(
            str(m.item_id),
            str(m.doc),
            str(m.section),
            int(a),
            int(b),
            str(m.sentence),
            f"{m.item_id}#{m.mention_no}",
        )
        for m in mentions.itertuples()
        for a, b in (span.split("-") for span in str(m.spans).split(";") if span)
    ]
    return sorted(found, key=lambda s: (s.doc, s.start, s.end, s.item_id))


def place_name_pattern(catalog: Catalog) -> re.Pattern[str]:
    """Any prefecture or county name or short form (:func:`~cluster_map.core.admin_names.short_names`), or a
    zone's name (so 雄安新区 is one place, not the county 安新 inside it)."""
    names: set[str] = {zone.name_zh for zone in catalog.zones if len(zone.name_zh) >= 2}
    for unit in catalog.units:
        if unit.level not in ("prefecture", "county"):
            continue
        names |= {unit.name_zh, *short_names(unit.name_zh)}
    ordered = sorted(names, key=lambda n: (-len(n), n))
    return re.compile("|".join(re.escape(n) for n in ordered))


def _occurrences(text: str, query: str) -> Iterable[int]:
    at = text.find(query)
    while at >= 0:
        yield at
        at = text.find(query, at + len(query))


def search_plans(
    query: str,
    plans: Mapping[str, PlanText],
    spans: Sequence[MentionSpan],
    *,
    places: re.Pattern[str] | None = None,
) -> list[Hit]:
    """Every non-overlapping occurrence of ``query`` in ``plans`` (key -> text), in plan order.

    ``places`` (:func:`place_name_pattern`) marks sentences that name a place but mention no item.
    An empty or blank query finds nothing; a longer one than :data:`MAX_QUERY` is cut.
    """
    query = query.strip()[:MAX_QUERY]
    if not query:
        return []
    hits: list[Hit] = []
    for doc, plan in plans.items():
        own = [s for s in spans if s.doc == doc]
        bounds = list(sentences(plan.text, 0, len(plan.text)))
        lefts = [a for a, _ in bounds]
        for start in _occurrences(plan.text, query):
            end = start + len(query)
            i = bisect.bisect_right(lefts, start) - 1
            left, right = bounds[i] if i >= 0 and start < bounds[i][1] else (start, end)
            touched = tuple(dict.fromkeys(s.item_id for s in own if s.start < end and start < s.end))
            in_sentence = tuple(dict.fromkeys(s.item_id for s in own if left <= s.start < right))
            names = tuple(dict.fromkeys(places.findall(plan.text, left, right))) if places else ()
            section = plan.innermost(start)
            hits.append(
                Hit(
                    doc=doc,
                    section=section.label if section else "",
                    start=start,
                    end=end,
                    sentence=plan.text[left:right],
                    sentence_start=left,
                    items=touched,
                    sentence_items=in_sentence,
                    places_without_item=names if not in_sentence else (),
                )
            )
    return hits


def section_counts(hits: Sequence[Hit]) -> dict[tuple[str, str], int]:
    """(plan, section) -> occurrences, in the order the sections are met."""
    counts: dict[tuple[str, str], int] = {}
    for hit in hits:
        counts[(hit.doc, hit.section)] = counts.get((hit.doc, hit.section), 0) + 1
    return counts
