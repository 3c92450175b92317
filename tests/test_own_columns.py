"""Guessing which columns hold coordinates, name, address and industry."""

from __future__ import annotations

import pytest

from cluster_map.core.errors import UsageError
from cluster_map.own.columns import ColumnRoles, detect_columns


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (
            ["企业名称", "注册地址", "所属行业", "经度", "纬度"],
            ColumnRoles("经度", "纬度", "企业名称", "注册地址", "所属行业"),
        ),
        (
            ["name", "address", "industry", "lon", "lat"],
            ColumnRoles("lon", "lat", "name", "address", "industry"),
        ),
        (["Name", "X", "Y"], ColumnRoles("X", "Y", "Name")),
        (["gcj_lng", "gcj_lat", "platform"], ColumnRoles("gcj_lng", "gcj_lat")),
        (["Longitude (WGS84)", "Latitude (WGS84)"], ColumnRoles("Longitude (WGS84)", "Latitude (WGS84)")),
        (["单位", "地址"], ColumnRoles(address="地址")),
    ],
)
def test_detects_roles_from_names(columns: list[str], expected: ColumnRoles) -> None:
    assert detect_columns(columns) == expected


def test_check_names_the_missing_column_and_the_missing_place() -> None:
    with pytest.raises(UsageError, match="no column lon='经度'"):
        ColumnRoles(lon="经度", lat="纬度").check(["lon", "lat"])
    with pytest.raises(UsageError, match=r"no coordinate columns .* and no address column"):
        ColumnRoles(name="名称").check(["名称", "备注"])
    with pytest.raises(UsageError, match="both a longitude and a latitude"):
        ColumnRoles(lon="x").check(["x"])
    ColumnRoles(name="名称").check(["名称"], has_geometry=True)  # a GeoJSON has its points
