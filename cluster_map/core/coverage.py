"""How much of each plan is mapped: per section, its items and mentions, and the items it names
that have no place in the text (listed, never drawn)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from cluster_map.core.plan_text import PlanText

__all__ = ["SectionCoverage", "coverage"]


@dataclass(frozen=True)
class SectionCoverage:
    """One section of one plan: what the items' mentions cover in it."""

    doc: str
    label: str
    title: str
    kind: str  # chapter, section, box, toc, preamble
    items: int  # distinct items with a mention whose section is this one
    mentions: int
    unplaced: tuple[str, ...]  # ids of those items that have no place in the text


def coverage(
    plans: Mapping[str, PlanText], items: pd.DataFrame, mentions: pd.DataFrame
) -> list[SectionCoverage]:
    """One row per section of each plan, in reading order (sections without items included).

    Parameters
    ----------
    plans
        Plan key -> its text and sections.
    items, mentions
        The tables of :class:`cluster_map.core.items.PlanItems` (``place_count`` tells the unplaced).
    """
    unplaced_ids = set(items.loc[items["place_count"].astype(int) == 0, "id"].astype(str))
    rows: list[SectionCoverage] = []
    for doc, plan in plans.items():
        own = mentions[mentions["doc"] == doc]
        by_section = {str(label): group for label, group in own.groupby("section", sort=False)}
        for section in plan.sections:
            group = by_section.get(section.label)
            ids = list(dict.fromkeys(group["item_id"].astype(str))) if group is not None else []
            rows.append(
                SectionCoverage(
                    doc=doc,
                    label=section.label,
                    title=section.title,
                    kind=section.kind,
                    items=len(ids),
                    mentions=0 if group is None else len(group),
                    unplaced=tuple(i for i in ids if i in unplaced_ids),
                )
            )
    return rows
