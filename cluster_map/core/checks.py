"""Plumbing of validation: the checks of one record, each yielding ``(field, message)``.

A record is a mapping of column -> text, as records.csv holds it. The checks share a
:class:`ValidationContext` (vocabularies, document texts, the admin units' polygons, prepared once),
which a caller builds once and reuses for every chunk, file or export.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from cluster_map.core.items import split_multi
from cluster_map.core.taxonomy import Taxonomy

__all__ = ["ALL_CHECKS", "EXPORT_CHECKS", "Check", "ValidationContext", "row_problems"]

Row = Mapping[str, str]
Problems = Iterator[tuple[str, str]]
Check = Callable[[Row, "ValidationContext"], Problems]

ID_PATTERN = re.compile(r"^(sei|sti)-[a-z0-9-]+$")
#: A point may sit this far outside its polygon (degrees, ~1 m) for rounding to 6 decimals.
_INSIDE_TOLERANCE_DEG = 1e-5


@dataclass
class ValidationContext:
    """What the checks compare against: vocabularies, the plans' texts and the admin units.

    Build it with :meth:`from_frames` (or :func:`cluster_map.core.validate.validation_context`) once and
    pass it to every check.
    """

    taxonomy: Taxonomy
    texts: dict[str, str]
    units: dict[str, tuple[str, str, BaseGeometry]]  # adcode -> (name_zh, level, geometry)
    province: BaseGeometry
    _areas: dict[tuple[str, ...], BaseGeometry | None] = field(default_factory=dict, repr=False)

    @classmethod
    def from_frames(
        cls,
        taxonomy: Taxonomy,
        *,
        prefectures: gpd.GeoDataFrame,
        counties: gpd.GeoDataFrame,
        province: gpd.GeoDataFrame,
    ) -> ValidationContext:
        """A context from loaded boundary layers (full weight, EPSG:4326)."""
        units: dict[str, tuple[str, str, BaseGeometry]] = {}
        for level, frame in (("prefecture", prefectures), ("county", counties)):
            for code, name, geom in zip(frame["adcode"], frame["name_zh"], frame.geometry, strict=True):
                units[str(code)] = (name, level, geom)
        texts = {doc: taxonomy.document_text(doc) for doc in taxonomy.documents}
        hebei = shapely.union_all(province.geometry.values)
        shapely.prepare(hebei)
        return cls(taxonomy, texts, units, hebei)

    def area(self, codes: tuple[str, ...]) -> BaseGeometry | None:
        """The union of the known units among ``codes`` (prepared, cached), or None if none is known."""
        if codes not in self._areas:
            polygons = [self.units[c][2] for c in codes if c in self.units]
            area = shapely.union_all(polygons) if polygons else None
            if area is not None:
                shapely.prepare(area)
            self._areas[codes] = area
        return self._areas[codes]


def _required_problems(row: Row, ctx: ValidationContext) -> Problems:
    for name in ("id", "name_zh", "name_en", "source_section"):
        if not row[name].strip():
            yield name, "is empty; every record needs it"


def _id_problems(row: Row, ctx: ValidationContext) -> Problems:
    if row["id"].strip() and not ID_PATTERN.match(row["id"]):
        yield "id", f"{row['id']!r} does not look like sei-… or sti-… (lower case, digits, hyphens)"


def _vocabulary_problems(row: Row, ctx: ValidationContext) -> Problems:
    t = ctx.taxonomy
    for name, allowed, blank_ok in (
        ("kind", t.kinds, False),
        ("sector", t.sectors, False),
        ("subsector", t.subsectors, True),
        ("level", t.levels, True),
        ("precision", t.precisions, False),
        ("evidence", t.evidences, False),
        ("source_doc", t.documents, False),
    ):
        value = row[name]
        if not (value in allowed or (blank_ok and value == "")):
            yield name, f"{value!r} is not a known {name}; use one of {', '.join(allowed)}"


def _offsets(row: Row) -> tuple[int, int] | None:
    try:
        return int(row["source_start"]), int(row["source_end"])
    except ValueError:
        return None


def _offset_problems(row: Row, ctx: ValidationContext) -> Problems:
    if _offsets(row) is None:
        yield "source_start", f"offsets {row['source_start']!r}:{row['source_end']!r} are not whole numbers"


def _span_problems(row: Row, ctx: ValidationContext) -> Problems:
    text, offsets = ctx.texts.get(row["source_doc"]), _offsets(row)
    if text is None or offsets is None:
        return
    start, end = offsets
    found = text[start:end]
    if found != row["name_zh"]:
        where = text.find(row["name_zh"])
        hint = f"; the name first occurs at {where}" if where >= 0 else "; the name is not in the document"
        yield "source_start", f"span {start}:{end} holds {found!r}, not {row['name_zh']!r}{hint}"
    if row["name_zh"] not in row["source_sentence"]:
        yield "source_sentence", f"does not contain name_zh {row['name_zh']!r}; rebuild with build-records"


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
    for code in split_multi(row["county_code"]):
        if code in ctx.units and code[:4] + "00" not in split_multi(row["prefecture_code"]):
            yield "county_code", f"county {code} lies in prefecture {code[:4]}00, which prefecture_code lacks"


def _place_problems(row: Row, ctx: ValidationContext) -> Problems:
    has_point = row["lon"] != "" and row["lat"] != ""
    has_place = row["place_zh"] != ""
    prefectures, counties = split_multi(row["prefecture_code"]), split_multi(row["county_code"])
    if has_place != has_point:
        yield "lon", "a record has a point exactly when it has a place_zh; rebuild with build-records"
    if not has_place:
        if row["precision"] != "province" or row["evidence"] != "none":
            yield "precision", "a record without a place has precision 'province' and evidence 'none'"
        return
    expected = "multi_prefecture" if len(prefectures) > 1 else ("county" if counties else "prefecture")
    if row["precision"] != expected:
        yield "precision", f"{row['precision']!r} does not fit the codes; expected {expected!r}"
    if row["evidence"] in ("text", "curated") and not row["note"].strip():
        yield "note", f"evidence {row['evidence']!r} needs its basis in note"
    if row["evidence"] == "none":
        yield "evidence", "a record with a place needs evidence other than 'none'"


def _lonlat(row: Row) -> tuple[float, float] | str:
    """The point's lon/lat, or why they are not usable."""
    try:
        lon, lat = float(row["lon"]), float(row["lat"])
    except ValueError:
        return "are not numbers; give decimal degrees such as 114.5, 38.0"
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return "are not finite numbers; give decimal degrees such as 114.5, 38.0"
    return lon, lat


