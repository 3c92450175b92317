"""Popup and tooltip HTML for the records, every value escaped.

Leaflet puts popup and tooltip strings into ``innerHTML``, so each text that comes from the data
passes through :func:`html.escape` here; a record named ``<img src=x onerror=alert(1)>`` shows as
text. Stable hooks for browser tests: ``.cm-popup[data-record-id]``, ``tr[data-field=...]``,
``.cm-source-section`` (the plan's section, such as 专栏7) and ``.cm-source-sentence``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any

from cluster_map.core.i18n import Lang, t
from cluster_map.core.items import split_multi
from cluster_map.core.taxonomy import Taxonomy

__all__ = ["FIELDS", "popup_html", "records_popup_html", "tooltip_html"]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _names(record: Mapping[str, Any], lang: Lang) -> tuple[str, str]:
    """(title, subtitle): the name in ``lang`` first, the other language second."""
    zh, en = _text(record.get("name_zh")), _text(record.get("name_en"))
    return (en or zh, zh if en else "") if lang == "en" else (zh or en, en)


def _units(codes: str, names_zh: str, place_names_en: Mapping[str, str], lang: Lang) -> str:
    names = split_multi(names_zh)
    if lang == "en":
        names = [
            place_names_en.get(code, name) for code, name in zip(split_multi(codes), names, strict=False)
        ]  # a short list: names stay
    return t("list_separator", lang).join(names)


def _place(record: Mapping[str, Any], lang: Lang, taxonomy: Taxonomy, names_en: Mapping[str, str]) -> str:
    parts = [
        _units(_text(record.get("county_code")), _text(record.get("county_zh")), names_en, lang),
        _units(_text(record.get("prefecture_code")), _text(record.get("prefecture_zh")), names_en, lang),
    ]
    text = " · ".join(p for p in parts if p)
    named = _text(record.get("place_zh"))
    if named:
        text += f" ({t('popup_place_in_plan', lang, place=named)})"
    return text


def _sector(record: Mapping[str, Any], lang: Lang, taxonomy: Taxonomy) -> str:
    sector = taxonomy.label("sectors", _text(record.get("sector")), lang=lang)
    subsector = taxonomy.label("subsectors", _text(record.get("subsector")), lang=lang)
    return f"{sector} · {subsector}" if subsector else sector


def _vocabulary(vocabulary: str, column: str) -> Callable[[Mapping[str, Any], Lang, Taxonomy], str]:
    return lambda record, lang, taxonomy: taxonomy.label(vocabulary, _text(record.get(column)), lang=lang)


#: Popup field -> how its (plain) text is made.
_ROWS: dict[str, Callable[..., str]] = {
    "kind": _vocabulary("kinds", "kind"),
    "sector": _sector,
    "level": _vocabulary("levels", "level"),
    "precision": _vocabulary("precisions", "precision"),
    "evidence": _vocabulary("evidences", "evidence"),
    "note": lambda record, lang, taxonomy: _text(record.get("note")),
    "id": lambda record, lang, taxonomy: _text(record.get("id")),
}
#: Every field a layer may list in its popup, in display order.
FIELDS: tuple[str, ...] = (
    "kind",
    "sector",
    "level",
    "place",
    "precision",
    "evidence",
    "source",
    "note",
    "id",
)


#: Fields whose text is written in English only (curators' notes): shown, marked as English, on
#: English pages; left out of Chinese pages, which show nothing in another language.
_ENGLISH_FIELDS = frozenset({"note"})


def _row(field: str, value: str, lang: Lang) -> str:
    text_lang = ' lang="en"' if field in _ENGLISH_FIELDS else ""
    return (
        f'<tr data-field="{field}"><th>{escape(t("field_" + field, lang))}</th>'
        f"<td{text_lang}>{escape(value)}</td></tr>"
    )


def _link_button(record_id: str, lang: Lang) -> str:
    return (
        f'<div class="cm-actions"><button type="button" class="cm-link" data-link-record="{escape(record_id)}">'
        f"{escape(t('link_button', lang))}</button></div>"
    )


def _source(record: Mapping[str, Any], lang: Lang, taxonomy: Taxonomy) -> str:
    doc = _text(record.get("source_doc"))
    title = taxonomy.documents.get(doc, {}).get(lang, doc)
    section = _text(record.get("source_section"))
    sentence = _text(record.get("source_sentence"))
    return (
        f'<div class="cm-source" data-field="source"><b>{escape(t("field_source", lang))}</b> '
        f'<span class="cm-source-doc" data-doc="{escape(doc)}">{escape(title)}</span> '
        f'<span class="cm-source-section">{escape(section)}</span>'
        f'<blockquote class="cm-source-sentence" lang="zh">{escape(sentence)}</blockquote></div>'
    )


def popup_html(
    record: Mapping[str, Any],
    *,
    lang: Lang,
    taxonomy: Taxonomy,
    fields: Sequence[str] = FIELDS,
    place_names_en: Mapping[str, str] | None = None,
) -> str:
    """The popup of one record.

    Parameters
    ----------
    record
        One row of the records (column -> value).
    lang
        ``"zh"`` or ``"en"``: labels, vocabulary and the order of the two names.
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
    parts = [
        f'<div class="cm-record" data-record-id="{escape(_text(record.get("id")))}">',
        f'<div class="cm-title">{escape(title)}</div>',
        f'<div class="cm-subtitle">{escape(subtitle)}</div>' if subtitle else "",
        "<table>",
    ]
    for field in fields:
        if field in _ENGLISH_FIELDS and lang != "en":
            continue
        if field == "place":
            value = _place(record, lang, taxonomy, place_names_en or {})
        elif field in _ROWS:
            value = _ROWS[field](record, lang, taxonomy)
        else:
            continue
        parts.append(_row(field, value, lang) if value else "")
    parts.append("</table>")
    if "source" in fields:
        parts.append(_source(record, lang, taxonomy))
    parts.append(_link_button(_text(record.get("id")), lang))
    parts.append("</div>")
    return "".join(parts)


def records_popup_html(popups: Sequence[str], *, heading: str = "") -> str:
    """One popup holding several records' popups (a zone named by several records), under a heading.

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
    """The hover text of a record: its name in ``lang`` (escaped)."""
    return escape(_names(record, lang)[0])
