"""Placed records as compact binary columns for the map's point layer (static/point_layer.js).

From :data:`POINT_LAYER_MIN` placed records on, the map does not embed a marker and a popup per
record: the points go to the browser once, as a file of columns (12 bytes a point: float32 x and y
in the base map's system, uint16 unit, uint8 sector, uint8 ``kind << 4 | level``), drawn on a
canvas and filtered there by codes. :func:`point_columns` encodes the records, :func:`browser_filter`
says which points a filter keeps in the fewest bytes, :func:`write_point_file` writes the file
under an unguessable name.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from cluster_map.core.crs import CoordinateSystem, convert
from cluster_map.core.errors import UsageError
from cluster_map.core.taxonomy import Taxonomy
from cluster_map.web.static_files import keyed_name, write_once

__all__ = [
    "POINT_LAYER_MIN",
    "PointColumns",
    "browser_filter",
    "point_columns",
    "write_point_file",
]

POINT_LAYER_MIN = 5_000  # placed records from which the point layer replaces per-record markers
_MAX_KINDS = 15  # four bits each for kind and level; code 0 is "none"


@dataclass(frozen=True, eq=False)
class PointColumns:
    """The placed records of one dataset as code columns, and what the codes mean."""

    rows: np.ndarray  # position in the records of each point
    x: np.ndarray  # float32, the base map's system
    y: np.ndarray
    unit: np.ndarray  # uint16 index into ``units`` (the county, else the prefecture; 0: none)
    sector: np.ndarray  # uint8 index into ``sectors`` (0: none)
    kind_level: np.ndarray  # uint8 ``kind << 4 | level`` into ``kinds`` / ``levels`` (0: none)
    units: tuple[str, ...]
    sectors: tuple[str, ...]
    kinds: tuple[str, ...]
    levels: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.rows)

    def to_bytes(self) -> bytes:
        """The columns one after the other, little-endian, each padded to 4 bytes."""
        parts = []
        for column, dtype in (
            (self.x, "<f4"),
            (self.y, "<f4"),
            (self.unit, "<u2"),
            (self.sector, "u1"),
            (self.kind_level, "u1"),
        ):
            data = np.ascontiguousarray(column, dtype=dtype).tobytes()
            parts.append(data + b"\0" * (-len(data) % 4))
        return b"".join(parts)

    def meta(
        self,
        *,
        taxonomy: Taxonomy,
        unit_points: Mapping[str, tuple[float, float]],
        parents: Mapping[str, str],
    ) -> dict[str, Any]:
        """What the browser needs besides the file: the count, the sector colours and the units.

        ``units`` lists ``[code, prefecture index, x, y]`` for each unit code (its index is the
        code in the file), followed by the prefectures that only contain counties; zoomed far out
        the layer counts per prefecture, then per unit. ``parents`` maps county -> prefecture code.
        """
        colors = ["#7f7f7f", *(taxonomy.sectors.get(s, {}).get("color", "#7f7f7f") for s in self.sectors[1:])]
        codes = list(self.units)
        tops = [parents.get(code, code) if code else "" for code in codes]
        codes += sorted(set(tops) - set(codes))
        index = {code: i for i, code in enumerate(codes)}
        tops += codes[len(tops) :]
        units = [
            [code, index[top], *unit_points.get(code, (None, None))]
            for code, top in zip(codes, tops, strict=True)
        ]
        return {"n": len(self), "sectorColors": colors, "units": units}


def _codes(values: pd.Series, vocabulary: tuple[str, ...]) -> np.ndarray:
    """Index of each value in ``vocabulary`` (0 for "" or a value it does not hold)."""
    codes = pd.Index(vocabulary[1:]).get_indexer(pd.Index(values.astype(str)))
    return np.asarray(codes, dtype=np.int64) + 1  # -1 (not found) becomes 0


def _single(values: pd.Series) -> pd.Series:
    """The cell where it holds one code, "" where it holds several (``130200;130300``)."""
    text = values.astype(str)
    return text.where(~text.str.contains(";", regex=False), "")


def point_columns(records: pd.DataFrame, *, taxonomy: Taxonomy, system: CoordinateSystem) -> PointColumns:
    """The records that have a point, as code columns.

    Parameters
    ----------
    records
        Rows with a point geometry (WGS84) and ``sector``, ``kind``, ``level``, ``county_code`` and
        ``prefecture_code`` columns; rows without a point are left out.
    taxonomy
        The sectors, kinds and levels (their order gives the codes).
    system
        The base map's system (``gcj02`` shifts the points as AMap's tiles need).
    """
    geometry = records.geometry
    placed = np.flatnonzero(np.asarray(geometry.notna() & ~geometry.is_empty))
    frame = records.iloc[placed]
    x = shapely.get_x(np.asarray(frame.geometry.array))
    y = shapely.get_y(np.asarray(frame.geometry.array))
    if system != "wgs84":
        x, y = convert(x, y, source="wgs84", target=system)
    county, prefecture = _single(frame["county_code"]), _single(frame["prefecture_code"])
    unit_code = county.where(county != "", prefecture)
    units = ("", *sorted(set(unit_code) - {""}))
    kinds, levels = ("", *taxonomy.kinds), ("", *taxonomy.levels)
    if len(kinds) > _MAX_KINDS + 1 or len(levels) > _MAX_KINDS + 1:
        raise UsageError(
            f"the point layer codes at most {_MAX_KINDS} kinds and levels; the taxonomy has more"
        )
    sectors = ("", *taxonomy.sectors)
    kind_level = (_codes(frame["kind"], kinds) << 4) | _codes(frame["level"], levels)
    return PointColumns(
        rows=placed,
        x=np.asarray(x, dtype=np.float32),
        y=np.asarray(y, dtype=np.float32),
        unit=_codes(unit_code, units).astype(np.uint16),
        sector=_codes(frame["sector"], sectors).astype(np.uint8),
        kind_level=kind_level.astype(np.uint8),
        units=units,
        sectors=sectors,
        kinds=kinds,
        levels=levels,
    )


def browser_filter(columns: PointColumns, kept: np.ndarray) -> dict[str, Any] | None:
    """What the browser needs to show exactly the points of ``kept`` (a mask over the records).

    Returns None when every point is kept; else ``{"codes": ...}``: for sector, kind, level and unit
    the codes of the kept points (None where every code present is kept) when those codes keep
    exactly these points; else ``{"mask": ...}``, one bit per point (base64). A filter on text,
    zone, plan or subsector usually needs the mask.
    """
    shown = np.asarray(kept, dtype=bool)[columns.rows]
    if shown.all():
        return None
    kind, level = columns.kind_level >> 4, columns.kind_level & 15
    lists: dict[str, list[int] | None] = {}
    test = np.ones(len(columns), dtype=bool)
    for name, codes in (("sector", columns.sector), ("kind", kind), ("level", level), ("unit", columns.unit)):
        present = np.unique(codes)
        allowed = np.unique(codes[shown])
        if len(allowed) == len(present):
            lists[name] = None
            continue
        lists[name] = allowed.tolist()
        test &= np.isin(codes, allowed)
    if np.array_equal(test, shown):
        return {"codes": lists}
    return {"mask": base64.b64encode(np.packbits(shown).tobytes()).decode("ascii")}


def write_point_file(columns: PointColumns, folder: Path) -> str:
    """Write the columns to ``folder`` under a name nobody can guess; return the file's name.

    The name is a keyed hash of the content (the key is made at process start), so the same data
    gives the same file within a server process and nobody else can derive it. Files older than a
    day (left by earlier processes) are removed when a new one is written.
    """
    data = columns.to_bytes()
    name = keyed_name(data) + ".bin"
    write_once(folder, name, data)
    return name
