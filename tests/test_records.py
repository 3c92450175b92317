"""The committed records: read, typed, traceable, and within the plan's coverage."""

from __future__ import annotations

import pytest

from cluster_map.core.errors import DataError
from cluster_map.core.records import COLUMNS, read_records, split_multi
from cluster_map.core.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def records():
    return read_records()


def test_columns_and_types(records):
    assert list(records.columns[: len(COLUMNS)]) == list(COLUMNS)
    assert records.crs.to_epsg() == 4326
    assert str(records["source_start"].dtype) == "Int64"


def test_every_span_holds_its_name(records):
    taxonomy = load_taxonomy()
    texts = {doc: taxonomy.document_text(doc) for doc in taxonomy.documents}
    for row in records.itertuples():
        assert texts[row.source_doc][row.source_start : row.source_end] == row.name_zh, row.id


def test_unplaced_records_have_no_geometry(records):
    unplaced = records[records["place_zh"] == ""]
    assert len(unplaced) > 0
    assert unplaced.geometry.isna().all()
    assert set(unplaced["precision"]) == {"province"} and set(unplaced["evidence"]) == {"none"}


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
def test_every_kind_the_issue_names_is_present(records, kind):
    assert (records["kind"] == kind).any()


def test_the_four_zones_and_xiongan(records):
    zones = records[records["kind"] == "development_zone"]
    assert {"130100;130600;131000", "130300;130200;130900", "130500;130400;131100", "130700;130800"} <= set(
        zones["prefecture_code"]
    )
    xiongan = records[records["kind"] == "leading_area"].iloc[0]
    assert split_multi(xiongan["county_code"]) == ["130638", "130629", "130632"]


def test_a_list_of_places_is_one_record_per_place(records):
    phrase = records[records["name_zh"] == "石家庄、秦皇岛、衡水、廊坊等医疗康复器具产业基地"]
    assert sorted(phrase["prefecture_zh"]) == ["廊坊市", "石家庄市", "秦皇岛市", "衡水市"]
    assert phrase["source_start"].nunique() == 1


def test_missing_file_says_how_to_make_it(tmp_path):
    with pytest.raises(DataError, match="build-records"):
        read_records(tmp_path / "nope.csv")
