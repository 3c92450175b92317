"""Mapping a file's industry values to the plan's sectors."""

from __future__ import annotations

import pandas as pd
import pytest

from cluster_map.core.errors import UsageError
from cluster_map.core.items import read_plan_items
from cluster_map.core.taxonomy import load_taxonomy
from cluster_map.own.sectors import apply_sector_map, load_keywords, parse_sector_map, suggest_sectors


def test_suggestions_name_a_sector_or_nothing() -> None:
    values = pd.Series(["光伏组件制造", "生物医药", "新能源汽车整车", "钢铁冶炼", "", "氢能"])
    suggested = suggest_sectors(
        values, taxonomy=load_taxonomy(), keywords=load_keywords(), items=read_plan_items().items
    )
    assert suggested == {
        "光伏组件制造": "新能源",
        "生物医药": "生物",
        "新能源汽车整车": "新能源汽车与智能网联汽车",  # the longest name wins over 新能源
        "钢铁冶炼": "",
        "氢能": "新能源",
    }


def test_every_keyword_sector_is_a_taxonomy_sector() -> None:
    assert set(load_keywords()) <= set(load_taxonomy().sectors)


def test_parse_and_apply() -> None:
    taxonomy = load_taxonomy()
    mapping = parse_sector_map(["光伏 = 新能源", "软件=新一代信息技术"], taxonomy=taxonomy)
    assert apply_sector_map(pd.Series(["光伏", "钢铁", " 软件 "]), mapping).tolist() == [
        "新能源",
        "",
        "新一代信息技术",
    ]
    with pytest.raises(UsageError, match="'光伏=新能' is not VALUE=SECTOR"):
        parse_sector_map(["光伏=新能"], taxonomy=taxonomy)
