"""Reading input CSV files: every broken file is one ClusterMapError with a message, never a traceback.

The files are items.csv of an items folder whose places.csv and mentions.csv are valid.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest
from valid_items import write_valid_folder

from cluster_map.cli import main
from cluster_map.core import errors as _errors
from cluster_map.core.csv_input import iter_csv_chunks, read_csv_table
from cluster_map.core.items import ITEM_COLUMNS as COLUMNS
from cluster_map.core.items import read_item_rows, read_plan_items

HEADER = ",".join(COLUMNS)


def _row(*, id_: str = "sei-1", name: str = "河北", note: str = "备注", **more: str) -> str:
    values = {c: "" for c in COLUMNS} | {"id": id_, "name_zh": name, "note_en": note} | more
    return ",".join(f'"{values[c]}"' for c in COLUMNS)


def _zip_bytes(tmp_path: Path) -> bytes:
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("items.csv", HEADER)
    return archive.read_bytes()


# name, bytes (given tmp_path), error class, text the message holds
CASES = [
    ("empty", lambda p: b"", _errors.NotCsv, "is empty (0 bytes)"),
    (
        "gbk",
        lambda p: f"{HEADER}\n{_row()}\n".encode("gbk"),
        _errors.NotUtf8,
        f"is not UTF-8 (byte 0xba at offset {len(HEADER) + 13}) — it looks like GBK: re-save it as UTF-8",
    ),
    ("utf-16", lambda p: f"{HEADER}\n{_row()}\n".encode("utf-16"), _errors.NotUtf8, "is UTF-16 text"),
    ("utf-16-le no bom", lambda p: f"{HEADER}\n".encode("utf-16-le"), _errors.NotUtf8, "is UTF-16 text"),
    (
        "latin-1",
        lambda p: f"{HEADER}\n{_row(name='Caf', note='café')}\n".encode("latin-1"),
        _errors.NotUtf8,
        "is not UTF-8 (byte 0xe9",
    ),
    (
        "ragged long",
        lambda p: f"{HEADER}\n{_row()}\n{_row()},extra\n".encode(),
        _errors.CsvShapeError,
        f"line 3 has {len(COLUMNS) + 1} column(s), expected {len(COLUMNS)}",
    ),
    (
        "ragged short",
        lambda p: f"{HEADER}\nsei-1,key_project\n".encode(),
        _errors.CsvShapeError,
        f"line 2 has 2 column(s), expected {len(COLUMNS)}",
    ),
    (
        "semicolons",
        lambda p: f"{HEADER.replace(',', ';')}\n".encode(),
        _errors.CsvShapeError,
        "is separated by semicolons, not commas",
    ),
    (
        "tabs",
        lambda p: f"{HEADER.replace(',', chr(9))}\n".encode(),
        _errors.CsvShapeError,
        "separated by tabs",
    ),
    ("zip", _zip_bytes, _errors.NotCsv, "is a zip archive"),
    ("binary", lambda p: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", _errors.NotCsv, "is a binary file"),
    (
        "bad quote",
        lambda p: f'{HEADER}\n"a"b{"," * (len(COLUMNS) - 1)}\n'.encode(),
        _errors.CsvShapeError,
        "line 2 is not valid CSV",
    ),
]


def _folder(tmp_path: Path, items: bytes | str) -> Path:
    """An items folder (valid places.csv and mentions.csv) whose items.csv holds ``items``."""
    folder = write_valid_folder(tmp_path / "items")
    path = folder / "items.csv"
    path.write_bytes(items) if isinstance(items, bytes) else path.write_text(items, encoding="utf-8")
    return folder


@pytest.fixture(params=CASES, ids=[c[0] for c in CASES])
def broken(request, tmp_path) -> tuple[Path, type, str]:
    _, make, error, text = request.param
    return _folder(tmp_path, make(tmp_path)), error, text


def test_each_broken_file_is_one_error_with_a_message(broken):
    folder, error, text = broken
    with pytest.raises(error) as caught:
        read_plan_items(folder)
    assert isinstance(caught.value, _errors.InputFileError)
    assert str(caught.value).startswith(str(folder / "items.csv")) and text in str(caught.value)


@pytest.mark.parametrize("command", [["validate"], ["export", "-o", "out.geojson", "--items"]])
def test_the_cli_prints_the_message_and_exits_1(broken, command, tmp_path, monkeypatch, capsys):
    folder, _, text = broken
    monkeypatch.chdir(tmp_path)
    assert main([*command, str(folder)]) == 1
    err = capsys.readouterr().err
    assert text in err and "Traceback" not in err


def _items_csv_is_a_folder(tmp_path: Path) -> Path:
    folder = write_valid_folder(tmp_path / "items")
    (folder / "items.csv").unlink()
    (folder / "items.csv").mkdir()
    return folder


@pytest.mark.parametrize(
    ("make", "error", "text"),
    [
        (lambda p: p / "absent", _errors.FileMissing, "items.csv does not exist (items file missing); run"),
        (_items_csv_is_a_folder, _errors.NotCsv, "items.csv is a folder, not a CSV file"),
    ],
    ids=["missing", "folder"],
)
@pytest.mark.parametrize("command", [["validate"], ["export", "-o", "out.geojson", "--items"]])
def test_missing_file_and_folder(make, error, text, command, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    folder = make(tmp_path)
    with pytest.raises(error, match="items file missing" if error is _errors.FileMissing else "folder"):
        read_plan_items(folder)
    assert main([*command, str(folder)]) == 1
    assert text in capsys.readouterr().err


def test_missing_columns_are_named(tmp_path, capsys):
    folder = _folder(tmp_path, "id,kind\nsei-1,x\n")
    with pytest.raises(_errors.MissingColumns, match=r"lacks the column\(s\) name_zh, name_en,") as caught:
        read_plan_items(folder)
    assert caught.value.missing == list(COLUMNS[2:])
    assert main(["export", "--items", str(folder), "-o", str(tmp_path / "a.csv")]) == 1
    assert "lacks the column(s) name_zh" in capsys.readouterr().err


def test_every_error_class_is_a_cluster_map_error():
    classes = [getattr(_errors, name) for name in _errors.__all__]
    assert all(issubclass(c, _errors.ClusterMapError) for c in classes)


def test_bom_blank_lines_and_line_breaks_in_quotes_are_read(tmp_path):
    path = tmp_path / "r.csv"
    text = f"\ufeff{HEADER}\r\n{_row(note='a' + chr(13) + 'b')}\r\n\r\n{_row(id_='sei-2', note='x' + chr(10) + 'y')}\r\n"
    path.write_bytes(text.encode("utf-8"))
    table = read_csv_table(path, columns=COLUMNS, schema="README")
    assert table["id"].tolist() == ["sei-1", "sei-2"]
    assert table["note_en"].tolist() == ["a\rb", "x\ny"]


def test_a_file_over_the_limit_is_refused_with_the_override(tmp_path):
    folder = _folder(tmp_path, HEADER + "\n" + "\n".join(_row(id_=f"sei-{i}") for i in range(3000)) + "\n")
    with pytest.raises(
        _errors.FileTooLarge, match=r"is 0 MB, more than the limit of 0.01 MB; raise it with --max-mb"
    ):
        read_plan_items(folder, max_mb=0.01)
    assert len(read_plan_items(folder, max_mb=None).items) == 3000


def test_chunks_number_rows_across_the_file(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(
        HEADER + "\n" + "\n".join(_row(id_=f"sei-{i}") for i in range(7)) + "\n", encoding="utf-8"
    )
    chunks = list(iter_csv_chunks(path, columns=COLUMNS, schema="README", chunk_rows=3))
    assert [list(c.index) for c in chunks] == [[0, 1, 2], [3, 4, 5], [6]]
    assert chunks[2]["id"].tolist() == ["sei-6"]


def test_a_header_only_file_is_an_empty_table_unless_rows_are_required(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "\n", encoding="utf-8")
    assert read_csv_table(path, columns=COLUMNS, schema="README").empty
    with pytest.raises(_errors.InputFileError, match="has a header but no rows"):
        read_csv_table(path, columns=COLUMNS, schema="README", allow_empty=False)


def test_numbers_that_do_not_parse_are_read_as_missing_not_a_crash(tmp_path):
    """read_item_rows (the app's reader) types what it can; validate and export report the rest."""
    folder = write_valid_folder(tmp_path / "items")
    places = (folder / "places.csv").read_text(encoding="utf-8").splitlines()
    places[1] = places[1].replace(",1,安国,", ",x,安国,").replace("115.345453,38.394931", "inf,38")
    places[3] = places[3].replace("115.227621,40.850887", "东经115,abc")
    (folder / "places.csv").write_text("\n".join(places) + "\n", encoding="utf-8")
    rows = read_item_rows(folder)
    assert rows["place_no"].tolist() == [0, 1, 1, 0, 1]
    assert rows.geometry.isna().tolist() == [True, False, True, True, False]


@pytest.mark.parametrize(
    "body",
    [
        'a,"b, with a comma",c\n',
        'a,"two\nlines",c\n',
        'a,"say ""hi""",c\n',
        "\ufeffa,b,c\n",
        "a,,\n\n",
        '"=1+1",@x,-3\n',
    ],
    ids=["comma", "newline", "escaped quotes", "bom", "empty values and a blank line", "formula-like"],
)
def test_the_fast_reader_reads_what_the_careful_reader_reads(tmp_path, body: str) -> None:
    """Clean files go through pyarrow in one pass; the frame must equal the line-by-line reader's."""
    from cluster_map.core.csv_input import _arrow_table, iter_csv_chunks

    path = tmp_path / "t.csv"
    header = "x,y,z\n" if not body.startswith("\ufeff") else "\ufeffx,y,z\n"
    path.write_text(header + body.removeprefix("\ufeff"), encoding="utf-8")
    fast = _arrow_table(path, ["x", "y", "z"])
    assert fast is not None
    careful = next(iter_csv_chunks(path, columns=["x", "y", "z"], schema="test"))
    careful.attrs = {}
    pd.testing.assert_frame_equal(fast, careful, check_index_type=False)


def test_a_large_file_is_read_with_each_column_in_one_piece(tmp_path):
    # pyarrow reads 1 MB blocks by default: one piece a block, and a take of a few rows copies them all
    path = tmp_path / "wide.csv"
    path.write_text("id,text\n" + "".join(f"r{i},{'句' * 40}{i}\n" for i in range(40_000)), encoding="utf-8")
    assert path.stat().st_size > 4_000_000
    table = read_csv_table(path, columns=["id", "text"], schema="test", max_mb=None)
    assert len(table) == 40_000 and table["text"].iloc[-1].endswith("39999")
    assert {column: table[column].array._pa_array.num_chunks for column in table} == {"id": 1, "text": 1}
