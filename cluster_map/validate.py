"""Validate records.csv: every problem at once, as ``file:line:field: what is wrong, and what to do``.

Run ``python -m cluster_map validate``. Checks: the schema and types, unique ids, known sector /
kind / level / precision / evidence / document values, that the source span really holds
``name_zh``, codes that exist and agree with their names, precision and evidence that agree with
the place, and that each point lies inside its claimed county and prefecture polygons.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import shapely

from .boundaries import read_boundaries
from .records import COLUMNS, RECORDS_PATH, split_multi
from .taxonomy import Taxonomy, load_taxonomy

__all__ = ["validate_records"]

ID_PATTERN = re.compile(r"^(sei|sti)-[a-z0-9-]+$")
#: A point may sit this far outside its polygon (degrees, ~1 m) for rounding to 6 decimals.
_INSIDE_TOLERANCE_DEG = 1e-5


@dataclass(frozen=True)
class _Context:
    taxonomy: Taxonomy
    texts: dict[str, str]
    units: dict[str, tuple[str, str, shapely.Geometry]]  # adcode -> (name_zh, level, geometry)


def _context(taxonomy: Taxonomy) -> _Context:
    units = {}
    for layer in ("prefecture", "county"):
        frame = read_boundaries(layer)
        for code, name, geom in zip(frame["adcode"], frame["name_zh"], frame.geometry):
            units[code] = (name, layer, geom)
    texts = {doc: taxonomy.document_text(doc) for doc in taxonomy.documents}
    return _Context(taxonomy, texts, units)


def _vocabulary_problems(row: pd.Series, ctx: _Context) -> Iterator[tuple[str, str]]:
    t = ctx.taxonomy
    for field, allowed, blank_ok in (
        ("kind", t.kinds, False),
        ("sector", t.sectors, False),
        ("subsector", t.subsectors, True),
        ("level", t.levels, True),
        ("precision", t.precisions, False),
        ("evidence", t.evidences, False),
        ("source_doc", t.documents, False),
    ):
        value = row[field]
        if not (value in allowed or (blank_ok and value == "")):
            yield field, f"{value!r} is not a known {field}; use one of {', '.join(allowed)}"


def _span_problems(row: pd.Series, ctx: _Context) -> Iterator[tuple[str, str]]:
    text = ctx.texts.get(row["source_doc"])
    try:
        start, end = int(row["source_start"]), int(row["source_end"])
    except ValueError:
        yield "source_start", f"offsets {row['source_start']!r}:{row['source_end']!r} are not whole numbers"
        return
    if text is None:
        return
    found = text[start:end]
    if found != row["name_zh"]:
        where = text.find(row["name_zh"])
        hint = f"; the name first occurs at {where}" if where >= 0 else "; the name is not in the document"
        yield "source_start", f"span {start}:{end} holds {found!r}, not {row['name_zh']!r}{hint}"
    if row["name_zh"] not in row["source_sentence"]:
        yield "source_sentence", f"does not contain name_zh {row['name_zh']!r}; rebuild with build-records"


def _code_problems(row: pd.Series, ctx: _Context) -> Iterator[tuple[str, str]]:
    for code_field, name_field, level in (
        ("prefecture_code", "prefecture_zh", "prefecture"),
        ("county_code", "county_zh", "county"),
    ):
        codes, names = split_multi(row[code_field]), split_multi(row[name_field])
        for code in codes:
            if code not in ctx.units or ctx.units[code][1] != level:
                yield code_field, f"{code!r} is not a Hebei {level} adcode (see geodata/gazetteer/gazetteer.csv)"
        expected = [ctx.units[c][0] for c in codes if c in ctx.units]
        if len(expected) == len(codes) and expected != names:
            yield name_field, f"{row[name_field]!r} does not match the codes {row[code_field]!r} ({';'.join(expected)})"
    for code in split_multi(row["county_code"]):
        if code in ctx.units and code[:4] + "00" not in split_multi(row["prefecture_code"]):
            yield "county_code", f"county {code} lies in prefecture {code[:4]}00, which prefecture_code lacks"


def _place_problems(row: pd.Series, ctx: _Context) -> Iterator[tuple[str, str]]:
    has_point = row["lon"] != "" and row["lat"] != ""
    has_place = row["place_zh"] != ""
    prefectures, counties = split_multi(row["prefecture_code"]), split_multi(row["county_code"])
    if has_place != has_point:
        yield "lon", "a record has a point exactly when it has a place_zh; rebuild with build-records"
    if not has_place:
        if row["precision"] != "province" or row["evidence"] != "none":
            yield "precision", "a record without a place has precision 'province' and evidence 'none'"
        return
    expected = "multi_prefecture" if len(prefectures) > 1 else ("county" if counties else "prefecture")
    if row["precision"] != expected:
        yield "precision", f"{row['precision']!r} does not fit the codes; expected {expected!r}"
    if row["evidence"] in ("text", "curated") and not row["note"].strip():
        yield "note", f"evidence {row['evidence']!r} needs its basis in note"
    if row["evidence"] == "none":
        yield "evidence", "a record with a place needs evidence other than 'none'"
    if not has_point:
        return
    try:
        point = shapely.Point(float(row["lon"]), float(row["lat"]))
    except ValueError:
        yield "lon", f"lon/lat {row['lon']!r}, {row['lat']!r} are not numbers"
        return
    for field, codes in (("county_code", counties), ("prefecture_code", prefectures)):
        polygons = [ctx.units[c][2] for c in codes if c in ctx.units]
        if polygons and shapely.union_all(polygons).distance(point) > _INSIDE_TOLERANCE_DEG:
            yield "lon", f"point ({row['lon']}, {row['lat']}) is outside the {field} polygons {';'.join(codes)}"


def _row_problems(row: pd.Series, ctx: _Context) -> Iterator[tuple[str, str]]:
    if not ID_PATTERN.match(row["id"]):
        yield "id", f"{row['id']!r} does not look like sei-… or sti-… (lower case, digits, hyphens)"
    for field in ("name_zh", "name_en", "source_section"):
        if not row[field].strip():
            yield field, "is empty; every record needs it"
    yield from _vocabulary_problems(row, ctx)
    yield from _span_problems(row, ctx)
    yield from _code_problems(row, ctx)
    yield from _place_problems(row, ctx)


def validate_records(path: Path | str = RECORDS_PATH, *, taxonomy: Taxonomy | None = None) -> list[str]:
    """Check records.csv and return every problem found (an empty list when all is well).

    Parameters
    ----------
    path
        records.csv, or a file of the same schema.
    taxonomy
        Vocabularies and documents; the committed taxonomy.toml by default.

    Returns
    -------
    Messages ``file:line:field: what is wrong, and what to do``; line 2 is the first record.
    """
    path = Path(path)
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        return [f"{path}:1:{c}: column missing; the schema is in geodata/records/README.md" for c in missing]
    ctx = _context(taxonomy or load_taxonomy())
    problems = []
    for line, id_ in table.loc[table["id"].duplicated(keep="first"), "id"].items():
        problems.append(f"{path}:{line + 2}:id: {id_!r} is used twice; ids must be unique")
    for index, row in table.iterrows():
        problems.extend(f"{path}:{index + 2}:{field}: {message}" for field, message in _row_problems(row, ctx))
    return problems

