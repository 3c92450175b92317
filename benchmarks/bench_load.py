"""What each user costs the server: CPU per page load and per filter change, first-marker time, memory.

    .venv/bin/python benchmarks/bench_load.py [--sessions 1 5 20] [--reruns 300] [--max-minutes 20]

A bounded load script (not a test). It starts its own ``streamlit run app.py`` on 127.0.0.1 (only
there; the browser may reach nothing else) and stops it at the end, after ``--max-minutes`` at
the latest. It warms the server with one session (the caches that every session shares fill once),
then for each N in ``--sessions``:

* opens the app in N browser profiles at once and waits until each has drawn its first marker and
  the server is idle: **CPU-s per load** = the server process's CPU time over that phase / N, with
  the p50 and p95 of navigation -> first marker. Twice: as *first* visits (empty browser caches:
  the server also sends Streamlit's ~150 frontend files, 5 MB) and as *returning* visits (the
  profile has opened the app before, unmeasured, so its cache holds them);
* has every session pick a sector at once and waits again: **CPU-s per filter change**;
* prints the server's resident memory.

Last, one session makes ``--reruns`` filter changes (a search, alternating between texts) and the
script prints the server's memory every 50 reruns and its growth. Targets (issue 16): <= 0.15 CPU-s
per load, <= 0.05 per filter change, memory growth <= 10 % over 300 reruns. Needs Debian's Chromium
and Playwright, as the browser tests do.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from app_server import ServerGauge, running_app
from harness import CHROMIUM, CHROMIUM_ARGS
from playwright.async_api import Browser, BrowserContext, Page, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
FIRST_MARKER = ".leaflet-marker-pane .cm-marker, .leaflet-marker-pane .marker-cluster"
SEARCHES = ("新能源", "", "氢能", "", "石家庄", "", "机器人", "", "大数据", "")
TIMEOUT_MS = 120_000
#: The browser resolves no host but 127.0.0.1 (a route handler would do too, but it turns off the cache).
LOCAL_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


@dataclass(frozen=True)
class Phase:
    """One measured phase: server CPU per session and each session's seconds to first marker."""

    cpu_per_session: float
    seconds: tuple[float, ...]


