"""How the app's server side scales with the number of plan items (a script, not a test).

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1000 10000 100000 1000000] [--build-max 10000]

For each N it writes a synthetic items folder of the committed schema (items drawn from the committed
ones, each with one place: a county, a point drawn inside the county's polygon, and the first mention
of the item it copies), then prints, each in its own process so peak memory is that size's: seconds to
load (``read_item_rows``), seconds for the sidebar's facets (every multiple-choice field, no filter),
seconds and bytes of the map's HTML (``build_map`` + render; only up to ``--build-max``), and the peak
resident memory. The browser side (time to first marker, filter change) is issue 14's next step.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cluster_map.core.boundaries import read_boundaries  # noqa: E402
from cluster_map.core.items import read_plan_items  # noqa: E402


def _points_in(polygons: list[shapely.Geometry], rng: np.random.Generator) -> np.ndarray:
    """One random point inside each polygon (rejection sampling in its bounds, vectorised by rounds)."""
    bounds = shapely.bounds(np.array(polygons, dtype=object))
    found = np.full((len(polygons), 2), np.nan)
    todo = np.arange(len(polygons))
    shapely.prepare(np.array(polygons, dtype=object))
    while len(todo):
        b = bounds[todo]
        x = rng.uniform(b[:, 0], b[:, 2])
        y = rng.uniform(b[:, 1], b[:, 3])
        inside = shapely.contains_xy(np.array(polygons, dtype=object)[todo], x, y)
        found[todo[inside]] = np.column_stack([x[inside], y[inside]])
        todo = todo[~inside]
    return found


def write_synthetic(folder: Path, n: int, seed: int = 14) -> None:
    """A folder of ``n`` items with the committed schema, one county place and one mention each."""
    rng = np.random.default_rng(seed)
    plan = read_plan_items()
    counties = read_boundaries("county", weight="web")
    pick = rng.integers(0, len(plan.items), n)
    items = plan.items.iloc[pick].reset_index(drop=True).copy()
    ids = [f"syn-{i:07d}" for i in range(n)]
    source_ids = items["id"].tolist()
    items["id"] = ids
    items["former_ids"] = ""
    items["place_count"] = "1"
    items["mention_count"] = "1"
    items["precision"] = "county"
    where = rng.integers(0, len(counties), n)
    units = counties.iloc[where].reset_index(drop=True)
    points = _points_in(list(units.geometry), rng)
    items["places_zh"] = units["name_zh"].to_numpy()
    places = pd.DataFrame(
        {
            "item_id": ids,
            "place_no": "1",
            "place_zh": units["name_zh"].to_numpy(),
            "prefecture_code": units["parent_adcode"].astype(str).to_numpy(),
            "prefecture_zh": "",
            "county_code": units["adcode"].astype(str).to_numpy(),
            "county_zh": units["name_zh"].to_numpy(),
            "precision": "county",
            "evidence": "admin_division",
            "basis": "",
            "lon": np.round(points[:, 0], 6),
            "lat": np.round(points[:, 1], 6),
        }
    )
    first = plan.mentions.drop_duplicates("item_id").set_index("item_id")
    mentions = first.loc[source_ids].reset_index(drop=True)
    mentions.insert(0, "item_id", ids)
    mentions["mention_no"] = "1"
    folder.mkdir(parents=True, exist_ok=True)
    items.to_csv(folder / "items.csv", index=False)
    places.to_csv(folder / "places.csv", index=False)
    mentions[["item_id", "mention_no", "doc", "section", "spans", "text", "sentence"]].to_csv(
        folder / "mentions.csv", index=False
    )


def measure(folder: Path, build: bool) -> dict[str, float]:
    """Load, facets, map build (if ``build``) and peak memory for the items of ``folder``."""
    from cluster_map.core.catalog import load_catalog
    from cluster_map.core.facets import facet_counts
    from cluster_map.core.filters import FilterChoices, FilterSpec
    from cluster_map.core.items import read_item_rows
    from cluster_map.core.taxonomy import load_taxonomy

    start = time.perf_counter()
    rows = read_item_rows(folder, max_mb=None)
    load = time.perf_counter() - start
    choices = FilterChoices.build(rows, catalog=load_catalog(), taxonomy=load_taxonomy())
    start = time.perf_counter()
    for field in choices.fields:
        if field.multiple:
            facet_counts(rows, FilterSpec(), choices=choices, field=field.name)
    facets = time.perf_counter() - start
    figures = {"rows": float(len(rows)), "load_s": load, "facets_s": facets}
    if build:
        from cluster_map.web.boundary_files import write_boundary_files
        from cluster_map.web.context import load_map_context
        from cluster_map.web.map_view import build_map

        static = folder / "static"
        context = load_map_context(write_boundary_files(static), static_dir=static)
        start = time.perf_counter()
        html = build_map(rows, context=context).get_root().render()
        figures["build_s"] = time.perf_counter() - start
        figures["html_mb"] = len(html.encode("utf-8")) / 1e6
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--build-max", type=int, default=10_000, help="build the map only up to this N")
    parser.add_argument("--child", nargs=2, metavar=("FOLDER", "BUILD"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(Path(args.child[0]), args.child[1] == "1")))
        return 0
    print(
        f"{'N':>9} {'write s':>8} {'load s':>8} {'facets s':>9} {'build s':>8} {'HTML MB':>8} {'peak MB':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            folder = Path(tmp) / f"n{n}"
            start = time.perf_counter()
            write_synthetic(folder, n)
            written = time.perf_counter() - start
            build = "1" if n <= args.build_max else "0"
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(folder), build], capture_output=True, text=True
            )
            if done.returncode:
                print(f"{n:>9} failed: {done.stderr.strip().splitlines()[-1:]}")
                continue
            f = json.loads(done.stdout.strip().splitlines()[-1])
            build_s = f"{f['build_s']:8.2f}" if "build_s" in f else f"{'-':>8}"
            html = f"{f['html_mb']:8.1f}" if "html_mb" in f else f"{'-':>8}"
            print(
                f"{n:>9} {written:8.2f} {f['load_s']:8.2f} {f['facets_s']:9.2f} {build_s} {html} "
                f"{f['peak_rss_mb']:8.0f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
