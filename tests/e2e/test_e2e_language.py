"""The English switch: page, sidebar, map layers and popups change language, and the link says so."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from mapapp import Expected, MapApp, label_key, poll

from cluster_map.core.i18n import Lang, t
from cluster_map.core.items import split_multi
from cluster_map.ui.download import crs_options, format_options

pytestmark = pytest.mark.e2e


def layer_names(app: MapApp) -> list[str]:
    """The layer control's entries without their counts ("Key projects (12)" -> "Key projects")."""
    texts = app.map.locator(".leaflet-control-layers .cm-layer-name").all_inner_texts()
    return [re.sub(r"\s*\(\d+\)$", "", text) for text in texts]


def assert_language(app: MapApp, expected: Expected, lang: Lang) -> None:
    app.page.get_by_role("heading", name=t("title", lang)).wait_for()
    for field in ("sector", "kind", "prefecture", "q"):
        role = "textbox" if field == "q" else "combobox"
        app.sidebar.get_by_role(role, name=t(label_key(field), lang), exact=True).wait_for()
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
    assert app.sidebar.get_by_role("combobox", name=t(label_key("sector"), "zh"), exact=True).count() == 0
    assert parse_qs(urlsplit(app.page.url).query).get("lang") == ["en"]


FILTER_KEYS = ("sector", "subsector", "kind", "level", "prefecture", "county", "zone", "doc")


def one_record_queries(expected: Expected) -> list[dict[str, str]]:
    """For each record with every field set: one value per filter key, all its own (together they keep it)."""
    queries = []
    for _, record in expected.records.iterrows():
        prefectures, counties = split_multi(record["prefecture_code"]), split_multi(record["county_code"])
        if not (record["subsector"] and record["level"] and counties):
            continue
        units = {*prefectures, *counties}
        zones = [zone.id for zone in expected.catalog.zones if units & set(zone.members)]
        if zones:
            values = (record["sector"], record["subsector"], record["kind"], record["level"])
            query = dict(zip(FILTER_KEYS[:4], values, strict=True))
            query.update(
                prefecture=prefectures[0],
                county=counties[0],
                zone=zones[0],
                doc=split_multi(record["source_doc"])[0],
            )
            queries.append({**query, "q": str(record["name_zh"])[:2]})
    return queries


def assert_page_holds(app: MapApp, expected: Expected, query: dict[str, str], view: dict[str, str]) -> None:
    """The URL, the chips, the select boxes, the kept line and the file name all say ``query`` and ``view``."""
    app.page.get_by_role("heading", name=t("title", app.lang)).wait_for()
    assert app.page.get_by_test_id("stException").count() == 0
    in_url = {
        "basemap": view["basemap"] if view["basemap"] != "none" else "",
        "choropleth": view["choropleth"],
    }
    in_url |= {"lang": "en" if app.lang == "en" else ""}
    want_url = {key: [value] for key, value in {**query, **in_url}.items() if value}
    assert parse_qs(urlsplit(app.page.url).query) == want_url
    for key in FILTER_KEYS:
        assert [re.sub(r" \(\d+\)$", "", chip) for chip in app.chosen(key)] == [
            expected.label(key, query[key], app.lang)
        ], key
    search = app.sidebar.get_by_role("textbox", name=t(label_key("q"), app.lang), exact=True)
    assert search.input_value() == query["q"]
    assert app.shown("basemap") == t(f"basemap_{view['basemap']}", app.lang)
    assert app.shown("choropleth_sector") == expected.label("choropleth", view["choropleth"], app.lang)
    assert app.shown("format") == format_options(app.lang)[view["fmt"]]
    assert app.shown("crs") == crs_options(view["fmt"], app.lang)[view["crs"]]
    want = expected.kept_line(query, app.lang)
    assert poll(app.kept_line, lambda line: line == want) == want


def set_every_widget(app: MapApp, expected: Expected, query: dict[str, str], view: dict[str, str]) -> None:
    """Work every sidebar and download widget as a person does, by the labels shown in the page's language."""
    for key in FILTER_KEYS:
        app.choose(key, expected.label(key, query[key], app.lang))
    app.search(query["q"])
    app.select_box("basemap", t(f"basemap_{view['basemap']}", app.lang))
    app.select_box("choropleth_sector", expected.label("choropleth", view["choropleth"], app.lang))
    app.select_box("format", format_options(app.lang)[view["fmt"]])
    app.select_box("crs", crs_options(view["fmt"], app.lang)[view["crs"]])


def test_every_widget_holds_through_three_language_switches(app: MapApp, expected: Expected) -> None:
    """Issue 16, fault 1: widgets hold values, not labels, whatever the language does to the labels."""
    queries = one_record_queries(expected)
    first, second = queries[0], next(q for q in queries[1:] if q["prefecture"] != queries[0]["prefecture"])
    app.open()
    view = {"basemap": "osm", "choropleth": "all", "fmt": "csv", "crs": "gcj02"}
    set_every_widget(app, expected, first, view)
    assert_page_holds(app, expected, first, view)
    for lang in ("en", "zh", "en"):
        app.switch_language()
        assert app.lang == lang
        assert_page_holds(app, expected, first, view)
    app.clear_filters()  # now every widget again, in English
    view = {"basemap": "none", "choropleth": second["sector"], "fmt": "gpkg", "crs": "4490"}
    set_every_widget(app, expected, second, view)
    assert_page_holds(app, expected, second, view)
    app.switch_language()
    assert_page_holds(app, expected, second, view)
