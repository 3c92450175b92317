"""sentence_around: the sentence of the plan a record quotes."""

from __future__ import annotations

import pytest

from cluster_map.core.sources import sentence_around

TEXT = "第一句。\n　　重点建设石家庄、廊坊等基地；推进A项目。最后一句"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("石家庄", "重点建设石家庄、廊坊等基地；"),
        ("A项目", "推进A项目。"),
        ("最后", "最后一句"),
        ("第一", "第一句。"),
    ],
)
def test_sentence_holds_the_span(name, expected):
    start = TEXT.index(name)
    assert sentence_around(TEXT, start, start + len(name)) == expected


def test_long_sentence_is_cut_around_the_span():
    text = "甲" * 1000 + "目标" + "乙" * 1000 + "。"
    quote = sentence_around(text, 1000, 1002)
    assert "目标" in quote and quote.startswith("…") and quote.endswith("…") and len(quote) < 420


def test_span_outside_the_document_is_refused():
    with pytest.raises(ValueError, match="outside the document"):
        sentence_around("abc", 2, 9)
