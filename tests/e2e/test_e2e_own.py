"""My data in a real browser: a 10,000-row GBK CSV with GCJ-02 coordinates is uploaded, its columns
and industry mapping confirmed, and the county table the page offers equals ``cluster-map join``'s
counts; a sector filter narrows both the same way, and a click on a point opens that row's popup."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from conftest import is_local
from mapapp import poll
from own_files import own_rows
from playwright.sync_api import FrameLocator, Page

from cluster_map.cli import main

pytestmark = pytest.mark.e2e

ROWS = 10_000
SECTOR = "新能源"
CANVAS = "canvas.cm-points"
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


@pytest.fixture(scope="module")
def upload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """10,000 enterprises, GBK, GCJ-02 (as an AMap export), 40 of them with only an address."""
    frame, _ = own_rows(ROWS, system="gcj02", seed=42)
    frame.loc[:39, ["经度", "纬度"]] = ""
    path = tmp_path_factory.mktemp("own") / "企业名单.csv"
    path.write_bytes(frame.to_csv(index=False).encode("gbk"))
    return path


@pytest.fixture(scope="module")
def cli_rows(upload: Path, tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """The joined rows as the command line writes them (same keyword suggestions as the page)."""
    out = tmp_path_factory.mktemp("cli") / "joined.csv"
    assert main(["join", str(upload), "--crs-in", "gcj02", "-o", str(out)]) == 0
    return pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _cli_counts(rows: pd.DataFrame, sector: str = "") -> dict[str, int]:
    kept = rows[(rows["cm_county_code"] != "") & ((rows["cm_sector"] == sector) if sector else True)]
    return {str(k): int(v) for k, v in kept.groupby("cm_county_code").size().items()}


def _page_counts(page: Page) -> dict[str, int]:
    """The county table as the page's download gives it (counties with rows)."""
    with page.expect_download() as download:
        page.get_by_role("button", name="下载逐县对照（CSV）").click()
    table = pd.read_csv(
        io.BytesIO(Path(download.value.path()).read_bytes()), dtype={"county_code": str}, encoding="utf-8-sig"
    )
    return {str(k): int(v) for k, v in zip(table["county_code"], table["own_rows"], strict=True) if v}


def _map(page: Page) -> FrameLocator:
    return page.frame_locator(MAP_IFRAME).last


def _shown(page: Page) -> int:
    return int(_map(page).locator(CANVAS).get_attribute("data-shown") or -1)


def _open_a_point(page: Page) -> int:
    """Zoom in by clicking bubbles, then click a drawn point; the picked point's index."""
    page.locator(MAP_IFRAME).last.scroll_into_view_if_needed()  # as a person scrolls back up to the map
    page.wait_for_timeout(300)
    frame = page.locator(MAP_IFRAME).last.bounding_box()
    assert frame is not None
    body = _map(page).locator("body")
    for _ in range(3):
        if _map(page).locator(CANVAS).get_attribute("data-mode") == "points":
            break
        x, y = body.evaluate("() => { const b = window.cmPointLayer._lastBubbles[0]; return [b.x, b.y]; }")
        page.mouse.click(frame["x"] + x, frame["y"] + y)
        poll(
            lambda: _map(page).locator(CANVAS).get_attribute("data-mode"), lambda m: m == "points", timeout=5
        )
    index, x, y = body.evaluate(
        """() => { const l = window.cmPointLayer, m = l._map, s = m.getSize();
        for (let i = 0; i < l._n; i++) { if (!l._mask[i]) continue; const p = m.latLngToContainerPoint(l.latLng(i));
          if (p.x > 80 && p.y > 80 && p.x < s.x - 80 && p.y < s.y - 80 && l.nearest(p) === i) return [i, p.x, p.y]; }
        return null; }"""
    )
    page.mouse.click(frame["x"] + x, frame["y"] + y)
    return int(index)


def test_upload_gbk_gcj02_csv_map_industry_and_match_the_cli(
    page: Page,
    app_url: str,
    upload: Path,
    cli_rows: pd.DataFrame,
    requests_seen: list[str],
    page_errors: list[str],
) -> None:
    page.goto(f"{app_url}/own")
    page.get_by_text("上传文件").wait_for()
    page.set_input_files('input[type="file"]', str(upload))
    page.get_by_text(f"{ROWS} 行，5 列 (GBK/GB18030)").wait_for(timeout=30_000)
    for label, column in (
        ("经度列", "经度"),
        ("纬度列", "纬度"),
        ("名称列", "企业名称"),
        ("行业列", "所属行业"),
    ):
        assert page.get_by_role("combobox", name=label).input_value() == column  # guessed from the header
    page.get_by_text("GCJ-02（高德、腾讯）").click()
    _map(page).locator(f"{CANVAS}[data-drawn]").wait_for(timeout=60_000)
    poll(lambda: _shown(page), lambda n: n == ROWS)
    by = cli_rows["cm_placed_by"].value_counts()
    summary = f"按坐标定位 {by.get('coordinates', 0)} 行，按地址定位 {by.get('address', 0)} 行"
    assert by.get("address", 0) == 40 and page.get_by_text(summary).count() == 1
    assert page.get_by_text("光伏组件制造").count() >= 1  # the industry values listed for mapping

    assert _page_counts(page) == _cli_counts(cli_rows)

    box = page.get_by_role("combobox", name="只看这些领域（我的数据与规划项目）", exact=True)
    box.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # a list opened while the page still scrolls closes again at once
    box.click()
    page.get_by_role("option", name=SECTOR, exact=True).click()
    page.keyboard.press("Escape")
    expected = int((cli_rows["cm_sector"] == SECTOR).sum())
    assert 0 < expected < ROWS
    poll(lambda: _shown(page), lambda n: n == expected, timeout=30)
    assert _page_counts(page) == _cli_counts(cli_rows, SECTOR)

    index = _open_a_point(page)
    popup = _map(page).locator(".leaflet-popup-content .cm-own")
    popup.first.wait_for(timeout=20_000)
    placed = cli_rows[cli_rows["cm_lon"] != ""].reset_index(drop=True)
    assert placed.loc[index, "cm_sector"] == SECTOR
    assert placed.loc[index, "企业名称"] in popup.first.inner_text()
    assert not [url for url in requests_seen if not is_local(url, app_url)]
    assert not page_errors
