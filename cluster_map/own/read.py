"""Read a user's file: CSV (UTF-8 or GBK/GB18030), XLSX, GeoJSON, GeoPackage or a zipped shapefile.

Every cell comes back as text (``""`` for an empty cell): identifiers with leading zeros and
formula-like cells stay exactly as written. Geographic files keep their geometry, in EPSG:4326.
"""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
from pyogrio.errors import DataLayerError, DataSourceError

from cluster_map.core.errors import InputFileError

__all__ = [
    "ENCODINGS",
    "MAX_UPLOAD_MB",
    "OWN_SUFFIXES",
    "OwnFileError",
    "OwnTable",
    "decode_text",
    "read_own_bytes",
    "read_own_file",
    "text_frame",
]

#: Files larger than this are refused with a message; the app's upload limit is the same
#: (``server.maxUploadSize`` in .streamlit/config.toml). ``cluster-map join --max-mb`` raises it.
MAX_UPLOAD_MB = 200.0
#: Suffix -> reader; the order is the one the upload box lists.
OWN_SUFFIXES: dict[str, str] = {
    ".csv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".geojson": "geo",
    ".json": "geo",
    ".gpkg": "geo",
    ".zip": "shapefile",
}
ENCODINGS = (("utf-8-sig", "UTF-8"), ("gb18030", "GBK/GB18030"))


class OwnFileError(InputFileError):
    """A user's file cannot be read as a table; the message says why and what to do."""


@dataclass(frozen=True)
class OwnTable:
    """A user's file as a table of text; ``geometry`` holds its shapes when the file had any."""

    frame: pd.DataFrame
    name: str
    encoding: str = ""  # "UTF-8" or "GBK/GB18030" for a CSV file
    geometry: gpd.GeoSeries | None = None

    def __len__(self) -> int:
        return len(self.frame)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """The text of a file's bytes and its encoding's label: UTF-8 (a BOM dropped), else GB18030."""
    for codec, label in ENCODINGS:
        try:
            return data.decode(codec), label
        except UnicodeDecodeError:
            continue
    raise OwnFileError(
        name,
        "is neither UTF-8 nor GBK/GB18030 text (UTF-16 or another encoding?); re-save it as CSV UTF-8 "
        "(Excel: Save As › CSV UTF-8) and upload it again",
    )


