"""Shared fixtures: the committed data, read once per session; the map tests' context and records."""

from __future__ import annotations

import geopandas as gpd
import pytest
from map_records import make_map_context, records_frame

from cluster_map.core.boundaries import read_boundaries
from cluster_map.own.addresses import AddressGazetteer, load_address_gazetteer
from cluster_map.own.units import UnitIndex, load_unit_index
from cluster_map.web.context import MapContext


@pytest.fixture(scope="session")
def counties() -> gpd.GeoDataFrame:
    return read_boundaries("county")


@pytest.fixture(scope="session")
def prefectures() -> gpd.GeoDataFrame:
    return read_boundaries("prefecture")


@pytest.fixture(scope="session")
def province() -> gpd.GeoDataFrame:
    return read_boundaries("province")


@pytest.fixture(scope="session")
def units() -> UnitIndex:
    """The county index of the own-data join (full-weight boundaries), read once."""
    return load_unit_index()


@pytest.fixture(scope="session")
def gazetteer() -> AddressGazetteer:
    """The address gazetteer of the own-data join, read once."""
    return load_address_gazetteer()


@pytest.fixture(scope="module")
def map_context(tmp_path_factory: pytest.TempPathFactory) -> MapContext:
    """The map's layers, taxonomy and catalog, with boundary files in a static folder of its own."""
    return make_map_context(tmp_path_factory.mktemp("static"))


@pytest.fixture()
def records() -> gpd.GeoDataFrame:
    """The map tests' eight records (tests/map_records.py), fresh for each test."""
    return records_frame()
