"""One session's uploaded data is never visible to another, and never written where others could fetch it."""

from __future__ import annotations

import base64
from pathlib import Path

import pandas as pd
from own_files import own_rows
from streamlit.testing.v1 import AppTest

from cluster_map.core.taxonomy import load_taxonomy
from cluster_map.own.columns import detect_columns
from cluster_map.own.join import JoinOptions, join_own
from cluster_map.own.read import read_own_bytes
from cluster_map.own.units import load_unit_index
from cluster_map.web.boundary_files import write_boundary_files
from cluster_map.web.context import load_map_context
from cluster_map.web.own_map import build_own_map, own_point_columns


def _session_script() -> None:
    import streamlit as st

    from cluster_map.ui.own_data import own_session, read_upload

    data = st.session_state.get("upload")
    if data:
        read_upload("file-1", "list.csv", data)
    held = own_session()
    st.write(f"rows={len(held.table) if held else 0}")


def test_an_upload_stays_in_its_session() -> None:
    first, second = AppTest.from_function(_session_script), AppTest.from_function(_session_script)
    first.session_state["upload"] = "名称,经度,纬度\n甲,114.5,38.0\n乙,115.0,39.0\n".encode("gbk")
    first.run()
    second.run()
    assert [m.value for m in first.markdown] == ["rows=2"]
    assert [m.value for m in second.markdown] == ["rows=0"]
    first.run()  # the same session sees its data again
    assert [m.value for m in first.markdown] == ["rows=2"]


def test_own_points_travel_inside_the_page_not_as_a_file(tmp_path: Path) -> None:
    frame, _ = own_rows(60, seed=8)
    table = read_own_bytes(frame.to_csv(index=False).encode(), name="list.csv")
    rows = join_own(
        table, JoinOptions(detect_columns(list(table.frame.columns))), units=load_unit_index()
    ).rows
    columns = own_point_columns(rows, taxonomy=load_taxonomy(), system="wgs84")
    static = tmp_path / "static"
    context = load_map_context(write_boundary_files(static), base_url="/app/static", static_dir=static)
    before = sorted(p for p in static.rglob("*") if p.is_file())
    html = build_own_map(
        columns, context=context, county_counts={}, unit_points={}, lang="zh", basemap="none"
    )
    page = html.get_root().render()
    assert sorted(p for p in static.rglob("*") if p.is_file()) == before  # nothing written for the rows
    encoded = base64.b64encode(columns.to_bytes()).decode("ascii")
    assert f"data:application/octet-stream;base64,{encoded}" in page
    assert len(columns) == int(pd.to_numeric(rows["cm_lon"]).notna().sum()) == 60
