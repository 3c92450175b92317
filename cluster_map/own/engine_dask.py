"""The own-data join on a Dask cluster (``cluster-map join FILE --engine dask``), for files of any size.

The CSV file is read in partitions (``dask.dataframe``, every cell as text); each partition's points
(shifted to WGS84) are joined to the county polygons with ``dask_geopandas.sjoin``, the polygons
sent to the workers once; then each partition is placed, named and given its sectors by the same
code as the in-process join (:func:`cluster_map.own.join.added_columns`: addresses for rows
without coordinates, zones, sectors). The rows come back in the file's order with the same columns
and values as :func:`cluster_map.own.join.join_own`.

Only CSV files are read here: convert a workbook or a geographic file to CSV, or join it in process.
A CSV file split into partitions must not hold line breaks inside quoted cells. The workers run this
package's functions: install it (the same version) where they run.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import dask
import dask.dataframe as dd
import dask_geopandas
import geopandas as gpd
import numpy as np
import pandas as pd
from distributed import Client, as_completed, default_client
from distributed.comm import get_address_host_port

from cluster_map.core.errors import UsageError
from cluster_map.own.addresses import AddressGazetteer, load_address_gazetteer
from cluster_map.own.join import JoinOptions, Progress, added_columns, file_columns, wgs84_coordinates
from cluster_map.own.read import ENCODINGS, OWN_SUFFIXES, OwnFileError, OwnTable, decode_text, text_frame
from cluster_map.own.units import UnitIndex, load_unit_index

__all__ = ["CSV_SUFFIXES", "LOCAL_SCHEDULERS", "csv_encoding", "dask_join"]

#: The suffixes the Dask engine reads (CSV text).
CSV_SUFFIXES: tuple[str, ...] = tuple(suffix for suffix, kind in OWN_SUFFIXES.items() if kind == "csv")
#: ``scheduler`` values that run in this process's Dask schedulers instead of connecting to a cluster.
LOCAL_SCHEDULERS = ("threads", "processes", "synchronous")
#: How much of the file's head decides its encoding (whole lines of it).
HEAD_BYTES = 4 << 20
_CRS = "EPSG:4326"
#: The columns of the spatial join's hits: the county's position, the point's row, the point.
_HITS = {"county_at": np.int64, "index_right": np.int64, "x": np.float64, "y": np.float64}
_PARTITION = "partition"  # the name an OwnTable of one partition gets (only messages use it)


def _quiet(fraction: float, message: str) -> None:
    """No progress shown."""


def csv_encoding(path: Path) -> str:
    """The codec of a CSV file from its head, as :mod:`~cluster_map.own.read` decides: UTF-8, else GB18030.

    Raises
    ------
    OwnFileError
        When the file is missing, empty, UTF-16, or neither UTF-8 nor GBK/GB18030.
    """
    if not path.is_file():
        raise OwnFileError(path, "does not exist or is not a file; pass the path of a CSV file")
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise OwnFileError(path, "is UTF-16 text; re-save it as CSV UTF-8 (Excel: Save As › CSV UTF-8)")
    if not head.strip():
        raise OwnFileError(path, "has no rows; it needs a header row and one row per enterprise or project")
    if len(head) == HEAD_BYTES and b"\n" in head:
        head = head[: head.rindex(b"\n") + 1]  # whole lines: a character cut in two is not a wrong encoding
    _, label = decode_text(head, str(path))
    return next(codec for codec, name in ENCODINGS if name == label)


def _read(path: Path, encoding: str, blocksize: str) -> dd.DataFrame:
    """The file's partitions as text tables (like :func:`~cluster_map.own.read.read_own_file`)."""
    try:
        raw = dd.read_csv(
            str(path),
            blocksize=blocksize,
            dtype=str,
            keep_default_na=False,
            skipinitialspace=True,
            encoding=encoding,
        )
    except (pd.errors.ParserError, ValueError) as exc:  # UnicodeDecodeError is a ValueError
        raise _unreadable(path, exc) from None
    meta = _text_partition(raw._meta)
    return raw.map_partitions(_text_partition, meta=meta)


