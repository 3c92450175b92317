"""Searching the plans: counts are plain substring counts; matches know their items and the gaps."""

from __future__ import annotations

import pytest

from cluster_map.core.catalog import load_catalog
from cluster_map.core.items import read_plan_items
from cluster_map.core.plan_search import mention_spans, place_name_pattern, search_plans, section_counts
from cluster_map.core.plan_text import plan_text
from cluster_map.core.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def plans():
    taxonomy = load_taxonomy()
    return {doc: plan_text(doc, taxonomy) for doc in taxonomy.documents}


@pytest.fixture(scope="module")
def spans():
    return mention_spans(read_plan_items().mentions)


@pytest.mark.parametrize(
    "query", ["唐山", "氢能", "基地", "雄安新区", "。", "专栏", "机器人产业基地", "火星"]
)
def test_counts_equal_a_plain_substring_count(plans, spans, query):
    hits = search_plans(query, plans, spans)
    for doc, plan in plans.items():
        assert sum(1 for h in hits if h.doc == doc) == plan.text.count(query)
    assert sum(section_counts(hits).values()) == len(hits)
    for hit in hits:
        assert plans[hit.doc].text[hit.start : hit.end] == query
        assert query in hit.sentence or len(query) == 1


def test_a_match_inside_a_mention_span_names_its_item(plans, spans):
    hits = search_plans("廊坊香河", plans, spans)
    assert any("sei-b07-03" in h.items for h in hits)


def test_a_sentence_naming_a_place_without_any_item_is_a_gap(plans, spans):
    pattern = place_name_pattern(load_catalog())
    hits = search_plans("唐山", plans, spans, places=pattern)
    gaps = [h for h in hits if h.places_without_item]
    mapped = [h for h in hits if h.sentence_items]
    assert all(not h.sentence_items for h in gaps) and all(not h.places_without_item for h in mapped)
    assert all("唐山" in h.places_without_item for h in gaps)


def test_blank_queries_find_nothing(plans, spans):
    assert search_plans("   ", plans, spans) == []


def test_a_zone_name_is_one_place_not_the_county_inside_it(plans, spans):
    pattern = place_name_pattern(load_catalog())
    assert pattern.findall("以雄安新区为核心") == ["雄安新区"]  # not 安新 (安新县)
