"""The commands about places: ``profile`` (one place), ``matrix`` (sector x unit) and ``compare``.

They share the app's implementation (:mod:`cluster_map.core.profiles`,
:mod:`cluster_map.core.comparison`) and its files (:mod:`cluster_map.export.profile_files`,
:mod:`cluster_map.export.comparison_files`), so a count on the command line is the count on the page.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cluster_map.cli.options import _add_filter_options, _filter_query, non_place_fields
from cluster_map.core.csv_input import MAX_LOAD_MB
from cluster_map.core.paths import ITEMS_DIR

if TYPE_CHECKING:
    import geopandas as gpd

    from cluster_map.core.catalog import Catalog
    from cluster_map.core.comparison import MatrixLevel
    from cluster_map.core.filters import FilterChoices, FilterSpec
    from cluster_map.core.taxonomy import Taxonomy

__all__ = ["add_place_parsers"]


@dataclass(frozen=True)
class _Loaded:
    catalog: Catalog
    taxonomy: Taxonomy
    rows: gpd.GeoDataFrame
    choices: FilterChoices
    spec: FilterSpec


def _load(args: argparse.Namespace, *, place_filters: bool) -> _Loaded:
    """The items and the filter the options give (places named by arguments are not filters)."""
    from cluster_map.core.catalog import load_catalog
    from cluster_map.core.filters import FilterChoices, spec_from_query
    from cluster_map.core.items import read_item_rows
    from cluster_map.core.taxonomy import load_taxonomy

    catalog, taxonomy = load_catalog(), load_taxonomy()
    rows = read_item_rows(args.items, max_mb=args.max_mb)
    choices = FilterChoices.build(rows, catalog=catalog, taxonomy=taxonomy)
    fields = None if place_filters else non_place_fields()
    query = _filter_query(args) if fields is None else _filter_query(args, fields)
    spec, _ = spec_from_query(query, choices=choices, strict=True)
    return _Loaded(catalog, taxonomy, rows, choices, spec)


def _write(data: bytes, output: Path | None, summary: str) -> int:
    """``data`` to ``output`` (its folder made; the summary on stdout), or to stdout when None."""
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    print(f"{output}: {summary}")
    return 0


def _cmd_profile(args: argparse.Namespace) -> int:
    from cluster_map.core.boundaries import Layer, read_boundaries
    from cluster_map.core.catalog import load_catalog
    from cluster_map.core.place_passages import place_passages
    from cluster_map.core.plan_text import plan_text
    from cluster_map.core.profiles import build_profile, find_profile_place
    from cluster_map.export.profile_files import profile_bytes

    place = find_profile_place(args.place, load_catalog())  # before the items are read
    loaded = _load(args, place_filters=False)
    profile = build_profile(loaded.rows, place, loaded.spec, choices=loaded.choices)
    layers: tuple[Layer, ...] = ("prefecture", "county") if args.format == "html" else ()
    plans = {doc: plan_text(doc, loaded.taxonomy) for doc in loaded.taxonomy.documents}
    data = profile_bytes(
        profile,
        fmt=args.format,
        catalog=loaded.catalog,
        taxonomy=loaded.taxonomy,
        boundaries={layer: read_boundaries(layer, weight="web") for layer in layers},
        passages=place_passages(place, loaded.catalog, plans),
        lang=args.lang,
    )
    output = args.output or (Path(f"profile_{place.code}.html") if args.format == "html" else None)
    return _write(data, output, f"{profile.item_count} items in {place.name(loaded.catalog, args.lang)}")


def _cmd_matrix(args: argparse.Namespace) -> int:
    from cluster_map.core.catalog import load_catalog
    from cluster_map.core.comparison import sector_matrix
    from cluster_map.core.errors import UsageError
    from cluster_map.core.filters import apply_filters
    from cluster_map.export.comparison_files import matrix_bytes

    within = ""
    if args.within:
        within = load_catalog().find("prefecture", args.within) or ""
        if not within:
            raise UsageError(
                f"--within {args.within!r} is no prefecture; give a name (唐山) or code (130200)"
            )
    loaded = _load(args, place_filters=True)
    filtered = apply_filters(loaded.rows, loaded.spec, choices=loaded.choices)
    level: MatrixLevel = "county" if within else "prefecture"
    matrix = sector_matrix(filtered, catalog=loaded.catalog, level=level, within=within)
    data = matrix_bytes(
        matrix,
        fmt=args.format,
        level=level,
        within=within,
        spec=loaded.spec,
        catalog=loaded.catalog,
        taxonomy=loaded.taxonomy,
        lang=args.lang,
    )
    total = int(matrix.to_numpy().sum())
    return _write(
        data,
        args.output,
        f"{len(matrix)} sectors x {len(matrix.columns)} {level} units, {total} item-unit pairs",
    )


def _cmd_compare(args: argparse.Namespace) -> int:
    from cluster_map.core.catalog import load_catalog
    from cluster_map.core.comparison import compare_places
    from cluster_map.core.profiles import find_profile_place
    from cluster_map.export.comparison_files import comparison_bytes

    catalog = load_catalog()
    places = list(dict.fromkeys(find_profile_place(value, catalog) for value in args.places))
    loaded = _load(args, place_filters=False)
    table, profiles = compare_places(loaded.rows, places, loaded.spec, choices=loaded.choices)
    data = comparison_bytes(
        table,
        places,
        fmt=args.format,
        spec=loaded.spec,
        catalog=loaded.catalog,
        taxonomy=loaded.taxonomy,
        lang=args.lang,
    )
    counts = ", ".join(f"{p.place.name(catalog, args.lang)} {p.item_count}" for p in profiles)
    return _write(data, args.output, f"items: {counts}")


def _common_options(parser: argparse.ArgumentParser, *, formats: tuple[str, ...], default: str) -> None:
    parser.add_argument("--format", choices=formats, default=default, help=f"default: {default}")
    where = "profile_<code>.html for html, stdout otherwise" if "html" in formats else "stdout"
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help=f"file to write (replaced); default: {where}"
    )
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of labels (default: zh)")
    parser.add_argument("--items", type=Path, default=ITEMS_DIR, metavar="FOLDER", help="folder of the items")
    parser.add_argument(
        "--max-mb", type=float, default=MAX_LOAD_MB, metavar="MB", help="refuse a larger items file"
    )


def _add_profile_parser(commands: argparse._SubParsersAction) -> None:
    from cluster_map.export.profile_files import PROFILE_FORMATS

    profile = commands.add_parser(
        "profile",
        help="what the plans put in one prefecture, county or zone: a brief (HTML), CSV or JSON",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "The profile of a place under the filters of the app: its items by sector, kind and level,\n"
            "what the layout chapters say about it, its zones and counties, every item with its\n"
            "passages; the counts are those of `export` with the same place filter. html is a\n"
            "printable brief (map, tables, citations) that needs no internet; print it to PDF."
        ),
        epilog="examples:\n  python -m cluster_map profile 唐山\n"
        "  python -m cluster_map profile 沿海 --format json --sector 新能源",
    )
    profile.add_argument("place", metavar="PLACE", help="adcode (130200), name (唐山, 正定县) or zone (沿海)")
    _common_options(profile, formats=PROFILE_FORMATS, default="html")
    _add_filter_options(profile, non_place_fields())
    profile.set_defaults(run=_cmd_profile)


def _add_matrix_parser(commands: argparse._SubParsersAction) -> None:
    from cluster_map.export.comparison_files import TABLE_FORMATS

    matrix = commands.add_parser(
        "matrix",
        help="items per sector and prefecture (or county of one prefecture): CSV, XLSX or JSON",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "The sector x area matrix of the app under the same filters: each cell counts the items of\n"
            "the sector placed in the area (an item once per area), with totals; column sums equal\n"
            "the profiles of the areas."
        ),
        epilog="examples:\n  python -m cluster_map matrix --format xlsx -o matrix.xlsx\n"
        "  python -m cluster_map matrix --within 唐山 --kind key_project",
    )
    matrix.add_argument(
        "--within", metavar="PREFECTURE", help="the counties of this prefecture (name or code) as columns"
    )
    _common_options(matrix, formats=TABLE_FORMATS, default="csv")
    _add_filter_options(matrix)
    matrix.set_defaults(run=_cmd_matrix)


def _add_compare_parser(commands: argparse._SubParsersAction) -> None:
    from cluster_map.core.comparison import MAX_COMPARED
    from cluster_map.export.comparison_files import TABLE_FORMATS

    compare = commands.add_parser(
        "compare",
        help=f"up to {MAX_COMPARED} places side by side: items by sector, kind and level",
        description="The comparison of the app: one column per place, its profile's counts under the filters.",
        epilog="example:\n  python -m cluster_map compare 唐山 沧州 秦皇岛 --sector 高端装备",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    compare.add_argument(
        "places", nargs="+", metavar="PLACE", help="adcodes, names (唐山, 正定县) or zones (沿海)"
    )
    _common_options(compare, formats=TABLE_FORMATS, default="csv")
    _add_filter_options(compare, non_place_fields())
    compare.set_defaults(run=_cmd_compare)


def add_place_parsers(commands: argparse._SubParsersAction) -> None:
    """Add ``profile``, ``matrix`` and ``compare`` to the command line."""
    _add_profile_parser(commands)
    _add_matrix_parser(commands)
    _add_compare_parser(commands)
