"""validate in chunks and on the command line; check_items for export (the app's download, ``export``)."""

from __future__ import annotations

import pandas as pd
import pytest
from valid_items import edit_table, read_table, write_valid_folder

from cluster_map import export
from cluster_map.cli import main
from cluster_map.core.items import item_rows, read_plan_items
from cluster_map.core.validate import ValidationContext, check_items, validate_items, validation_context


@pytest.fixture(scope="module")
def context() -> ValidationContext:
    return validation_context()


def _many(folder, copies: int) -> None:
    """Repeat every item ``copies`` times, each copy valid (ids and names end in the copy's number)."""
    for stem, column in (("items", "id"), ("places", "item_id"), ("mentions", "item_id")):
        table = read_table(folder, stem)
        frames = [table.assign(**{column: table[column] + f"{n}"}) for n in range(copies)]
        if stem == "items":
            frames = [f.assign(name_zh=f["name_zh"] + f"{n}") for n, f in enumerate(frames)]
        pd.concat(frames, ignore_index=True).to_csv(folder / f"{stem}.csv", index=False)


def test_chunks_find_what_one_pass_finds(context, tmp_path):
    folder = write_valid_folder(tmp_path / "items")
    _many(folder, 2)  # 10 items, 8 places, 10 mentions
    edit_table(folder, "places", 5, lat="inf")
    edit_table(folder, "mentions", 9, item_id="sei-9-9-99")
    messages: list[str] = []
    chunked = validate_items(folder, context=context, chunk_rows=3, progress=messages.append)
    assert chunked == validate_items(folder, context=context, chunk_rows=100)
    assert len(chunked) == 3  # and item 11 has no mention
    assert (
        f"{folder}/places.csv:7:lon: lon/lat '115.943957', 'inf' are not finite numbers; give decimal degrees such as 114.5, 38.0"
        in chunked
    )
    assert (
        f"{folder}/mentions.csv:11:item_id: 'sei-9-9-99' is not the id of an item in items.csv; add the item or remove its mention"
        in chunked
    )
    assert [m.split(" (")[0] for m in messages] == [
        *(f"validated {n} rows" for n in (3, 6, 9, 10)),  # items.csv
        *(f"validated {n} rows" for n in (3, 6, 8)),  # places.csv
        *(f"validated {n} rows" for n in (3, 6, 9, 10)),  # mentions.csv
    ]
    assert [m.split(" of ")[-1] for m in messages[3:5]] == ["items.csv)", "places.csv)"]
    assert messages[-1].endswith("MB of mentions.csv)")


