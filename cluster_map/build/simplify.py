"""Topology-preserving simplification of a polygon coverage, with a hard displacement bound.

Neighbouring admin units share their borders. Simplifying each polygon on its own opens gaps and
overlaps along them; shapely's ``coverage_simplify`` keeps them shared but is area-based
(Visvalingam-Whyatt) and can move a thin spike or a small island by far more than its tolerance.
This module does what TopoJSON and mapshaper do: it cuts the coverage into arcs between junctions,
simplifies each arc once with Douglas-Peucker (so no original vertex ends up farther than the
tolerance from the simplified arc), halves the tolerance for arcs that would cross another, and
polygonises the arcs back into faces, each given to the unit it came from. The result has no gaps
and no overlaps by construction.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from shapely import LineString, Polygon

__all__ = ["max_displacement", "simplify_coverage"]

_MAX_HALVINGS = 8


def _split_closed_ring(arc: LineString) -> list[LineString]:
    """Cut a closed arc at its farthest point from the start, so both halves keep their ends."""
    coords = np.asarray(arc.coords)
    if not arc.is_closed or len(coords) < 4:
        return [arc]
    far = int(np.argmax(np.hypot(*(coords - coords[0]).T)))
    return [LineString(coords[: far + 1]), LineString(coords[far:])]


def _simplify_arc(arc: LineString, tolerance: float) -> LineString:
    """Douglas-Peucker with the arc's two ends kept in place."""
    if tolerance <= 0:
        return arc
    return shapely.simplify(arc, tolerance, preserve_topology=False)


def _conflicting(arcs: Sequence[LineString]) -> set[int]:
    """Indices of arcs that cross another arc or themselves, other than at shared end points."""
    tree = shapely.STRtree(arcs)
    left, right = tree.query(arcs, predicate="intersects")
    bad: set[int] = {i for i, arc in enumerate(arcs) if not arc.is_simple}
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i >= j:
            continue
        touching = shapely.intersection(arcs[i], arcs[j])
        ends = shapely.MultiPoint(
            [arcs[i].coords[0], arcs[i].coords[-1], arcs[j].coords[0], arcs[j].coords[-1]]
        )
        if not touching.is_empty and not touching.within(ends):
            bad.update((i, j))
    return bad


def simplify_coverage(polygons: Sequence[shapely.Geometry], tolerance: float) -> list[shapely.Geometry]:
    """Simplify a gap- and overlap-free set of polygons so that they stay so.

    Parameters
    ----------
    polygons
        Polygons or MultiPolygons in a metric CRS that form a valid coverage (shared borders have
        identical vertices, as ``shapely.coverage_is_valid`` checks).
    tolerance
        The Douglas-Peucker tolerance in the CRS's units: no original vertex ends up farther than
        this from the simplified border (except where a crossing forced a smaller tolerance).

    Returns
    -------
    The simplified polygons, in input order.
    """
    linework = shapely.line_merge(shapely.union_all([shapely.boundary(p) for p in polygons]))
    arcs = [half for arc in shapely.get_parts(linework) for half in _split_closed_ring(arc)]
    tolerances = [tolerance] * len(arcs)
    simplified = [_simplify_arc(arc, tolerance) for arc in arcs]
    for _ in range(_MAX_HALVINGS):
        bad = _conflicting(simplified)
        if not bad:
            break
        for i in bad:
            tolerances[i] /= 2
            simplified[i] = _simplify_arc(arcs[i], tolerances[i])
    else:  # still crossing: fall back to the original arcs there
        for i in _conflicting(simplified):
            simplified[i] = arcs[i]

    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(shapely.union_all(simplified))))
    inner_points = shapely.point_on_surface(faces)
    tree = shapely.STRtree(list(polygons))
    owner = np.full(len(faces), -1)
    face_idx, poly_idx = tree.query(inner_points, predicate="within")
    owner[face_idx] = poly_idx
    orphans = np.flatnonzero(owner < 0)
    if len(orphans):
        owner[orphans] = tree.query_nearest(inner_points[orphans], all_matches=False)[1]
    result: list[shapely.Geometry] = []
    for i in range(len(polygons)):
        result.append(shapely.union_all(faces[owner == i]) if np.any(owner == i) else Polygon())
    return result


def max_displacement(original: Sequence[shapely.Geometry], simplified: Sequence[shapely.Geometry]) -> float:
    """The largest Hausdorff distance between an original border and its simplified border.

    Parameters
    ----------
    original, simplified
        Pairs of polygons in one metric CRS.

    Returns
    -------
    The distance in the CRS's units.
    """
    return float(
        max(
            shapely.hausdorff_distance(shapely.boundary(a), shapely.boundary(b))
            for a, b in zip(original, simplified, strict=True)
        )
    )
