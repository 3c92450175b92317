"""The gazetteer: real mentions from the plans, aliases, and ambiguous or foreign names."""

from __future__ import annotations

import pandas as pd
import pytest

from cluster_map.build.gazetteer import GAZETTEER_PATH, Gazetteer, gazetteer_table
from cluster_map.core.boundaries import read_boundaries
from cluster_map.core.errors import DataError, PlaceNotFound


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_files()


@pytest.mark.parametrize(
    "text, codes, precision, evidence",
    [
        ("石家庄", ["130100"], "prefecture", "admin_division"),
        ("石家庄市", ["130100"], "prefecture", "admin_division"),
        ("承德", ["130800"], "prefecture", "admin_division"),  # the city, not 承德县
        ("承德县", ["130821"], "county", "admin_division"),
        ("正定", ["130123"], "county", "admin_division"),
        ("Zhengding", ["130123"], "county", "admin_division"),
        ("石家庄鹿泉", ["130110"], "county", "admin_division"),
        ("石家庄鹿泉区", ["130110"], "county", "admin_division"),
        ("张家口市崇礼区", ["130709"], "county", "admin_division"),
        ("廊坊香河", ["131024"], "county", "admin_division"),
        ("衡水故城", ["131126"], "county", "admin_division"),
        ("石家庄桥西区", ["130104"], "county", "admin_division"),
        ("辛集", ["130181"], "county", "admin_division"),
        ("定州", ["130682"], "county", "admin_division"),
        ("峰峰", ["130406"], "county", "admin_division"),
        ("围场", ["130828"], "county", "admin_division"),
        ("张北", ["130722"], "county", "admin_division"),
        ("张北地区", ["130700"], "prefecture", "alias"),
        ("燕郊", ["131082"], "county", "alias"),
        ("曹妃甸", ["130209"], "county", "alias"),
        ("渤海新区", ["130900"], "prefecture", "alias"),
        ("雄安新区", ["130638", "130629", "130632"], "county", "alias"),
        ("临空经济区", ["131003", "131022", "131023"], "county", "alias"),
        ("北戴河新区", ["130306", "130322"], "county", "alias"),
        ("石家庄、保定、廊坊", ["130100", "130600", "131000"], "multi_prefecture", "admin_division"),
        ("张家口、承德", ["130700", "130800"], "multi_prefecture", "admin_division"),
    ],
)
def test_resolves_real_mentions(gazetteer, text, codes, precision, evidence):
    place = gazetteer.resolve(text)
    assert [u.adcode for u in place.units] == codes
    assert place.precision == precision
    assert place.evidence == evidence
    if evidence == "alias":
        assert place.basis


@pytest.mark.parametrize(
    "text, message",
    [
        ("桥西区", "ambiguous: 石家庄市桥西区, 张家口市桥西区"),
        ("新华区", "ambiguous: 石家庄市新华区, 沧州市新华区"),
        ("河北区", "not a Hebei prefecture"),  # a district of Tianjin
        ("邢台桥西区", "not a Hebei prefecture"),  # renamed 信都区 in 2020
        ("雄", "not a Hebei prefecture"),  # one-character short names are not indexed
        ("", "empty place"),
    ],
)
def test_refuses_ambiguous_and_unknown_names(gazetteer, text, message):
    with pytest.raises(PlaceNotFound, match=message):
        gazetteer.resolve(text)


def test_committed_gazetteer_equals_the_boundaries():
    fresh = gazetteer_table(read_boundaries("prefecture"), read_boundaries("county"))
    committed = pd.read_csv(GAZETTEER_PATH, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(committed, fresh.astype(str))


def test_every_alias_has_a_basis_and_resolvable_targets(gazetteer):
    aliases = pd.read_csv(GAZETTEER_PATH.parent / "aliases.csv", dtype=str, keep_default_na=False)
    assert aliases["basis"].str.len().min() > 10
    assert set(gazetteer.aliases) == set(aliases["alias"])


def test_an_alias_with_a_bad_target_is_reported():
    table = pd.read_csv(GAZETTEER_PATH, dtype=str, keep_default_na=False)
    aliases = pd.DataFrame({"alias": ["某新区"], "target": ["天津市河北区"], "basis": ["made up"]})
    with pytest.raises(DataError, match="某新区"):
        Gazetteer(table, aliases)
