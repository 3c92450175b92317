"""The page's place views in AppTest: the matrix, the side-by-side comparison and the profile dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_harness import RunApp, app_runner, dialog_titles, widget
from map_records import write_records_csv

from cluster_map.core.catalog import load_catalog
from cluster_map.core.comparison import sector_matrix
from cluster_map.core.filters import FilterChoices, FilterSpec, apply_filters
from cluster_map.core.i18n import t
from cluster_map.core.items import items_of_rows, read_item_rows
from cluster_map.core.taxonomy import load_taxonomy
from cluster_map.export.comparison_files import matrix_table


@pytest.fixture()
def run_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> RunApp:
    return app_runner(tmp_path, monkeypatch)


def _fixture_matrix(tmp_path: Path, spec: FilterSpec, **kwargs: str):
    """The matrix table of the test items, as the command line computes it."""
    frame = read_item_rows(write_records_csv(tmp_path / "again"))
    catalog, taxonomy = load_catalog(), load_taxonomy()
    choices = FilterChoices.build(frame, catalog=catalog, taxonomy=taxonomy)
    filtered = apply_filters(frame, spec, choices=choices)
    return matrix_table(
        sector_matrix(filtered, catalog=catalog, **kwargs), catalog=catalog, taxonomy=taxonomy, lang="zh"
    )


def _matrix_shown(app) -> list[list[object]]:
    frame = app.dataframe[0].value
    return [[index, *row] for index, row in zip(frame.index, frame.to_numpy().tolist(), strict=True)]


def test_the_matrix_is_the_command_line_matrix_of_the_filter(run_app: RunApp, tmp_path: Path) -> None:
    app = run_app(sector=["新能源", "高端装备"])
    want = _fixture_matrix(tmp_path, FilterSpec(sectors=("新能源", "高端装备")))
    assert _matrix_shown(app) == want.to_numpy().tolist()
    assert app.dataframe[0].value.columns[-1] == "合计"


def test_the_matrix_of_one_prefecture_has_its_counties(run_app: RunApp, tmp_path: Path) -> None:
    app = run_app()
    widget(app, "selectbox", t("matrix_scope", "zh")).select("130200").run()
    want = _fixture_matrix(tmp_path, FilterSpec(), level="county", within="130200")
    assert _matrix_shown(app) == want.to_numpy().tolist()
    assert "路北区" in app.dataframe[0].value.columns


def test_places_side_by_side(run_app: RunApp, tmp_path: Path) -> None:
    app = run_app(lang="en")
    label = t("compare_places", "en", max=5)
    widget(app, "multiselect", label).select("130200").select("130100").select("coastal").run()
    table = next(d.value for d in app.dataframe if "Counted" in d.value.columns)
    assert list(table.columns) == [
        "Counted",
        "Value",
        "Tangshan",
        "Shijiazhuang",
        "Coastal (Qinhuangdao-Tangshan-Cangzhou)",
    ]
    rows = read_item_rows(write_records_csv(tmp_path / "again"))
    tangshan = rows[rows["prefecture_code"].str.contains("130200")]
    assert table.iloc[0, 2] == len(items_of_rows(tangshan)) > 0


def test_the_profile_dialog_says_what_the_plans_say_about_the_place(run_app: RunApp) -> None:
    app = run_app(profile="130200", lang="en")
    assert dialog_titles(app) == ["Place profile: Tangshan"]
    html = "".join(h.proto.body for h in app.get("html"))
    assert "<mark>唐山</mark>" in html and "三（四）" in html
    labels = [b.proto.label for b in app.get("download_button")]
    assert t("profile_brief", "en") in labels and t("profile_items_csv", "en") in labels