def test_a_missing_folder_or_a_file_is_one_error(context, tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope")]) == 1
    assert "nope/items.csv does not exist (items file missing); run `python -m cluster_map build-items`" in (
        capsys.readouterr().err
    )
    (tmp_path / "records.csv").write_text("id\n", encoding="utf-8")
    assert main(["validate", str(tmp_path / "records.csv")]) == 1
    assert (
        "records.csv is a file, not a folder; give the folder that holds items.csv" in capsys.readouterr().err
    )


def test_cli_exit_codes(tmp_path, capsys):
    folder = write_valid_folder(tmp_path / "ok")
    assert main(["validate", str(folder)]) == 0
    assert f"{folder}: all items valid" in capsys.readouterr().err
    edit_table(folder, "items", 0, sector="航天")
    assert main(["validate", str(folder)]) == 1
    captured = capsys.readouterr()
    assert (
        captured.out
        == f"{folder}/items.csv:2:sector: '航天' is not a known sector; use one of "
        + (captured.out.split("use one of ")[1])
    )
    assert f"1 problem(s) in {folder}" in captured.err


def test_cli_size_limit_and_progress(tmp_path, capsys):
    folder = write_valid_folder(tmp_path / "items")
    assert main(["validate", str(folder), "--max-mb", "0.0001"]) == 1
    assert "more than the limit of 0.0001 MB; raise it with --max-mb" in capsys.readouterr().err
    assert main(["validate", str(folder)]) == 0
    err = capsys.readouterr().err
    assert (
        "validated 4 rows (0/0 MB of places.csv)" in err
        and "validated 5 rows (0/0 MB of mentions.csv)" in err
    )


def test_check_items_finds_what_validate_finds_with_the_plan_rules(context, tmp_path):
    folder = write_valid_folder(tmp_path / "items")
    edit_table(folder, "items", 0, name_zh="依托安国现代中药", sector="航天")
    edit_table(folder, "places", 2, lon="121.47", lat="31.23")
    check = check_items(read_plan_items(folder), source=folder, plan_rules=True, context=context)
    assert check.problems == validate_items(folder, context=context)
    assert check.invalid == ["sei-1-1-01", "sei-3-3-01"]


def test_export_checks_leave_the_plan_rules_to_validate(context, tmp_path):
    """Users' own items of the schema need not cite the plans; the data must still hold together."""
    folder = write_valid_folder(tmp_path / "items")
    edit_table(folder, "items", 0, id="mine-1", name_zh="依托某地的基地", level_quote="x")
    edit_table(folder, "places", 0, item_id="mine-1", evidence="curated")
    edit_table(folder, "mentions", 0, item_id="mine-1", spans="1-5", text="某地", sentence="某地有个基地。")
    assert check_items(read_plan_items(folder), source="f", context=context).ok
    assert len(validate_items(folder, context=context)) >= 5


def test_check_items_names_the_invalid_items_and_keeps_the_others(context, tmp_path):
    folder = write_valid_folder(tmp_path / "items")
    edit_table(folder, "places", 1, lat="Infinity")  # 雄安新区's only place
    edit_table(folder, "mentions", 3, doc="abc")  # the unplaced item's mention
    plan = read_plan_items(folder)
    check = check_items(plan, source="items", context=context)
    assert check.problems == [
        "items/items.csv:5:docs: 'sei' does not agree with mentions.csv, which gives 'abc'; rebuild with build-items",
        "items/places.csv:3:lon: lon/lat '115.943957', 'Infinity' are not finite numbers; give decimal degrees "
        "such as 114.5, 38.0",
        "items/mentions.csv:5:doc: 'abc' is not a known document; use one of sei, sti",
    ]
    assert sorted(check.invalid) == ["sei-3-1-01", "sei-3-1-02"]
    kept = check.valid(item_rows(plan))
    assert sorted(kept["id"]) == ["sei-1-1-01", "sei-3-3-01", "sei-b03-05"]
    assert check_items(plan, context=context).problems[0].startswith("items/items.csv:5:docs:")


def test_check_items_reports_missing_columns(context, tmp_path):
    plan = read_plan_items(write_valid_folder(tmp_path / "items"))
    broken = type(plan)(plan.items, plan.places.drop(columns=["lat"]), plan.mentions)
    check = check_items(broken, source="f", context=context)
    assert check.problems == ["f/places.csv:1:lat: column missing; the schema is in geodata/items/README.md"]
    assert len(check.invalid) == 5


@pytest.fixture
def written(monkeypatch) -> list[set[str]]:
    """The item ids ``export`` gives the writer (the writers are tested in test_export*.py)."""
    calls: list[set[str]] = []

    def write_export(rows, output, **kwargs):
        calls.append(set(rows["id"]))
        output.write_text("written", encoding="utf-8")
        return output

    monkeypatch.setattr(export, "write_export", write_export)
    return calls


@pytest.mark.parametrize(("skip", "code"), [(False, 1), (True, 0)])
def test_export_refuses_invalid_items_or_leaves_them_out(tmp_path, capsys, written, skip, code):
    folder = write_valid_folder(tmp_path / "items")
    edit_table(folder, "places", 0, lon="38.394931", lat="115.345453")
    out = tmp_path / "out.geojson"
    args = ["export", "--items", str(folder), "-o", str(out), *(["--skip-invalid"] if skip else [])]
    assert main(args) == code
    err = capsys.readouterr().err
    assert (
        f"{folder}/places.csv:2:lon: point (38.394931, 115.345453) is outside Hebei; lon and lat look swapped"
        in err
    )
    if not skip:
        assert (
            "error: 1 of 5 items have the problems above; nothing was written" in err
            and "--skip-invalid" in err
        )
        assert not out.exists()
        return
    assert "warning: 1 of 5 items left out for the problems above (--skip-invalid)" in err
    assert written == [{"sei-3-1-01", "sei-3-3-01", "sei-3-1-02", "sei-b03-05"}]


def test_valid_items_export_without_a_word(tmp_path, capsys, written):
    out = tmp_path / "out.geojson"
    assert main(["export", "--items", str(write_valid_folder(tmp_path / "items")), "-o", str(out)]) == 0
    assert capsys.readouterr().err == "" and len(written[0]) == 5


def test_the_cli_has_no_build_records():
    with pytest.raises(SystemExit):
        main(["build-records"])
