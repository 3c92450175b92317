"""Filters over the records: a spec, its URL query form, and the subset it keeps.

One spec serves the app's sidebar, its shareable URL (``?sector=新能源&kind=key_project``) and the
command line's ``export`` options. Within one field the values are alternatives (OR); fields
combine with AND; an empty field keeps everything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace

import geopandas as gpd
import pandas as pd

from cluster_map.core.errors import FilterError
from cluster_map.core.records import split_multi
from cluster_map.core.taxonomy import Taxonomy

__all__ = [
    "FilterChoices",
    "FilterSpec",
    "QueryProblem",
    "apply_filters",
    "filter_mask",
    "spec_from_query",
    "spec_to_query",
]

#: Spec field -> URL query key.
QUERY_KEYS: dict[str, str] = {
    "sectors": "sector",
    "subsectors": "subsector",
    "kinds": "kind",
    "levels": "level",
    "prefectures": "prefecture",
    "counties": "county",
    "zones": "zone",
    "source_docs": "doc",
    "search": "q",
}
#: What the text search looks in: names, places, subsector and the quoted passage of the plan.
SEARCH_COLUMNS = (
    "name_zh",
    "name_en",
    "place_zh",
    "county_zh",
    "prefecture_zh",
    "subsector",
    "source_sentence",
)


@dataclass(frozen=True)
class FilterSpec:
    """What to keep. Every field is a tuple of allowed values, except ``search`` (free text)."""

    sectors: tuple[str, ...] = ()
    subsectors: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    prefectures: tuple[str, ...] = ()  # adcodes such as "130100"
    counties: tuple[str, ...] = ()  # adcodes such as "130203"
    zones: tuple[str, ...] = ()  # zone ids such as "coastal" (geodata/boundaries/hebei_zones.geojson)
    source_docs: tuple[str, ...] = ()
    search: str = ""

    def is_empty(self) -> bool:
        """True when the spec keeps every record."""
        return self == FilterSpec()


@dataclass(frozen=True)
class FilterChoices:
    """The values that exist for each field, and how names map to codes."""

    sectors: tuple[str, ...]
    subsectors: tuple[str, ...]
    kinds: tuple[str, ...]
    levels: tuple[str, ...]
    prefectures: dict[str, str]  # adcode -> name_zh
    zones: dict[str, str]  # zone id -> name_zh
    source_docs: tuple[str, ...]
    zone_members: dict[str, tuple[str, ...]] = field(default_factory=dict)  # zone id -> member adcodes
    counties: dict[str, str] = field(default_factory=dict)  # adcode -> name_zh
    county_prefecture: dict[str, str] = field(default_factory=dict)  # county adcode -> prefecture adcode

    @classmethod
    def from_data(
        cls,
        records: pd.DataFrame,
        *,
        prefectures: pd.DataFrame,
        zones: pd.DataFrame,
        counties: pd.DataFrame | None = None,
        sectors: Iterable[str],
        kinds: Iterable[str],
        levels: Iterable[str],
        source_docs: Iterable[str],
    ) -> FilterChoices:
        """Choices from the taxonomy's vocabularies, the boundary layers and the records' subsectors.

        ``counties`` (adcode, name_zh, parent_adcode) may be left out: no county is then known.
        """
        subsectors = sorted({s for s in records["subsector"] if s})
        counties = (
            counties if counties is not None else pd.DataFrame(columns=["adcode", "name_zh", "parent_adcode"])
        )
        return cls(
            sectors=tuple(sectors),
            subsectors=tuple(subsectors),
            kinds=tuple(kinds),
            levels=tuple(levels),
            prefectures=dict(zip(prefectures["adcode"], prefectures["name_zh"])),
            zones=dict(zip(zones["adcode"], zones["name_zh"])),
            source_docs=tuple(source_docs),
            zone_members={z: tuple(split_multi(m)) for z, m in zip(zones["adcode"], zones["member_adcodes"])},
            counties=dict(zip(counties["adcode"], counties["name_zh"])),
            county_prefecture=dict(zip(counties["adcode"], counties["parent_adcode"])),
        )

    @classmethod
    def for_records(
        cls,
        records: pd.DataFrame,
        *,
        taxonomy: Taxonomy,
        prefectures: pd.DataFrame,
        zones: pd.DataFrame,
        counties: pd.DataFrame | None = None,
    ) -> FilterChoices:
        """Choices with the taxonomy's sectors, kinds, levels and documents (the app's and the CLI's)."""
        return cls.from_data(
            records,
            prefectures=prefectures,
            zones=zones,
            counties=counties,
            sectors=taxonomy.sectors,
            kinds=taxonomy.kinds,
            levels=taxonomy.levels,
            source_docs=taxonomy.documents,
        )

    def allowed(self, name: str) -> tuple[str, ...]:
        """The allowed values of spec field ``name``."""
        value = getattr(self, name)
        return tuple(value) if isinstance(value, dict) else value

    def canonical(self, name: str, value: str) -> str | None:
        """``value`` as the spec stores it, or None when it is unknown.

        Prefectures and zones may be given by code, Chinese name (with or without 市) or id;
        counties by code, or by a name that only one county has (唐山市路北区 or 路北区, not 桥西区).
        """
        if name == "counties":
            return self._county(value)
        if name in ("prefectures", "zones"):
            names: dict[str, str] = getattr(self, name)
            if value in names:
                return value
            for code, zh in names.items():
                if value in (zh, zh.removesuffix("市")):
                    return code
            return None
        return value if value in self.allowed(name) else None

    def _county(self, value: str) -> str | None:
        if value in self.counties:
            return value
        matches = [code for code, zh in self.counties.items() if value in self._county_names(code, zh)]
        return matches[0] if len(matches) == 1 else None

    def _county_names(self, code: str, zh: str) -> tuple[str, ...]:
        """路北区, 路北 (when the rest is a name of its own), 唐山市路北区, 唐山路北区."""
        prefecture = self.prefectures.get(self.county_prefecture.get(code, ""), "")
        short = zh[:-1] if len(zh) > 2 and zh[-1] in "区县市" else zh
        return (zh, short, prefecture + zh, prefecture.removesuffix("市") + zh)


