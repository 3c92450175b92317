"""What the plans say about a place itself: the passages of their regional-layout chapters naming it.

The layout chapters are sei 三 (发展布局: 雄安, the four zones, the demonstration bases) and sti 二
and 三 (innovation highlands; innovative cities, high-tech zones, growth poles city by city). A
prefecture or county is found by its name and its short forms (:func:`cluster_map.core.admin_names.
short_names`: 唐山市, 唐山; 正定县, 正定; never 雄 for 雄县), a zone by its name in sei
三 only (the zones are that plan's). A passage is the sentence naming the place, or for a zone its
whole paragraph (the zone's definition).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from cluster_map.core.admin_names import short_names
from cluster_map.core.catalog import Catalog
from cluster_map.core.plan_text import PlanText, sentences
from cluster_map.core.profiles import ProfilePlace

__all__ = ["LAYOUT_CHAPTERS", "Passage", "place_names", "place_passages"]

#: Plan -> the chapters that lay out the regions.
LAYOUT_CHAPTERS: dict[str, tuple[str, ...]] = {"sei": ("三",), "sti": ("二", "三")}
_ZONE_CHAPTERS: dict[str, tuple[str, ...]] = {"sei": ("三",)}
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")


@dataclass(frozen=True)
class Passage:
    """A passage naming a place: plan, innermost section, offsets, its text and the names in it."""

    doc: str
    section: str
    start: int
    end: int
    text: str
    names: tuple[str, ...]  # the place's names as they occur in the text, in order


def place_names(place: ProfilePlace, catalog: Catalog) -> tuple[str, ...]:
    """The names the plans may use for ``place``, longest first."""
    if place.level == "zone":
        zone = catalog.zone(place.code)
        names = {zone.name_zh} if zone else set()
    else:
        unit = catalog.unit(place.code)
        zh = unit.name_zh if unit else ""
        names = {zh, *short_names(zh)}
    return tuple(sorted((n for n in names if n), key=lambda n: (-len(n), n)))


def _found(text: str, names: tuple[str, ...]) -> tuple[str, ...]:
    pattern = re.compile("|".join(re.escape(n) for n in names))
    return tuple(m.group(0) for m in pattern.finditer(text))


def place_passages(place: ProfilePlace, catalog: Catalog, plans: Mapping[str, PlanText]) -> list[Passage]:
    """Every passage of the layout chapters of ``plans`` (key -> text) that names ``place``."""
    names = place_names(place, catalog)
    if not names:
        return []
    chapters = _ZONE_CHAPTERS if place.level == "zone" else LAYOUT_CHAPTERS
    found: list[Passage] = []
    for doc, labels in chapters.items():
        plan = plans.get(doc)
        if plan is None:
            continue
        for label in labels:
            chapter = plan.chapter(label)
            if place.level == "zone":
                pieces = [
                    (m.start(), m.end()) for m in _PARAGRAPH.finditer(plan.text, chapter.start, chapter.end)
                ]
            else:
                pieces = list(sentences(plan.text, chapter.start, chapter.end))
            for start, end in pieces:
                text = plan.text[start:end].strip()
                said = _found(text, names)
                if said:
                    section = plan.innermost(start)
                    found.append(Passage(doc, section.label if section else label, start, end, text, said))
    return found
