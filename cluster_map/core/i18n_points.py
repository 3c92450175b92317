"""Strings of the map's point layer (many points drawn on a canvas); merged into ``i18n.STRINGS``."""

from __future__ import annotations

POINT_STRINGS: dict[str, dict[str, str]] = {
    "point_layer": {"zh": "全部点位", "en": "All points"},
    "point_loading": {"zh": "正在打开…", "en": "Opening…"},
    "point_legend_note": {
        "zh": "点多时，缩小视图按县计数（圆内数字），点击圆圈放大；放大后每点一条，点击看详情。",
        "en": "With many points, zoomed-out views count them per county (the number in each circle; "
        "click to zoom in); zoomed in, each dot is one record: click it for its details.",
    },
    "point_pick_gone": {
        "zh": "所点的点已不在当前数据中，请重新点击。",
        "en": "The point you clicked is no longer in the data; click it again.",
    },
    "download_unchecked": {
        "zh": "数据量大，页面未逐项校验；下载包含全部筛选结果。校验请运行 `python -m cluster_map validate`。",
        "en": "This dataset is too large to validate in the page; the download holds every filtered row. "
        "Validate it with `python -m cluster_map validate`.",
    },
    "table_page": {
        "zh": "页码（每页 {size} 行，共 {pages} 页）",
        "en": "Page ({size} rows each, {pages} pages)",
    },
}
