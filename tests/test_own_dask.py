"""The Dask engine: a GBK CSV joined on a LocalCluster, partition by partition, equals the in-process join."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from distributed import Client, LocalCluster
from own_files import own_rows

from cluster_map.core.errors import UsageError
from cluster_map.own import engine_dask
from cluster_map.own.addresses import AddressGazetteer
from cluster_map.own.columns import ColumnRoles
from cluster_map.own.engine_dask import dask_join
from cluster_map.own.join import JoinOptions, JoinResult, join_own
from cluster_map.own.read import OwnFileError, read_own_file
from cluster_map.own.units import UnitIndex

ROLES = ColumnRoles("经度", "纬度", "企业名称", "注册地址", "所属行业")
SECTORS = {"光伏组件制造": "新能源", "生物医药": "生物", "工业机器人": "高端装备"}
OPTIONS = JoinOptions(ROLES, system="gcj02", sector_map=SECTORS)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """Two worker processes: every partition is pickled to a worker and back."""
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def gbk_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """4000 enterprises in GCJ-02, GBK-encoded; some without coordinates, two not numbers, one far away."""
    frame, _ = own_rows(4000, system="gcj02", seed=21)
    frame.loc[::40, ["经度", "纬度"]] = ""  # 100 rows placed by their address
    frame.loc[[7, 8], "经度"] = ["东经116度", "N/A"]  # not numbers: placed by address too
    frame.loc[9, ["经度", "纬度"]] = ["126.6", "45.7"]  # Harbin: outside Hebei, kept with its reason
    frame.loc[40, "注册地址"] = "北京市朝阳区"  # no coordinates and another province: not placed
    path = tmp_path_factory.mktemp("own") / "enterprises.csv"
    frame.to_csv(path, index=False, encoding="gbk")
    return path


@pytest.fixture(scope="module")
def small_frame() -> pd.DataFrame:
    frame, _ = own_rows(300, system="gcj02", seed=22)
    frame.loc[::9, "经度"] = ""
    return frame


@pytest.fixture(scope="module")
def in_process(gbk_file: Path, units: UnitIndex, gazetteer: AddressGazetteer) -> JoinResult:
    return join_own(read_own_file(gbk_file), OPTIONS, units=units, gazetteer=gazetteer)


def test_the_cluster_join_equals_the_in_process_join(
    client: Client, gbk_file: Path, in_process: JoinResult, units: UnitIndex, gazetteer: AddressGazetteer
) -> None:
    heard: list[tuple[float, str]] = []
    rows = dask_join(
        gbk_file,
        OPTIONS,
        blocksize="64KB",
        units=units,
        gazetteer=gazetteer,
        progress=lambda fraction, message: heard.append((fraction, message)),
    )
    pd.testing.assert_series_equal(JoinResult(rows).county_counts(), in_process.county_counts())
    pd.testing.assert_frame_equal(rows, in_process.rows)
    assert set(rows["cm_placed_by"]) == {"coordinates", "address", ""}
    assert rows.loc[9, "cm_problem"] == "outside Hebei" and "北京" in rows.loc[40, "cm_problem"]
    joined = [message for _, message in heard if message.startswith("partition ")]
    assert len(joined) > 2 and heard[-1] == (1.0, "done: 4000 rows")  # partitions each heard on the cluster
    assert [f for f, _ in heard] == sorted(f for f, _ in heard)


def test_a_scheduler_address_connects_to_the_running_cluster(
    client: Client, gbk_file: Path, in_process: JoinResult, units: UnitIndex, gazetteer: AddressGazetteer
) -> None:
    address = client.scheduler.address
    assert address.startswith("tcp://")
    rows = dask_join(
        gbk_file, OPTIONS, scheduler=address, blocksize="256KB", units=units, gazetteer=gazetteer
    )
    pd.testing.assert_frame_equal(rows, in_process.rows)


def _shared_vertices(units: UnitIndex, count: int) -> np.ndarray:
    """Vertices of county borders that lie in two or more counties."""
    found: list[np.ndarray] = []
    for polygon in units.counties.geometry.values[:20]:
        xy = shapely.get_coordinates(polygon)[::7]
        hits = units.counties.sindex.query(shapely.points(xy), predicate="intersects")
        many = np.flatnonzero(np.bincount(hits[0], minlength=len(xy)) > 1)
        found.append(xy[many])
    return np.concatenate(found)[:count]


def test_a_point_on_a_shared_border_gets_the_in_process_county(
    client: Client, tmp_path: Path, units: UnitIndex, gazetteer: AddressGazetteer
) -> None:
    xy = _shared_vertices(units, 60)
    frame = pd.DataFrame(
        {"lon": [repr(float(v)) for v in xy[:, 0]], "lat": [repr(float(v)) for v in xy[:, 1]]}
    )
    path = tmp_path / "borders.csv"
    frame.to_csv(path, index=False)
    options = JoinOptions(ColumnRoles(lon="lon", lat="lat"))
    table = read_own_file(path)
    points = shapely.points(pd.to_numeric(table.frame["lon"]), pd.to_numeric(table.frame["lat"]))
    hits = units.counties.sindex.query(points, predicate="intersects")[0]
    assert len(xy) == 60 and (np.bincount(hits, minlength=len(points)) >= 2).all()
    expected = join_own(table, options, units=units, gazetteer=gazetteer).rows
    rows = dask_join(path, options, blocksize="1KB", units=units, gazetteer=gazetteer)
    pd.testing.assert_frame_equal(rows, expected)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_each_encoding_on_the_synchronous_scheduler(
    encoding: str, small_frame: pd.DataFrame, tmp_path: Path, units: UnitIndex, gazetteer: AddressGazetteer
) -> None:
    frame = small_frame
    path = tmp_path / "list.csv"
    frame.to_csv(path, index=False, encoding=encoding)
    rows = dask_join(
        path, OPTIONS, scheduler="synchronous", blocksize="8KB", units=units, gazetteer=gazetteer
    )
    expected = join_own(read_own_file(path), OPTIONS, units=units, gazetteer=gazetteer).rows
    pd.testing.assert_frame_equal(rows, expected)
    assert list(rows.columns[:2]) == ["企业名称", "注册地址"]  # no byte order mark in the first name


@pytest.mark.parametrize("name", ["list.xlsx", "parks.geojson", "parks.gpkg", "parks.zip"])
def test_other_formats_are_refused_with_what_to_do(name: str, tmp_path: Path) -> None:
    with pytest.raises(
        UsageError, match=r"the dask engine reads CSV files \(\.csv, \.txt\) only; convert it"
    ):
        dask_join(tmp_path / name, OPTIONS)


def test_unreadable_files_and_missing_columns_are_said(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("企业名称,经度\n甲,116\n".encode("utf-16"))
    with pytest.raises(OwnFileError, match="is UTF-16 text"):
        dask_join(path, OPTIONS, scheduler="synchronous")
    path.write_bytes(b"name\n\xff\xff\n")
    with pytest.raises(OwnFileError, match="neither UTF-8 nor GBK/GB18030"):
        dask_join(path, OPTIONS, scheduler="synchronous")
    path.write_bytes("企业名称,注册地址,所属行业,经度,纬度\n".encode())
    with pytest.raises(OwnFileError, match="has a header but no rows"):
        dask_join(path, OPTIONS, scheduler="synchronous")
    path.write_bytes("企业名称,经度,纬度\n甲,116,39\n".encode())
    with pytest.raises(UsageError, match="no column address='注册地址', industry='所属行业'"):
        dask_join(path, OPTIONS, scheduler="synchronous")
    with pytest.raises(OwnFileError, match="does not exist"):
        dask_join(tmp_path / "missing.csv", OPTIONS, scheduler="synchronous")


def test_an_encoding_that_changes_past_the_head_or_a_bad_row_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, units: UnitIndex, gazetteer: AddressGazetteer
) -> None:
    monkeypatch.setattr(engine_dask, "HEAD_BYTES", 64)
    path = tmp_path / "list.csv"
    # UTF-8 for 300 kB, past the head and dask's sample of the file, then a row in GBK
    head = "企业名称,注册地址,所属行业,经度,纬度\n" + "甲,石家庄市正定县,钢铁,,\n" * 10_000
    path.write_bytes(head.encode() + "乙,保定市雄县,光伏,,\n".encode("gbk"))
    with pytest.raises(OwnFileError, match="changes its encoding after its first 64 bytes"):
        dask_join(path, OPTIONS, scheduler="synchronous", units=units, gazetteer=gazetteer)
    path.write_bytes(head.encode() + "乙,保定市雄县,光伏,,,,\n".encode())
    with pytest.raises(OwnFileError, match=r"is not a readable CSV table .*check its separators and quotes"):
        dask_join(path, OPTIONS, scheduler="synchronous", units=units, gazetteer=gazetteer)
