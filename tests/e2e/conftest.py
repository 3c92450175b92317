"""Browser fixtures: the app served by ``streamlit run`` on a free loopback port, driven by Chromium.

Every test here is marked ``e2e``. Where Debian's Chromium (or Playwright) is missing they are
skipped with an install hint; under CI (``CI=true``) a skipped e2e test is reported as a failure,
so the browser suite cannot silently vanish from CI. Each test leaves a screenshot in
``artifacts/e2e/`` (ignored by git).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from harness import (
    ARTIFACTS_DIR,
    CHROMIUM,
    CHROMIUM_ARGS,
    INSTALL_HINT,
    running_in_ci,
    served_app,
)

if TYPE_CHECKING:
    from mapapp import Expected, MapApp
    from playwright.sync_api import Browser, Page, Route

SERVER_START_SECONDS = 60.0
DEFAULT_TIMEOUT_MS = 20_000


def browser_problem() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found; {INSTALL_HINT}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return f"playwright is not installed; {INSTALL_HINT}"
    return None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> pytest.TestReport:
    """Under CI, turn the skip of an e2e test into a failure that keeps the skip's reason."""
    report: pytest.TestReport = yield
    if report.skipped and running_in_ci() and item.get_closest_marker("e2e") is not None:
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"e2e test skipped under CI=true, which counts as a failure: {reason}"
    return report


# --- the app server ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium; skips the test (with an install hint) where it or Playwright is missing."""
    problem = browser_problem()
    if problem:
        pytest.skip(problem)
    return CHROMIUM


def _serve(log: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """``streamlit run app.py`` headless on a free loopback port; stopped afterwards, whatever happens."""
    with served_app(log, env=env, timeout=SERVER_START_SECONDS) as (url, _):
        yield url


@pytest.fixture(scope="session")
def app_url(chromium: Path) -> Iterator[str]:
    """The app on the bundled data."""
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    for stale in ARTIFACTS_DIR.glob("*.png"):  # screenshots of this run only
        stale.unlink()
    yield from _serve(ARTIFACTS_DIR / "streamlit.log")


LARGE_ITEMS = 100_000  # synthetic items of the large-data browser tests


@pytest.fixture(scope="session")
def large_items(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of 100,000 synthetic items (tests/synthetic_items.py): one county point each."""
    from synthetic_items import write_synthetic

    folder = tmp_path_factory.mktemp("large_items")
    write_synthetic(folder, LARGE_ITEMS)
    return folder


@pytest.fixture(scope="session")
def large_app_url(chromium: Path, large_items: Path) -> Iterator[str]:
    """The app on the synthetic items (``CLUSTER_MAP_ITEMS``): its map is the point layer."""
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    yield from _serve(ARTIFACTS_DIR / "streamlit_large.log", {"CLUSTER_MAP_ITEMS": str(large_items)})


# --- the browser --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Browser]:
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=list(CHROMIUM_ARGS))
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def requests_seen() -> list[str]:
    """Every URL the page requested (documents, scripts, styles, images, XHR, websockets), in order."""
    return []


def is_local(url: str, app_url: str) -> bool:
    """True when ``url`` goes to the app's own server (or never leaves the page: data:, blob:, about:)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.netloc == urlsplit(app_url).netloc


@pytest.fixture
def page_errors() -> list[str]:
    """Uncaught JavaScript errors of the page and its frames (the map's iframe included)."""
    return []


@pytest.fixture
def foreign_requests(requests_seen: list[str], app_url: str) -> Callable[[], list[str]]:
    """A function that lists the requests so far that went (or tried to go) to another host."""
    return lambda: [url for url in requests_seen if not is_local(url, app_url)]


def _open_page(
    browser: Browser, base_url: str, requests_seen: list[str], page_errors: list[str], name: str
) -> Iterator[Page]:
    """A fresh page that records every request, blocks any to another host, and leaves a screenshot."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.on("request", lambda req: requests_seen.append(req.url))

    def block_foreign(route: Route) -> None:
        if is_local(route.request.url, base_url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", block_foreign)
    new_page = context.new_page()
    new_page.on("websocket", lambda ws: requests_seen.append(ws.url))
    new_page.on("pageerror", lambda error: page_errors.append(str(error)))
    try:
        yield new_page
    finally:
        try:
            ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
            shot = re.sub(r"[^\w.-]+", "_", name).strip("_")
            new_page.screenshot(path=ARTIFACTS_DIR / f"{shot}.png", full_page=True)
        except Exception as error:  # noqa: BLE001  # a screenshot must never hide the test's own outcome
            print(f"screenshot of {name} failed: {error}", file=sys.stderr)
        context.close()


@pytest.fixture
def page(
    browser: Browser,
    app_url: str,
    requests_seen: list[str],
    page_errors: list[str],
    request: pytest.FixtureRequest,
) -> Iterator[Page]:
    """A fresh page on the app with the bundled data (requests elsewhere blocked, a screenshot left)."""
    yield from _open_page(browser, app_url, requests_seen, page_errors, request.node.name)


@pytest.fixture
def large_page(
    browser: Browser,
    large_app_url: str,
    requests_seen: list[str],
    page_errors: list[str],
    request: pytest.FixtureRequest,
) -> Iterator[Page]:
    """A fresh page on the app with 100,000 synthetic items."""
    yield from _open_page(browser, large_app_url, requests_seen, page_errors, request.node.name)


# --- the app as the tests see it -------------------------------------------------------------
# mapapp is imported inside the fixtures: a broken import then fails the e2e tests, not collection.


@pytest.fixture(scope="session")
def expected() -> Expected:
    """What the map should show for a query, from cluster_map's own reading of the data."""
    from mapapp import Expected

    return Expected.load()


@pytest.fixture
def app(page: Page, app_url: str) -> MapApp:
    """The map page as a user drives it (not opened yet: call ``app.open(query)``)."""
    from mapapp import MapApp

    return MapApp(page, app_url)
