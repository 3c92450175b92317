"""Plumbing of validation: what the checks compare against, and the checks of one place row.

A row is a mapping of column -> text, as places.csv holds it; each check yields ``(field,
message)``. The checks share a :class:`ValidationContext` (vocabularies, document texts, aliases,
the admin units' polygons, prepared once), which a caller builds once and reuses for every chunk,
folder or export. The checks of items and mentions are in :mod:`cluster_map.core.item_checks`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from cluster_map.core.csv_input import read_csv_table
from cluster_map.core.items import MULTI_SEPARATOR, split_multi
from cluster_map.core.paths import GAZETTEER_DIR
from cluster_map.core.taxonomy import Taxonomy

__all__ = ["ALIASES_PATH", "PLACE_PARTS", "ValidationContext", "place_parts", "place_row_problems"]

Row = Mapping[str, str]
Problems = Iterator[tuple[str, str]]

ALIASES_PATH = GAZETTEER_DIR / "aliases.csv"
#: One place of an item may be several names that make one area (``石家庄、保定、廊坊``).
PLACE_PARTS = "、"
#: A point may sit this far outside its polygon (degrees, ~1 m) for rounding to 6 decimals.
_INSIDE_TOLERANCE_DEG = 1e-5
#: The precisions and evidences a place row may have (``province`` / ``none`` mean no place).
_PLACED_PRECISIONS = ("county", "prefecture", "multi_prefecture")


def read_aliases() -> frozenset[str]:
    """The documented aliases of functional areas (geodata/gazetteer/aliases.csv, column ``alias``)."""
    table = read_csv_table(ALIASES_PATH, columns=("alias", "basis"), schema="geodata/gazetteer/README.md")
    return frozenset(table["alias"])


@dataclass
class ValidationContext:
    """What the checks compare against: vocabularies, the plans' texts, aliases and the admin units.

    Build it with :meth:`from_frames` (or :func:`cluster_map.core.validate.validation_context`) once and
    pass it to every check.
    """

    taxonomy: Taxonomy
    texts: dict[str, str]
    units: dict[str, tuple[str, str, BaseGeometry]]  # adcode -> (name_zh, level, geometry)
    province: BaseGeometry
    aliases: frozenset[str] = frozenset()
    _areas: dict[tuple[str, ...], BaseGeometry | None] = field(default_factory=dict, repr=False)

    @classmethod
    def from_frames(
        cls,
        taxonomy: Taxonomy,
        *,
        prefectures: gpd.GeoDataFrame,
        counties: gpd.GeoDataFrame,
        province: gpd.GeoDataFrame,
        aliases: Iterable[str] | None = None,
    ) -> ValidationContext:
        """A context from loaded boundary layers (full weight, EPSG:4326).

        ``aliases`` are the documented aliases; geodata/gazetteer/aliases.csv when not given.
        """
        units: dict[str, tuple[str, str, BaseGeometry]] = {}
        for level, frame in (("prefecture", prefectures), ("county", counties)):
            for code, name, geom in zip(frame["adcode"], frame["name_zh"], frame.geometry, strict=True):
                units[str(code)] = (name, level, geom)
        texts = {doc: taxonomy.document_text(doc) for doc in taxonomy.documents}
        hebei = shapely.union_all(province.geometry.values)
        shapely.prepare(hebei)
        known = read_aliases() if aliases is None else frozenset(aliases)
        return cls(taxonomy, texts, units, hebei, known)

    def area(self, codes: tuple[str, ...]) -> BaseGeometry | None:
        """The union of the known units among ``codes`` (prepared, cached), or None if none is known."""
        if codes not in self._areas:
            polygons = [self.units[c][2] for c in codes if c in self.units]
            area = shapely.union_all(polygons) if polygons else None
            if area is not None:
                shapely.prepare(area)
            self._areas[codes] = area
        return self._areas[codes]


def place_parts(place_zh: str) -> list[str]:
    """The names of one place (``"石家庄、保定"`` -> ``["石家庄", "保定"]``)."""
    return [part.strip() for part in place_zh.split(PLACE_PARTS) if part.strip()]


def _field_problems(row: Row, ctx: ValidationContext) -> Problems:
    if not row["place_zh"].strip():
        yield (
            "place_zh",
            "is empty; write the place as the plan names it (an item without a place has no row)",
        )
    elif MULTI_SEPARATOR in row["place_zh"]:
        yield (
            "place_zh",
            f"{row['place_zh']!r} holds {MULTI_SEPARATOR!r}, which separates an item's places; one row is one "
            f"place: join the names of one area with {PLACE_PARTS!r}",
        )
    t = ctx.taxonomy
    if row["precision"] not in _PLACED_PRECISIONS:
        hint = "; an item without a place has no row in places.csv" if row["precision"] == "province" else ""
        yield (
            "precision",
            f"{row['precision']!r} is not a place's precision; use one of {', '.join(_PLACED_PRECISIONS)}{hint}",
        )
    if row["evidence"] not in t.evidences:
        yield "evidence", f"{row['evidence']!r} is not a known evidence; use one of {', '.join(t.evidences)}"
    elif row["evidence"] == "none":
        yield "evidence", "'none' is for an item without a place; a place needs the evidence that gives it"


def _code_problems(row: Row, ctx: ValidationContext) -> Problems:
    for code_field, name_field, level in (
        ("prefecture_code", "prefecture_zh", "prefecture"),
        ("county_code", "county_zh", "county"),
    ):
        codes, names = split_multi(row[code_field]), split_multi(row[name_field])
        for code in codes:
            if code not in ctx.units or ctx.units[code][1] != level:
                yield (
                    code_field,
                    f"{code!r} is not a Hebei {level} adcode (see geodata/gazetteer/gazetteer.csv)",
                )
        expected = [ctx.units[c][0] for c in codes if c in ctx.units]
        if len(expected) == len(codes) and expected != names:
            yield (
                name_field,
                f"{row[name_field]!r} does not match the codes {row[code_field]!r} ({';'.join(expected)})",
            )
    prefectures = split_multi(row["prefecture_code"])
    if not prefectures:
        yield "prefecture_code", "is empty; every place lies in at least one prefecture"
    for code in split_multi(row["county_code"]):
        if code in ctx.units and code[:4] + "00" not in prefectures:
            yield "county_code", f"county {code} lies in prefecture {code[:4]}00, which prefecture_code lacks"


def _precision_problems(row: Row, ctx: ValidationContext) -> Problems:
    if row["precision"] not in _PLACED_PRECISIONS:
        return
    prefectures, counties = split_multi(row["prefecture_code"]), split_multi(row["county_code"])
    expected = "multi_prefecture" if len(prefectures) > 1 else ("county" if counties else "prefecture")
    if row["precision"] != expected:
        yield "precision", f"{row['precision']!r} does not fit the codes; expected {expected!r}"


def _lonlat(row: Row) -> tuple[float, float] | str:
    """The point's lon/lat, or why they are not usable."""
    try:
        lon, lat = float(row["lon"]), float(row["lat"])
    except ValueError:
        return "are not numbers; give decimal degrees such as 114.5, 38.0"
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return "are not finite numbers; give decimal degrees such as 114.5, 38.0"
    return lon, lat


