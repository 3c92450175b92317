"""``cluster-map join FILE``: the user's own rows joined to counties, prefectures, zones and sectors.

The same join as the app's upload (:mod:`cluster_map.own`). Prints the rows per county as CSV on
stdout, what it noticed on stderr, and writes the joined rows with ``-o`` in any export format and
CRS. ``--engine dask`` runs the join on a Dask cluster (``--scheduler tcp://...``), partition by
partition.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from cluster_map.cli.options import _say
from cluster_map.core.csv_output import csv_bytes
from cluster_map.core.errors import UsageError
from cluster_map.core.taxonomy import load_taxonomy
from cluster_map.own.columns import ColumnRoles, detect_columns
from cluster_map.own.coords import OWN_SYSTEMS
from cluster_map.own.read import MAX_UPLOAD_MB, OwnTable, read_own_bytes, read_own_file

__all__ = ["HEAD_BYTES", "add_join_parser", "county_counts_table"]

#: With ``--engine dask``, how much of the file's start is read here to guess columns and sectors.
HEAD_BYTES = 32_000_000


def county_counts_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows per county (placed at a county), with the prefecture and county names, by county code."""
    placed = rows[rows["cm_county_code"] != ""]
    counts = placed.groupby(["cm_county_code", "cm_prefecture_zh", "cm_county_zh"]).size()
    return (
        counts.rename("rows")
        .reset_index()
        .rename(
            columns={
                "cm_county_code": "county_code",
                "cm_prefecture_zh": "prefecture_zh",
                "cm_county_zh": "county_zh",
            }
        )
    )


def _roles(args: argparse.Namespace, columns: list[str]) -> ColumnRoles:
    guessed = detect_columns(columns)
    given = {role: getattr(args, role) for role, _ in guessed.items() if getattr(args, role) is not None}
    roles = ColumnRoles(**{**dict(guessed.items()), **given})
    _say("columns: " + ", ".join(f"{role}={column or '-'}" for role, column in roles.items()))
    return roles


def _sector_map(args: argparse.Namespace, table_frame: pd.DataFrame, industry: str) -> dict[str, str]:
    from cluster_map.core.items import read_plan_items
    from cluster_map.own.sectors import load_keywords, parse_sector_map, suggest_sectors

    taxonomy = load_taxonomy()
    mapping: dict[str, str] = {}
    if industry and not args.no_suggest:
        suggested = suggest_sectors(
            table_frame[industry], taxonomy=taxonomy, keywords=load_keywords(), items=read_plan_items().items
        )
        mapping.update({value: sector for value, sector in suggested.items() if sector})
    mapping.update(parse_sector_map(args.sector_map or [], taxonomy=taxonomy))
    for value, sector in sorted(mapping.items()):
        _say(f"sector: {value} -> {sector}")
    return mapping


