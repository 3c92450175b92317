"""How the app scales with the number of items, server and browser (a script, not a test).

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1000 10000 100000 1000000]
    .venv/bin/pip install -r benchmarks/requirements.txt   # for --browser's gdf.explore() baseline
    .venv/bin/python benchmarks/bench_scale.py --browser [--browser-sizes 100000 1000000] [--repeat 5]

For each N it writes a synthetic items folder of the committed schema (tests/synthetic_items.py:
items drawn from the committed ones, each with one county place and a point inside the county) and
loads it twice, each time in a new process (so peak memory is that load's), as the app does
(``core/item_cache.py``): first from CSV, which writes the Arrow cache of a large folder, then as
after a restart, from that cache. For the second it prints seconds to load (rows without mentions
and places), to index the filter fields and count every facet (``FilterIndex``), to build what the
map needs (from 5,000 points the point layer: code columns, their file and the map; below, the
marker map), the bytes of that map and file, and the peak resident memory.

With ``--browser`` it then serves the app in headless Chromium and prints medians of navigation ->
first drawn, filter change -> redrawn (in the page, from the release of the click to the frame that
shows it; "(clock)" is the same by this script's clock, with Playwright's work before the click;
"settled" to the map at rest after its glide to the new records; "page" to the whole page updated),
bytes received (of them, "app MB": the app's own files under /app/static/ and the websocket's
messages; the rest is Streamlit's and streamlit-folium's frontend code), the server's peak resident memory ("server
MB", which counts the pages of the item cache's Arrow files it mapped) and its own memory at the
end ("own MB", RssAnon: without mapped files): for a bare
Streamlit page with one st_folium map (the floor of the stack), for the bundled data, and for each
of ``--browser-sizes``; beside ``gdf.explore()`` and a plain ``folium.GeoJson`` page of the same
points (with local Leaflet, as they cannot draw offline otherwise), as ratios: to the app, and to
our point map served as a page of its own, as those pages are (the same kind of page).
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

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(Path(__file__).resolve().parent)]

from synthetic_items import write_synthetic  # noqa: E402


def measure(folder: Path, build: bool, cache: Path) -> dict[str, float]:
    """Load (as the app: the Arrow cache in ``cache``), index + facets, map build (if ``build``), peak memory."""
    from cluster_map.core.catalog import load_catalog
    from cluster_map.core.filter_index import FilterIndex
    from cluster_map.core.filters import FilterChoices, FilterSpec
    from cluster_map.core.item_cache import load_items
    from cluster_map.core.taxonomy import load_taxonomy

    start = time.perf_counter()
    loaded = load_items(folder, max_mb=None, cache=cache)
    load, rows = time.perf_counter() - start, loaded.rows
    taxonomy = load_taxonomy()
    start = time.perf_counter()
    choices = FilterChoices.build(rows, catalog=load_catalog(), taxonomy=taxonomy)
    index = FilterIndex.build(rows, choices=choices)
    index.all_counts(FilterSpec())
    facets = time.perf_counter() - start
    start = time.perf_counter()
    index.all_counts(FilterSpec(sectors=(next(iter(taxonomy.sectors)),)))
    change = time.perf_counter() - start
    figures = {"rows": float(len(rows)), "load_s": load, "facets_s": facets, "change_s": change}
    figures["cached"] = float(loaded.source == "cache")
    if build:
        figures.update(_build(loaded, folder / "static"))
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def _build(loaded, static: Path) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Seconds and megabytes of what the map of every row needs (HTML, and the points' file)."""
    from cluster_map.core.items import with_details
    from cluster_map.web.boundary_files import write_boundary_files
    from cluster_map.web.context import load_map_context
    from cluster_map.web.map_view import build_map
    from cluster_map.web.point_columns import POINT_LAYER_MIN, point_columns, write_point_file
    from cluster_map.web.point_map import build_point_map

    rows = loaded.rows
    context = load_map_context(write_boundary_files(static), static_dir=static)
    start = time.perf_counter()
    if rows.geometry.notna().sum() >= POINT_LAYER_MIN:
        columns = point_columns(rows, taxonomy=context.taxonomy, system="wgs84")
        name = write_point_file(columns, static / "points")
        fmap = build_point_map(columns, context=context, file_url=f"/points/{name}", unit_points={})
        html = fmap.get_root().render()
        file_mb = (static / "points" / name).stat().st_size / 1e6
    else:  # the marker map's popups cite every mention
        html = build_map(with_details(rows, loaded.plan), context=context).get_root().render()
        file_mb = 0.0
    return {
        "build_s": time.perf_counter() - start,
        "html_mb": len(html.encode("utf-8")) / 1e6,
        "file_mb": file_mb,
    }