def _near(area: BaseGeometry, lon: float, lat: float) -> bool:
    """Whether a point lies in ``area`` or within :data:`_INSIDE_TOLERANCE_DEG` of it."""
    if shapely.contains_xy(area, lon, lat):
        return True
    return bool(shapely.distance(area, shapely.Point(lon, lat)) <= _INSIDE_TOLERANCE_DEG)


def _point_problems(row: Row, ctx: ValidationContext) -> Problems:
    if row["lon"] == "" or row["lat"] == "":
        yield "lon", "lon/lat are empty; every place has a point (rebuild with build-items)"
        return
    lonlat = _lonlat(row)
    if isinstance(lonlat, str):
        yield "lon", f"lon/lat {row['lon']!r}, {row['lat']!r} {lonlat}"
        return
    lon, lat = lonlat
    if not _near(ctx.province, lon, lat):
        swapped = "; lon and lat look swapped" if _near(ctx.province, lat, lon) else ""
        yield (
            "lon",
            f"point ({row['lon']}, {row['lat']}) is outside Hebei{swapped}; give lon, lat in WGS84 degrees",
        )
        return
    for name in ("county_code", "prefecture_code"):
        codes = tuple(split_multi(row[name]))
        area = ctx.area(codes) if codes else None
        if area is not None and not _near(area, lon, lat):
            yield (
                "lon",
                f"point ({row['lon']}, {row['lat']}) is outside the {name} polygons {';'.join(codes)}",
            )


def _evidence_problems(row: Row, item: Row, ctx: ValidationContext) -> Problems:
    """The plan's rules of evidence: no place from outside knowledge, aliases documented, quotes given."""
    evidence, parts = row["evidence"], place_parts(row["place_zh"])
    if evidence == "curated":
        yield (
            "evidence",
            f"'curated' places {row['place_zh']!r} from outside knowledge, which is not evidence; place the "
            "item only where the text names the place, else give it no place",
        )
    elif evidence == "alias":
        if not any(part in ctx.aliases for part in parts):
            yield (
                "place_zh",
                f"{row['place_zh']!r} has evidence 'alias' but no documented alias; add it to "
                "geodata/gazetteer/aliases.csv with its basis, or use evidence 'admin_division'",
            )
        if not row["basis"].strip():
            yield "basis", "evidence 'alias' needs the alias's basis (from geodata/gazetteer/aliases.csv)"
    elif evidence == "text":
        notes = item["note_zh"] + "\n" + item["note_en"]
        missing = [part for part in parts if part not in notes]
        if missing:
            yield (
                "evidence",
                f"evidence 'text' needs the place {'、'.join(missing)!r} in the item's note_zh or note_en: "
                "quote the passage of the plan that places the item there",
            )


def place_row_problems(row: Row, item: Row | None, ctx: ValidationContext, *, plan_rules: bool) -> Problems:
    """Every ``(field, message)`` of one place row; ``item`` is its item's row (None when unknown).

    ``plan_rules`` adds the rules of evidence of the committed data (see :func:`_evidence_problems`);
    that a place is named in a mention sentence is checked once the mentions are read.
    """
    yield from _field_problems(row, ctx)
    yield from _code_problems(row, ctx)
    yield from _precision_problems(row, ctx)
    yield from _point_problems(row, ctx)
    if plan_rules and item is not None:
        yield from _evidence_problems(row, item, ctx)
