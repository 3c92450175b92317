"""Messages from the map to the page (a click on "show only 唐山市"), through streamlit-folium.

The map's runtime (``ClusterMap.send`` in static/cluster_map.js) writes one JSON message with a
nonce into the component's ``selected_tags`` slot, the only object the app asks st_folium to return;
panning and zooming therefore never rerun the app. A message is acted on once: its nonce is kept.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import streamlit as st

__all__ = ["MAP_RETURNED_OBJECTS", "new_map_message", "parse_map_message"]

MAP_RETURNED_OBJECTS = ["selected_tags"]
_SEEN = "_map_message_nonce"


def parse_map_message(value: Mapping[str, Any] | None) -> dict[str, str] | None:
    """The message in st_folium's return value, or None when there is none or it is malformed."""
    tags = (value or {}).get("selected_tags")
    if not isinstance(tags, list) or len(tags) != 1 or not isinstance(tags[0], str):
        return None
    try:
        message = json.loads(tags[0])
    except ValueError:
        return None
    if not isinstance(message, dict) or not all(isinstance(v, str) for v in message.values()):
        return None
    return message if message.get("nonce") and message.get("action") else None


def new_map_message(value: Mapping[str, Any] | None) -> dict[str, str] | None:
    """The map's message if this session has not acted on it yet (then it is marked as seen)."""
    message = parse_map_message(value)
    if message is None or st.session_state.get(_SEEN) == message["nonce"]:
        return None
    st.session_state[_SEEN] = message["nonce"]
    return message
