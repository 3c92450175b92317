"""The Streamlit app in-process (AppTest): filters reach the map, the URL round-trips, English, escaping."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
import streamlit
from app_harness import APP, RunApp, app_runner, dialog_titles, widget
from map_records import HOSTILE, drawn_record_ids, point_features, records_table, write_records_csv
from streamlit.testing.v1 import AppTest

from cluster_map.core.fields import FILTER_FIELDS
from cluster_map.core.i18n import t
from cluster_map.core.items import item_count, placed_item_ids, read_item_rows

ALL_PLACED = ["t-1", "t-2", "t-3", "t-4", "t-5", "t-7", "t-8"]


@pytest.fixture()
def run_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> RunApp:
    """Run app.py on the test records, with the given URL query parameters."""
    return app_runner(tmp_path, monkeypatch)


def script(app: AppTest) -> str:
    """The map script the component receives, and the view (a feature group's script) it applies."""
    (component,) = app.get("component_instance")
    args = json.loads(component.proto.json_args)
    return args["script"] + "\n" + (args["feature_group"] or "")


def query(app: AppTest) -> dict[str, list[str]]:
    """The URL query parameters after the run, each as a list."""
    params = app.query_params
    return {key: list(params[key]) if isinstance(params[key], list) else [params[key]] for key in params}


def test_runs_and_draws_every_placed_record(run_app: RunApp) -> None:
    app = run_app()
    assert drawn_record_ids(script(app)) == ALL_PLACED
    assert "筛选保留 8 / 8 项：地图上 7 项，规划未给出地点 1 项。" in [i.value for i in app.info]
    assert app.title[0].value == "河北省“十四五”新兴产业与科技创新布局地图"
    buttons = {b.proto.label: b for b in app.get("download_button")}
    assert set(buttons) == {"下载筛选结果", "下载 CSV", "下载 XLSX"}  # the items, the matrix (CSV, XLSX)
    assert all(b.proto.deferred_file_id for b in buttons.values())  # bytes made on click


def test_sessions_on_the_same_view_share_one_map_build(
    run_app: RunApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The map and the view are built once for every session (issue 16, cost per user); each gets the same script."""
    from cluster_map.ui import marker_view

    first = script(run_app(sector="新能源"))
    builds: list[str] = []
    monkeypatch.setattr(marker_view, "marker_base_map", lambda *a, **k: builds.append("map"))
    monkeypatch.setattr(marker_view, "marker_view_group", lambda *a, **k: builds.append("view"))
    assert script(run_app(sector="新能源")) == first and builds == []


def test_a_filter_change_keeps_the_map_and_sends_a_new_view(run_app: RunApp) -> None:
    """The component's script (the Leaflet map) stays when the filter changes; only the view differs."""
    whole, energy = run_app(), run_app(sector="新能源")
    (before,), (after,) = whole.get("component_instance"), energy.get("component_instance")
    args_before, args_after = json.loads(before.proto.json_args), json.loads(after.proto.json_args)
    assert args_before["script"] == args_after["script"]
    assert args_before["feature_group"] != args_after["feature_group"]
    assert "data-record-id" not in script(energy)  # popups come from the popup book, by row
    assert drawn_record_ids(script(energy)) != drawn_record_ids(script(whole))
    (one,), (other,) = (run_app(choropleth=sector).get("component_instance") for sector in ("新能源", "生物"))
    assert (
        json.loads(one.proto.json_args)["script"] == json.loads(other.proto.json_args)["script"]
    )  # counts: the view


@pytest.mark.parametrize(
    ("params", "drawn"),
    [
        ({"sector": "新能源"}, ["t-1", "t-7"]),
        ({"kind": "key_project"}, ["t-1", "t-7"]),
        ({"level": "国家级"}, ["t-3"]),
        ({"prefecture": "保定市"}, ["t-3", "t-4", "t-5"]),
        ({"zone": "coastal"}, ["t-1", "t-7"]),
        ({"doc": "sti"}, ["t-8"]),
        ({"q": "hydrogen"}, ["t-1"]),
        ({"sector": ["新能源", "生物"], "kind": "key_project"}, ["t-1", "t-7"]),
    ],
)
def test_each_filter_in_the_url_changes_what_the_map_draws(
    run_app: RunApp, params: dict, drawn: list[str]
) -> None:
    assert drawn_record_ids(script(run_app(**params))) == drawn


def test_sidebar_filter_reaches_the_map_and_the_url(run_app: RunApp) -> None:
    app = run_app()
    widget(app, "multiselect", "领域").set_value(["新能源"]).run()
    assert drawn_record_ids(script(app)) == ["t-1", "t-7"]
    assert query(app) == {"sector": ["新能源"]}
    widget(app, "text_input", "搜索名称、地点或原文").set_value("曹妃甸").run()
    assert drawn_record_ids(script(app)) == ["t-1"]
    assert query(app) == {"sector": ["新能源"], "q": ["曹妃甸"]}


def test_every_registry_field_has_its_widget(run_app: RunApp) -> None:
    """The sidebar draws one widget per field of cluster_map.core.fields.FILTER_FIELDS, named by its label."""
    app = run_app(lang="en")
    for field in FILTER_FIELDS:
        widget(app, "multiselect" if field.multiple else "text_input", t(field.label, "en"))


def test_url_round_trip(run_app: RunApp) -> None:
    params = {
        "sector": "新能源",
        "kind": "key_project",
        "lang": "en",
        "basemap": "osm",
        "choropleth": "新能源",
    }
    app = run_app(**params)
    assert query(app) == {key: [value] for key, value in params.items()}
    assert widget(app, "multiselect", "Sector").value == ["新能源"]
    assert widget(app, "multiselect", "Kind").value == ["key_project"]
    assert app.toggle(key="w_en").value is True
    assert widget(app, "selectbox", "Base map").value == "osm"
    assert "tile.openstreetmap.org" in script(app)


def test_prefecture_names_in_the_url_become_codes(run_app: RunApp) -> None:
    assert query(run_app(prefecture="保定")) == {"prefecture": ["130600"]}


def test_unknown_url_values_are_reported_not_fatal(run_app: RunApp) -> None:
    app = run_app(sector=["新能源", "bogus"], colour="red", basemap="bing")
    assert app.warning[0].value == "链接中有无法识别的筛选条件，已忽略："
    lines = app.text[0].value.splitlines()
    assert (
        lines[0].startswith("领域：没有“bogus”（可选：新一代信息技术、高端装备")
        and "未知参数“colour”" in lines
    )
    assert lines[2].startswith("底图：没有“bing”（可选：无底图（离线可用）")
    assert drawn_record_ids(script(app)) == ["t-1", "t-7"]
    assert query(app) == {"sector": ["新能源"]}


def test_clear_button_resets_the_filter(run_app: RunApp) -> None:
    app = run_app(sector="新能源", q="x")
    app.button(key="clear").click().run()
    assert drawn_record_ids(script(app)) == ALL_PLACED
    assert query(app) == {}


def test_english_switch(run_app: RunApp) -> None:
    app = run_app()
    app.toggle(key="w_en").set_value(True).run()
    text = script(app)
    assert app.title[0].value.startswith("Hebei 14th Five-Year Plans")
    assert "Key projects (2)" in text and "重点项目" not in text
    assert widget(app, "multiselect", "Sector").value == []
    assert query(app) == {"lang": ["en"]}
    assert any(f["properties"]["tip"] == "Caofeidian hydrogen project" for f in point_features(text))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_name_is_escaped(run_app: RunApp, lang: str) -> None:
    app = run_app(lang=lang)
    text = script(app)
    assert "<img" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in [f["properties"]["tip"] for f in point_features(text)]
    (table,) = [d.value for d in app.dataframe if t("field_name", lang) in d.value.columns]
    assert HOSTILE in table.iloc[:, 0].tolist()  # the items table shows it as text


def test_map_assets_are_local_and_tianditu_needs_a_key(
    run_app: RunApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = run_app()
    (component,) = app.get("component_instance")
    args = json.loads(component.proto.json_args)
    assert all(url.startswith("/app/static/") for url in args["js_links"] + args["css_links"])
    assert args["returned_objects"] == ["selected_tags"]  # only the map's own messages rerun the app
    assert "天地图（矢量）" not in widget(app, "selectbox", "底图").options  # options are shown by label
    monkeypatch.setenv("TIANDITU_KEY", "test-key")
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert "天地图（矢量）" in widget(app, "selectbox", "底图").options


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("名称,编号\n".encode("gbk"), "looks like GBK"),
        (b"", "empty"),
    ],
    ids=["gbk", "empty"],
)
def test_a_bad_items_file_gives_a_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, message: str
) -> None:
    folder = write_records_csv(tmp_path / "items")
    bad = folder / "items.csv"
    bad.write_bytes(content)
    monkeypatch.setenv("CLUSTER_MAP_ITEMS", str(folder))
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not app.exception
    (error,) = app.error
    assert (
        error.value.startswith("规划事项文件无法读取：")
        and message in error.value
        and str(bad) in error.value
    )


