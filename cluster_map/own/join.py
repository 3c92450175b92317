"""Join a user's rows to Hebei's counties, prefectures, zones and the plan's sectors: one call.

Every row of the file comes back, in its order, with the columns of :data:`ADDED_COLUMNS`:
where it lies (by its coordinates, else by its address), on what evidence, its sector, and why it
could not be placed when it could not. Nothing is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cluster_map.own.addresses import AddressGazetteer
from cluster_map.own.checks import CoordinateCheck, coordinate_checks
from cluster_map.own.columns import ColumnRoles
from cluster_map.own.coords import FloatArray, OwnSystem, ParsedCoordinates, parse_coordinates, to_wgs84
from cluster_map.own.read import OwnTable
from cluster_map.own.sectors import apply_sector_map
from cluster_map.own.units import UnitIndex

__all__ = [
    "ADDED_COLUMNS",
    "JoinOptions",
    "JoinResult",
    "Progress",
    "added_columns",
    "file_columns",
    "join_own",
    "wgs84_coordinates",
]

#: The columns the join adds (prefixed so they never clash with the file's own columns).
ADDED_COLUMNS: tuple[str, ...] = (
    "cm_row",
    "cm_lon",
    "cm_lat",
    "cm_precision",
    "cm_placed_by",
    "cm_evidence",
    "cm_county_code",
    "cm_county_zh",
    "cm_prefecture_code",
    "cm_prefecture_zh",
    "cm_zones",
    "cm_sector",
    "cm_problem",
)
Progress = Callable[[float, str], None]


def _quiet(fraction: float, message: str) -> None:
    """No progress shown."""


@dataclass(frozen=True)
class JoinOptions:
    """What the user confirmed: the columns, the coordinate system, swapped axes, the sector mapping."""

    roles: ColumnRoles
    system: OwnSystem = "wgs84"
    swap: bool = False
    sector_map: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class JoinResult:
    """The joined rows (the file's columns, then :data:`ADDED_COLUMNS`) and what the checks found."""

    rows: pd.DataFrame
    checks: tuple[CoordinateCheck, ...] = ()

    def county_counts(self, *, sectors: tuple[str, ...] = ()) -> pd.Series:
        """Rows per county code (rows placed at a county), optionally of some sectors only."""
        rows = self.rows[self.rows["cm_county_code"] != ""]
        if sectors:
            rows = rows[rows["cm_sector"].isin(sectors)]
        return rows.groupby("cm_county_code").size().sort_index()


def _coordinates(table: OwnTable, options: JoinOptions) -> ParsedCoordinates:
    roles = options.roles
    if table.geometry is not None and not roles.has_coordinates:
        inside = table.geometry.representative_point()  # a park's polygon: a point inside it
        empty = table.geometry.isna() | table.geometry.is_empty
        x = np.where(empty, np.nan, inside.x.to_numpy(float))
        y = np.where(empty, np.nan, inside.y.to_numpy(float))
        return ParsedCoordinates(x, y, np.zeros(len(x), dtype=bool))
    if not roles.has_coordinates:
        n = len(table.frame)
        return ParsedCoordinates(np.full(n, np.nan), np.full(n, np.nan), np.zeros(n, dtype=bool))
    lon, lat = table.frame[roles.lon], table.frame[roles.lat]
    return parse_coordinates(lat, lon) if options.swap else parse_coordinates(lon, lat)


def wgs84_coordinates(
    table: OwnTable, options: JoinOptions
) -> tuple[ParsedCoordinates, FloatArray, FloatArray]:
    """Each row's coordinates as parsed, and shifted to WGS84 (NaN where a row has none)."""
    parsed = _coordinates(table, options)
    x, y = to_wgs84(parsed.lon, parsed.lat, system=options.system)
    return parsed, x, y


def _by_points(at: np.ndarray, units: UnitIndex) -> pd.DataFrame:
    """County and prefecture codes from each point's county position (-1: none)."""
    inside = at >= 0
    counties = units.counties
    codes = np.where(inside, counties["adcode"].to_numpy(str)[np.maximum(at, 0)], "")
    parents = np.where(inside, counties["parent_adcode"].to_numpy(str)[np.maximum(at, 0)], "")
    return pd.DataFrame({"county": codes, "prefecture": parents, "inside": inside})


def _placed(
    table: OwnTable,
    options: JoinOptions,
    units: UnitIndex,
    gazetteer: AddressGazetteer | None,
    at: np.ndarray | None = None,
) -> pd.DataFrame:
    """Where each row lies: its point's county, else its address's county or prefecture.

    ``at`` is each row's county position when a spatial join elsewhere found it (the Dask engine);
    else :meth:`UnitIndex.county_positions` finds it here.
    """
    parsed, x, y = wgs84_coordinates(table, options)
    found = _by_points(units.county_positions(x, y) if at is None else at, units)
    out = pd.DataFrame(
        {
            "cm_lon": np.round(x, 6),
            "cm_lat": np.round(y, 6),
            "cm_precision": np.where(found["inside"], "point", ""),
            "cm_placed_by": np.where(found["inside"], "coordinates", ""),
            "cm_evidence": "",
            "cm_county_code": found["county"].to_numpy(object),
            "cm_prefecture_code": found["prefecture"].to_numpy(object),
            "cm_problem": "",
        },
        index=table.frame.index,
    )
    given = parsed.given
    out.loc[given & ~found["inside"].to_numpy(), "cm_problem"] = "outside Hebei"
    out.loc[parsed.not_numeric, "cm_problem"] = "coordinates not numbers"
    out.loc[~given & ~parsed.not_numeric, "cm_problem"] = "no coordinates"
    out.loc[~found["inside"].to_numpy(), ["cm_lon", "cm_lat"]] = np.nan
    need = ~found["inside"].to_numpy() & (
        ~given | parsed.not_numeric
    )  # rows outside Hebei keep their point's verdict
    if gazetteer is not None and options.roles.address and need.any():
        _place_by_address(out, table.frame.loc[need, options.roles.address], gazetteer, units)
    return out


def _place_by_address(
    out: pd.DataFrame, addresses: pd.Series, gazetteer: AddressGazetteer, units: UnitIndex
) -> None:
    placed = gazetteer.place_all(addresses)
    hit = placed["level"] != ""
    rows = placed.index[hit]
    out.loc[placed.index, "cm_evidence"] = placed["evidence"]
    out.loc[rows, "cm_precision"] = placed.loc[rows, "level"]
    out.loc[rows, "cm_placed_by"] = "address"
    out.loc[rows, "cm_county_code"] = placed.loc[rows, "county_code"]
    out.loc[rows, "cm_prefecture_code"] = placed.loc[rows, "prefecture_code"]
    out.loc[rows, "cm_problem"] = ""
    unit = placed.loc[rows, "county_code"].where(
        placed.loc[rows, "county_code"] != "", placed.loc[rows, "prefecture_code"]
    )
    spots = [units.unit_points.get(code, (np.nan, np.nan)) for code in unit]
    out.loc[rows, "cm_lon"] = [round(p[0], 6) for p in spots]
    out.loc[rows, "cm_lat"] = [round(p[1], 6) for p in spots]
    missed = placed.index[~hit]
    out.loc[missed, "cm_problem"] = (
        out.loc[missed, "cm_problem"] + "; address: " + placed.loc[missed, "evidence"]
    )


def added_columns(
    table: OwnTable,
    options: JoinOptions,
    *,
    units: UnitIndex,
    gazetteer: AddressGazetteer | None = None,
    at: np.ndarray | None = None,
    progress: Progress = _quiet,
) -> pd.DataFrame:
    """The :data:`ADDED_COLUMNS` of every row of ``table`` (``cm_row`` counts from 1 in the table).

    ``at``: each row's county position in ``units.counties`` (-1: none) when already found.
    """
    progress(0.1, "coordinates")
    placed = _placed(table, options, units, gazetteer, at)
    progress(0.6, "names and zones")
    county_names = dict(
        zip(units.counties["adcode"].astype(str), units.counties["name_zh"].astype(str), strict=True)
    )
    placed["cm_county_zh"] = placed["cm_county_code"].map(county_names).fillna("")
    placed["cm_prefecture_zh"] = placed["cm_prefecture_code"].map(units.prefecture_names).fillna("")
    placed["cm_zones"] = units.zones_of(placed["cm_county_code"], placed["cm_prefecture_code"])
    progress(0.8, "sectors")
    industry = options.roles.industry
    placed["cm_sector"] = apply_sector_map(table.frame[industry], options.sector_map) if industry else ""
    placed["cm_row"] = np.arange(1, len(placed) + 1)
    return placed[list(ADDED_COLUMNS)]


def file_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The file's columns, those named like an added column renamed ``<name>_file`` (a joined export
    uploaded again keeps its old values beside the new ones)."""
    clash = {c: f"{c}_file" for c in frame.columns if c in ADDED_COLUMNS}
    return frame.rename(columns=clash) if clash else frame


def join_own(
    table: OwnTable,
    options: JoinOptions,
    *,
    units: UnitIndex,
    gazetteer: AddressGazetteer | None = None,
    progress: Progress = _quiet,
) -> JoinResult:
    """Join every row of ``table`` (see the module); ``progress`` hears each step."""
    options.roles.check(list(table.frame.columns), has_geometry=table.geometry is not None)
    added = added_columns(table, options, units=units, gazetteer=gazetteer, progress=progress)
    rows = pd.concat([file_columns(table.frame), added], axis=1)
    progress(0.9, "checks")
    checks = coordinate_checks(table, options, placed=added, units=units, gazetteer=gazetteer)
    progress(1.0, "done")
    return JoinResult(rows, tuple(checks))
