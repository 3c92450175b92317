"""``matrix`` and ``compare`` on the command line: the app's counts, in CSV, XLSX and JSON."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from cluster_map.cli import main
from cluster_map.core.catalog import load_catalog
from cluster_map.core.comparison import compare_places, sector_matrix
from cluster_map.core.filters import FilterChoices, FilterSpec, apply_filters
from cluster_map.core.items import read_item_rows
from cluster_map.core.profiles import ProfilePlace
from cluster_map.core.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def rows():
    return read_item_rows()


@pytest.fixture(scope="module")
def choices(rows):
    return FilterChoices.build(rows, catalog=load_catalog(), taxonomy=load_taxonomy())


def _stdout(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_the_matrix_json_is_the_app_matrix_under_the_same_filter(capsys, rows, choices):
    data = json.loads(_stdout(capsys, "matrix", "--format", "json", "--kind", "key_project"))
    filtered = apply_filters(rows, FilterSpec(kinds=("key_project",)), choices=choices)
    matrix = sector_matrix(filtered, catalog=choices.catalog)
    assert data["filter"] == {"kind": ["key_project"]} and data["level"] == "prefecture"
    assert [u["code"] for u in data["units"]] == list(matrix.columns)
    assert data["counts"] == {s: {c: int(n) for c, n in row.items()} for s, row in matrix.iterrows()}
    assert data["total"] == int(matrix.to_numpy().sum()) > 0


def test_the_matrix_csv_has_totals_and_names(capsys, rows):
    text = _stdout(capsys, "matrix", "--within", "唐山")
    table = pd.read_csv(io.StringIO(text.lstrip("\ufeff")))
    assert list(table.columns)[:3] == ["领域", "路南区", "路北区"] and table.columns[-1] == "合计"
    assert table.iloc[-1, 0] == "合计"
    body = table.iloc[:-1, 1:-1]
    assert table.iloc[-1, -1] == int(body.to_numpy().sum()) == int(table.iloc[:-1, -1].sum())


def test_the_comparison_is_the_profiles_side_by_side(capsys, rows, choices):
    data = json.loads(
        _stdout(capsys, "compare", "唐山", "正定县", "沿海", "--format", "json", "--sector", "高端装备")
    )
    places = [
        ProfilePlace("prefecture", "130200"),
        ProfilePlace("county", "130123"),
        ProfilePlace("zone", "coastal"),
    ]
    table, _ = compare_places(rows, places, FilterSpec(sectors=("高端装备",)), choices=choices)
    assert [p["code"] for p in data["places"]] == ["130200", "130123", "coastal"]
    assert data["rows"][0] == {"field": "items", "value": "", "counts": table.iloc[0].to_dict()}
    assert len(data["rows"]) == len(table)


def test_the_comparison_as_xlsx_carries_the_filter(tmp_path: Path, capsys):
    out = tmp_path / "cmp.xlsx"
    assert (
        main(
            [
                "compare",
                "唐山",
                "沧州",
                "--format",
                "xlsx",
                "-o",
                str(out),
                "--lang",
                "en",
                "--kind",
                "industrial_base",
            ]
        )
        == 0
    )
    assert "items: Tangshan" in capsys.readouterr().out
    book = load_workbook(out)
    assert book.sheetnames == ["Counts", "Filter"]
    header = [c.value for c in book["Counts"][1]]
    assert header == ["Counted", "Value", "Tangshan", "Cangzhou"]
    assert [c.value for c in book["Filter"][2]] == ["kind", "industrial_base"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compare", "唐山", "沧州", "保定", "廊坊", "邯郸", "邢台"], "compare 1 to 5 places, not 6"),
        (["compare", "火星"], "'火星' is no prefecture, county or zone"),
        (["matrix", "--within", "正定县"], "--within '正定县' is no prefecture"),
        (["matrix", "--format", "pdf"], "invalid choice: 'pdf'"),
    ],
)
def test_bad_input_is_one_clear_message(capsys, args, message):
    with pytest.raises(SystemExit) if "--format" in args else contextlib.nullcontext():
        assert main(args) == 1
    assert message in capsys.readouterr().err
