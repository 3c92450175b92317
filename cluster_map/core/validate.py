"""Validate plan items: every problem at once, as ``file:line:field: what is wrong, and what to do``.

Run ``python -m cluster_map validate [FOLDER]`` on a folder of items.csv, places.csv and mentions.csv
(geodata/items/ by default). The rules:

- every row on its own: the schema, known vocabularies (kinds, sectors, subsectors, levels,
  statuses, precisions, evidences, documents), ids unique; a place's codes exist and agree with
  their names, its precision and evidence agree with the place, its lon/lat are finite, inside
  Hebei (swapped lon/lat are named) and inside its county and prefecture polygons; a mention's
  spans are ``start-end;…``;
- across the tables: every place and mention belongs to an item, every item has a mention, and
  place_count, mention_count, precision, places_zh, docs and sections of items.csv agree with
  places.csv and mentions.csv;
- the plan rules of the committed data (``plan_rules``): ids of the form sei-…/sti-…, no verb phrase
  in a name, no two items with the same name and place, every span holds its text in the plan, a
  place only where a mention sentence names it or through a documented alias (evidence ``text``: the
  place quoted in the item's note), level and status given exactly with their quotes, and the quotes
  in a mention sentence of the item.

Two entry points share the rules and their messages: :func:`validate_items` streams the three
files in chunks, with progress on request (memory: a chunk, and a few facts per item); :func:`check_items`
checks tables in memory before they are exported (without the plan rules by default). Build the
:class:`ValidationContext` once with :func:`validation_context` and pass it to each call.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd

from cluster_map.core.boundaries import read_boundaries
from cluster_map.core.checks import ValidationContext
from cluster_map.core.csv_input import CHUNK_ROWS, file_megabytes, iter_csv_chunks
from cluster_map.core.errors import InputFileError, MissingColumns
from cluster_map.core.items import _MISSING_HINT, SCHEMA_DOC, TABLE_COLUMNS, PlanItems
from cluster_map.core.paths import ITEMS_DIR
from cluster_map.core.table_checks import TableChecker
from cluster_map.core.taxonomy import Taxonomy, load_taxonomy

FrameT = TypeVar("FrameT", bound=pd.DataFrame)

__all__ = ["ItemCheck", "ValidationContext", "check_items", "validate_items", "validation_context"]


def validation_context(*, taxonomy: Taxonomy | None = None) -> ValidationContext:
    """Load what the rules compare against: the taxonomy, the plans' texts, aliases, the boundaries.

    Parameters
    ----------
    taxonomy
        Vocabularies and documents; the committed taxonomy.toml by default.

    Returns
    -------
    A context to pass to :func:`check_items` and :func:`validate_items` (cache it in the app).
    """
    return ValidationContext.from_frames(
        taxonomy or load_taxonomy(),
        prefectures=read_boundaries("prefecture"),
        counties=read_boundaries("county"),
        province=read_boundaries("province"),
    )


@dataclass(frozen=True)
class ItemCheck:
    """What :func:`check_items` found: the messages and the ids of the items at fault."""

    problems: list[str]
    invalid: list[str]

    @property
    def ok(self) -> bool:
        """True when no item has a problem."""
        return not self.problems

    def valid(self, rows: FrameT, *, column: str = "id") -> FrameT:
        """``rows`` without those of an invalid item (``column`` holds the item id; same type)."""
        return rows[~rows[column].astype(str).isin(self.invalid)]


def _text(table: pd.DataFrame) -> pd.DataFrame:
    """A table as text: missing values as ``""``, everything else ``str``."""
    return table.astype(object).where(table.notna(), "").astype(str)


def check_items(
    plan: PlanItems,
    *,
    source: Path | str = "items",
    plan_rules: bool = False,
    context: ValidationContext | None = None,
) -> ItemCheck:
    """Check plan items in memory with validate's messages (an export calls it first).

    Parameters
    ----------
    plan
        The three tables as :func:`~cluster_map.core.items.read_plan_items` reads them (as text,
        indexed from 0, so that line = index + 2).
    source
        The folder the messages name (``<source>/items.csv:2:sector: …``).
    plan_rules
        Also the rules of the committed data (ids, spans against the plans, names, evidence, quotes,
        duplicates), which users' own items of the same schema need not follow. False by default.
    context
        From :func:`validation_context`; loaded when not given.

    Returns
    -------
    The problems and the ids of the items at fault (their places and mentions go with them).
    """
    sources = {stem: f"{source}/{stem}.csv" for stem in TABLE_COLUMNS}
    missing = [
        f"{sources[stem]}:1:{c}: column missing; the schema is in {SCHEMA_DOC}"
        for stem, columns in TABLE_COLUMNS.items()
        for c in columns
        if c not in getattr(plan, stem).columns
    ]
    if missing:
        return ItemCheck(missing, sorted(set(plan.items["id"].astype(str))) if "id" in plan.items else [])
    tables = TableChecker(context or validation_context(), sources=sources, plan_rules=plan_rules)
    tables.add_items(_text(plan.items))
    tables.add_places(_text(plan.places))
    tables.add_mentions(_text(plan.mentions))
    tables.finish()
    return ItemCheck(tables.problems(), tables.invalid_ids())


def _streams(
    paths: dict[str, Path], *, chunk_rows: int, max_mb: float | None
) -> tuple[dict[str, Iterator[pd.DataFrame]], list[str]]:
    """Each table's chunks, and a message per column missing from a header."""
    streams: dict[str, Iterator[pd.DataFrame]] = {}
    missing: list[str] = []
    for stem, columns in TABLE_COLUMNS.items():
        chunks = iter_csv_chunks(
            paths[stem],
            columns=columns,
            schema=SCHEMA_DOC,
            hint=_MISSING_HINT,
            chunk_rows=chunk_rows,
            max_mb=max_mb,
        )
        try:
            streams[stem] = itertools.chain([next(chunks)], chunks)
        except MissingColumns as exc:
            missing += [
                f"{paths[stem]}:1:{c}: column missing; the schema is in {SCHEMA_DOC}" for c in exc.missing
            ]
    return streams, missing


