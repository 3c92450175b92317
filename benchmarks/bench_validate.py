"""How long ``python -m cluster_map validate`` takes on a large items folder, and its peak memory.

    .venv/bin/python benchmarks/bench_validate.py [--mb 200] [--folder /tmp/big_items]

Writes a synthetic items folder of about ``--mb`` megabytes (the committed items, places and mentions
repeated, each copy with its own ids and names, so that copies do not clash), unless ``--folder``
already holds items.csv, then runs the validate command on it in a child process and prints the
seconds, the peak resident memory of the child and the rows (places and mentions) per second. A
script, not a test: the test suite checks the chunked path with a few rows.
"""

from __future__ import annotations

import argparse
import csv
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ITEMS = PROJECT_ROOT / "geodata" / "items"
TABLES = {"items": "id", "places": "item_id", "mentions": "item_id"}


def _read(stem: str) -> tuple[list[str], list[list[str]]]:
    with (ITEMS / f"{stem}.csv").open(encoding="utf-8", newline="") as source:
        rows = list(csv.reader(source))
    return rows[0], rows[1:]


def _copy_id(item_id: str, copy: int) -> str:
    """``sei-1-1-01`` -> ``sei-c7-1-1-01``: a well-formed id of its own for each copy."""
    doc, _, rest = item_id.partition("-")
    return f"{doc}-c{copy}-{rest}"


def write_synthetic(folder: Path, *, megabytes: float) -> int:
    """Write the committed tables again and again (ids and names made unique) until ``megabytes``.

    Returns the rows of places.csv and mentions.csv written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    tables = {stem: _read(stem) for stem in TABLES}
    handles = {stem: (folder / f"{stem}.csv").open("w", encoding="utf-8", newline="") for stem in TABLES}
    writers = {stem: csv.writer(handle, lineterminator="\n") for stem, handle in handles.items()}
    for stem, (header, _) in tables.items():
        writers[stem].writerow(header)
    target, rows, copy = int(megabytes * 1_000_000), 0, 0
    try:
        while sum(handle.tell() for handle in handles.values()) < target:
            for stem, (header, body) in tables.items():
                id_column, name_column = (
                    header.index(TABLES[stem]),
                    header.index("name_zh") if stem == "items" else -1,
                )
                for row in body:
                    row = list(row)
                    row[id_column] = _copy_id(row[id_column], copy)
                    if name_column >= 0:
                        row[name_column] = f"{row[name_column]}{copy}"
                    writers[stem].writerow(row)
                rows += len(body) if stem != "items" else 0
            copy += 1
    finally:
        for handle in handles.values():
            handle.close()
    return rows


def run_validate(path: Path, *extra: str) -> tuple[float, float, int]:
    """Seconds, peak RSS (MB) of the child, exit code of ``python -m cluster_map validate path``."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "cluster_map", "validate", str(path), *extra],
        cwd=PROJECT_ROOT,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    tail = done.stderr.strip().splitlines()[-3:]
    print("\n".join(f"  stderr: {line}" for line in tail))
    return seconds, peak_mb, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--mb", type=float, default=200, help="size of the synthetic file (default: %(default)s)"
    )
    parser.add_argument(
        "--folder", type=Path, help="reuse (or create) this items folder instead of a temporary one"
    )
    parser.add_argument("args", nargs="*", help="more arguments for validate, e.g. -- --max-mb 500")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = options.folder or Path(temporary) / "items"
        if not (folder / "items.csv").exists():
            start = time.perf_counter()
            rows = write_synthetic(folder, megabytes=options.mb)
            size = sum(p.stat().st_size for p in folder.glob("*.csv")) / 1e6
            print(
                f"wrote {folder}: {rows} rows of places and mentions, {size:.0f} MB in {time.perf_counter() - start:.1f} s"
            )
        else:
            rows = 0
            for stem in ("places", "mentions"):
                with (folder / f"{stem}.csv").open(encoding="utf-8", newline="") as handle:
                    rows += sum(1 for _ in csv.reader(handle)) - 1
        seconds, peak_mb, code = run_validate(folder, *options.args)
        print(
            f"validate: {seconds:.1f} s, peak RSS {peak_mb:.0f} MB, {rows / seconds:.0f} rows/s, exit {code}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
