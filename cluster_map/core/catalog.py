"""One catalog of Hebei's admin units (prefectures, counties) and the plans' zones, read once.

Whatever names a unit or a zone, looks one up by name, or asks which zones a record lies in reads
it here: the filters and their counts (through :class:`~cluster_map.core.filters.FilterChoices`),
the map (zones drawn as areas, extents to fit), the sidebar's labels. It is read from the boundary
files' attributes (:func:`cluster_map.core.boundaries.read_boundaries`); cache it in the app.

Zone membership has two questions, both answered from one index built here:
:meth:`Catalog.record_zones` (the zones a record touches: any of its units is a member; for the zone
filter and its counts) and :meth:`Catalog.zone_of_records` (the zone a record names as a whole: its
units are the zone's members; drawn as that zone's area).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

import pandas as pd

from cluster_map.core.boundaries import Weight, read_boundaries
from cluster_map.core.errors import DataError
from cluster_map.core.i18n import Lang
from cluster_map.core.items import split_multi
from cluster_map.core.paths import BOUNDARY_DIR

__all__ = ["UNIT_COLUMNS", "AdminUnit", "Bounds", "Catalog", "Level", "Zone", "load_catalog"]

Level = Literal["prefecture", "county"]
Bounds = tuple[float, float, float, float]  # west, south, east, north (WGS84)
#: The records' column of each level's codes (``;``-joined where a record names several units).
UNIT_COLUMNS: dict[str, str] = {"prefecture": "prefecture_code", "county": "county_code"}
_UNIT_ATTRIBUTES = ("adcode", "name_zh", "name_en", "parent_adcode")
_ZONE_ATTRIBUTES = ("adcode", "name_zh", "name_en", "member_level", "member_adcodes", "approximation")
T = TypeVar("T")


@dataclass(frozen=True)
class AdminUnit:
    """A prefecture or a county-level unit (区/县/县级市)."""

    code: str  # adcode, e.g. "130203"
    name_zh: str
    name_en: str
    level: Level
    parent: str = ""  # a county's prefecture; "130000" (the province) for prefectures
    bounds: Bounds | None = None

    def name(self, lang: Lang) -> str:
        """The name in ``lang``."""
        return self.name_en if lang == "en" else self.name_zh


@dataclass(frozen=True)
class Zone:
    """A zone of the plans, made of whole prefectures or counties (雄安新区 = 雄县 + 容城县 + 安新县)."""

    id: str  # e.g. "xiongan"
    name_zh: str
    name_en: str
    member_level: Level
    members: tuple[str, ...]  # adcodes of its member units
    approximation: bool = False  # the members only approximate the zone's real extent
    bounds: Bounds | None = None

    def name(self, lang: Lang) -> str:
        """The name in ``lang``."""
        return self.name_en if lang == "en" else self.name_zh


@dataclass(frozen=True, eq=False)
class Catalog:
    """The admin units (prefectures first, then counties) and the zones, in the boundary files' order."""

    units: tuple[AdminUnit, ...] = ()
    zones: tuple[Zone, ...] = ()

    @classmethod
    def from_frames(
        cls, *, prefectures: pd.DataFrame, counties: pd.DataFrame, zones: pd.DataFrame
    ) -> Catalog:
        """A catalog from boundary layers (GeoDataFrames give extents; plain frames give none).

        Raises :class:`DataError` naming every missing column.
        """
        missing = [
            f"{layer} layer has no column {column!r}"
            for layer, frame, columns in (
                ("prefecture", prefectures, _UNIT_ATTRIBUTES),
                ("county", counties, _UNIT_ATTRIBUTES),
                ("zone", zones, _ZONE_ATTRIBUTES),
            )
            for column in columns
            if column not in frame
        ]
        if missing:
            raise DataError(
                "boundary attributes incomplete: " + "; ".join(missing) + ". Run "
                "`python -m cluster_map build-boundaries` to rebuild geodata/boundaries/"
            )
        units = [*_units(prefectures, "prefecture"), *_units(counties, "county")]
        zone_list = [
            Zone(
                str(row.adcode),
                str(row.name_zh),
                str(row.name_en),
                "county" if row.member_level == "county" else "prefecture",
                tuple(split_multi(str(row.member_adcodes))),
                _flag(row.approximation),
                box,
            )
            for row, box in zip(zones.itertuples(index=False), _bounds(zones), strict=True)
        ]
        return cls(tuple(units), tuple(zone_list))

    # --- units and zones by code ---

    @functools.cached_property
    def _units_by_code(self) -> dict[str, AdminUnit]:
        return {unit.code: unit for unit in self.units}

    @functools.cached_property
    def _zones_by_id(self) -> dict[str, Zone]:
        return {zone.id: zone for zone in self.zones}

    def unit(self, code: str) -> AdminUnit | None:
        """The unit of an adcode, or None."""
        return self._units_by_code.get(code)

    def zone(self, zone_id: str) -> Zone | None:
        """The zone of an id, or None."""
        return self._zones_by_id.get(zone_id)

    def codes(self, level: str) -> tuple[str, ...]:
        """The codes of the prefectures (``level="prefecture"``) or counties, in file order."""
        return tuple(unit.code for unit in self.units if unit.level == level)

    def zone_ids(self) -> tuple[str, ...]:
        """The zones' ids, in file order."""
        return tuple(zone.id for zone in self.zones)

    def unit_names(self, lang: Lang) -> dict[str, str]:
        """Adcode -> name in ``lang`` of every unit."""
        return {unit.code: unit.name(lang) for unit in self.units}

    def zone_names(self, lang: Lang) -> dict[str, str]:
        """Zone id -> name in ``lang``."""
        return {zone.id: zone.name(lang) for zone in self.zones}

    @functools.cached_property
    def bounds(self) -> dict[str, Bounds]:
        """Unit code or zone id -> extent (west, south, east, north), where the catalog knows it."""
        boxes = {unit.code: unit.bounds for unit in self.units if unit.bounds}
        boxes.update({zone.id: zone.bounds for zone in self.zones if zone.bounds})
        return boxes

    # --- look-ups by name ---

    def find(self, kind: str, value: str) -> str | None:
        """The code (or zone id) that ``value`` names, or None when it names none or several.

        Prefectures and zones may be given by code, Chinese name or that name without 市; counties
        by code, or by a name that only one county has (唐山市路北区, 唐山路北区, 路北区 or 路北).

        Parameters
        ----------
        kind
            ``"prefecture"``, ``"county"`` or ``"zone"``.
        value
            What a user typed or a URL holds.
        """
        if kind == "county":
            return self._county(value)
        if kind == "zone":
            names = self.zone_names("zh")
        else:
            names = {unit.code: unit.name_zh for unit in self.units if unit.level == kind}
        if value in names:
            return value
        return next((code for code, zh in names.items() if value in (zh, zh.removesuffix("市"))), None)

    def _county(self, value: str) -> str | None:
        unit = self.unit(value)
        if unit is not None and unit.level == "county":
            return value
        matches = [u.code for u in self.units if u.level == "county" and value in self._county_names(u)]
        return matches[0] if len(matches) == 1 else None

    def _county_names(self, county: AdminUnit) -> tuple[str, ...]:
        """路北区, 路北 (when the rest is a name of its own), 唐山市路北区, 唐山路北区."""
        parent = self.unit(county.parent)
        prefecture = parent.name_zh if parent else ""
        zh = county.name_zh
        short = zh[:-1] if len(zh) > 2 and zh[-1] in "区县市" else zh
        return (zh, short, prefecture + zh, prefecture.removesuffix("市") + zh)

    # --- zone membership ---

    @functools.cached_property
    def _zones_of_code(self) -> dict[str, frozenset[str]]:
        """Member adcode -> the zones it belongs to."""
        index: dict[str, set[str]] = {}
        for zone in self.zones:
            for code in zone.members:
                index.setdefault(code, set()).add(zone.id)
        return {code: frozenset(ids) for code, ids in index.items()}

    @functools.cached_property
    def _zone_by_members(self) -> dict[tuple[str, frozenset[str]], str]:
        """(records' column, member set) -> zone id; a later zone with the same members wins."""
        return {(UNIT_COLUMNS[z.member_level], frozenset(z.members)): z.id for z in self.zones}

    def zones_touched(self, prefecture_codes: str, county_codes: str) -> frozenset[str]:
        """The zones with any of these units (``;``-joined cells of a record) among their members."""
        index = self._zones_of_code
        codes = (*split_multi(prefecture_codes), *split_multi(county_codes))
        return frozenset().union(*(index.get(code, ()) for code in codes))

    def zone_named(self, prefecture_codes: str, county_codes: str) -> str:
        """The zone whose members are exactly these units of its level ("" for none)."""
        cells = {"prefecture_code": prefecture_codes, "county_code": county_codes}
        for (column, members), zone_id in self._zone_by_members.items():
            if frozenset(split_multi(cells[column])) == members:
                return zone_id
        return ""

    def record_zones(self, records: pd.DataFrame) -> pd.Series:
        """Per record, the frozenset of zones it touches (:meth:`zones_touched`), aligned with it."""
        return pd.Series(_per_unit_pair(records, self.zones_touched), index=records.index, dtype=object)

    def zone_of_records(self, records: pd.DataFrame) -> pd.Series:
        """Per record, the zone it names as a whole (:meth:`zone_named`, "" for none), aligned with it."""
        return pd.Series(_per_unit_pair(records, self.zone_named), index=records.index, dtype=object)


