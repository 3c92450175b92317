"""Layer specs: the committed layers/ folder, validation that names every problem, folium elements."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import folium
import pytest

from cluster_map.core.errors import ValidationFailed
from cluster_map.core.taxonomy import load_taxonomy
from cluster_map.web.layer_spec import LayerSpec, load_layer_specs, validate_layer_spec
from cluster_map.web.layers import layer_element, layer_label
from cluster_map.web.leaflet import js_literal, read_args

TAXONOMY = load_taxonomy()
POINTS = LayerSpec(
    id="p", type="points", name={"zh": "点", "en": "Points"}, kinds=("key_project",), shape="star"
)


def test_committed_layers_are_valid_and_ordered() -> None:
    specs = load_layer_specs(kinds=TAXONOMY.kinds, levels=TAXONOMY.levels)
    assert [s.order for s in specs] == sorted(s.order for s in specs)
    assert {s.type for s in specs} == {"boundary", "reference", "zones", "choropleth", "points", "areas"}
    assert {s.source for s in specs if s.type == "boundary"} == {"province", "prefecture", "county"}
    by_id = {s.id: s for s in specs}
    assert by_id["counties"].min_zoom >= 8  # the whole-province view fetches no county file
    assert (by_id["prefectures"].select, by_id["counties"].select) == ("prefecture", "county")
    assert specs[0].type == "reference"  # under everything


@pytest.mark.parametrize(
    ("changes", "ok"),
    [
        ({"type": "boundary", "source": "county", "select": "county"}, True),
        ({"type": "boundary", "source": "county", "select": "prefecture"}, False),
        ({"type": "boundary", "source": "province", "select": "province"}, False),
        ({"type": "points", "kinds": ("key_project",), "select": "county"}, False),
    ],
)
def test_select_needs_a_boundary_of_that_level(changes: dict, ok: bool) -> None:
    spec = LayerSpec(id="b", name={"zh": "界", "en": "Lines"}, **changes)
    problems = validate_layer_spec(spec)
    assert (not any("select" in p for p in problems)) is ok, problems


def test_every_kind_is_drawn_by_a_layer() -> None:
    specs = load_layer_specs(kinds=TAXONOMY.kinds, levels=TAXONOMY.levels)
    drawn = {kind for s in specs if s.type == "points" for kind in s.kinds}
    assert set(TAXONOMY.kinds) <= drawn  # zone kinds also have a point layer for zones not drawn as areas


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"type": "heatmap"}, "type 'heatmap' is not known"),
        ({"name": {"zh": "点"}}, "name has no text for ['en']"),
        ({"kinds": ("spaceport",)}, "kinds ['spaceport'] are not in the taxonomy"),
        ({"kinds": ()}, "kinds is empty"),
        ({"levels": ("市级",)}, "levels ['市级'] are not in the taxonomy"),
        ({"shape": "blob"}, "shape 'blob' is not known"),
        ({"style": {"colour": "#fff"}}, "style keys ['colour'] are not known"),
        ({"popup": ("kind", "price")}, "popup fields ['price'] are not known"),
        ({"type": "boundary", "source": "zone"}, "source 'zone' does not suit type 'boundary'"),
        ({"type": "choropleth", "source": "prefecture", "colors": ["#fff"]}, "at least two colours"),
        (
            {"type": "choropleth", "source": "prefecture", "colors": ["#fff", "red"]},
            "colors ['red'] are not hex",
        ),
        ({"type": "zones", "source": "zone", "colors": ["#fff"]}, "zone id -> colour"),
    ],
)
def test_validation_names_the_file_and_the_bad_value(changes: dict, message: str) -> None:
    problems = validate_layer_spec(replace(POINTS, **changes), kinds=TAXONOMY.kinds, levels=TAXONOMY.levels)
    assert any(p.startswith("layers/p.toml: ") and message in p for p in problems), problems


def test_a_good_spec_has_no_problem() -> None:
    assert validate_layer_spec(POINTS, kinds=TAXONOMY.kinds, levels=TAXONOMY.levels) == []


def test_loading_reports_every_problem_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(
        'type = "points"\nname = { zh = "甲", en = "A" }\nkinds = []\n', encoding="utf-8"
    )
    (tmp_path / "b.toml").write_text("type = = broken", encoding="utf-8")
    (tmp_path / "c.toml").write_text(
        'type = "boundary"\nsource = "county"\nname = { zh = "丙", en = "C" }\ncolour = 1\n', encoding="utf-8"
    )
    with pytest.raises(ValidationFailed) as caught:
        load_layer_specs(tmp_path)
    problems = caught.value.problems
    assert len(problems) == 3
    assert problems[0].startswith("layers/a.toml: kinds is empty")
    assert problems[1].startswith("layers/b.toml: cannot be read")
    assert problems[2].startswith("layers/c.toml: keys ['colour'] are not known")


def test_a_new_file_is_a_new_layer(tmp_path: Path) -> None:
    (tmp_path / "ports.toml").write_text(
        'type = "points"\norder = 3\nname = { zh = "港口", en = "Ports" }\n'
        'kinds = ["platform"]\nshape = "square"\n',
        encoding="utf-8",
    )
    (spec,) = load_layer_specs(tmp_path, kinds=TAXONOMY.kinds)
    assert (spec.id, spec.shape, spec.kinds, spec.order) == ("ports", "square", ("platform",), 3)


def test_empty_folder_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed, match="no layer files"):
        load_layer_specs(tmp_path)


@pytest.mark.parametrize(("lang", "count", "text"), [("zh", None, "点"), ("en", 4, "Points (4)")])
def test_layer_label_has_a_stable_hook(lang: str, count: int | None, text: str) -> None:
    assert (
        layer_label(POINTS, lang=lang, count=count)
        == f'<span class="cm-layer-name" data-layer="p">{text}</span>'
    )


def test_layer_label_escapes_the_name() -> None:
    spec = replace(POINTS, name={"zh": "<b>x</b>", "en": "x"})
    assert "&lt;b&gt;x&lt;/b&gt;" in layer_label(spec, lang="zh")


@pytest.mark.parametrize(
    ("spec_type", "function"), [("points", "points"), ("zones", "areas"), ("boundary", "boundary")]
)
def test_layer_element_calls_the_runtime_with_its_payload(spec_type: str, function: str) -> None:
    fmap = folium.Map(tiles=None)
    layer_element(replace(POINTS, type=spec_type, show=False), ["url", {"a": "</script>"}], lang="en").add_to(
        fmap
    )
    html = fmap.get_root().render()
    assert f"ClusterMap.{function}(" in html
    assert '</script>"' not in html
    assert list(read_args(html).values()) == [["url", {"a": "</script>"}]]


def test_js_literal_cannot_close_a_script() -> None:
    assert js_literal("</script><!--&") == '"\\u003c/script\\u003e\\u003c!--\\u0026"'


def test_js_literal_is_no_jinja_template() -> None:
    assert js_literal({"a": "{{x}} {%y%} {#z#} {w}"}) == '{"a":"\\u007b{x}} \\u007b%y%} \\u007b#z#} {w}"}'


def test_label_min_zoom_reaches_the_runtime() -> None:
    specs = {s.id: s for s in load_layer_specs(kinds=TAXONOMY.kinds, levels=TAXONOMY.levels)}
    assert specs["counties"].label_min_zoom > specs["prefectures"].label_min_zoom == 0
