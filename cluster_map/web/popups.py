"""Popup and tooltip HTML for the plan items, every value escaped.

Leaflet puts popup and tooltip strings into ``innerHTML``, so each text that comes from the data
passes through :func:`html.escape` here; an item named ``<img src=x onerror=alert(1)>`` shows as
text. An item's popup is the same at each of its places: it lists every place (the marker's own
place first, marked) and every passage of the plans that names it, the named span marked.
Stable hooks for browser tests: ``.cm-popup[data-record-id]`` (the item id), ``tr[data-field=...]``,
``.cm-place[data-place-no]``, ``.cm-source`` (one per mention) with ``.cm-source-section`` (the
plan's section, such as 专栏7) and ``.cm-source-sentence``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any

from cluster_map.core.i18n import Lang, t
from cluster_map.core.items import Mention, PlaceRef, split_multi
from cluster_map.core.marks import marked_html
from cluster_map.core.taxonomy import Taxonomy

__all__ = ["FIELDS", "popup_html", "records_popup_html", "tooltip_html"]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _names(record: Mapping[str, Any], lang: Lang) -> tuple[str, str]:
    """(title, subtitle): the name in ``lang`` first, the other language second."""
    zh, en = _text(record.get("name_zh")), _text(record.get("name_en"))
    return (en or zh, zh if en else "") if lang == "en" else (zh or en, en)


def _units(codes: str, names_zh: str, names_en: Mapping[str, str], lang: Lang) -> list[str]:
    names = split_multi(names_zh)
    if lang == "en":
        names = [names_en.get(code, name) for code, name in zip(split_multi(codes), names, strict=False)]
    return names


def _place_text(place: PlaceRef, lang: Lang, names_en: Mapping[str, str]) -> str:
    """``曹妃甸区 · 唐山市 (规划原文：曹妃甸)``: the units, then the place as the plan writes it."""
    separator = t("list_separator", lang)
    counties = separator.join(_units(place.county_code, place.county_zh, names_en, lang))
    prefectures = separator.join(_units(place.prefecture_code, place.prefecture_zh, names_en, lang))
    text = " · ".join(p for p in (counties, prefectures) if p)
    if place.place_zh:
        text += f" ({t('popup_place_in_plan', lang, place=place.place_zh)})"
    return text


def _places_cell(record: Mapping[str, Any], lang: Lang, names_en: Mapping[str, str]) -> str:
    """Every place of the item, escaped: one as text, several as a list, the marker's own first."""
    places: Sequence[PlaceRef] = record["places"]
    if not places:
        return ""
    here = int(record.get("place_no") or 0)
    if len(places) == 1:
        (place,) = places
        text = escape(_place_text(place, lang, names_en))
        return f'<span class="cm-place cm-place-only" data-place-no="{place.place_no}">{text}</span>'
    ordered = sorted(places, key=lambda p: p.place_no != here)
    items = []
    for place in ordered:
        mark = ' class="cm-place cm-place-here"' if place.place_no == here else ' class="cm-place"'
        items.append(
            f'<li{mark} data-place-no="{place.place_no}">{escape(_place_text(place, lang, names_en))}</li>'
        )
    return f'<ul class="cm-places">{"".join(items)}</ul>'


def _sector(record: Mapping[str, Any], lang: Lang, taxonomy: Taxonomy) -> str:
    sector = taxonomy.label("sectors", _text(record.get("sector")), lang=lang)
    subsector = taxonomy.label("subsectors", _text(record.get("subsector")), lang=lang)
    return f"{sector} · {subsector}" if subsector else sector


def _quoted(vocabulary: str, column: str) -> Callable[[Mapping[str, Any], Lang, Taxonomy], str]:
    """A vocabulary value with the plan's words for it: ``国家级（“升级为国家级高新区”）``."""

    def text(record: Mapping[str, Any], lang: Lang, taxonomy: Taxonomy) -> str:
        value = _text(record.get(column))
        if not value:
            return ""
        quote = _text(record.get(f"{column}_quote"))
        label = taxonomy.label(vocabulary, value, lang=lang)
        return t("popup_quoted", lang, value=label, quote=quote) if quote else label

    return text


def _vocabulary(vocabulary: str, column: str) -> Callable[[Mapping[str, Any], Lang, Taxonomy], str]:
    return lambda record, lang, taxonomy: taxonomy.label(vocabulary, _text(record.get(column)), lang=lang)


def _note(record: Mapping[str, Any], lang: Lang, taxonomy: Taxonomy) -> str:
    return _text(record.get(f"note_{lang}"))


