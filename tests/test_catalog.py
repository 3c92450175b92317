"""The catalog of units and zones: read once from the boundary files, names looked up, zones joined."""

from __future__ import annotations

import pandas as pd
import pytest

from cluster_map.core.catalog import AdminUnit, Catalog, Zone, load_catalog
from cluster_map.core.errors import DataError


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_reads_every_unit_and_zone(catalog: Catalog) -> None:
    assert len(catalog.codes("prefecture")) == 11 and len(catalog.codes("county")) == 167
    assert catalog.zone_ids() == ("xiongan", "shibaolang", "coastal", "jinan", "zhangcheng")
    prefectures = set(catalog.codes("prefecture"))
    assert all(catalog.unit(code).parent in prefectures for code in catalog.codes("county"))
    assert set(catalog.bounds) == {u.code for u in catalog.units} | set(catalog.zone_ids())


def test_zones_say_their_members_and_approximation(catalog: Catalog) -> None:
    xiongan, coastal = catalog.zone("xiongan"), catalog.zone("coastal")
    assert (xiongan.member_level, xiongan.members, xiongan.approximation) == (
        "county",
        ("130638", "130629", "130632"),
        True,
    )
    assert (coastal.member_level, coastal.approximation, coastal.name("en")) == (
        "prefecture",
        False,
        "Coastal (Qinhuangdao-Tangshan-Cangzhou)",
    )


@pytest.mark.parametrize(
    ("kind", "value", "code"),
    [
        ("prefecture", "130200", "130200"),
        ("prefecture", "唐山", "130200"),
        ("prefecture", "唐山市", "130200"),
        ("prefecture", "130203", None),  # a county is not a prefecture
        ("zone", "雄安新区", "xiongan"),
        ("zone", "石保廊", "shibaolang"),
        ("zone", "mars", None),
        ("county", "唐山路北区", "130203"),
        ("county", "路北", "130203"),
        ("county", "桥西区", None),  # 石家庄 and 张家口 both have one
        ("county", "130200", None),
    ],
)
def test_find(catalog: Catalog, kind: str, value: str, code: str | None) -> None:
    assert catalog.find(kind, value) == code


CATALOG = Catalog(
    zones=(
        Zone("xiongan", "雄安新区", "Xiong'an", "county", ("130638", "130629", "130632"), approximation=True),
        Zone("coastal", "沿海", "Coastal", "prefecture", ("130300", "130200", "130900")),
        Zone("shibaolang", "石保廊", "Shi-Bao-Lang", "prefecture", ("130100", "130600", "131000")),
    )
)


@pytest.mark.parametrize(
    ("prefectures", "counties", "touched", "named"),
    [
        ("130200", "130209", {"coastal"}, ""),
        ("130600", "130638;130629;130632", {"xiongan", "shibaolang"}, "xiongan"),
        ("130600", "130629", {"xiongan", "shibaolang"}, ""),
        ("130100;130600;131000", "", {"shibaolang"}, "shibaolang"),
        ("131000;130600;130100", "", {"shibaolang"}, "shibaolang"),  # members in any order
        ("130100;130600", "", {"shibaolang"}, ""),  # part of a zone is not the zone
        ("", "", set(), ""),
    ],
)
def test_zone_membership(prefectures: str, counties: str, touched: set[str], named: str) -> None:
    assert CATALOG.zones_touched(prefectures, counties) == touched
    assert CATALOG.zone_named(prefectures, counties) == named
    records = pd.DataFrame(
        {"prefecture_code": [prefectures] * 2, "county_code": [counties] * 2}, index=[5, 9]
    )
    assert list(CATALOG.record_zones(records)) == [touched, touched]
    assert list(CATALOG.zone_of_records(records).items()) == [(5, named), (9, named)]


def test_units_are_named_in_either_language() -> None:
    catalog = Catalog(
        units=(
            AdminUnit("130200", "唐山市", "Tangshan", "prefecture", "130000"),
            AdminUnit("130203", "路北区", "Lubei District", "county", "130200"),
        )
    )
    assert catalog.unit_names("en") == {"130200": "Tangshan", "130203": "Lubei District"}
    assert catalog.codes("county") == ("130203",) and catalog.bounds == {}


def test_missing_attributes_are_all_named() -> None:
    units = pd.DataFrame({"adcode": ["130100"], "name_zh": ["石家庄市"]})
    with pytest.raises(DataError) as caught:
        Catalog.from_frames(prefectures=units, counties=units, zones=pd.DataFrame({"adcode": []}))
    message = str(caught.value)
    assert "prefecture layer has no column 'name_en'" in message
    assert "zone layer has no column 'member_adcodes'" in message
    assert "build-boundaries" in message
