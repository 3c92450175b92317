"""What the join notices about a file's coordinates, for the user to read before trusting the map.

- ``not_numeric``: coordinate cells that are not numbers;
- ``swapped``: most points land near Hebei only with longitude and latitude exchanged;
- ``outside``: points outside Hebei;
- ``offset``: points disagree with the county their address names, and far fewer would under
  another coordinate system (Baidu's BD-09 given as WGS84 puts points about a kilometre off).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cluster_map.own.addresses import AddressGazetteer
from cluster_map.own.coords import OWN_SYSTEMS, ParsedCoordinates, looks_swapped, parse_coordinates, to_wgs84
from cluster_map.own.read import OwnTable
from cluster_map.own.units import UnitIndex

if TYPE_CHECKING:
    from cluster_map.own.join import JoinOptions

__all__ = ["CoordinateCheck", "coordinate_checks"]

#: Rows compared with their addresses for the ``offset`` check (a sample keeps it fast).
OFFSET_SAMPLE = 20_000
_EXAMPLES = 5


@dataclass(frozen=True)
class CoordinateCheck:
    """One finding: its kind, how many rows, some of their row numbers (1 = first data row)."""

    kind: str
    count: int
    examples: tuple[int, ...] = ()
    suggestion: str = ""  # "swap", or the system that fits the addresses better
    detail: str = ""


def _examples(mask: np.ndarray) -> tuple[int, ...]:
    return tuple(int(i) + 1 for i in np.flatnonzero(mask)[:_EXAMPLES])


def _parsed(table: OwnTable, options: JoinOptions) -> ParsedCoordinates | None:
    roles = options.roles
    if not roles.has_coordinates:
        return None
    lon, lat = table.frame[roles.lon], table.frame[roles.lat]
    return parse_coordinates(lat, lon) if options.swap else parse_coordinates(lon, lat)


def _agreement(
    parsed: ParsedCoordinates, sample: np.ndarray, address_county: np.ndarray, system: str, units: UnitIndex
) -> int:
    """How many sampled rows lie in their address's county when read in ``system``."""
    x, y = to_wgs84(parsed.lon[sample], parsed.lat[sample], system=system)
    at = units.county_positions(x, y)
    codes = np.where(at >= 0, units.counties["adcode"].to_numpy(str)[np.maximum(at, 0)], "")
    return int((codes == address_county).sum())


def _offset(
    table: OwnTable,
    options: JoinOptions,
    parsed: ParsedCoordinates,
    units: UnitIndex,
    gazetteer: AddressGazetteer,
) -> CoordinateCheck | None:
    address = options.roles.address
    rows = np.flatnonzero(parsed.given)[:OFFSET_SAMPLE]
    if not address or not len(rows):
        return None
    placed = gazetteer.place_all(table.frame[address].iloc[rows])
    county = placed["county_code"].to_numpy(str)
    named = county != ""
    if named.sum() < 10:
        return None
    sample, county = rows[named], county[named]
    fits = {system: _agreement(parsed, sample, county, system, units) for system in OWN_SYSTEMS}
    chosen = fits[options.system]
    best = max(fits, key=lambda s: fits[s])
    misses, best_misses = len(sample) - chosen, len(sample) - fits[best]
    if misses >= 5 and misses >= 0.02 * len(sample) and best_misses * 2 <= misses and best != options.system:
        return CoordinateCheck(
            "offset", misses, detail=f"{misses}/{len(sample)} vs {best_misses}/{len(sample)}", suggestion=best
        )
    return None


def coordinate_checks(
    table: OwnTable,
    options: JoinOptions,
    *,
    placed: pd.DataFrame,
    units: UnitIndex,
    gazetteer: AddressGazetteer | None,
) -> list[CoordinateCheck]:
    """The findings of the module's checks, most serious first (none for a file without coordinates)."""
    parsed = _parsed(table, options)
    if parsed is None:
        return []
    found: list[CoordinateCheck] = []
    if parsed.not_numeric.any():
        found.append(
            CoordinateCheck("not_numeric", int(parsed.not_numeric.sum()), _examples(parsed.not_numeric))
        )
    if looks_swapped(parsed):
        found.append(CoordinateCheck("swapped", int(parsed.given.sum()), suggestion="swap"))
    outside = (placed["cm_problem"] == "outside Hebei").to_numpy()
    if outside.any():
        found.append(CoordinateCheck("outside", int(outside.sum()), _examples(outside)))
    if gazetteer is not None:
        offset = _offset(table, options, parsed, units, gazetteer)
        if offset is not None:
            found.append(offset)
    return found