@dataclass(frozen=True)
class QueryProblem:
    """One part of a URL query (or CLI filter) that was not understood and was dropped.

    ``key`` is the query key (``sector``, ``lang`` ...), ``value`` the value as given ("" for an
    unknown key), ``allowed`` what would have been understood. ``str()`` gives the English message
    of the command line; the app words it in the page's language with names instead of codes.
    """

    key: str
    value: str = ""
    allowed: tuple[str, ...] = ()

    @property
    def unknown_key(self) -> bool:
        """True when the key itself is not known (then ``value`` is empty)."""
        return not self.value

    def __str__(self) -> str:
        if self.unknown_key:
            return f"unknown filter {self.key!r}; known filters: {', '.join(self.allowed)}"
        hint = f"; use one of: {', '.join(self.allowed)}" if self.allowed else ""
        return f"{self.key}={self.value!r} is not a known value{hint}"


def _multi_field_names() -> list[str]:
    return [f.name for f in fields(FilterSpec) if f.name != "search"]


def spec_from_query(
    params: Mapping[str, str | Sequence[str]], *, choices: FilterChoices, strict: bool = False
) -> tuple[FilterSpec, list[QueryProblem]]:
    """Read a spec from URL query parameters (or CLI options of the same names).

    Parameters
    ----------
    params
        Key -> value or list of values; comma-separated values are split too.
    choices
        The values that exist.
    strict
        Raise :class:`FilterError` on any unknown key or value instead of dropping it.

    Returns
    -------
    The spec of the known values, and one message per unknown key or value (empty when all known).
    """
    by_key = {key: name for name, key in QUERY_KEYS.items()}
    problems: list[QueryProblem] = []
    values: dict[str, object] = {}
    for key, raw in params.items():
        name = by_key.get(key)
        if name is None:
            problems.append(QueryProblem(key, allowed=tuple(QUERY_KEYS.values())))
            continue
        items = [raw] if isinstance(raw, str) else list(raw)
        if name == "search":
            values[name] = " ".join(i.strip() for i in items if i.strip())
            continue
        kept: list[str] = []
        for item in (part.strip() for i in items for part in str(i).split(",")):
            if not item:
                continue
            known = choices.canonical(name, item)
            if known is None:
                problems.append(QueryProblem(key, item, tuple(choices.allowed(name))))
            elif known not in kept:
                kept.append(known)
        values[name] = tuple(kept)
    if strict and problems:
        raise FilterError("\n".join(map(str, problems)))
    return replace(FilterSpec(), **values), problems


def spec_to_query(spec: FilterSpec) -> dict[str, list[str]]:
    """The spec as URL query parameters (key -> list of values); empty fields are left out."""
    query: dict[str, list[str]] = {}
    for name, key in QUERY_KEYS.items():
        value = getattr(spec, name)
        if name == "search":
            if value:
                query[key] = [value]
        elif value:
            query[key] = list(value)
    return query


def _any_code_in(column: pd.Series, codes: set[str]) -> pd.Series:
    return column.map(lambda cell: any(code in codes for code in split_multi(cell)))


def filter_mask(records: pd.DataFrame, spec: FilterSpec, *, choices: FilterChoices) -> pd.Series:
    """True for each record the spec keeps (aligned with ``records``); nothing is copied.

    Parameters
    ----------
    records
        As :func:`cluster_map.core.records.read_records` returns.
    spec
        What to keep.
    choices
        Needed for the zones' member units.
    """
    keep = pd.Series(True, index=records.index)
    for name, column in (
        ("sectors", "sector"),
        ("subsectors", "subsector"),
        ("kinds", "kind"),
        ("levels", "level"),
        ("source_docs", "source_doc"),
    ):
        allowed = getattr(spec, name)
        if allowed:
            keep &= records[column].isin(allowed)
    if spec.prefectures:
        keep &= _any_code_in(records["prefecture_code"], set(spec.prefectures))
    if spec.counties:
        keep &= _any_code_in(records["county_code"], set(spec.counties))
    if spec.zones:
        members = {code for zone in spec.zones for code in choices.zone_members.get(zone, ())}
        keep &= _any_code_in(records["prefecture_code"], members) | _any_code_in(
            records["county_code"], members
        )
    if spec.search:
        needle = spec.search.casefold()
        text = records[list(SEARCH_COLUMNS)].astype(str).agg(" ".join, axis=1).str.casefold()
        keep &= text.str.contains(needle, regex=False)
    return keep


def apply_filters(records: gpd.GeoDataFrame, spec: FilterSpec, *, choices: FilterChoices) -> gpd.GeoDataFrame:
    """The records the spec keeps, in their original order (a copy; :func:`filter_mask` for the mask)."""
    return records[filter_mask(records, spec, choices=choices)].copy()
