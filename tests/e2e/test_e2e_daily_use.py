"""A planner's day on the map: filters that hold through any sequence, a map that fits every screen,
records one can link to, and a click on a prefecture that filters to it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from harness import PROJECT_ROOT
from mapapp import Expected, MapApp, label_key, poll

from cluster_map.core.boundaries import read_boundaries
from cluster_map.core.i18n import t
from cluster_map.core.items import item_count

pytestmark = pytest.mark.e2e

#: CLI option of each URL filter key (python -m cluster_map export --help).
CLI_OPTIONS = {"sector": "--sector", "kind": "--kind", "prefecture": "--prefecture", "q": "--search"}
HEBEI = [[36.05, 113.45], [42.6, 119.85]]  # [[south, west], [north, east]], inside the province outline


def cli_kept(query: dict[str, list[str]], tmp_path: Path) -> int:
    """How many records ``python -m cluster_map export`` writes for the same filters."""
    command = [
        sys.executable,
        "-m",
        "cluster_map",
        "export",
        "--format",
        "csv",
        "-o",
        str(tmp_path / "x.csv"),
    ]
    for key, values in query.items():
        for value in values:
            command += [CLI_OPTIONS[key], value]
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    return int(re.search(r": (\d+) (?:records|items)", done.stdout).group(1))  # type: ignore[union-attr]


def kept_summary(app: MapApp, expected: Expected, kept: int, query: dict[str, list[str]]) -> str:
    """The kept line for the query, after checking the CLI keeps as many items as the app's filter."""
    assert kept == item_count(expected.filtered(query)), query
    return expected.kept_line(query, app.lang)


def test_four_steps_through_the_sidebar_keep_every_selection(
    app: MapApp, expected: Expected, tmp_path: Path
) -> None:
    """Defect 1 of the map issue: 唐山市, 高端装备, + 绿色环保, 类型=重点项目, then a search and a base map."""
    app.open()
    steps = [
        ("prefecture", "唐山市", {"prefecture": ["唐山市"]}),
        ("sector", "高端装备", {"prefecture": ["唐山市"], "sector": ["高端装备"]}),
        ("sector", "绿色环保", {"prefecture": ["唐山市"], "sector": ["高端装备", "绿色环保"]}),
        (
            "kind",
            "重点项目",
            {"prefecture": ["唐山市"], "sector": ["高端装备", "绿色环保"], "kind": ["key_project"]},
        ),
    ]
    for field, label, query in steps:
        app.choose(field, label)
        kept = cli_kept(query, tmp_path)
        assert kept == item_count(expected.filtered(query))
        want = kept_summary(app, expected, kept, query)
        assert poll(app.kept_line, lambda line, want=want: line == want) == want, (field, label)
        assert [chip.split(" (")[0] for chip in app.chosen("prefecture")] == ["唐山市"]
    assert [chip.split(" (")[0] for chip in app.chosen("sector")] == ["高端装备", "绿色环保"]
    assert [chip.split(" (")[0] for chip in app.chosen("kind")] == ["重点项目"]
    app.search("唐山")
    app.select_box("basemap", t("basemap_osm", "zh"))
    query = {**steps[-1][2], "q": ["唐山"]}
    want = kept_summary(app, expected, cli_kept(query, tmp_path), query)
    assert poll(app.kept_line, lambda line: line == want) == want
    assert [chip.split(" (")[0] for chip in app.chosen("sector")] == ["高端装备", "绿色环保"]


def test_language_switch_keeps_the_filters(app: MapApp, expected: Expected, tmp_path: Path) -> None:
    app.open({"prefecture": "130200", "sector": "高端装备"})
    query = {"prefecture": ["唐山市"], "sector": ["高端装备"]}
    kept = cli_kept(query, tmp_path)
    for lang, prefecture, sector in [
        ("en", "Tangshan", "High-end equipment"),
        ("zh", "唐山市", "高端装备"),
    ] * 2:
        app.switch_language()
        assert app.lang == lang
        want = kept_summary(app, expected, kept, query)
        assert poll(app.kept_line, lambda line, want=want: line == want) == want
        assert [chip.split(" (")[0] for chip in app.chosen("prefecture")] == [prefecture]
        assert [chip.split(" (")[0] for chip in app.chosen("sector")] == [sector]


