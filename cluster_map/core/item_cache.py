"""Large item folders kept as Arrow files in a cache folder, so that a restarted app loads them in a second.

Reading a million items from CSV takes seconds (parsing, checking, joining places to items). The
first load of a large folder (:data:`CACHE_MIN_MB` of CSV or more) does that once and writes the
three tables and the item rows (without geometry) as uncompressed Arrow IPC files, each column in
one piece; a later load of the same, unchanged files maps them from disk, and a lookup of a few rows
reads only those rows' pages. An entry is named by the folder's resolved path and
by the size and modification time of each CSV, so an edited file is read again; the entries of
older versions of a folder are removed when a new one is written. A cache that cannot be written
or read (read-only disk, a damaged file) is skipped: the CSVs are always the source.

``CLUSTER_MAP_CACHE`` (environment) names the cache folder; ``off`` turns the cache off. The
default is ``~/.cache/cluster_map`` (``$XDG_CACHE_HOME/cluster_map`` when that is set).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.ipc as ipc

from cluster_map.core.csv_input import MAX_LOAD_MB, file_megabytes
from cluster_map.core.items import TABLE_COLUMNS, PlanItems, item_rows, placed_rows, read_plan_items
from cluster_map.core.text_columns import one_chunk

__all__ = ["CACHE_ENV", "CACHE_MIN_MB", "LoadedItems", "cache_folder", "load_items"]

CACHE_ENV = "CLUSTER_MAP_CACHE"
#: Folders with less CSV than this (megabytes) are read from CSV every time (it takes under a second).
CACHE_MIN_MB = 100.0
#: Part of every entry's name: raise it when the tables or the rows change shape (2: one chunk a column).
_FORMAT = "items-2"
_ROWS = "rows"
_LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedItems:
    """A folder's three tables, its item rows without mentions and places, and where they came from."""

    plan: PlanItems
    rows: gpd.GeoDataFrame
    source: str  # "csv" or "cache"


def cache_folder() -> Path | None:
    """Where entries go: ``CLUSTER_MAP_CACHE``, else the user's cache folder; None when it is ``off``."""
    given = os.environ.get(CACHE_ENV, "").strip()
    if given.lower() == "off":
        return None
    if given:
        return Path(given)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cluster_map"


def _csv_files(folder: Path) -> list[Path]:
    return [folder / f"{stem}.csv" for stem in TABLE_COLUMNS]


def _entry_names(folder: Path) -> tuple[str, str]:
    """The folder's prefix and its current entry's name (prefix + sizes and times of its CSVs)."""
    prefix = hashlib.sha1(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
    stats = [(p.name, (st := p.stat()).st_size, st.st_mtime_ns) for p in _csv_files(folder)]
    version = hashlib.sha1(repr((_FORMAT, stats, TABLE_COLUMNS)).encode("utf-8")).hexdigest()[:16]
    return prefix, f"{prefix}-{version}"


def _from_csv(folder: Path, max_mb: float | None) -> LoadedItems:
    """The folder's tables read from CSV and its item rows without details."""
    plan = read_plan_items(folder, max_mb=max_mb)
    return LoadedItems(plan, item_rows(plan, details=False), "csv")


def _read_entry(entry: Path) -> LoadedItems:
    def table(name: str) -> pd.DataFrame:
        return ipc.open_file(pa.memory_map(str(entry / f"{name}.arrow"))).read_all().to_pandas()

    plan = PlanItems(**{stem: table(stem) for stem in TABLE_COLUMNS})
    return LoadedItems(plan, placed_rows(table(_ROWS)), "cache")


def _write_entry(cache: Path, prefix: str, name: str, loaded: LoadedItems) -> None:
    """Write the entry beside the others, whole or not at all, and remove the folder's older entries."""
    cache.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=cache))
    try:
        frames = {stem: getattr(loaded.plan, stem) for stem in TABLE_COLUMNS}
        frames[_ROWS] = pd.DataFrame(loaded.rows.drop(columns=loaded.rows.geometry.name))
        for stem, frame in frames.items():
            table = pa.Table.from_pandas(one_chunk(frame), preserve_index=False)  # one record batch
            with (
                pa.OSFile(str(scratch / f"{stem}.arrow"), "wb") as sink,
                ipc.new_file(sink, table.schema) as out,
            ):
                out.write_table(table)
        os.replace(scratch, cache / name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for old in cache.glob(f"{prefix}-*"):
        if old.name != name:
            shutil.rmtree(old, ignore_errors=True)


def load_items(
    folder: Path | str, *, max_mb: float | None = MAX_LOAD_MB, cache: Path | None = None
) -> LoadedItems:
    """The plan items of ``folder`` and their rows without details, from the cache when it has them.

    Raises
    ------
    InputFileError
        As :func:`cluster_map.core.items.read_plan_items` (the CSVs' size limit holds for the cache too).
    """
    folder = Path(folder)
    files = _csv_files(folder)
    large = all(p.is_file() for p in files) and sum(file_megabytes(p) for p in files) >= CACHE_MIN_MB
    within_limit = max_mb is None or all(file_megabytes(p) <= max_mb for p in files if p.is_file())
    if cache is None or not large or not within_limit:
        return _from_csv(folder, max_mb)
    prefix, name = _entry_names(folder)
    if (cache / name).is_dir():
        try:
            return _read_entry(cache / name)
        except (OSError, pa.ArrowException, KeyError) as error:
            _LOG.warning(
                "cache entry %s unreadable (%s); reading the CSVs of %s", cache / name, error, folder
            )
            shutil.rmtree(cache / name, ignore_errors=True)  # written again below
    loaded = _from_csv(folder, max_mb)
    try:
        _write_entry(cache, prefix, name, loaded)
    except (OSError, pa.ArrowException) as error:
        _LOG.warning("could not cache %s in %s (%s); it loads from CSV next time too", folder, cache, error)
    return loaded
