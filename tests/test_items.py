"""The plan items: read, typed, one row per (item, place), back to one row per item; the committed folder."""

from __future__ import annotations

import pandas as pd
import pytest
from item_tables import write_items_folder
from valid_items import valid_rows

from cluster_map.core.errors import DataError, FileMissing, MissingColumns
from cluster_map.core.item_terms import SPAN_TEXT_JOINER
from cluster_map.core.items import (
    OBJECT_COLUMNS,
    ROW_COLUMNS,
    Mention,
    item_count,
    item_links,
    item_rows,
    items_of_rows,
    placed_item_count,
    placed_item_ids,
    read_item_rows,
    read_plan_items,
    split_multi,
    with_details,
)
from cluster_map.core.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def committed():
    return read_item_rows()


@pytest.fixture
def two_places(tmp_path):
    """The five valid items, the first (安国现代中药) with a second place (唐山, prefecture)."""
    rows = valid_rows()
    second = rows.iloc[0].copy()
    tangshan = dict(place_zh="唐山", prefecture_code="130200", prefecture_zh="唐山市", county_code="")
    second[list(tangshan)] = list(tangshan.values())
    second[["county_zh", "precision", "lon", "lat"]] = ["", "prefecture", "118.18", "39.63"]
    rows = pd.concat([rows.iloc[:1], second.to_frame().T, rows.iloc[1:]], ignore_index=True)
    return read_plan_items(write_items_folder(tmp_path / "items", rows))


def test_columns_and_types(committed):
    assert list(committed.columns) == [*ROW_COLUMNS, *OBJECT_COLUMNS, "geometry"]
    assert committed.crs.to_epsg() == 4326
    assert str(committed["place_no"].dtype) == "int64" and str(committed["lon"].dtype) == "float64"
    assert all(isinstance(m, Mention) for ms in committed["mentions"] for m in ms)


def test_every_span_holds_its_text(committed):
    taxonomy = load_taxonomy()
    texts = {doc: taxonomy.document_text(doc) for doc in taxonomy.documents}
    for id_, mentions in zip(committed["id"], committed["mentions"], strict=True):
        assert mentions, id_
        for m in mentions:
            assert SPAN_TEXT_JOINER.join(texts[m.doc][a:b] for a, b in m.spans) == m.text, id_


def test_unplaced_items_have_no_geometry(committed):
    unplaced = committed[committed["place_no"] == 0]
    assert len(unplaced) > 0
    assert unplaced.geometry.isna().all()
    assert set(unplaced["precision"]) == {"province"} and set(unplaced["evidence"]) == {"none"}
    assert placed_item_ids(committed).isdisjoint(set(unplaced["id"]))


@pytest.mark.parametrize(
    "kind",
    [
        "leading_area",
        "development_zone",
        "demonstration_base",
        "industrial_base",
        "key_project",
        "platform",
        "high_tech_zone",
        "innovation_city",
        "growth_pole",
    ],
)
def test_every_kind_the_issue_names_is_present(committed, kind):
    assert (committed["kind"] == kind).any()


def test_the_four_zones_and_xiongan(committed):
    zones = committed[committed["kind"] == "development_zone"]
    assert {
        frozenset(codes.split(";"))
        for codes in ("130100;130600;131000", "130300;130200;130900", "130500;130400;131100", "130700;130800")
    } <= {frozenset(split_multi(codes)) for codes in zones["prefecture_code"]}
    xiongan = committed[committed["kind"] == "leading_area"].iloc[0]
    assert split_multi(xiongan["county_code"]) == ["130638", "130629", "130632"]


def test_an_item_with_two_places_is_two_rows_of_one_item(two_places):
    rows = item_rows(two_places)
    anguo = rows[rows["id"] == "sei-1-1-01"]
    assert list(anguo["place_no"]) == [1, 2] and list(anguo["place_zh"]) == ["安国", "唐山"]
    assert list(anguo["place_count"]) == [2, 2] and anguo["mentions"].map(len).tolist() == [1, 1]
    assert len(rows) == 6 and item_count(rows) == 5
    assert placed_item_ids(rows) == {"sei-1-1-01", "sei-3-1-01", "sei-3-3-01", "sei-b03-05"}
    assert placed_item_count(rows) == 4 and placed_item_count(rows[rows["place_no"] == 0]) == 0
    assert anguo.iloc[0]["source_sentence"] == anguo.iloc[0]["mentions"][0].sentence


def test_items_of_rows_joins_the_kept_places(two_places):
    rows = item_rows(two_places)
    items = items_of_rows(rows)
    assert list(items["id"]) == ["sei-1-1-01", "sei-3-1-01", "sei-3-3-01", "sei-3-1-02", "sei-b03-05"]
    anguo = items.iloc[0]
    assert anguo["place_zh"] == "安国;唐山" and anguo["prefecture_zh"] == "保定市;唐山市"
    assert anguo["kept_places"] == 2 and items.set_index("id").loc["sei-3-1-02", "kept_places"] == 0
    one = items_of_rows(rows[rows["place_zh"] != "唐山"]).iloc[0]
    assert one["place_zh"] == "安国" and one["kept_places"] == 1 and one["place_count"] == 2
    assert "geometry" not in items and "mentions" not in items


def test_rows_without_details_get_them_for_the_rows_that_need_them():
    plan = read_plan_items()
    full, lean = item_rows(plan), item_rows(plan, details=False)
    assert not set(OBJECT_COLUMNS) & set(lean.columns)
    pd.testing.assert_frame_equal(full.drop(columns=list(OBJECT_COLUMNS)), lean)
    some = with_details(lean.iloc[40:90], plan)
    assert list(some.columns) == list(full.columns)
    for column in OBJECT_COLUMNS:
        assert some[column].tolist() == full[column].iloc[40:90].tolist()
    assert with_details(some, plan) is some  # rows that have them come back as they are


def test_source_sentence_lists_an_items_distinct_sentences_in_order(committed):
    expected = ["\n".join(dict.fromkeys(m.sentence for m in said)) for said in committed["mentions"]]
    assert committed["source_sentence"].tolist() == expected
    assert any("\n" in text for text in expected)  # items with several sentences are among them


def test_a_missing_folder_says_how_to_make_it(tmp_path):
    with pytest.raises(FileMissing, match="build-items") as caught:
        read_plan_items(tmp_path / "nope")
    assert isinstance(caught.value, DataError) and "nope/items.csv does not exist" in str(caught.value)


def test_missing_columns_are_named(tmp_path):
    folder = write_items_folder(tmp_path / "items", valid_rows())
    (folder / "mentions.csv").write_text("item_id,doc\nsei-1-1-01,sei\n", encoding="utf-8")
    with pytest.raises(
        MissingColumns, match=r"mentions.csv lacks the column\(s\) mention_no, section"
    ) as caught:
        read_plan_items(folder)
    assert caught.value.missing == ["mention_no", "section", "spans", "text", "sentence"]


def test_links_name_items_by_their_own_and_their_former_ids() -> None:
    rows = pd.DataFrame({"id": ["a", "a", "b"], "former_ids": ["x-1;x-2", "x-1;x-2", ""]})
    assert item_links(rows) == {"a": "a", "b": "b", "x-1": "a", "x-2": "a"}
