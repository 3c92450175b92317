"""Placing rows by address text: never finer than a county, the evidence kept, the rest explained."""

from __future__ import annotations

import pandas as pd
import pytest

from cluster_map.own.addresses import AddressGazetteer


@pytest.mark.parametrize(
    ("address", "level", "county", "prefecture"),
    [
        ("河北省石家庄市正定县新城大道1号", "county", "130123", "130100"),
        ("石家庄市长安区唐山路88号", "county", "130102", "130100"),  # 唐山路 is a street
        ("石家庄鹿泉区上庄镇", "county", "130110", "130100"),
        ("张家口市桥西区", "county", "130703", "130700"),
        ("廊坊市三河市燕郊镇", "county", "131082", "131000"),
        ("燕郊开发区", "county", "131082", "131000"),  # an alias of the gazetteer
        ("承德县下板城镇", "county", "130821", "130800"),
        ("承德市双桥区", "county", "130802", "130800"),
        ("雄安新区容东片区", "prefecture", "", "130600"),  # three counties: no finer than 保定市
        ("河北省保定市", "prefecture", "", "130600"),
        ("桥西区胜利街", "", "", ""),  # 石家庄, 张家口 and 邢台 have a 桥西区
        ("北京市朝阳区", "", "", ""),
        ("某某大街1号", "", "", ""),
        ("", "", "", ""),
    ],
)
def test_place(gazetteer: AddressGazetteer, address: str, level: str, county: str, prefecture: str) -> None:
    place = gazetteer.place(address)
    assert (place.level, place.county_code, place.prefecture_code) == (level, county, prefecture)
    assert place.evidence  # the names found, or why not


def test_place_all_keeps_the_index_and_explains_misses(gazetteer: AddressGazetteer) -> None:
    placed = gazetteer.place_all(pd.Series(["唐山市路南区", "北京市海淀区"], index=[5, 9]))
    assert placed.index.tolist() == [5, 9]
    assert placed.loc[5, "county_code"] == "130202" and placed.loc[5, "evidence"] == "唐山市路南"
    assert placed.loc[9, "evidence"] == "outside Hebei (北京)"
