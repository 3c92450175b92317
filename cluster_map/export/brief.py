"""A printable brief of a place: one self-contained HTML file (print it to PDF from the browser).

It holds the place's title and the filter its counts follow, a static SVG map of the place and its
items (:func:`cluster_map.export.brief_map.place_svg`, drawn from our own boundaries), the counts by
sector, kind and level, the items per county, the list of items and, for each item, every passage
of the plans that names it (plan, section, sentence with the named span marked). Every text is
escaped; the file references nothing outside itself (no fonts, scripts, images or links), so it
opens with no internet. Chinese by default, English with ``lang="en"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

import geopandas as gpd
import pandas as pd

from cluster_map.core.catalog import Catalog
from cluster_map.core.fields import field_named
from cluster_map.core.i18n import Lang, t
from cluster_map.core.items import Mention, split_multi
from cluster_map.core.marks import marked_html
from cluster_map.core.place_passages import Passage
from cluster_map.core.profiles import COUNTED, Profile
from cluster_map.core.taxonomy import Taxonomy
from cluster_map.export.brief_map import place_svg, sector_key_html

__all__ = ["brief_html", "filter_line", "item_mentions"]

_PLACE_FIELDS = ("prefectures", "counties", "zones")
_NO_VALUE = "—"  # how core.profiles counts an item without a level
_COUNT_HEADINGS = {"sector": "field_sector", "kind": "field_kind", "level": "field_level"}
_STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
margin:2em auto;max-width:52em;padding:0 1em;color:#222;line-height:1.5}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;border-bottom:1px solid #ccc;margin-top:1.5em}
h3{font-size:1.05em;margin:1em 0 .3em}.cm-meta{color:#555}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.2em .5em;
text-align:left;vertical-align:top}td.cm-n{text-align:right}
.cm-counts{display:flex;flex-wrap:wrap;gap:1.5em}
.cm-map{max-width:100%;height:auto;border:1px solid #ddd;background:#fafafa}
.cm-area{fill:#e8eef6;stroke:#335;stroke-width:1.2;fill-rule:evenodd}
.cm-inner{fill:none;stroke:#99a;stroke-width:.5}
.cm-key{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:4px 14px}
.cm-swatch{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px}
.cm-item-area{fill:none;stroke-width:2.5;stroke-dasharray:6 4;stroke-opacity:.8}.cm-item{stroke:#fff;stroke-width:1;fill-opacity:.9}
mark{background:#fde68a}blockquote{margin:.2em 0 .6em 1em;padding-left:.6em;border-left:3px solid #ddd}
.cm-item-block{break-inside:avoid;page-break-inside:avoid}
@media print{body{margin:0;max-width:none}h2{break-after:avoid;page-break-after:avoid}}
"""


def item_mentions(rows: pd.DataFrame) -> dict[str, tuple[Mention, ...]]:
    """Item id -> its mentions (every row of an item carries the same), in the rows' item order."""
    found: dict[str, tuple[Mention, ...]] = {}
    for item, mentions in zip(rows["id"], rows["mentions"], strict=True):
        found.setdefault(str(item), tuple(mentions or ()))
    return found


def _name(item: Mapping[Any, Any], lang: Lang) -> str:
    english = str(item.get("name_en") or "")
    return english if lang == "en" and english else str(item.get("name_zh") or "")


def _value_label(vocabulary: str | None, value: str, taxonomy: Taxonomy, lang: Lang) -> str:
    if value in ("", _NO_VALUE):
        return t("profile_unstated", lang) if vocabulary == "levels" else _NO_VALUE
    return taxonomy.label(vocabulary, value, lang=lang) if vocabulary else value


