"""Own rows exported in every format and CRS: read back, counted, shifted, labelled, formulas kept as text."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pyogrio
import pytest
import shapely
from own_files import own_rows

from cluster_map.core.crs import wgs84_to_gcj02
from cluster_map.core.csv_output import neutralise_formula
from cluster_map.core.errors import ClusterMapError
from cluster_map.export.base import ExportError
from cluster_map.export.kml import KML_NS
from cluster_map.export.own_rows import (
    OWN_EXPORT_FORMATS,
    check_own_format_and_crs,
    own_export_name,
    own_rows_bytes,
    own_rows_file,
    own_rows_in_crs,
)
from cluster_map.export.registry import CRS_CHOICES, FORMATS
from cluster_map.own.addresses import load_address_gazetteer
from cluster_map.own.columns import detect_columns
from cluster_map.own.join import ADDED_COLUMNS, JoinOptions, join_own
from cluster_map.own.read import read_own_bytes
from cluster_map.own.units import load_unit_index

COMBINATIONS = [(fmt, crs) for fmt, entry in OWN_EXPORT_FORMATS.items() for crs in entry.crs_choices]
SPREADSHEETS = ("csv", "xlsx")
NOTES = ["=1+1", "+86", "-5", "@SUM(A1)", "0311", "长安区“引号”, 逗号", "", "两行\n文本", "<b>&</b>", "普通"]
NS = {"k": KML_NS}


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    """Ten joined rows: placed by coordinates, one by address, two not placed; formula-like cells."""
    frame, _ = own_rows(10, seed=21)
    frame["备注"] = NOTES
    frame.loc[1, "企业名称"] = '=HYPERLINK("http://example.com")'
    frame.loc[[0, 2], "所属行业"] = "光伏组件制造"
    frame.loc[3, "所属行业"] = "生物医药"
    frame.loc[6, ["经度", "纬度"]] = ""  # placed by its address, at its county
    frame.loc[7, ["经度", "注册地址"]] = ["abc", "火星基地"]  # not placed
    frame.loc[8, ["经度", "纬度", "注册地址"]] = ""  # not placed
    table = read_own_bytes(frame.to_csv(index=False).encode(), name="x.csv")
    options = JoinOptions(
        detect_columns(list(table.frame.columns)),
        system="wgs84",
        sector_map={"光伏组件制造": "新能源", "生物医药": "生物"},
    )
    joined = join_own(table, options, units=load_unit_index(), gazetteer=load_address_gazetteer()).rows
    assert joined["cm_lon"].isna().sum() == 2 and (joined["cm_placed_by"] == "address").sum() == 1
    return joined


def _as_text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


def _shapefile(path: Path, crs: str) -> pd.DataFrame:
    """The zip's shapefile with the full column names (from field_names.csv)."""
    file = f"own_rows_{CRS_CHOICES[crs].tag}.shp"
    with zipfile.ZipFile(path) as archive:
        fields = pd.read_csv(io.BytesIO(archive.read("field_names.csv")), encoding="utf-8-sig", dtype=str)
    frame = pyogrio.read_dataframe(f"/vsizip/{path}/{file}")
    return frame.rename(columns=dict(zip(fields["field"], fields["full_name"], strict=True)))


def read_back(data: bytes, fmt: str, crs: str, folder: Path) -> pd.DataFrame:
    """The rows of an exported file, in cm_row order, with the rows' column names."""
    path = folder / own_export_name(fmt=fmt, crs=crs)
    path.write_bytes(data)
    if fmt == "csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if fmt == "xlsx":
        header, *values = openpyxl.load_workbook(path).active.values
        return pd.DataFrame(values, columns=header)
    if fmt == "shp":
        return _shapefile(path, crs)
    if fmt == "kml":
        layers = [gpd.read_file(path, layer=name) for name in pyogrio.list_layers(path)[:, 0]]
        frame = pd.concat(layers, ignore_index=True)
        return frame.sort_values("cm_row", key=lambda s: s.astype(int)).reset_index(drop=True)
    return gpd.read_file(path)


def _coordinates(got: pd.DataFrame, fmt: str, crs: str) -> tuple[np.ndarray, np.ndarray]:
    if fmt in SPREADSHEETS:
        tag = CRS_CHOICES[crs].tag
        lon, lat = (pd.to_numeric(got[f"cm_{axis}_{tag}"].replace("", np.nan)) for axis in ("lon", "lat"))
        return lon.to_numpy(float), lat.to_numpy(float)
    geoms = np.asarray(got.geometry.values, dtype=object)
    return shapely.get_x(geoms), shapely.get_y(geoms)


