"""Streamlit entry point (thin): the map of Hebei's 14th five-year plans, the plan reader, my data.

Run with ``streamlit run app.py``. Two pages share the language and the filters through the URL:
the map (``/``, :mod:`cluster_map.ui.map_page`) and the plan reader (``/reader``,
:mod:`cluster_map.ui.reader_page`); a third (``/own``, :mod:`cluster_map.ui.own_page`) joins the
user's own list of enterprises or projects to the plan's places and sectors. ``CLUSTER_MAP_ITEMS`` (environment) points the app at another
folder of plan items (items.csv, places.csv, mentions.csv; geodata/items/README.md).
"""

from __future__ import annotations

import streamlit as st

from cluster_map.ui.page_style import apply_page_style
from cluster_map.ui.pages import app_pages

st.set_page_config(page_title="河北省“十四五”产业布局地图", layout="wide")
apply_page_style()
st.navigation(app_pages()).run()
