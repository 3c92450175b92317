"""``python -m cluster_map profile PLACE``: counts equal those of ``export``, formats, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from item_tables import write_items_folder

from cluster_map.cli import main

PLACES = [  # (PLACE as typed, export's place option, code)
    ("唐山", "--prefecture", "130200"),
    ("正定县", "--county", "130123"),
    ("沿海", "--zone", "coastal"),
]
SECTORS = "新一代信息技术,高端装备,综合"  # the filter both commands get
HOSTILE = '<img src=x onerror="alert(1)">'


@pytest.fixture(scope="module")
def tiny_items(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two items in 唐山 (one named with markup and a spreadsheet formula) and one in 石家庄."""
    base = {"kind": "key_project", "sector": "新能源", "precision": "county", "source_section": "专栏1"}
    rows = pd.DataFrame(
        [
            {**base, "id": "t-1", "name_zh": HOSTILE, "prefecture_code": "130200", "county_code": "130203",
             "place_zh": "路北区", "lon": 118.2, "lat": 39.63},
            {**base, "id": "t-2", "name_zh": "=HYPERLINK(1)", "prefecture_code": "130200", "county_code": "130209",
             "place_zh": "曹妃甸区", "lon": 118.46, "lat": 39.27, "sector": "高端装备"},
            {**base, "id": "s-1", "name_zh": "石家庄项目", "prefecture_code": "130100", "county_code": "130102",
             "place_zh": "长安区", "lon": 114.54, "lat": 38.04},
        ]
    )  # fmt: skip
    return write_items_folder(tmp_path_factory.mktemp("profile") / "items", rows)


def profile_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["profile", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(("place", "option", "code"), PLACES)
def test_counts_equal_those_of_export_with_the_same_place_filter(place, option, code, tmp_path, capsys):
    out = tmp_path / "place.geojson"
    assert main(["export", "--format", "geojson", option, place, "--sector", SECTORS, "-o", str(out)]) == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    capsys.readouterr()
    profile = profile_json(capsys, place, "--sector", SECTORS)
    assert profile["place"]["code"] == code
    assert profile["item_count"] == len(features) == len(profile["items"]) > 0
    assert sum(profile["counts"]["sector"].values()) == len(features)
    assert {i["id"] for i in profile["items"]} == {f["properties"]["id"] for f in features}
    assert all(item["mentions"] and item["mentions"][0]["sentence"] for item in profile["items"])


def test_json_names_the_zones_and_counties(capsys):
    profile = profile_json(capsys, "130200")
    assert [zone["id"] for zone in profile["zones"]] == ["coastal"]
    assert all(county["code"].startswith("1302") and county["items"] > 0 for county in profile["counties"])
    assert profile["filter"] == {"prefecture": ["130200"]}


def test_csv_is_one_row_per_item_with_formulas_neutralised(tiny_items, capsys):
    assert main(["profile", "唐山", "--items", str(tiny_items), "--format", "csv"]) == 0
    text = capsys.readouterr().out
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("id,name_zh,name_en,kind,sector")
    assert len(lines) == 1 + 2
    assert "'=HYPERLINK(1)" in text and "石家庄项目" not in text


def test_html_goes_to_profile_code_html_by_default(tiny_items, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["profile", "唐山", "--items", str(tiny_items)]) == 0
    assert "profile_130200.html: 2 items" in capsys.readouterr().out
    page = (tmp_path / "profile_130200.html").read_text(encoding="utf-8")
    assert "<img" not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert main(["profile", "唐山", "--items", str(tiny_items), "--lang", "en", "-o", "b/en.html"]) == 0
    assert '<html lang="en">' in (tmp_path / "b" / "en.html").read_text(encoding="utf-8")


def test_an_unknown_place_is_a_usage_error_quoting_it(capsys):
    assert main(["profile", "火星", "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert "'火星' is no prefecture, county or zone" in captured.err and captured.out == ""


def test_bad_filter_values_are_errors_and_the_place_comes_from_place(capsys):
    assert main(["profile", "唐山", "--sector", "火箭"]) == 1
    assert "火箭" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["profile", "唐山", "--prefecture", "石家庄"])
    assert exit_info.value.code == 2
