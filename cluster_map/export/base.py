"""What every export writer shares: the error, a CRS entry, the job a writer is given, the file texts.

A writer is a function ``ExportJob -> bytes``. It is given everything it writes (the items, their
mentions and the boundary layers already in the export CRS, the taxonomy) and reads no file itself. The texts the
files carry (the source line, counts, the GCJ-02 warning) come from :mod:`cluster_map.core.i18n`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import geopandas as gpd
import pandas as pd
import pyproj

from cluster_map.core.errors import ClusterMapError
from cluster_map.core.i18n import Lang, t
from cluster_map.core.taxonomy import Taxonomy

__all__ = [
    "DECIMALS",
    "ExportCrs",
    "ExportError",
    "ExportJob",
    "bilingual",
    "counts_text",
    "gcj02_warning",
    "source_text",
]

DECIMALS = 6  # about 0.1 m


class ExportError(ClusterMapError, ValueError):
    """An export was asked in a format, CRS or file name that does not work, or without its inputs."""


@dataclass(frozen=True)
class ExportCrs:
    """One coordinate system an export can be written in.

    ``key`` is the ``--crs`` value, ``tag`` what file names carry, ``name`` what the files say,
    ``target`` the CRS the file is labelled with, ``shift`` the offset applied to WGS 84 first.
    """

    key: str
    label_key: str
    tag: str
    name: str
    target: pyproj.CRS
    shift: Literal["gcj02"] | None = None

    def label(self, lang: Lang = "zh") -> str:
        """The label of a select box in ``"zh"`` or ``"en"``."""
        return t(self.label_key, lang)


@dataclass(frozen=True)
class ExportJob:
    """What one writer writes, prepared: items and boundaries in the export CRS, rounded, cleaned.

    ``items`` has one row per item (a Point, a MultiPoint or no geometry; see
    :mod:`cluster_map.export.items`), ``mentions`` one row per passage that names one (``item_id``
    is the item's ``id``). ``boundaries`` maps the file's layer name (``prefectures``, ``counties``, ``zones``) to its
    frame; it is empty for formats without boundary layers. ``taxonomy`` is None for formats that
    do not use it.
    """

    items: gpd.GeoDataFrame
    mentions: pd.DataFrame
    crs: ExportCrs
    name: str
    boundaries: Mapping[str, gpd.GeoDataFrame] = field(default_factory=dict)
    taxonomy: Taxonomy | None = None


def bilingual(key: str, *, sep: str = " ", english_first: bool = False, **values: object) -> str:
    """The string ``key`` of :data:`cluster_map.core.i18n.STRINGS` in both languages, Chinese first.

    Parameters
    ----------
    key
        A key of the string table.
    sep
        What stands between the two texts.
    english_first
        Put the English text first (for text that continues in English).
    **values
        Placeholder values, the same for both languages.

    Returns
    -------
    For instance ``"未定位（规划未给出地点） No place in the plan"``.
    """
    zh, en = t(key, "zh", **values), t(key, "en", **values)
    return f"{en}{sep}{zh}" if english_first else f"{zh}{sep}{en}"


def source_text() -> str:
    """The line that says where the items come from (both plans, in Chinese and English)."""
    return bilingual("export_source", sep=" — ")


def counts_text(job: ExportJob, *, lang: Lang = "en") -> str:
    """``"5 items, 1 without a place (no geometry); 7 mentions"`` for the items of ``job``."""
    unplaced = int(job.items.geometry.isna().sum())
    return t("export_counts", lang, items=len(job.items), unplaced=unplaced, mentions=len(job.mentions))


def gcj02_warning() -> str:
    """The warning GCJ-02 files carry: not WGS 84, for GCJ-02 base maps only (English, then Chinese)."""
    return bilingual("export_gcj02_warning", english_first=True)