def _expected(rows: pd.DataFrame, crs: str) -> tuple[np.ndarray, np.ndarray]:
    lon, lat = rows["cm_lon"].to_numpy(float), rows["cm_lat"].to_numpy(float)
    if crs == "gcj02":
        lon, lat = wgs84_to_gcj02(lon, lat)
    return np.round(lon, 6), np.round(lat, 6)


def _check_crs_label(got: pd.DataFrame, data: bytes, fmt: str, crs: str) -> None:
    if fmt in SPREADSHEETS:
        assert f"cm_lon_{CRS_CHOICES[crs].tag}" in got.columns
    elif crs != "gcj02":
        assert got.crs.to_epsg() == int(crs)
    elif fmt in ("gpkg", "shp"):
        assert "GCJ-02" in got.crs.name  # a custom CRS of that name
    else:  # GeoJSON and KML have no way to label GCJ-02 but words
        assert got.crs.to_epsg() == 4326 and "GCJ-02" in data.decode("utf-8")
        if fmt == "geojson":
            assert json.loads(data)["coordinate_system"] == "GCJ-02"


def test_formats_and_crs_choices_follow_the_plan_registry() -> None:
    assert list(OWN_EXPORT_FORMATS) == [*FORMATS, "xlsx"]
    for key, entry in OWN_EXPORT_FORMATS.items():
        assert entry.crs_choices == FORMATS["csv" if key == "xlsx" else key].crs_choices
        assert entry.suffix == (".xlsx" if key == "xlsx" else FORMATS[key].suffix)
    assert OWN_EXPORT_FORMATS["kml"].crs_choices == ("4326", "gcj02")
    assert len(COMBINATIONS) == 17


@pytest.mark.parametrize(("fmt", "crs"), COMBINATIONS)
def test_every_format_and_crs_round_trips(rows: pd.DataFrame, fmt: str, crs: str, tmp_path: Path) -> None:
    data = own_rows_bytes(rows, fmt=fmt, crs=crs)
    got = read_back(data, fmt, crs, tmp_path)
    assert len(got) == len(rows)
    assert [int(v) for v in got["cm_row"]] == rows["cm_row"].tolist()
    for column in ("注册地址", "cm_county_zh", "cm_prefecture_zh", "cm_sector", "cm_problem"):
        assert [_as_text(v) for v in got[column]] == rows[column].tolist(), column
    spreadsheet = fmt in SPREADSHEETS  # formulas neutralised there only; GIS files keep the text as written
    assert [_as_text(v) for v in got["备注"]] == [neutralise_formula(n) if spreadsheet else n for n in NOTES]
    _check_crs_label(got, data, fmt, crs)
    lon, lat = _coordinates(got, fmt, crs)
    want_lon, want_lat = _expected(rows, crs)
    np.testing.assert_allclose(lon, want_lon, atol=1.5e-6)
    np.testing.assert_allclose(lat, want_lat, atol=1.5e-6)
    assert np.isnan(lon).sum() == 2  # the unplaced rows are kept, without a place
    if spreadsheet:  # cm_lon/cm_lat stay WGS 84 beside the export CRS's columns
        np.testing.assert_allclose(pd.to_numeric(got["cm_lon"].replace("", np.nan)), rows["cm_lon"])


def test_gcj02_is_shifted_and_cgcs2000_is_not(rows: pd.DataFrame) -> None:
    frames = {crs: own_rows_in_crs(rows, crs) for crs in CRS_CHOICES}
    x = {crs: shapely.get_x(np.asarray(f.geometry.values, dtype=object)) for crs, f in frames.items()}
    placed = ~np.isnan(x["4326"])
    np.testing.assert_array_equal(x["4490"], x["4326"])
    assert (np.abs(x["gcj02"] - x["4326"])[placed] > 1e-3).all()  # hundreds of metres
    assert frames["4490"].crs.to_epsg() == 4490 and frames["gcj02"].crs.name == "GCJ-02"


