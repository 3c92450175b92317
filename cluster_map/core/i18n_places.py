"""The interface's words for places: profiles, comparisons and the printable brief (zh and en).

Part of :data:`cluster_map.core.i18n.STRINGS`, kept apart because the place pages have many words.
"""

from __future__ import annotations

__all__ = ["PLACE_STRINGS"]

#: Key -> {"zh": ..., "en": ...}, merged into :data:`cluster_map.core.i18n.STRINGS`.
PLACE_STRINGS: dict[str, dict[str, str]] = {
    # --- place profiles (app) ---
    "profile": {"zh": "地点档案", "en": "Place profile"},
    "profile_none": {"zh": "不显示", "en": "None"},
    "profile_heading": {"zh": "地点档案：{name}", "en": "Place profile: {name}"},
    "profile_respects": {
        "zh": "计数为在此地有地点的规划事项，一项在此地多处只计一次。",
        "en": "Counts are of the plan items placed here; an item with several places here counts once.",
    },
    "profile_items": {"zh": "规划事项", "en": "Plan items"},
    "profile_drawn": {"zh": "其中可细到县级", "en": "Placed at county level"},
    "profile_on_map": {"zh": "其中在地图上有点位", "en": "With a point on the map"},
    "profile_place_filter": {
        "zh": "侧栏的地点筛选（{places}）不用于档案：档案只看此地。",
        "en": "The sidebar's place filter ({places}) does not apply: a profile is of this place only.",
    },
    "profile_by": {"zh": "按{field}", "en": "By {field}"},
    "profile_zones": {"zh": "所属区域板块：{zones}", "en": "Development zones: {zones}"},
    "profile_counties": {"zh": "各县（市、区）事项数", "en": "Items per county"},
    "profile_list": {"zh": "事项及规划原文", "en": "Items and their passages"},
    "profile_empty": {
        "zh": "当前筛选条件下，规划在此地没有事项。",
        "en": "Under the current filters the plans put no item here.",
    },
    "profile_close": {"zh": "关闭档案", "en": "Close the profile"},
    "profile_group_prefecture": {"zh": "地级市", "en": "Prefecture"},
    "profile_group_zone": {"zh": "区域板块", "en": "Zone"},
    "profile_group_county": {"zh": "县（市、区）", "en": "County"},
    "profile_switch_lang": {"zh": "English", "en": "中文"},
    "profile_in": {"zh": "（{parent}）", "en": " ({parent})"},
    "profile_unstated": {"zh": "规划未注明", "en": "Not stated"},
    "profile_brief": {
        "zh": "下载简报（HTML，可打印为 PDF）",
        "en": "Download the brief (HTML, prints to PDF)",
    },
    "profile_brief_help": {
        "zh": "一个独立的网页文件：地图、统计表和规划原文出处，无需联网；在浏览器中打开后可打印为 PDF。",
        "en": "One self-contained web page: map, tables and citations, no internet needed; open it in a "
        "browser and print it to PDF.",
    },
    "profile_passages": {
        "zh": "规划对本地的表述（区域布局章节）",
        "en": "What the plans say about the place (regional layout)",
    },
    "profile_no_passages": {
        "zh": "两部规划的区域布局章节（战略性新兴产业规划第三章、科技创新规划第二、三章）没有直接提到此地。",
        "en": "The regional-layout chapters of the plans (chapter 3 of the industries plan, chapters 2 and 3 of "
        "the innovation plan) do not name this place.",
    },
    "profile_items_csv": {"zh": "下载事项表（CSV）", "en": "Download the items (CSV)"},
    # --- comparison (app, files) ---
    "compare_heading": {"zh": "各地比较", "en": "Compare places"},
    "compare_respects": {
        "zh": "计数为当前筛选条件下的规划事项；一项在一地多处只计一次，跨多地的事项在每地各计一次。",
        "en": "Counts are of the plan items under the current filters; an item counts once in each "
        "place it is placed in.",
    },
    "matrix_scope": {"zh": "领域 × 地区矩阵", "en": "Sector × area matrix"},  # noqa: RUF001
    "matrix_prefectures": {"zh": "11 个地级市", "en": "The 11 prefectures"},
    "matrix_counties_of": {"zh": "{name}各县（市、区）", "en": "Counties of {name}"},
    "matrix_empty": {
        "zh": "当前筛选条件下没有可落到这些地区的事项。",
        "en": "Under the current filters no item is placed in these areas.",
    },
    "matrix_click": {
        "zh": "点击有数的格子即筛选到该领域和地区。“合计”是各格之和：跨多个地区的事项在每个地区各计一次，"
        "未给出地点的事项不在表中。",
        "en": "Click a cell with a count to filter to its sector and area. Totals are sums of the cells: an "
        "item placed in several areas counts in each, and items with no place are not in the table.",
    },
    "matrix_prefecture_only": {
        "zh": "另有 {count} 项只定位到{name}（未细到县），不在此表中。",
        "en": "{count} more items are placed in {name} only, not in one of its counties; they are not in "
        "this table.",
    },
    "matrix_total": {"zh": "合计", "en": "Total"},
    "matrix_field": {"zh": "统计项", "en": "Counted"},
    "matrix_value": {"zh": "取值", "en": "Value"},
    "matrix_sheet": {"zh": "计数", "en": "Counts"},
    "matrix_filter": {"zh": "筛选条件", "en": "Filter"},
    "matrix_filter_key": {"zh": "参数", "en": "Key"},
    "matrix_counts_note": {
        "zh": "每格为该领域在该地区有地点的规划事项数；一项在每个地区只计一次。",
        "en": "Each cell is the number of plan items of the sector placed in the area; an item counts "
        "once per area.",
    },
    "compare_counts_note": {
        "zh": "每列为该地的规划事项数（同地点档案）；一项在一地多处只计一次。",
        "en": "Each column is the number of plan items of the place (as in its profile); an item counts "
        "once per place.",
    },
    "compare_places": {"zh": "并列比较（最多 {max} 地）", "en": "Side by side (up to {max} places)"},
    "compare_too_many": {
        "zh": "已选 {count} 地，只比较前 {max} 地；请去掉多余的地点。",
        "en": "{count} places chosen; the first {max} are compared. Remove the others.",
    },
    "compare_placeholder": {"zh": "选择地级市、县或区域板块", "en": "Choose prefectures, counties or zones"},
    "table_download": {"zh": "下载 {format}", "en": "Download {format}"},
    # --- profile brief ---
    "brief_title": {"zh": "{place}：规划事项概况", "en": "{place}: what the plans put here"},
    "brief_summary": {
        "zh": "两部规划在此共有 {items} 项，其中 {drawn} 项在地图上有点位，{county} 项可细到县级。",
        "en": "The two plans name {items} items here; {drawn} of them have a point on the map, {county} are "
        "placed at county level.",
    },
    "brief_filter": {"zh": "统计遵循筛选条件：{filters}。", "en": "The counts follow the filter: {filters}."},
    "brief_no_filter": {
        "zh": "统计包含全部事项（未筛选）。",
        "en": "The counts include every item (no filter).",
    },
    "brief_map": {"zh": "地图", "en": "Map"},
    "brief_map_note": {
        "zh": "圆点是规划所提县（市、区）或地级市的代表点，不是项目的具体位置；颜色表示领域。虚线轮廓是范围大于本地的事项（如区域板块）在本地的部分。",
        "en": "A dot is the representative point of the county or city the plan names, not the item's "
        "site; its colour is the sector. A dashed outline is the part here of an item whose place is "
        "larger (such as a development zone).",
    },
    "brief_counts": {"zh": "统计", "en": "Counts"},
    "brief_items_count": {"zh": "项数", "en": "Items"},
    "brief_counties": {"zh": "各县（市、区）事项数", "en": "Items per county"},
    "brief_items": {"zh": "事项列表", "en": "Plan items"},
    "brief_citations": {"zh": "规划原文出处", "en": "Citations"},
    "brief_none": {"zh": "无", "en": "none"},
    # --- plan reader (app) ---
    "reader_doc": {"zh": "规划", "en": "Plan"},
    "reader_doc_sei": {"zh": "战略性新兴产业规划", "en": "Industries plan"},
    "reader_doc_sti": {"zh": "科技创新规划", "en": "Innovation plan"},
    "reader_section": {"zh": "章节与专栏", "en": "Section or box"},
    "reader_top": {"zh": "（从头阅读）", "en": "(from the top)"},
    "reader_search": {"zh": "搜索两部规划", "en": "Search both plans"},
    "reader_caption": {
        "zh": "{issuer}，规划期 {period}。高亮处是地图上的规划事项，颜色表示领域；点击高亮可查看事项、在地图上显示或引用。",
        "en": "{issuer}, plan period {period}. Highlights are the map's plan items, coloured by sector; "
        "click one to name the item, show it on the map or cite it.",
    },
    "reader_show_on_map": {"zh": "在地图上查看", "en": "Show on the map"},
    "reader_cite": {"zh": "引用", "en": "Cite"},
    "reader_close": {"zh": "关闭", "en": "Close"},
    "reader_results": {"zh": "“{query}”：共 {count} 处", "en": "“{query}”: {count} matches"},
    "reader_hits_mapped": {
        "zh": "{count} 处中 {mapped} 处属于地图上的事项；{gaps} 处所在句子提到地名却没有任何事项（数据的空白）。点击一行即跳到原文。",
        "en": "Of the {count} matches, {mapped} belong to mapped items. Matches in sentences that name a place "
        "but no item (gaps in the data): {gaps}. Click a row to read it.",
    },
    "reader_hits_cut": {
        "zh": "只列出前 {shown} 处（共 {count} 处）。",
        "en": "The first {shown} of {count} are listed.",
    },
    "reader_col_doc": {"zh": "规划", "en": "Plan"},
    "reader_col_items": {"zh": "相关事项", "en": "Items"},
    "reader_col_gap": {"zh": "无事项的地名", "en": "Places with no item"},
    "reader_col_title": {"zh": "标题", "en": "Heading"},
    "reader_col_mentions": {"zh": "提及", "en": "Mentions"},
    "reader_col_unplaced": {"zh": "原文未给地点的事项", "en": "Items with no place in the text"},
    "reader_coverage": {
        "zh": "本规划的覆盖情况：{items} 项事项、{mentions} 处提及（按章节）",
        "en": "Coverage of this plan: {items} items, {mentions} mentions (by section)",
    },
    "reader_citation_zh": {"zh": "中文（GB/T 7714 格式）", "en": "Chinese (GB/T 7714 style)"},
    "reader_citation_en": {"zh": "英文", "en": "English"},
    "reader_url_problems": {
        "zh": "链接中有以下部分无法识别，已忽略：",
        "en": "Parts of the link were not understood and are ignored:",
    },
    "reader_unknown": {
        "zh": "{name}={value}：不认识，已忽略（doc 为 sei 或 sti；section 如 专栏7、三（二）；at 为数字）",
        "en": "{name}={value}: not known, ignored (doc is sei or sti; section such as 专栏7 or 三（二）; at is a number)",
    },
    "reader_no_citation": {"zh": "找不到要引用的提及：{value}", "en": "No mention to cite: {value}"},
}
