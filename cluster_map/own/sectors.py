"""Map the industry values of a user's file to the plan's sectors.

Suggestions first: the longest sector name, subsector name (with the sector the plan items give
it) or keyword of geodata/sector_keywords.toml that the value contains. The user edits the mapping; values left without a sector are listed.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from cluster_map.core.errors import DataError, UsageError
from cluster_map.core.paths import GEODATA_DIR
from cluster_map.core.taxonomy import Taxonomy

__all__ = ["KEYWORDS_PATH", "apply_sector_map", "load_keywords", "parse_sector_map", "suggest_sectors"]

KEYWORDS_PATH = GEODATA_DIR / "sector_keywords.toml"
UNMAPPED = ""


def load_keywords(path: Path = KEYWORDS_PATH) -> dict[str, tuple[str, ...]]:
    """Sector -> its keywords (geodata/sector_keywords.toml)."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: cannot read the sector keywords ({exc}); restore it from git") from exc
    return {str(sector): tuple(map(str, words)) for sector, words in data.get("keywords", {}).items()}


def _subsector_sectors(items: pd.DataFrame | None) -> dict[str, str]:
    """Subsector -> the sector the plan items give it (a subsector under several sectors is left out)."""
    if items is None or not {"sector", "subsector"} <= set(items.columns):
        return {}
    pairs = items.loc[items["subsector"].astype(str) != "", ["subsector", "sector"]].drop_duplicates()
    single = pairs.groupby("subsector")["sector"].nunique() == 1
    return {str(k): str(v) for k, v in pairs[pairs["subsector"].map(single)].itertuples(index=False)}


def suggest_sectors(
    values: pd.Series,
    *,
    taxonomy: Taxonomy,
    keywords: Mapping[str, tuple[str, ...]],
    items: pd.DataFrame | None = None,
) -> dict[str, str]:
    """Each distinct non-empty value -> a suggested sector, or ``""`` when nothing matches."""
    words = {
        word: sector for sector, found in keywords.items() if sector in taxonomy.sectors for word in found
    }
    words.update(
        {sub: sector for sub, sector in _subsector_sectors(items).items() if sector in taxonomy.sectors}
    )
    words.update(
        {sector: sector for sector in taxonomy.sectors if sector != "综合"}
    )  # a name beats a keyword
    by_length = sorted(words, key=len, reverse=True)
    suggested: dict[str, str] = {}
    for value in pd.unique(values.astype(str).str.strip()):
        if value:
            suggested[value] = next((words[w] for w in by_length if w in value), UNMAPPED)
    return suggested


def parse_sector_map(pairs: list[str], *, taxonomy: Taxonomy) -> dict[str, str]:
    """``["光伏=新能源", ...]`` (the command line's ``--sector-map``) -> value -> sector."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        value, sep, sector = pair.partition("=")
        if not sep or sector.strip() not in taxonomy.sectors:
            raise UsageError(
                f"--sector-map {pair!r} is not VALUE=SECTOR with a known sector; the sectors are "
                + ", ".join(taxonomy.sectors)
            )
        mapping[value.strip()] = sector.strip()
    return mapping


def apply_sector_map(values: pd.Series, mapping: Mapping[str, str]) -> pd.Series:
    """The sector of each row (``""`` where its value has none)."""
    return values.astype(str).str.strip().map(lambda v: mapping.get(v, UNMAPPED)).astype(object)
