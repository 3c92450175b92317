"""Coverage per section: its items and mentions add up to the items' tables."""

from __future__ import annotations

from cluster_map.core.coverage import coverage
from cluster_map.core.items import read_plan_items
from cluster_map.core.plan_text import plan_text
from cluster_map.core.taxonomy import load_taxonomy


def test_coverage_adds_up_to_the_mentions_table():
    taxonomy, items = load_taxonomy(), read_plan_items()
    plans = {doc: plan_text(doc, taxonomy) for doc in taxonomy.documents}
    rows = coverage(plans, items.items, items.mentions)
    assert sum(r.mentions for r in rows) == len(items.mentions)
    unplaced = set(items.items.loc[items.items["place_count"].astype(int) == 0, "id"])
    listed = {i for r in rows for i in r.unplaced}
    assert listed == unplaced & set(items.mentions["item_id"])
    box = next(r for r in rows if r.doc == "sei" and r.label == "专栏7")
    assert box.kind == "box" and box.items == box.mentions > 0
    assert any(r.items == 0 for r in rows)  # sections with no item are listed too
