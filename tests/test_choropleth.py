"""Counts per unit and their equal-interval classes."""

from __future__ import annotations

import pandas as pd
import pytest

from cluster_map.web.choropleth import EMPTY_FILL, classify, unit_counts

COLORS = ["#1", "#2", "#3", "#4", "#5"]


def test_an_item_in_several_units_counts_once_in_each() -> None:
    records = pd.DataFrame(
        {
            "id": ["i1", "i2", "i3", "i4", "i5", "i5"],  # i5: two places in 130200
            "prefecture_code": ["130100", "130100;130600", "", "130600;130600", "130200", "130200"],
            "sector": ["a", "b", "a", "a", "a", "a"],
        }
    )
    assert unit_counts(records) == {"130100": 2, "130600": 2, "130200": 1}
    assert unit_counts(records, sector="a") == {"130100": 1, "130600": 1, "130200": 1}


@pytest.mark.parametrize(
    ("top", "labels", "colors"),
    [
        (0, [], []),
        (1, ["1"], ["#5"]),
        (3, ["1", "2", "3"], ["#1", "#3", "#5"]),
        (10, ["1–2", "3–4", "5–6", "7–8", "9–10"], COLORS),
        (12, ["1–3", "4–6", "7–9", "10–12"], ["#1", "#2", "#4", "#5"]),
    ],
)
def test_classes_span_one_to_the_top(top: int, labels: list[str], colors: list[str]) -> None:
    classes = classify({"a": top, "b": 0}, colors=COLORS)
    assert classes.labels() == labels
    assert list(classes.colors) == colors


def test_color_of_a_count() -> None:
    classes = classify({"a": 10}, colors=COLORS)
    assert [classes.color(n) for n in (0, 1, 2, 3, 10)] == [EMPTY_FILL, "#1", "#1", "#2", "#5"]
