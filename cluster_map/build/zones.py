"""The plan's development areas (geodata/zones.toml), drawn as the union of their member units.

Each zone of the file names its members by adcode and the passage of the plan that defines it; the
loader checks the passage is in the plan, and :func:`zone_frame` that the members' names agree with
the boundary data, so a wrong code cannot draw the wrong area unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely

from cluster_map.build._data_files import ADCODE, read_toml, text_problems
from cluster_map.core.errors import DataError
from cluster_map.core.paths import ZONES_PATH
from cluster_map.core.taxonomy import Taxonomy

__all__ = ["MEMBER_LEVELS", "Zone", "load_zones", "zone_frame"]

#: The boundary layers a zone's members may come from.
MEMBER_LEVELS: tuple[str, ...] = ("prefecture", "county")
_TEXT_KEYS = ("id", "name_zh", "name_en", "kind", "member_level", "source_doc", "source_section", "quote")
_LIST_KEYS = ("members", "member_names_zh")
_KEYS = frozenset((*_TEXT_KEYS, *_LIST_KEYS, "approximation"))
_ZONE_ID = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Zone:
    """A development area of the plan, drawn as the union of its member units."""

    zone_id: str
    name_zh: str
    name_en: str
    kind: str
    member_level: str
    members: tuple[str, ...]
    member_names_zh: tuple[str, ...]
    source_doc: str
    source_section: str
    quote: str
    approximation: str = ""


def _members_problems(entry: Mapping[str, Any]) -> list[str]:
    members, names = entry.get("members"), entry.get("member_names_zh")
    if not isinstance(members, list) or not members:
        return [f"members {members!r} is not a list of adcodes such as ['130100', '130600']"]
    problems = [f"member {code!r} is not a six-digit adcode" for code in members if not _is_adcode(code)]
    if len(set(map(str, members))) < len(members):
        problems.append(f"members {members!r} lists a unit twice")
    if not isinstance(names, list) or len(names) != len(members):
        problems.append(f"member_names_zh {names!r} does not give one name per member {members!r}")
    return problems


def _is_adcode(value: object) -> bool:
    return isinstance(value, str) and bool(ADCODE.fullmatch(value))


def _entry_problems(entry: Mapping[str, Any], taxonomy: Taxonomy, texts: dict[str, str]) -> list[str]:
    problems = text_problems(dict(entry), _TEXT_KEYS)
    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        problems.append(f"keys {unknown} are not known; use {sorted(_KEYS)}")
    if problems:
        return problems
    if not _ZONE_ID.fullmatch(entry["id"]):
        problems.append(f"id {entry['id']!r} is not lower-case letters, digits and _ (such as 'coastal')")
    if entry["kind"] not in taxonomy.kinds:
        problems.append(f"kind {entry['kind']!r} is not in taxonomy.toml [kinds]")
    if entry["member_level"] not in MEMBER_LEVELS:
        problems.append(f"member_level {entry['member_level']!r} is not one of {list(MEMBER_LEVELS)}")
    if not isinstance(entry.get("approximation", ""), str):
        problems.append(f"approximation {entry['approximation']!r} is not text")
    problems += _members_problems(entry)
    doc = entry["source_doc"]
    if doc not in taxonomy.documents:
        problems.append(
            f"source_doc {doc!r} is not in taxonomy.toml [documents] {sorted(taxonomy.documents)}"
        )
        return problems
    if doc not in texts:
        texts[doc] = taxonomy.document_text(doc)
    if entry["quote"] not in texts[doc]:
        problems.append(f"quote {entry['quote']!r} is not in {doc}; copy the passage verbatim")
    elif entry["name_zh"] not in entry["quote"]:
        problems.append(f"quote {entry['quote']!r} does not contain the zone's name {entry['name_zh']!r}")
    return problems


def load_zones(path: Path = ZONES_PATH, *, taxonomy: Taxonomy) -> tuple[Zone, ...]:
    """Read the zone definitions, checking every entry.

    Parameters
    ----------
    path
        A TOML file with one ``[[zone]]`` table per zone (its header describes the keys).
    taxonomy
        The vocabularies: a zone's ``kind`` and ``source_doc`` must be in them, its ``quote`` in
        the document.

    Returns
    -------
    The zones, in file order.

    Raises
    ------
    DataError
        Listing every problem found, each quoting the bad entry.
    """
    entries = read_toml(path, what="the zone definitions").get("zone", [])
    if not isinstance(entries, list):
        raise DataError(f"{path}: zone = {entries!r} is not a list of [[zone]] tables; write [[zone]] tables")
    problems: list[str] = [] if entries else ["no [[zone]] tables; define at least one zone"]
    texts: dict[str, str] = {}
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems.append(f"[[zone]] #{number} {entry!r} is not a table; write it as [[zone]] with keys")
            continue
        found = _entry_problems(entry, taxonomy, texts)
        if entry.get("id") in seen:
            found.append(f"id {entry['id']!r} is used twice")
        seen.add(str(entry.get("id")))
        problems += [f"[[zone]] #{number} ({entry.get('id', '?')}): {p}" for p in found]
    if problems:
        raise DataError(f"{path}: " + "; ".join(problems))
    return tuple(
        Zone(
            zone_id=e["id"],
            name_zh=e["name_zh"],
            name_en=e["name_en"],
            kind=e["kind"],
            member_level=e["member_level"],
            members=tuple(e["members"]),
            member_names_zh=tuple(e["member_names_zh"]),
            source_doc=e["source_doc"],
            source_section=e["source_section"],
            quote=e["quote"],
            approximation=e.get("approximation", ""),
        )
        for e in entries
    )


def _members(zone: Zone, layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The member rows of ``layer`` (indexed by adcode), checked against the names the zone gives."""
    missing = [code for code in zone.members if code not in layer.index]
    if missing:
        raise DataError(
            f"zones.toml: zone {zone.zone_id!r} names members {missing} that are not in the "
            f"{zone.member_level} boundaries; use their adcodes"
        )
    members = layer.loc[list(zone.members)]
    found = tuple(members["name_zh"])
    if found != zone.member_names_zh:
        raise DataError(
            f"zones.toml: zone {zone.zone_id!r} gives member_names_zh {list(zone.member_names_zh)}, "
            f"but its members {list(zone.members)} are {list(found)}; fix the codes or the names"
        )
    return members