def test_csv_neutralises_formulas_and_leaves_numbers(rows: pd.DataFrame) -> None:
    text = own_rows_bytes(rows, fmt="csv", crs="gcj02").decode("utf-8-sig")
    got = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert got["备注"].tolist()[:5] == ["'=1+1", "+86", "-5", "'@SUM(A1)", "0311"]
    assert got.loc[1, "企业名称"] == '\'=HYPERLINK("http://example.com")'
    for cell in got.to_numpy().ravel():
        assert not cell.startswith(("=", "@", "\t", "\r")), cell
        if cell.startswith(("+", "-")):
            float(cell)  # a number a spreadsheet reads as a number, never a formula


def test_xlsx_cells_are_text_never_formulas(rows: pd.DataFrame) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(own_rows_bytes(rows, fmt="xlsx"))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    header = [cell.value for cell in next(sheet.iter_rows())]
    notes = [row[header.index("备注")] for row in sheet.iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in notes[:5]] == [
        ("'=1+1", "s"),
        ("+86", "s"),
        ("-5", "s"),
        ("'@SUM(A1)", "s"),
        ("0311", "s"),
    ]
    lon = [row[header.index("cm_lon_wgs84")] for row in sheet.iter_rows(min_row=2)]
    assert lon[0].data_type == "n" and lon[7].value is None


def test_kml_names_placemarks_and_sorts_them_into_folders(rows: pd.DataFrame) -> None:
    root = ET.fromstring(own_rows_bytes(rows, fmt="kml", crs="gcj02"))
    folders = {
        folder.findtext("k:name", namespaces=NS): [
            p.findtext("k:name", namespaces=NS) for p in folder.findall("k:Placemark", NS)
        ]
        for folder in root.iter(f"{{{KML_NS}}}Folder")
    }
    names = rows["企业名称"]
    placed = rows["cm_lon"].notna()
    assert folders["新能源"] == names[placed & (rows["cm_sector"] == "新能源")].tolist()
    assert folders["生物"] == names[placed & (rows["cm_sector"] == "生物")].tolist()
    unplaced = [
        name for folder, members in folders.items() if folder.startswith("未定位") for name in members
    ]
    assert unplaced == names[~placed].tolist()
    assert "GCJ-02" in root.findtext("k:Document/k:description", namespaces=NS)
    by_address = ET.fromstring(own_rows_bytes(rows, fmt="kml", name_column="注册地址"))
    labels = {p.findtext("k:name", namespaces=NS) for p in by_address.iter(f"{{{KML_NS}}}Placemark")}
    assert labels == {*rows["注册地址"][rows["注册地址"] != ""], "#9"}