def _unreadable(path: Path, exc: Exception) -> OwnFileError:
    """Why a partition of the file could not be read, and what to do."""
    if isinstance(exc, UnicodeDecodeError):
        return OwnFileError(
            path,
            f"changes its encoding after its first {HEAD_BYTES} bytes ({str(exc).strip()}); "
            "re-save it as CSV UTF-8 (Excel: Save As › CSV UTF-8)",
        )
    return OwnFileError(
        path, f"is not a readable CSV table ({str(exc).strip()}); check its separators and quotes"
    )


def _text_partition(part: pd.DataFrame) -> pd.DataFrame:
    """One partition as text (``""`` for an empty cell), numbered from 0."""
    return text_frame(part).reset_index(drop=True)


def _points(part: pd.DataFrame, options: JoinOptions) -> pd.DataFrame:
    """The WGS84 ``x``/``y`` of a partition's rows that have coordinates (index: the row in the partition)."""
    _, x, y = wgs84_coordinates(OwnTable(part, _PARTITION), options)
    given = np.isfinite(x) & np.isfinite(y)
    return pd.DataFrame({"x": x[given], "y": y[given]}, index=part.index[given])


def _counties(units: UnitIndex) -> gpd.GeoDataFrame:
    """The county polygons with their position in ``units.counties`` (the in-process join's order)."""
    counties = units.counties
    return gpd.GeoDataFrame(
        {"county_at": np.arange(len(counties), dtype=np.int64)}, geometry=counties.geometry.values, crs=_CRS
    )


def _county_hits(text: dd.DataFrame, options: JoinOptions, units: UnitIndex) -> dd.DataFrame:
    """Per partition of the file, the (county, row) pairs of its points, and the points.

    ``dask_geopandas.sjoin`` of the county polygons (one partition, sent to each worker once) with
    each partition's points: the polygons on the left, so each is prepared once and tested against
    the points near it (ten times faster than points on the left).
    """
    meta = pd.DataFrame({"x": pd.Series(dtype=float), "y": pd.Series(dtype=float)})
    meta.index = meta.index.astype(np.int64)
    points = text.map_partitions(_points, options, meta=meta)
    geometry = dask_geopandas.points_from_xy(points, "x", "y", crs=_CRS)
    right = dask_geopandas.from_dask_dataframe(points, geometry=geometry).set_crs(_CRS)
    left = dask_geopandas.from_geopandas(_counties(units), npartitions=1)
    hits = dask_geopandas.sjoin(left, right, how="inner", predicate="intersects")
    return hits[list(_HITS)]  # partition i: the points of the file's partition i


def _positions(rows: int, hits: pd.DataFrame, units: UnitIndex) -> np.ndarray:
    """Each row's county position (-1: none) from the spatial join's hits.

    A point that hits several counties (on a shared border) gets the county the in-process join
    gives it (:meth:`~cluster_map.own.units.UnitIndex.county_positions`, on those few points only).
    """
    at = np.full(rows, -1, dtype=np.int64)
    row = hits["index_right"].to_numpy(np.int64)
    at[row] = hits["county_at"].to_numpy(np.int64)
    shared = np.bincount(row, minlength=rows)[row] > 1
    if shared.any():
        once = shared & ~pd.Series(row).duplicated().to_numpy()
        x, y = hits["x"].to_numpy(float)[once], hits["y"].to_numpy(float)[once]
        at[row[once]] = units.county_positions(x, y)
    return at


def _join_partition(
    part: pd.DataFrame,
    hits: pd.DataFrame,
    options: JoinOptions,
    units: UnitIndex,
    gazetteer: AddressGazetteer | None,
) -> pd.DataFrame:
    """One partition joined: its columns, then the added ones (``cm_row`` counted within the partition)."""
    at = _positions(len(part), hits, units)
    added = added_columns(OwnTable(part, _PARTITION), options, units=units, gazetteer=gazetteer, at=at)
    return pd.concat([file_columns(part), added], axis=1)


def _joined(
    text: dd.DataFrame, options: JoinOptions, units: UnitIndex, gazetteer: AddressGazetteer | None
) -> dd.DataFrame:
    """The lazy join of every partition; the index and polygons travel to each worker once."""
    hits = _county_hits(text, options, units)
    hits_meta = pd.DataFrame({column: pd.Series(dtype=dtype) for column, dtype in _HITS.items()})
    meta = _join_partition(text._meta, hits_meta, options, units, gazetteer)
    shared_units = dask.delayed(units, pure=True)
    shared_gazetteer = dask.delayed(gazetteer, pure=True)
    return dd.map_partitions(
        _join_partition,
        text,
        hits,
        options,
        shared_units,
        shared_gazetteer,
        meta=meta,
        align_dataframes=False,  # partition i of the points' join belongs to partition i of the file
    )


