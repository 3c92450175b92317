"""Running app.py in Streamlit's AppTest on the test items, and finding what a person would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from map_records import write_records_csv
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "app.py"
RunApp = Callable[..., AppTest]


def app_runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> RunApp:
    """A function that runs app.py on the test items with the given URL query parameters."""
    monkeypatch.setenv("CLUSTER_MAP_ITEMS", str(write_records_csv(tmp_path / "items")))
    monkeypatch.delenv("TIANDITU_KEY", raising=False)

    def run(**query: str | list[str]) -> AppTest:
        app = AppTest.from_file(str(APP), default_timeout=60)
        for key, value in query.items():
            app.query_params[key] = value
        app.run()
        assert not app.exception, app.exception
        return app

    return run


def widget(app: AppTest, kind: str, label: str):
    """The sidebar widget of ``kind`` (multiselect, selectbox, text_input) labelled ``label``.

    Held widgets are keyed by a digest of their labels (cluster_map.ui.widgets), so tests find
    them as a person does: by their label.
    """
    found = [w for w in getattr(app, kind) if w.label == label]
    assert len(found) == 1, f"{len(found)} {kind} labelled {label!r}"
    return found[0]


def dialog_titles(app: AppTest) -> list[str]:
    """The titles of the dialogs the run opened (AppTest has no accessor for dialogs)."""
    found: list[str] = []

    def walk(node: object) -> None:
        for child in getattr(node, "children", {}).values():
            proto = getattr(child, "proto", None)
            if type(proto).__name__ == "Block" and proto.WhichOneof("type") == "dialog":
                found.append(proto.dialog.title)
            walk(child)

    walk(app._tree)
    return found
