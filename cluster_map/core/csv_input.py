"""The one way the package reads an input CSV file (records.csv, the curation files).

Every failure is a :class:`~cluster_map.core.errors.InputFileError` whose message quotes the file and
says what to do: a missing file or a folder, an empty file, a zip or other binary file, UTF-16,
GBK and other text that is not UTF-8 (``records.csv is not UTF-8 (byte 0xd6 at offset 12) — it
looks like GBK: re-save it as UTF-8``), a file separated by semicolons or tabs, a row with more or
fewer columns than the header, a header without the schema's columns, and a file larger than the
caller loads at once. Files are read as text only (every value a string); a UTF-8 byte-order mark
is allowed. Quoted values may hold commas, quotes, line feeds and carriage returns.

:func:`iter_csv_chunks` streams a file of any size in chunks of rows; :func:`read_csv_table`
loads a file whole, up to a size limit.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from cluster_map.core.errors import (
    CsvShapeError,
    FileMissing,
    FileTooLarge,
    InputFileError,
    MissingColumns,
    NotCsv,
    NotUtf8,
)

__all__ = ["CHUNK_ROWS", "MAX_LOAD_MB", "file_megabytes", "iter_csv_chunks", "read_csv_table"]

#: Files larger than this (megabytes) are not loaded whole; a caller may pass another limit.
MAX_LOAD_MB = 100.0
#: Rows per chunk of :func:`iter_csv_chunks`.
CHUNK_ROWS = 20_000
_HEAD_BYTES = 4096
_SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}
_RESAVE = "re-save it as UTF-8 (Excel: Save As › CSV UTF-8; WPS/LibreOffice: character set UTF-8)"


def file_megabytes(path: Path | str) -> float:
    """The size of a file in megabytes (10^6 bytes)."""
    return Path(path).stat().st_size / 1e6


def _check_path(path: Path, *, max_mb: float | None, hint: str) -> None:
    if not path.exists():
        raise FileMissing(path, f"does not exist {hint}")
    if path.is_dir():
        raise NotCsv(path, "is a folder, not a CSV file; pass the .csv file inside it")
    if max_mb is not None and file_megabytes(path) > max_mb:
        raise FileTooLarge(
            path,
            f"is {file_megabytes(path):.0f} MB, more than the limit of {max_mb:g} MB; raise it with --max-mb "
            "if the machine has the memory (a table loaded whole takes several times its file size; "
            "`python -m cluster_map validate` reads any size in chunks), or split the file",
        )


def _check_head(path: Path, head: bytes) -> None:
    """Refuse an empty, zipped, UTF-16 or binary file from its first bytes."""
    if not head:
        raise NotCsv(path, "is empty (0 bytes); it needs a header row and one row per record")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        raise NotCsv(path, "is a zip archive, not a CSV file; unzip it and pass the .csv inside")
    odd_nuls = head[1::2].count(0) > len(head) // 4
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (odd_nuls or head[0::2].count(0) > len(head) // 4):
        raise NotUtf8(path, f"is UTF-16 text, not UTF-8 — {_RESAVE}")
    if b"\x00" in head:
        offset = head.index(b"\x00")
        raise NotCsv(path, f"is a binary file (byte 0x00 at offset {offset}), not CSV text; pass a .csv file")


def _guess(raw: bytes) -> str:
    for codec, name in (("gb18030", "GBK"), ("big5", "Big5")):
        try:
            raw.decode(codec)
        except UnicodeDecodeError:
            continue
        return f"it looks like {name}"
    return "it is in another encoding"


class _Lines:
    """The file's lines decoded as strict UTF-8 (line ends kept, a leading BOM dropped).

    ``offset`` is the number of bytes read so far, for progress and for the position of a byte
    that is not UTF-8.
    """

    def __init__(self, path: Path, handle: BinaryIO) -> None:
        self.path, self.handle, self.offset = path, handle, 0

    def __iter__(self) -> Iterator[str]:
        for number, raw in enumerate(self.handle):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                where = f"byte 0x{raw[exc.start]:02x} at offset {self.offset + exc.start}"
                raise NotUtf8(self.path, f"is not UTF-8 ({where}) — {_guess(raw)}: {_RESAVE}") from None
            self.offset += len(raw)
            yield line.removeprefix("\ufeff") if number == 0 else line


def _check_header(path: Path, header: list[str], columns: Sequence[str], schema: str) -> None:
    missing = [c for c in columns if c not in header]
    if not missing:
        return
    if len(header) == 1:
        for separator, name in _SEPARATORS.items():
            if separator in header[0]:
                raise CsvShapeError(
                    path, f"is separated by {name}, not commas; re-save it comma-separated (CSV UTF-8)"
                )
    raise MissingColumns(path, missing, schema=schema)


def _rows(path: Path, reader: Any, width: int | None) -> Iterator[list[str]]:
    """The non-blank rows of a ``csv.reader``; each must have ``width`` values (any, if None)."""
    try:
        for row in reader:
            if not row:
                continue  # a blank line
            if width is not None and len(row) != width:
                raise CsvShapeError(
                    path,
                    f"line {reader.line_num} has {len(row)} column(s), expected {width}; quote values that "
                    'hold commas ("a,b") and give every row one value per header column',
                )
            yield row
    except csv.Error as exc:
        raise CsvShapeError(path, f"line {reader.line_num} is not valid CSV ({exc}); fix that line") from None


def iter_csv_chunks(
    path: Path | str,
    *,
    columns: Sequence[str],
    schema: str,
    hint: str = "; check the path",
    chunk_rows: int = CHUNK_ROWS,
    max_mb: float | None = None,
) -> Iterator[pd.DataFrame]:
    """Stream a CSV file as tables of text, ``chunk_rows`` rows at a time.

    Parameters
    ----------
    path
        The CSV file (UTF-8, comma-separated, a header row).
    columns
        The columns the header must have (others are kept too).
    schema
        Where the schema is described, for the message about missing columns.
    hint
        What to do when the file does not exist; follows "<path> does not exist".
    chunk_rows
        Rows per table.
    max_mb
        Refuse a file larger than this many megabytes; None for no limit.

    Yields
    ------
    Tables of strings (empty values as ``""``) indexed by row number from 0, so that a row's line
    in the file is ``index + 2`` when no value spans lines; ``attrs["bytes_read"]`` says how far
    into the file the table ends. A header-only file yields one empty table.

    Raises
    ------
    InputFileError
        One of its subclasses, with a message that quotes the file and says what to do.
    """
    path = Path(path)
    _check_path(path, max_mb=max_mb, hint=hint)
    with path.open("rb") as handle:
        _check_head(path, handle.read(_HEAD_BYTES))
        handle.seek(0)
        lines = _Lines(path, handle)
        reader = csv.reader(lines, strict=True)
        header = next(_rows(path, reader, None), [])
        _check_header(path, header, columns, schema)
        start, chunk = 0, []
        for row in _rows(path, reader, len(header)):
            chunk.append(row)
            if len(chunk) == chunk_rows:
                yield _table(chunk, header, start, lines.offset)
                start, chunk = start + len(chunk), []
        if chunk or start == 0:
            yield _table(chunk, header, start, lines.offset)


def _table(rows: list[list[str]], header: list[str], start: int, offset: int) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=header, index=range(start, start + len(rows)), dtype=str)
    table.attrs["bytes_read"] = offset
    return table


_QUOTE = ord('"')
_MAX_BLOCK = 2**31 - 1  # pyarrow's largest block (bytes); a larger file is read in pieces
_FIELD_EDGE = np.zeros(256, dtype=bool)  # byte -> may stand beside a quote (a lookup, not np.isin)
_FIELD_EDGE[[ord(","), ord('"'), ord("\n"), ord("\r")]] = True


def _stray_quote(data: bytes) -> bool:
    """True when a quote has text on both sides (``"a"b``): strict CSV may refuse it, pyarrow would not."""
    raw = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(raw == _QUOTE)
    inner = quotes[(quotes > 0) & (quotes < len(raw) - 1)]
    return bool((~_FIELD_EDGE[raw[inner - 1]] & ~_FIELD_EDGE[raw[inner + 1]]).any())


def _arrow_table(path: Path, columns: Sequence[str]) -> pd.DataFrame | None:
    """The whole file read by pyarrow (all text), or None when it is anything but a clean CSV.

    A clean file (strict UTF-8, one value per header column on every row, no stray quote, the
    columns present) reads in one vectorised pass; anything else returns None so that
    :func:`iter_csv_chunks` reports the problem with its line and what to do.
    """
    data = path.read_bytes()
    try:
        _check_head(path, data[:_HEAD_BYTES])
        end = data.find(b"\n")  # not split(): that would copy the whole file
        first = data[: end if end >= 0 else len(data)].decode("utf-8").removeprefix("\ufeff")
        header = next(csv.reader([first]))
        if not header or len(set(header)) != len(header) or any(c not in header for c in columns):
            return None
        if _stray_quote(data):
            return None
        table = pa_csv.read_csv(
            pa.BufferReader(data),
            # one block: every column in one piece (a take of a few rows then copies only those rows)
            read_options=pa_csv.ReadOptions(block_size=min(len(data) + 1, _MAX_BLOCK)),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types={name: pa.string() for name in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (InputFileError, pa.ArrowException, UnicodeDecodeError, csv.Error, StopIteration):
        return None
    if table.column_names != header:
        return None
    return table.to_pandas().astype(str)


def read_csv_table(
    path: Path | str,
    *,
    columns: Sequence[str],
    schema: str,
    hint: str = "; check the path",
    max_mb: float | None = MAX_LOAD_MB,
    allow_empty: bool = True,
) -> pd.DataFrame:
    """Load a whole CSV file as a table of text.

    Parameters
    ----------
    path, columns, schema, hint
        As for :func:`iter_csv_chunks`.
    max_mb
        Refuse a file larger than this many megabytes (:data:`MAX_LOAD_MB` by default); None for
        no limit.
    allow_empty
        Whether a file with a header and no rows is fine (else it is an error).

    Returns
    -------
    Every row, values as strings, indexed from 0.

    Raises
    ------
    InputFileError
        As for :func:`iter_csv_chunks`; also when the file has no rows and ``allow_empty`` is False.
    """
    path = Path(path)
    _check_path(path, max_mb=max_mb, hint=hint)
    table = _arrow_table(path, columns)
    if table is None:  # a problem: the careful reader finds it and says where and what to do
        chunks = list(
            iter_csv_chunks(path, columns=columns, schema=schema, hint=hint, max_mb=max_mb, chunk_rows=10**9)
        )
        table = chunks[0] if len(chunks) == 1 else pd.concat(chunks)
    if table.empty and not allow_empty:
        raise InputFileError(path, "has a header but no rows; add its rows (or restore it from git)")
    return table
