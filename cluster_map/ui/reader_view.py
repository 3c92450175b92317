"""The plan reader's text on the page: a Streamlit ``components.v2`` component (our reader.js and
reader.css, package data) that shows a plan's highlighted HTML, scrolls to a target and reports a
click on "show on the map" or "cite" for a highlighted item."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import streamlit as st

__all__ = ["ReaderClick", "plan_reader"]


@dataclass(frozen=True)
class ReaderClick:
    """What the reader reports after a run: an item to show on the map, or a span to cite."""

    open_item: str = ""
    cite: str = ""  # "<item id>@<start>-<end>"


def _asset(name: str) -> str:
    return (resources.files("cluster_map.web") / "static" / name).read_text(encoding="utf-8")


@functools.cache
def _component() -> Any:
    return st.components.v2.component(
        "cluster_map_plan_reader", js=_asset("reader.js"), css=_asset("reader.css"), isolate_styles=False
    )


def _ignore() -> None:
    """Trigger callbacks: the values are read from the component's result."""


def plan_reader(data: dict[str, Any], *, key: str) -> ReaderClick:
    """Mount the reader with ``data`` (see reader.js) and return this run's click, if any."""
    result = _component()(data=data, key=key, on_open_item_change=_ignore, on_cite_change=_ignore)
    return ReaderClick(
        open_item=str(getattr(result, "open_item", "") or ""), cite=str(getattr(result, "cite", "") or "")
    )
