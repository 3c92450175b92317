"""The plans' structure read from their text: every mention lies in the section it names."""

from __future__ import annotations

import pytest

from cluster_map.core.errors import UsageError
from cluster_map.core.items import read_plan_items
from cluster_map.core.plan_text import PREAMBLE_LABEL, TOC_LABEL, parse_sections, plan_text, sentences
from cluster_map.core.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def plans():
    taxonomy = load_taxonomy()
    return {doc: plan_text(doc, taxonomy) for doc in taxonomy.documents}


def test_every_mention_span_lies_in_the_section_it_names(plans):
    mentions = read_plan_items().mentions
    checked = 0
    for mention in mentions.itertuples():
        for span in str(mention.spans).split(";"):
            start = int(span.split("-")[0])
            section = plans[mention.doc].innermost(start)
            assert section is not None and section.label == mention.section, (mention.item_id, span)
            checked += 1
    assert checked > 500


def test_both_plans_have_their_chapters_and_boxes(plans):
    sei = [s.label for s in plans["sei"].sections]
    sti = [s.label for s in plans["sti"].sections]
    assert sei[:2] == [TOC_LABEL, PREAMBLE_LABEL] and sti[0] == PREAMBLE_LABEL  # sti has no contents
    assert [s for s in sei if s.startswith("专栏")] == [f"专栏{n}" for n in range(1, 22)]
    assert [s for s in sti if s.startswith("专栏")] == [f"专栏{n}" for n in range(1, 14)]
    assert {"三", "三（一）", "三（二）", "三（三）", "四（八）"} <= set(sei)
    assert "十四（一）" in sti


def test_a_box_ends_where_its_section_takes_up_a_new_topic():
    text = "四、任务\n（一）信息\n新型显示。发展面板。\n专栏2  新型显示工程\n\n重点建设石家庄显示。\n\n现代通信。发展通信。\n"
    plan = parse_sections("x", text)
    box = next(s for s in plan.sections if s.label == "专栏2")
    assert text[box.start : box.end].strip() == "专栏2  新型显示工程\n\n重点建设石家庄显示。"
    assert plan.innermost(text.index("现代通信")).label == "四（一）"
    assert plan.innermost(text.index("重点建设")).label == "专栏2"


def test_numbered_lines_stay_in_their_box():
    text = "六、攻坚\n（一）升级\n专栏1：方向\n1.钢铁领域。加强攻关。\n2.石化领域。围绕产业。\n（二）提升\n"
    plan = parse_sections("x", text)
    assert plan.innermost(text.index("石化")).label == "专栏1"
    assert plan.innermost(text.index("提升")).label == "六（二）"


def test_sentences_are_trimmed_and_end_with_their_mark():
    text = "\u3000\u3000支持唐山建设。推进沧州；\n  承德市"
    assert [text[a:b] for a, b in sentences(text, 0, len(text))] == ["支持唐山建设。", "推进沧州；", "承德市"]


def test_an_unknown_plan_or_chapter_is_refused(plans):
    with pytest.raises(UsageError, match="'xyz'"):
        plan_text("xyz", load_taxonomy())
    with pytest.raises(UsageError, match="'二十'"):
        plans["sei"].chapter("二十")
