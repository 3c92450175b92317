"""Filters over the records: a spec, its URL query form, and the subset it keeps.

One spec serves the app's sidebar, its shareable URL (``?sector=新能源&kind=key_project``) and the
command line's ``export`` options. Within one field the values are alternatives (OR); fields
combine with AND; an empty field keeps everything. The fields, their URL keys and how each one
matches are declared once, in :data:`cluster_map.core.fields.FILTER_FIELDS`; units and zones come
from :class:`cluster_map.core.catalog.Catalog`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import pandas as pd

from cluster_map.core.catalog import Catalog
from cluster_map.core.errors import FilterError, UsageError
from cluster_map.core.fields import FILTER_FIELDS, QUERY_KEYS, SEARCH_COLUMNS, FilterField, field_named
from cluster_map.core.items import split_multi
from cluster_map.core.taxonomy import Taxonomy

__all__ = [
    "QUERY_KEYS",
    "SEARCH_COLUMNS",
    "FilterChoices",
    "FilterSpec",
    "QueryProblem",
    "apply_filters",
    "filter_mask",
    "spec_from_query",
    "spec_to_query",
    "text_mask",
]

_FIELD_NAMES = frozenset(f.name for f in FILTER_FIELDS if f.multiple)


@dataclass(frozen=True, init=False, repr=False)
class FilterSpec:
    """What to keep: the allowed values of each filter field, and a free text (``search``).

    Give the fields by name, as :data:`~cluster_map.core.fields.FILTER_FIELDS` calls them:
    ``FilterSpec(sectors=("新能源",), prefectures=("130200",), search="氢")``; read them as
    ``spec.sectors`` or ``spec.values("sectors")`` (an empty tuple for a field not chosen). Empty
    fields are not stored, so ``FilterSpec(sectors=()) == FilterSpec()``. ``spec.without("sectors")``
    (or ``dataclasses.replace(spec, sectors=())``) empties one field.
    """

    chosen: tuple[tuple[str, tuple[str, ...]], ...]  # (field, values) of the chosen fields, by name
    search: str

    def __init__(
        self,
        *,
        chosen: Iterable[tuple[str, Iterable[str]]] = (),
        search: str = "",
        **values: Iterable[str],
    ) -> None:
        merged = dict(chosen)
        merged.update(values)
        for name, given in merged.items():
            if isinstance(given, str):
                raise UsageError(
                    f"FilterSpec({name}={given!r}): give a tuple of values, e.g. {name}=({given!r},)"
                )
        kept = sorted((name, tuple(given)) for name, given in merged.items())
        object.__setattr__(self, "chosen", tuple((name, given) for name, given in kept if given))
        object.__setattr__(self, "search", str(search))

    def values(self, name: str) -> tuple[str, ...]:
        """The allowed values of field ``name`` (empty when the field keeps everything)."""
        return dict(self.chosen).get(name, ())

    def names(self) -> tuple[str, ...]:
        """The names of the fields with values, plus ``search`` when there is a text."""
        return (*(name for name, _ in self.chosen), *(("search",) if self.search else ()))

    def __getattr__(self, name: str) -> tuple[str, ...]:
        if name.startswith("_") or (name not in _FIELD_NAMES and name not in dict(self.chosen)):
            raise AttributeError(f"FilterSpec has no field {name!r}; the fields are {sorted(_FIELD_NAMES)}")
        return self.values(name)

    def __repr__(self) -> str:
        parts = [f"{name}={values!r}" for name, values in self.chosen]
        parts += [f"search={self.search!r}"] if self.search else []
        return f"FilterSpec({', '.join(parts)})"

    def is_empty(self) -> bool:
        """True when the spec keeps every record."""
        return not self.chosen and not self.search

    def without(self, name: str) -> FilterSpec:
        """The spec with field ``name`` emptied (``"search"`` empties the text)."""
        if name == "search":
            return FilterSpec(chosen=self.chosen)
        return FilterSpec(chosen=[(n, v) for n, v in self.chosen if n != name], search=self.search)


def _allowed_values(field: FilterField, records: pd.DataFrame, taxonomy: Taxonomy) -> tuple[str, ...]:
    if field.values_from == "taxonomy":
        return tuple(getattr(taxonomy, str(field.vocabulary)))
    return tuple(sorted(str(value) for value in pd.unique(records[field.columns[0]].astype(str)) if value))


@dataclass(frozen=True, eq=False)
class FilterChoices:
    """The values that exist for each filter field, with the catalog that names units and zones.

    Values of ``prefecture``, ``county`` and ``zone`` fields come from the catalog; those of the
    other fields from ``values`` (field name -> values, as :meth:`build` reads them from the taxonomy
    and the records). ``fields`` is the registry the choices serve (the filters read it from here).
    """

    values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    catalog: Catalog = field(default_factory=Catalog)
    fields: tuple[FilterField, ...] = FILTER_FIELDS

    @classmethod
    def build(
        cls,
        records: pd.DataFrame,
        *,
        catalog: Catalog,
        taxonomy: Taxonomy,
        fields: Sequence[FilterField] = FILTER_FIELDS,
    ) -> FilterChoices:
        """Choices from the taxonomy's vocabularies, the records' own values and the catalog.

        Parameters
        ----------
        records
            As :func:`cluster_map.core.records.read_records` returns (fields with ``values_from =
            "records"``, such as subsectors, offer the values the records hold).
        catalog
            The prefectures, counties and zones.
        taxonomy
            The vocabularies (sectors, kinds, levels, documents ...).
        fields
            The registry.
        """
        values = {
            f.name: _allowed_values(f, records, taxonomy)
            for f in fields
            if f.values_from in ("taxonomy", "records")
        }
        return cls(values, catalog, tuple(fields))

    def field(self, name: str) -> FilterField:
        """The registry's field called ``name``."""
        return field_named(name, self.fields)

    def allowed(self, name: str) -> tuple[str, ...]:
        """The allowed values of spec field ``name`` (codes and zone ids for units and zones)."""
        source = self.field(name).values_from
        if source in ("prefecture", "county"):
            return self.catalog.codes(source)
        if source == "zone":
            return self.catalog.zone_ids()
        return tuple(self.values.get(name, ()))

    def canonical(self, name: str, value: str) -> str | None:
        """``value`` as the spec stores it, or None when it is unknown.

        Prefectures and zones may be given by code, Chinese name (with or without 市) or id;
        counties by code, or by a name that only one county has (唐山市路北区 or 路北区, not 桥西区).
        """
        source = self.field(name).values_from
        if source in ("prefecture", "county", "zone"):
            return self.catalog.find(source, value)
        return value if value in self.allowed(name) else None


