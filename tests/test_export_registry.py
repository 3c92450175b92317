"""The export registry: one table of formats, one of CRSs; export is given what it writes."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from export_records import export_rows, small_inputs, tiny_boundaries

import cluster_map.export
from cluster_map.core.i18n import LANGS, STRINGS
from cluster_map.export import (
    CRS_CHOICES,
    FORMATS,
    SUFFIXES,
    ExportError,
    export_bytes,
    format_from_path,
)
from cluster_map.export.kml import EMPTY_FOLDER, UNPLACED_FOLDER, field_label


@pytest.fixture(scope="module")
def rows():
    return export_rows()


@pytest.mark.parametrize("entry", [*FORMATS.values(), *CRS_CHOICES.values()], ids=lambda e: e.key)
def test_every_label_is_an_i18n_string_in_both_languages(entry):
    assert set(STRINGS[entry.label_key]) == set(LANGS)
    assert entry.label("zh") != entry.label("en")


def test_the_suffix_table_and_crs_choices_derive_from_the_formats():
    for key, entry in FORMATS.items():
        assert SUFFIXES[entry.suffix] == key and entry.suffix == entry.suffixes[0]
        assert all(format_from_path(f"plan{suffix}") == key for suffix in entry.suffixes)
        assert set(entry.crs_choices) <= set(CRS_CHOICES)
        assert bool(entry.crs_limit) == (entry.crs_choices != tuple(CRS_CHOICES))
    assert set(SUFFIXES.values()) == set(FORMATS)


def test_export_modules_read_no_file():
    """Export is pure: no module of it holds the readers of boundaries, taxonomy, items or records."""
    readers = {
        "read_boundaries",
        "load_taxonomy",
        "read_records",
        "read_item_rows",
        "read_plan_items",
        "validation_context",
    }
    package = cluster_map.export
    for info in pkgutil.iter_modules(package.__path__, prefix=f"{package.__name__}."):
        module = importlib.import_module(info.name)
        assert readers.isdisjoint(vars(module)), info.name


@pytest.mark.parametrize("fmt", [key for key, entry in FORMATS.items() if entry.boundary_layers])
@pytest.mark.parametrize("given", [None, {"prefecture": tiny_boundaries("prefecture")}], ids=["none", "one"])
def test_formats_with_boundary_layers_say_what_to_pass(rows, fmt, given):
    with pytest.raises(ExportError, match=r"boundaries=\{layer: read_boundaries\(layer, weight='full'\)"):
        export_bytes(rows, fmt=fmt, boundaries=given)


@pytest.mark.parametrize("fmt", [key for key, entry in FORMATS.items() if not entry.boundary_layers])
def test_formats_without_boundary_layers_ignore_them(rows, fmt):
    taxonomy = small_inputs()["taxonomy"]
    with_layers = export_bytes(rows, fmt=fmt, **small_inputs()).data
    assert export_bytes(rows, fmt=fmt, taxonomy=taxonomy).data == with_layers


def test_kml_without_the_taxonomy_says_what_to_pass(rows):
    with pytest.raises(ExportError, match=r"taxonomy=load_taxonomy\(\)"):
        export_bytes(rows, fmt="kml")


@pytest.mark.parametrize(
    ("column", "label"),
    [
        ("id", "编号 ID"),
        ("name_zh", "名称"),
        ("name_en", "Name"),
        ("note_zh", "备注"),
        ("note_en", "Note"),
        ("mentions", "原文提及 Passages that name it"),
        ("not_a_column", "not_a_column"),
    ],
)
def test_kml_labels_come_from_the_string_table(column, label):
    assert field_label(column) == label


def test_kml_folder_names_are_bilingual():
    assert UNPLACED_FOLDER == "未定位（规划未给出地点） No place in the plan"
    assert EMPTY_FOLDER == "无事项（筛选结果为空） No items"
