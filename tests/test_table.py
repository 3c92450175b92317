"""The records table: every record (placed or not), labels in the chosen language."""

from __future__ import annotations

import pytest
from map_records import HOSTILE, records_frame

from cluster_map.core.taxonomy import load_taxonomy
from cluster_map.ui.table import records_table, unplaced_count


def test_unplaced_count() -> None:
    assert unplaced_count(records_frame()) == 1


@pytest.mark.parametrize(
    ("lang", "name", "kind", "sector"), [("zh", "名称", "类型", "领域"), ("en", "Name", "Kind", "Sector")]
)
def test_columns_and_labels_follow_the_language(lang: str, name: str, kind: str, sector: str) -> None:
    table = records_table(records_frame(), lang=lang, taxonomy=load_taxonomy())
    assert len(table) == 8
    row = table.iloc[0]
    assert row[name] == ("曹妃甸氢能项目" if lang == "zh" else "Caofeidian hydrogen project")
    assert row[kind] == ("重点项目" if lang == "zh" else "Key project")
    assert row[sector] == ("新能源" if lang == "zh" else "New energy")


def test_text_is_kept_as_plain_text() -> None:
    table = records_table(records_frame(), lang="zh", taxonomy=load_taxonomy())
    assert HOSTILE in set(table["名称"])  # st.dataframe draws text, never HTML


def test_places_follow_the_language_when_names_are_given() -> None:
    frame = records_frame()
    names = {"130200": "Tangshan", "130209": "Caofeidian District"}
    table = records_table(frame, lang="en", taxonomy=load_taxonomy(), unit_names=names)
    first = frame.iloc[0]
    assert first["prefecture_code"] == "130200"
    assert table.iloc[0]["Prefecture"] == "Tangshan"
    unplaced = table[frame["prefecture_code"].eq("").to_numpy()]
    assert (unplaced["Prefecture"] == "").all()
