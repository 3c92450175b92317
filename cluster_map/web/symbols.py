"""Point symbols as inline SVG: shape by layer, colour by sector, fill by precision, outline by level.

The same SVG goes into the map's markers and into the legend, so the two cannot disagree.
Precision: a county-level place is drawn solid, a prefecture pale, several prefectures paler still
(the point is the representative point of the named unit, never a site). Level: national items have
a thick black outline, provincial ones a dashed black outline, items without a level a thin one.
"""

from __future__ import annotations

import math
import re

from cluster_map.core.errors import UsageError

__all__ = ["LEVEL_STROKES", "PRECISION_FILL", "SHAPES", "marker_svg"]

ICON_SIZE = 18
_VIEW = 20.0
_R = 8.0  # outer radius in the 20 x 20 view box
_HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")

#: Precision -> fill opacity.
PRECISION_FILL: dict[str, float] = {
    "county": 1.0,
    "prefecture": 0.4,
    "multi_prefecture": 0.15,
    "province": 0.15,
}
#: Level -> (stroke colour, stroke width, dash pattern); "" is "no level given".
LEVEL_STROKES: dict[str, tuple[str, float, str]] = {
    "国家级": ("#000", 2.6, ""),
    "省级": ("#000", 1.4, "2.5 1.5"),
    "": ("#333", 0.9, ""),
}


def _polygon(corners: int, *, inner: float | None = None, rotation: float = -90.0) -> str:
    """Points of a regular polygon (or a star when ``inner`` radius is given) around the centre."""
    vertices = corners * (2 if inner else 1)
    points = []
    for i in range(vertices):
        radius = inner if inner and i % 2 else _R
        angle = math.radians(rotation + 360.0 * i / vertices)
        points.append(f"{10 + radius * math.cos(angle):.2f},{10 + radius * math.sin(angle):.2f}")
    return " ".join(points)


#: Shape name -> the SVG element that draws it (style attributes are added by :func:`marker_svg`).
SHAPES: dict[str, str] = {
    "circle": '<circle cx="10" cy="10" r="7.5"',
    "square": '<rect x="3" y="3" width="14" height="14"',
    "diamond": f'<polygon points="{_polygon(4)}"',
    "triangle": f'<polygon points="{_polygon(3)}"',
    "star": f'<polygon points="{_polygon(5, inner=3.6)}"',
    "hexagon": f'<polygon points="{_polygon(6, rotation=0.0)}"',
    "pentagon": f'<polygon points="{_polygon(5)}"',
}


def marker_svg(
    *, shape: str, color: str, precision: str = "county", level: str = "", size: int = ICON_SIZE
) -> str:
    """An inline SVG symbol.

    Parameters
    ----------
    shape
        A key of :data:`SHAPES`.
    color
        Fill and outline colour (a CSS colour from the taxonomy, such as ``#1f77b4``).
    precision
        A key of :data:`PRECISION_FILL`.
    level
        ``"国家级"``, ``"省级"`` or ``""``.
    size
        Width and height in pixels.

    Returns
    -------
    The ``<svg>`` element as text.
    """
    if shape not in SHAPES:
        raise UsageError(f"shape {shape!r} is not known; use one of {sorted(SHAPES)}")
    if not _HEX_COLOR.fullmatch(color):
        raise UsageError(f"color {color!r} is not a hex colour such as '#1f77b4'")
    opacity = PRECISION_FILL.get(precision, 1.0)
    stroke, width, dash = LEVEL_STROKES.get(level, LEVEL_STROKES[""])
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg width="{size}" height="{size}" viewBox="0 0 {_VIEW:g} {_VIEW:g}">'
        f'{SHAPES[shape]} fill="{color}" fill-opacity="{opacity:g}" stroke="{stroke}" '
        f'stroke-width="{width:g}"{dash_attr}/></svg>'
    )
