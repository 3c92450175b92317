"""The map of the filtered records: what each layer draws, the base map's system, nothing from outside."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import geopandas as gpd
import pandas as pd
import pytest
from item_tables import rows_frame
from map_records import (
    drawn_record_ids,
    point_features,
    records_table,
    view_state,
)

from cluster_map.core.crs import wgs84_to_gcj02
from cluster_map.web.context import MapContext
from cluster_map.web.map_view import FIT_MAX_ZOOM, HEBEI_BOUNDS, build_map

URL = re.compile(r"https?://[^\s\"'<>\\)]+")


def _render(records: gpd.GeoDataFrame, context: MapContext, **options: object) -> str:
    return build_map(records, context=context, **options).get_root().render()


def test_draws_every_placed_record_once(records: gpd.GeoDataFrame, map_context: MapContext) -> None:
    html = _render(records, map_context)
    assert drawn_record_ids(html) == ["t-1", "t-2", "t-3", "t-4", "t-5", "t-7", "t-8"]  # t-6 has no place


def test_whole_zones_are_areas_not_points(records: gpd.GeoDataFrame, map_context: MapContext) -> None:
    assert list(map_context.catalog.zone_of_records(records)) == [
        "",
        "",
        "",
        "xiongan",
        "shibaolang",
        "",
        "",
        "",
    ]
    html = _render(records, map_context)
    assert {f["properties"]["rid"] for f in point_features(html)} == {"t-1", "t-2", "t-3", "t-7", "t-8"}
    zones = view_state(html)["layers"]["zones"]
    assert "zone." in zones[0]
    assert set(zones[1]) == {"xiongan", "shibaolang"}
    assert "近似" in zones[1]["xiongan"]["tip"]


def test_layer_names_count_what_they_draw(records: gpd.GeoDataFrame, map_context: MapContext) -> None:
    html = _render(records[records["kind"] == "key_project"], map_context, lang="en")
    html = (
        html.replace("\\u003c", "<").replace("\\u003e", ">").replace('\\"', '"')
    )  # the layer control's JSON
    assert 'data-layer="key_projects">Key projects (2)</span>' in html
    assert 'data-layer="industrial_bases">Industrial bases (0)</span>' in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_name_never_reaches_html_raw(
    records: gpd.GeoDataFrame, map_context: MapContext, lang: str
) -> None:
    html = _render(records, map_context, lang=lang)
    assert "<img" not in html
    tips = [f["properties"]["tip"] for f in point_features(html)]
    assert "&lt;img src=x onerror=alert(1)&gt;" in tips


def test_template_syntax_in_data_is_not_evaluated(records: gpd.GeoDataFrame, map_context: MapContext) -> None:
    records.loc[0, "name_zh"] = "{{ 'EVAL' ~ 'UATED' }}{% for i in range(3) %}X{% endfor %}"
    html = _render(records, map_context)
    assert "EVALUATED" not in html and "XXX" not in html
    assert "\\u007b{ \\u0026#x27;EVAL" in html  # braces kept as text, quotes escaped for HTML


def test_offline_map_names_no_outside_host(records: gpd.GeoDataFrame, map_context: MapContext) -> None:
    html = _render(records, map_context, basemap="none")
    assert URL.findall(html) == []
    assert re.findall(r'(?:src|href)="([^"]+)"', html) and all(
        u.startswith("/app/static/") for u in re.findall(r'(?:src|href)="([^"]+)"', html)
    )


@pytest.mark.parametrize(
    ("basemap", "hosts"),
    [
        ("osm", {"tile.openstreetmap.org", "www.openstreetmap.org"}),
        ("positron", {"{s}.basemaps.cartocdn.com", "www.openstreetmap.org", "carto.com"}),
        ("amap", {"webrd0{s}.is.autonavi.com", "www.amap.com"}),
    ],
)
def test_tiles_and_attribution_links_are_the_only_outside_urls(
    records: gpd.GeoDataFrame, map_context: MapContext, basemap: str, hosts: set[str]
) -> None:
    html = _render(records, map_context, basemap=basemap)
    assert all(u.startswith("/app/static/") for u in re.findall(r'(?:src|href)="([^"]+)"', html))
    assert {urlsplit(u).hostname for u in URL.findall(html)} == hosts


def test_amap_shifts_points_and_boundaries_to_gcj02(
    records: gpd.GeoDataFrame, map_context: MapContext
) -> None:
    wgs = {
        f["properties"]["rid"]: f["geometry"]["coordinates"]
        for f in point_features(_render(records, map_context))
    }
    html = _render(records, map_context, basemap="amap")
    gcj = {f["properties"]["rid"]: f["geometry"]["coordinates"] for f in point_features(html)}
    lon, lat = wgs84_to_gcj02(118.44, 39.17)
    assert wgs["t-1"] == [118.44, 39.17]
    assert gcj["t-1"] == pytest.approx([float(lon), float(lat)], abs=1e-6)
    assert "prefecture.gcj02.geojson" in html and "prefecture.wgs84.geojson" not in html


@pytest.mark.parametrize(
    ("sector", "tip"), [(None, "唐山市：2 项"), ("新能源", "唐山市：2 项"), ("生物", "唐山市：0 项")]
)
def test_choropleth_counts_the_filtered_records(
    records: gpd.GeoDataFrame, map_context: MapContext, sector: str | None, tip: str
) -> None:
    html = _render(records, map_context, choropleth_sector=sector)
    choropleth = view_state(html)["layers"]["choropleth"]
    assert "prefecture." in choropleth[0]
    assert choropleth[1]["130200"]["tip"] == tip


def test_english_legend_and_labels(records: gpd.GeoDataFrame, map_context: MapContext) -> None:
    html = _render(records, map_context, lang="en")
    legend = view_state(html)["legend"]
    for text in ("Legend", "Key projects", "New energy", "Prefecture", "National", "Xiong&#x27;an"):
        assert text in legend, text
    assert '"labelField":"name_en"' in html


def test_unknown_basemap(records: gpd.GeoDataFrame, map_context: MapContext) -> None:
    with pytest.raises(ValueError, match="'bing' is not known"):
        build_map(records, context=map_context, basemap="bing")


def test_fits_the_drawn_records_or_the_chosen_units(
    records: gpd.GeoDataFrame, map_context: MapContext
) -> None:
    everything = view_state(_render(records, map_context))
    [[south, west], [north, east]] = everything["fit"]
    assert everything["fitOptions"] == {"maxZoom": FIT_MAX_ZOOM}
    placed = records[records.geometry.notna()]
    assert west <= placed.geometry.x.min() and east >= placed.geometry.x.max()
    [south, west], [north, east] = view_state(_render(records, map_context, fit_units=["130200"]))["fit"]
    assert [west, south, east, north] == pytest.approx(list(map_context.catalog.bounds["130200"]))


def test_empty_view_fits_hebei(records: gpd.GeoDataFrame, map_context: MapContext) -> None:
    assert view_state(_render(records.iloc[0:0], map_context))["fit"] == HEBEI_BOUNDS


def test_focus_item(records: gpd.GeoDataFrame, map_context: MapContext) -> None:
    assert view_state(_render(records, map_context, focus_item="t-1"))["focus"] == "t-1"
    assert view_state(_render(records, map_context))["focus"] == ""


@pytest.mark.parametrize("show", [True, False, None])
def test_choropleth_switch_and_its_legend(
    records: gpd.GeoDataFrame, map_context: MapContext, show: bool | None
) -> None:
    fmap = build_map(records, context=map_context, show_choropleth=show)
    html = fmap.get_root().render()
    layer = next(
        child
        for child in fmap._children.values()
        if getattr(child, "function", "") == "areas"
        and "/prefecture." in child.arguments
        and '"tip"' in child.arguments
    )
    expected = bool(show)  # None: as layers/choropleth.toml says (off)
    assert layer.show is expected
    legend = view_state(html)["legend"]
    assert f'data-choropleth-on="{int(expected)}"' in legend


def _two_place_item_and_an_area() -> gpd.GeoDataFrame:
    """t-9: one robot base at two places (香河, 故城); t-10: a bay over 唐山 and 沧州 (not a zone)."""
    table = records_table()
    extra = pd.DataFrame(
        [
            {**table.iloc[0].to_dict(), "id": "t-9", "kind": "industrial_base", "name_zh": "机器人产业基地",
             "prefecture_code": "131000", "prefecture_zh": "廊坊市", "county_code": "131024", "county_zh": "香河县",
             "place_zh": "香河", "lon": 117.0, "lat": 39.76},
            {**table.iloc[0].to_dict(), "id": "t-9", "kind": "industrial_base", "name_zh": "机器人产业基地",
             "prefecture_code": "131100", "prefecture_zh": "衡水市", "county_code": "131126", "county_zh": "故城县",
             "place_zh": "故城", "lon": 115.97, "lat": 37.35},
            {**table.iloc[0].to_dict(), "id": "t-10", "kind": "development_zone", "name_zh": "渤海湾",
             "prefecture_code": "130200;130900", "prefecture_zh": "唐山市;沧州市", "county_code": "",
             "county_zh": "", "place_zh": "唐山、沧州", "precision": "multi_prefecture", "lon": 117.9, "lat": 38.9},
        ]
    )  # fmt: skip
    return rows_frame(pd.concat([table, extra], ignore_index=True))


def test_an_item_with_two_places_is_two_markers_of_one_item(map_context: MapContext) -> None:
    html = _render(_two_place_item_and_an_area(), map_context, lang="en")
    markers = [f for f in point_features(html) if f["properties"]["rid"] == "t-9"]
    assert len(markers) == 2
    assert {tuple(m["geometry"]["coordinates"]) for m in markers} == {(117.0, 39.76), (115.97, 37.35)}
    for marker in markers:  # each popup lists both places, its own first
        assert marker["properties"]["popup"].count("data-place-no=") == 2
    unescaped = html.replace("\\u003c", "<").replace("\\u003e", ">").replace('\\"', '"')
    assert 'data-layer="industrial_bases">Industrial bases (2)</span>' in unescaped  # t-2 and t-9: items


def test_an_area_over_several_prefectures_is_drawn_as_that_area(map_context: MapContext) -> None:
    html = _render(_two_place_item_and_an_area(), map_context)
    assert "t-10" not in {f["properties"]["rid"] for f in point_features(html)}  # no point inside one member
    areas = view_state(html)["layers"]["areas"]
    assert "prefecture." in areas[0]
    assert areas[1]["130200;130900"]["members"] == ["130200", "130900"]
    assert areas[1]["130200;130900"]["records"] == ["t-10"]
    assert areas[1]["130200;130900"]["tip"] == "唐山市、沧州市"
