"""build-records: reproducible, honest about places, and loud about unresolvable ones."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from cluster_map._errors import ValidationFailed
from cluster_map.build_records import CURATION_FILES, build_records
from cluster_map.gazetteer import GAZETTEER_PATH
from cluster_map.paths import CURATION_DIR
from cluster_map.records import RECORDS_PATH


def test_committed_records_equal_a_fresh_build(tmp_path):
    build_records(out_path=tmp_path / "records.csv", gazetteer_path=tmp_path / "gazetteer.csv")
    assert (tmp_path / "records.csv").read_bytes() == RECORDS_PATH.read_bytes(), (
        "records.csv is stale: run `python -m cluster_map build-records` and commit it"
    )
    assert (tmp_path / "gazetteer.csv").read_bytes() == GAZETTEER_PATH.read_bytes()


@pytest.fixture
def curation_copy(tmp_path):
    folder = tmp_path / "curation"
    folder.mkdir()
    for name in CURATION_FILES:
        shutil.copy(CURATION_DIR / name, folder / name)
    return folder


def _edit_first_row(path, **values) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column, value in values.items():
        frame.loc[0, column] = value
    frame.to_csv(path, index=False)


def test_unresolvable_and_ambiguous_places_are_all_reported(curation_copy, tmp_path):
    _edit_first_row(curation_copy / "sei.csv", place_zh="河北区")
    _edit_first_row(curation_copy / "sti.csv", place_zh="桥西区")
    with pytest.raises(ValidationFailed) as caught:
        build_records(curation_dir=curation_copy, out_path=tmp_path / "r.csv", gazetteer_path=tmp_path / "g.csv")
    problems = caught.value.problems
    assert len(problems) == 2
    assert problems[0].endswith("sei.csv:2:place_zh: '河北区' is not a Hebei prefecture, county or known alias; "
                                "write the admin name (石家庄, 正定县, 石家庄鹿泉) or add it to "
                                "geodata/gazetteer/aliases.csv with its basis")
    assert "sti.csv:2:place_zh: '桥西区' is ambiguous" in problems[1]
    assert not (tmp_path / "r.csv").exists()


def test_points_are_never_finer_than_a_county():
    records = pd.read_csv(RECORDS_PATH, dtype=str, keep_default_na=False)
    county_level = records[records["precision"] == "county"]
    # every record placed in the same set of counties shares one point: the units' representative point
    assert (county_level.groupby("county_code")[["lon", "lat"]].nunique() == 1).all().all()
    prefecture_level = records[records["precision"] == "prefecture"]
    assert (prefecture_level.groupby("prefecture_code")[["lon", "lat"]].nunique() == 1).all().all()
