"""Strings of the own-data join (upload, checks, sector mapping, comparison); merged into ``i18n.STRINGS``."""

from __future__ import annotations

OWN_STRINGS: dict[str, dict[str, str]] = {
    "own_check_not_numeric": {
        "zh": "{count} 行的坐标不是数字（如第 {rows} 行），这些行改按地址定位。",
        "en": "{count} rows have coordinates that are not numbers (rows {rows}, ...); they are placed by address instead.",
    },
    "own_check_swapped": {
        "zh": "经纬度看来写反了：大多数点只有交换经度和纬度后才落在河北附近。请勾选“交换经纬度”。",
        "en": "Longitude and latitude look swapped: most points land near Hebei only with the two exchanged. "
        "Tick “swap longitude and latitude”.",
    },
    "own_check_outside": {
        "zh": "{count} 行的坐标在河北省外（如第 {rows} 行），列为未定位。",
        "en": "{count} rows have points outside Hebei (rows {rows}, ...); they are listed as not placed.",
    },
    "own_check_offset": {
        "zh": "按所选坐标系，{detail} 行的点不在其地址所写的县内；若按 {system} 读取则少得多。坐标系可能选错了。",
        "en": "Read as the chosen system, {detail} points lie outside the county their address names; read as "
        "{system}, far fewer do. The coordinate system may be wrong.",
    },
    "own_system_wgs84": {"zh": "WGS84（GPS、天地图）", "en": "WGS84 (GPS, Tianditu)"},
    "own_system_cgcs2000": {"zh": "CGCS2000（国家大地坐标系）", "en": "CGCS2000 (China's geodetic system)"},
    "own_system_gcj02": {"zh": "GCJ-02（高德、腾讯）", "en": "GCJ-02 (AMap/Gaode, Tencent)"},
    "own_system_bd09": {"zh": "BD-09（百度）", "en": "BD-09 (Baidu)"},
    "own_summary": {
        "zh": "共 {rows} 行：按坐标定位 {by_points} 行，按地址定位 {by_address} 行，未定位 {unplaced} 行。",
        "en": "{rows} rows: {by_points} placed by their coordinates, {by_address} by their address, {unplaced} not placed.",
    },
    "own_unmapped": {
        "zh": "{count} 个行业值未对应到规划领域：{values}",
        "en": "{count} industry values have no sector of the plan: {values}",
    },
}

