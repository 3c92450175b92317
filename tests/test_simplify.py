"""build/simplify: a coverage simplified by shared arcs stays a coverage, within its tolerance."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely import LineString, Polygon

from cluster_map.build.simplify import _conflicting, _split_closed_ring, max_displacement, simplify_coverage

WIGGLE = 0.05  # the shared border's zig-zag, well under the tolerance below
TOLERANCE = 0.5


def _wavy_halves() -> list[Polygon]:
    """Two unit squares side by side whose shared border x = 1 zig-zags by WIGGLE (101 vertices)."""
    ys = np.linspace(0.0, 1.0, 101)
    border = [(1.0 + WIGGLE * (i % 2), y) for i, y in enumerate(ys)]
    left = Polygon([(0.0, 0.0), *border, (0.0, 1.0)])
    right = Polygon([(2.0, 0.0), (2.0, 1.0), *reversed(border)])
    return [left, right]


def _finger() -> list[Polygon]:
    """A 10 x 10 square with a 2 x 9 finger cut in from its bottom edge, and the finger itself."""
    finger = Polygon([(4, 0), (6, 0), (6, 9), (4, 9)])
    outer = Polygon([(0, 0), (10, 0), (10, 10), (0, 10)]).difference(finger)
    return [shapely.normalize(outer), finger]


def _vertices(polygons: list[shapely.Geometry]) -> int:
    return int(shapely.get_num_coordinates(polygons).sum())


def test_shared_border_is_simplified_once_and_stays_shared():
    original = _wavy_halves()
    simple = simplify_coverage(original, TOLERANCE)
    assert shapely.coverage_is_valid(np.array(simple, dtype=object))
    union = shapely.union_all(simple)
    assert union.equals(shapely.union_all(original))  # no gap, nothing lost at the outline
    assert sum(p.area for p in simple) == pytest.approx(union.area)  # no overlap
    assert _vertices(simple) < _vertices(original) / 10


def test_no_vertex_moves_farther_than_the_tolerance():
    original = _wavy_halves()
    simple = simplify_coverage(original, TOLERANCE)
    assert 0 < max_displacement(original, simple) <= TOLERANCE


def test_results_keep_the_input_order():
    original = _wavy_halves()[::-1]
    simple = simplify_coverage(original, TOLERANCE)
    for before, after in zip(original, simple, strict=True):
        assert shapely.intersection(before, after).area > 0.95 * before.area


def test_zero_tolerance_keeps_every_vertex():
    original = _wavy_halves()
    simple = simplify_coverage(original, 0.0)
    assert all(shapely.equals(a, b) for a, b in zip(original, simple, strict=True))
    assert max_displacement(original, simple) == 0.0


def test_an_arc_that_would_cross_another_gets_a_smaller_tolerance():
    # At 20 (and 10) the finger's border, 9 high, would collapse onto the finger's own bottom edge and
    # the finger would vanish; at 5 (two halvings) it keeps its tip, as a triangle.
    original = _finger()
    simple = simplify_coverage(original, 20.0)
    assert shapely.coverage_is_valid(np.array(simple, dtype=object))
    assert simple[1].area == pytest.approx(9.0)
    assert max_displacement(original, simple) <= 5.0


def test_split_closed_ring_cuts_at_the_farthest_point():
    ring = LineString([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)])
    first, second = _split_closed_ring(ring)
    assert first.coords[-1] == second.coords[0] == (1.0, 1.0)
    assert first.coords[0] == second.coords[-1] == (0.0, 0.0)
    open_arc = LineString([(0, 0), (1, 1)])
    assert _split_closed_ring(open_arc) == [open_arc]


@pytest.mark.parametrize(
    "arcs, expected",
    [
        ([LineString([(0, 0), (1, 1)]), LineString([(1, 1), (2, 0)])], set()),  # meet at their ends
        ([LineString([(0, 0), (2, 2)]), LineString([(0, 2), (2, 0)])], {0, 1}),  # cross in the middle
        ([LineString([(0, 0), (2, 2), (2, 0), (0, 2)])], {0}),  # crosses itself
    ],
    ids=["touching", "crossing", "self-crossing"],
)
def test_conflicting_arcs(arcs, expected):
    assert _conflicting(arcs) == expected