@dataclass(frozen=True)
class QueryProblem:
    """One part of a URL query (or CLI filter) that was not understood and was dropped.

    ``key`` is the query key (``sector``, ``lang`` ...), ``value`` the value as given ("" for an
    unknown key), ``allowed`` what would have been understood. ``str()`` gives the English message
    of the command line; the app words it in the page's language with names instead of codes.
    """

    key: str
    value: str = ""
    allowed: tuple[str, ...] = ()

    @property
    def unknown_key(self) -> bool:
        """True when the key itself is not known (then ``value`` is empty)."""
        return not self.value

    def __str__(self) -> str:
        if self.unknown_key:
            return f"unknown filter {self.key!r}; known filters: {', '.join(self.allowed)}"
        hint = f"; use one of: {', '.join(self.allowed)}" if self.allowed else ""
        return f"{self.key}={self.value!r} is not a known value{hint}"


def _unknown_fields(spec: FilterSpec, fields: Sequence[FilterField]) -> None:
    unknown = sorted(set(spec.names()) - {f.name for f in fields})
    if unknown:
        raise UsageError(
            f"{spec!r} has fields {unknown} that are not filters; use {[f.name for f in fields]}"
        )


def spec_from_query(
    params: Mapping[str, str | Sequence[str]], *, choices: FilterChoices, strict: bool = False
) -> tuple[FilterSpec, list[QueryProblem]]:
    """Read a spec from URL query parameters (or CLI options of the same names).

    Parameters
    ----------
    params
        Key -> value or list of values; comma-separated values are split too.
    choices
        The values that exist (and the registry of fields, :attr:`FilterChoices.fields`).
    strict
        Raise :class:`FilterError` on any unknown key or value instead of dropping it.

    Returns
    -------
    The spec of the known values, and one message per unknown key or value (empty when all known).
    """
    by_key = {f.key: f for f in choices.fields}
    problems: list[QueryProblem] = []
    values: dict[str, Any] = {}
    for key, raw in params.items():
        found = by_key.get(key)
        if found is None:
            problems.append(QueryProblem(key, allowed=tuple(by_key)))
            continue
        items = [raw] if isinstance(raw, str) else list(raw)
        if not found.multiple:
            values[found.name] = " ".join(i.strip() for i in items if i.strip())
            continue
        kept: list[str] = []
        for item in (part.strip() for i in items for part in str(i).split(",")):
            if not item:
                continue
            known = choices.canonical(found.name, item)
            if known is None:
                problems.append(QueryProblem(key, item, tuple(choices.allowed(found.name))))
            elif known not in kept:
                kept.append(known)
        values[found.name] = tuple(kept)
    if strict and problems:
        raise FilterError("\n".join(map(str, problems)))
    return FilterSpec(**values), problems