def _feed(
    tables: TableChecker,
    streams: dict[str, Iterator[pd.DataFrame]],
    paths: dict[str, Path],
    progress: Callable[[str], None] | None,
) -> None:
    """Give ``tables`` every chunk, items first, then places, then mentions; report progress."""
    add = {"items": tables.add_items, "places": tables.add_places, "mentions": tables.add_mentions}
    for stem, chunks in streams.items():
        total_mb, rows = file_megabytes(paths[stem]), 0
        for chunk in chunks:
            add[stem](chunk)
            rows += len(chunk)
            if progress:
                done = chunk.attrs.get("bytes_read", 0) / 1e6
                progress(f"validated {rows} rows ({done:.0f}/{total_mb:.0f} MB of {paths[stem].name})")


def validate_items(
    folder: Path | str = ITEMS_DIR,
    *,
    taxonomy: Taxonomy | None = None,
    context: ValidationContext | None = None,
    progress: Callable[[str], None] | None = None,
    chunk_rows: int = CHUNK_ROWS,
    max_mb: float | None = None,
) -> list[str]:
    """Check a folder of plan items with every rule, streaming its three files in chunks.

    Parameters
    ----------
    folder
        A folder with items.csv, places.csv and mentions.csv (geodata/items/ by default).
    taxonomy
        Vocabularies and documents; the committed taxonomy.toml by default.
    context
        From :func:`validation_context` (then ``taxonomy`` is not used); loaded when not given.
    progress
        Called after each chunk with ``validated N rows (X/Y MB of places.csv)`` (each file counts
        its own rows).
    chunk_rows
        Rows of a file read and checked at a time (memory stays bounded by it, plus a few facts
        per item).
    max_mb
        Refuse a file larger than this many megabytes; None (default) for no limit.

    Returns
    -------
    Messages ``file:line:field: what is wrong, and what to do``, by file and line (line 2 is the
    first row).

    Raises
    ------
    InputFileError
        When a file cannot be read as CSV (missing columns are returned as problems instead).
    """
    folder = Path(folder)
    if folder.is_file():
        raise InputFileError(
            folder,
            "is a file, not a folder; give the folder that holds items.csv, places.csv and mentions.csv",
        )
    paths = {stem: folder / f"{stem}.csv" for stem in TABLE_COLUMNS}
    streams, missing = _streams(paths, chunk_rows=chunk_rows, max_mb=max_mb)
    if missing:
        return missing
    ctx = context or validation_context(taxonomy=taxonomy)
    tables = TableChecker(ctx, sources={stem: str(path) for stem, path in paths.items()}, plan_rules=True)
    _feed(tables, streams, paths, progress)
    tables.finish()
    return tables.problems()