def _point_problems(row: Row, ctx: ValidationContext) -> Problems:
    if row["lon"] == "" or row["lat"] == "":
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


def _near(area: BaseGeometry, lon: float, lat: float) -> bool:
    """Whether a point lies in ``area`` or within :data:`_INSIDE_TOLERANCE_DEG` of it."""
    if shapely.contains_xy(area, lon, lat):
        return True
    return bool(shapely.distance(area, shapely.Point(lon, lat)) <= _INSIDE_TOLERANCE_DEG)


#: Every check of ``python -m cluster_map validate``.
ALL_CHECKS: tuple[Check, ...] = (
    _required_problems,
    _id_problems,
    _vocabulary_problems,
    _offset_problems,
    _span_problems,
    _code_problems,
    _place_problems,
    _point_problems,
)
#: The checks of an export: all but the provenance of the committed data (ids of the form sei-…,
#: spans into the two plans), which users' own records of the same schema need not follow.
EXPORT_CHECKS: tuple[Check, ...] = tuple(c for c in ALL_CHECKS if c not in (_id_problems, _span_problems))


def row_problems(row: Row, ctx: ValidationContext, checks: tuple[Check, ...] = ALL_CHECKS) -> Problems:
    """Every ``(field, message)`` the checks find in one record."""
    for check in checks:
        yield from check(row, ctx)
