"""The page's own CSS: a map as tall as the window allows, on a phone and on a large screen."""

from __future__ import annotations

import streamlit as st

__all__ = ["MAP_HEIGHT_PX", "apply_page_style"]

MAP_HEIGHT_PX = 640  # what st_folium is told; the CSS below makes the frame follow the window

#: The map's frame (an iframe streamlit-folium sizes to a fixed height) follows the window's height:
#: at least 380 px, the window less the title above it, at most 1100 px; on a phone it stays shorter
#: than the window. Inside the frame the map fills it (cluster_map.css).
_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 4.25rem; }  /* below Streamlit's 60 px header */
[data-testid="stMainBlockContainer"] h1 { font-size: 1.75rem; padding-top: 0; }
iframe[title="streamlit_folium.st_folium"] {
  height: clamp(380px, calc(100vh - 280px), 1100px) !important;
}
@media (max-width: 1200px) {
  [data-testid="stMainBlockContainer"] h1 { font-size: 1.45rem; }
}
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 4rem; }
  [data-testid="stMainBlockContainer"] h1 { font-size: 1.25rem; }
  /* shorter than the window: a finger beside or below the map still scrolls the page */
  iframe[title="streamlit_folium.st_folium"] { height: clamp(320px, calc(100vh - 250px), 800px) !important; }
}
</style>
"""


def apply_page_style() -> None:
    """Add the page's CSS (static text, no data in it)."""
    st.html(_CSS)
