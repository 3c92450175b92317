"""Point symbols: one SVG per shape, colour, precision and level."""

from __future__ import annotations

import re

import pytest

from cluster_map.web.symbols import SHAPES, marker_svg


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_each_shape_is_one_svg_element(shape: str) -> None:
    svg = marker_svg(shape=shape, color="#1f77b4")
    assert svg.startswith('<svg width="18" height="18"') and svg.endswith("/></svg>")
    assert 'fill="#1f77b4"' in svg
    assert "http" not in svg  # inline SVG needs no namespace URL


@pytest.mark.parametrize(
    ("precision", "opacity"), [("county", "1"), ("prefecture", "0.4"), ("multi_prefecture", "0.15")]
)
def test_precision_is_the_fill(precision: str, opacity: str) -> None:
    assert f'fill-opacity="{opacity}"' in marker_svg(shape="circle", color="#000", precision=precision)


@pytest.mark.parametrize(
    ("level", "width", "dashed"), [("国家级", "2.6", False), ("省级", "1.4", True), ("", "0.9", False)]
)
def test_level_is_the_outline(level: str, width: str, dashed: bool) -> None:
    svg = marker_svg(shape="star", color="#000", level=level)
    assert re.search(f'stroke-width="{width}"', svg)
    assert ("stroke-dasharray" in svg) is dashed


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"shape": "blob"}, "shape 'blob'"), ({"color": 'red" onload="'}, "not a hex colour")],
)
def test_bad_input_is_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        marker_svg(**{"shape": "circle", "color": "#000", **kwargs})
