"""Streamlit entry point: the map of Hebei's 14th five-year plans (thin; the logic is in cluster_map)."""

import folium
import streamlit as st
from streamlit_folium import st_folium

from cluster_map.boundaries import read_boundaries

st.set_page_config(page_title="河北省“十四五”产业布局地图", layout="wide")
st.title("河北省“十四五”产业布局地图")


@st.cache_resource
def _prefectures_geojson() -> str:
    return read_boundaries("prefecture", weight="web").to_json()


fmap = folium.Map(location=[39.3, 116.3], zoom_start=7, tiles=None)
folium.GeoJson(_prefectures_geojson(), name="prefectures").add_to(fmap)
st_folium(fmap, height=650, use_container_width=True, returned_objects=[])
