"""The join: each coordinate system shifted and recovered, addresses, checks, zones, nothing lost."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from own_files import own_rows

from cluster_map.own.addresses import AddressGazetteer
from cluster_map.own.columns import ColumnRoles, detect_columns
from cluster_map.own.join import ADDED_COLUMNS, JoinOptions, JoinResult, join_own
from cluster_map.own.read import OwnTable, read_own_bytes
from cluster_map.own.units import UnitIndex

ROLES = ColumnRoles("经度", "纬度", "企业名称", "注册地址", "所属行业")


def _table(frame: pd.DataFrame, encoding: str = "utf-8") -> OwnTable:
    return read_own_bytes(frame.to_csv(index=False).encode(encoding), name="list.csv")


def _join(
    frame: pd.DataFrame, units: UnitIndex, gazetteer: AddressGazetteer, **options: object
) -> JoinResult:
    table = _table(frame)
    return join_own(
        table,
        JoinOptions(detect_columns(list(table.frame.columns)), **options),
        units=units,
        gazetteer=gazetteer,
    )  # type: ignore[arg-type]


@pytest.mark.parametrize("system", ["wgs84", "cgcs2000", "gcj02", "bd09"])
def test_each_system_lands_in_the_right_counties(
    system: str, units: UnitIndex, gazetteer: AddressGazetteer
) -> None:
    frame, truth = own_rows(400, system="wgs84" if system == "cgcs2000" else system, seed=3)
    joined = _join(frame, units, gazetteer, system=system)
    assert (joined.rows["cm_county_code"].to_numpy(str) == truth).all()
    assert set(joined.rows["cm_placed_by"]) == {"coordinates"}
    assert not joined.checks


def test_gcj02_read_as_wgs84_is_off_and_bd09_read_as_wgs84_is_noticed(
    units: UnitIndex, gazetteer: AddressGazetteer
) -> None:
    frame, truth = own_rows(3000, system="bd09", seed=4, inset=0)
    joined = _join(frame, units, gazetteer, system="wgs84")
    assert (joined.rows["cm_county_code"].to_numpy(str) != truth).sum() > 30  # the classic bug, caught below
    offset = [c for c in joined.checks if c.kind == "offset"]
    assert offset and offset[0].suggestion == "bd09"


def test_rows_without_coordinates_are_placed_by_address_with_evidence(
    units: UnitIndex, gazetteer: AddressGazetteer
) -> None:
    frame, truth = own_rows(50, seed=5)
    frame.loc[:9, ["经度", "纬度"]] = ""
    frame.loc[10, "经度"] = "东经116度"
    frame.loc[11, ["经度", "纬度"]] = ["126.6", "45.7"]  # Harbin: outside Hebei, kept with its reason
    frame.loc[0, "注册地址"] = "北京市朝阳区"
    rows = _join(frame, units, gazetteer).rows
    assert len(rows) == 50 and rows["cm_row"].tolist() == list(range(1, 51))
    by_address = rows.iloc[1:11]
    assert set(by_address["cm_placed_by"]) == {"address"} and set(by_address["cm_precision"]) == {"county"}
    assert (by_address["cm_county_code"].to_numpy(str) == truth[1:11]).all()
    assert by_address["cm_evidence"].str.len().gt(0).all() and by_address["cm_lon"].notna().all()
    assert rows.loc[0, "cm_placed_by"] == "" and "outside Hebei (北京)" in rows.loc[0, "cm_problem"]
    assert rows.loc[11, "cm_problem"] == "outside Hebei" and np.isnan(rows.loc[11, "cm_lon"])
    assert {c.kind for c in _join(frame, units, gazetteer).checks} >= {"not_numeric", "outside"}


def test_swapped_columns_are_noticed_and_undone(units: UnitIndex, gazetteer: AddressGazetteer) -> None:
    frame, truth = own_rows(200, seed=6)
    swapped = frame.rename(columns={"经度": "纬度", "纬度": "经度"})[frame.columns]
    noticed = _join(swapped, units, gazetteer)
    assert [c.kind for c in noticed.checks][:1] == ["swapped"]
    fixed = _join(swapped, units, gazetteer, swap=True)
    assert (fixed.rows["cm_county_code"].to_numpy(str) == truth).all()


def test_zones_sectors_and_added_columns(units: UnitIndex, gazetteer: AddressGazetteer) -> None:
    frame = pd.DataFrame(
        {"名称": ["甲", "乙"], "地址": ["保定市雄县", "张家口市崇礼区"], "行业": ["光伏", "钢铁"]}
    )
    table = _table(frame)
    roles = ColumnRoles(name="名称", address="地址", industry="行业")
    rows = join_own(
        table, JoinOptions(roles, sector_map={"光伏": "新能源"}), units=units, gazetteer=gazetteer
    ).rows
    assert list(rows.columns) == ["名称", "地址", "行业", *ADDED_COLUMNS]
    assert rows["cm_zones"].tolist() == ["xiongan;shibaolang", "zhangcheng"]
    assert rows["cm_sector"].tolist() == ["新能源", ""]
    assert rows["cm_prefecture_zh"].tolist() == ["保定市", "张家口市"]


def test_polygons_of_a_geographic_file_are_placed_by_a_point_inside(
    units: UnitIndex, gazetteer: AddressGazetteer
) -> None:
    import geopandas as gpd
    import shapely

    shapes = gpd.GeoSeries([shapely.box(114.40, 38.00, 114.45, 38.05), None], crs=4326)
    table = OwnTable(pd.DataFrame({"名称": ["园区", "无图形"]}), "parks.geojson", geometry=shapes)
    rows = join_own(table, JoinOptions(ColumnRoles(name="名称")), units=units, gazetteer=gazetteer).rows
    assert rows.loc[0, "cm_prefecture_zh"] == "石家庄市" and rows.loc[1, "cm_problem"] == "no coordinates"


def test_a_joined_export_uploaded_again_keeps_its_old_columns(
    units: UnitIndex, gazetteer: AddressGazetteer
) -> None:
    frame, truth = own_rows(20, seed=9)
    first = _join(frame, units, gazetteer).rows
    again = _join(first.astype(str), units, gazetteer).rows
    assert again.columns.is_unique and "cm_county_code_file" in again.columns
    assert (again["cm_county_code"].to_numpy(str) == truth).all()
