"""A static SVG map of a profile's place and its items, drawn from our own boundaries (no tiles).

The place is its unit's polygon(s) (a zone: its member units); a prefecture shows its counties'
borders inside. Each item place the profile keeps with a point inside the place is one
``<circle>`` coloured by sector; a place larger than the profile's place (a zone or several
prefectures, whose representative point may lie outside it) is drawn as the part of its units
inside the place, outlined in the sector's colour (``cm-item-area``), never as a stray point. Longitude is scaled by the cosine of the middle latitude (an equirectangular view), which is
close enough at Hebei's size. Pure: it is given the web-weight boundary frames.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from html import escape
from typing import Any

import geopandas as gpd
import shapely

from cluster_map.core.catalog import Catalog
from cluster_map.core.errors import UsageError
from cluster_map.core.i18n import Lang
from cluster_map.core.items import split_multi
from cluster_map.core.profiles import Profile
from cluster_map.core.taxonomy import Taxonomy

__all__ = ["MAP_WIDTH", "place_svg", "sector_key_html"]

#: The longer side of the map, in SVG units (pixels on screen).
MAP_WIDTH = 640
_PAD = 12.0
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_NO_COLOUR = "#555555"
Bounds = tuple[float, float, float, float]


def _frame(boundaries: Mapping[str, gpd.GeoDataFrame], layer: str) -> gpd.GeoDataFrame:
    if layer not in boundaries:
        raise UsageError(
            f"the brief's map needs the {layer!r} boundary layer; pass boundaries={{{layer!r}: "
            f"read_boundaries({layer!r}, weight='web'), ...}}"
        )
    return boundaries[layer]


def _place_areas(
    profile: Profile, *, catalog: Catalog, boundaries: Mapping[str, gpd.GeoDataFrame]
) -> tuple[list[shapely.Geometry], list[shapely.Geometry]]:
    """The place's own polygons and the inner borders to draw (a prefecture's counties)."""
    place = profile.place
    if place.level == "zone":
        zone = catalog.zone(place.code)
        layer, codes = (zone.member_level, set(zone.members)) if zone else ("prefecture", set())
    else:
        layer, codes = place.level, {place.code}
    frame = _frame(boundaries, layer)
    areas = list(frame.loc[frame["adcode"].astype(str).isin(codes), "geometry"])
    inner: list[shapely.Geometry] = []
    if place.level == "prefecture":
        counties = _frame(boundaries, "county")
        inner = list(counties.loc[counties["parent_adcode"].astype(str) == place.code, "geometry"])
    return areas, inner


Marker = tuple[float, float, str, str]  # lon, lat, sector, name


def _units_of(row: Mapping[Any, Any], boundaries: Mapping[str, gpd.GeoDataFrame]) -> shapely.Geometry:
    """The union of the units a row names: its counties, or else its prefectures."""
    layer, cell = (
        ("county", row["county_code"]) if row["county_code"] else ("prefecture", row["prefecture_code"])
    )
    frame = _frame(boundaries, layer)
    codes = set(split_multi(str(cell)))
    return shapely.union_all(list(frame.loc[frame["adcode"].astype(str).isin(codes), "geometry"]))


def _item_places(
    profile: Profile, areas: list[shapely.Geometry], boundaries: Mapping[str, gpd.GeoDataFrame]
) -> tuple[list[Marker], list[tuple[shapely.Geometry, str, str]]]:
    """The kept item places with a point: circles inside the place, areas for the larger ones."""
    outline = shapely.union_all(areas).buffer(0.01) if areas else None
    circles: list[Marker] = []
    larger: list[tuple[shapely.Geometry, str, str]] = []
    for row in profile.rows.to_dict("records"):
        geometry = row["geometry"]
        if geometry is None or geometry.is_empty:
            continue
        sector, name = str(row["sector"]), str(row["name_zh"])
        if outline is None or outline.contains(geometry):
            circles.append((float(shapely.get_x(geometry)), float(shapely.get_y(geometry)), sector, name))
            continue
        part = shapely.intersection(_units_of(row, boundaries), shapely.union_all(areas))
        larger.append((part if not part.is_empty else shapely.union_all(areas), sector, name))
    return circles, larger


def _bounds(areas: list[shapely.Geometry], points: list[Marker]) -> Bounds:
    shapes = [*areas, *(shapely.Point(x, y) for x, y, _, _ in points)]
    if not shapes:
        return (113.4, 36.0, 119.9, 42.7)  # Hebei, when there is nothing to frame
    west, south, east, north = shapely.total_bounds(shapes)
    pad = max(east - west, north - south, 0.02) * 0.02
    return (west - pad, south - pad, east + pad, north + pad)


class _Projection:
    """WGS84 -> SVG units: x east, y down, longitude scaled by cos(middle latitude)."""

    def __init__(self, bounds: Bounds) -> None:
        west, south, east, north = bounds
        self.west, self.north = west, north
        self.kx = math.cos(math.radians((south + north) / 2))
        span = max((east - west) * self.kx, north - south, 1e-6)
        self.scale = (MAP_WIDTH - 2 * _PAD) / span
        self.width = (east - west) * self.kx * self.scale + 2 * _PAD
        self.height = (north - south) * self.scale + 2 * _PAD

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            round((lon - self.west) * self.kx * self.scale + _PAD, 1),
            round((self.north - lat) * self.scale + _PAD, 1),
        )


def _path(geometry: shapely.Geometry, projection: _Projection) -> str:
    """An SVG path of a (multi)polygon: every ring, holes included (evenodd fill)."""
    rings = []
    for polygon in shapely.get_parts(geometry):
        if not isinstance(polygon, shapely.Polygon):
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            points = [projection.xy(x, y) for x, y, *_ in ring.coords]
            rings.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
    return "".join(rings)


def _colour(sector: str, taxonomy: Taxonomy) -> str:
    colour = str(taxonomy.sectors.get(sector, {}).get("color", ""))
    return colour if _HEX.fullmatch(colour) else _NO_COLOUR


def place_svg(
    profile: Profile,
    *,
    catalog: Catalog,
    taxonomy: Taxonomy,
    boundaries: Mapping[str, gpd.GeoDataFrame],
    lang: Lang,
) -> str:
    """An inline ``<svg>`` of the place (its units' polygons) with one shape per kept item place.

    Parameters
    ----------
    profile
        The place's profile (:func:`cluster_map.core.profiles.build_profile`).
    catalog
        Zone members.
    taxonomy
        Sector colours and labels.
    boundaries
        Web-weight ``prefecture`` and ``county`` frames (:func:`~cluster_map.core.boundaries.read_boundaries`).
    lang
        Language of the title.

    Returns
    -------
    SVG markup for an HTML page (no namespace URL, no external reference), every text escaped.
    """
    areas, inner = _place_areas(profile, catalog=catalog, boundaries=boundaries)
    points, larger = _item_places(profile, areas, boundaries)
    projection = _Projection(_bounds(areas, points))
    parts = [f'<path class="cm-area" d="{_path(a, projection)}"/>' for a in areas]
    parts += [f'<path class="cm-inner" d="{_path(a, projection)}"/>' for a in inner]
    for geometry, sector, name in larger:
        label = f"{name} ({taxonomy.label('sectors', sector, lang=lang)})"
        parts.append(
            f'<path class="cm-item-area" d="{_path(geometry, projection)}" stroke="{_colour(sector, taxonomy)}">'
            f"<title>{escape(label)}</title></path>"
        )
    for lon, lat, sector, name in points:
        x, y = projection.xy(lon, lat)
        label = f"{name} ({taxonomy.label('sectors', sector, lang=lang)})"
        parts.append(
            f'<circle class="cm-item" cx="{x:g}" cy="{y:g}" r="4" fill="{_colour(sector, taxonomy)}">'
            f"<title>{escape(label)}</title></circle>"
        )
    title = escape(profile.place.name(catalog, lang))
    return (
        f'<svg class="cm-map" role="img" aria-label="{title}" viewBox="0 0 {projection.width:.0f} '
        f'{projection.height:.0f}" width="{projection.width:.0f}" height="{projection.height:.0f}">'
        f"<title>{title}</title>{''.join(parts)}</svg>"
    )


def sector_key_html(profile: Profile, *, taxonomy: Taxonomy, lang: Lang) -> str:
    """The map's key: one swatch per sector of the profile, with its label and item count."""
    rows = "".join(
        f'<li><span class="cm-swatch" style="background:{_colour(sector, taxonomy)}"></span>'
        f"{escape(taxonomy.label('sectors', sector, lang=lang))} ({count})</li>"
        for sector, count in profile.counts["sector"].items()
    )
    return f'<ul class="cm-key">{rows}</ul>'
