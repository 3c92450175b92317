"""The map's legend as HTML: symbols per layer, sector colours, precision, level, zones, choropleth."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape

from cluster_map.core.i18n import Lang, t
from cluster_map.core.taxonomy import Taxonomy
from cluster_map.web.choropleth import Classes
from cluster_map.web.layer_spec import LayerSpec
from cluster_map.web.symbols import LEVEL_STROKES, PRECISION_FILL, marker_svg

__all__ = ["legend_html", "point_legend_html"]

_GREY = "#999999"
_SHOWN_PRECISIONS = ("county", "prefecture", "multi_prefecture")


def _item(symbol: str, text: str) -> str:
    return f"<li>{symbol}<span>{escape(text)}</span></li>"


def _swatch(color: str) -> str:
    return f'<span class="cm-swatch" style="background:{escape(color)}"></span>'


def _section(heading: str, items: Iterable[str], key: str) -> str:
    body = "".join(items)
    return f'<section data-legend="{key}"><h4>{escape(heading)}</h4><ul>{body}</ul></section>' if body else ""


def _symbols(specs: Sequence[LayerSpec], lang: Lang) -> str:
    items = (_item(marker_svg(shape=s.shape, color=_GREY), s.name[lang]) for s in specs if s.type == "points")
    return _section(t("legend_layers", lang), items, "symbols")


def _sectors(taxonomy: Taxonomy, lang: Lang) -> str:
    items = (
        _item(_swatch(entry["color"]), taxonomy.label("sectors", sector, lang=lang))
        for sector, entry in taxonomy.sectors.items()
    )
    return _section(t("legend_sectors", lang), items, "sectors")


def _precision(taxonomy: Taxonomy, lang: Lang) -> str:
    items = (
        _item(
            marker_svg(shape="circle", color=_GREY, precision=p), taxonomy.label("precisions", p, lang=lang)
        )
        for p in _SHOWN_PRECISIONS
        if p in PRECISION_FILL
    )
    return _section(t("legend_precision", lang), items, "precision")


def _levels(taxonomy: Taxonomy, lang: Lang) -> str:
    items = (
        _item(
            marker_svg(shape="circle", color=_GREY, level=level),
            taxonomy.label("levels", level, lang=lang) if level else t("legend_no_level", lang),
        )
        for level in LEVEL_STROKES
    )
    return _section(t("legend_level", lang), items, "level")


def _zones(specs: Sequence[LayerSpec], zone_names: Mapping[str, str], lang: Lang) -> str:
    items = [
        _item(_swatch(color), zone_names.get(zone, zone))
        for spec in specs
        if spec.type == "zones"
        for zone, color in spec.colors.items()
    ]
    return _section(t("legend_zones", lang), items, "zones")


def _choropleth(classes: Classes | None, subject: str, lang: Lang) -> str:
    if classes is None or not classes.colors:
        return ""
    items = [_item(_swatch(c), label) for c, label in zip(classes.colors, classes.labels(), strict=True)]
    note = f'<p class="cm-note" data-legend="choropleth">{escape(t("choropleth_note", lang))}</p>'
    heading = t("legend_choropleth", lang) + (f" ({subject})" if subject else "")
    return _section(heading, items, "choropleth") + note


def legend_html(
    specs: Sequence[LayerSpec],
    *,
    lang: Lang,
    taxonomy: Taxonomy,
    zone_names: Mapping[str, str] | None = None,
    classes: Classes | None = None,
    choropleth_sector: str | None = None,
    choropleth_on: bool = False,
) -> str:
    """The legend, collapsible, open at first.

    Parameters
    ----------
    specs
        The map's layers (point layers give symbols, zone layers colours, every layer its note).
    lang
        ``"zh"`` or ``"en"``.
    taxonomy
        Sector colours and the labels of precisions and levels.
    zone_names
        Zone id -> name in ``lang``.
    classes
        The choropleth's classes (None: no choropleth section).
    choropleth_sector
        The sector the choropleth counts (None: all).
    choropleth_on
        Whether the choropleth layer is on when the map opens (its section shows only while it is).

    Returns
    -------
    Escaped HTML.
    """
    notes = [s.legend[lang] for s in specs if s.legend.get(lang)] + [t("legend_note", lang)]
    return (
        f'<details open data-choropleth-on="{int(choropleth_on)}"><summary>{escape(t("legend", lang))}</summary>'
        + _symbols(specs, lang)
        + _sectors(taxonomy, lang)
        + _precision(taxonomy, lang)
        + _levels(taxonomy, lang)
        + _zones(specs, zone_names or {}, lang)
        + _choropleth(
            classes,
            taxonomy.label("sectors", choropleth_sector, lang=lang) if choropleth_sector else "",
            lang,
        )
        + "".join(f'<p class="cm-note">{escape(n)}</p>' for n in notes)
        + "</details>"
    )


def point_legend_html(*, lang: Lang, taxonomy: Taxonomy) -> str:
    """The legend of the point layer: the sectors' colours and how the layer counts when zoomed out."""
    return (
        f'<details open data-choropleth-on="0"><summary>{escape(t("legend", lang))}</summary>'
        + _sectors(taxonomy, lang)
        + f'<p class="cm-note">{escape(t("point_legend_note", lang))}</p>'
        + "</details>"
    )
