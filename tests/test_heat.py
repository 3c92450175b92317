"""The heat scale of count tables."""

from __future__ import annotations

import pandas as pd

from cluster_map.ui.heat import heat_color, heat_styles


def test_the_ramp_runs_from_near_white_to_dark_red():
    assert heat_color(1, 10) == "#fff5eb"
    assert heat_color(10, 10) == "#b30000"
    assert heat_color(1, 1) == "#fff5eb"  # a table of ones is not all dark
    assert heat_color(99, 10) == "#b30000"


def test_styles_grey_zeros_and_leave_totals_plain():
    table = pd.DataFrame({"a": [0, 4, 4], "b": [1, 0, 1], "total": [1, 4, 5]}, index=["x", "y", "total"])
    styles = heat_styles(table)
    assert styles.loc["x", "a"] == "color: #b0b0b0"
    assert styles.loc["y", "a"].startswith("background-color: #b30000; color: #ffffff")
    assert styles.loc["x", "b"].startswith("background-color: #fff5eb; color: #1a1a1a")
    assert "font-weight" in styles.loc["total", "a"] and "font-weight" in styles.loc["x", "total"]
