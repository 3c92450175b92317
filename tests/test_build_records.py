"""build-records: reproducible, honest about places, and loud about unresolvable ones."""

from __future__ import annotations

import csv
import re
import shutil

import pandas as pd
import pytest

from cluster_map.build.gazetteer import GAZETTEER_PATH
from cluster_map.build.records import CURATION_FILES, build_records
from cluster_map.core.errors import FileMissing, InputFileError, NotCsv, ValidationFailed
from cluster_map.core.paths import CURATION_DIR
from cluster_map.core.records import RECORDS_PATH, read_records


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
    frame.to_csv(path, index=False, quoting=csv.QUOTE_ALL)  # as a spreadsheet saves a line break


def test_unresolvable_and_ambiguous_places_are_all_reported(curation_copy, tmp_path):
    _edit_first_row(curation_copy / "sei.csv", place_zh="河北区")
    _edit_first_row(curation_copy / "sti.csv", place_zh="桥西区")
    with pytest.raises(ValidationFailed) as caught:
        build_records(
            curation_dir=curation_copy, out_path=tmp_path / "r.csv", gazetteer_path=tmp_path / "g.csv"
        )
    problems = caught.value.problems
    assert len(problems) == 2
    assert problems[0].endswith(
        "sei.csv:2:place_zh: '河北区' is not a Hebei prefecture, county or known alias; "
        "write the admin name (石家庄, 正定县, 石家庄鹿泉) or add it to "
        "geodata/gazetteer/aliases.csv with its basis"
    )
    assert "sti.csv:2:place_zh: '桥西区' is ambiguous" in problems[1]
    assert not (tmp_path / "r.csv").exists()


def test_points_are_never_finer_than_a_county():
    records = pd.read_csv(RECORDS_PATH, dtype=str, keep_default_na=False)
    county_level = records[records["precision"] == "county"]
    # every record placed in the same set of counties shares one point: the units' representative point
    assert (county_level.groupby("county_code")[["lon", "lat"]].nunique() == 1).all().all()
    prefecture_level = records[records["precision"] == "prefecture"]
    assert (prefecture_level.groupby("prefecture_code")[["lon", "lat"]].nunique() == 1).all().all()


def _build(curation, tmp_path):
    return build_records(
        curation_dir=curation, out_path=tmp_path / "r.csv", gazetteer_path=tmp_path / "g.csv"
    )


def test_line_breaks_in_a_curation_note_stay_in_one_record(curation_copy, tmp_path):
    notes = {"sei.csv": "Word line\rbreak", "sti.csv": 'two\r\nlines, "quoted"\nand\rmore'}
    for name, note in notes.items():
        _edit_first_row(curation_copy / name, note=note)
    built = _build(curation_copy, tmp_path)
    records = read_records(tmp_path / "r.csv")
    assert len(records) == len(built) == len(read_records())
    firsts = [pd.read_csv(curation_copy / n, dtype=str, keep_default_na=False)["id"][0] for n in notes]
    assert [records.loc[records["id"] == i, "note"].iloc[0] for i in firsts] == list(notes.values())


@pytest.mark.parametrize(
    ("damage", "error", "message"),
    [
        (lambda p: p.unlink(), FileMissing, "sti.csv does not exist (curation file missing)"),
        (
            lambda p: p.write_text(p.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8"),
            InputFileError,
            "sti.csv has a header but no rows",
        ),
        (lambda p: p.write_bytes(b""), NotCsv, "sti.csv is empty (0 bytes)"),
    ],
    ids=["missing", "header only", "empty"],
)
def test_a_missing_or_empty_curation_file_is_an_error(curation_copy, tmp_path, damage, error, message):
    damage(curation_copy / "sti.csv")
    with pytest.raises(error, match=re.escape(message)):
        _build(curation_copy, tmp_path)
    assert not (tmp_path / "r.csv").exists()
