"""Citations of three known mentions, in Chinese (GB/T 7714 style) and English."""

from __future__ import annotations

import pytest

from cluster_map.core.citations import citation
from cluster_map.core.items import read_plan_items
from cluster_map.core.plan_search import mention_spans
from cluster_map.core.plan_text import plan_text
from cluster_map.core.taxonomy import load_taxonomy

SEI_ZH = "河北省人民政府. 河北省战略性新兴产业发展“十四五”规划(2021–2025)[Z]. "
SEI_EN = (
    "Hebei Provincial People's Government. Hebei Strategic Emerging Industries Development Plan for the "
    "14th Five-Year Period [title translated; original: 河北省战略性新兴产业发展“十四五”规划] (2021–2025). "
)
STI_ZH = "河北省人民政府. 河北省科技创新“十四五”规划(2021–2025)[Z]. "


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def _mention(item_id: str, doc: str):
    return next(s for s in mention_spans(read_plan_items().mentions) if s.item_id == item_id and s.doc == doc)


def test_section_names_in_english():
    from cluster_map.core.plan_text import section_name_en

    assert [section_name_en(x) for x in ("专栏7", "三（二）", "十四（一）", "十二", "目录")] == [
        "Box 7",
        "Section 3.2",
        "Section 14.1",
        "Chapter 12",
        "Contents",
    ]


@pytest.mark.parametrize(
    ("item_id", "doc", "lang", "expected"),
    [
        (
            "sei-b07-03",
            "sei",
            "zh",
            SEI_ZH
            + "专栏7, 第1段. “重点建设唐山高新技术产业开发区、沧州高新技术产业开发区、廊坊香河、衡水故城等机器人产业基地。”",
        ),
        (
            "sei-b07-03",
            "sei",
            "en",
            SEI_EN + 'Box 7 (专栏7), paragraph 1. "重点建设唐山高新技术产业开发区、沧州高新技术产业开发区、'
            '廊坊香河、衡水故城等机器人产业基地。" (in Chinese)',
        ),
        ("sei-3-2-02", "sei", "zh", SEI_ZH + "三（二）, 第2段. “"),
        ("sti-3-3-03", "sti", "zh", STI_ZH + "三（三）, 第1段. “"),
    ],
)
def test_citations_of_known_mentions(taxonomy, item_id, doc, lang, expected):
    span = _mention(item_id, doc)
    text = citation(plan_text(doc, taxonomy), taxonomy.documents[doc], span.start, span.sentence, lang=lang)
    assert text.startswith(expected)
    assert text.endswith(f"“{span.sentence}”" if lang == "zh" else f'"{span.sentence}" (in Chinese)')