MAP_GEOMETRY_JS = """body => {
  const map = window.map, box = map.getContainer().getBoundingClientRect();
  const hebei = L.latLngBounds(%s);
  const controls = [...body.querySelectorAll('.leaflet-control')].map(c => {
    const r = c.getBoundingClientRect();
    return [c.className.split(' ')[0], r.width * r.height / (box.width * box.height)];
  });
  return {zoom: map.getZoom(), shows: map.getBounds().contains(hebei), controls: controls,
          size: [box.width, box.height]};
}"""


@pytest.mark.parametrize("viewport", [(390, 844), (1024, 768), (1400, 900)], ids=["phone", "1024", "1400"])
def test_map_fits_hebei_on_every_screen(app: MapApp, expected: Expected, viewport: tuple[int, int]) -> None:
    app.page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    app.open()
    app.wait_drawn(expected.drawn({}))
    app.page.wait_for_timeout(800)  # the frame sizes itself, then the map fits again
    geometry = app.map.locator("body").evaluate(MAP_GEOMETRY_JS % HEBEI)
    assert 6 <= geometry["zoom"] <= 10, geometry
    assert geometry["shows"], geometry
    assert geometry["size"][1] >= 360, geometry
    covering = {name: share for name, share in geometry["controls"] if share > 0.25}
    assert covering == {}, geometry
    app.page.screenshot(path=PROJECT_ROOT / "artifacts" / "e2e" / f"map_{viewport[0]}x{viewport[1]}_zh.png")


def test_filtered_map_zooms_to_the_prefecture(app: MapApp, expected: Expected) -> None:
    app.page.set_viewport_size({"width": 1024, "height": 768})
    app.open({"prefecture": "130200"})
    app.wait_drawn(expected.drawn({"prefecture": "130200"}))
    app.page.wait_for_timeout(800)
    west, south, east, north = (
        read_boundaries("prefecture", weight="web").set_index("adcode").loc["130200"].geometry.bounds
    )
    geometry = app.map.locator("body").evaluate(MAP_GEOMETRY_JS % [[south, west], [north, east]])
    assert geometry["shows"] and 7.5 <= geometry["zoom"] <= 10, geometry


POPUP_INSIDE_JS = """body => {
  const box = body.querySelector('.leaflet-container').getBoundingClientRect();
  const popup = body.querySelector('.leaflet-popup').getBoundingClientRect();
  const inside = popup.left >= box.left && popup.top >= box.top && popup.right <= box.right
    && popup.bottom <= box.bottom;
  const overlaps = [...body.querySelectorAll('.leaflet-control-layers, .cm-legend')].filter(c => {
    const r = c.getBoundingClientRect();
    return r.left < popup.right && popup.left < r.right && r.top < popup.bottom && popup.top < r.bottom;
  }).map(c => c.className);
  return {inside: inside, overlaps: overlaps};
}"""


@pytest.mark.parametrize("viewport", [(390, 844), (1024, 768)], ids=["phone", "1024"])
def test_item_link_opens_its_popup_inside_the_map(
    app: MapApp, expected: Expected, viewport: tuple[int, int]
) -> None:
    records = expected.records
    placed = records[records.geometry.notna() & (records["mention_count"] > 1)]  # a long popup: passages
    record = placed[placed["source_sentence"].str.len() > 80].iloc[0]
    app.page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    app.open({"item": record["id"]})
    popup = app.map.locator(f'.leaflet-popup-content .cm-record[data-record-id="{record["id"]}"]')
    popup.wait_for()
    app.page.wait_for_timeout(600)  # auto-pan settles
    placement = app.map.locator("body").evaluate(POPUP_INSIDE_JS)
    assert placement == {"inside": True, "overlaps": []}
    assert popup.locator(".cm-link").inner_text() == t("link_button", "zh")