def zone_frame(
    zones: tuple[Zone, ...], *, prefectures: gpd.GeoDataFrame, counties: gpd.GeoDataFrame, parent_adcode: str
) -> gpd.GeoDataFrame:
    """The zones' features: each the union of its members' polygons, with its properties.

    Parameters
    ----------
    zones
        As :func:`load_zones` returns.
    prefectures, counties
        Boundary layers with ``adcode``, ``name_zh`` and geometry (full or web weight).
    parent_adcode
        The province's code, each zone's ``parent_adcode``.

    Returns
    -------
    One row per zone, in the zones' order (EPSG:4326).
    """
    layers = {"prefecture": prefectures.set_index("adcode"), "county": counties.set_index("adcode")}
    rows = []
    for zone in zones:
        members = _members(zone, layers[zone.member_level])
        rows.append(
            {
                "adcode": zone.zone_id,
                "name_zh": zone.name_zh,
                "name_en": zone.name_en,
                "level": "zone",
                "parent_adcode": parent_adcode,
                "kind": zone.kind,
                "member_level": zone.member_level,
                "member_adcodes": ";".join(zone.members),
                "member_names_zh": "、".join(members["name_zh"]),
                "source_section": zone.source_section,
                "approximation": bool(zone.approximation),
                "note": zone.approximation,
                "geometry": shapely.union_all(members.geometry.values),
            }
        )
    return gpd.GeoDataFrame(rows, crs="EPSG:4326")
