"""Let the browser draw a changed map before the rest of the page follows it.

Streamlit sends a rerun's elements as the script makes them, and the browser renders together what
has arrived. The map goes out first (:func:`cluster_map.ui.map_page.map_page`), but the sidebar's
and the panels' elements used to follow within milliseconds, so the browser rendered them all in
one pass (about 0.1 s of React work on a 2-core machine) before it handed the map its new view.
A short pause after a changed map lets the browser render the map alone and draw the new markers;
the rest of the page follows the pause. ``benchmarks/bench_scale.py --browser`` prints both times.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, MutableMapping
from typing import Any

__all__ = ["MAP_FIRST_PAUSE_S", "pause_after_changed_map"]

MAP_FIRST_PAUSE_S = 0.1
_SENT = "_map_sent_for"


def pause_after_changed_map(
    view: Hashable, state: MutableMapping[Any, Any], *, sleep: Callable[[float], None] = time.sleep
) -> bool:
    """Pause when ``view`` (what the map shows) differs from the one this session sent last.

    The first map of a session does not pause: the browser is still loading the map's frame then.
    Returns whether it paused.
    """
    last = state.get(_SENT)
    state[_SENT] = view
    if last is None or last == view:
        return False
    sleep(MAP_FIRST_PAUSE_S)
    return True