def _blank_point_in(adcode: str, expected: Expected) -> tuple[float, float]:
    """A point inside a prefecture, away from every drawn record (a click there hits the area)."""
    prefecture = read_boundaries("prefecture", weight="web").set_index("adcode").loc[adcode].geometry
    placed = expected.records.geometry.dropna()
    free = prefecture.buffer(-0.05).difference(shapely.union_all(placed.buffer(0.25).to_list()))
    point = free.representative_point()
    return point.y, point.x


def click_blank_spot_in(app: MapApp, expected: Expected, adcode: str) -> None:
    """Click the map, as a person does, on a spot of the prefecture away from every marker."""
    lat, lon = _blank_point_in(adcode, expected)
    x, y = app.map.locator("body").evaluate(
        f"() => {{ const p = window.map.latLngToContainerPoint([{lat}, {lon}]); return [p.x, p.y]; }}"
    )
    frame = app.page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    app.page.mouse.click(frame["x"] + x, frame["y"] + y)


def test_clicking_a_prefecture_filters_to_it(app: MapApp, expected: Expected, tmp_path: Path) -> None:
    app.open()
    app.wait_drawn(expected.drawn({}))
    click_blank_spot_in(app, expected, "130800")
    button = app.map.locator(".cm-unit .cm-select-unit")
    assert button.inner_text() == t("select_unit", "zh", name="承德市")
    button.click()
    app.settle()
    query = {"prefecture": ["承德市"]}
    want = kept_summary(app, expected, cli_kept(query, tmp_path), query)
    assert poll(app.kept_line, lambda line: line == want) == want
    assert [chip.split(" (")[0] for chip in app.chosen("prefecture")] == ["承德市"]


def test_tiles_that_do_not_load_are_said_once(app: MapApp, expected: Expected) -> None:
    """The fixture blocks every outside host, as an offline network does: the map says so, once."""
    app.open({"basemap": "osm"})
    notice = app.map.locator(".cm-notice")
    notice.wait_for()
    assert notice.count() == 1 and t("tiles_failed", "zh") in notice.inner_text()
    app.zoom_to(8)  # more failed tiles: still one notice
    assert notice.count() == 1


def test_clear_filters_takes_one_click(app: MapApp, expected: Expected) -> None:
    app.open({"prefecture": "130200", "sector": "高端装备", "q": "唐山"})
    app.page.get_by_role("button", name=t("clear", "zh"), exact=True).click()
    app.settle()
    want = kept_summary(app, expected, item_count(expected.records), {})
    assert poll(app.kept_line, lambda line: line == want) == want
    assert app.chosen("prefecture") == [] and app.chosen("sector") == []
    box = app.sidebar.get_by_role("textbox", name=t(label_key("q"), "zh"), exact=True)
    assert box.input_value() == ""


def test_choosing_a_table_row_opens_its_record_on_the_map(app: MapApp, expected: Expected) -> None:
    query = {"sector": "新能源"}
    first = expected.filtered(query).iloc[0]
    assert first.geometry is not None, "the case needs a first row with a place"
    app.open(query)
    app.wait_drawn(expected.drawn(query))
    app.settle()
    grid = app.page.get_by_test_id("stDataFrame").last  # the items table (the matrix comes first)
    grid.locator("canvas").first.wait_for()  # the grid is drawn on a canvas once its data arrived
    grid.scroll_into_view_if_needed()
    app.page.wait_for_timeout(500)  # as a person looks before clicking
    box = grid.bounding_box()
    assert box is not None
    app.page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first row's selection cell
    popup = app.map.locator(f'.leaflet-popup-content .cm-record[data-record-id="{first["id"]}"]')
    popup.wait_for()
    assert poll(lambda: app.page.url, lambda url: f"item={first['id']}" in url).endswith(
        f"item={first['id']}"
    )
