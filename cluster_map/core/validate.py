"""Validate records: every problem at once, as ``file:line:field: what is wrong, and what to do``.

Run ``python -m cluster_map validate``. Checks: the schema and types, unique ids, known sector /
kind / level / precision / evidence / document values, that the source span really holds
``name_zh``, codes that exist and agree with their names, precision and evidence that agree with
the place, finite lon/lat inside Hebei (swapped lon/lat are named), and that each point lies inside
its claimed county and prefecture polygons.

Two entry points share the checks and their messages:

- :func:`validate_records` streams a records file of any size in chunks (progress on request);
- :func:`check_records` checks records in memory (text as read, or as :func:`read_records` types
  them) before they are exported; by default with :data:`EXPORT_CHECKS`.

Build the :class:`ValidationContext` once with :func:`validation_context` and pass it to each call
to skip reading the boundaries again.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cluster_map.core.boundaries import read_boundaries
from cluster_map.core.checks import ALL_CHECKS, EXPORT_CHECKS, Check, ValidationContext, row_problems
from cluster_map.core.csv_input import CHUNK_ROWS, file_megabytes, iter_csv_chunks
from cluster_map.core.errors import MissingColumns
from cluster_map.core.records import _MISSING_HINT, COLUMNS, RECORDS_PATH, SCHEMA_DOC
from cluster_map.core.taxonomy import Taxonomy, load_taxonomy

__all__ = [
    "ALL_CHECKS",
    "EXPORT_CHECKS",
    "RecordCheck",
    "ValidationContext",
    "check_records",
    "records_text",
    "validate_records",
    "validation_context",
]


def validation_context(*, taxonomy: Taxonomy | None = None) -> ValidationContext:
    """Load what the checks compare against: the taxonomy, the plans' texts, the full-weight boundaries.

    Parameters
    ----------
    taxonomy
        Vocabularies and documents; the committed taxonomy.toml by default.

    Returns
    -------
    A context to pass to :func:`check_records` and :func:`validate_records` (cache it in the app).
    """
    return ValidationContext.from_frames(
        taxonomy or load_taxonomy(),
        prefectures=read_boundaries("prefecture"),
        counties=read_boundaries("county"),
        province=read_boundaries("province"),
    )


@dataclass(frozen=True)
class RecordCheck:
    """What :func:`check_records` found: the messages and the index labels of the records at fault."""

    problems: list[str]
    invalid: list[Hashable]

    @property
    def ok(self) -> bool:
        """True when no record has a problem."""
        return not self.problems

    def valid(self, records: pd.DataFrame) -> pd.DataFrame:
        """The records without a problem (same type as ``records``)."""
        return records[~records.index.isin(self.invalid)]


def _cell_text(value: Any) -> str:
    """A value as records.csv would hold it: missing as ``""``, floats as ``repr`` (``inf`` stays)."""
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    return str(value)


def records_text(records: pd.DataFrame) -> pd.DataFrame:
    """The columns of :data:`~cluster_map.core.records.COLUMNS` as text, as records.csv holds them.

    Parameters
    ----------
    records
        Records as text (from :func:`~cluster_map.core.records.read_records_table`) or typed (from
        :func:`~cluster_map.core.records.read_records`); other columns are left out.

    Returns
    -------
    A table of strings with the same index.
    """
    return pd.DataFrame(
        {c: [_cell_text(v) for v in records[c]] for c in COLUMNS}, index=records.index, dtype=str
    )


def _table_problems(
    table: pd.DataFrame,
    *,
    ctx: ValidationContext,
    source: str,
    checks: tuple[Check, ...],
    first: dict[str, int],
) -> list[tuple[Hashable, str]]:
    """``(index label, message)`` of every problem in a table of text; ``first`` maps ids seen to lines."""
    found = []
    values = zip(*(table[c].tolist() for c in COLUMNS), strict=True)
    for label, row in zip(table.index, (dict(zip(COLUMNS, v, strict=True)) for v in values), strict=True):
        line = label + 2 if isinstance(label, (int, np.integer)) else label
        id_ = row["id"]
        if id_ in first:
            found.append(
                (
                    label,
                    f"{source}:{line}:id: {id_!r} is used twice; ids must be unique (first on line {first[id_]})",
                )
            )
        elif id_:
            first[id_] = line
        found += [
            (label, f"{source}:{line}:{name}: {message}") for name, message in row_problems(row, ctx, checks)
        ]
    return found


def check_records(
    records: pd.DataFrame,
    *,
    source: str = "records",
    checks: tuple[Check, ...] = EXPORT_CHECKS,
    context: ValidationContext | None = None,
) -> RecordCheck:
    """Check records in memory with validate's messages (an export calls it first).

    Parameters
    ----------
    records
        Records as text or typed, indexed from 0 as read (so that line = index + 2).
    source
        What the messages name as the file, e.g. the path of records.csv.
    checks
        :data:`EXPORT_CHECKS` (default: everything but the provenance of the committed data) or
        :data:`ALL_CHECKS`.
    context
        From :func:`validation_context`; loaded when not given.

    Returns
    -------
    The problems (``source:line:field: message``) and the index labels of the records at fault.
    """
    missing = [c for c in COLUMNS if c not in records.columns]
    if missing:
        problems = [f"{source}:1:{c}: column missing; the schema is in {SCHEMA_DOC}" for c in missing]
        return RecordCheck(problems, list(records.index))
    found = _table_problems(
        records_text(records), ctx=context or validation_context(), source=source, checks=checks, first={}
    )
    return RecordCheck([message for _, message in found], list(dict.fromkeys(label for label, _ in found)))


def validate_records(
    path: Path | str = RECORDS_PATH,
    *,
    taxonomy: Taxonomy | None = None,
    context: ValidationContext | None = None,
    progress: Callable[[str], None] | None = None,
    chunk_rows: int = CHUNK_ROWS,
    max_mb: float | None = None,
) -> list[str]:
    """Check a records file with every check, streaming it in chunks, and return every problem found.

    Parameters
    ----------
    path
        records.csv, or a file of the same schema.
    taxonomy
        Vocabularies and documents; the committed taxonomy.toml by default.
    context
        From :func:`validation_context` (then ``taxonomy`` is not used); loaded when not given.
    progress
        Called after each chunk with ``validated N rows (X/Y MB of records.csv)``.
    chunk_rows
        Rows read and checked at a time (memory stays bounded by it, plus the ids seen).
    max_mb
        Refuse a file larger than this many megabytes; None (default) for no limit.

    Returns
    -------
    Messages ``file:line:field: what is wrong, and what to do``; line 2 is the first record.

    Raises
    ------
    InputFileError
        When the file cannot be read as CSV (missing columns are returned as problems instead).
    """
    path = Path(path)
    chunks = iter_csv_chunks(
        path, columns=COLUMNS, schema=SCHEMA_DOC, hint=_MISSING_HINT, chunk_rows=chunk_rows, max_mb=max_mb
    )
    try:
        first_chunk = next(chunks)
    except MissingColumns as exc:
        return [f"{path}:1:{c}: column missing; the schema is in {SCHEMA_DOC}" for c in exc.missing]
    ctx = context or validation_context(taxonomy=taxonomy)
    problems: list[str] = []
    first: dict[str, int] = {}
    total_mb, rows = file_megabytes(path), 0
    for chunk in itertools.chain([first_chunk], chunks):
        found = _table_problems(chunk, ctx=ctx, source=str(path), checks=ALL_CHECKS, first=first)
        problems += [message for _, message in found]
        rows += len(chunk)
        if progress:
            progress(
                f"validated {rows} rows ({chunk.attrs['bytes_read'] / 1e6:.0f}/{total_mb:.0f} MB of {path.name})"
            )
    return problems
