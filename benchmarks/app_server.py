"""The app under a real Streamlit server on 127.0.0.1, for the benchmark scripts (not a test).

:func:`running_app` starts ``streamlit run app.py`` on a free local port and always stops it;
:class:`ServerGauge` reads that process's CPU time and memory from ``/proc`` (Linux).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "e2e"))

from harness import served_app

_TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class App:
    """A running app: its URL and server process."""

    url: str
    process: subprocess.Popen[bytes]


@contextmanager
def running_app(log: Path, *, env: dict[str, str] | None = None, script: Path | None = None) -> Iterator[App]:
    """``streamlit run app.py`` (or ``script``) on a free 127.0.0.1 port, stopped when the block ends."""
    with served_app(log, env=env, script=str(script or "app.py")) as (url, process):
        yield App(url, process)


@dataclass(frozen=True)
class ServerGauge:
    """CPU seconds and resident memory of one process, read from /proc."""

    pid: int

    def cpu_seconds(self) -> float:
        """User + system CPU time the process has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS_PER_SECOND  # utime, stime

    def rss_mb(self) -> float:
        """Resident memory now, in MB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"no VmRSS for process {self.pid}")

    def wait_idle(self, *, quiet: float = 0.5, timeout: float = 60.0) -> float:
        """Wait until the process used under 1 % of a core for ``quiet`` seconds; return its CPU seconds."""
        deadline = time.monotonic() + timeout
        last = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(quiet)
            now = self.cpu_seconds()
            if now - last < 0.01 * quiet + 1 / _TICKS_PER_SECOND:
                return now
            last = now
        return last
