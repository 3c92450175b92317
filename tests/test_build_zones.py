"""geodata/zones.toml: the committed zones load; bad entries and wrong members are named."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from cluster_map.build.zones import load_zones, zone_frame
from cluster_map.core.errors import DataError
from cluster_map.core.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()
ZONE = """
[[zone]]
id = "zhangcheng"
name_zh = "张承"
name_en = "Zhangjiakou-Chengde"
kind = "development_zone"
member_level = "prefecture"
members = ["130700", "130800"]
member_names_zh = ["张家口市", "承德市"]
source_doc = "sei"
source_section = "三（二）"
quote = "4.张承绿色生态产业示范区。张家口、承德两市依托区域资源和生态优势"
"""


def write(tmp_path, text):
    path = tmp_path / "zones.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_committed_zones_load_in_order():
    zones = load_zones(taxonomy=TAXONOMY)
    assert [z.zone_id for z in zones] == ["xiongan", "shibaolang", "coastal", "jinan", "zhangcheng"]
    xiongan = zones[0]
    assert xiongan.member_level == "county" and xiongan.approximation.startswith("Approximation")
    assert all(not z.approximation for z in zones[1:])


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('kind = "development_zone"', 'kind = "zone"', r"#1 \(zhangcheng\): kind 'zone' is not in taxonomy"),
        ('"130800"]', '"1308"]', r"member '1308' is not a six-digit adcode"),
        ('["张家口市", "承德市"]', '["张家口市"]', r"member_names_zh \['张家口市'\] does not give one name"),
        ('member_level = "prefecture"', 'member_level = "city"', r"member_level 'city' is not one of"),
        ('source_doc = "sei"', 'source_doc = "plan"', r"source_doc 'plan' is not in taxonomy.toml"),
        ("两市依托", "两市依靠", r"quote '4.张承.*' is not in sei; copy the passage verbatim"),
        ('name_zh = "张承"', 'name_zh = "张承区"', r"does not contain the zone's name '张承区'"),
        ('id = "zhangcheng"', 'id = "Zhang Cheng"', r"id 'Zhang Cheng' is not lower-case"),
        ('name_en = "Zhangjiakou-Chengde"', 'name_en = ""', r"give name_en as non-empty text"),
        (
            'source_section = "三（二）"',
            'section = "三（二）"',
            r"give source_section .*keys \['section'\] are not",
        ),
        ("", "", None),
    ],
)
def test_a_bad_entry_is_quoted(tmp_path, old, new, message):
    path = write(tmp_path, ZONE.replace(old, new) if old else ZONE)
    if message is None:
        assert load_zones(path, taxonomy=TAXONOMY)[0].members == ("130700", "130800")
        return
    with pytest.raises(DataError, match=message):
        load_zones(path, taxonomy=TAXONOMY)


def test_every_problem_is_listed(tmp_path):
    path = write(tmp_path, ZONE + ZONE.replace('kind = "development_zone"', 'kind = "x"'))
    with pytest.raises(DataError, match=r"#2 \(zhangcheng\): kind 'x'.*; \[\[zone\]\] #2 \(zhangcheng\): id"):
        load_zones(path, taxonomy=TAXONOMY)
    with pytest.raises(DataError, match="no \\[\\[zone\\]\\] tables"):
        load_zones(write(tmp_path, "# nothing\n"), taxonomy=TAXONOMY)


def _layers():
    square = shapely.box(0, 0, 1, 1)
    prefectures = gpd.GeoDataFrame(
        {
            "adcode": ["130700", "130800"],
            "name_zh": ["张家口市", "承德市"],
            "geometry": [square, shapely.box(1, 0, 2, 1)],
        },
        crs="EPSG:4326",
    )
    counties = prefectures.iloc[:0]
    return prefectures, counties


def test_zone_frame_unites_the_members_and_checks_their_names(tmp_path):
    zones = load_zones(write(tmp_path, ZONE), taxonomy=TAXONOMY)
    prefectures, counties = _layers()
    frame = zone_frame(zones, prefectures=prefectures, counties=counties, parent_adcode="130000")
    row = frame.iloc[0]
    assert (row["adcode"], row["member_adcodes"], row["member_names_zh"]) == (
        "zhangcheng",
        "130700;130800",
        "张家口市、承德市",
    )
    assert row["geometry"].area == pytest.approx(2.0) and not row["approximation"]
    renamed = prefectures.assign(name_zh=["张家口市", "承德县"])
    with pytest.raises(
        DataError, match=r"gives member_names_zh \['张家口市', '承德市'\].*\['张家口市', '承德县'\]"
    ):
        zone_frame(zones, prefectures=renamed, counties=counties, parent_adcode="130000")
    with pytest.raises(DataError, match=r"members \['130800'\] that are not in the prefecture boundaries"):
        zone_frame(zones, prefectures=prefectures.iloc[:1], counties=counties, parent_adcode="130000")
