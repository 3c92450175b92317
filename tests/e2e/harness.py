"""The plain helpers of the browser tests and the benchmarks: paths, Chromium, a local app server.

The fixtures in ``conftest.py`` and the scripts in ``benchmarks/`` import these (a conftest is
never imported by another module).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = PROJECT_ROOT / "artifacts" / "e2e"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
INSTALL_HINT = (
    "browser tests need Debian's Chromium and Playwright: `sudo apt-get install -y chromium` and "
    "`.venv/bin/pip install -r requirements-dev.txt` (Playwright cannot download its own browser here)"
)


def running_in_ci() -> bool:
    """True when the environment says CI (``CI=true``, as GitHub Actions and .ci/run set it)."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def streamlit_command(port: int, script: str = "app.py") -> list[str]:
    """``streamlit run`` of ``script``, headless on 127.0.0.1:``port``, no file watcher, no statistics."""
    return [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip


@contextmanager
def served_app(
    log: Path, *, env: dict[str, str] | None = None, script: str = "app.py", timeout: float = 60.0
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``streamlit run`` of ``script`` from the project root on a free loopback port, its output in
    ``log``; yields its URL and process once it answers, and stops it afterwards, whatever happens."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log, "wb") as sink:
        process = subprocess.Popen(
            streamlit_command(port, script),
            cwd=PROJECT_ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
    try:
        wait_until_ready(url, process, log=log, timeout=timeout)
        yield url, process
    finally:
        stop_process(process)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_ready(url: str, process: subprocess.Popen[bytes], *, log: Path, timeout: float) -> None:
    """Poll Streamlit's health endpoint until it answers ``ok``; raise if the server dies or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}; its log:\n{tail(log)}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"streamlit did not answer at {url} within {timeout:.0f} s; its log:\n{tail(log)}")


def tail(path: Path, lines: int = 40) -> str:
    """The last ``lines`` lines of a log file."""
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """Terminate a server process (kill it after 10 s) unless it has ended already."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