def _units(frame: pd.DataFrame, level: Level) -> list[AdminUnit]:
    return [
        AdminUnit(str(row.adcode), str(row.name_zh), str(row.name_en), level, str(row.parent_adcode), box)
        for row, box in zip(frame.itertuples(index=False), _bounds(frame), strict=True)
    ]


def _per_unit_pair(records: pd.DataFrame, answer: Callable[[str, str], T]) -> list[T]:
    """``answer(prefecture_code, county_code)`` of each record, asked once per distinct pair."""
    memo: dict[tuple[str, str], T] = {}
    out = []
    for pair in zip(records[UNIT_COLUMNS["prefecture"]], records[UNIT_COLUMNS["county"]], strict=True):
        if pair not in memo:
            memo[pair] = answer(str(pair[0]), str(pair[1]))
        out.append(memo[pair])
    return out


def _bounds(frame: pd.DataFrame) -> list[Bounds | None]:
    geometry = getattr(frame, "geometry", None) if "geometry" in frame else None
    if geometry is None:
        return [None] * len(frame)
    return [
        None if pd.isna(w) else (float(w), float(s), float(e), float(n))
        for w, s, e, n in geometry.bounds.itertuples(index=False)
    ]


def _flag(value: object) -> bool:
    """A boolean attribute as GeoJSON holds it (true) or a CSV might (\"true\", \"1\")."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    if isinstance(value, float) and math.isnan(value):
        return False
    return bool(value)


def load_catalog(*, weight: Weight = "web", root: Path = BOUNDARY_DIR) -> Catalog:
    """Read the catalog from the prefecture, county and zone boundary files (no caching here).

    Parameters
    ----------
    weight
        ``"web"`` (simplified; its extents are those the map draws) or ``"full"``.
    root
        The boundaries folder.

    Returns
    -------
    The catalog, with each unit's and zone's extent.
    """
    layers = {
        layer: read_boundaries(layer, weight=weight, root=root) for layer in ("prefecture", "county", "zone")
    }
    return Catalog.from_frames(
        prefectures=layers["prefecture"], counties=layers["county"], zones=layers["zone"]
    )
