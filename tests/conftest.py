"""Shared fixtures: the committed data, read once per session."""

from __future__ import annotations

import geopandas as gpd
import pytest

from cluster_map.core.boundaries import read_boundaries


@pytest.fixture(scope="session")
def counties() -> gpd.GeoDataFrame:
    return read_boundaries("county")


@pytest.fixture(scope="session")
def prefectures() -> gpd.GeoDataFrame:
    return read_boundaries("prefecture")


@pytest.fixture(scope="session")
def province() -> gpd.GeoDataFrame:
    return read_boundaries("province")
