"""The records' filter fields as integer codes, built once: masks and facet counts as array sums.

:func:`cluster_map.core.filters.filter_mask` and :func:`cluster_map.core.facets.facet_counts` read
strings and sets row by row, which is fine for a few hundred items and far too slow for a million.
A :class:`FilterIndex` holds, for each field of the registry, the pairs (row, value code) that the
field matches on (one pair per row for exact fields; one per code of a ``;``-joined cell; one per
zone a row touches), so a field's mask is an ``np.isin`` and its facet an ``np.bincount``. The
answers equal those of the row-by-row functions (tests compare them).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cluster_map.core.filters import FilterChoices, FilterSpec, text_mask
from cluster_map.core.items import MULTI_SEPARATOR

__all__ = ["FilterIndex"]


@dataclass(frozen=True, eq=False)
class _Pairs:
    """One field: the distinct values, and for each (row, value) pair its row and value code."""

    values: tuple[str, ...]
    rows: np.ndarray
    codes: np.ndarray

    def mask(self, allowed: tuple[str, ...], n: int) -> np.ndarray:
        """True for each of the ``n`` rows with any pair among the ``allowed`` values."""
        wanted = [i for i, value in enumerate(self.values) if value in set(allowed)]
        keep = np.zeros(n, dtype=bool)
        keep[self.rows[np.isin(self.codes, wanted)]] = True
        return keep


def _factorized(cells: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Each cell's code and the distinct texts (pyarrow's hash table: a million cells in 0.1 s)."""
    codes, uniques = pd.factorize(cells.astype(str), sort=False)
    return np.asarray(codes, dtype=np.int64), [str(value) for value in uniques]


def _gathered(per_unique: list[np.ndarray], codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows and value codes of the pairs, where row ``i`` holds the values ``per_unique[codes[i]]``."""
    sizes = np.asarray([len(found) for found in per_unique], dtype=np.int64)
    if not len(codes) or not sizes.any():
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    flat = np.concatenate([*per_unique, np.zeros(0, np.int64)]).astype(np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    lengths = sizes[codes]
    rows = np.repeat(np.arange(len(codes)), lengths)
    ends = np.cumsum(lengths)
    within = np.arange(int(ends[-1])) - np.repeat(ends - lengths, lengths)
    return rows, flat[np.repeat(starts[codes], lengths) + within]


def _column_pairs(cells: pd.Series, *, split: bool) -> _Pairs:
    """Pairs of a column: one per row, or with ``split`` one per ``;``-joined value ("" holds none)."""
    codes, uniques = _factorized(cells)
    if not split:
        return _Pairs(tuple(uniques), np.arange(len(codes)), codes)
    if not any(MULTI_SEPARATOR in value for value in uniques):
        present = np.asarray([value != "" for value in uniques], dtype=bool)[codes]
        return _Pairs(tuple(uniques), np.flatnonzero(present), codes[present])
    parts = [list(dict.fromkeys(p for p in value.split(MULTI_SEPARATOR) if p)) for value in uniques]
    values = tuple(dict.fromkeys(p for found in parts for p in found))
    index = {value: i for i, value in enumerate(values)}
    per_unique = [np.asarray([index[p] for p in found], dtype=np.int64) for found in parts]
    return _Pairs(values, *_gathered(per_unique, codes))


def _zone_pairs(records: pd.DataFrame, choices: FilterChoices) -> _Pairs:
    """Pairs of the zones each row touches (through its prefecture and county codes)."""
    prefecture, prefectures = _factorized(records["prefecture_code"])
    county, counties = _factorized(records["county_code"])
    width = max(len(counties), 1)
    pairs, codes = np.unique(prefecture * width + county, return_inverse=True)
    touched = [
        choices.catalog.zones_touched(prefectures[p // width], counties[p % width]) for p in pairs.tolist()
    ]
    values = tuple(sorted(set().union(*touched))) if touched else ()
    index = {value: i for i, value in enumerate(values)}
    per_unique = [np.asarray(sorted(index[z] for z in found), dtype=np.int64) for found in touched]
    return _Pairs(values, *_gathered(per_unique, np.asarray(codes, dtype=np.int64).ravel()))


@dataclass(frozen=True, eq=False)
class FilterIndex:
    """The records' value codes per filter field, for masks and facet counts without row loops."""

    records: pd.DataFrame
    choices: FilterChoices
    items: np.ndarray  # item code of each row (an item has one row per place)
    fields: dict[str, _Pairs]

    @property
    def one_row_per_item(self) -> bool:
        """True when no item has several rows (then counts need no de-duplication)."""
        return bool(len(self.items) == 0 or self.items.max() + 1 == len(self.items))

    @classmethod
    def build(cls, records: pd.DataFrame, *, choices: FilterChoices) -> FilterIndex:
        """Index ``records`` (as :func:`cluster_map.core.items.read_item_rows` returns) once."""
        fields: dict[str, _Pairs] = {}
        for f in choices.fields:
            if f.match == "zone":
                fields[f.name] = _zone_pairs(records, choices)
            elif f.multiple:
                fields[f.name] = _column_pairs(records[f.columns[0]], split=f.match == "codes")
        items, _ = _factorized(records["id"])
        return cls(records, choices, items, fields)

    def searched(self, spec: FilterSpec) -> np.ndarray | None:
        """The free text's mask (None when the spec has no text); pass it on to avoid a second search."""
        if not spec.search:
            return None
        text_field = next(f for f in self.choices.fields if not f.multiple)
        return text_mask(self.records, text_field, spec.search).to_numpy(dtype=bool)

    def mask(self, spec: FilterSpec, *, without: str = "", searched: np.ndarray | None = None) -> np.ndarray:
        """True for each row the spec keeps (field ``without`` left out), as :func:`filter_mask`."""
        n = len(self.records)
        keep = np.ones(n, dtype=bool)
        if spec.search:
            keep &= self.searched(spec) if searched is None else searched
        for name, values in spec.chosen:
            if name != without:
                keep &= self.fields[name].mask(values, n)
        return keep

    def counts(self, spec: FilterSpec, field: str, *, searched: np.ndarray | None = None) -> dict[str, int]:
        """How many items each value of ``field`` keeps with the spec's other fields (as :func:`facet_counts`)."""
        pairs = self.fields[field]
        kept = self.mask(spec, without=field, searched=searched)[pairs.rows]
        codes = pairs.codes[kept]
        size = max(len(pairs.values), 1)
        if not self.one_row_per_item:  # one (item, value) pair counts once
            codes = np.unique(self.items[pairs.rows[kept]] * size + codes) % size
        totals = np.bincount(codes, minlength=len(pairs.values))
        return {pairs.values[i]: int(c) for i, c in enumerate(totals) if c}

    def all_counts(self, spec: FilterSpec) -> dict[str, dict[str, int]]:
        """:meth:`counts` of every field (the text searched once)."""
        searched = self.searched(spec)
        return {name: self.counts(spec, name, searched=searched) for name in self.fields}
