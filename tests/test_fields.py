"""The filter-field registry: sound as committed, and one entry is all a new filter needs."""

from __future__ import annotations

import argparse

import pytest
from map_records import records_frame

from cluster_map import cli
from cluster_map.core.catalog import Catalog
from cluster_map.core.errors import UsageError
from cluster_map.core.facets import facet_counts
from cluster_map.core.fields import FILTER_FIELDS, QUERY_KEYS, FilterField, query_keys, registry_problems
from cluster_map.core.filters import (
    FilterChoices,
    FilterSpec,
    QueryProblem,
    apply_filters,
    spec_from_query,
    spec_to_query,
)
from cluster_map.core.i18n import t
from cluster_map.core.taxonomy import load_taxonomy
from cluster_map.ui import url_problems
from cluster_map.ui.option_labels import option_labeller

#: A filter that is not in the app: the plan's section (专栏7 ...). Its label exists in i18n already.
SECTIONS = FilterField(
    name="sections",
    key="section",
    label="field_section",
    match="exact",
    values_from="records",
    option="--section",
    columns=("source_section",),
    metavar="SECTION",
    help="section of the plan, e.g. 专栏7",
)
FIELDS = (*FILTER_FIELDS, SECTIONS)


def test_the_registry_is_sound() -> None:
    assert registry_problems() == []
    assert QUERY_KEYS == {
        "sectors": "sector",
        "subsectors": "subsector",
        "kinds": "kind",
        "levels": "level",
        "prefectures": "prefecture",
        "counties": "county",
        "zones": "zone",
        "source_docs": "doc",
        "search": "q",
    }


def test_a_new_filter_is_one_registry_entry() -> None:
    """Query keys, choices, URL, filtering, counts and the CLI all follow the one entry."""
    records = records_frame()
    assert query_keys(FIELDS)["sections"] == "section"
    choices = FilterChoices.build(records, catalog=Catalog(), taxonomy=load_taxonomy(), fields=FIELDS)
    assert choices.allowed("sections") == (
        "一（一）",
        "三（一）",
        "三（二）",
        "专栏1",
        "专栏2",
        "专栏3",
        "专栏7",
    )
    spec, problems = spec_from_query({"section": "专栏7", "sector": "新能源"}, choices=choices)
    assert spec == FilterSpec(sections=("专栏7",), sectors=("新能源",)) and problems == []
    assert spec_to_query(spec, fields=FIELDS) == {"sector": ["新能源"], "section": ["专栏7"]}
    assert list(apply_filters(records, spec, choices=choices)["id"]) == ["t-1", "t-7"]
    counts = facet_counts(records, FilterSpec(sectors=("新能源",)), choices=choices, field="sections")
    assert counts == {"专栏7": 2}
    parser = argparse.ArgumentParser()
    cli._add_filter_options(parser, FIELDS)
    args = parser.parse_args(["--section", "专栏7", "--sector", "新能源", "--search", "氢"])
    assert cli._filter_query(args, FIELDS) == {"sector": ["新能源"], "q": "氢", "section": ["专栏7"]}
    assert "SECTION" in parser.format_help() and "e.g. 专栏7" in parser.format_help()


def test_unknown_values_of_a_new_filter_are_reported() -> None:
    choices = FilterChoices.build(records_frame(), catalog=Catalog(), taxonomy=load_taxonomy(), fields=FIELDS)
    _, problems = spec_from_query({"section": "专栏99"}, choices=choices)
    assert [(p.key, p.value) for p in problems] == [("section", "专栏99")]


def test_a_spec_field_outside_the_registry_is_an_error() -> None:
    with pytest.raises(UsageError, match=r"\['sections'\] that are not filters"):
        spec_to_query(FilterSpec(sections=("专栏7",)))


@pytest.mark.parametrize("field", FILTER_FIELDS, ids=[f.name for f in FILTER_FIELDS])
def test_the_page_names_every_field_by_its_label(field: FilterField) -> None:
    """Messages about the URL and the option labels come from the registry too."""
    problem = QueryProblem(field.key, "x")
    (line,) = url_problems.problem_messages([problem], lang="en", label_of=lambda key, value: value)
    assert line.startswith(t(field.label, "en") + ": 'x'")
    labeller = option_labeller(field.name, catalog=Catalog(), taxonomy=load_taxonomy(), lang="zh")
    assert callable(labeller)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"match": "fuzzy"}, "match='fuzzy' is not known"),
        ({"values_from": "prefecture"}, "values_from='prefecture' does not suit match='exact'"),
        ({"columns": ("a", "b")}, "takes 1 column"),
        ({"vocabulary": "colours"}, "vocabulary='colours' is not a taxonomy table"),
        ({"values_from": "taxonomy"}, "need vocabulary="),
        ({"option": "section"}, "must be a long option such as '--section'"),
    ],
)
def test_a_bad_field_says_what_is_wrong(changes: dict, message: str) -> None:
    values = {**SECTIONS.__dict__, **changes}
    with pytest.raises(UsageError, match=message):
        FilterField(**values)


def test_registry_problems_are_all_reported() -> None:
    twin = FilterField(**{**SECTIONS.__dict__, "name": "sectors", "label": "no_such_label"})
    problems = registry_problems((*FIELDS, twin))
    assert "filter field names ['sectors'] are used more than once" in problems
    assert "filter field keys ['section'] are used more than once" in problems
    assert any("label 'no_such_label' is not in cluster_map.core.i18n.STRINGS" in p for p in problems)