def filter_line(profile: Profile, taxonomy: Taxonomy, lang: Lang) -> str:
    """The filter the counts follow, besides the place itself."""
    colon, semicolon = ("：", "；") if lang == "zh" else (": ", "; ")
    parts = []
    for name, values in profile.spec.chosen:
        if name in _PLACE_FIELDS:
            continue
        f = field_named(name)
        labels = [_value_label(f.vocabulary, v, taxonomy, lang) for v in values]
        parts.append(f"{t(f.label, lang)}{colon}{t('list_separator', lang).join(labels)}")
    if profile.spec.search:
        parts.append(f"{t('field_search', lang)}{colon}{profile.spec.search}")
    if not parts:
        return t("brief_no_filter", lang)
    return t("brief_filter", lang, filters=semicolon.join(parts))


def _table(headings: Sequence[str], rows: Iterable[Sequence[str]], *, numeric: int = -1) -> str:
    """An HTML table of already escaped cells; column ``numeric`` right-aligned."""
    head = "".join(f"<th>{h}</th>" for h in headings)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="cm-n">{c}</td>' if i == numeric else f"<td>{c}</td>" for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _counts_section(profile: Profile, taxonomy: Taxonomy, lang: Lang) -> str:
    tables = []
    for column, vocabulary in COUNTED.items():
        counts = profile.counts.get(column, {})
        rows = [
            (escape(_value_label(vocabulary, value, taxonomy, lang)), str(count))
            for value, count in counts.items()
        ]
        headings = (escape(t(_COUNT_HEADINGS[column], lang)), escape(t("brief_items_count", lang)))
        tables.append(f'<div data-count="{column}">{_table(headings, rows, numeric=1)}</div>')
    return f'<h2>{escape(t("brief_counts", lang))}</h2><div class="cm-counts">{"".join(tables)}</div>'


def _counties_section(profile: Profile, catalog: Catalog, lang: Lang) -> str:
    if profile.place.level == "county" or not profile.counties:
        return ""
    names = catalog.unit_names(lang)
    rows = [(escape(names.get(code, code)), str(n)) for code, n in profile.counties.items()]
    headings = (escape(t("field_county", lang)), escape(t("brief_items_count", lang)))
    return f"<h2>{escape(t('brief_counties', lang))}</h2>{_table(headings, rows, numeric=1)}"


def _places_text(cell: object, lang: Lang) -> str:
    return t("list_separator", lang).join(split_multi(cell))


def _items_section(profile: Profile, taxonomy: Taxonomy, lang: Lang) -> str:
    headings = [
        escape(t(key, lang))
        for key in ("field_name", "field_kind", "field_sector", "field_level", "field_places")
    ]
    rows = []
    for item in profile.items.to_dict("records"):
        rows.append(
            (
                f'<a href="#item-{escape(str(item["id"]))}">{escape(_name(item, lang))}</a>',
                escape(_value_label("kinds", str(item["kind"]), taxonomy, lang)),
                escape(_value_label("sectors", str(item["sector"]), taxonomy, lang)),
                escape(_value_label("levels", str(item["level"]), taxonomy, lang)),
                escape(_places_text(item["place_zh"], lang)),
            )
        )
    return f"<h2>{escape(t('brief_items', lang))}</h2>{_table(headings, rows)}"


def _citation(mention: Mention, taxonomy: Taxonomy, lang: Lang) -> str:
    title = taxonomy.documents.get(mention.doc, {}).get(lang, mention.doc)
    sentence = marked_html(mention.sentence, mention.text.split("…"))
    return (
        f'<li class="cm-citation"><cite>{escape(str(title))}</cite> '
        f'<span class="cm-section">{escape(mention.section)}</span>'
        f'<blockquote lang="zh">{sentence}</blockquote></li>'
    )


def _citations_section(profile: Profile, taxonomy: Taxonomy, lang: Lang) -> str:
    said = item_mentions(profile.rows)
    blocks = []
    for item in profile.items.to_dict("records"):
        item_id = str(item["id"])
        citations = "".join(_citation(m, taxonomy, lang) for m in said.get(item_id, ()))
        blocks.append(
            f'<div class="cm-item-block" id="item-{escape(item_id)}"><h3>{escape(_name(item, lang))} '
            f"<small>{escape(item_id)}</small></h3><ol>{citations}</ol></div>"
        )
    return f"<h2>{escape(t('brief_citations', lang))}</h2>{''.join(blocks)}"


