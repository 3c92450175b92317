"""The pause after a changed map (cluster_map.ui.map_first): only when the view changed, never first."""

from __future__ import annotations

from typing import Any

from cluster_map.core.filters import FilterSpec
from cluster_map.ui.map_first import MAP_FIRST_PAUSE_S, pause_after_changed_map
from cluster_map.ui.url_state import PageState


def _pauses(views: list[PageState]) -> list[float]:
    state: dict[str, Any] = {}
    slept: list[float] = []
    for view in views:
        pause_after_changed_map(view, state, sleep=slept.append)
    return slept


def test_the_first_map_of_a_session_does_not_pause() -> None:
    assert _pauses([PageState()]) == []


def test_a_rerun_with_the_same_view_does_not_pause() -> None:
    assert _pauses([PageState(), PageState(), PageState(lang="zh")]) == []


def test_a_new_filter_language_or_record_pauses_once_each() -> None:
    energy = PageState(spec=FilterSpec(sectors=("新能源",)))
    views = [
        PageState(),
        energy,
        energy,
        PageState(spec=energy.spec, lang="en"),
        PageState(item="sei-b04-03"),
    ]
    assert _pauses(views) == [MAP_FIRST_PAUSE_S] * 3


def test_it_says_whether_it_paused() -> None:
    state: dict[str, Any] = {}
    energy = PageState(spec=FilterSpec(sectors=("新能源",)))
    assert not pause_after_changed_map(PageState(), state, sleep=lambda _: None)
    assert pause_after_changed_map(energy, state, sleep=lambda _: None)
    assert not pause_after_changed_map(energy, state, sleep=lambda _: None)