def spec_to_query(spec: FilterSpec, *, fields: Sequence[FilterField] = FILTER_FIELDS) -> dict[str, list[str]]:
    """The spec as URL query parameters (key -> list of values) in the registry's order; empty fields left out."""
    _unknown_fields(spec, fields)
    query: dict[str, list[str]] = {}
    for f in fields:
        if not f.multiple:
            if spec.search:
                query[f.key] = [spec.search]
        elif spec.values(f.name):
            query[f.key] = list(spec.values(f.name))
    return query


def _any_code_in(column: pd.Series, codes: set[str]) -> pd.Series:
    return column.map(lambda cell: any(code in codes for code in split_multi(cell)))


def _field_mask(
    records: pd.DataFrame, f: FilterField, allowed: tuple[str, ...], catalog: Catalog
) -> pd.Series:
    """True for each record that field ``f`` keeps with these allowed values."""
    if f.match == "exact":
        return records[f.columns[0]].isin(allowed)
    if f.match == "codes":
        return _any_code_in(records[f.columns[0]], set(allowed))
    chosen = frozenset(allowed)
    return catalog.record_zones(records).map(lambda zones: not chosen.isdisjoint(zones))


def text_mask(records: pd.DataFrame, f: FilterField, text: str) -> pd.Series:
    """True for each record whose searched columns hold ``text`` (any case)."""
    columns = [records[column].astype(str) for column in f.columns]
    haystack = columns[0]
    for column in columns[1:]:  # vectorised concatenation: the columns joined by spaces, as one text
        haystack = haystack + " " + column
    return haystack.str.casefold().str.contains(text.casefold(), regex=False).astype(bool)


def filter_mask(records: pd.DataFrame, spec: FilterSpec, *, choices: FilterChoices) -> pd.Series:
    """True for each record the spec keeps (aligned with ``records``); nothing is copied.

    Parameters
    ----------
    records
        As :func:`cluster_map.core.records.read_records` returns.
    spec
        What to keep; its fields must be in ``choices.fields``.
    choices
        The registry of fields, and the catalog for the zones' member units.
    """
    _unknown_fields(spec, choices.fields)
    keep = pd.Series(True, index=records.index)
    for f in choices.fields:
        if not f.multiple:
            if spec.search:
                keep &= text_mask(records, f, spec.search)
        elif spec.values(f.name):
            keep &= _field_mask(records, f, spec.values(f.name), choices.catalog)
    return keep


def apply_filters(records: gpd.GeoDataFrame, spec: FilterSpec, *, choices: FilterChoices) -> gpd.GeoDataFrame:
    """The records the spec keeps, in their original order (a copy; :func:`filter_mask` for the mask)."""
    return records[filter_mask(records, spec, choices=choices)].copy()