def _child(folder: Path, build: bool, cache: Path) -> dict[str, float] | str:
    """:func:`measure` in a fresh process (its peak memory is this load's); the error's last line if it fails."""
    args = [sys.executable, __file__, "--child", str(folder), "1" if build else "0", str(cache)]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode:
        return (done.stderr.strip().splitlines() or ["?"])[-1]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _server_side(sizes: list[int], build_max: int, tmp: Path) -> None:
    print(f"{'N':>9} {'write s':>8} {'CSV load s':>10} {'CSV peak MB':>11} {'load s':>7} {'facets s':>9} "
          f"{'change s':>9} {'build s':>8} {'HTML MB':>8} {'file MB':>8} {'peak MB':>8}")  # fmt: skip
    for n in sizes:
        start = time.perf_counter()
        folder = _folder(tmp, n)
        written = time.perf_counter() - start  # 0 when the folder was written before (--data)
        with tempfile.TemporaryDirectory(dir=tmp) as cache:
            first = _child(folder, False, Path(cache))  # from CSV (a large folder is cached on the way)
            f = _child(folder, n <= build_max, Path(cache))  # a restart: from the cache when it is large
        if isinstance(first, str) or isinstance(f, str):
            print(f"{n:>9} failed: {first if isinstance(first, str) else f}")
            continue
        cells = [f"{f[k]:8.2f}" if k in f else f"{'-':>8}" for k in ("build_s", "html_mb", "file_mb")]
        load = f"{f['load_s']:6.2f}{'*' if f['cached'] else ' '}"
        print(
            f"{n:>9} {written:8.2f} {first['load_s']:10.2f} {first['peak_rss_mb']:11.0f} {load:>7} "
            f"{f['facets_s']:9.2f} {f['change_s']:9.3f} {' '.join(cells)} {f['peak_rss_mb']:8.0f}",
            flush=True,
        )
    print("* loaded from the Arrow cache the first load wrote (core/item_cache.py); the other columns are "
          "those of that second load, in a new process, as after a restart")  # fmt: skip


def _folder(tmp: Path, n: int) -> Path:
    folder = tmp / f"n{n}"
    if not (folder / "items.csv").is_file():
        write_synthetic(folder, n)
    return folder


def _browser(sizes: list[int], repeat: int, explore_max: int, tmp: Path) -> None:
    from browser_figures import app_figures, floor_figures, launch
    from playwright.sync_api import sync_playwright

    logs = Path(tempfile.gettempdir())
    with sync_playwright() as playwright:
        browser = launch(playwright)
        floor = floor_figures(browser, repeat=repeat, log=logs / "bench_floor.log")
        print(
            f"\nfloor (bare Streamlit + one st_folium point): drawn {floor['drawn_s']:.2f} s, "
            f"received {floor['sent_mb']:.2f} MB"
        )
        print(
            f"{'data':>9} {'drawn s':>8} {'x floor':>8} {'change s':>9} {'(clock)':>8} {'settled':>8} {'page':>6} "
            f"{'sent MB':>8} {'- floor':>8} {'app MB':>7} {'server MB':>10} {'own MB':>7}"
        )
        for n in [0, *sizes]:
            items = _folder(tmp, n) if n else None
            f = app_figures(browser, items=items, repeat=repeat, log=logs / f"bench_app_{n}.log")
            print(
                f"{n or 'seed':>9} {f['drawn_s']:8.2f} {f['drawn_s'] / floor['drawn_s']:8.2f} {f['change_s']:9.3f} "
                f"{f['change_wall_s']:8.3f} {f['settled_s']:8.3f} {f['page_s']:6.3f} {f['sent_mb']:8.2f} {f['sent_mb'] - floor['sent_mb']:8.2f} {f['own_sent_mb']:7.2f} {f['server_mb']:10.0f} {f['anon_mb']:7.0f}",
                flush=True,
            )
            if n and n <= explore_max:
                _baselines(browser, items, f, repeat)
        browser.close()


