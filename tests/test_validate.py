"""validate: each rule catches its broken folder (five valid items, one thing broken), all at once.

The folders are written by code (``valid_items``); rows are numbered from 0 (line = row + 2). Items:
0 安国 (county, admin name), 1 雄安新区 (alias), 2 张家口 (国家级), 3 no place, 4 石家庄 (evidence text).
Places: 0 安国, 1 雄安新区, 2 张家口, 3 石家庄. Mentions: one per item, in the items' order.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from valid_items import edit_table, read_table, write_valid_folder

from cluster_map.core.validate import ValidationContext, validate_items, validation_context

Change = Callable[[Path], None]


@pytest.fixture(scope="module")
def context() -> ValidationContext:
    """The boundaries, the plans' texts and the aliases, read once for the module."""
    return validation_context()


def test_the_valid_folder_is_valid(context, tmp_path):
    assert validate_items(write_valid_folder(tmp_path / "items"), context=context) == []


def test_the_committed_items_are_valid(context):
    assert validate_items(context=context) == []


def edit(stem: str, row: int, **values: str) -> Change:
    return lambda folder: edit_table(folder, stem, row, **values)


def both(*changes: Change) -> Change:
    def change(folder: Path) -> None:
        for one in changes:
            one(folder)

    return change


def drop(stem: str, row: int) -> Change:
    def change(folder: Path) -> None:
        table = read_table(folder, stem)
        table.drop(index=row).to_csv(folder / f"{stem}.csv", index=False)

    return change


_TWIN = "sei-1-1-99"  # a second 安国现代中药 at 安国
_TWIN_ROWS = both(
    edit("items", 5, id=_TWIN), edit("places", 4, item_id=_TWIN), edit("mentions", 5, item_id=_TWIN)
)

