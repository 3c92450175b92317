"""The reader's HTML: every mention span highlighted around exactly its text; the plans escaped."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from cluster_map.core.items import read_plan_items
from cluster_map.core.plan_search import mention_spans
from cluster_map.core.plan_text import parse_sections, plan_text
from cluster_map.core.taxonomy import load_taxonomy
from cluster_map.web.reader_html import item_labels, plan_html, target_anchor


class Marks(HTMLParser):
    """Collects each <mark>'s spans and text, and every element's id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[tuple[list[str], str, list[str]]] = []
        self.ids: set[str] = set()
        self._open: tuple[list[str], list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "mark":
            self._open = (str(found["data-spans"]).split(), str(found["data-items"]).split())

    def handle_data(self, data):
        if self._open is not None:
            spans, items = self._open
            self.marks.append((spans, data, items))
            self._open = None

    def handle_endtag(self, tag):
        if tag == "mark":
            self._open = None


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="module")
def items():
    return read_plan_items()


@pytest.mark.parametrize("doc", ["sei", "sti"])
def test_every_mention_span_is_highlighted_around_exactly_its_text(doc, taxonomy, items):
    plan = plan_text(doc, taxonomy)
    spans = [s for s in mention_spans(items.mentions) if s.doc == doc]
    page = Marks()
    page.feed(plan_html(plan, spans, item_labels(items.items, taxonomy, "zh")))
    assert len(spans) > 100
    for span in spans:
        key = f"{span.start}-{span.end}"
        text = "".join(t for keys, t, ids in page.marks if key in keys and span.item_id in ids)
        assert text == plan.text[span.start : span.end], (span.item_id, key)
    covered = {k for keys, _, _ in page.marks for k in keys}
    assert covered == {f"{s.start}-{s.end}" for s in spans}  # no mark for anything else


def test_an_injected_script_in_a_plan_is_shown_as_text(taxonomy, items):
    original = plan_text("sei", taxonomy)
    at = original.text.index("重点建设唐山高新技术产业开发区")
    hostile = original.text[:at] + "<script>alert(1)</script>" + original.text[at:]
    html = plan_html(parse_sections("sei", hostile), [], item_labels(items.items, taxonomy, "zh"))
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_anchors_for_a_section_and_an_offset(taxonomy, items):
    plan = plan_text("sei", taxonomy)
    page = Marks()
    page.feed(plan_html(plan, [], {}))
    assert target_anchor(plan, section="专栏7") == "s-专栏7" and "s-专栏7" in page.ids
    at = plan.text.index("廊坊香河")
    anchor = target_anchor(plan, at=at)
    assert anchor.startswith("p-") and anchor in page.ids
    assert target_anchor(plan, section="专栏99") == "" and target_anchor(plan, at=10**7) == ""
