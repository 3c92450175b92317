"""The page's state in its URL: the filter plus the view (language, base map, choropleth, record).

``?sector=新能源&kind=key_project&lang=en&basemap=amap`` opens the same view for anyone, and
``?item=sei-b04-03`` opens the map on one record with its popup. Unknown keys and values are
reported (as :class:`cluster_map.core.filters.QueryProblem`) and dropped, never fatal.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from cluster_map.core.filters import FilterChoices, FilterSpec, QueryProblem, spec_from_query, spec_to_query
from cluster_map.core.i18n import LANGS, Lang
from cluster_map.web.basemap_specs import DEFAULT_BASEMAP

__all__ = ["CHOROPLETH_ALL", "VIEW_KEYS", "PageState", "read_url", "write_url"]

VIEW_KEYS = ("lang", "basemap", "choropleth", "item", "profile")  # URL keys that are not filters
CHOROPLETH_ALL = "all"  # the choropleth counts every sector ("" means the choropleth is off)


@dataclass(frozen=True)
class PageState:
    """Everything a shared link restores."""

    spec: FilterSpec = field(default_factory=FilterSpec)
    lang: Lang = "zh"
    basemap: str = DEFAULT_BASEMAP
    choropleth: str = ""  # "" (off), CHOROPLETH_ALL, or one sector
    item: str = ""  # the record whose popup opens ("" for none)
    profile: str = ""  # the prefecture, county (adcode) or zone (id) whose profile shows ("" for none)


def _view_value(
    key: str, value: str, allowed: Sequence[str], problems: list[QueryProblem], default: str
) -> str:
    if value in allowed:
        return value
    problems.append(QueryProblem(key, value, tuple(allowed)))
    return default


def read_url(
    params: Mapping[str, Sequence[str]],
    *,
    choices: FilterChoices,
    basemaps: Sequence[str],
    items: Collection[str] = (),
    places: Collection[str] = (),
) -> tuple[PageState, list[QueryProblem]]:
    """The page state a URL asks for, and one problem per unknown key or value.

    Parameters
    ----------
    params
        Query key -> its values (``st.query_params.get_all`` for each key).
    choices
        The filter values that exist.
    basemaps
        The base maps available on this server.
    items
        The record ids that exist (``item=`` must name one).
    places
        The prefecture and county codes and zone ids (``profile=`` must name one).

    Returns
    -------
    The state of the known values, and the problems (empty when everything was known).
    """
    filters = {key: list(values) for key, values in params.items() if key not in VIEW_KEYS}
    view = {key: list(params[key])[-1] for key in VIEW_KEYS if key in params and list(params[key])}
    spec, problems = spec_from_query(filters, choices=choices)
    lang = _view_value("lang", view.get("lang", "").strip().lower() or "zh", LANGS, problems, "zh")
    basemap = _view_value(
        "basemap", view.get("basemap", DEFAULT_BASEMAP), basemaps, problems, DEFAULT_BASEMAP
    )
    choropleth = view.get("choropleth", "")
    if choropleth:
        allowed = (CHOROPLETH_ALL, *choices.allowed("sectors"))
        choropleth = _view_value("choropleth", choropleth, allowed, problems, "")
    item = view.get("item", "")
    if item and item not in items:
        problems.append(QueryProblem("item", item))
        item = ""
    profile = view.get("profile", "")
    if profile and profile not in places:
        problems.append(QueryProblem("profile", profile))
        profile = ""
    state = PageState(spec, lang, basemap, choropleth, item, profile)  # type: ignore[arg-type]  # lang is in LANGS
    return state, problems


def write_url(state: PageState) -> dict[str, list[str]]:
    """The URL query of a page state; defaults are left out so plain links stay short."""
    query = spec_to_query(state.spec)
    view = {
        "lang": "en" if state.lang == "en" else "",
        "choropleth": state.choropleth,
        "item": state.item,
        "profile": state.profile,
        "basemap": state.basemap if state.basemap != DEFAULT_BASEMAP else "",
    }
    query.update({key: [value] for key, value in view.items() if value})
    return query
