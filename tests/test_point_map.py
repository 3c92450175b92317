"""The large dataset's map: built once per dataset (no record in it), the view sent as a small group."""

from __future__ import annotations

import json

import numpy as np
import pytest

from cluster_map.core.items import read_item_rows
from cluster_map.web.context import MapContext
from cluster_map.web.leaflet import read_args
from cluster_map.web.map_view import HEBEI_BOUNDS
from cluster_map.web.point_columns import PointColumns, point_columns
from cluster_map.web.point_map import build_point_map, point_popup_html, point_view_group, points_bounds


@pytest.fixture(scope="module")
def rows():  # type: ignore[no-untyped-def]
    return read_item_rows()


@pytest.fixture(scope="module")
def columns(rows, map_context: MapContext) -> PointColumns:  # type: ignore[no-untyped-def]
    return point_columns(rows, taxonomy=map_context.taxonomy, system="wgs84")


def test_the_map_holds_the_files_url_and_codes_but_no_record(rows, columns, map_context) -> None:  # type: ignore[no-untyped-def]
    html = (
        build_point_map(
            columns,
            context=map_context,
            file_url="/app/static/points/abc.bin",
            unit_points={"130200": (118.2, 39.6)},
        )
        .get_root()
        .render()
    )
    layer = next(
        args for args in read_args(html).values() if args and args[0] == "/app/static/points/abc.bin"
    )
    meta, options = layer[1], layer[2]
    assert meta["n"] == len(columns) and options["pointsFromZoom"] > options["countiesFromZoom"]
    placed_names = rows.loc[columns.rows, "name_zh"]
    assert not any(name in html for name in placed_names)  # popups come on a pick, by row
    assert "point_layer.js" in html  # the runtime of the layer is loaded from the static folder


def test_the_map_depends_on_the_dataset_only(columns, map_context) -> None:  # type: ignore[no-untyped-def]
    def script() -> str:
        return (
            build_point_map(columns, context=map_context, file_url="/f.bin", unit_points={})
            .get_root()
            .render()
        )

    assert list(read_args(script()).values()) == list(read_args(script()).values())


def test_the_view_group_carries_filter_fit_and_pick() -> None:
    group = point_view_group(
        filter_state={"codes": {"sector": [2], "kind": None, "level": None, "unit": None}},
        bounds=[[39.0, 118.0], [40.0, 119.0]],
        pick={"index": "5", "html": "<b>x</b>", "nonce": "n1"},
    )
    element = next(iter(group._children.values()))
    state = json.loads(element.arguments.replace("\\u003c", "<").replace("\\u003e", ">"))[0]
    assert state["filter"]["codes"]["sector"] == [2] and state["fit"] == [[39.0, 118.0], [40.0, 119.0]]
    assert state["pick"] == {"index": "5", "html": "<b>x</b>", "nonce": "n1"}
    assert "</" not in element.arguments  # the popup's HTML cannot end the script element


def test_bounds_are_the_chosen_units_else_the_kept_points_else_hebei(columns, map_context) -> None:  # type: ignore[no-untyped-def]
    none = np.zeros(max(columns.rows) + 1, dtype=bool)
    assert points_bounds(columns, none, context=map_context) == HEBEI_BOUNDS
    west, south, east, north = map_context.catalog.bounds["130200"]
    assert points_bounds(columns, none, context=map_context, units=["130200"]) == [
        [south, west],
        [north, east],
    ]
    one = none.copy()
    one[columns.rows[0]] = True
    (s, w), (nn, e) = points_bounds(columns, one, context=map_context)
    assert (s, w) == (nn, e) == (pytest.approx(float(columns.y[0])), pytest.approx(float(columns.x[0])))


def test_a_picked_points_popup_is_the_markers_popup_escaped(rows, columns, map_context) -> None:  # type: ignore[no-untyped-def]
    hostile = rows.copy()
    position = int(columns.rows[0])
    hostile.loc[position, "name_zh"] = "<img src=x onerror=alert(1)>"
    html = point_popup_html(hostile, position, context=map_context, lang="zh")
    assert "<img" not in html and "&lt;img" in html
