"""The popup book: every placed row's popup per record layer, in files of 100 rows with keyed names."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
from map_records import view_state

from cluster_map.web.context import MapContext
from cluster_map.web.map_view import marker_base_map, marker_view_group
from cluster_map.web.popup_book import BOOK_CHUNK_ROWS, book_files, popup_book, write_popup_book


def _view_script(records: gpd.GeoDataFrame, context: MapContext) -> str:
    fmap = marker_base_map(records, context=context, popup_book="/app/static/popups/x")
    group = marker_view_group(records, context=context, popups_by_row=True).add_to(fmap)
    return group.get_root().render()


def test_the_book_has_the_popup_of_each_placed_row_of_each_record_layer(
    records: gpd.GeoDataFrame, map_context: MapContext
) -> None:
    book = popup_book(records, context=map_context, lang="zh")
    assert set(book) == {0}  # eight rows: one file
    keys = book[0]
    rows = {int(key.split(":")[1]) for key in keys}
    placed = {int(row) for row in records.index[records.geometry.notna()]}
    assert rows == placed  # t-6 (row 5) has no place and no popup
    layer, row = next(key.split(":") for key in keys if key.endswith(":0"))
    assert 'data-record-id="t-1"' in keys[f"{layer}:{row}"]
    assert all(keys[key].count('data-record-id="') == 1 for key in keys)


def test_the_view_sends_rows_not_popups(records: gpd.GeoDataFrame, map_context: MapContext) -> None:
    script = _view_script(records, map_context)
    assert "data-record-id" not in script
    assert script.index("ClusterMap.popupBook(") < script.index("ClusterMap.points(")  # before any marker
    book = popup_book(records, context=map_context, lang="zh")[0]
    layers = view_state(script)["layers"]
    markers = [(layer, f) for layer, args in layers.items() if len(args) == 2 for f in args[0]["features"]]
    assert {f["properties"]["rid"] for _, f in markers} == {"t-1", "t-2", "t-3", "t-7", "t-8"}
    for layer, feature in markers:  # each marker's row opens its own record's popup
        properties = feature["properties"]
        assert "popup" not in properties
        assert f'data-record-id="{properties["rid"]}"' in book[f"{layer}:{properties['row']}"]
    zones = layers["zones"][1]
    assert zones["xiongan"]["rows"] == [3] and zones["xiongan"]["heading"].startswith("雄安新区")
    assert "popup" not in zones["xiongan"]


def test_files_are_written_once_under_keyed_names(
    records: gpd.GeoDataFrame, map_context: MapContext, tmp_path: Path
) -> None:
    book = popup_book(records, context=map_context, lang="en")
    name, files = book_files(book)
    assert re.fullmatch(r"[0-9a-f]{40}", name) and set(files) == {f"{name}-0.json"}
    assert write_popup_book(name, files, tmp_path) == name
    written = tmp_path / f"{name}-0.json"
    assert json.loads(written.read_text(encoding="utf-8")) == book[0]
    written.unlink()  # removed meanwhile: written again
    write_popup_book(name, files, tmp_path)
    assert written.is_file()
    assert book_files(popup_book(records, context=map_context, lang="zh"))[0] != name  # per language


def test_rows_go_to_files_of_a_hundred(records: gpd.GeoDataFrame, map_context: MapContext) -> None:
    many = records.iloc[[0] * 250].reset_index(drop=True)
    book = popup_book(many, context=map_context, lang="zh")
    assert sorted(book) == [0, 1, 2]
    assert {int(key.split(":")[1]) // BOOK_CHUNK_ROWS for key in book[1]} == {1}
