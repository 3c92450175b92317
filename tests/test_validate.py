"""validate: the committed data passes; each check catches its broken fixture (one context for all)."""

from __future__ import annotations

import pandas as pd
import pytest

from cluster_map.cli import main
from cluster_map.core.records import RECORDS_PATH
from cluster_map.core.validate import ValidationContext, validate_records, validation_context


@pytest.fixture(scope="module")
def context() -> ValidationContext:
    """The boundaries and the plans' texts, read once for the module."""
    return validation_context()


def test_committed_records_are_valid(context):
    assert validate_records(context=context) == []


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    table = pd.read_csv(RECORDS_PATH, dtype=str, keep_default_na=False)
    picks = ["sei-3-1-01", "sei-3-2-01"]  # a county-level alias record and a zone
    placed = table[table["precision"] == "county"].iloc[:1]
    unplaced = table[table["precision"] == "province"].iloc[:1]
    return pd.concat([table[table["id"].isin(picks)], placed, unplaced], ignore_index=True)


def _write(frame: pd.DataFrame, path) -> str:
    frame.to_csv(path, index=False)
    return str(path)


def _set(row: int, **values):
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        for column, value in values.items():
            frame.loc[row, column] = value
        return frame

    return change


CASES = [
    ("unknown sector", _set(0, sector="航天"), ":2:sector: '航天' is not a known sector"),
    ("unknown subsector", _set(0, subsector="光伏"), ":2:subsector: '光伏' is not a known subsector"),
    ("unknown kind", _set(1, kind="zone"), ":3:kind: 'zone' is not a known kind"),
    ("unknown level", _set(0, level="市级"), ":2:level: '市级' is not a known level"),
    ("bad id", _set(0, id="X 1"), ":2:id: 'X 1' does not look like"),
    ("duplicate id", lambda f: f.assign(id=[f["id"].iloc[0]] * len(f)), ":3:id: 'sei-3-1-01' is used twice"),
    ("span", _set(0, source_start="5", source_end="10"), ":2:source_start: span 5:10 holds"),
    ("not an int", _set(0, source_start="abc"), ":2:source_start: offsets 'abc'"),
    (
        "unknown county",
        _set(0, county_code="130638;139999"),
        ":2:county_code: '139999' is not a Hebei county",
    ),
    ("name mismatch", _set(1, prefecture_zh="石家庄市;保定市;天津市"), ":3:prefecture_zh:"),
    (
        "county outside prefecture",
        _set(0, county_code="130104;130629;130632", county_zh="桥西区;容城县;安新县"),
        "lies in prefecture 130100",
    ),
    ("point outside", _set(0, lon="119.5", lat="39.9"), ":2:lon: point (119.5, 39.9) is outside"),
    ("precision", _set(2, precision="prefecture"), ":4:precision: 'prefecture' does not fit"),
    (
        "curated without note",
        _set(2, evidence="curated", note=""),
        ":4:note: evidence 'curated' needs its basis",
    ),
    ("unplaced with point", _set(3, lon="115.0", lat="38.0"), ":5:lon: a record has a point exactly when"),
    ("empty name_en", _set(1, name_en=" "), ":3:name_en: is empty"),
]


@pytest.mark.parametrize("change, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_check_reports_its_problem(sample, context, tmp_path, change, expected):
    path = _write(change(sample.copy()), tmp_path / "records.csv")
    problems = validate_records(path, context=context)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith(path + ":") for p in problems)


def test_every_problem_is_reported_at_once(sample, context, tmp_path):
    broken = _set(0, sector="航天", kind="zone")(sample.copy())
    broken = _set(1, level="市级")(broken)
    assert len(validate_records(_write(broken, tmp_path / "r.csv"), context=context)) >= 3


def test_missing_column_is_reported(sample, context, tmp_path):
    problems = validate_records(_write(sample.drop(columns=["lon"]), tmp_path / "r.csv"), context=context)
    assert problems == [
        f"{tmp_path / 'r.csv'}:1:lon: column missing; the schema is in geodata/records/README.md"
    ]


def test_cli_exit_codes(sample, tmp_path, capsys):
    assert main(["validate", _write(sample, tmp_path / "ok.csv")]) == 0
    assert main(["validate", _write(_set(0, sector="航天")(sample.copy()), tmp_path / "bad.csv")]) == 1
    assert "sector: '航天'" in capsys.readouterr().out


def test_chunks_find_what_one_pass_finds(sample, context, tmp_path):
    broken = _set(0, sector="航天")(pd.concat([sample, sample], ignore_index=True))  # ids repeat in chunk 2
    path = _write(broken, tmp_path / "r.csv")
    messages: list[str] = []
    chunked = validate_records(path, context=context, chunk_rows=3, progress=messages.append)
    assert chunked == validate_records(path, context=context, chunk_rows=100)
    assert f"{path}:6:id: 'sei-3-1-01' is used twice; ids must be unique (first on line 2)" in chunked
    assert [m.split(" (")[0] for m in messages] == [
        "validated 3 rows",
        "validated 6 rows",
        "validated 8 rows",
    ]


def test_cli_size_limit_and_progress(sample, tmp_path, capsys):
    path = _write(sample, tmp_path / "r.csv")
    assert main(["validate", path, "--max-mb", "0.001"]) == 1
    assert "more than the limit of 0.001 MB; raise it with --max-mb" in capsys.readouterr().err
    assert main(["validate", path]) == 0
    assert "validated 4 rows (0/0 MB of r.csv)" in capsys.readouterr().err
