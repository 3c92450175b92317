"""The one way the package writes XLSX: tables for people, each on its own sheet.

As in the CSV for spreadsheets (:mod:`cluster_map.core.csv_output`), every text a spreadsheet would
run as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) gets a leading ``'`` and is
stored as a string cell, never as a formula; numbers stay numbers. Index levels become columns.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from cluster_map.core.csv_output import neutralise_formula

__all__ = ["XLSX_MIME", "xlsx_bytes"]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_MAX_SHEET_NAME = 31  # Excel's limit
_BAD_SHEET_CHARS = str.maketrans({c: "-" for c in "[]:*?/\\"})


def _value(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool | int | float):
        return value
    return neutralise_formula(str(value))


def _sheet_name(name: str, taken: set[str]) -> str:
    base = (name.translate(_BAD_SHEET_CHARS).strip("'") or "Sheet")[:_MAX_SHEET_NAME]
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[: _MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook with one sheet per table (name -> frame), header row frozen.

    Parameters
    ----------
    sheets
        Sheet name -> table; a named index (or each level of a MultiIndex) becomes leading columns.

    Returns
    -------
    The workbook's bytes. Text cells that a spreadsheet would run are neutralised.
    """
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    taken: set[str] = set()
    for name, frame in sheets.items():
        sheet = book.create_sheet(_sheet_name(name, taken))
        table = frame.reset_index() if any(n is not None for n in frame.index.names) else frame
        sheet.append([_value(c) for c in table.columns])
        for row in table.itertuples(index=False):
            sheet.append([_value(v) for v in row])
        sheet.freeze_panes = "A2"
        for number, column in enumerate(table.columns, start=1):
            width = max([len(str(column)), *(len(str(v)) for v in table[column].head(200))], default=8)
            sheet.column_dimensions[get_column_letter(number)].width = min(60, 2 + width * 1.6)
    if not sheets:
        book.create_sheet("Sheet")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
