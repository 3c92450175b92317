"""Place profiles and comparisons: what the plans put in a prefecture, a county or a zone.

A profile is the filter of the page (or of the command line) narrowed to one place, so its counts
are those ``export`` gives with the same place filter: items, not text rows. Comparisons of places
are in :mod:`cluster_map.core.comparison`. Everything here is pure; the app, the command line and
the printable brief share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import geopandas as gpd
import pandas as pd

from cluster_map.core.catalog import Catalog
from cluster_map.core.errors import UsageError
from cluster_map.core.filters import FilterChoices, FilterSpec, apply_filters
from cluster_map.core.i18n import Lang
from cluster_map.core.items import item_count, items_of_rows, placed_item_ids, split_multi

__all__ = [
    "COUNTED",
    "PROFILE_LEVELS",
    "UNSTATED",
    "Profile",
    "ProfilePlace",
    "build_profile",
    "find_profile_place",
]

ProfileLevel = Literal["prefecture", "county", "zone"]
#: The kinds of place a profile is of, in the order a name is looked up.
PROFILE_LEVELS: tuple[ProfileLevel, ...] = ("prefecture", "zone", "county")
#: The filter field that keeps one place of each level.
_PLACE_FIELDS: dict[ProfileLevel, str] = {"prefecture": "prefectures", "county": "counties", "zone": "zones"}
#: The count tables of a profile: item column -> its taxonomy vocabulary.
COUNTED: dict[str, str] = {"sector": "sectors", "kind": "kinds", "level": "levels"}
#: The count key of items whose value the text does not give (a level, mostly).
UNSTATED = "—"


@dataclass(frozen=True)
class ProfilePlace:
    """A prefecture, county or zone by its code (zone id)."""

    level: ProfileLevel
    code: str

    def name(self, catalog: Catalog, lang: Lang) -> str:
        """Its name in ``lang`` (the code when the catalog does not know it)."""
        if self.level == "zone":
            return catalog.zone_names(lang).get(self.code, self.code)
        return catalog.unit_names(lang).get(self.code, self.code)


def find_profile_place(value: str, catalog: Catalog) -> ProfilePlace:
    """The place ``value`` names: an adcode, a zone id, or a name (唐山, 唐山市, 路北区, 沿海).

    Raises
    ------
    UsageError
        Quoting ``value`` when it names no place or several.
    """
    text = value.strip()
    for level in PROFILE_LEVELS:
        code = catalog.find(level, text)
        if code is not None:
            return ProfilePlace(level, code)
    raise UsageError(
        f"{value!r} is no prefecture, county or zone; give an adcode (130200), a name (唐山, 路北区) "
        f"or a zone ({', '.join(catalog.zone_ids())})"
    )


def place_spec(spec: FilterSpec, place: ProfilePlace) -> FilterSpec:
    """The filter ``spec`` with ``place`` as its only place (other place choices are dropped)."""
    others = [(name, values) for name, values in spec.chosen if name not in _PLACE_FIELDS.values()]
    return FilterSpec(chosen=[*others, (_PLACE_FIELDS[place.level], (place.code,))], search=spec.search)


@dataclass(frozen=True)
class Profile:
    """What the (filtered) plans put in one place."""

    place: ProfilePlace
    spec: FilterSpec  # the filter the counts respect, with the place
    rows: gpd.GeoDataFrame  # the item-place rows in the place
    items: pd.DataFrame  # one row per item (its places in the place)
    counts: dict[str, dict[str, int]]  # "sector" / "kind" / "level" -> value -> items
    zones: tuple[str, ...]  # the zones the place belongs to (or the zone's members for a zone)
    counties: dict[str, int]  # county code -> items placed in it (prefectures and zones)
    unplaced_in_place: int  # items of the place with a coarser place than the county

    @property
    def item_count(self) -> int:
        return item_count(self.rows)

    @property
    def drawn_count(self) -> int:
        return len(placed_item_ids(self.rows))


def _counts(items: pd.DataFrame) -> dict[str, dict[str, int]]:
    return {
        column: {str(k): int(v) for k, v in items[column].replace("", UNSTATED).value_counts().items()}
        for column in COUNTED
    }


def _zones_of(place: ProfilePlace, catalog: Catalog) -> tuple[str, ...]:
    if place.level == "zone":
        return (place.code,)
    unit = catalog.unit(place.code)
    codes = {place.code, unit.parent} if unit is not None and unit.level == "county" else {place.code}
    return tuple(z.id for z in catalog.zones if codes & set(z.members))


def _county_counts(rows: pd.DataFrame) -> dict[str, int]:
    found: dict[str, set[str]] = {}
    for item, cell in zip(rows["id"], rows["county_code"], strict=True):
        for code in split_multi(cell):
            found.setdefault(code, set()).add(str(item))
    return {code: len(items) for code, items in sorted(found.items())}


def build_profile(
    rows: gpd.GeoDataFrame, place: ProfilePlace, spec: FilterSpec, *, choices: FilterChoices
) -> Profile:
    """The profile of ``place`` under the filter ``spec`` (its own place choices are replaced).

    Parameters
    ----------
    rows
        All item-place rows (:func:`cluster_map.core.items.read_item_rows`).
    place
        The prefecture, county or zone.
    spec
        The current filter; the profile's counts respect it.
    choices
        The filter fields and the catalog (zone members).
    """
    narrowed = place_spec(spec, place)
    kept = apply_filters(rows, narrowed, choices=choices)
    items = items_of_rows(kept)
    counties = _county_counts(kept)
    if place.level == "county":
        counties = {place.code: counties.get(place.code, 0)}
    coarse = int((kept["county_code"] == "").groupby(kept["id"]).all().sum()) if len(kept) else 0
    return Profile(
        place=place,
        spec=narrowed,
        rows=kept,
        items=items,
        counts=_counts(items),
        zones=_zones_of(place, choices.catalog),
        counties=counties,
        unplaced_in_place=coarse,
    )