def _baselines(browser, items: Path, ours: dict[str, float], repeat: int) -> None:  # type: ignore[no-untyped-def]
    import folium
    from browser_figures import folium_page_figures

    from cluster_map.core.items import read_item_rows

    rows = read_item_rows(items, max_mb=None, details=False)
    points = rows.loc[
        rows.geometry.notna(), ["id", "name_zh", "sector", "kind", "level", "county_code", "geometry"]
    ]

    def geojson() -> str:
        fmap = folium.Map(location=[39.3, 116.5], zoom_start=7, tiles=None)
        folium.GeoJson(points.__geo_interface__, marker=folium.CircleMarker(radius=3)).add_to(fmap)
        return fmap.get_root().render()

    alone = _map_alone(browser, rows, repeat)
    for name, make in (("explore", lambda: points.explore().get_root().render()), ("GeoJson", geojson)):
        try:
            f = folium_page_figures(browser, make, repeat=max(1, repeat // 2))
        except ImportError as error:
            print(f"{'':>9} {name}: not measured ({error}; pip install -r benchmarks/requirements.txt)")
            continue
        print(
            f"{'':>9} {name}: build {f['build_s']:.1f} s, HTML {f['html_mb']:.1f} MB, drawn {f['drawn_s']:.2f} s"
            f" -> the app {f['drawn_s'] / ours['drawn_s']:.1f}x faster, {f['html_mb'] / ours['sent_mb']:.1f}x smaller;"
            f" our map alone {f['drawn_s'] / alone['drawn_s']:.1f}x faster, {f['html_mb'] / alone['sent_mb']:.1f}x smaller",
            flush=True,
        )


def _map_alone(browser, rows, repeat: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Our point map of ``rows`` as a page of its own (the app's base map, boundaries and scripts)."""
    from browser_figures import map_alone_figures

    from cluster_map.ui.point_view import unit_points
    from cluster_map.web.assets import STATIC_DIR, STATIC_URL
    from cluster_map.web.boundary_files import write_boundary_files
    from cluster_map.web.context import load_map_context
    from cluster_map.web.point_columns import point_columns, write_point_file
    from cluster_map.web.point_map import build_point_map

    context = load_map_context(write_boundary_files(STATIC_DIR))
    columns = point_columns(rows, taxonomy=context.taxonomy, system="wgs84")  # the default base map (none)
    name = write_point_file(columns, STATIC_DIR / "points")
    fmap = build_point_map(
        columns, context=context, file_url=f"{STATIC_URL}/points/{name}", unit_points=unit_points("wgs84")
    )
    f = map_alone_figures(browser, fmap.get_root().render(), repeat=repeat)
    print(f"{'':>9} our map alone: drawn {f['drawn_s']:.2f} s, received {f['sent_mb']:.2f} MB", flush=True)
    return f


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--build-max", type=int, default=1_000_000, help="build the map only up to this N")
    parser.add_argument("--browser", action="store_true", help="also measure in headless Chromium")
    parser.add_argument("--browser-sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument(
        "--explore-max", type=int, default=100_000, help="gdf.explore() baseline up to this N"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--data", type=Path, help="keep the synthetic folders here (default: a temporary folder)"
    )
    parser.add_argument("--child", nargs=3, metavar=("FOLDER", "BUILD", "CACHE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(Path(args.child[0]), args.child[1] == "1", Path(args.child[2]))))
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.data or Path(scratch)
        _server_side(args.sizes, args.build_max, tmp)
        if args.browser:
            _browser(args.browser_sizes, args.repeat, args.explore_max, tmp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