OWN_PAGE_STRINGS: dict[str, dict[str, str]] = {
    "page_own": {"zh": "我的数据", "en": "My data"},
    "own_title": {
        "zh": "我的数据：企业、项目与规划对照",
        "en": "My data: enterprises and projects beside the plan",
    },
    "own_caption": {
        "zh": "上传企业或项目名单（CSV、Excel、GeoJSON、GeoPackage、Shapefile 压缩包），按坐标或地址落到县，"
        "对应到规划领域，与规划项目逐县对照。数据只在本次会话中，不保存，其他人看不到。",
        "en": "Upload a list of enterprises or projects (CSV, Excel, GeoJSON, GeoPackage, zipped shapefile): each "
        "row is placed in its county by its coordinates or address, given a sector of the plan, and compared "
        "county by county with the plan's items. The data stays in this session only: never stored, never "
        "visible to anyone else.",
    },
    "own_upload": {"zh": "上传文件", "en": "Upload a file"},
    "own_read_error": {"zh": "无法读取：{error}", "en": "Cannot read it: {error}"},
    "own_read_ok": {
        "zh": "已读取 {name}：{rows} 行，{columns} 列{encoding}。",
        "en": "Read {name}: {rows} rows, {columns} columns{encoding}.",
    },
    "own_columns": {
        "zh": "列的含义（已自动识别，请确认）",
        "en": "What the columns hold (guessed: please confirm)",
    },
    "own_role_lon": {"zh": "经度列", "en": "Longitude column"},
    "own_role_lat": {"zh": "纬度列", "en": "Latitude column"},
    "own_role_name": {"zh": "名称列", "en": "Name column"},
    "own_role_address": {"zh": "地址列", "en": "Address column"},
    "own_role_industry": {"zh": "行业列", "en": "Industry column"},
    "own_none": {"zh": "（无）", "en": "(none)"},
    "own_system": {"zh": "坐标系", "en": "Coordinate system"},
    "own_swap": {"zh": "交换经纬度", "en": "Swap longitude and latitude"},
    "own_sector_map": {
        "zh": "行业 → 规划领域（可修改；留空为不对应）",
        "en": "Industry → sector of the plan (edit; leave empty for none)",
    },
    "own_col_value": {"zh": "行业值", "en": "Industry value"},
    "own_col_rows": {"zh": "行数", "en": "Rows"},
    "own_col_sector": {"zh": "规划领域", "en": "Sector"},
    "own_joining": {"zh": "正在落图与对照…", "en": "Placing and joining…"},
    "own_step": {"zh": "{step}…", "en": "{step}…"},
    "own_step_coordinates": {"zh": "按坐标与地址定位", "en": "Placing by coordinates and addresses"},
    "own_step_names and zones": {"zh": "县名与区域板块", "en": "County names and zones"},
    "own_step_sectors": {"zh": "对应领域", "en": "Sectors"},
    "own_step_checks": {"zh": "检查坐标", "en": "Checking the coordinates"},
    "own_step_done": {"zh": "完成", "en": "Done"},
    "own_problem": {"zh": "这些设置无法连接：{error}", "en": "These settings cannot be joined: {error}"},
    "own_filter_sectors": {
        "zh": "只看这些领域（我的数据与规划项目）",
        "en": "Only these sectors (my data and the plan's items)",
    },
    "own_all_sectors": {"zh": "全部领域", "en": "All sectors"},
    "own_compare": {"zh": "逐县对照", "en": "County by county"},
    "own_compare_caption": {
        "zh": "规划项目数：规划在该县有县级地点的项目（所选领域）；我的数据：落在该县的行。",
        "en": "Plan items: items with a county-level place in the county (chosen sectors); my data: rows placed in the county.",
    },
    "own_col_prefecture": {"zh": "地级市", "en": "Prefecture"},
    "own_col_county": {"zh": "县（市、区）", "en": "County"},
    "own_col_plan": {"zh": "规划项目数", "en": "Plan items"},
    "own_col_own": {"zh": "我的数据（行）", "en": "My rows"},
    "own_unplaced": {"zh": "未定位的行（{count}）", "en": "Rows not placed ({count})"},
    "own_download": {"zh": "下载连接后的数据", "en": "Download the joined rows"},
    "own_download_file": {"zh": "下载文件", "en": "Download the file"},
    "own_download_counts": {"zh": "下载逐县对照（CSV）", "en": "Download the county table (CSV)"},
    "own_format": {"zh": "格式", "en": "Format"},
    "own_format_xlsx": {"zh": "Excel 表格（XLSX）", "en": "Excel workbook (XLSX)"},
    "own_crs": {"zh": "坐标系", "en": "Coordinate system"},
    "own_clear": {"zh": "清除我的数据", "en": "Clear my data"},
    "own_in_use": {
        "zh": "正在使用 {name}（{rows} 行）。上传新文件即替换；离开本会话即清除。",
        "en": "Using {name} ({rows} rows). Upload another file to replace it; it is gone when the session ends.",
    },
    "own_field_address": {"zh": "地址", "en": "Address"},
    "own_field_industry": {"zh": "行业", "en": "Industry"},
    "own_field_place": {"zh": "所在地", "en": "Place"},
    "own_field_placed_by": {"zh": "定位依据", "en": "Placed by"},
    "own_field_evidence": {"zh": "地址中找到", "en": "Found in the address"},
    "own_field_row": {"zh": "文件行号", "en": "Row in the file"},
    "own_placed_coordinates": {"zh": "坐标", "en": "Coordinates"},
    "own_placed_address": {"zh": "地址（县或市级）", "en": "Address (county or prefecture)"},
    "own_placed_none": {"zh": "未定位", "en": "Not placed"},
    "own_no_sector": {"zh": "未对应", "en": "None"},
    "own_row_title": {"zh": "第 {row} 行", "en": "Row {row}"},
    "own_choropleth": {"zh": "我的数据：各县行数（分级设色）", "en": "My data: rows per county (choropleth)"},
    "own_choropleth_tip": {"zh": "{name}：{count} 行", "en": "{name}: {count} rows"},
    "own_profile": {"zh": "我的数据在此地：{count} 行", "en": "My data here: {count} rows"},
}
