"""The comparisons as files: the sector x unit matrix and the places side by side, in CSV, XLSX, JSON.

The app's downloads and the command line (``matrix``, ``compare``) write the same bytes. Tables are
labelled in one language, with a total row and column; CSV and XLSX are for spreadsheets (formulas
neutralised; the XLSX carries the filter on a second sheet); JSON keeps codes and both names.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import pandas as pd

from cluster_map.core.catalog import Catalog
from cluster_map.core.comparison import TOTAL_ROW, MatrixLevel
from cluster_map.core.csv_output import csv_bytes
from cluster_map.core.errors import UsageError
from cluster_map.core.filters import FilterSpec, spec_to_query
from cluster_map.core.i18n import Lang, t
from cluster_map.core.profiles import COUNTED, UNSTATED, ProfilePlace
from cluster_map.core.taxonomy import Taxonomy
from cluster_map.core.xlsx_output import XLSX_MIME, xlsx_bytes

__all__ = [
    "TABLE_FORMATS",
    "TABLE_MIMES",
    "TableFormat",
    "comparison_bytes",
    "comparison_table",
    "matrix_bytes",
    "matrix_table",
]

TableFormat = Literal["csv", "xlsx", "json"]
TABLE_FORMATS: tuple[TableFormat, ...] = ("csv", "xlsx", "json")
TABLE_MIMES: dict[str, str] = {"csv": "text/csv", "xlsx": XLSX_MIME, "json": "application/json"}


def _value_label(field: str, value: str, taxonomy: Taxonomy, lang: Lang) -> str:
    if value == UNSTATED:
        return t("profile_unstated", lang)
    return taxonomy.label(COUNTED[field], value, lang=lang)


def matrix_table(matrix: pd.DataFrame, *, catalog: Catalog, taxonomy: Taxonomy, lang: Lang) -> pd.DataFrame:
    """The matrix for people: a sector column, one column per unit name, a total column and row."""
    names = catalog.unit_names(lang)
    total = t("matrix_total", lang)
    table = matrix.rename(columns=lambda code: names.get(code, code))
    table.insert(
        0, t("field_sector", lang), [_value_label("sector", s, taxonomy, lang) for s in matrix.index]
    )
    table[total] = matrix.sum(axis=1).to_numpy()
    sums = [total, *(int(matrix[c].sum()) for c in matrix.columns), int(matrix.to_numpy().sum())]
    return pd.concat([table, pd.DataFrame([sums], columns=table.columns)], ignore_index=True)


def comparison_table(
    table: pd.DataFrame, places: list[ProfilePlace], *, catalog: Catalog, taxonomy: Taxonomy, lang: Lang
) -> pd.DataFrame:
    """Places side by side for people: what is counted (field, value), then one column per place."""
    labels = [
        (t("profile_items", lang), "")
        if (field, value) == TOTAL_ROW
        else (t("field_" + field, lang), _value_label(field, value, taxonomy, lang))
        for field, value in table.index
    ]
    out = pd.DataFrame(
        {t("matrix_field", lang): [a for a, _ in labels], t("matrix_value", lang): [b for _, b in labels]}
    )
    for place in places:
        out[place.name(catalog, lang)] = table[place.code].to_numpy()
    return out


def _filter_sheet(spec: FilterSpec, lang: Lang, note: str) -> pd.DataFrame:
    query = spec_to_query(spec)
    rows = [(key, "; ".join(values)) for key, values in query.items()] or [("", t("brief_no_filter", lang))]
    return pd.DataFrame([*rows, ("", note)], columns=[t("matrix_filter_key", lang), t("matrix_filter", lang)])


def _table_file(table: pd.DataFrame, fmt: str, *, spec: FilterSpec, lang: Lang, note: str) -> bytes:
    if fmt == "csv":
        return csv_bytes(table, for_spreadsheets=True)
    if fmt == "xlsx":
        return xlsx_bytes(
            {t("matrix_sheet", lang): table, t("matrix_filter", lang): _filter_sheet(spec, lang, note)}
        )
    raise UsageError(f"format {fmt!r} is not a table format; use one of {list(TABLE_FORMATS)}")


def _json(payload: dict[str, Any]) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _unit(code: str, catalog: Catalog) -> dict[str, str]:
    return {
        "code": code,
        "name_zh": catalog.unit_names("zh").get(code, code),
        "name_en": catalog.unit_names("en").get(code, code),
    }


def matrix_bytes(
    matrix: pd.DataFrame,
    *,
    fmt: str,
    level: MatrixLevel,
    within: str,
    spec: FilterSpec,
    catalog: Catalog,
    taxonomy: Taxonomy,
    lang: Lang = "zh",
) -> bytes:
    """The sector x unit matrix as a file: ``csv``, ``xlsx`` (with the filter) or ``json``.

    JSON: ``level``, ``within``, ``filter`` (URL query), ``units`` (code, names), ``counts``
    (sector -> unit code -> items) and ``total`` (distinct item-unit pairs).
    """
    if fmt == "json":
        counts = {str(s): {str(c): int(n) for c, n in row.items()} for s, row in matrix.iterrows()}
        return _json(
            {
                "level": level,
                "within": within,
                "filter": spec_to_query(spec),
                "units": [_unit(str(c), catalog) for c in matrix.columns],
                "counts": counts,
                "total": int(matrix.to_numpy().sum()),
            }
        )
    table = matrix_table(matrix, catalog=catalog, taxonomy=taxonomy, lang=lang)
    return _table_file(table, fmt, spec=spec, lang=lang, note=t("matrix_counts_note", lang))


def comparison_bytes(
    table: pd.DataFrame,
    places: list[ProfilePlace],
    *,
    fmt: str,
    spec: FilterSpec,
    catalog: Catalog,
    taxonomy: Taxonomy,
    lang: Lang = "zh",
) -> bytes:
    """Places side by side as a file: ``csv``, ``xlsx`` (with the filter) or ``json``.

    JSON: ``filter`` (URL query, without places), ``places`` (level, code, names) and ``rows``
    (field, value, place code -> items); the first row is the item count (field ``items``).
    """
    if fmt == "json":
        rows = [
            {"field": f, "value": v, "counts": {p.code: int(table.loc[(f, v), p.code]) for p in places}}
            for f, v in table.index
        ]
        named = [
            {
                "level": p.level,
                "code": p.code,
                "name_zh": p.name(catalog, "zh"),
                "name_en": p.name(catalog, "en"),
            }
            for p in places
        ]
        return _json({"filter": spec_to_query(spec), "places": named, "rows": rows})
    labelled = comparison_table(table, places, catalog=catalog, taxonomy=taxonomy, lang=lang)
    return _table_file(labelled, fmt, spec=spec, lang=lang, note=t("compare_counts_note", lang))
