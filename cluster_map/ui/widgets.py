"""Sidebar widgets that hold their values, whatever happens to their labels.

Streamlit (1.67) sends a select box's or multiselect's *displayed labels* back as its value. When
the labels change between two runs (a live count "唐山市 (27)" becoming "唐山市 (10)", or the
language switch), the old labels no longer match an option and the selection is silently lost.

So the value lives in our own session-state slot (``state_key``), never in the widget: the widget
is keyed by a digest of its labels and created with that value as its default, and its change
callback copies the new value back. A label change makes a new widget that starts from the held
value; nothing is lost. ``bump_generation`` forces fresh widgets (used by "clear filters").
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

__all__ = [
    "bump_generation",
    "generation",
    "held_multiselect",
    "held_selectbox",
    "held_text_input",
    "held_value",
]

_GENERATION = "_widget_generation"


def held_value(state_key: str, default: Any = None) -> Any:
    """The value held for ``state_key`` (``default`` before anything was held)."""
    return st.session_state.get(state_key, default)


def bump_generation() -> None:
    """Make every held widget a new one on the next run (its value then comes from the held state)."""
    st.session_state[_GENERATION] = st.session_state.get(_GENERATION, 0) + 1


def generation() -> int:
    """How many times the held widgets were renewed (part of the key of widgets that must reset too)."""
    return int(st.session_state.get(_GENERATION, 0))


def _widget_key(state_key: str, labels: Sequence[str]) -> str:
    generation = st.session_state.get(_GENERATION, 0)
    digest = hashlib.sha1("\x1f".join(labels).encode("utf-8")).hexdigest()[:12]
    return f"{state_key}__{generation}_{digest}"


def _copy_back(state_key: str, widget_key: str, convert: Callable[[Any], Any]) -> Callable[[], None]:
    def on_change() -> None:
        st.session_state[state_key] = convert(st.session_state[widget_key])

    return on_change


def held_multiselect(
    label: str,
    options: Sequence[str],
    *,
    state_key: str,
    format_func: Callable[[str], str],
    placeholder: str,
    max_selections: int | None = None,
) -> tuple[str, ...]:
    """A multiselect whose selection is kept in ``st.session_state[state_key]`` (a tuple of options).

    Values held but no longer among ``options`` stay held (and come back with their option).
    Returns the held selection.
    """
    held = tuple(held_value(state_key, ()))
    labels = [format_func(option) for option in options]
    key = _widget_key(state_key, [label, *labels])
    st.multiselect(
        label,
        list(options),
        default=[value for value in held if value in options],
        key=key,
        format_func=format_func,
        placeholder=placeholder,
        max_selections=max_selections,
        on_change=_copy_back(state_key, key, tuple),
        select_all=False,
    )
    return tuple(held_value(state_key, ()))


def held_choice(state_key: str, options: Sequence[str]) -> str:
    """The choice held for ``state_key`` among ``options``; the first option (held from now on) when
    none is held or the held one is not among them. The select box of :func:`held_selectbox` shows it."""
    held = held_value(state_key)
    if held not in options:
        held = options[0]
        st.session_state[state_key] = held
    return str(held)


def held_selectbox(
    label: str,
    options: Sequence[str],
    *,
    state_key: str,
    format_func: Callable[[str], str],
) -> str:
    """A select box whose choice is kept in ``st.session_state[state_key]``; returns the held choice.

    A held value that is not among ``options`` (or none held) falls back to the first option.
    """
    held = held_choice(state_key, options)
    labels = [format_func(option) for option in options]
    key = _widget_key(state_key, [label, *labels])
    st.selectbox(
        label,
        list(options),
        index=list(options).index(held),
        key=key,
        format_func=format_func,
        on_change=_copy_back(state_key, key, str),
    )
    return str(held_value(state_key))


def held_text_input(label: str, *, state_key: str) -> str:
    """A text box whose text is kept in ``st.session_state[state_key]``; returns the held text."""
    held = str(held_value(state_key, ""))
    key = _widget_key(state_key, [label])
    st.text_input(label, value=held, key=key, on_change=_copy_back(state_key, key, str))
    return str(held_value(state_key, ""))
