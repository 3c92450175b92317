"""A heat scale for count tables: the cell's colour grows with its count (our own two-colour ramp)."""

from __future__ import annotations

import pandas as pd

__all__ = ["heat_color", "heat_styles"]

_LOW = (255, 245, 235)  # a zero-adjacent count: near white
_HIGH = (179, 0, 0)  # the largest count: dark red
_TOTAL_STYLE = "background-color: #eef0f4; font-weight: 600"
_ZERO_STYLE = "color: #b0b0b0"


def heat_color(count: float, largest: float) -> str:
    """``#rrggbb`` for ``count`` on a ramp from near white (1) to dark red (``largest``)."""
    share = 0.0 if largest <= 1 else max(0.0, min(1.0, (count - 1) / (largest - 1)))
    r, g, b = (round(lo + (hi - lo) * share) for lo, hi in zip(_LOW, _HIGH, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def heat_styles(table: pd.DataFrame) -> pd.DataFrame:
    """CSS per cell of a count table whose last row and last column are totals (Styler.apply, axis=None).

    Body cells get the heat colour (white text on the darker half); zeros are greyed; totals are plain.
    """
    body = table.iloc[:-1, :-1].apply(pd.to_numeric, errors="coerce").fillna(0)
    largest = float(body.to_numpy().max()) if body.size else 0.0
    styles = pd.DataFrame(_TOTAL_STYLE, index=table.index, columns=table.columns)
    for r in range(len(body)):
        for c in range(len(body.columns)):
            count = float(body.iat[r, c])
            if count <= 0:
                styles.iat[r, c] = _ZERO_STYLE
                continue
            text = "#ffffff" if largest > 1 and (count - 1) / (largest - 1) > 0.5 else "#1a1a1a"
            styles.iat[r, c] = f"background-color: {heat_color(count, largest)}; color: {text}"
    return styles
