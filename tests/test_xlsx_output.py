"""XLSX for people: formulas neutralised, numbers kept, sheet names Excel accepts."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import load_workbook

from cluster_map.core.xlsx_output import xlsx_bytes


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_formula_cells_stay_text_and_numbers_stay_numbers():
    frame = pd.DataFrame(
        {"name": ['=HYPERLINK("http://x")', "+86", "@SUM(A1)", "-x", "唐山"], "items": [1, 2, 3, 4, 5]}
    )
    sheet = _book(xlsx_bytes({"counts": frame}))["counts"]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0] == ["name", "items"]
    assert [row[0] for row in cells[1:]] == ['\'=HYPERLINK("http://x")', "+86", "'@SUM(A1)", "'-x", "唐山"]
    assert [row[1] for row in cells[1:]] == [1, 2, 3, 4, 5]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)  # no formula anywhere


def test_a_named_index_becomes_columns_and_sheet_names_are_made_safe():
    frame = pd.DataFrame({"n": [1]}, index=pd.Index(["x"], name="sector"))
    book = _book(xlsx_bytes({"a/b:c": frame, "A/B:C": frame, "x" * 40: frame}))
    assert book.sheetnames == ["a-b-c", "A-B-C (2)", "x" * 31]
    assert [c.value for c in book["a-b-c"][1]] == ["sector", "n"]


def test_an_empty_workbook_still_opens():
    assert _book(xlsx_bytes({})).sheetnames == ["Sheet"]
