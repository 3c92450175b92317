"""Seconds from navigation to the first drawn marker, in headless Chromium (a script, not a test).

    .venv/bin/python benchmarks/bench_first_marker.py [--repeat 5] [--query "sector=新能源"]

Starts ``streamlit run app.py`` on a free 127.0.0.1 port (stopped at the end, whatever happens),
opens the page ``--repeat`` times in a fresh browser context each (no cache), and prints each time
and the median from ``page.goto`` to the first ``.cm-marker`` or ``.marker-cluster`` inside the map's
iframe, plus the time until a filter change (the first sector in the sidebar) has redrawn the map.
Needs Debian's Chromium (``/usr/bin/chromium``) and Playwright, as the browser tests do.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from app_server import running_app
from harness import CHROMIUM, CHROMIUM_ARGS
from playwright.sync_api import sync_playwright

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
FIRST_MARKER = ".leaflet-marker-pane .cm-marker, .leaflet-marker-pane .marker-cluster"


def _first_marker_seconds(browser, url: str) -> float:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url)
        page.frame_locator(MAP_IFRAME).locator(FIRST_MARKER).first.wait_for(timeout=60_000)
        return time.perf_counter() - start
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--query", default="", help="URL query, e.g. 'sector=新能源'")
    args = parser.parse_args()
    log = Path("/tmp/bench_first_marker_streamlit.log")
    with running_app(log) as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        target = f"{app.url}/?{args.query}" if args.query else app.url
        _first_marker_seconds(browser, target)  # warm-up: the server's caches fill once per process
        times = [_first_marker_seconds(browser, target) for _ in range(args.repeat)]
        browser.close()
    print("navigation -> first marker (s):", " ".join(f"{s:.2f}" for s in times))
    print(f"median of {len(times)}: {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
