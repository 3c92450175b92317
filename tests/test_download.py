"""The download: formats and CRS from the export registry, and a file name that says what was filtered."""

from __future__ import annotations

import pytest

from cluster_map.core.filters import FilterSpec
from cluster_map.ui.download import crs_options, download_file, download_stem, format_options


@pytest.mark.parametrize(
    ("spec", "stem"),
    [
        (FilterSpec(), "hebei_plan_items"),
        (
            FilterSpec(sectors=("新能源",), kinds=("key_project",)),
            "hebei_plan_items_sector-新能源_kind-key_project",
        ),
        (FilterSpec(prefectures=("130100", "130200")), "hebei_plan_items_prefecture-130100+130200"),
        (FilterSpec(search='a/b: "c"'), "hebei_plan_items_q-a-b-c"),
    ],
)
def test_stem_uses_the_url_words(spec: FilterSpec, stem: str) -> None:
    assert download_stem(spec) == stem


def test_stem_names_places_when_given_names() -> None:
    names = {("prefecture", "130200"): "唐山市", ("county", "130203"): "路北区（唐山市）"}
    spec = FilterSpec(prefectures=("130200",), counties=("130203",), search="130200")
    stem = download_stem(spec, label_of=lambda key, value: names.get((key, value), value))
    assert stem == "hebei_plan_items_prefecture-唐山市_county-路北区（唐山市）_q-130200"


def test_stem_is_bounded() -> None:
    assert len(download_stem(FilterSpec(search="x" * 500))) <= 120


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_geojson_in_wgs84_is_offered_first(lang: str) -> None:
    formats = format_options(lang)
    assert next(iter(formats)) == "geojson"
    assert next(iter(crs_options("geojson", lang))) == "4326"


def test_crs_follow_the_format() -> None:
    assert list(crs_options("kml", "en")) == ["4326", "gcj02"]
    with pytest.raises(ValueError, match="'xls'"):
        crs_options("xls", "en")


def test_file_name_and_mime_before_the_bytes() -> None:
    spec = FilterSpec(sectors=("新能源",))
    assert download_file(spec, fmt="geojson", crs="4326") == (
        "hebei_plan_items_sector-新能源_wgs84.geojson",
        "application/geo+json",
    )
    assert download_file(spec, fmt="kml", crs="gcj02")[0].endswith("_gcj02.kml")
