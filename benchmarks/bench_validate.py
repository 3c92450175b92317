"""How long ``python -m cluster_map validate`` takes on a large records file, and its peak memory.

    .venv/bin/python benchmarks/bench_validate.py [--mb 200] [--file /tmp/big_records.csv]

Writes a synthetic records file of about ``--mb`` megabytes (the committed records repeated, each
copy with its own id, so every row is valid), unless ``--file`` already exists, then runs the
validate command on it in a child process and prints the seconds, the peak resident memory of the
child and the rows per second. A script, not a test: the test suite checks the chunked path with a
few rows.
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
RECORDS = PROJECT_ROOT / "geodata" / "records" / "records.csv"


def write_synthetic(path: Path, *, megabytes: float) -> int:
    """Write the committed records again and again (ids made unique) until ``megabytes``; returns rows."""
    with RECORDS.open(encoding="utf-8", newline="") as source:
        rows = list(csv.reader(source))
    header, body = rows[0], rows[1:]
    id_column = header.index("id")
    target = int(megabytes * 1_000_000)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as sink:
        writer = csv.writer(sink, lineterminator="\n")
        writer.writerow(header)
        copy = 0
        while sink.tell() < target:
            for row in body:
                row = list(row)
                row[id_column] = f"{row[id_column]}-c{copy}"
                writer.writerow(row)
                count += 1
            copy += 1
    return count


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
    parser.add_argument("--file", type=Path, help="reuse (or create) this file instead of a temporary one")
    parser.add_argument("args", nargs="*", help="more arguments for validate, e.g. -- --max-mb 500")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = options.file or Path(folder) / "records.csv"
        if not path.exists():
            start = time.perf_counter()
            rows = write_synthetic(path, megabytes=options.mb)
            print(
                f"wrote {path}: {rows} rows, {path.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - start:.1f} s"
            )
        else:
            with path.open(encoding="utf-8", newline="") as handle:
                rows = sum(1 for _ in csv.reader(handle)) - 1
        seconds, peak_mb, code = run_validate(path, *options.args)
        print(
            f"validate: {seconds:.1f} s, peak RSS {peak_mb:.0f} MB, {rows / seconds:.0f} rows/s, exit {code}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
