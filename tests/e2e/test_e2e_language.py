"""The English switch: page, sidebar, map layers and popups change language, and the link says so."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from mapapp import Expected, MapApp, poll

from cluster_map.i18n import Lang, t

pytestmark = pytest.mark.e2e


def layer_names(app: MapApp) -> list[str]:
    """The layer control's entries without their counts ("Key projects (12)" -> "Key projects")."""
    texts = app.map.locator(".leaflet-control-layers .cm-layer-name").all_inner_texts()
    return [re.sub(r"\s*\(\d+\)$", "", text) for text in texts]


def assert_language(app: MapApp, expected: Expected, lang: Lang) -> None:
    app.page.get_by_role("heading", name=t("title", lang)).wait_for()
    for field in ("sector", "kind", "prefecture", "search"):
        role = "textbox" if field == "search" else "combobox"
        app.sidebar.get_by_role(role, name=t(field, lang), exact=True).wait_for()
    want = [spec.name[lang] for spec in expected.specs]
    assert poll(lambda: layer_names(app), lambda names: names == want) == want
    app.wait_drawn(expected.drawn({}))
    popup = app.open_first_marker_popup()
    assert popup.locator('tr[data-field="kind"] th').inner_text() == t("field_kind", lang)


def test_english_switch_changes_the_labels(app: MapApp, expected: Expected) -> None:
    app.open()
    assert_language(app, expected, "zh")
    app.switch_language()
    assert_language(app, expected, "en")
    assert app.sidebar.get_by_role("combobox", name=t("sector", "zh"), exact=True).count() == 0
    assert parse_qs(urlsplit(app.page.url).query).get("lang") == ["en"]
