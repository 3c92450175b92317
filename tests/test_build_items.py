"""build-items: the curation's checks, each reported with file and line, and the three tables it writes.

Each test writes a tiny curation (five items of the first plan, one retired old id) into tmp_path and
breaks one thing; the build of the intact one passes validate.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from cluster_map.build.gazetteer import GAZETTEER_PATH
from cluster_map.build.items import build_items, check_curation
from cluster_map.core.errors import FileMissing, MissingColumns, NotCsv, ValidationFailed
from cluster_map.core.items import read_item_rows, read_plan_items
from cluster_map.core.paths import ITEM_CURATION_DIR, ITEMS_DIR
from cluster_map.core.validate import validate_items

ITEM_HEADER = (
    "id,kind,name_zh,name_en,sector,subsector,level,level_quote,status,status_quote,places,place_evidence,"
    "note_zh,note_en,former_ids"
)
# fmt: off
ITEMS = [
    ["sei-1-1-01", "demonstration_base", "安国现代中药", "Anguo modern TCM base", "生物", "", "", "", "", "", "安国",
     "", "", "", "old-1"],
    ["sei-3-1-01", "leading_area", "雄安新区高端高新产业发展引领区", "Xiong'an leading area", "综合", "", "", "",
     "to_build", "打造", "雄安新区", "", "", "", "old-3"],
    ["sei-3-3-01", "demonstration_base", "张家口可再生能源", "Zhangjiakou renewables base", "新能源", "", "国家级",
     "国家级示范基地", "", "", "张家口", "", "", "", ""],
    ["sei-b07-03", "industrial_base", "廊坊香河机器人产业基地", "Langfang Xianghe robot base", "高端装备", "机器人", "",
     "", "", "", "香河", "", "", "", ""],
    ["sei-3-1-02", "key_project", "雄安超算云中心", "Xiong'an supercomputing cloud centre", "新一代信息技术", "", "", "",
     "", "", "", "", "", "", ""],
]
MENTIONS = [
    ["sei-1-1-01", "sei", "一（一）", "1447:安国现代中药"],
    ["sei-3-1-01", "sei", "三（一）", "3837:雄安新区高端高新产业发展引领区"],
    ["sei-3-3-01", "sei", "三（三）", "4688:张家口可再生能源"],
    ["sei-b07-03", "sei", "专栏7", "8713:廊坊香河|8723:机器人产业基地"],
    ["sei-3-1-02", "sei", "三（一）", "3915:雄安超算云中心"],
]
# fmt: on


def _write(path: Path, header: str, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header.split(","))
        writer.writerows(rows)


@pytest.fixture
def curation(tmp_path) -> Path:
    folder = tmp_path / "curation"
    folder.mkdir()
    _write(folder / "items_t.csv", ITEM_HEADER, [list(row) for row in ITEMS])
    _write(folder / "mentions_t.csv", "item_id,doc,section,spans", [list(row) for row in MENTIONS])
    _write(folder / "retired_t.csv", "old_id,reason_en", [["old-2", "research direction, not a site"]])
    _write(
        folder / "legacy_ids.csv",
        "old_id,name_zh,place_zh",
        [["old-1", "", ""], ["old-2", "", ""], ["old-3", "", ""]],
    )
    return folder


def _edit(path: Path, row: int, **values: str) -> None:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column, value in values.items():
        table.loc[row, column] = value
    table.to_csv(path, index=False)


def test_the_tiny_curation_checks_clean(curation):
    assert check_curation(curation_dir=curation) == []


def test_build_writes_three_tables_that_validate(curation, tmp_path):
    out = tmp_path / "items"
    tables = build_items(curation_dir=curation, out_dir=out, gazetteer_path=tmp_path / "gazetteer.csv")
    assert {stem: len(table) for stem, table in tables.items()} == {"items": 5, "places": 4, "mentions": 5}
    assert sorted(p.name for p in out.iterdir()) == ["items.csv", "mentions.csv", "places.csv"]
    assert validate_items(out) == []
    rows = read_item_rows(out).set_index("id")
    robot = rows.loc["sei-b07-03"]
    assert (robot["county_zh"], robot["precision"], robot["evidence"]) == (
        "香河县",
        "county",
        "admin_division",
    )
    assert robot["mentions"][0].text == "廊坊香河…机器人产业基地" and robot["mentions"][0].spans == (
        (8713, 8717),
        (8723, 8730),
    )
    assert rows.loc["sei-3-1-01", "evidence"] == "alias" and rows.loc["sei-3-1-01", "basis"].startswith(
        "雄安新区: "
    )
    assert rows.loc["sei-3-1-02", "precision"] == "province" and rows.loc["sei-3-1-02", "place_count"] == 0


def test_a_curation_with_problems_writes_nothing(curation, tmp_path):
    _edit(curation / "items_t.csv", 0, sector="航天")
    with pytest.raises(ValidationFailed, match="1 problem"):
        build_items(curation_dir=curation, out_dir=tmp_path / "items", gazetteer_path=tmp_path / "g.csv")
    assert not (tmp_path / "items").exists()


# name, file, row, changes, the message (after the file)
CASES = [
    ("empty field", "items_t", 0, {"name_en": " "}, ":2:name_en: is empty"),
    ("bad id", "items_t", 4, {"id": "X-1"}, ":6:id: 'X-1' is not <doc>-<section>-<nn>"),
    (
        "duplicate id",
        "items_t",
        4,
        {"id": "sei-1-1-01"},
        ":6:id: 'sei-1-1-01' is also the id of another item",
    ),
    ("unknown sector", "items_t", 0, {"sector": "航天"}, ":2:sector: '航天' is not one of ["),
    ("unknown status", "items_t", 1, {"status": "planned"}, ":3:status: 'planned' is not one of ['existing'"),
    (
        "unknown evidence",
        "items_t",
        0,
        {"place_evidence": "curated"},
        ":2:place_evidence: 'curated' is not one of",
    ),
    (
        "verb phrase",
        "items_t",
        0,
        {"name_zh": "依托安国打造现代中药"},
        ":2:name_zh: '依托安国打造现代中药' is a clause (依托、打造); name the thing only",
    ),
    (
        "level without quote",
        "items_t",
        2,
        {"level_quote": ""},
        ":4:level_quote: give a quote exactly when level",
    ),
    (
        "quote not in the text",
        "items_t",
        2,
        {"level_quote": "国家级高新区"},
        ":4:level_quote: '国家级高新区' is not in a sentence that mentions the item",
    ),
    (
        "unresolvable place",
        "items_t",
        0,
        {"places": "河北区"},
        ":2:places: '河北区' is not a Hebei prefecture, county or known alias; write the admin name",
    ),
    ("ambiguous place", "items_t", 0, {"places": "桥西区"}, ":2:places: '桥西区' is ambiguous"),
    (
        "place not in the text",
        "items_t",
        0,
        {"places": "定州"},
        ":2:places: '定州' is in no sentence that mentions the item",
    ),
    (
        "no mention",
        "mentions_t",
        4,
        {"item_id": "sei-1-1-01"},
        "items_t.csv:6:id: no mention names item 'sei-3-1-02'",
    ),
    (
        "mention of no item",
        "mentions_t",
        0,
        {"item_id": "sei-9-9-99"},
        ":2:item_id: 'sei-9-9-99' is no item's id",
    ),
    ("unknown doc", "mentions_t", 0, {"doc": "abc"}, ":2:doc: 'abc' is not a document; use one of"),
    (
        "span format",
        "mentions_t",
        0,
        {"spans": "1447-安国"},
        ":2:spans: span '1447-安国' is not `start:text`",
    ),
    (
        "span off by one",
        "mentions_t",
        0,
        {"spans": "1446:安国现代中药"},
        ":2:spans: the text at 1446 is '、安国现代中', not '安国现代中药' (it first occurs at 1447)",
    ),
    (
        "former id twice",
        "items_t",
        2,
        {"former_ids": "old-1"},
        ":4:former_ids: 'old-1' is also a former id of 'sei-1-1-01'",
    ),
    (
        "retired and former",
        "retired_t",
        0,
        {"old_id": "old-1"},
        ":2:old_id: 'old-1' is retired but a former id of 'sei-1-1-01'",
    ),
    (
        "old id lost",
        "items_t",
        1,
        {"former_ids": ""},
        "geodata/items/curation/README.md: old record id 'old-3' is neither a former id of an item nor retired",
    ),
    (
        "unknown former id",
        "items_t",
        4,
        {"former_ids": "old-9"},
        "geodata/items/curation/README.md: former or retired id 'old-9' is no old record id",
    ),
]


@pytest.mark.parametrize(
    ("stem", "row", "changes", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_curation_check_reports_its_problem(curation, stem, row, changes, expected):
    _edit(curation / f"{stem}.csv", row, **changes)
    problems = check_curation(curation_dir=curation)
    if expected.startswith(":"):
        expected = f"{curation / stem}.csv{expected}"
    elif expected.startswith("items_t"):
        expected = f"{curation}/{expected}"
    assert any(p.startswith(expected) for p in problems), problems


def test_every_problem_is_reported_at_once(curation):
    _edit(curation / "items_t.csv", 0, sector="航天", places="河北区")
    _edit(curation / "mentions_t.csv", 1, spans="3836:雄安新区高端高新产业发展引领区")
    assert len(check_curation(curation_dir=curation)) == 4  # 河北区: unresolvable, and not in the text


def test_committed_items_equal_a_fresh_build(tmp_path):
    build_items(curation_dir=ITEM_CURATION_DIR, out_dir=tmp_path, gazetteer_path=tmp_path / "gazetteer.csv")
    for stem in ("items", "places", "mentions"):
        assert (tmp_path / f"{stem}.csv").read_bytes() == (ITEMS_DIR / f"{stem}.csv").read_bytes(), (
            f"{stem}.csv is stale: run `python -m cluster_map build-items` and commit it"
        )
    assert (tmp_path / "gazetteer.csv").read_bytes() == GAZETTEER_PATH.read_bytes()


def test_points_are_never_finer_than_a_county():
    places = pd.read_csv(ITEMS_DIR / "places.csv", dtype=str, keep_default_na=False)
    county_level = places[places["precision"] == "county"]
    # every place in the same set of counties shares one point: the units' representative point
    assert (county_level.groupby("county_code")[["lon", "lat"]].nunique() == 1).all().all()
    prefecture_level = places[places["precision"] == "prefecture"]
    assert (prefecture_level.groupby("prefecture_code")[["lon", "lat"]].nunique() == 1).all().all()


def test_line_breaks_in_a_curation_note_stay_in_one_item(curation, tmp_path):
    notes = ["Word line\rbreak", 'two\r\nlines, "quoted"\nand\rmore']
    table = pd.read_csv(curation / "items_t.csv", dtype=str, keep_default_na=False)
    table.loc[0, "note_en"], table.loc[1, "note_zh"] = notes
    table.to_csv(curation / "items_t.csv", index=False, quoting=csv.QUOTE_ALL)  # as a spreadsheet saves it
    build_items(curation_dir=curation, out_dir=tmp_path / "items", gazetteer_path=tmp_path / "g.csv")
    items = read_plan_items(tmp_path / "items").items.set_index("id")
    assert len(items) == 5
    assert [items.loc["sei-1-1-01", "note_en"], items.loc["sei-3-1-01", "note_zh"]] == notes


@pytest.mark.parametrize(
    ("damage", "error", "message"),
    [
        (lambda f: (f / "legacy_ids.csv").unlink(), FileMissing, "legacy_ids.csv does not exist"),
        (lambda f: (f / "items_t.csv").write_bytes(b""), NotCsv, "items_t.csv is empty (0 bytes)"),
        (
            lambda f: (f / "mentions_t.csv").write_text("item_id,doc\n", encoding="utf-8"),
            MissingColumns,
            "section",
        ),
    ],
    ids=["legacy ids missing", "empty part", "columns missing"],
)
def test_a_missing_or_broken_curation_file_is_an_error(curation, tmp_path, damage, error, message):
    damage(curation)
    with pytest.raises(error, match=re.escape(message)):
        build_items(curation_dir=curation, out_dir=tmp_path / "items", gazetteer_path=tmp_path / "g.csv")
    assert not (tmp_path / "items").exists()
