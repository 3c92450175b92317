"""Popups and tooltips: the record's facts and source, every data text escaped."""

from __future__ import annotations

import pytest
from map_records import HOSTILE, records_frame

from cluster_map.core.items import Mention, PlaceRef
from cluster_map.core.taxonomy import Taxonomy, load_taxonomy
from cluster_map.web.popups import FIELDS, popup_html, records_popup_html, tooltip_html

ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def _record(record_id: str) -> dict:
    frame = records_frame()
    return frame[frame["id"] == record_id].iloc[0].to_dict()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_name_is_shown_as_text(taxonomy: Taxonomy, lang: str) -> None:
    html = popup_html(_record("t-7"), lang=lang, taxonomy=taxonomy)
    assert "<img" not in html
    assert ESCAPED in html
    assert tooltip_html(_record("t-7"), lang=lang) == ESCAPED


@pytest.mark.parametrize(
    ("lang", "fragments"),
    [
        (
            "zh",
            [
                'data-record-id="t-3"',
                "安国中药示范基地",
                "Anguo medicine base",
                "示范基地",
                "生物",
                "国家级",
                "安国市 · 保定市",
                "县级",
                "行政区名",
            ],
        ),
        (
            "en",
            [
                'data-record-id="t-3"',
                "Anguo medicine base",
                "Demonstration base",
                "Biotechnology",
                "National",
                "Anguo",
                "Baoding",
                "County (one or several counties)",
            ],
        ),
    ],
)
def test_popup_shows_the_records_facts(taxonomy: Taxonomy, lang: str, fragments: list[str]) -> None:
    html = popup_html(
        _record("t-3"), lang=lang, taxonomy=taxonomy, place_names_en={"130683": "Anguo", "130600": "Baoding"}
    )
    for fragment in fragments:
        assert fragment in html, fragment


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_popup_cites_plan_section_and_sentence(taxonomy: Taxonomy, lang: str) -> None:
    record = _record("t-8")
    html = popup_html(record, lang=lang, taxonomy=taxonomy)
    assert '<span class="cm-source-section">专栏3</span>' in html
    sentence = "规划原文句子，提到<mark>邯郸新材料平台</mark>。"  # the span marked in its sentence
    assert f'<blockquote class="cm-source-sentence" lang="zh">{sentence}</blockquote>' in html
    assert taxonomy.documents["sti"][lang] in html


def test_title_is_the_name_in_the_chosen_language(taxonomy: Taxonomy) -> None:
    zh = popup_html(_record("t-1"), lang="zh", taxonomy=taxonomy)
    en = popup_html(_record("t-1"), lang="en", taxonomy=taxonomy)
    assert '<div class="cm-title">曹妃甸氢能项目</div>' in zh
    assert '<div class="cm-title">Caofeidian hydrogen project</div>' in en


def test_fields_choose_rows_and_empty_values_are_left_out(taxonomy: Taxonomy) -> None:
    html = popup_html(_record("t-1"), lang="zh", taxonomy=taxonomy, fields=("kind", "level"))
    assert 'data-field="kind"' in html
    assert 'data-field="level"' not in html  # t-1 has no level
    assert "cm-source" not in html


def test_every_field_renders(taxonomy: Taxonomy) -> None:
    record = {**_record("t-3"), "status": "existing", "status_quote": "现有", "note_zh": "说明"}
    html = popup_html(record, lang="zh", taxonomy=taxonomy, fields=FIELDS)
    for field in FIELDS:
        assert f'data-field="{field}"' in html, field


def test_unknown_field_is_refused(taxonomy: Taxonomy) -> None:
    with pytest.raises(ValueError, match="'colour'"):
        popup_html(_record("t-1"), lang="zh", taxonomy=taxonomy, fields=("colour",))


def test_records_popup_escapes_its_heading() -> None:
    html = records_popup_html(["<div>a</div>", "<div>b</div>"], heading=HOSTILE)
    assert (
        html == f'<div class="cm-popup"><div class="cm-title">{ESCAPED}</div><div>a</div><div>b</div></div>'
    )


@pytest.mark.parametrize("lang, expected", [("zh", "新能源 · 氢能"), ("en", "New energy · Hydrogen energy")])
def test_subsector_follows_the_language(taxonomy: Taxonomy, lang: str, expected: str) -> None:
    record = {**_record("t-1"), "subsector": "氢能"}
    assert expected in popup_html(record, lang=lang, taxonomy=taxonomy)


