"""The printable brief: valid HTML, no external URL, every citation, one SVG shape per item place."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from cluster_map.core.boundaries import read_boundaries
from cluster_map.core.catalog import Catalog, load_catalog
from cluster_map.core.errors import UsageError
from cluster_map.core.filters import FilterChoices, FilterSpec
from cluster_map.core.items import read_item_rows
from cluster_map.core.profiles import Profile, build_profile, find_profile_place
from cluster_map.core.taxonomy import Taxonomy, load_taxonomy
from cluster_map.export.brief import brief_html, item_mentions
from cluster_map.export.profile_files import profile_bytes

VOID = {"meta", "br", "img", "hr", "input", "link"}


class Page(HTMLParser):
    """Checks that every element closes in order; collects the text of blockquotes and SVG shapes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.quotes: list[str] = []
        self.circles: list[dict[str, str | None]] = []
        self.item_areas: list[dict[str, str | None]] = []  # item places larger than the place
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "circle":
            self.circles.append(dict(attrs))
        if tag == "path" and dict(attrs).get("class") == "cm-item-area":
            self.item_areas.append(dict(attrs))
        if tag == "blockquote":
            self.quotes.append("")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):  # <path .../>: nothing to close
        if tag == "circle":
            self.circles.append(dict(attrs))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        self.open.pop()

    def handle_data(self, data):
        self.text.append(data)
        if "blockquote" in self.open:
            self.quotes[-1] += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    assert page.problems == [] and page.open == []
    return page


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="module")
def rows():
    return read_item_rows()


@pytest.fixture(scope="module")
def choices(rows, catalog, taxonomy) -> FilterChoices:
    return FilterChoices.build(rows, catalog=catalog, taxonomy=taxonomy)


@pytest.fixture(scope="module")
def boundaries():
    return {layer: read_boundaries(layer, weight="web") for layer in ("prefecture", "county")}


def profile_of(value: str, rows, catalog, choices, spec: FilterSpec | None = None) -> Profile:
    return build_profile(rows, find_profile_place(value, catalog), spec or FilterSpec(), choices=choices)


@pytest.mark.parametrize("value", ["唐山", "正定县", "沿海", "雄安新区"])
def test_the_brief_is_valid_self_contained_html_with_every_citation_and_place(
    value, rows, catalog, taxonomy, choices, boundaries
):
    profile = profile_of(value, rows, catalog, choices)
    html = brief_html(profile, catalog=catalog, taxonomy=taxonomy, boundaries=boundaries)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    page = parse(html)
    assert "http://" not in html and "https://" not in html and "url(" not in html
    assert "<script" not in html and "src=" not in html
    said = item_mentions(profile.rows)
    assert set(said) == set(profile.items["id"]) and profile.item_count > 0
    text = "".join(page.text)
    for item, mentions in said.items():
        assert mentions, item
        for mention in mentions:
            assert mention.section in text
            assert mention.sentence in page.quotes
    placed = profile.rows[~(profile.rows.geometry.isna() | profile.rows.geometry.is_empty)]
    assert len(page.circles) + len(page.item_areas) == len(placed) > 0  # a shape per item place
    assert all(str(c["fill"]).startswith("#") for c in page.circles)


def test_the_named_span_is_marked(rows, catalog, taxonomy, choices, boundaries):
    profile = profile_of("正定县", rows, catalog, choices)
    html = brief_html(profile, catalog=catalog, taxonomy=taxonomy, boundaries=boundaries)
    mention = item_mentions(profile.rows)[profile.items["id"].iloc[0]][0]
    assert f"<mark>{mention.text.split('…')[0]}</mark>" in html


def test_english_labels_and_the_filter_it_follows(rows, catalog, taxonomy, choices, boundaries):
    spec = FilterSpec(sectors=("高端装备",), search="基地")
    profile = profile_of("唐山", rows, catalog, choices, spec)
    html = brief_html(profile, catalog=catalog, taxonomy=taxonomy, boundaries=boundaries, lang="en")
    parse(html)
    assert '<html lang="en">' in html and "Tangshan: what the plans put here" in html
    assert "The counts follow the filter: Sector: High-end equipment; " in html and "基地" in html
    assert "Industrial base" in html or "industrial base" in html.lower()


def test_without_a_boundary_layer_the_error_says_what_to_pass(rows, catalog, taxonomy, choices, boundaries):
    profile = profile_of("唐山", rows, catalog, choices)
    with pytest.raises(UsageError, match="'county' boundary layer"):
        brief_html(
            profile, catalog=catalog, taxonomy=taxonomy, boundaries={"prefecture": boundaries["prefecture"]}
        )


def test_profile_bytes_refuses_an_unknown_format(rows, catalog, taxonomy, choices):
    profile = profile_of("唐山", rows, catalog, choices)
    with pytest.raises(UsageError, match="'pdf'"):
        profile_bytes(profile, fmt="pdf", catalog=catalog, taxonomy=taxonomy, boundaries={})