def _passages_section(passages: Sequence[Passage], taxonomy: Taxonomy, lang: Lang) -> str:
    """What the plans say about the place itself: each layout passage naming it, the name marked."""
    heading = f"<h2>{escape(t('profile_passages', lang))}</h2>"
    if not passages:
        return heading + f'<p class="cm-meta">{escape(t("profile_no_passages", lang))}</p>'
    items = "".join(
        f'<li class="cm-citation"><cite>{escape(str(taxonomy.documents.get(p.doc, {}).get(lang, p.doc)))}</cite> '
        f'<span class="cm-section">{escape(p.section)}</span>'
        f'<blockquote lang="zh">{marked_html(p.text, p.names)}</blockquote></li>'
        for p in passages
    )
    return f"{heading}<ol>{items}</ol>"


def _header(profile: Profile, catalog: Catalog, taxonomy: Taxonomy, lang: Lang) -> str:
    place = profile.place.name(catalog, lang)
    zones = catalog.zone_names(lang)
    zone_text = t("list_separator", lang).join(zones.get(z, z) for z in profile.zones)
    county = profile.item_count - profile.unplaced_in_place
    summary = t("brief_summary", lang, items=profile.item_count, drawn=profile.drawn_count, county=county)
    lines = [summary, filter_line(profile, taxonomy, lang)]
    lines.append(f"{t('field_zone', lang)}: {zone_text or t('brief_none', lang)}")
    zone = catalog.zone(profile.place.code) if profile.place.level == "zone" else None
    if zone is not None and zone.approximation:
        members = catalog.unit_names(lang)
        lines.append(f"{t('approximation', lang)}: " + " + ".join(members.get(m, m) for m in zone.members))
    meta = "".join(f'<p class="cm-meta">{escape(line)}</p>' for line in lines)
    return f"<h1>{escape(t('brief_title', lang, place=place))}</h1>{meta}"


def brief_html(
    profile: Profile,
    *,
    catalog: Catalog,
    taxonomy: Taxonomy,
    boundaries: Mapping[str, gpd.GeoDataFrame],
    passages: Sequence[Passage] = (),
    lang: Lang = "zh",
) -> str:
    """The brief of a place as one self-contained HTML page.

    Parameters
    ----------
    profile
        The place's profile under the current filter (:func:`cluster_map.core.profiles.build_profile`).
    catalog
        Names of units and zones, zone members.
    taxonomy
        Labels of sectors, kinds and levels; plan titles; sector colours.
    boundaries
        Web-weight ``prefecture`` and ``county`` frames, as
        :func:`cluster_map.core.boundaries.read_boundaries` returns them.
    passages
        What the plans' layout chapters say about the place
        (:func:`cluster_map.core.place_passages.place_passages`).
    lang
        ``"zh"`` (default) or ``"en"``.

    Returns
    -------
    The HTML text (UTF-8 when written), with no reference outside itself.
    """
    title = t("brief_title", lang, place=profile.place.name(catalog, lang))
    svg = place_svg(profile, catalog=catalog, taxonomy=taxonomy, boundaries=boundaries, lang=lang)
    body = "".join(
        (
            _header(profile, catalog, taxonomy, lang),
            f"<h2>{escape(t('brief_map', lang))}</h2><figure>{svg}",
            f"<figcaption>{sector_key_html(profile, taxonomy=taxonomy, lang=lang)}"
            f"{escape(t('brief_map_note', lang))}</figcaption></figure>",
            _passages_section(passages, taxonomy, lang),
            _counts_section(profile, taxonomy, lang),
            _counties_section(profile, catalog, lang),
            _items_section(profile, taxonomy, lang),
            _citations_section(profile, taxonomy, lang),
            f'<footer><p class="cm-meta">{escape(t("attribution_data", lang))}</p></footer>',
        )
    )
    html_lang = "en" if lang == "en" else "zh-CN"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>{body}</body></html>\n"
    )
