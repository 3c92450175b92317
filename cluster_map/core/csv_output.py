"""The one way the package writes CSV: the export, the files in the Shapefile zip, records.csv.

Two kinds of file:

- files for people, which Excel or WPS open (``for_spreadsheets=True``): every text that a
  spreadsheet would run as a formula (one starting with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return, OWASP "CSV injection") gets a leading ``'``, except a value that is entirely a
  number (``-3.5``, ``+86``, ``1e3``); UTF-8 with a byte-order mark (so Excel in China reads the
  Chinese right) and CRLF line ends;
- data files the package reads back (records.csv, gazetteer.csv): values exactly as given, UTF-8,
  LF line ends.

In both, a value holding a comma, a quote, a line feed or a carriage return is quoted (Python's
``csv`` module leaves a lone carriage return unquoted when lines end in LF, and reading such a
file back splits the record in two).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["FORMULA_PREFIXES", "csv_bytes", "neutralise_formula", "write_csv"]

#: First characters that make a spreadsheet treat a cell as a formula (OWASP, CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def neutralise_formula(text: str) -> str:
    """Prefix ``'`` to a text a spreadsheet would run as a formula; leave numbers and other text alone.

    Parameters
    ----------
    text
        A cell's text.

    Returns
    -------
    ``"'=1+2"`` for ``"=1+2"``, ``"'@SUM(A1)"``, ``"'-x"``; ``"-3.5"``, ``"+86"`` and
    ``"长安区"`` unchanged.
    """
    if text.startswith(FORMULA_PREFIXES) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _cell(value: Any) -> str:
    """A value as CSV text: missing as empty, floats in their shortest exact form, ints as digits."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return "" if not math.isfinite(value) else repr(value)
    return str(value)


def _field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES.search(text) else text


def _lines(table: pd.DataFrame, *, for_spreadsheets: bool) -> list[list[str]]:
    rows = [[str(c) for c in table.columns]]
    rows += [[_cell(v) for v in values] for values in table.itertuples(index=False, name=None)]
    if for_spreadsheets:
        rows = [[neutralise_formula(text) for text in row] for row in rows]
    return rows


def csv_bytes(table: pd.DataFrame, *, for_spreadsheets: bool = True) -> bytes:
    """A table (header and rows, no index) as the bytes of a CSV file.

    Parameters
    ----------
    table
        The columns to write, in order; missing and non-finite values are written empty.
    for_spreadsheets
        True for a file people open in Excel or WPS (formulas neutralised, BOM, CRLF); False for
        a data file the package reads back (values as given, no BOM, LF).

    Returns
    -------
    The file's bytes, UTF-8.
    """
    end = "\r\n" if for_spreadsheets else "\n"
    rows = _lines(table, for_spreadsheets=for_spreadsheets)
    text = "".join(",".join(_field(t) for t in row) + end for row in rows)
    return text.encode("utf-8-sig" if for_spreadsheets else "utf-8")


def write_csv(table: pd.DataFrame, path: Path | str, *, for_spreadsheets: bool = False) -> Path:
    """Write :func:`csv_bytes` to ``path`` (parent folders created); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(csv_bytes(table, for_spreadsheets=for_spreadsheets))
    return path
