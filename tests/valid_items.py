"""Five plan items that pass every rule of validate, as flat rows (see ``item_tables``), made by code.

Their spans are real spans of the first plan and their sentences are quoted from it, so that the
plan rules (spans hold their text, places and quotes in a mention sentence) hold; each test breaks
one thing. The items: a county by its admin name (安国), an alias (雄安新区), a prefecture with a
national level and its quote (张家口), an item without a place, and a place given by another
passage (evidence ``text``, quoted in the note).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from item_tables import write_items_folder

from cluster_map.core.sources import sentence_around
from cluster_map.core.taxonomy import load_taxonomy

__all__ = ["XIONGAN_BASIS", "edit_table", "read_table", "valid_rows", "write_valid_folder"]

XIONGAN_BASIS = (
    "雄安新区: 雄安新区 was set up on 雄县, 容城县 and 安新县 of 保定市; it is not an admin unit in the "
    "boundary data, so this is an approximation."
)
_COUNTY = {"precision": "county"}
# fmt: off
_ROWS = [
    dict(id="sei-1-1-01", kind="demonstration_base", name_zh="安国现代中药", sector="生物", source_section="一（一）",
         source_start=1447, source_end=1453, place_zh="安国", prefecture_code="130600", prefecture_zh="保定市",
         county_code="130683", county_zh="安国市", evidence="admin_division", lon="115.345453", lat="38.394931",
         **_COUNTY),
    dict(id="sei-3-1-01", kind="leading_area", name_zh="雄安新区高端高新产业发展引领区", sector="综合",
         source_section="三（一）", source_start=3837, source_end=3852, place_zh="雄安新区", prefecture_code="130600",
         prefecture_zh="保定市", county_code="130638;130629;130632", county_zh="雄县;容城县;安新县",
         evidence="alias", basis=XIONGAN_BASIS, lon="115.943957", lat="38.944867", **_COUNTY),
    dict(id="sei-3-3-01", kind="demonstration_base", name_zh="张家口可再生能源", sector="新能源", level="国家级",
         level_quote="国家级示范基地", source_section="三（三）", source_start=4688, source_end=4696,
         place_zh="张家口", prefecture_code="130700", prefecture_zh="张家口市", precision="prefecture",
         evidence="admin_division", lon="115.227621", lat="40.850887"),
    dict(id="sei-3-1-02", kind="key_project", name_zh="雄安超算云中心", sector="新一代信息技术",
         source_section="三（一）", source_start=3915, source_end=3922, precision="province", evidence="none"),
    dict(id="sei-b03-05", kind="key_project", name_zh="美泰5G通信基站用环形器", sector="新一代信息技术",
         source_section="专栏3", source_start=6585, source_end=6597, place_zh="石家庄", prefecture_code="130100",
         prefecture_zh="石家庄市", precision="prefecture", evidence="text", lon="114.601003", lat="38.09852",
         note_en="专栏20 names the company as 石家庄美泰电子; placed at the prefecture of the company"),
]
# fmt: on


def valid_rows() -> pd.DataFrame:
    """The five items as flat rows (one place each, at most), with their sentences quoted."""
    text = load_taxonomy().document_text("sei")
    rows = []
    for row in _ROWS:
        sentence = sentence_around(text, int(row["source_start"]), int(row["source_end"]))
        assert text[row["source_start"] : row["source_end"]] == row["name_zh"], row["id"]
        rows.append(
            {
                "name_en": f"English name of {row['id']}",
                "source_doc": "sei",
                "source_sentence": sentence,
                **row,
            }
        )
    return pd.DataFrame(rows).fillna("")


def write_valid_folder(folder: Path) -> Path:
    """The five items as items.csv, places.csv and mentions.csv in ``folder``."""
    return write_items_folder(folder, valid_rows())


def read_table(folder: Path, stem: str) -> pd.DataFrame:
    """One table of an items folder, as text."""
    return pd.read_csv(folder / f"{stem}.csv", dtype=str, keep_default_na=False)


def edit_table(folder: Path, stem: str, row: int, **values: str) -> None:
    """Set ``values`` in row ``row`` of ``<stem>.csv`` (line ``row + 2``); a row past the end is added."""
    table = read_table(folder, stem)
    if row >= len(table):
        table.loc[row] = table.iloc[0]
    for column, value in values.items():
        table.loc[row, column] = value
    table.to_csv(folder / f"{stem}.csv", index=False)
