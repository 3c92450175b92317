"""The point layer's binary columns: layout, codes, the filter the browser applies, the file name."""

from __future__ import annotations

import base64
import hashlib

import geopandas as gpd
import numpy as np
import pytest
import shapely

from cluster_map.core.crs import convert
from cluster_map.core.taxonomy import load_taxonomy
from cluster_map.web.point_columns import browser_filter, point_columns, write_point_file

TAXONOMY = load_taxonomy()
SECTORS = list(TAXONOMY.sectors)
KINDS = list(TAXONOMY.kinds)


def _records(n: int = 6) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(
        {
            "id": [f"r{i}" for i in range(n)],
            "sector": [SECTORS[i % 3] for i in range(n)],
            "kind": [KINDS[i % 2] for i in range(n)],
            "level": (["", "国家级"] * n)[:n],
            "prefecture_code": ["130200", "130200", "130300", "130300;130200", "130100", ""][:n],
            "county_code": ["130203", "", "130302", "", "", ""][:n],
        },
        geometry=[shapely.Point(118 + i / 10, 39 + i / 10) for i in range(n - 1)] + [None],
        crs="EPSG:4326",
    )
    return frame


def _decode(data: bytes, n: int) -> dict[str, np.ndarray]:
    """Read the file as point_layer.js does: each column padded to 4 bytes."""
    columns, offset = {}, 0
    for name, dtype, size in (
        ("x", "<f4", 4),
        ("y", "<f4", 4),
        ("unit", "<u2", 2),
        ("sector", "u1", 1),
        ("kl", "u1", 1),
    ):
        columns[name] = np.frombuffer(data, dtype=dtype, count=n, offset=offset)
        offset += n * size + (-(n * size) % 4)
    assert offset == len(data)
    return columns


def test_only_placed_rows_become_points_of_12_bytes() -> None:
    columns = point_columns(_records(), taxonomy=TAXONOMY, system="wgs84")
    assert columns.rows.tolist() == [0, 1, 2, 3, 4]
    # x and y 20 bytes each, unit 10 (+2 padding), sector and kind-level 5 each (+3 padding)
    assert len(columns.to_bytes()) == 20 + 20 + 12 + 8 + 8


def test_codes_read_back_to_the_records_values() -> None:
    records = _records()
    columns = point_columns(records, taxonomy=TAXONOMY, system="wgs84")
    got = _decode(columns.to_bytes(), len(columns))
    assert np.allclose(got["x"], [118 + i / 10 for i in range(5)], atol=1e-5)
    assert [columns.sectors[c] for c in got["sector"]] == list(records["sector"][:5])
    assert [columns.kinds[c >> 4] for c in got["kl"]] == list(records["kind"][:5])
    assert [columns.levels[c & 15] for c in got["kl"]] == list(records["level"][:5])
    # the county where there is one, else the prefecture; several prefectures: no unit
    assert [columns.units[c] for c in got["unit"]] == ["130203", "130200", "130302", "", "130100"]


def test_amap_points_are_shifted_to_gcj02() -> None:
    records = _records()
    columns = point_columns(records, taxonomy=TAXONOMY, system="gcj02")
    x, y = convert(np.array([118.0]), np.array([39.0]), source="wgs84", target="gcj02")
    assert columns.x[0] == pytest.approx(x[0], abs=1e-5) and columns.y[0] == pytest.approx(y[0], abs=1e-5)


def _codes_keep(columns, lists) -> np.ndarray:  # type: ignore[no-untyped-def]
    """The browser's test of a codes filter (point_layer.js _applyFilter), in numpy."""
    keep = np.ones(len(columns), dtype=bool)
    for name, codes in (
        ("sector", columns.sector),
        ("kind", columns.kind_level >> 4),
        ("level", columns.kind_level & 15),
        ("unit", columns.unit),
    ):
        if lists[name] is not None:
            keep &= np.isin(codes, lists[name])
    return keep


def test_everything_kept_sends_nothing() -> None:
    columns = point_columns(_records(), taxonomy=TAXONOMY, system="wgs84")
    assert browser_filter(columns, np.ones(6, dtype=bool)) is None


def test_a_filter_by_sector_is_sent_as_codes_that_keep_exactly_those_points() -> None:
    records = _records()
    columns = point_columns(records, taxonomy=TAXONOMY, system="wgs84")
    kept = (records["sector"] == SECTORS[0]).to_numpy()
    sent = browser_filter(columns, kept)
    assert sent is not None and set(sent) == {"codes"}
    assert sent["codes"]["sector"] == [SECTORS.index(SECTORS[0]) + 1] and sent["codes"]["kind"] is None
    assert _codes_keep(columns, sent["codes"]).tolist() == kept[columns.rows].tolist()


def test_a_filter_codes_cannot_say_is_sent_as_a_bit_mask() -> None:
    records = _records(3)
    records["county_code"] = ["130203", "130302", "130302"]
    records["sector"] = [SECTORS[0], SECTORS[1], SECTORS[0]]
    records = records.set_geometry([shapely.Point(118, 39)] * 3)
    columns = point_columns(records, taxonomy=TAXONOMY, system="wgs84")
    kept = np.array([True, True, False])  # its codes (sector 0 or 1, either county) would keep the third
    sent = browser_filter(columns, kept)
    assert sent is not None and set(sent) == {"mask"}
    bits = np.unpackbits(np.frombuffer(base64.b64decode(sent["mask"]), dtype=np.uint8))[: len(columns)]
    assert bits.astype(bool).tolist() == kept[columns.rows].tolist()


def test_the_file_name_is_keyed_and_stable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    columns = point_columns(_records(), taxonomy=TAXONOMY, system="wgs84")
    name = write_point_file(columns, tmp_path)
    assert write_point_file(columns, tmp_path) == name  # the same data, the same file
    assert (tmp_path / name).read_bytes() == columns.to_bytes()
    assert hashlib.sha256(columns.to_bytes()).hexdigest()[:40] not in name  # not derivable from the data
    assert len(name) == 44 and name.endswith(".bin")


def test_meta_lists_units_with_their_prefecture_and_point() -> None:
    columns = point_columns(_records(), taxonomy=TAXONOMY, system="wgs84")
    meta = columns.meta(
        taxonomy=TAXONOMY,
        unit_points={"130203": (118.1, 39.6), "130200": (118.2, 39.7)},
        parents={"130203": "130200", "130302": "130300"},
    )
    units = {u[0]: u for u in meta["units"]}
    assert meta["n"] == 5 and len(meta["sectorColors"]) == len(SECTORS) + 1
    assert meta["units"][units["130203"][1]][0] == "130200"  # a county points at its prefecture
    assert "130300" in units  # a prefecture that only holds counties is listed for far-out counts
    assert units["130302"][2] is None  # no point known: not drawn as a bubble


def test_files_older_than_a_day_are_removed_when_a_new_one_is_written(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import time

    old, recent = tmp_path / "old.bin", tmp_path / "recent.bin"
    for path in (old, recent):
        path.write_bytes(b"x")
    os.utime(old, (time.time() - 2 * 24 * 3600,) * 2)
    write_point_file(point_columns(_records(), taxonomy=TAXONOMY, system="wgs84"), tmp_path)
    assert not old.exists() and recent.exists()