def _percentile(values: tuple[float, ...], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def _settle(page: Page) -> None:
    """Wait until Streamlit's run is over (the running indicator came and went)."""
    status = page.get_by_test_id("stStatusWidget")
    with contextlib.suppress(PlaywrightTimeout):  # the run ended before we looked
        await status.wait_for(state="attached", timeout=2_000)
    await status.wait_for(state="detached", timeout=TIMEOUT_MS)


async def _context(browser: Browser, url: str, *, returning: bool) -> BrowserContext:
    """A fresh browser profile; a returning visitor's has opened the app once (its cache holds the assets)."""
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    if returning:
        page, _ = await _load(context, url)
        await page.close()
    return context


async def _open(browser: Browser, url: str) -> tuple[BrowserContext, Page, float]:
    context = await _context(browser, url, returning=False)
    return (context, *await _load(context, url))


async def _load(context: BrowserContext, url: str) -> tuple[Page, float]:
    """Open the app in a new tab (a new Streamlit session); seconds to its first marker."""
    page = await context.new_page()
    start = time.perf_counter()
    await page.goto(url, timeout=TIMEOUT_MS)
    await page.frame_locator(MAP_IFRAME).last.locator(FIRST_MARKER).first.wait_for(timeout=TIMEOUT_MS)
    seconds = time.perf_counter() - start
    await _settle(page)
    return page, seconds


async def _pick_sector(page: Page, index: int) -> float:
    """Pick a sector in the sidebar (the index-th option) and wait for the redrawn map."""
    start = time.perf_counter()
    box = page.get_by_test_id("stSidebar").get_by_role("combobox").first
    await box.click()
    options = page.get_by_role("option")
    await options.first.wait_for(timeout=TIMEOUT_MS)
    await options.nth(index % max(1, await options.count())).click()
    await page.keyboard.press("Escape")
    await _settle(page)
    await page.frame_locator(MAP_IFRAME).last.locator(".cm-legend").wait_for(timeout=TIMEOUT_MS)
    return time.perf_counter() - start


async def _search(page: Page, text: str) -> None:
    box = page.get_by_test_id("stSidebar").get_by_role("textbox").first
    await box.fill(text)
    await box.press("Enter")
    await _settle(page)


async def _sessions(
    browser: Browser, url: str, gauge: ServerGauge, n: int, *, returning: bool
) -> tuple[Phase, Phase]:
    contexts = await asyncio.gather(*(_context(browser, url, returning=returning) for _ in range(n)))
    before = gauge.wait_idle()
    opened = await asyncio.gather(*(_load(context, url) for context in contexts))
    after_load = gauge.wait_idle()
    changes = await asyncio.gather(*(_pick_sector(page, i) for i, (page, _) in enumerate(opened)))
    after_change = gauge.wait_idle()
    for context in contexts:
        await context.close()
    load = Phase((after_load - before) / n, tuple(seconds for _, seconds in opened))
    return load, Phase((after_change - after_load) / n, tuple(changes))


async def _reruns(browser: Browser, url: str, gauge: ServerGauge, count: int) -> list[tuple[int, float]]:
    context, page, _ = await _open(browser, url)
    samples = [(0, gauge.rss_mb())]
    for done in range(1, count + 1):
        await _search(page, SEARCHES[done % len(SEARCHES)])
        if done % 50 == 0 or done == count:
            gauge.wait_idle()
            samples.append((done, gauge.rss_mb()))
            print(f"  after {done:>3} reruns: server RSS {samples[-1][1]:.0f} MB", flush=True)
    await context.close()
    return samples


def _report(n: int, visitor: str, load: Phase, change: Phase, rss: float) -> None:
    print(
        f"N={n:>2} {visitor:>9}: CPU-s per load {load.cpu_per_session:.3f}, per filter change {change.cpu_per_session:.3f}; "
        f"first marker p50 {statistics.median(load.seconds):.2f} s, p95 {_percentile(load.seconds, 0.95):.2f} s; "
        f"filter change to redrawn map p50 {statistics.median(change.seconds):.2f} s; server RSS {rss:.0f} MB",
        flush=True,
    )


async def _run(args: argparse.Namespace) -> None:
    log = Path("/tmp/bench_load_streamlit.log")
    with running_app(log) as app:
        gauge = ServerGauge(app.process.pid)
        print(f"server started: RSS {gauge.rss_mb():.0f} MB, CPU {gauge.cpu_seconds():.2f} s", flush=True)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, LOCAL_ONLY]
            )
            start = gauge.wait_idle()
            context, _, seconds = await _open(browser, app.url)
            await context.close()
            print(f"warm-up session (shared caches fill): CPU {gauge.wait_idle() - start:.2f} s, "
                  f"first marker {seconds:.2f} s", flush=True)  # fmt: skip
            for n in args.sessions:
                for returning in (False, True):
                    load, change = await _sessions(browser, app.url, gauge, n, returning=returning)
                    _report(n, "returning" if returning else "first", load, change, gauge.rss_mb())
            if args.reruns:
                samples = await _reruns(browser, app.url, gauge, args.reruns)
                first, last = samples[0][1], samples[-1][1]
                print(f"memory over {args.reruns} reruns: {first:.0f} -> {last:.0f} MB "
                      f"({100 * (last - first) / first:+.1f} %)")  # fmt: skip
            await browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 20], help="N concurrent sessions")
    parser.add_argument("--reruns", type=int, default=300, help="filter changes in one session (0: skip)")
    parser.add_argument("--max-minutes", type=float, default=20.0, help="stop everything after this long")
    args = parser.parse_args()
    if any(n < 1 or n > 50 for n in args.sessions):
        parser.error(f"--sessions must be between 1 and 50, got {args.sessions}")
    try:
        asyncio.run(asyncio.wait_for(_run(args), timeout=args.max_minutes * 60))
    except TimeoutError:
        sys.exit(f"stopped after --max-minutes {args.max_minutes:g}; the server was shut down")


if __name__ == "__main__":
    main()
