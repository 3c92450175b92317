"""The map of a large dataset in the page: the point layer, filtered in the browser, popups on a pick.

From :data:`~cluster_map.web.point_columns.POINT_LAYER_MIN` placed records on, the page shows
:func:`cluster_map.web.point_map.build_point_map` instead of the marker map. The map is built once
per dataset, language and base map; a filter change sends only the filter (a feature group that
streamlit-folium applies to the map it keeps). The map runs in a fragment, so a click on a point
reruns only the map to send that point's popup, not the whole page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import folium
import numpy as np
import streamlit as st
from streamlit_folium import st_folium

from cluster_map.core.crs import CoordinateSystem, convert
from cluster_map.core.i18n import Lang
from cluster_map.ui.map_events import MAP_RETURNED_OBJECTS, new_map_message
from cluster_map.ui.page_style import MAP_HEIGHT_PX
from cluster_map.ui.shared import brief_boundaries, detailed, map_context, records_and_choices, taxonomy
from cluster_map.web.assets import STATIC_DIR
from cluster_map.web.basemap_specs import BASEMAPS
from cluster_map.web.point_columns import (
    POINT_LAYER_MIN,
    PointColumns,
    browser_filter,
    point_columns,
    write_point_file,
)
from cluster_map.web.point_map import build_point_map, point_popup_html, point_view_group, points_bounds

__all__ = ["point_map_panel", "unit_points", "uses_point_layer"]

POINT_FOLDER = "points"  # under the static folder; the files' names are keyed hashes
_PICK = "_point_pick"
_MAP_KEY = "map"


def uses_point_layer(path: str) -> bool:
    """True when the dataset at ``path`` has enough placed records for the point layer."""
    return _placed_count(path) >= POINT_LAYER_MIN


@st.cache_resource(show_spinner=False)
def _placed_count(path: str) -> int:
    records, _ = records_and_choices(path)
    geometry = records.geometry
    return int((geometry.notna() & ~geometry.is_empty).sum())


@st.cache_resource(show_spinner=False)
def _columns(path: str, system: CoordinateSystem) -> PointColumns:
    records, _ = records_and_choices(path)
    return point_columns(records, taxonomy=taxonomy(), system=system)


@st.cache_resource(show_spinner=False)
def _file_url(path: str, system: CoordinateSystem, url: str) -> str:
    name = write_point_file(_columns(path, system), STATIC_DIR / POINT_FOLDER)
    return f"{url}/{POINT_FOLDER}/{name}"


@st.cache_resource(show_spinner=False)
def unit_points(system: CoordinateSystem) -> dict[str, tuple[float, float]]:
    """A point inside each prefecture and county in the base map's system (where counts are drawn)."""
    points: dict[str, tuple[float, float]] = {}
    for frame in brief_boundaries().values():
        inside = frame.geometry.representative_point()  # inside the unit, unlike a centroid
        x, y = inside.x.to_numpy(float), inside.y.to_numpy(float)
        if system != "wgs84":
            x, y = convert(x, y, source="wgs84", target=system)
        points.update(
            {
                str(code): (round(float(a), 5), round(float(b), 5))
                for code, a, b in zip(frame["adcode"], x, y, strict=True)
            }
        )
    return points


@st.cache_data(show_spinner=False, max_entries=4)
def _point_map(path: str, url: str, lang: Lang, basemap: str, key: str) -> folium.Map:
    system = BASEMAPS[basemap].system
    return build_point_map(
        _columns(path, system),
        context=map_context(url),
        file_url=_file_url(path, system, url),
        unit_points=unit_points(system),
        lang=lang,
        basemap=basemap,
        tianditu_key=key,
    )


def _picked(message: Mapping[str, str], path: str, system: CoordinateSystem, url: str, lang: Lang) -> None:
    """Keep the popup of the point a ``pick`` message names (nothing when the index is not a point)."""
    columns = _columns(path, system)
    index = message.get("index", "")
    if not index.isdigit() or int(index) >= len(columns):
        return
    records, _ = records_and_choices(path)
    row = int(columns.rows[int(index)])
    html = point_popup_html(detailed(path, records.iloc[[row]]), 0, context=map_context(url), lang=lang)
    st.session_state[_PICK] = {"index": index, "html": html, "nonce": message["nonce"], "file": path}


@st.fragment
def point_map_panel(
    path: str,
    url: str,
    kept: np.ndarray,
    *,
    lang: Lang,
    basemap: str,
    key: str,
    fit_units: Sequence[str],
    on_message: Callable[[Mapping[str, str]], None],
) -> None:
    """The point map of the dataset at ``path`` showing the records ``kept`` (a mask over them).

    A ``pick`` message from the map (a click on a point) reruns only this fragment, which sends the
    point's popup; other messages (show only a unit, a profile, the reader) go to ``on_message``.
    """
    system = BASEMAPS[basemap].system
    message = new_map_message(st.session_state.get(_MAP_KEY))
    if message and message.get("action") == "pick":
        _picked(message, path, system, url, lang)
    elif message:
        on_message(message)
    columns = _columns(path, system)
    pick = st.session_state.get(_PICK)
    pick = pick if pick and pick.get("file") == path else None
    group = point_view_group(
        filter_state=browser_filter(columns, kept),
        bounds=points_bounds(columns, kept, context=map_context(url), units=fit_units),
        pick={k: v for k, v in pick.items() if k != "file"} if pick else None,
    )
    st_folium(
        _point_map(path, url, lang, basemap, key),
        height=MAP_HEIGHT_PX,
        use_container_width=True,
        returned_objects=MAP_RETURNED_OBJECTS,
        feature_group_to_add=group,
        key=_MAP_KEY,
    )
