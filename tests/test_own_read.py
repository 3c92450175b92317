"""Reading a user's file: each encoding and format, and each bad input with its message."""

from __future__ import annotations

import io
import zipfile

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from cluster_map.own.read import OwnFileError, read_own_bytes, read_own_file

TABLE = pd.DataFrame(
    {
        "企业名称": ["甲公司", "=HYPERLINK(1)"],
        "经度": ["114.5", "115.1"],
        "纬度": ["38.0", "038.9"],
        "代码": ["001", ""],
    }
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_each_encoding_reads_as_text(encoding: str) -> None:
    table = read_own_bytes(TABLE.to_csv(index=False).encode(encoding), name="list.csv")
    pd.testing.assert_frame_equal(table.frame, TABLE)
    assert table.encoding == ("UTF-8" if encoding.startswith("utf") else "GBK/GB18030")


def test_xlsx_reads_as_text(tmp_path) -> None:
    path = tmp_path / "list.xlsx"
    plain = TABLE.assign(企业名称=["甲公司", "乙公司"])  # pandas would write "=..." as a formula
    plain.to_excel(path, index=False)
    table = read_own_file(path)
    assert table.frame["企业名称"].tolist() == ["甲公司", "乙公司"]
    assert table.frame["经度"].tolist() == ["114.5", "115.1"]


def _geo() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"名称": ["甲", "乙"]},
        geometry=[shapely.Point(114.5, 38.0), shapely.box(115, 39, 115.2, 39.2)],
        crs=4490,
    )


@pytest.mark.parametrize(("suffix", "driver"), [(".geojson", "GeoJSON"), (".gpkg", "GPKG")])
def test_geographic_files_keep_their_shapes(tmp_path, suffix: str, driver: str) -> None:
    path = tmp_path / f"parks{suffix}"
    _geo().to_file(path, driver=driver)
    table = read_own_file(path)
    assert table.frame["名称"].tolist() == ["甲", "乙"]
    assert table.geometry is not None and table.geometry.crs.equals("EPSG:4326")
    assert table.geometry.iloc[0].equals(shapely.Point(114.5, 38.0))


def test_zipped_shapefile(tmp_path) -> None:
    folder = tmp_path / "shp"
    folder.mkdir()
    _geo().iloc[:1].to_file(folder / "parks.shp", encoding="utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in folder.iterdir():
            archive.write(part, part.name)
    table = read_own_bytes(buffer.getvalue(), name="parks.zip")
    assert table.frame["名称"].tolist() == ["甲"] and table.geometry is not None


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "a.csv", "is empty"),
        (b"name,lon,lat\n", "a.csv", "no rows"),
        ("名称\n甲".encode("utf-16"), "a.csv", "UTF-16"),
        (b"\x81\x30\xff\xff\xfe", "a.csv", "neither UTF-8 nor GBK"),
        (b"a,b\n1,2\n", "a.docx", "has the suffix '.docx'"),
        (b"not a zip", "a.zip", "not a zip archive"),
        (b"not a workbook", "a.xlsx", "not a readable .xlsx"),
        (b"{not json", "a.geojson", "not a readable GeoJSON"),
    ],
)
def test_bad_files_get_one_clear_message(data: bytes, name: str, message: str) -> None:
    with pytest.raises(OwnFileError, match=message):
        read_own_bytes(data, name=name)


def test_too_large_file_is_refused_before_reading(tmp_path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"a\n" + b"1\n" * 600_000)
    with pytest.raises(OwnFileError, match="more than the limit of 1 MB"):
        read_own_file(path, max_mb=1)
    with pytest.raises(OwnFileError, match="more than the limit of 1 MB"):
        read_own_bytes(path.read_bytes(), name="big.csv", max_mb=1)
