"""What the plans say about a place itself: layout passages that name it, and only those."""

from __future__ import annotations

import pytest

from cluster_map.core.catalog import load_catalog
from cluster_map.core.place_passages import LAYOUT_CHAPTERS, place_names, place_passages
from cluster_map.core.plan_text import plan_text
from cluster_map.core.profiles import ProfilePlace
from cluster_map.core.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def plans():
    taxonomy = load_taxonomy()
    return {doc: plan_text(doc, taxonomy) for doc in taxonomy.documents}


def test_names_of_a_prefecture_a_county_and_a_zone(catalog):
    assert place_names(ProfilePlace("prefecture", "130200"), catalog) == ("唐山市", "唐山")
    assert place_names(ProfilePlace("county", "130123"), catalog) == ("正定县", "正定")
    assert place_names(ProfilePlace("county", "130638"), catalog) == ("雄县",)  # 雄 alone is no name
    assert place_names(ProfilePlace("zone", "coastal"), catalog) == ("沿海",)


def test_tangshan_passages_are_its_layout_sentences(catalog, plans):
    passages = place_passages(ProfilePlace("prefecture", "130200"), catalog, plans)
    assert [(p.doc, p.section) for p in passages] == [
        ("sei", "三（二）"),
        ("sei", "三（三）"),
        ("sti", "三（一）"),
        ("sti", "三（三）"),
        ("sti", "三（四）"),
    ]
    for passage in passages:
        plan = plans[passage.doc]
        assert plan.text[passage.start : passage.end] == passage.text  # traceable to the plan
        assert set(passage.names) == {"唐山"}
        chapter = passage.section.split("（")[0]
        assert chapter in LAYOUT_CHAPTERS[passage.doc]
    assert passages[-1].text == "支持唐山、沧州、秦皇岛市建设具有全国影响力的沿海创新型城市。"


def test_a_zone_passage_is_its_defining_paragraph(catalog, plans):
    (passage,) = place_passages(ProfilePlace("zone", "coastal"), catalog, plans)
    assert passage.doc == "sei" and passage.section == "三（二）"
    assert passage.text.startswith("2.沿海中高端产业转型发展区。秦皇岛、唐山、沧州")


def test_a_place_the_layout_chapters_do_not_name_has_no_passage(catalog, plans):
    assert place_passages(ProfilePlace("county", "130123"), catalog, plans) == []  # 正定 is named elsewhere