def test_download_leaves_out_items_that_fail_validation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16, fault 6 in the app: an item placed outside Hebei is not downloaded, and the page says so."""
    folder = write_records_csv(tmp_path / "items")
    places = pd.read_csv(folder / "places.csv", dtype=str, keep_default_na=False)
    places.loc[0, ["lon", "lat"]] = ["100.0", "30.0"]  # in Sichuan, far outside Hebei
    places.to_csv(folder / "places.csv", index=False)
    rows = read_item_rows(folder)
    kept, placed = item_count(rows), len(placed_item_ids(rows))
    monkeypatch.setenv("CLUSTER_MAP_ITEMS", str(folder))
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not app.exception
    assert [w.value for w in app.warning] == [t("download_left_out", "zh", count=1)]
    assert t("kept", "zh", kept=kept, total=kept, placed=placed, unplaced=kept - placed) in [
        i.value for i in app.info
    ]


def test_a_geopackage_download_carries_the_boundary_layers(
    run_app: RunApp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The app gives export the taxonomy and the boundary layers it loaded once (export reads nothing)."""
    made: dict[str, bytes] = {}

    def download_button(label: str, data: Callable[[], bytes], **kwargs: object) -> bool:
        made[str(kwargs["file_name"])] = data()  # what a click would make
        return False

    monkeypatch.setattr(streamlit, "download_button", download_button)
    app = run_app(sector="新能源")
    for fmt in ("gpkg", "kml"):
        widget(app, "selectbox", t("format", "zh")).set_value(fmt).run()
        assert not app.exception, app.exception
    names = sorted(made)
    assert [name.rsplit(".", 1)[1] for name in names] == ["geojson", "gpkg", "kml"]
    gpkg = tmp_path / "download.gpkg"
    gpkg.write_bytes(made["hebei_plan_items_sector-新能源_wgs84.gpkg"])
    layers = [name for name, _ in pyogrio.list_layers(gpkg)]
    assert layers == ["items", "prefectures", "counties", "zones", "mentions"]
    assert b"<Folder>" in made["hebei_plan_items_sector-新能源_wgs84.kml"]


