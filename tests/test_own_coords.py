"""Coordinates: parsed, swapped axes noticed, each system shifted back to WGS84."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cluster_map.core import crs
from cluster_map.core.errors import UsageError
from cluster_map.own.coords import OWN_SYSTEMS, looks_swapped, parse_coordinates, to_wgs84


def test_parse_marks_non_numbers_and_keeps_empty_apart() -> None:
    parsed = parse_coordinates(pd.Series(["114.5", "", "东经116", "115"]), pd.Series(["38", "", "39", "N/A"]))
    assert parsed.given.tolist() == [True, False, False, False]
    assert parsed.not_numeric.tolist() == [False, False, True, True]


def test_swapped_axes_are_noticed() -> None:
    lon, lat = pd.Series(["38.0", "39.1", "40.2"]), pd.Series(["114.5", "116.2", "117.9"])
    assert looks_swapped(parse_coordinates(lon, lat))
    assert not looks_swapped(parse_coordinates(lat, lon))


@pytest.mark.parametrize("system", OWN_SYSTEMS)
def test_each_system_comes_back_to_wgs84(system: str) -> None:
    x, y = np.array([114.51, 118.17, np.nan]), np.array([38.04, 39.63, np.nan])
    given = crs.convert(x, y, source="wgs84", target=system) if system in ("gcj02", "bd09") else (x, y)
    back = to_wgs84(*given, system=system)
    np.testing.assert_allclose(back[0][:2], x[:2], atol=1e-5)
    np.testing.assert_allclose(back[1][:2], y[:2], atol=1e-5)
    assert np.isnan(back[0][2])


def test_unknown_system_is_refused() -> None:
    with pytest.raises(UsageError, match="'baidu' is not known"):
        to_wgs84(np.array([1.0]), np.array([1.0]), system="baidu")
