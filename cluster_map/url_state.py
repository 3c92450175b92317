"""The page's state in its URL: the filter plus the view (language, base map, choropleth sector).

``?sector=新能源&kind=key_project&lang=en&basemap=amap`` opens the same view for anyone. Unknown keys
and values are reported and dropped, never fatal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .basemaps import DEFAULT_BASEMAP
from .filters import FilterChoices, FilterSpec, spec_from_query, spec_to_query
from .i18n import LANGS, Lang, parse_lang

__all__ = ["VIEW_KEYS", "PageState", "read_url", "write_url"]

VIEW_KEYS = ("lang", "basemap", "choropleth")  # URL keys that are not filters


@dataclass(frozen=True)
class PageState:
    """Everything a shared link restores."""

    spec: FilterSpec = FilterSpec()
    lang: Lang = "zh"
    basemap: str = DEFAULT_BASEMAP
    choropleth: str = ""  # a sector, or "" for all sectors


def read_url(
    params: Mapping[str, Sequence[str]], *, choices: FilterChoices, basemaps: Sequence[str]
) -> tuple[PageState, list[str]]:
    """The page state a URL asks for, and one message per unknown key or value.

    Parameters
    ----------
    params
        Query key -> its values (``st.query_params.get_all`` for each key).
    choices
        The filter values that exist.
    basemaps
        The base maps available on this server.

    Returns
    -------
    The state of the known values, and the problems (empty when everything was known).
    """
    filters = {key: list(values) for key, values in params.items() if key not in VIEW_KEYS}
    view = {key: list(params[key])[-1] for key in VIEW_KEYS if key in params and list(params[key])}
    spec, problems = spec_from_query(filters, choices=choices)
    basemap = view.get("basemap", DEFAULT_BASEMAP)
    if basemap not in basemaps:
        problems.append(f"basemap={basemap!r} is not available; use one of: {', '.join(basemaps)}")
        basemap = DEFAULT_BASEMAP
    sector = view.get("choropleth", "")
    if sector and sector not in choices.sectors:
        problems.append(
            f"choropleth={sector!r} is not a known sector; use one of: {', '.join(choices.sectors)}"
        )
        sector = ""
    lang = view.get("lang", "")
    if lang.strip() and lang.strip().lower() not in LANGS:
        problems.append(
            f"lang={lang!r} is not a known language; use one of: {', '.join(LANGS)} (showing Chinese)"
        )
    return PageState(spec, parse_lang(lang), basemap, sector), problems


def write_url(state: PageState) -> dict[str, list[str]]:
    """The URL query of a page state; defaults are left out so plain links stay short."""
    query = spec_to_query(state.spec)
    view = {"lang": "en" if state.lang == "en" else "", "choropleth": state.choropleth}
    if state.basemap != DEFAULT_BASEMAP:
        view["basemap"] = state.basemap
    query.update({key: [value] for key, value in view.items() if value})
    return query
