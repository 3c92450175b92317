"""A place's profile as data: JSON (counts, zones, counties, items with their mentions) and CSV.

Both are built from :class:`cluster_map.core.profiles.Profile`, the same object the app's profile
panel and the printable brief (:mod:`cluster_map.export.brief`) show. The CSV is one row per item,
written by :func:`cluster_map.core.csv_output.csv_bytes` for spreadsheets (formulas neutralised).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import geopandas as gpd
import pandas as pd

from cluster_map.core.catalog import Catalog
from cluster_map.core.csv_output import csv_bytes
from cluster_map.core.errors import UsageError
from cluster_map.core.filters import spec_to_query
from cluster_map.core.i18n import Lang
from cluster_map.core.items import Mention, split_multi
from cluster_map.core.place_passages import Passage
from cluster_map.core.profiles import Profile
from cluster_map.core.taxonomy import Taxonomy
from cluster_map.export.brief import brief_html, item_mentions

__all__ = [
    "PROFILE_CSV_COLUMNS",
    "PROFILE_FORMATS",
    "ProfileFormat",
    "profile_bytes",
    "profile_csv",
    "profile_json",
]

ProfileFormat = Literal["html", "csv", "json"]
#: The formats of a profile: the printable brief, a CSV of its items, the whole profile as JSON.
PROFILE_FORMATS: tuple[ProfileFormat, ...] = ("html", "csv", "json")

#: The columns of the profile CSV, one row per item (place columns list the places in the place).
PROFILE_CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "name_zh",
    "name_en",
    "kind",
    "sector",
    "subsector",
    "level",
    "place_zh",
    "prefecture_zh",
    "county_zh",
    "kept_places",
    "source_doc",
    "source_section",
    "mention_count",
)


def _mention(mention: Mention) -> dict[str, Any]:
    return {
        "doc": mention.doc,
        "section": mention.section,
        "spans": [list(span) for span in mention.spans],
        "text": mention.text,
        "sentence": mention.sentence,
    }


def _items(profile: Profile) -> list[dict[str, Any]]:
    said = item_mentions(profile.rows)
    return [
        {
            "id": str(item["id"]),
            "name_zh": str(item["name_zh"]),
            "name_en": str(item["name_en"]),
            "kind": str(item["kind"]),
            "sector": str(item["sector"]),
            "level": str(item["level"]),
            "places_zh": split_multi(item["place_zh"]),
            "mentions": [_mention(m) for m in said.get(str(item["id"]), ())],
        }
        for item in profile.items.to_dict("records")
    ]


def _passage(passage: Passage) -> dict[str, Any]:
    return {
        "doc": passage.doc,
        "section": passage.section,
        "start": passage.start,
        "end": passage.end,
        "text": passage.text,
        "names": list(passage.names),
    }


def profile_json(profile: Profile, *, catalog: Catalog, passages: Sequence[Passage] = ()) -> dict[str, Any]:
    """The profile as a JSON-ready dict.

    Returns
    -------
    ``place`` (level, code, names), ``filter`` (as a URL query, the place included), ``item_count``,
    ``drawn_count``, ``counts`` (sector / kind / level -> value -> items; ``"—"`` for none),
    ``zones`` and ``counties`` (with names and item counts), ``items`` (id, names, kind, sector,
    level, places in the place, ``mentions``: doc, section, spans, text, sentence), ``passages``
    (what the layout chapters say about the place: doc, section, offsets, text, the names in it).
    """
    place = profile.place
    return {
        "place": {
            "level": place.level,
            "code": place.code,
            "name_zh": place.name(catalog, "zh"),
            "name_en": place.name(catalog, "en"),
        },
        "filter": spec_to_query(profile.spec),
        "item_count": profile.item_count,
        "drawn_count": profile.drawn_count,
        "counts": profile.counts,
        "zones": [
            {
                "id": z,
                "name_zh": catalog.zone_names("zh").get(z, z),
                "name_en": catalog.zone_names("en").get(z, z),
            }
            for z in profile.zones
        ],
        "counties": [
            {
                "code": code,
                "name_zh": catalog.unit_names("zh").get(code, code),
                "name_en": catalog.unit_names("en").get(code, code),
                "items": count,
            }
            for code, count in profile.counties.items()
        ],
        "items": _items(profile),
        "passages": [_passage(p) for p in passages],
    }


def profile_csv(profile: Profile) -> bytes:
    """One row per item of the profile (:data:`PROFILE_CSV_COLUMNS`), for Excel or WPS."""
    table = pd.DataFrame(profile.items)
    for column in PROFILE_CSV_COLUMNS:
        if column not in table:
            table[column] = ""
    return csv_bytes(table[list(PROFILE_CSV_COLUMNS)], for_spreadsheets=True)


def profile_bytes(
    profile: Profile,
    *,
    fmt: str,
    catalog: Catalog,
    taxonomy: Taxonomy,
    boundaries: Mapping[str, gpd.GeoDataFrame],
    passages: Sequence[Passage] = (),
    lang: Lang = "zh",
) -> bytes:
    """The profile as a file's bytes (UTF-8): ``html`` (the brief), ``csv`` or ``json``.

    ``boundaries`` (web-weight ``prefecture`` and ``county`` frames) and ``lang`` serve the brief;
    ``passages`` (what the plans say about the place) go into the brief and the JSON.
    """
    if fmt == "json":
        text = json.dumps(
            profile_json(profile, catalog=catalog, passages=passages), ensure_ascii=False, indent=1
        )
        return (text + "\n").encode("utf-8")
    if fmt == "csv":
        return profile_csv(profile)
    if fmt == "html":
        html = brief_html(
            profile, catalog=catalog, taxonomy=taxonomy, boundaries=boundaries, passages=passages, lang=lang
        )
        return html.encode("utf-8")
    raise UsageError(f"format {fmt!r} is not a profile format; use one of {list(PROFILE_FORMATS)}")
