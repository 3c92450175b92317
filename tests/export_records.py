"""The records and boundaries the export tests share: made by code, small, and hostile where it matters.

Write the records with :func:`map_records.write_records_csv` (``write_records_csv(path,
export_records_table())``); :func:`tiny_boundaries` stands in for the committed boundary layers.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from cluster_map.core.records import COLUMNS
from cluster_map.core.taxonomy import load_taxonomy
from cluster_map.export import BOUNDARY_LAYERS

LONG_SENTENCE = "建设氢能装备制造基地，" * 30  # 300 characters, 900 bytes: over the DBF limit
LONG_NOTE = "曹妃甸区的“钢铁”与<港口>&装备，" * 20
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
]
# fmt: on


def export_records_table() -> pd.DataFrame:
    """Five records of the real schema, as text: placed, multi-prefecture, unplaced, long text, markup."""
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
                "note": r[18],
            }
            for r in ROWS
        ],
        columns=list(COLUMNS),
    )


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
    """What export is given besides the records: tiny boundary layers and the committed taxonomy."""
    return {
        "boundaries": {layer: tiny_boundaries(layer) for layer in BOUNDARY_LAYERS},
        "taxonomy": load_taxonomy(),
    }
