"""Filters: spec <-> URL query, unknown values reported, and the subset kept."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from cluster_map.core.catalog import AdminUnit, Catalog, Zone
from cluster_map.core.errors import FilterError, UsageError
from cluster_map.core.filters import (
    FilterChoices,
    FilterSpec,
    apply_filters,
    filter_mask,
    spec_from_query,
    spec_to_query,
)


def _records() -> gpd.GeoDataFrame:
    rows = [
        # id, kind, name_zh, name_en, sector, subsector, level, place, pref codes, county codes, doc
        (
            "sei-1",
            "key_project",
            "氢能项目",
            "Hydrogen project",
            "新能源",
            "氢能",
            "",
            "张家口",
            "130700",
            "",
            "sei",
        ),
        (
            "sei-2",
            "industrial_base",
            "机器人基地",
            "Robot base",
            "高端装备",
            "机器人",
            "国家级",
            "唐山",
            "130200",
            "",
            "sei",
        ),
        (
            "sei-3",
            "key_project",
            "雄安项目",
            "Xiong'an project",
            "新能源",
            "储能",
            "",
            "雄安新区",
            "130600",
            "130638;130629;130632",
            "sei",
        ),
        ("sti-1", "platform", "保定实验室", "Baoding lab", "综合", "", "", "保定", "130600", "", "sti"),
        ("sti-2", "platform", "无处平台", "Nowhere platform", "综合", "", "", "", "", "", "sti"),
    ]
    columns = [
        "id",
        "kind",
        "name_zh",
        "name_en",
        "sector",
        "subsector",
        "level",
        "place_zh",
        "prefecture_code",
        "county_code",
        "source_doc",
    ]
    frame = pd.DataFrame(rows, columns=columns).assign(county_zh="", prefecture_zh="", source_sentence="")
    frame.loc[frame["id"] == "sti-1", "source_sentence"] = "支持保定建设氢燃料电池实验室。"
    geometry = [shapely.Point(115, 39)] * 4 + [None]
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


CHOICES = FilterChoices(
    values={
        "sectors": ("新能源", "高端装备", "综合"),
        "subsectors": ("储能", "机器人", "氢能"),
        "kinds": ("industrial_base", "key_project", "platform"),
        "levels": ("国家级", "省级"),
        "source_docs": ("sei", "sti"),
    },
    catalog=Catalog(
        units=(
            AdminUnit("130200", "唐山市", "Tangshan", "prefecture"),
            AdminUnit("130600", "保定市", "Baoding", "prefecture"),
            AdminUnit("130700", "张家口市", "Zhangjiakou", "prefecture"),
        ),
        zones=(
            Zone("xiongan", "雄安新区", "Xiong'an", "county", ("130638", "130629", "130632")),
            Zone("zhangcheng", "张承", "Zhangjiakou-Chengde", "prefecture", ("130700", "130800")),
        ),
    ),
)


@pytest.mark.parametrize(
    "spec, ids",
    [
        (FilterSpec(), ["sei-1", "sei-2", "sei-3", "sti-1", "sti-2"]),
        (FilterSpec(sectors=("新能源",)), ["sei-1", "sei-3"]),
        (FilterSpec(sectors=("新能源",), kinds=("key_project",), subsectors=("氢能",)), ["sei-1"]),
        (FilterSpec(levels=("国家级",)), ["sei-2"]),
        (FilterSpec(prefectures=("130600",)), ["sei-3", "sti-1"]),
        (FilterSpec(zones=("xiongan",)), ["sei-3"]),
        (FilterSpec(zones=("zhangcheng",)), ["sei-1"]),
        (FilterSpec(source_docs=("sti",)), ["sti-1", "sti-2"]),
        (FilterSpec(search="robot"), ["sei-2"]),
        (FilterSpec(search="雄安"), ["sei-3"]),
        (FilterSpec(kinds=("platform",), search="无处"), ["sti-2"]),
        (FilterSpec(search="燃料电池"), ["sti-1"]),  # in the quoted passage only
        (FilterSpec(counties=("130629",)), ["sei-3"]),
        (FilterSpec(counties=("130629",), prefectures=("130200",)), []),
        (FilterSpec(counties=("130629",), sectors=("新能源",), prefectures=("130600",)), ["sei-3"]),
    ],
)
def test_apply_filters(spec, ids):
    records = _records()
    assert list(apply_filters(records, spec, choices=CHOICES)["id"]) == ids
    mask = filter_mask(records, spec, choices=CHOICES)  # the same rows, without a copy
    assert list(mask.index) == list(records.index) and list(records.loc[mask, "id"]) == ids


def test_query_round_trip():
    spec = FilterSpec(sectors=("新能源",), kinds=("key_project", "platform"), zones=("xiongan",), search="氢")
    query = spec_to_query(spec)
    assert query == {
        "sector": ["新能源"],
        "kind": ["key_project", "platform"],
        "zone": ["xiongan"],
        "q": ["氢"],
    }
    assert spec_from_query(query, choices=CHOICES) == (spec, [])


def test_names_are_accepted_for_prefectures_and_zones():
    spec, problems = spec_from_query({"prefecture": ["保定", "唐山市"], "zone": "雄安新区"}, choices=CHOICES)
    assert spec.prefectures == ("130600", "130200") and spec.zones == ("xiongan",) and problems == []


def test_unknown_values_are_reported_not_fatal():
    spec, problems = spec_from_query({"sector": "新能源,火星", "colour": "red"}, choices=CHOICES)
    assert spec == FilterSpec(sectors=("新能源",))
    assert [str(p) for p in problems] == [
        "sector='火星' is not a known value; use one of: 新能源, 高端装备, 综合",
        "unknown filter 'colour'; known filters: sector, subsector, kind, level, prefecture, county, zone, doc, q",
    ]
    assert [(p.key, p.value, p.unknown_key) for p in problems] == [
        ("sector", "火星", False),
        ("colour", "", True),
    ]


COUNTY_CHOICES = FilterChoices(
    catalog=Catalog(
        units=(
            AdminUnit("130100", "石家庄市", "Shijiazhuang", "prefecture"),
            AdminUnit("130700", "张家口市", "Zhangjiakou", "prefecture"),
            AdminUnit("130200", "唐山市", "Tangshan", "prefecture"),
            AdminUnit("130104", "桥西区", "Qiaoxi", "county", "130100"),
            AdminUnit("130703", "桥西区", "Qiaoxi", "county", "130700"),
            AdminUnit("130203", "路北区", "Lubei", "county", "130200"),
        )
    )
)


@pytest.mark.parametrize(
    ("given", "code"),
    [("130203", "130203"), ("路北区", "130203"), ("路北", "130203"), ("唐山市路北区", "130203"),
     ("唐山路北区", "130203"), ("张家口市桥西区", "130703"), ("桥西区", None), ("桥西", None),
     ("130999", None), ("", None)],
)  # fmt: skip
def test_counties_by_code_or_unambiguous_name(given: str, code: str | None) -> None:
    assert COUNTY_CHOICES.canonical("counties", given) == code


def test_strict_mode_raises_with_every_problem():
    with pytest.raises(FilterError, match=r"(?s)kind='base'.*level='市级'"):
        spec_from_query({"kind": "base", "level": "市级"}, choices=CHOICES, strict=True)


def test_is_empty():
    assert FilterSpec().is_empty() and not FilterSpec(search="x").is_empty()


def test_choices_for_records_take_the_taxonomy_vocabularies():
    from cluster_map.core.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    units = {"adcode": ["130600"], "name_zh": ["保定市"], "name_en": ["Baoding"], "parent_adcode": ["130000"]}
    zones = pd.DataFrame(
        {
            "adcode": ["xiongan"],
            "name_zh": ["雄安新区"],
            "name_en": ["Xiong'an"],
            "member_level": ["county"],
            "member_adcodes": ["130638;130629"],
            "approximation": [True],
        }
    )
    catalog = Catalog.from_frames(
        prefectures=pd.DataFrame(units), counties=pd.DataFrame(units).iloc[0:0], zones=zones
    )
    choices = FilterChoices.build(_records(), catalog=catalog, taxonomy=taxonomy)
    assert choices.allowed("sectors") == tuple(taxonomy.sectors)
    assert choices.allowed("kinds") == tuple(taxonomy.kinds)
    assert choices.allowed("subsectors") == ("储能", "机器人", "氢能")
    assert {zone.id: zone.members for zone in choices.catalog.zones} == {"xiongan": ("130638", "130629")}


def test_spec_fields_by_name_in_any_order() -> None:
    spec = FilterSpec(sectors=("新能源",), kinds=("key_project",), search="氢")
    assert spec == FilterSpec(kinds=("key_project",), sectors=("新能源",), search="氢")
    assert spec.sectors == spec.values("sectors") == ("新能源",) and spec.levels == ()
    assert FilterSpec(sectors=()) == FilterSpec() and hash(FilterSpec(sectors=())) == hash(FilterSpec())
    assert replace(spec, sectors=(), search="") == FilterSpec(kinds=("key_project",))
    assert spec.without("sectors").without("search") == FilterSpec(kinds=("key_project",))
    assert repr(spec) == "FilterSpec(kinds=('key_project',), sectors=('新能源',), search='氢')"


def test_spec_mistakes_are_loud() -> None:
    with pytest.raises(UsageError, match=r"give a tuple of values, e.g. sectors=\('新能源',\)"):
        FilterSpec(sectors="新能源")
    with pytest.raises(AttributeError, match="FilterSpec has no field 'sector'"):
        FilterSpec().sector  # noqa: B018
    with pytest.raises(UsageError, match=r"\['sector'\] that are not filters"):
        filter_mask(_records(), FilterSpec(sector=("新能源",)), choices=CHOICES)
