"""Display labels of the sidebar's filter options, in Chinese or English."""

from __future__ import annotations

from collections.abc import Callable

from cluster_map.core.filters import QUERY_KEYS
from cluster_map.core.i18n import STRINGS, Lang, t
from cluster_map.ui.url_state import CHOROPLETH_ALL
from cluster_map.web.context import MapContext

__all__ = ["option_labeller", "url_value_labeller"]

_VOCABULARIES = {"sectors": "sectors", "subsectors": "subsectors", "kinds": "kinds", "levels": "levels"}


def _county_labeller(context: MapContext, lang: Lang) -> Callable[[str], str | None]:
    """路北区（唐山市） / Lubei District (Tangshan City): county names repeat across prefectures."""
    names = context.unit_names(lang)
    parents = dict(zip(context.units["adcode"], context.units["parent_adcode"]))

    def label(code: str) -> str | None:
        if code not in names:
            return None
        parent = names.get(parents.get(code, ""), "")
        if not parent:
            return names[code]
        return f"{names[code]}（{parent}）" if lang == "zh" else f"{names[code]} ({parent})"

    return label


def option_labeller(field: str, *, context: MapContext, lang: Lang) -> Callable[[str], str | None]:
    """A function from a filter value of ``field`` (a FilterSpec field name) to its label.

    Parameters
    ----------
    field
        ``sectors``, ``subsectors``, ``kinds``, ``levels``, ``prefectures``, ``counties``, ``zones``
        or ``source_docs``.
    context
        The map context (taxonomy, unit and zone names).
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    The labeller; it returns None for a value it does not know.
    """
    taxonomy = context.taxonomy
    if field in _VOCABULARIES:
        vocabulary = _VOCABULARIES[field]
        return lambda value: taxonomy.label(vocabulary, value, lang=lang)
    if field == "prefectures":
        return context.unit_names(lang).get
    if field == "counties":
        return _county_labeller(context, lang)
    if field == "zones":
        return dict(zip(context.zones["adcode"], context.zones[f"name_{lang}"])).get
    if field == "source_docs":
        return lambda value: taxonomy.documents[value][lang] if value in taxonomy.documents else None
    return str


def url_value_labeller(*, context: MapContext, lang: Lang) -> Callable[[str, str], str]:
    """A function ``(url_key, value) -> label`` for every key of the page's URL (the value itself
    where there is no label): ``("prefecture", "130200")`` -> 唐山市, ``("basemap", "osm")`` -> OpenStreetMap.
    """
    fields = {key: name for name, key in QUERY_KEYS.items()}

    def label(key: str, value: str) -> str:
        if key in fields:
            return option_labeller(fields[key], context=context, lang=lang)(value) or value
        if key == "basemap" and f"basemap_{value}" in STRINGS:
            return t(f"basemap_{value}", lang)
        if key == "choropleth":
            return (
                t("all_sectors", lang)
                if value == CHOROPLETH_ALL
                else context.taxonomy.label("sectors", value, lang=lang)
            )
        if key == "lang":
            return {"zh": "中文", "en": "English"}.get(value, value)
        return value

    return label
