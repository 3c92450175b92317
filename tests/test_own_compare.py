"""Own rows per county beside the plan's items; own rows in a place; the own popup is escaped."""

from __future__ import annotations

import pandas as pd
import pytest

from cluster_map.core.items import read_item_rows
from cluster_map.own.columns import ColumnRoles
from cluster_map.own.compare import county_comparison, own_rows_in
from cluster_map.own.join import JoinOptions, join_own
from cluster_map.own.read import read_own_bytes
from cluster_map.own.units import UnitIndex
from cluster_map.web.own_map import own_popup_html


@pytest.fixture(scope="module")
def own(units: UnitIndex) -> pd.DataFrame:
    text = "名称,经度,纬度,行业\n甲,118.18,39.63,光伏\n乙,118.19,39.64,软件\n<b>丙</b>,114.48,38.03,光伏\n丁,,,光伏\n"
    table = read_own_bytes(text.encode(), name="a.csv")
    roles = ColumnRoles("经度", "纬度", "名称", "", "行业")
    return join_own(table, JoinOptions(roles, sector_map={"光伏": "新能源"}), units=units).rows


def test_comparison_counts_plan_items_and_own_rows_per_county(own: pd.DataFrame, units: UnitIndex) -> None:
    plan = read_item_rows()
    table = county_comparison(own, plan, units=units, sectors=("新能源",))
    assert len(table) == len(units.counties)
    by_code = table.set_index("county_code")
    first = own.loc[0, "cm_county_code"]
    assert by_code.loc[first, "own_rows"] == 1  # 乙 is 软件, not 新能源
    assert table["own_rows"].sum() == 2  # 丁 has no place
    energy = plan[(plan["sector"] == "新能源") & (plan["county_code"] != "")]
    counted = {code for cell in energy["county_code"] for code in str(cell).split(";")}
    assert set(table.loc[table["plan_items"] > 0, "county_code"]) == counted
    assert table["plan_items"].is_monotonic_decreasing


def test_own_rows_in_places(own: pd.DataFrame) -> None:
    county, prefecture = own.loc[0, "cm_county_code"], own.loc[0, "cm_prefecture_code"]
    assert own_rows_in(own, level="county", code=county) == 2
    assert own_rows_in(own, level="prefecture", code=prefecture, sectors=("新能源",)) == 1
    assert own_rows_in(own, level="zone", code="coastal") == 2  # 唐山 lies in the coastal zone


def test_popup_escapes_the_file_text(own: pd.DataFrame) -> None:
    html = own_popup_html(own.iloc[2], roles=ColumnRoles("经度", "纬度", "名称", "", "行业"), lang="zh")
    assert "&lt;b&gt;丙&lt;/b&gt;" in html and "<b>丙" not in html
    assert "新能源" in html and 'data-own-row="3"' in html
