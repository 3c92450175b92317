"""GCJ-02 / BD-09 conversions: the published reference pair, round trips, outside-China pass-through."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pyproj
import pytest
import shapely

from cluster_map.core import crs

GEOD = pyproj.Geod(ellps="WGS84")


def metres(lon1, lat1, lon2, lat2) -> np.ndarray:
    return np.asarray(GEOD.inv(lon1, lat1, lon2, lat2)[2])


@pytest.fixture(scope="module")
def hebei_grid() -> tuple[np.ndarray, np.ndarray]:
    lon, lat = np.meshgrid(np.linspace(113.4, 119.9, 120), np.linspace(36.0, 42.7, 120))
    return lon.ravel(), lat.ravel()


def test_published_reference_pair_within_one_metre():
    lon, lat = crs.wgs84_to_gcj02(116.404, 39.915)
    assert metres(lon, lat, 116.41024, 39.91640) < 1.0


def test_gcj02_offset_in_hebei_is_hundreds_of_metres(hebei_grid):
    lon, lat = hebei_grid
    offset = metres(lon, lat, *crs.wgs84_to_gcj02(lon, lat))
    assert offset.min() > 100 and offset.max() < 1000


def test_gcj02_round_trip_under_half_a_metre_over_hebei(hebei_grid):
    lon, lat = hebei_grid
    back = crs.gcj02_to_wgs84(*crs.wgs84_to_gcj02(lon, lat))
    assert metres(lon, lat, *back).max() < 0.5


def test_inverse_is_better_than_the_one_step_approximation(hebei_grid):
    lon, lat = hebei_grid
    gx, gy = crs.wgs84_to_gcj02(lon, lat)
    fx, fy = crs.wgs84_to_gcj02(gx, gy)
    one_step = metres(lon, lat, 2 * gx - fx, 2 * gy - fy).max()
    iterative = metres(lon, lat, *crs.gcj02_to_wgs84(gx, gy)).max()
    assert iterative < 0.01 < one_step


def test_bd09_round_trip(hebei_grid):
    lon, lat = hebei_grid
    back = crs.bd09_to_gcj02(*crs.gcj02_to_bd09(lon, lat))
    assert metres(lon, lat, *back).max() < 0.01


def test_bd09_is_east_and_north_of_gcj02():
    bx, by = crs.gcj02_to_bd09(116.41024, 39.91640)
    assert 0.005 < bx - 116.41024 < 0.008 and 0.005 < by - 39.91640 < 0.008


@pytest.mark.parametrize("lon, lat", [(2.35, 48.85), (-74.0, 40.7), (139.7, 35.7), (100.0, 0.5)])
def test_points_outside_china_pass_through(lon, lat):
    assert crs.out_of_china(lon, lat)
    assert crs.wgs84_to_gcj02(lon, lat) == (lon, lat)
    assert crs.gcj02_to_wgs84(lon, lat) == (lon, lat)


def test_convert_chains_through_gcj02():
    direct = crs.gcj02_to_bd09(*crs.wgs84_to_gcj02(115.5, 38.9))
    chained = crs.convert(115.5, 38.9, source="wgs84", target="bd09")
    np.testing.assert_allclose(chained, direct)
    np.testing.assert_allclose(crs.convert(*chained, source="bd09", target="wgs84"), (115.5, 38.9), atol=1e-9)


def test_convert_rejects_an_unknown_system_and_names_the_known_ones():
    with pytest.raises(ValueError, match=r"'mars'.*wgs84"):
        crs.convert(1, 2, source="mars", target="wgs84")


def test_geometry_keeps_its_kind_and_shifts_every_vertex():
    square = shapely.box(115.0, 38.0, 115.1, 38.1)
    shifted = crs.transform_geometry(square, source="wgs84", target="gcj02")
    assert shifted.geom_type == "Polygon"
    before, after = shapely.get_coordinates(square), shapely.get_coordinates(shifted)
    assert (metres(before[:, 0], before[:, 1], after[:, 0], after[:, 1]) > 100).all()


def test_frame_round_trip_and_label():
    frame = gpd.GeoDataFrame(geometry=[shapely.Point(114.5, 38.0)], crs="EPSG:4326")
    gcj = crs.transform_frame(frame, source="wgs84", target="gcj02")
    assert gcj.attrs["coordinate_system"] == "gcj02" and frame.geometry.iloc[0].x == 114.5
    back = crs.transform_frame(gcj, source="gcj02", target="wgs84")
    assert back.geometry.iloc[0].distance(frame.geometry.iloc[0]) < 1e-8


@pytest.mark.parametrize(
    "frame, message",
    [
        (gpd.GeoDataFrame(geometry=[shapely.Point(114.5, 38.0)]), "no CRS"),
        (gpd.GeoDataFrame(geometry=[shapely.Point(500000, 4200000)], crs=crs.HEBEI_METRIC), "projected"),
    ],
)
def test_frame_needs_a_geographic_crs(frame, message):
    with pytest.raises(ValueError, match=message):
        crs.transform_frame(frame, source="wgs84", target="gcj02")


def test_cgcs2000_and_metric_crs():
    assert crs.CGCS2000.to_epsg() == 4490
    assert crs.HEBEI_METRIC.axis_info[0].unit_name == "metre"