def text_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column as text, empty cells as ``""``, column names as stripped text."""
    frame = frame.copy()
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.astype(object).where(frame.notna(), "").astype(str)


def _arrow_csv(data: bytes, text: str, encoding: str) -> pd.DataFrame | None:
    """A clean CSV file read by pyarrow in one multi-threaded pass (all text); None: use pandas."""
    header = next(csv.reader(io.StringIO(text[: text.find("\n") + 1 or None])), [])
    names = [c.strip() for c in header]
    if not names or len(set(names)) != len(names) or "" in names:
        return None  # pandas names duplicate and empty headers (a.1, Unnamed: 3)
    codec = "utf-8" if encoding == "UTF-8" else "gb18030"
    try:
        table = pacsv.read_csv(
            io.BytesIO(data.removeprefix(b"\xef\xbb\xbf")),
            read_options=pacsv.ReadOptions(encoding=codec, column_names=names, skip_rows=1),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None  # ragged rows and the like: pandas says what is wrong
    return table.to_pandas()


def _read_csv(data: bytes, name: str) -> OwnTable:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise OwnFileError(name, "is UTF-16 text; re-save it as CSV UTF-8 (Excel: Save As › CSV UTF-8)")
    text, encoding = decode_text(data, name)
    if not text.strip():
        raise OwnFileError(name, "has no rows; it needs a header row and one row per enterprise or project")
    fast = _arrow_csv(data, text, encoding)
    if fast is not None:
        return OwnTable(fast, name, encoding)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
    except (pd.errors.ParserError, ValueError) as exc:
        raise OwnFileError(
            name, f"is not a readable CSV table ({exc}); check its separators and quotes"
        ) from None
    return OwnTable(text_frame(frame), name, encoding)


def _read_xlsx(data: bytes, name: str) -> OwnTable:
    try:
        frame = pd.read_excel(io.BytesIO(data), dtype=str, engine="openpyxl")
    except (zipfile.BadZipFile, ValueError, KeyError) as exc:
        raise OwnFileError(
            name, f"is not a readable .xlsx workbook ({exc}); save it from Excel as .xlsx"
        ) from None
    return OwnTable(text_frame(frame), name)


def _geo_table(frame: gpd.GeoDataFrame, name: str) -> OwnTable:
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")  # CGCS2000 and projected systems: pyproj; GCJ-02 is said later
    geometry = frame.geometry
    table = text_frame(pd.DataFrame(frame.drop(columns=frame.geometry.name)))
    return OwnTable(table, name, geometry=gpd.GeoSeries(geometry.reset_index(drop=True), crs=frame.crs))


def _read_geo(data: bytes, name: str) -> OwnTable:
    with tempfile.TemporaryDirectory() as folder:  # a real file name: the driver goes by its suffix
        path = Path(folder) / f"upload{Path(name).suffix.lower()}"
        path.write_bytes(data)
        return _read_geo_path(path, name)


def _read_geo_path(path: Path, name: str) -> OwnTable:
    try:
        frame = gpd.read_file(path)
    except (DataSourceError, DataLayerError, ValueError) as exc:
        raise OwnFileError(name, f"is not a readable GeoJSON or GeoPackage file ({exc})") from None
    return _geo_table(frame, name)


def _read_shapefile(data: bytes, name: str) -> OwnTable:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise OwnFileError(name, "is not a zip archive; zip the .shp, .shx, .dbf and .prj together") from None
    shapes = [n for n in archive.namelist() if n.lower().endswith(".shp")]
    if len(shapes) != 1:
        raise OwnFileError(
            name, f"holds {len(shapes)} .shp files; zip exactly one shapefile (.shp, .shx, .dbf, .prj)"
        )
    with tempfile.TemporaryDirectory() as folder:
        archive.extractall(folder)
        try:
            frame = gpd.read_file(Path(folder) / shapes[0])
        except (DataSourceError, DataLayerError, ValueError) as exc:
            raise OwnFileError(name, f"holds a shapefile that cannot be read ({exc})") from None
    return _geo_table(frame, name)


_READERS = {"csv": _read_csv, "xlsx": _read_xlsx, "geo": _read_geo, "shapefile": _read_shapefile}


def read_own_bytes(data: bytes, *, name: str, max_mb: float = MAX_UPLOAD_MB) -> OwnTable:
    """Read an uploaded file's bytes; ``name`` (its file name) chooses the reader by suffix.

    Raises
    ------
    OwnFileError
        When the file is empty, too large, of an unknown kind, or not readable as what its suffix says.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in OWN_SUFFIXES:
        raise OwnFileError(
            name, f"has the suffix {suffix or '(none)'!r}; upload one of {', '.join(OWN_SUFFIXES)}"
        )
    if len(data) > max_mb * 1e6:
        raise OwnFileError(
            name,
            f"is {len(data) / 1e6:.0f} MB, more than the limit of {max_mb:g} MB; split it, or join it on the "
            "command line (`cluster-map join FILE --engine dask` reads any size in partitions)",
        )
    if not data:
        raise OwnFileError(
            name, "is empty (0 bytes); it needs a header row and one row per enterprise or project"
        )
    table = _READERS[OWN_SUFFIXES[suffix]](data, name)
    if table.frame.empty:
        raise OwnFileError(name, "has a header but no rows; add one row per enterprise or project")
    return table


def read_own_file(path: Path | str, *, max_mb: float = MAX_UPLOAD_MB) -> OwnTable:
    """Read a file from disk (see :func:`read_own_bytes`)."""
    path = Path(path)
    if not path.is_file():
        raise OwnFileError(
            path, "does not exist or is not a file; pass the path of a CSV, XLSX, GeoJSON, GPKG or zip"
        )
    if path.stat().st_size > max_mb * 1e6:
        _too_large(path, max_mb)
    return read_own_bytes(path.read_bytes(), name=path.name, max_mb=max_mb)


def _too_large(path: Path, max_mb: float) -> None:
    raise OwnFileError(
        path,
        f"is {path.stat().st_size / 1e6:.0f} MB, more than the limit of {max_mb:g} MB; raise it with --max-mb if "
        "the machine has the memory, or use --engine dask, which reads the file in partitions",
    )