def _head(path: Path) -> OwnTable:
    """The first rows of a file the Dask engine joins (whole lines up to HEAD_BYTES): columns and
    industry values are guessed from them, so a registry of any size is never loaded here whole."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
        more = handle.read(1)
    if more:
        head = head[: head.rfind(b"\n") + 1] or head
        _say(f"columns and sector suggestions from the first {len(head) / 1e6:.0f} MB of {path}")
    return read_own_bytes(head, name=path.name)


def _progress(fraction: float, message: str) -> None:
    _say(f"[{fraction:4.0%}] {message}")


def _joined(args: argparse.Namespace) -> tuple[pd.DataFrame, ColumnRoles]:
    from cluster_map.own.addresses import load_address_gazetteer
    from cluster_map.own.join import JoinOptions, join_own
    from cluster_map.own.messages import check_text
    from cluster_map.own.units import load_unit_index

    table = read_own_file(args.file, max_mb=args.max_mb) if args.engine == "local" else _head(args.file)
    roles = _roles(args, list(table.frame.columns))
    options = JoinOptions(
        roles, system=args.crs_in, swap=args.swap, sector_map=_sector_map(args, table.frame, roles.industry)
    )
    if args.engine == "dask":
        from cluster_map.own.engine_dask import dask_join

        return dask_join(args.file, options, scheduler=args.scheduler, progress=_progress), roles
    result = join_own(
        table, options, units=load_unit_index(), gazetteer=load_address_gazetteer(), progress=_progress
    )
    for check in result.checks:
        _say("warning: " + check_text(check, "en"))
    return result.rows, roles


def _cmd_join(args: argparse.Namespace) -> int:
    from cluster_map.own.messages import summary_text, unmapped_text

    rows, roles = _joined(args)
    _say(summary_text(rows, "en"))
    unmapped = unmapped_text(rows, roles.industry, "en")
    if unmapped:
        _say(unmapped + " (map them with --sector-map VALUE=SECTOR)")
    sys.stdout.buffer.write(csv_bytes(county_counts_table(rows), for_spreadsheets=False))
    if args.output:
        _write(rows, args)
    return 0


def _write(rows: pd.DataFrame, args: argparse.Namespace) -> None:
    from cluster_map.export.own_rows import OWN_EXPORT_FORMATS, own_rows_bytes

    suffixes = {entry.suffix: key for key, entry in OWN_EXPORT_FORMATS.items()}
    fmt = args.format or suffixes.get(args.output.suffix.lower(), "")
    if not fmt:
        raise UsageError(
            f"-o {args.output}: the suffix does not say the format; use one of {', '.join(suffixes)} or --format"
        )
    args.output.write_bytes(own_rows_bytes(rows, fmt=fmt, crs=args.crs))
    _say(f"wrote {len(rows)} rows to {args.output} ({fmt}, {args.crs})")


def add_join_parser(commands: argparse._SubParsersAction) -> None:
    """The ``join`` command."""
    join = commands.add_parser(
        "join",
        help="join your own rows (enterprises, projects) to counties, prefectures, zones and sectors",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Place each row of a CSV (UTF-8 or GBK), XLSX, GeoJSON, GPKG or zipped shapefile by its\n"
        "coordinates (else its address, at county or prefecture), give it a sector, and count rows per\n"
        "county (CSV on stdout). Columns are guessed from their names; name them to override.",
        epilog="examples:\n"
        "  cluster-map join enterprises.csv --crs-in gcj02 -o joined.gpkg\n"
        "  cluster-map join list.xlsx --address 注册地址 --industry 行业 --sector-map 光伏=新能源\n"
        "  cluster-map join registry.csv --engine dask --scheduler tcp://10.0.0.5:8786 -o joined.csv",
    )
    join.add_argument("file", type=Path, help="the file to join")
    for role in ("lon", "lat", "name", "address", "industry"):
        join.add_argument(
            f"--{role}", metavar="COLUMN", help=f"the {role} column (default: guessed from the names)"
        )
    join.add_argument(
        "--crs-in",
        choices=OWN_SYSTEMS,
        default="wgs84",
        help="the file's coordinate system (default: %(default)s)",
    )
    join.add_argument("--swap", action="store_true", help="the longitude and latitude columns are exchanged")
    join.add_argument(
        "--sector-map",
        action="append",
        metavar="VALUE=SECTOR",
        help="map an industry value to a sector (repeat)",
    )
    join.add_argument(
        "--no-suggest", action="store_true", help="map only the --sector-map values (no keyword suggestions)"
    )
    join.add_argument(
        "--engine", choices=("local", "dask"), default="local", help="where to join (default: %(default)s)"
    )
    join.add_argument(
        "--scheduler", metavar="ADDRESS", help="with --engine dask: a running cluster's scheduler"
    )
    join.add_argument(
        "--max-mb",
        type=float,
        default=MAX_UPLOAD_MB,
        metavar="MB",
        help="largest file joined in process (default: %(default)g)",
    )
    join.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the joined rows (format from the suffix)"
    )
    join.add_argument("--format", help="the output format (default: from the -o suffix)")
    join.add_argument(
        "--crs", default="4326", help="the output CRS: 4326, 4490 or gcj02 (default: %(default)s)"
    )
    join.set_defaults(run=_cmd_join)