def test_a_link_with_a_former_record_id_opens_the_item_that_replaced_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = records_table()
    table["former_ids"] = ["old-" + str(i) for i in table["id"]]
    monkeypatch.setenv("CLUSTER_MAP_ITEMS", str(write_records_csv(tmp_path / "items", table)))
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.query_params["item"] = "old-t-3"
    app.run()
    assert not app.exception and not app.warning  # no "unknown item" problem
    assert app.session_state["v_item"] == "t-3"


def test_a_profile_link_shows_what_the_plans_put_in_the_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 12: ?profile=130200 opens 唐山市's profile; its count is the items placed there."""
    monkeypatch.setenv("CLUSTER_MAP_ITEMS", str(write_records_csv(tmp_path / "items")))
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.query_params["profile"] = "130200"
    app.run()
    assert not app.exception
    assert dialog_titles(app) == ["地点档案：唐山市"]
    tangshan = {m.label: m.value for m in app.metric}
    expected = records_table()
    assert tangshan["规划事项"] == str(
        expected[expected["prefecture_code"].str.contains("130200")]["id"].nunique()
    )
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.query_params["profile"] = "火星"
    app.run()
    assert "火星" in app.text[0].value  # an unknown place is a URL problem, and no profile opens
    assert dialog_titles(app) == []


def test_a_removed_popup_file_is_written_again_on_the_next_run(run_app: RunApp) -> None:
    """Day-old files go when another book is written; the map's book must still be there."""
    from cluster_map.web.assets import STATIC_DIR

    app = run_app()
    (name,) = set(re.findall(r"/popups/([0-9a-f]{40})", script(app)))
    files = sorted((STATIC_DIR / "popups").glob(f"{name}-*.json"))
    assert files
    for path in files:
        path.unlink()
    app.run()
    assert all(path.is_file() for path in files)