#: Popup field -> how its (plain) text is made.
_ROWS: dict[str, Callable[..., str]] = {
    "kind": _vocabulary("kinds", "kind"),
    "sector": _sector,
    "level": _quoted("levels", "level"),
    "status": _quoted("statuses", "status"),
    "precision": _vocabulary("precisions", "precision"),
    "evidence": _vocabulary("evidences", "evidence"),
    "note": _note,
    "id": lambda record, lang, taxonomy: _text(record.get("id")),
}
#: Every field a layer may list in its popup, in display order.
FIELDS: tuple[str, ...] = (
    "kind",
    "sector",
    "level",
    "status",
    "place",
    "precision",
    "evidence",
    "source",
    "note",
    "id",
)


def _row(field: str, html: str, lang: Lang) -> str:
    """One table row; ``html`` is escaped already."""
    return f'<tr data-field="{field}"><th>{escape(t("field_" + field, lang))}</th><td>{html}</td></tr>'


def _link_button(record_id: str, lang: Lang) -> str:
    return (
        f'<div class="cm-actions"><button type="button" class="cm-link" data-link-record="{escape(record_id)}">'
        f"{escape(t('link_button', lang))}</button></div>"
    )


def _source(mention: Mention, lang: Lang, taxonomy: Taxonomy) -> str:
    title = taxonomy.documents.get(mention.doc, {}).get(lang, mention.doc)
    sentence = marked_html(mention.sentence, mention.text.split("…"))
    return (
        f'<div class="cm-source" data-field="source">'
        f'<span class="cm-source-doc" data-doc="{escape(mention.doc)}">{escape(title)}</span> '
        f'<span class="cm-source-section">{escape(mention.section)}</span>'
        f'<blockquote class="cm-source-sentence" lang="zh">{sentence}</blockquote>'
        f'<button type="button" class="cm-read" data-doc="{escape(mention.doc)}" '
        f'data-at="{mention.spans[0][0] if mention.spans else 0}">{escape(t("read_in_plan", lang))}</button></div>'
    )


def _sources(record: Mapping[str, Any], lang: Lang, taxonomy: Taxonomy) -> str:
    mentions: Sequence[Mention] = record["mentions"]
    if not mentions:
        return ""
    heading = t("popup_mentions", lang, count=len(mentions))
    blocks = "".join(_source(m, lang, taxonomy) for m in mentions)
    return f'<div class="cm-sources"><b>{escape(heading)}</b>{blocks}</div>'


def popup_html(
    record: Mapping[str, Any],
    *,
    lang: Lang,
    taxonomy: Taxonomy,
    fields: Sequence[str] = FIELDS,
    place_names_en: Mapping[str, str] | None = None,
) -> str:
    """The popup of one item at one of its places.

    Parameters
    ----------
    record
        One item-place row (column -> value), as :func:`cluster_map.core.items.item_rows` makes
        them: ``places`` and ``mentions`` hold every place and every mention of the item.
    lang
        ``"zh"`` or ``"en"``: labels, vocabulary, notes and the order of the two names.
    taxonomy
        The vocabularies (labels of kinds, sectors, ...; document titles).
    fields
        Which of :data:`FIELDS` to show, in this order; empty values are left out.
    place_names_en
        Admin code -> English name, for places in English.

    Returns
    -------
    Escaped HTML.
    """
    unknown = [f for f in fields if f not in FIELDS]
    if unknown:
        raise ValueError(f"popup fields {unknown} are not known; use some of {list(FIELDS)}")
    title, subtitle = _names(record, lang)
    item_id = _text(record.get("id"))
    parts = [
        f'<div class="cm-record" data-record-id="{escape(item_id)}">',
        f'<div class="cm-title">{escape(title)}</div>',
        f'<div class="cm-subtitle">{escape(subtitle)}</div>' if subtitle else "",
        "<table>",
    ]
    for field in fields:
        if field == "place":
            html = _places_cell(record, lang, place_names_en or {})
        elif field in _ROWS:
            html = escape(_ROWS[field](record, lang, taxonomy))
        else:
            continue
        parts.append(_row(field, html, lang) if html else "")
    parts.append("</table>")
    if "source" in fields:
        parts.append(_sources(record, lang, taxonomy))
    parts.append(_link_button(item_id, lang))
    parts.append("</div>")
    return "".join(parts)


def records_popup_html(popups: Sequence[str], *, heading: str = "") -> str:
    """One popup holding several items' popups (a zone named by several items), under a heading.

    Parameters
    ----------
    popups
        Popups as :func:`popup_html` returns (already escaped).
    heading
        Plain text shown above them (escaped here).

    Returns
    -------
    HTML.
    """
    head = f'<div class="cm-title">{escape(heading)}</div>' if heading else ""
    return f'<div class="cm-popup">{head}{"".join(popups)}</div>'


def tooltip_html(record: Mapping[str, Any], *, lang: Lang) -> str:
    """The hover text of an item: its name in ``lang`` (escaped)."""
    return escape(_names(record, lang)[0])
