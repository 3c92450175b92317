"""The plan items and boundaries the export tests share: made by code, small, hostile where it matters.

Six items, one row per item and place (``item_tables`` turns them into items, places, mentions):
placed, multi-prefecture, without a place, 雄安 (three counties), long text, and t-6 with two places
(a MultiPoint). t-1 has a second mention (another plan, two spans). :func:`export_rows` gives the
app's item-place rows; :func:`write_export_items` writes them as an items folder for the CLI;
:func:`tiny_boundaries` stands in for the committed boundary layers.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from item_tables import plan_items_from_rows

from cluster_map.core.items import PlanItems, item_rows
from cluster_map.core.taxonomy import load_taxonomy
from cluster_map.export import BOUNDARY_LAYERS

LONG_SENTENCE = "建设氢能装备制造基地，" * 30  # 300 characters, 900 bytes: over the DBF limit
LONG_NOTE = "曹妃甸区的“钢铁”与<港口>&装备，" * 20
SECOND_SENTENCE = "支持长安区氢能<重点>&项目与创新平台协同发展。"
# fmt: off
ROWS = [
    # id, kind, name_zh, sector, level, place_zh, pref code, pref zh, county code, county zh,
    # precision, evidence, doc, section, start, sentence, lon, lat, note
    ("t-1", "key_project", "长安区氢能<重点>&项目", "新能源", "国家级", "长安区", "130100", "石家庄市", "130102",
     "长安区", "county", "admin_division", "sei", "专栏7", 100, LONG_SENTENCE, "114.539", "38.036",
     'quote "x", comma, newline\nsecond line'),
    ("t-2", "development_zone", "沿海率先发展区", "综合", "", "沿海", "130200;130300;130900",
     "唐山市;秦皇岛市;沧州市", "", "", "multi_prefecture", "alias", "sei", "三（二）", 200, "打造沿海率先发展区。",
     "118.5", "39.4", ""),
    ("t-3", "platform", "生物医药创新平台", "生物", "", "", "", "", "", "", "province", "none", "sti", "四（一）", 300,
     "建设一批生物医药创新平台。", "", "", ""),
    ("t-4", "platform", "雄安超算云中心", "新一代信息技术", "省级", "雄安新区", "130600", "保定市",
     "130638;130629;130632", "雄县;容城县;安新县", "county", "alias", "sti", "三（一）", 400, "雄安超算云中心。",
     "115.95", "38.95", "雄安新区 is drawn as 雄县+容城县+安新县 (approximation)"),
    ("t-5", "industrial_base", "曹妃甸高端装备基地", "高端装备", "", "曹妃甸", "130200", "唐山市", "130209",
     "曹妃甸区", "county", "alias", "sei", "专栏3", 500, "曹妃甸高端装备基地。", "118.46", "39.27", LONG_NOTE),
    ("t-6", "industrial_base", "香河、故城机器人产业基地", "高端装备", "", "香河", "131000", "廊坊市", "131024",
     "香河县", "county", "admin_division", "sei", "二（一）", 600, "廊坊香河、衡水故城等机器人产业基地。",
     "117.006", "39.761", ""),
    ("t-6", "industrial_base", "香河、故城机器人产业基地", "高端装备", "", "故城", "131100", "衡水市", "131126",
     "故城县", "county", "admin_division", "sei", "二（一）", 600, "廊坊香河、衡水故城等机器人产业基地。",
     "115.966", "37.347", ""),
]
# fmt: on
#: The item with two places, its points (WGS 84) in place order.
TWO_PLACES = ("t-6", [(117.006, 39.761), (115.966, 37.347)])
ITEM_COUNT = 6
MENTION_COUNT = 7  # one each, and a second for t-1


def export_rows_table() -> pd.DataFrame:
    """The flat rows (one per item and place) of the six test items, as text."""
    return pd.DataFrame(
        [
            {
                "id": r[0],
                "kind": r[1],
                "name_zh": r[2],
                "name_en": f"English name of {r[0]}",
                "sector": r[3],
                "subsector": "氢能" if r[0] == "t-1" else "",
                "level": r[4],
                "place_zh": r[5],
                "prefecture_code": r[6],
                "prefecture_zh": r[7],
                "county_code": r[8],
                "county_zh": r[9],
                "precision": r[10],
                "evidence": r[11],
                "source_doc": r[12],
                "source_section": r[13],
                "source_start": r[14],
                "source_end": r[14] + len(r[2]),
                "source_sentence": r[15],
                "lon": r[16],
                "lat": r[17],
                "note_en": r[18],
            }
            for r in ROWS
        ]
    )


def export_plan() -> PlanItems:
    """The three tables (as text) of the test items, t-1 with a second mention."""
    plan = plan_items_from_rows(export_rows_table())
    second = {
        "item_id": "t-1",
        "mention_no": "2",
        "doc": "sti",
        "section": "专栏2",
        "spans": "2-4;8-12",
        "text": "长安区氢能<重点>&项目",
        "sentence": SECOND_SENTENCE,
    }
    mentions = pd.concat([plan.mentions, pd.DataFrame([second])], ignore_index=True)
    items = plan.items.copy()
    items.loc[items["id"] == "t-1", ["mention_count", "docs", "sections"]] = ["2", "sei;sti", "专栏7;专栏2"]
    return PlanItems(items=items, places=plan.places, mentions=mentions.sort_values("item_id", kind="stable"))


def export_rows() -> gpd.GeoDataFrame:
    """The app's item-place rows of the test items (:func:`cluster_map.core.items.item_rows`)."""
    plan = export_plan()
    return item_rows(PlanItems(*(table.astype(str) for table in (plan.items, plan.places, plan.mentions))))


def write_export_items(folder: Path) -> Path:
    """The test items as an items folder (items.csv, places.csv, mentions.csv), for the CLI."""
    folder.mkdir(parents=True, exist_ok=True)
    plan = export_plan()
    for stem in ("items", "places", "mentions"):
        getattr(plan, stem).to_csv(folder / f"{stem}.csv", index=False, encoding="utf-8")
    return folder


def square(x: float, y: float) -> shapely.Polygon:
    """A half-degree square with its south-west corner at ``x``, ``y``."""
    return shapely.Polygon([(x, y), (x + 0.5, y), (x + 0.5, y + 0.5), (x, y + 0.5)])


def tiny_boundaries(layer: str, *, weight: str = "full") -> gpd.GeoDataFrame:
    """Stand-ins for the committed boundary layers, so most tests need not read 6 MB."""
    base = {
        "adcode": ["130100", "130200"],
        "name_zh": ["石家庄市", "唐山市"],
        "name_en": ["Shijiazhuang", "Tangshan"],
        "level": [layer, layer],
        "parent_adcode": ["130000", "130000"],
        "note": ["", "说明" * 100],
    }
    if layer == "zone":
        base.update(
            kind=["development_zone"] * 2, member_adcodes=["130100", "130200"], approximation=[True, False]
        )
    return gpd.GeoDataFrame(base, geometry=[square(114.3, 37.8), square(118.2, 39.2)], crs="EPSG:4326")


def small_inputs() -> dict[str, object]:
    """What export is given besides the rows: tiny boundary layers and the committed taxonomy."""
    return {
        "boundaries": {layer: tiny_boundaries(layer) for layer in BOUNDARY_LAYERS},
        "taxonomy": load_taxonomy(),
    }


#: The name the validation tests (tests/test_export_validation.py) know the flat rows by.
export_records_table = export_rows_table