def test_shapefile_zip_has_cpg_fields_readme_and_whole_texts(rows: pd.DataFrame) -> None:
    long_rows = rows.copy()
    long_rows.loc[0, "注册地址"] = "河北" * 100  # 600 bytes: cut in the DBF, whole in the CSV
    archive = zipfile.ZipFile(io.BytesIO(own_rows_bytes(long_rows, fmt="shp", crs="gcj02")))
    assert {"own_rows_gcj02.shp", "own_rows_gcj02.dbf", "own_rows_gcj02.prj", "README.txt"} <= set(
        archive.namelist()
    )
    assert archive.read("own_rows_gcj02.cpg").strip() == b"UTF-8"
    assert "GCJ-02" in archive.read("README.txt").decode("utf-8-sig")
    fields = pd.read_csv(
        io.BytesIO(archive.read("field_names.csv")), encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    address = fields[fields["full_name"] == "注册地址"].iloc[0]
    assert address["truncated_values"] == "1" and "join on cm_row" in address["note"]
    whole = pd.read_csv(io.BytesIO(archive.read("own_rows_gcj02.csv")), encoding="utf-8-sig", dtype=str)
    assert whole.loc[0, "注册地址"] == "河北" * 100 and "cm_lon_gcj02" in whole.columns


@pytest.mark.parametrize("fmt", ["gpkg", "geojson", "csv"])
def test_columns_named_like_file_internals_are_kept(rows: pd.DataFrame, fmt: str, tmp_path: Path) -> None:
    odd = rows.copy()
    internals = ("geometry", "fid", "geom")  # GeoPackage's default FID and geometry names, geopandas'
    for column in internals:
        odd.insert(0, column, f"{column}-值")
    path = tmp_path / own_export_name(fmt=fmt, crs="4326")
    path.write_bytes(own_rows_bytes(odd, fmt=fmt))
    if fmt == "csv":
        got = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    else:  # without geometry, so that the reader's own "geometry" does not hide the attribute
        got = pyogrio.read_dataframe(path, read_geometry=False)
        assert pyogrio.read_dataframe(path).geometry.notna().sum() == len(rows) - 2
    assert len(got) == len(rows)
    for column in internals:
        assert set(got[column]) == {f"{column}-值"}, column


@pytest.mark.parametrize("fmt", list(OWN_EXPORT_FORMATS))
def test_no_rows_make_an_empty_file(rows: pd.DataFrame, fmt: str, tmp_path: Path) -> None:
    crs = OWN_EXPORT_FORMATS[fmt].crs_choices[0]
    data = own_rows_bytes(rows.iloc[0:0], fmt=fmt, crs=crs)
    if fmt == "kml":
        assert ET.fromstring(data).find(".//k:Placemark", NS) is None
    else:
        assert len(read_back(data, fmt, crs, tmp_path)) == 0


def test_file_names_and_download() -> None:
    assert own_export_name(fmt="kml", crs="gcj02") == "own_rows_gcj02.kml"
    assert own_export_name(fmt="shp", crs="EPSG:4490", stem="企业名单") == "企业名单_cgcs2000.zip"
    assert own_export_name(fmt="xlsx", crs=4326) == "own_rows_wgs84.xlsx"
    entry, system = check_own_format_and_crs("xlsx", "GCJ-02")
    assert entry.mime.endswith("spreadsheetml.sheet") and system.key == "gcj02"


def test_download_carries_name_and_mime(rows: pd.DataFrame) -> None:
    exported = own_rows_file(rows, fmt="geojson", crs="4490", stem="名单")
    assert exported.file_name == "名单_cgcs2000.geojson" and exported.mime == "application/geo+json"
    assert json.loads(exported.data)["name"] == "名单_cgcs2000"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            {"fmt": "docx"},
            "format 'docx' is not offered for your own rows; use one of: geojson, gpkg, shp, kml, csv, xlsx",
        ),
        ({"fmt": "csv", "crs": "3857"}, "crs '3857' is not known; use one of: 4326, 4490, gcj02"),
        ({"fmt": "kml", "crs": "4490"}, "KML is WGS 84 by definition"),
        ({"fmt": "kml", "crs": "4490"}, "Use crs one of: 4326, gcj02"),
        ({"fmt": "xlsx", "crs": "bd09"}, "crs 'bd09' is not known"),
        (
            {"fmt": "kml", "name_column": "名字"},
            "name_column '名字' is not a column of the rows; use one of: 企业名称",
        ),
    ],
)
def test_bad_requests_say_what_to_use(rows: pd.DataFrame, call: dict[str, str], message: str) -> None:
    with pytest.raises(ExportError) as raised:
        own_rows_bytes(rows, **call)
    assert message in str(raised.value)
    assert isinstance(raised.value, ClusterMapError) and isinstance(raised.value, ValueError)


def test_rows_that_are_not_joined_or_repeat_a_column_are_refused(rows: pd.DataFrame) -> None:
    with pytest.raises(ExportError, match=r"lack the column\(s\) cm_lon, cm_lat; export the rows join_own"):
        own_rows_bytes(rows.drop(columns=["cm_lon", "cm_lat"]), fmt="csv")
    doubled = pd.concat([rows, rows[["cm_sector"]]], axis=1)
    with pytest.raises(ExportError, match="'cm_sector' more than once"):
        own_rows_bytes(doubled, fmt="gpkg")
    with pytest.raises(ExportError, match="cannot start a file name"):
        own_export_name(fmt="csv", crs="4326", stem="a/b")
    assert set(ADDED_COLUMNS) <= set(rows.columns)


def test_a_filtered_view_exports_its_rows_and_kml_falls_back_to_row_numbers(rows: pd.DataFrame) -> None:
    view = rows[rows["cm_sector"] != ""]
    assert 0 < len(view) < len(rows) and view.index[1] != 1
    got = pd.read_csv(io.BytesIO(own_rows_bytes(view, fmt="csv")), dtype=str, encoding="utf-8-sig")
    assert got["cm_row"].tolist() == [str(r) for r in view["cm_row"]]
    kml = ET.fromstring(own_rows_bytes(view.drop(columns=["企业名称"]), fmt="kml"))
    names = {p.findtext("k:name", namespaces=NS) for p in kml.iter(f"{{{KML_NS}}}Placemark")}
    assert names == {f"#{r}" for r in view["cm_row"]}
