"""A tiny records table made by code, for the map and app tests (one record per case they check)."""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
from item_tables import rows_frame, write_items_folder

from cluster_map.web.boundary_files import write_boundary_files
from cluster_map.web.context import MapContext, load_map_context
from cluster_map.web.leaflet import read_args

HOSTILE = "<img src=x onerror=alert(1)>"

_ROWS = [
    # id, kind, name_zh, name_en, sector, level, prefecture code and name, county code and name,
    # precision, evidence, doc, section, lon, lat
    (
        "t-1",
        "key_project",
        "曹妃甸氢能项目",
        "Caofeidian hydrogen project",
        "新能源",
        "",
        "130200",
        "唐山市",
        "130209",
        "曹妃甸区",
        "county",
        "alias",
        "sei",
        "专栏7",
        118.44,
        39.17,
    ),
    (
        "t-2",
        "industrial_base",
        "石家庄装备基地",
        "Shijiazhuang equipment base",
        "高端装备",
        "",
        "130100",
        "石家庄市",
        "",
        "",
        "prefecture",
        "admin_division",
        "sei",
        "专栏2",
        114.51,
        38.04,
    ),
    (
        "t-3",
        "demonstration_base",
        "安国中药示范基地",
        "Anguo medicine base",
        "生物",
        "国家级",
        "130600",
        "保定市",
        "130683",
        "安国市",
        "county",
        "admin_division",
        "sei",
        "一（一）",
        115.33,
        38.42,
    ),
    (
        "t-4",
        "leading_area",
        "雄安引领区",
        "Xiong'an leading area",
        "综合",
        "",
        "130600",
        "保定市",
        "130638;130629;130632",
        "雄县;容城县;安新县",
        "county",
        "alias",
        "sei",
        "三（一）",
        115.94,
        38.94,
    ),
    (
        "t-5",
        "development_zone",
        "石保廊发展区",
        "Shi-Bao-Lang zone",
        "综合",
        "",
        "130100;130600;131000",
        "石家庄市;保定市;廊坊市",
        "",
        "",
        "multi_prefecture",
        "admin_division",
        "sei",
        "三（二）",
        114.83,
        38.69,
    ),
    (
        "t-6",
        "platform",
        "无地点平台",
        "Platform without a place",
        "新一代信息技术",
        "",
        "",
        "",
        "",
        "",
        "province",
        "none",
        "sei",
        "专栏1",
        None,
        None,
    ),
    (
        "t-7",
        "key_project",
        HOSTILE,
        HOSTILE,
        "新能源",
        "",
        "130200",
        "唐山市",
        "",
        "",
        "prefecture",
        "admin_division",
        "sei",
        "专栏7",
        118.18,
        39.63,
    ),
    (
        "t-8",
        "platform",
        "邯郸新材料平台",
        "Handan materials platform",
        "新材料",
        "省级",
        "130400",
        "邯郸市",
        "130402",
        "邯山区",
        "county",
        "admin_division",
        "sti",
        "专栏3",
        114.48,
        36.58,
    ),
]
KEYS = (
    "id",
    "kind",
    "name_zh",
    "name_en",
    "sector",
    "level",
    "prefecture_code",
    "prefecture_zh",
    "county_code",
    "county_zh",
    "precision",
    "evidence",
    "source_doc",
    "source_section",
    "lon",
    "lat",
)


def records_table() -> pd.DataFrame:
    """The test rows as a flat table (one row per item and place; see ``item_tables``)."""
    rows = []
    for values in _ROWS:
        row = dict(zip(KEYS, values, strict=True))
        row["place_zh"] = (row["county_zh"] or row["prefecture_zh"]).replace(";", "、")
        row["source_sentence"] = f"规划原文句子，提到{row['name_zh']}。"
        row["source_start"], row["source_end"] = 10, 20
        rows.append(row)
    return pd.DataFrame(rows)


def records_frame() -> gpd.GeoDataFrame:
    """The test items' rows as :func:`cluster_map.core.items.read_item_rows` would return them."""
    return rows_frame(records_table())


def write_records_csv(folder: Path, records: pd.DataFrame | None = None) -> Path:
    """The test rows (or ``records``, flat rows) as an items folder (items, places, mentions).

    The one writer of the tests' plan items: ``records_table()`` here, or
    ``export_records.export_records_table()``.
    """
    return write_items_folder(folder, records_table() if records is None else records)


def make_map_context(static: Path) -> MapContext:
    """The map context over a fresh static folder."""
    return load_map_context(write_boundary_files(static), static_dir=static)


def view_state(script: str) -> dict:
    """The marker map's view in a rendered map or component (the argument of ``ClusterMap.markerView``)."""
    names = re.findall(r"ClusterMap\.markerView\(\s*\w+?,\s*\.\.\.(\w+?)_args\s*\)", script)
    if len(names) != 1:
        raise AssertionError(f"expected one markerView call in the script, found {len(names)}")
    return read_args(script)[names[0]][0]


def drawn_record_ids(script: str) -> list[str]:
    """The ids of the records a rendered map draws: each marker's, and those each zone or area names."""
    ids = [f["properties"]["rid"] for f in point_features(script)]
    for args in view_state(script)["layers"].values():
        if len(args) == 3:  # [url, items, options]: zones and areas name their records
            ids += [rid for item in args[1].values() for rid in item.get("records", [])]
    return sorted(ids)


def point_features(script: str) -> list[dict]:
    """The point features of every point layer of a rendered map's view."""
    return [
        f
        for args in view_state(script)["layers"].values()
        if args and isinstance(args[0], dict) and "features" in args[0]
        for f in args[0]["features"]
    ]
