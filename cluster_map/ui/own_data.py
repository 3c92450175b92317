"""A session's own data: the uploaded table and its join, held in this session's state only.

Nothing here goes through ``st.cache_data`` (shared by every session): the uploaded table, the
settings and the joined rows live in ``st.session_state`` and vanish with the session. Only our own
reference data (counties, gazetteer, keywords) is cached for all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from cluster_map.own.addresses import AddressGazetteer, load_address_gazetteer
from cluster_map.own.join import JoinOptions, JoinResult, Progress, join_own
from cluster_map.own.read import OwnTable, read_own_bytes
from cluster_map.own.sectors import load_keywords
from cluster_map.own.units import UnitIndex, load_unit_index

__all__ = [
    "OwnSession",
    "clear_own",
    "gazetteer",
    "joined",
    "keywords",
    "own_session",
    "read_upload",
    "units",
]

_STATE = "own_data"


@st.cache_resource(show_spinner=False)
def units() -> UnitIndex:
    """The counties (full weight) and zones, shared: our data, not the user's."""
    return load_unit_index()


@st.cache_resource(show_spinner=False)
def gazetteer() -> AddressGazetteer:
    """The address gazetteer, shared."""
    return load_address_gazetteer()


@st.cache_resource(show_spinner=False)
def keywords() -> dict[str, tuple[str, ...]]:
    """The sector keywords, shared."""
    return load_keywords()


@dataclass
class OwnSession:
    """This session's upload and its last join (``options`` is what the join was made with)."""

    file_id: str
    table: OwnTable
    options: JoinOptions | None = None
    result: JoinResult | None = None
    views: dict[tuple[object, ...], Any] = field(default_factory=dict)  # this join's columns, map, last pick


def own_session() -> OwnSession | None:
    """This session's own data, if it uploaded any."""
    held: Any = st.session_state.get(_STATE)
    return held if isinstance(held, OwnSession) else None


def clear_own() -> None:
    """Forget this session's own data."""
    st.session_state.pop(_STATE, None)


def read_upload(file_id: str, name: str, data: bytes) -> OwnSession:
    """The session's table for an upload (read once per upload; raises OwnFileError)."""
    held = own_session()
    if held is not None and held.file_id == file_id:
        return held
    clear_own()
    held = OwnSession(file_id, read_own_bytes(data, name=name))
    st.session_state[_STATE] = held
    return held


def joined(session: OwnSession, options: JoinOptions, progress: Progress) -> JoinResult:
    """The join of the session's table with ``options`` (joined again only when they change)."""
    if session.result is None or session.options != options:
        session.result = join_own(
            session.table, options, units=units(), gazetteer=gazetteer(), progress=progress
        )
        session.options = options
        session.views.clear()
    return session.result
