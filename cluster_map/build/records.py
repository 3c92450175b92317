"""Build geodata/records/records.csv from the hand-written curation files.

Each curation row names an item of the plans, its span and the place as the plan writes it. This
module resolves the place with the gazetteer, puts the record's point at the representative point
of the finest unit the text supports (never finer than a county), quotes the sentence, and writes
the records. Run ``python -m cluster_map build-records``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from cluster_map.build.gazetteer import GAZETTEER_PATH, Gazetteer, Place, gazetteer_table
from cluster_map.core.boundaries import read_boundaries
from cluster_map.core.csv_input import read_csv_table
from cluster_map.core.csv_output import write_csv
from cluster_map.core.errors import PlaceNotFound, ValidationFailed
from cluster_map.core.paths import CURATION_DIR
from cluster_map.core.records import COLUMNS, MULTI_SEPARATOR, RECORDS_PATH
from cluster_map.core.sources import sentence_around
from cluster_map.core.taxonomy import Taxonomy, load_taxonomy

__all__ = ["CURATION_FILES", "build_records", "read_curation"]

CURATION_FILES = ("sei.csv", "sti.csv")
CURATION_COLUMNS = (
    "id",
    "source_doc",
    "source_section",
    "source_start",
    "name_zh",
    "name_en",
    "kind",
    "sector",
    "subsector",
    "level",
    "place_zh",
    "place_evidence",
    "note",
)
COORDINATE_DECIMALS = 6


def read_curation(folder: Path = CURATION_DIR) -> pd.DataFrame:
    """All curation rows, with ``_file`` and ``_line`` (the CSV line) for error messages.

    Raises
    ------
    InputFileError
        When a curation file is missing, unreadable, lacks columns or has no rows (a build from
        fewer rows than curated would silently drop records).
    """
    frames = []
    for name in CURATION_FILES:
        path = folder / name
        frame = read_csv_table(
            path,
            columns=CURATION_COLUMNS,
            schema="geodata/records/curation/README.md",
            hint="(curation file missing); restore it with `git checkout -- geodata/records/curation`",
            max_mb=None,
            allow_empty=False,
        )
        frame["_file"] = str(path)
        frame["_line"] = range(2, len(frame) + 2)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


class _Placer:
    """Points and codes for resolved places, from the full-weight boundaries."""

    def __init__(self, prefectures: gpd.GeoDataFrame, counties: gpd.GeoDataFrame) -> None:
        self._geometry = {
            **dict(zip(prefectures["adcode"], prefectures.geometry, strict=True)),
            **dict(zip(counties["adcode"], counties.geometry, strict=True)),
        }
        self._name = {
            **dict(zip(prefectures["adcode"], prefectures["name_zh"], strict=True)),
            **dict(zip(counties["adcode"], counties["name_zh"], strict=True)),
        }

    def fields(self, place: Place) -> dict[str, object]:
        area = shapely.union_all([self._geometry[u.adcode] for u in place.units])
        point = shapely.point_on_surface(area)
        counties = place.county_units if place.precision != "prefecture" else ()
        return {
            "prefecture_code": MULTI_SEPARATOR.join(place.prefecture_codes),
            "prefecture_zh": MULTI_SEPARATOR.join(self._name[c] for c in place.prefecture_codes),
            "county_code": MULTI_SEPARATOR.join(u.adcode for u in counties),
            "county_zh": MULTI_SEPARATOR.join(u.name_zh for u in counties),
            "precision": place.precision,
            "lon": round(point.x, COORDINATE_DECIMALS),
            "lat": round(point.y, COORDINATE_DECIMALS),
        }


_NO_PLACE = {
    "prefecture_code": "",
    "prefecture_zh": "",
    "county_code": "",
    "county_zh": "",
    "precision": "province",
    "evidence": "none",
    "lon": "",
    "lat": "",
}


def _record(
    row: pd.Series, gazetteer: Gazetteer, placer: _Placer, texts: dict[str, str]
) -> dict[str, object]:
    start = int(row["source_start"])
    end = start + len(row["name_zh"])
    record: dict[str, object] = {c: row[c] for c in COLUMNS if c in row.index}
    record.update(source_start=start, source_end=end)
    record["source_sentence"] = sentence_around(texts[row["source_doc"]], start, end)
    note = row["note"]
    if not row["place_zh"]:
        record.update(_NO_PLACE)
    else:
        place = gazetteer.resolve(row["place_zh"])
        record.update(placer.fields(place))
        record["evidence"] = row["place_evidence"] or place.evidence
        if place.evidence == "alias" and place.basis not in note:
            note = f"{note} Alias: {place.basis}".strip()
    record["note"] = note
    return record


def build_records(
    *,
    curation_dir: Path = CURATION_DIR,
    out_path: Path = RECORDS_PATH,
    gazetteer_path: Path = GAZETTEER_PATH,
    taxonomy: Taxonomy | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> pd.DataFrame:
    """Resolve every curation row and write records.csv (and the gazetteer it used).

    Parameters
    ----------
    curation_dir
        The folder with sei.csv and sti.csv.
    out_path
        records.csv to write.
    gazetteer_path
        gazetteer.csv to write (derived from the boundaries).
    taxonomy
        Vocabularies and documents; the committed taxonomy.toml by default.
    progress
        Called with a line of text at each step.

    Returns
    -------
    The records written.

    Raises
    ------
    ValidationFailed
        Listing every row whose place did not resolve or whose span is out of the document.
    """
    taxonomy = taxonomy or load_taxonomy()
    prefectures, counties = read_boundaries("prefecture"), read_boundaries("county")
    table = gazetteer_table(prefectures, counties)
    write_csv(table, gazetteer_path)
    progress(f"wrote {gazetteer_path} ({len(table)} units)")
    gazetteer = Gazetteer.from_files(table_path=gazetteer_path)
    placer = _Placer(prefectures, counties)
    texts = {doc: taxonomy.document_text(doc) for doc in taxonomy.documents}
    curation = read_curation(curation_dir)
    progress(f"resolving {len(curation)} curation rows")
    records, problems = [], []
    for _, row in curation.iterrows():
        try:
            records.append(_record(row, gazetteer, placer, texts))
        except (PlaceNotFound, ValueError, KeyError) as exc:
            field = "place_zh" if isinstance(exc, PlaceNotFound) else "source_start"
            problems.append(f"{row['_file']}:{row['_line']}:{field}: {exc}")
    if problems:
        raise ValidationFailed(problems)
    frame = pd.DataFrame(records, columns=list(COLUMNS))
    write_csv(frame, out_path)
    progress(f"wrote {out_path} ({len(frame)} records)")
    return frame
