"""How long the map takes to build and render, and how many bytes it sends (a script, not a test).

    .venv/bin/python benchmarks/bench_map.py [--repeat 15]

For the full dataset and for a one-sector filter it prints the median seconds of build_map() plus
folium's HTML render, the bytes of that HTML (what the page receives again after each filter
change), and the static files the browser fetches once on first load (cached afterwards; the county
layer only when switched on). Targets: under 0.3 s and under 1 MB for the full dataset.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cluster_map.core.items import read_item_rows
from cluster_map.web.assets import ASSET_SUBDIR, ASSETS, install_assets
from cluster_map.web.boundary_files import boundary_file_name, write_boundary_files
from cluster_map.web.context import MapContext, load_map_context
from cluster_map.web.map_view import build_map

SECTOR = "新能源"
FIRST_LOAD_BOUNDARIES = (
    "prefecture",
    "province",
    "zone",
)  # layers on at start; counties load when switched on


def _measure(records: gpd.GeoDataFrame, context: MapContext, repeat: int) -> tuple[float, int, int]:
    times: list[float] = []
    html = ""
    for _ in range(repeat):
        start = time.perf_counter()
        html = build_map(records, context=context).get_root().render()
        times.append(time.perf_counter() - start)
    data = html.encode("utf-8")
    return statistics.median(times), len(data), len(gzip.compress(data))


def _static_bytes(static: Path) -> tuple[int, int]:
    vendor = sum((static / ASSET_SUBDIR / a.target).stat().st_size for a in ASSETS if a.kind in ("js", "css"))
    boundaries = sum(
        (static / "boundaries" / boundary_file_name(layer, "wgs84")).stat().st_size
        for layer in FIRST_LOAD_BOUNDARIES
    )
    return vendor, boundaries


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=15, help="runs per case (default: %(default)s)")
    args = parser.parse_args()
    static = Path(tempfile.mkdtemp(prefix="bench_map_"))
    install_assets(static)
    context = load_map_context(write_boundary_files(static), static_dir=static)
    records = read_item_rows()
    cases = {"full dataset": records, f"sector={SECTOR}": records[records["sector"] == SECTOR]}
    build_map(records, context=context).get_root().render()  # warm-up (imports, template compiles)
    print(f"{'case':<22}{'records':>8}{'median s':>10}{'map HTML':>12}{'gzipped':>10}")
    for name, frame in cases.items():
        seconds, size, packed = _measure(frame, context, args.repeat)
        print(f"{name:<22}{len(frame):>8}{seconds:>10.3f}{size / 1e6:>10.3f} MB{packed / 1e6:>7.3f} MB")
    vendor, boundaries = _static_bytes(static)
    print(
        f"first load, cached after: JS/CSS {vendor / 1e6:.3f} MB + boundaries {boundaries / 1e6:.3f} MB "
        f"({', '.join(FIRST_LOAD_BOUNDARIES)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