@pytest.mark.parametrize(("lang", "button"), [("zh", "复制此项链接"), ("en", "Copy link to this item")])
def test_note_in_the_page_language_and_every_popup_links_its_record(
    taxonomy: Taxonomy, lang: str, button: str
) -> None:
    record = {**_record("t-1"), "note_en": "read with <b> care", "note_zh": "注意<b>"}
    html = popup_html(record, lang=lang, taxonomy=taxonomy)
    head = "整理说明" if lang == "zh" else "Curator&#x27;s note"
    text = "注意&lt;b&gt;" if lang == "zh" else "read with &lt;b&gt; care"
    assert f'<tr data-field="note"><th>{head}</th><td>{text}</td></tr>' in html
    assert ("read with" in html) is (lang == "en")  # a Chinese page shows nothing in English
    assert f'<button type="button" class="cm-link" data-link-record="t-1">{button}</button>' in html


@pytest.mark.parametrize(
    ("lang", "place"),
    [
        ("zh", "雄县、容城县、安新县 · 保定市 (规划原文：雄县、容城县、安新县)"),
        ("en", "Xiong County, Rongcheng County, Anxin County · Baoding (plan: 雄县、容城县、安新县)"),
    ],
)
def test_place_lists_units_in_the_language_and_quotes_the_plan(
    taxonomy: Taxonomy, lang: str, place: str
) -> None:
    names_en = {
        "130638": "Xiong County",
        "130629": "Rongcheng County",
        "130632": "Anxin County",
        "130600": "Baoding",
    }
    html = popup_html(
        _record("t-4"), lang=lang, taxonomy=taxonomy, fields=("place",), place_names_en=names_en
    )
    item = f'<span class="cm-place cm-place-only" data-place-no="1">{place}</span>'
    assert (
        f'<tr data-field="place"><th>{"地点" if lang == "zh" else "Place"}</th><td>{item}</td></tr>' in html
    )


def _two_places_two_mentions() -> dict:
    """An item with two places (this row is its second) and two passages that name it."""
    first = PlaceRef(1, "唐山", "130200", "唐山市", "", "")
    second = PlaceRef(2, "香河", "131000", "廊坊市", "131024", "香河县")
    mentions = (
        Mention("sei", "三（三）", ((10, 12),), "香河", "香河<机器人>产业基地。"),
        Mention(
            "sti",
            "专栏7",
            ((5, 9), (20, 24)),
            "廊坊香河…机器人产业基地",
            "廊坊香河、衡水故城等机器人产业基地。",
        ),
    )
    return {**_record("t-1"), "places": (first, second), "place_no": 2, "mentions": mentions}


def test_an_item_lists_every_place_its_own_first_and_every_passage(taxonomy: Taxonomy) -> None:
    html = popup_html(_two_places_two_mentions(), lang="zh", taxonomy=taxonomy)
    places = html[html.index('<ul class="cm-places">') :]
    assert places.index('data-place-no="2"') < places.index('data-place-no="1"')  # this marker's place first
    assert (
        '<li class="cm-place cm-place-here" data-place-no="2">香河县 · 廊坊市 (规划原文：香河)</li>' in html
    )
    assert '<li class="cm-place" data-place-no="1">唐山市 (规划原文：唐山)</li>' in html
    assert html.count('class="cm-source"') == 2
    assert "规划原文（2 处）" in html
    assert "<mark>香河</mark>&lt;机器人&gt;产业基地。" in html  # the span marked, the rest escaped
    assert "<mark>廊坊香河</mark>、衡水故城等<mark>机器人产业基地</mark>。" in html  # member and shared head


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", "国家级（原文：“升级为国家级高新区”）"), ("en", "National (plan: “升级为国家级高新区”)")],
)
def test_level_and_status_quote_the_plan(taxonomy: Taxonomy, lang: str, expected: str) -> None:
    record = {**_record("t-1"), "level": "国家级", "level_quote": "升级为国家级高新区", "status": "to_upgrade",
              "status_quote": "升级为"}  # fmt: skip
    html = popup_html(record, lang=lang, taxonomy=taxonomy)
    assert expected in html
    assert ("待升级" if lang == "zh" else "To upgrade") in html
