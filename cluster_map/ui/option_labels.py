"""Display labels of the sidebar's filter options, in Chinese or English.

Each field's labels come from where its registry entry (:data:`cluster_map.core.fields.FILTER_FIELDS`)
says: a taxonomy table, or the catalog's prefectures, counties and zones.
"""

from __future__ import annotations

from collections.abc import Callable

from cluster_map.core.catalog import Catalog
from cluster_map.core.fields import FILTER_FIELDS, FilterField
from cluster_map.core.i18n import STRINGS, Lang, t
from cluster_map.core.taxonomy import Taxonomy
from cluster_map.ui.url_state import CHOROPLETH_ALL

__all__ = ["option_labeller", "url_value_labeller"]

Labeller = Callable[[str], str | None]


def _county_labeller(catalog: Catalog, lang: Lang) -> Labeller:
    """路北区（唐山市） / Lubei District (Tangshan City): county names repeat across prefectures."""

    def label(code: str) -> str | None:
        unit = catalog.unit(code)
        if unit is None or unit.level != "county":
            return None
        parent = catalog.unit(unit.parent)
        if parent is None:
            return unit.name(lang)
        name, parent_name = unit.name(lang), parent.name(lang)
        return f"{name}（{parent_name}）" if lang == "zh" else f"{name} ({parent_name})"

    return label


def _vocabulary_labeller(field: FilterField, taxonomy: Taxonomy, lang: Lang) -> Labeller:
    """Labels from the field's taxonomy table; a value outside it is unknown (None), unless the
    field's values are the records' own (a subsector the taxonomy does not list is its own label)."""
    vocabulary = str(field.vocabulary)
    table = getattr(taxonomy, vocabulary)
    own_values = field.values_from == "records"

    def label(value: str) -> str | None:
        if value in table:
            return taxonomy.label(vocabulary, value, lang=lang)
        return value if own_values else None

    return label


def _labeller(field: FilterField, *, catalog: Catalog, taxonomy: Taxonomy, lang: Lang) -> Labeller:
    if field.values_from == "prefecture":
        return {unit.code: unit.name(lang) for unit in catalog.units if unit.level == "prefecture"}.get
    if field.values_from == "county":
        return _county_labeller(catalog, lang)
    if field.values_from == "zone":
        return catalog.zone_names(lang).get
    if field.vocabulary is not None:
        return _vocabulary_labeller(field, taxonomy, lang)
    return str


def option_labeller(field: str, *, catalog: Catalog, taxonomy: Taxonomy, lang: Lang) -> Labeller:
    """A function from a filter value of ``field`` (a FilterSpec field name) to its label.

    Parameters
    ----------
    field
        A field of :data:`~cluster_map.core.fields.FILTER_FIELDS` (``sectors``, ``prefectures`` ...).
    catalog
        The units' and zones' names.
    taxonomy
        The vocabularies' labels.
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    The labeller; it returns None for a value it does not know (and the value itself for fields
    without labels, such as the search text, or a subsector the taxonomy does not list).
    """
    found = next((f for f in FILTER_FIELDS if f.name == field), None)
    if found is None:
        return str
    return _labeller(found, catalog=catalog, taxonomy=taxonomy, lang=lang)


def url_value_labeller(*, catalog: Catalog, taxonomy: Taxonomy, lang: Lang) -> Callable[[str, str], str]:
    """A function ``(url_key, value) -> label`` for every key of the page's URL (the value itself
    where there is no label): ``("prefecture", "130200")`` -> 唐山市, ``("basemap", "osm")`` -> OpenStreetMap.
    """
    fields = {f.key: _labeller(f, catalog=catalog, taxonomy=taxonomy, lang=lang) for f in FILTER_FIELDS}

    def label(key: str, value: str) -> str:
        if key in fields:
            return fields[key](value) or value
        if key == "basemap" and f"basemap_{value}" in STRINGS:
            return t(f"basemap_{value}", lang)
        if key == "choropleth":
            return (
                t("all_sectors", lang)
                if value == CHOROPLETH_ALL
                else taxonomy.label("sectors", value, lang=lang)
            )
        if key == "lang":
            return {"zh": "中文", "en": "English"}.get(value, value)
        return value

    return label
