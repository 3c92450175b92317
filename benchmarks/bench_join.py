"""Own data at scale (a script, not a test): read + join of N rows in process, its peak memory, the
Dask engine on a LocalCluster, and in Chromium the time from upload to the points drawn.

    python benchmarks/bench_join.py --sizes 100000 1000000 --browser 100000 --dask 1000000

Each in-process figure comes from a fresh subprocess (so its peak resident memory is the join's
own); the files are synthetic GBK CSVs with GCJ-02 coordinates (tests/own_files.py), kept in
``--data``. Targets (issue 15): 10^6 rows joined in ≤ 10 s with ≤ 3 GB peak; 10^5 rows from upload
to drawn in ≤ 8 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "e2e"), str(ROOT / "benchmarks")]

_MEASURE = """
import json, resource, sys, time
from cluster_map.own.addresses import load_address_gazetteer
from cluster_map.own.columns import detect_columns
from cluster_map.own.join import JoinOptions, join_own
from cluster_map.own.read import read_own_file
from cluster_map.own.units import load_unit_index
units, gazetteer = load_unit_index(), load_address_gazetteer()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
table = read_own_file(sys.argv[1], max_mb=1e9)
read = time.perf_counter() - start
options = JoinOptions(detect_columns(list(table.frame.columns)), system="gcj02")
result = join_own(table, options, units=units, gazetteer=gazetteer)
total = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
placed = int((result.rows["cm_county_code"] != "").sum())
print(json.dumps({"read": read, "join": total - read, "total": total, "peak_mb": peak, "base_mb": base, "placed": placed}))
"""


def _file(folder: Path, n: int) -> Path:
    """A GBK CSV of ``n`` enterprises with GCJ-02 coordinates (made once per folder)."""
    path = folder / f"own_{n}.csv"
    if not path.exists():
        from own_files import own_rows

        frame, _ = own_rows(n, system="gcj02", seed=n % 1000)
        path.write_bytes(frame.to_csv(index=False).encode("gbk"))
    return path


def _in_process(path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)], check=True, capture_output=True, text=True, cwd=ROOT
    )
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def _dask(path: Path) -> float:
    import pandas as pd
    from dask.distributed import Client, LocalCluster

    from cluster_map.own.columns import detect_columns
    from cluster_map.own.engine_dask import dask_join
    from cluster_map.own.join import JoinOptions

    header = pd.read_csv(path, nrows=0, encoding="gb18030").columns
    options = JoinOptions(detect_columns([str(c) for c in header]), system="gcj02")
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster):
        start = time.perf_counter()
        dask_join(path, options)
        return time.perf_counter() - start


def _upload_to_drawn(path: Path, repeat: int) -> list[float]:
    from app_server import running_app
    from harness import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    seconds = []
    with (
        tempfile.TemporaryDirectory() as logs,
        running_app(Path(logs) / "app.log") as app,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        for _ in range(repeat + 1):  # the first run warms the server's caches of our reference data
            page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
            page.goto(f"{app.url}/own")
            page.locator('input[type="file"]').wait_for(state="attached")
            start = time.perf_counter()
            page.set_input_files('input[type="file"]', str(path))  # joined as WGS84, the default
            frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').last
            frame.locator("canvas.cm-points[data-drawn]").wait_for(timeout=180_000)
            seconds.append(time.perf_counter() - start)
            page.context.close()
        browser.close()
    return seconds[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--browser", type=int, nargs="*", default=[], help="rows to upload in Chromium")
    parser.add_argument("--dask", type=int, nargs="*", default=[], help="rows to join on a LocalCluster")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--data", type=Path, help="keep the generated files here (default: a temporary folder)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.data or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'N':>9} {'MB':>6} {'read s':>7} {'join s':>7} {'total s':>8} {'peak MB':>8} {'placed':>9}")
        for n in args.sizes:
            path = _file(folder, n)
            runs = [_in_process(path) for _ in range(args.repeat)]
            f = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
            size = path.stat().st_size / 1e6
            print(
                f"{n:>9} {size:>6.0f} {f['read']:>7.2f} {f['join']:>7.2f} {f['total']:>8.2f} {f['peak_mb']:>8.0f} {int(f['placed']):>9}"
            )
        for n in args.dask:
            seconds = _dask(_file(folder, n))
            print(f"dask LocalCluster (2 workers): {n} rows joined in {seconds:.2f} s")
        for n in args.browser:
            seconds = _upload_to_drawn(_file(folder, n), args.repeat)
            print(
                f"upload -> drawn in Chromium, {n} rows: median {statistics.median(seconds):.2f} s ({', '.join(f'{s:.2f}' for s in seconds)})"
            )


if __name__ == "__main__":
    main()
