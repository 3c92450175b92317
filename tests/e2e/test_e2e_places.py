"""Place profiles and comparison in a real browser: a profile link, the map's unit popup, a click
on a matrix cell, and what each shows compared with cluster_map's own counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from mapapp import Expected, MapApp, poll
from test_e2e_daily_use import cli_kept, click_blank_spot_in, kept_summary

from cluster_map.core.comparison import sector_matrix
from cluster_map.core.filters import FilterSpec
from cluster_map.core.i18n import t
from cluster_map.core.profiles import ProfilePlace, build_profile
from cluster_map.ui.compare_panel import MATRIX_GEOMETRY

pytestmark = pytest.mark.e2e


def _dialog(app: MapApp):
    return app.page.get_by_role("dialog")


def test_a_profile_link_shows_the_charts_the_passages_and_the_items(app: MapApp, expected: Expected) -> None:
    app.open({"profile": "130200"})
    dialog = _dialog(app)
    dialog.wait_for()
    assert dialog.get_by_role("heading", name=t("profile_heading", "zh", name="唐山市")).count() == 1
    profile = build_profile(
        expected.records, ProfilePlace("prefecture", "130200"), FilterSpec(), choices=expected.choices
    )
    metric = dialog.locator('[data-testid="stMetricValue"]').first
    assert metric.inner_text() == str(profile.item_count)
    charts = dialog.locator('[data-testid="stVegaLiteChart"]')
    poll(charts.count, lambda n: n == 3)
    assert charts.count() == 3  # by sector, kind and level
    assert charts.first.locator("canvas, svg").count() >= 1  # drawn, offline
    marks = dialog.locator("ol.cm-passages mark")
    assert marks.count() >= 5 and set(marks.all_inner_texts()) == {"唐山"}
    first_item = str(profile.items.sort_values("id")["name_zh"].iloc[0])
    table = dialog.locator('[data-testid="stDataFrame"]').last
    assert table.locator(f'[role="gridcell"]:text-is("{first_item}")').count() == 1  # the items list
    dialog.get_by_role("button", name=t("profile_close", "zh")).click()
    app.settle()
    poll(lambda: _dialog(app).count(), lambda n: n == 0)
    assert "profile=" not in app.page.url


def test_the_unit_popup_opens_the_profile_of_the_prefecture(app: MapApp, expected: Expected) -> None:
    app.open()
    app.wait_drawn(expected.drawn({}))
    click_blank_spot_in(app, expected, "130800")
    button = app.map.locator(".cm-unit .cm-open-profile")
    assert button.inner_text() == t("open_profile", "zh", name="承德市")
    button.click()
    _dialog(app).wait_for()
    assert _dialog(app).get_by_role("heading", name=t("profile_heading", "zh", name="承德市")).count() == 1
    assert "profile=130800" in app.page.url


def test_a_matrix_cell_filters_to_its_sector_and_prefecture(
    app: MapApp, expected: Expected, tmp_path: Path
) -> None:
    """A click on a total does nothing (it is a sum, no filter); one on the far 衡水市 column filters."""
    app.open()
    matrix = sector_matrix(expected.records, catalog=expected.catalog)
    column = list(matrix.columns).index("131100")  # 衡水市, the last column before the total
    row = next(i for i in range(len(matrix)) if matrix.iloc[i, column])
    sector = str(matrix.index[row])
    grid = app.page.locator('[data-testid="stDataFrame"]').first
    grid.evaluate("e => e.scrollIntoView({block: 'center'})")
    assert grid.locator(f"#glide-cell-0-{row}").inner_text() == sector
    assert grid.locator(f"#glide-cell-{column + 1}-{row}").inner_text() == str(matrix.iloc[row, column])
    box = grid.bounding_box()
    label_px, cell_px, row_px = MATRIX_GEOMETRY["zh"]
    assert abs(box["width"] - (label_px + (len(matrix.columns) + 1) * cell_px)) < 4  # columns as set

    def click(row: int, column: int) -> None:
        x = box["x"] + label_px + column * cell_px + cell_px / 2
        y = box["y"] + row_px * (row + 1) + row_px / 2  # below the header row
        app.page.mouse.click(x, y)
        app.settle()

    before = app.kept_line()
    click(len(matrix), column)  # the total row
    app.page.wait_for_timeout(800)
    assert app.kept_line() == before and app.chosen("sector") == []
    click(row, column)
    query = {"sector": [sector], "prefecture": ["衡水市"]}
    want = kept_summary(app, expected, cli_kept(query, tmp_path), query)
    assert poll(app.kept_line, lambda line: line == want) == want
    assert f"筛选保留 {matrix.iloc[row, column]} /" in want  # the cell's count is what the filter keeps
    assert [chip.split(" (")[0] for chip in app.chosen("prefecture")] == ["衡水市"]
    assert [chip.split(" (")[0] for chip in app.chosen("sector")] == [sector]
