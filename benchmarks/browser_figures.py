"""Chromium figures for bench_scale.py: the app, the bare-Streamlit floor, gdf.explore() and GeoJson.

Every figure is a median over fresh browser contexts (no cache) after one warm-up navigation that
fills the server's caches. "Drawn" is the first marker (the marker map), the point layer's canvas
once drawn, or the first SVG point (the folium pages). Bytes are what the browser received: HTTP
bodies as sent (``encodedDataLength``) plus the websocket's message payloads (after Streamlit's
compression is undone, so an upper bound of what crossed the wire).
"""

from __future__ import annotations

import functools
import http.server
import json
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app_server import ServerGauge, running_app
from harness import CHROMIUM, CHROMIUM_ARGS, PROJECT_ROOT

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
APP_DRAWN = (
    ".leaflet-marker-pane .cm-marker, .leaflet-marker-pane .marker-cluster, canvas.cm-points[data-drawn]"
)
FLOOR_DRAWN = "path.leaflet-interactive"
SHOWN_JS = """() => { const frames = [...document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')];
  for (const f of frames) { const d = f.contentDocument; if (!d) continue;
    const c = d.querySelector('canvas.cm-points'); if (c && c.getAttribute('data-drawn')) return 'p' + c.getAttribute('data-shown');
    const m = f.contentWindow.cmMarkerMap; if (m && d.querySelector('.cm-marker, .marker-cluster')) return 'v' + m._cmViews; }
  return null; }"""
FLOOR_APP = """import folium
import streamlit as st
from streamlit_folium import st_folium

fmap = folium.Map(location=[39.3, 116.5], zoom_start=7, tiles=None)
fmap.default_js = [("leaflet", "/app/static/vendor/leaflet/leaflet.js")]
fmap.default_css = [("leaflet_css", "/app/static/vendor/leaflet/leaflet.css")]
folium.CircleMarker([39.0, 116.0], radius=6).add_to(fmap)
st_folium(fmap, height=600, returned_objects=[])
"""