# name, change, the message (after the folder), one example per rule
CASES = [
    # items.csv: vocabularies, required fields, ids
    (
        "unknown sector",
        edit("items", 0, sector="航天"),
        "items.csv:2:sector: '航天' is not a known sector; use one of",
    ),
    (
        "unknown subsector",
        edit("items", 0, subsector="光伏"),
        "items.csv:2:subsector: '光伏' is not a known subsector",
    ),
    ("unknown kind", edit("items", 1, kind="zone"), "items.csv:3:kind: 'zone' is not a known kind"),
    ("unknown level", edit("items", 2, level="市级"), "items.csv:4:level: '市级' is not a known level"),
    (
        "unknown status",
        edit("items", 0, status="planned"),
        "items.csv:2:status: 'planned' is not a known status",
    ),
    (
        "unknown precision",
        edit("items", 0, precision="city"),
        "items.csv:2:precision: 'city' is not a known precision",
    ),
    ("empty name_en", edit("items", 1, name_en=" "), "items.csv:3:name_en: is empty; every item needs it"),
    (
        "bad id",
        edit("items", 3, id="X 1"),
        "items.csv:5:id: 'X 1' is not <doc>-<section>-<nn> (such as sei-b07-01, sti-4-2-n03)",
    ),
    (
        "duplicate id",
        edit("items", 1, id="sei-1-1-01"),
        "items.csv:3:id: 'sei-1-1-01' is used twice; ids must be unique (first on line 2)",
    ),
    # items.csv: the plan's rules of names and quotes
    (
        "verb phrase",
        edit("items", 0, name_zh="依托安国重点发展现代中药"),
        "items.csv:2:name_zh: '依托安国重点发展现代中药' is a clause (依托、重点发展); name the thing only",
    ),
    ("a research centre is a thing", edit("items", 0, name_zh="安国现代中药工程研究中心"), None),
    (
        "level without quote",
        edit("items", 2, level_quote=""),
        "items.csv:4:level_quote: '' with level '国家级': give the plan's words for the level exactly when",
    ),
    (
        "quote without level",
        edit("items", 0, level_quote="省级"),
        "items.csv:2:level_quote: '省级' with level '': give the plan's words",
    ),
    (
        "status without quote",
        edit("items", 0, status="to_build"),
        "items.csv:2:status_quote: '' with status 'to_build'",
    ),
    (
        "level quote not in the text",
        edit("items", 2, level_quote="国家级高新区"),
        "items.csv:4:level_quote: '国家级高新区' is in no mention sentence of item 'sei-3-3-01'; quote the plan",
    ),
    (
        "status quote not in the text",
        edit("items", 0, status="to_build", status_quote="建设"),
        "items.csv:2:status_quote: '建设' is in no mention sentence of item 'sei-1-1-01'",
    ),
    (
        "same name and place",
        _TWIN_ROWS,
        f"places.csv:6:place_zh: item '{_TWIN}' has the same name '安国现代中药' and place as item 'sei-1-1-01' "
        "(",
    ),
    (
        "same name, neither placed",
        both(edit("items", 5, id=_TWIN, name_zh="雄安超算云中心"), edit("mentions", 5, item_id=_TWIN)),
        f"items.csv:7:name_zh: item '{_TWIN}' has the same name '雄安超算云中心' and place as item 'sei-3-1-02'",
    ),
    # items.csv agrees with places.csv and mentions.csv
    (
        "place_count",
        edit("items", 0, place_count="2"),
        "items.csv:2:place_count: '2' does not agree with places.csv, which gives '1'; rebuild with build-items",
    ),
    ("mention_count", edit("items", 1, mention_count="3"), "items.csv:3:mention_count: '3' does not agree"),
    (
        "item precision",
        edit("items", 0, precision="prefecture"),
        "items.csv:2:precision: 'prefecture' does not agree with places.csv, which gives 'county'",
    ),
    (
        "unplaced precision",
        edit("items", 3, precision="county"),
        "items.csv:5:precision: 'county' does not agree",
    ),
    (
        "docs",
        edit("items", 0, docs="sti"),
        "items.csv:2:docs: 'sti' does not agree with mentions.csv, which gives 'sei'",
    ),
    ("sections", edit("items", 0, sections="专栏1"), "items.csv:2:sections: '专栏1' does not agree"),
    (
        "places_zh",
        edit("items", 0, places_zh="安国;定州"),
        "items.csv:2:places_zh: '安国;定州' does not list the places of places.csv ('安国')",
    ),
    (
        "no mention",
        drop("mentions", 0),
        "items.csv:2:id: item 'sei-1-1-01' has no mention in mentions.csv; every item needs a passage",
    ),
    # places.csv: references, numbers, vocabularies
    (
        "place of no item",
        edit("places", 0, item_id="sei-9-9-99"),
        "places.csv:2:item_id: 'sei-9-9-99' is not the id of an item in items.csv; add the item or remove",
    ),
    ("place_no", edit("places", 0, place_no="0"), "places.csv:2:place_no: '0' is not a whole number 1, 2, …"),
    (
        "place twice",
        both(
            edit("places", 4, item_id="sei-1-1-01"), edit("items", 0, place_count="2", places_zh="安国;安国")
        ),
        "places.csv:6:place_no: '1' is also the number of line 2 of item 'sei-1-1-01'; number them 1, 2, …",
    ),
    (
        "place repeated",
        both(edit("places", 4, item_id="sei-1-1-01", place_no="2"), edit("items", 0, place_count="2")),
        "places.csv:6:place_zh: repeats the place of line 2 of item 'sei-1-1-01'; give each place once",
    ),
    ("empty place_zh", edit("places", 0, place_zh=""), "places.csv:2:place_zh: is empty; write the place"),
    (
        "two places in one row",
        both(edit("places", 0, place_zh="安国;唐山"), edit("items", 0, places_zh="安国;唐山")),
        "places.csv:2:place_zh: '安国;唐山' holds ';', which separates an item's places; one row is one place",
    ),
    (
        "province place",
        edit("places", 2, precision="province"),
        "places.csv:4:precision: 'province' is not a place's precision; use one of county, prefecture, "
        "multi_prefecture; an item without a place has no row in places.csv",
    ),
    (
        "unknown evidence",
        edit("places", 0, evidence="map"),
        "places.csv:2:evidence: 'map' is not a known evidence",
    ),
    (
        "evidence none",
        edit("places", 0, evidence="none"),
        "places.csv:2:evidence: 'none' is for an item without a place",
    ),
    # places.csv: codes, precision, points
    (
        "unknown county",
        edit("places", 1, county_code="130638;139999"),
        "places.csv:3:county_code: '139999' is not a Hebei county adcode",
    ),
    (
        "name mismatch",
        edit("places", 2, prefecture_zh="承德市"),
        "places.csv:4:prefecture_zh: '承德市' does not match the codes '130700' (张家口市)",
    ),
    (
        "county outside prefecture",
        edit("places", 1, county_code="130104;130629;130632", county_zh="桥西区;容城县;安新县"),
        "places.csv:3:county_code: county 130104 lies in prefecture 130100, which prefecture_code lacks",
    ),
    (
        "no prefecture",
        edit("places", 2, prefecture_code="", prefecture_zh=""),
        "places.csv:4:prefecture_code: is empty; every place lies in at least one prefecture",
    ),
    (
        "precision",
        edit("places", 0, precision="prefecture"),
        "places.csv:2:precision: 'prefecture' does not fit the codes; expected 'county'",
    ),
    (
        "point outside its county",
        edit("places", 0, lon="114.5", lat="38.0"),
        "places.csv:2:lon: point (114.5, 38.0) is outside the county_code polygons 130683",
    ),
    (
        "outside Hebei",
        edit("places", 0, lon="121.47", lat="31.23"),
        "places.csv:2:lon: point (121.47, 31.23) is outside Hebei",
    ),
    (
        "swapped",
        edit("places", 0, lon="38.394931", lat="115.345453"),
        "places.csv:2:lon: point (38.394931, 115.345453) is outside Hebei; lon and lat look swapped",
    ),
    (
        "infinite",
        edit("places", 2, lat="inf"),
        "places.csv:4:lon: lon/lat '115.227621', 'inf' are not finite numbers",
    ),
    (
        "text lon",
        edit("places", 2, lon="东经115"),
        "places.csv:4:lon: lon/lat '东经115', '40.850887' are not numbers",
    ),
    (
        "no point",
        edit("places", 2, lon="", lat=""),
        "places.csv:4:lon: lon/lat are empty; every place has a point",
    ),
    # places.csv: the plan's rules of evidence
    (
        "place not in the text",
        both(edit("places", 0, place_zh="定州"), edit("items", 0, places_zh="定州")),
        "places.csv:2:place_zh: '定州' is named in no mention sentence of item 'sei-1-1-01'; place an item only",
    ),
    (
        "outside knowledge",
        edit("places", 0, evidence="curated"),
        "places.csv:2:evidence: 'curated' places '安国' from outside knowledge, which is not evidence",
    ),
    (
        "undocumented alias",
        both(edit("places", 1, place_zh="雄安新区高端"), edit("items", 1, places_zh="雄安新区高端")),
        "places.csv:3:place_zh: '雄安新区高端' has evidence 'alias' but no documented alias; add it to "
        "geodata/gazetteer/aliases.csv",
    ),
    (
        "alias without basis",
        edit("places", 1, basis=""),
        "places.csv:3:basis: evidence 'alias' needs the alias's basis",
    ),
    (
        "text evidence not quoted",
        edit("items", 4, note_en="placed by the company"),
        "places.csv:5:evidence: evidence 'text' needs the place '石家庄' in the item's note_zh or note_en",
    ),
    # mentions.csv
    (
        "mention of no item",
        edit("mentions", 0, item_id="sei-9-9-99"),
        "mentions.csv:2:item_id: 'sei-9-9-99' is not the id of an item in items.csv",
    ),
    (
        "mention_no",
        edit("mentions", 0, mention_no="x"),
        "mentions.csv:2:mention_no: 'x' is not a whole number",
    ),
    (
        "unknown doc",
        edit("mentions", 0, doc="abc"),
        "mentions.csv:2:doc: 'abc' is not a known document; use one of sei, sti",
    ),
    (
        "empty section",
        edit("mentions", 1, section=""),
        "mentions.csv:3:section: is empty; every mention needs it",
    ),
    (
        "spans not start-end",
        edit("mentions", 0, spans="1447:1453"),
        "mentions.csv:2:spans: span '1447:1453' is not start-end with start < end (such as 8712-8716;8724-8730)",
    ),
    (
        "span off by one",
        edit("mentions", 0, spans="1446-1452"),
        "mentions.csv:2:spans: '1446-1452' hold '、安国现代中', not the text '安国现代中药' (its first part first "
        "occurs at 1447)",
    ),
    (
        "text not the span's",
        edit("mentions", 0, text="安国现代药"),
        "mentions.csv:2:spans: '1447-1453' hold '安国现代中药', not the text '安国现代药' (it is not in the document)",
    ),
    (
        "two spans joined by …",
        edit("mentions", 0, spans="1447-1449;1451-1453", text="安国…中药"),
        None,
    ),
    (
        "span past the end",
        edit("mentions", 0, spans="999999-1000000"),
        "mentions.csv:2:spans: '999999-1000000' reaches past",
    ),
    (
        "sentence",
        edit("mentions", 0, sentence="安国现代中药。"),
        "mentions.csv:2:sentence: is not the sentence around the first span ('怀来大数据",
    ),
]


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_rule_reports_its_problem(context, tmp_path, change, expected):
    folder = write_valid_folder(tmp_path / "items")
    change(folder)
    problems = validate_items(folder, context=context)
    if expected is None:
        assert problems == []
        return
    assert any(p.startswith(f"{folder}/{expected}") for p in problems), problems
    assert all(p.startswith(f"{folder}/") for p in problems)


def test_every_problem_is_reported_at_once_by_file_and_line(context, tmp_path):
    folder = write_valid_folder(tmp_path / "items")
    edit_table(folder, "mentions", 0, mention_no="x")
    edit_table(folder, "places", 2, lon="inf")
    edit_table(folder, "items", 3, sector="航天")
    edit_table(folder, "items", 1, kind="zone")
    problems = [p.removeprefix(f"{folder}/") for p in validate_items(folder, context=context)]
    assert [p.split(": ")[0] for p in problems] == [
        "items.csv:3:kind",
        "items.csv:5:sector",
        "places.csv:4:lon",
        "mentions.csv:2:mention_no",
    ]


@pytest.mark.parametrize("stem", ["items", "places", "mentions"])
def test_missing_columns_are_reported(context, tmp_path, stem):
    folder = write_valid_folder(tmp_path / "items")
    column = {"items": "name_en", "places": "lon", "mentions": "spans"}[stem]
    read_table(folder, stem).drop(columns=[column]).to_csv(folder / f"{stem}.csv", index=False)
    assert validate_items(folder, context=context) == [
        f"{folder}/{stem}.csv:1:{column}: column missing; the schema is in geodata/items/README.md"
    ]