def _running_client() -> Client | None:
    """This process's ``distributed.Client``, or ``None`` (then dask's default scheduler runs)."""
    try:
        return default_client()
    except ValueError:
        return None


@contextlib.contextmanager
def _client(scheduler: str | None) -> Iterator[Client | None]:
    """The client to run on: a running one, one to ``scheduler``'s address, or none (a local scheduler)."""
    if scheduler in LOCAL_SCHEDULERS:
        with dask.config.set(scheduler=scheduler):
            yield None
        return
    if scheduler is None:
        yield _running_client()
        return
    try:
        get_address_host_port(
            scheduler
        )  # a malformed address: said now (a Client left half-made hangs at exit)
        client = Client(scheduler, timeout=30, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(
            f"cannot reach the Dask scheduler {scheduler!r} ({exc}); pass a running scheduler's address "
            f"(tcp://HOST:8786) or one of {', '.join(LOCAL_SCHEDULERS)}"
        ) from None
    with client:
        yield client


def _compute(joined: dd.DataFrame, client: Client | None, progress: Progress) -> list[pd.DataFrame]:
    """Every partition's rows, in the file's order; ``progress`` hears each partition on a cluster."""
    parts = joined.to_delayed()
    if client is None:
        progress(0.2, f"joining {len(parts)} partition(s) with dask's local scheduler")
        return list(dask.compute(*parts))
    futures = client.compute(parts)
    for done, _ in enumerate(as_completed(futures), start=1):
        progress(0.2 + 0.75 * done / len(futures), f"partition {done}/{len(futures)} joined")
    return list(client.gather(futures))


def _check_suffix(path: Path) -> None:
    """Refuse what is not CSV text, saying how to convert it."""
    if path.suffix.lower() not in CSV_SUFFIXES:
        raise UsageError(
            f"{path}: the dask engine reads CSV files ({', '.join(CSV_SUFFIXES)}) only; convert it to "
            "CSV UTF-8 (Excel: Save As › CSV UTF-8; the points of a geographic file: ogr2ogr -f CSV "
            "-lco GEOMETRY=AS_XY) or join it without --engine dask"
        )


def dask_join(
    path: Path | str,
    options: JoinOptions,
    *,
    scheduler: str | None = None,
    blocksize: str = "64MB",
    progress: Progress = _quiet,
    units: UnitIndex | None = None,
    gazetteer: AddressGazetteer | None = None,
) -> pd.DataFrame:
    """Join a CSV file on Dask: the rows of :func:`~cluster_map.own.join.join_own` (its ``rows``).

    ``scheduler``: ``None`` runs on this process's ``distributed.Client`` if there is one, else on
    dask's default scheduler; an address (``tcp://10.0.0.5:8786``) connects to a running cluster;
    ``threads``, ``processes`` or ``synchronous`` choose a local scheduler. ``blocksize``: the bytes
    of the file per partition. ``units`` and ``gazetteer`` default to the committed ones.

    Raises
    ------
    UsageError
        When the file is not CSV, a column of ``options`` is missing, or the scheduler is unreachable.
    OwnFileError
        When the file cannot be read as CSV text.
    """
    path = Path(path)
    _check_suffix(path)
    progress(0.0, f"reading {path.name} in partitions of {blocksize}")
    text = _read(path, csv_encoding(path), blocksize)
    options.roles.check(list(text.columns))
    units = units if units is not None else load_unit_index()
    gazetteer = gazetteer if gazetteer is not None else load_address_gazetteer()
    progress(0.1, f"{text.npartitions} partition(s); points joined to counties with dask-geopandas")
    with _client(scheduler) as client:
        try:
            parts = _compute(_joined(text, options, units, gazetteer), client, progress)
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise _unreadable(path, exc) from None
    rows = pd.concat(parts, ignore_index=True)
    if rows.empty:
        raise OwnFileError(path, "has a header but no rows; add one row per enterprise or project")
    rows["cm_row"] = np.arange(1, len(rows) + 1)
    progress(1.0, f"done: {len(rows)} rows")
    return rows