class _Bytes:
    """Bytes a page received over HTTP and the websocket (CDP network events); ``own`` counts the
    app's static files (under /app/static/: Leaflet, our scripts, boundaries, points, popups)."""

    def __init__(self, page: Any) -> None:
        self.http = 0
        self.own = 0
        self.socket = 0
        self._urls: dict[str, str] = {}
        session = page.context.new_cdp_session(page)
        session.send("Network.enable")
        session.on("Network.requestWillBeSent", self._request)
        session.on("Network.loadingFinished", self._http)
        session.on("Network.webSocketFrameReceived", self._frame)

    def _request(self, event: dict[str, Any]) -> None:
        self._urls[event["requestId"]] = event["request"]["url"]

    def _http(self, event: dict[str, Any]) -> None:
        size = int(event.get("encodedDataLength", 0))
        self.http += size
        if "/app/static/" in self._urls.get(event["requestId"], ""):
            self.own += size

    def _frame(self, event: dict[str, Any]) -> None:
        self.socket += len(event["response"]["payloadData"])


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _navigate(browser: Any, url: str, drawn: str, *, in_iframe: bool = True) -> tuple[float, _Bytes, Any]:
    """Seconds from navigation to ``drawn``, the bytes received meanwhile, and the open page."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    received = _Bytes(page)
    start = time.perf_counter()
    page.goto(url)
    root = page.frame_locator(MAP_IFRAME).last if in_iframe else page
    root.locator(drawn).first.wait_for(timeout=180_000)
    seconds = time.perf_counter() - start
    page.wait_for_timeout(500)  # what arrives with the first drawing (the rest of the page)
    return seconds, received, page


_RELEASE_JS = """() => { window.__cmRelease = null; window.__cmMoved = null; window.__cmDone = null;
  document.addEventListener('pointerup', (e) => { window.__cmRelease = e.timeStamp; }, {capture: true, once: true});
  for (const f of document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')) {
    const w = f.contentWindow, map = w.cmMarkerMap || (w.cmPointLayer && w.cmPointLayer._map);
    if (map) map.on('moveend', () => requestAnimationFrame(() => { window.__cmMoved = performance.now(); }));
  }
  const app = document.querySelector('[data-testid="stApp"]'); let ran = false;
  new MutationObserver(() => { const state = app.getAttribute('data-test-script-state');
    if (state === 'running') ran = true;
    else if (ran && state === 'notRunning' && window.__cmDone === null) window.__cmDone = performance.now();
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']}); }"""
_QUIET_MS = 800  # no move for this long after the change: the map has settled


@dataclass(frozen=True)
class Change:
    """Seconds from the pointer's release on a sector to: the first frame that shows the new filter
    (``shown``), the map at rest after its glide to the new records (``settled``), the whole page
    updated (``page``, Streamlit's run finished); and by this script's clock to ``shown`` (``wall``,
    with Playwright's own work before the click)."""

    shown: float
    settled: float
    page: float
    wall: float


def _filter_change(page: Any) -> Change:
    """Choose the first sector in the sidebar and time what follows (see :class:`Change`). The map
    shows the new filter when the point layer's count changes, or the marker map applies one more
    view."""
    before = page.evaluate(SHOWN_JS)
    box = page.get_by_test_id("stSidebar").get_by_role("combobox").first
    box.click()
    page.wait_for_timeout(400)
    option = page.get_by_role("option").first
    page.evaluate(_RELEASE_JS)
    start = time.perf_counter()
    option.click()
    page.wait_for_function(
        f"""() => {{ const now = ({SHOWN_JS})(); if (!now || now === {json.dumps(before)}) return false;
          window.__cmShown = performance.now(); return true; }}""",
        polling="raf",
    )
    wall = time.perf_counter() - start
    page.wait_for_function(
        f"""() => window.__cmDone !== null &&
          performance.now() - Math.max(window.__cmShown, window.__cmMoved || 0) > {_QUIET_MS}""",
        timeout=60_000,
    )
    release, shown, moved, done = page.evaluate(
        "() => [window.__cmRelease, window.__cmShown, window.__cmMoved, window.__cmDone]"
    )
    settled = max(shown, moved or 0)
    return Change((shown - release) / 1000, (settled - release) / 1000, (done - release) / 1000, wall)


def app_figures(browser: Any, *, items: Path | None, repeat: int, log: Path) -> dict[str, float]:
    """The app on ``items`` (None: the bundled data): drawn, filter change, bytes, server peak memory."""
    env = {"CLUSTER_MAP_ITEMS": str(items), "CLUSTER_MAP_MAX_MB": "4000"} if items else {}
    with running_app(log, env=env) as app:
        _, _, warm = _navigate(browser, app.url, APP_DRAWN)
        warm.context.close()
        ServerGauge(app.process.pid).wait_idle(timeout=600)  # the first run's caches (validation too)
        drawn, sent, own, changes = [], [], [], []
        for _ in range(repeat):
            seconds, received, page = _navigate(browser, app.url, APP_DRAWN)
            drawn.append(seconds)
            sent.append(received.http + received.socket)
            own.append(received.own + received.socket)
            changes.append(_filter_change(page))
            page.context.close()
        peak, anonymous = _status_mb(app.process.pid, "VmHWM"), _status_mb(app.process.pid, "RssAnon")
    return {
        "drawn_s": _median(drawn),
        "change_s": _median([c.shown for c in changes]),
        "change_wall_s": _median([c.wall for c in changes]),
        "settled_s": _median([c.settled for c in changes]),
        "page_s": _median([c.page for c in changes]),
        "sent_mb": _median(sent) / 1e6,
        "own_sent_mb": _median(own) / 1e6,
        "server_mb": peak,
        "anon_mb": anonymous,
    }


def _status_mb(pid: int, field: str) -> float:
    """A memory figure of /proc/PID/status in MB: VmHWM is the peak resident memory (with mapped
    files, such as the item cache's Arrow files), RssAnon the process's own memory now."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def floor_figures(browser: Any, *, repeat: int, log: Path) -> dict[str, float]:
    """A bare Streamlit page with one st_folium map of one point (local Leaflet): the stack's floor."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "floor_app.py"
        script.write_text(FLOOR_APP, encoding="utf-8")
        (Path(tmp) / "static").symlink_to(PROJECT_ROOT / "static")
        with running_app(log, script=script) as app:
            _navigate(browser, app.url, FLOOR_DRAWN)[2].context.close()
            times, sent = [], []
            for _ in range(repeat):
                seconds, received, page = _navigate(browser, app.url, FLOOR_DRAWN)
                times.append(seconds)
                sent.append(received.http + received.socket)
                page.context.close()
    return {"drawn_s": _median(times), "sent_mb": _median(sent) / 1e6}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No line per request on stderr."""


@contextmanager
def _serving(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def _local_leaflet(route: Any) -> None:
    """Give a folium page our local Leaflet for its CDN Leaflet; refuse every other outside request."""
    url = route.request.url
    vendor = PROJECT_ROOT / "static" / "vendor" / "leaflet"
    if url.endswith("/leaflet.js"):
        route.fulfill(path=str(vendor / "leaflet.js"), content_type="application/javascript")
    elif url.endswith("/leaflet.css"):
        route.fulfill(path=str(vendor / "leaflet.css"), content_type="text/css")
    elif url.startswith("http://127.0.0.1"):
        route.continue_()
    else:
        route.abort("blockedbyclient")


def folium_page_figures(browser: Any, make_html: Callable[[], str], *, repeat: int) -> dict[str, float]:
    """Build seconds, HTML size and seconds to the first drawn point of a folium page (offline but Leaflet)."""
    start = time.perf_counter()
    html = make_html()
    build = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "map.html").write_text(html, encoding="utf-8")
        with _serving(Path(tmp)) as url:
            times = []
            for _ in range(repeat):
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                context.route("**/*", _local_leaflet)
                page = context.new_page()
                begin = time.perf_counter()
                page.goto(f"{url}/map.html", timeout=300_000)
                page.locator(FLOOR_DRAWN).first.wait_for(timeout=300_000)
                times.append(time.perf_counter() - begin)
                context.close()
    return {"build_s": build, "html_mb": len(html.encode("utf-8")) / 1e6, "drawn_s": _median(times)}


def map_alone_figures(browser: Any, html: str, *, repeat: int) -> dict[str, float]:
    """Our point map as a page of its own, served as the folium pages are (with the app's static
    folder at /app/static): seconds to the drawn canvas and the bytes received, HTML, scripts,
    boundaries and the points' file together. The same kind of page as gdf.explore()'s."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "app").mkdir()
        (Path(tmp) / "app" / "static").symlink_to(PROJECT_ROOT / "static")
        (Path(tmp) / "map.html").write_text(html, encoding="utf-8")
        with _serving(Path(tmp)) as url:
            times, sizes = [], []
            for _ in range(repeat):
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                context.route("**/*", _local_leaflet)
                page = context.new_page()
                received = _Bytes(page)
                begin = time.perf_counter()
                page.goto(f"{url}/map.html", timeout=300_000)
                page.locator("canvas.cm-points[data-drawn]").first.wait_for(timeout=300_000)
                times.append(time.perf_counter() - begin)
                page.wait_for_timeout(500)
                sizes.append(received.http)
                context.close()
    return {"drawn_s": _median(times), "sent_mb": _median(sizes) / 1e6}


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless, as the browser tests run it."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
