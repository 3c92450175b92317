"""The filter fields: one registry that the spec, the URL, the counts, the CLI and the sidebar read.

Each :class:`FilterField` says what a filter is called in :class:`~cluster_map.core.filters.FilterSpec`
(``sectors``), in the URL (``?sector=``) and on the command line (``--sector``), which record column
it matches and how, where its allowed values and their labels come from, and the i18n key of its
name. :data:`FILTER_FIELDS` lists them in the order the sidebar, the URL and ``--help`` show them.

Adding a filter is one entry here plus its label in :data:`cluster_map.core.i18n.STRINGS`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cluster_map.core.errors import UsageError
from cluster_map.core.i18n import STRINGS

__all__ = [
    "FILTER_FIELDS",
    "QUERY_KEYS",
    "SEARCH_COLUMNS",
    "FilterField",
    "Match",
    "ValuesFrom",
    "field_named",
    "query_keys",
    "registry_problems",
]

#: How a field's values meet a record: equal to the column (``exact``), one of the ``;``-joined
#: values of the column (``codes``: admin codes, or the documents that mention an item), a zone whose member units the record names (``zone``), or a
#: free text found in any of the columns (``text``).
Match = Literal["exact", "codes", "zone", "text"]
#: Where the allowed values come from: a taxonomy table, the records' own values, the catalog's
#: prefectures, counties or zones, or nowhere (free text).
ValuesFrom = Literal["taxonomy", "records", "prefecture", "county", "zone", "text"]

_VALUES_OF_MATCH: dict[str, tuple[str, ...]] = {
    "exact": ("taxonomy", "records"),
    "codes": ("prefecture", "county", "taxonomy"),
    "zone": ("zone",),
    "text": ("text",),
}
_TAXONOMY_TABLES = ("sectors", "subsectors", "kinds", "levels", "precisions", "evidences", "documents")

#: What the text search looks in: names, places, subsector and the quoted passage of the plan.
SEARCH_COLUMNS = (
    "name_zh",
    "name_en",
    "place_zh",
    "county_zh",
    "prefecture_zh",
    "subsector",
    "source_sentence",
)


@dataclass(frozen=True)
class FilterField:
    """One filter: its names (spec, URL, CLI, label), what it matches and where its values come from.

    Parameters
    ----------
    name
        The :class:`~cluster_map.core.filters.FilterSpec` field (``sectors``); a ``text`` field must be
        named ``search`` (the spec holds its text as ``spec.search``).
    key
        The URL query key (``sector``).
    label
        The i18n key of the field's name in the sidebar and in messages (``field_sector``).
    match
        See :data:`Match`.
    values_from
        See :data:`ValuesFrom`; ``exact`` takes ``taxonomy`` or ``records``, ``codes`` ``prefecture``
        or ``county``, ``zone`` ``zone`` and ``text`` ``text``.
    option
        The ``export`` command's option (``--sector``).
    columns
        The record column matched (one for ``exact`` and ``codes``, the searched ones for ``text``,
        none for ``zone``: zones go through their member units).
    vocabulary
        The taxonomy table that labels the values (``sectors``), or None (units, zones and free
        text are named by the catalog or not at all).
    metavar, help
        The option's value name and help text in ``export --help``.
    hide_empty
        The sidebar lists only the values that keep something (for long lists).
    """

    name: str
    key: str
    label: str
    match: Match
    values_from: ValuesFrom
    option: str
    columns: tuple[str, ...] = ()
    vocabulary: str | None = None
    metavar: str = "VALUE"
    help: str = ""
    hide_empty: bool = False

    def __post_init__(self) -> None:
        problems = self._problems()
        if problems:
            raise UsageError(f"filter field {self.name!r}: " + "; ".join(problems))

    def _problems(self) -> list[str]:
        problems = []
        if self.match not in _VALUES_OF_MATCH:
            return [f"match={self.match!r} is not known; use one of {list(_VALUES_OF_MATCH)}"]
        if self.values_from not in _VALUES_OF_MATCH[self.match]:
            allowed = list(_VALUES_OF_MATCH[self.match])
            problems.append(
                f"values_from={self.values_from!r} does not suit match={self.match!r}; use {allowed}"
            )
        wanted = {"exact": 1, "codes": 1, "zone": 0}.get(self.match)
        if wanted is not None and len(self.columns) != wanted:
            problems.append(f"columns={self.columns!r}: match={self.match!r} takes {wanted} column(s)")
        if self.match == "text" and not self.columns:
            problems.append("a text field needs the columns it searches")
        if self.match == "text" and self.name != "search":
            problems.append("a text field must be named 'search' (FilterSpec.search holds its text)")
        if self.values_from == "taxonomy" and self.vocabulary is None:
            problems.append("values from the taxonomy need vocabulary= (a taxonomy table)")
        if self.vocabulary is not None and self.vocabulary not in _TAXONOMY_TABLES:
            problems.append(
                f"vocabulary={self.vocabulary!r} is not a taxonomy table; use one of {_TAXONOMY_TABLES}"
            )
        if not self.option.startswith("--"):
            problems.append(f"option={self.option!r} must be a long option such as '--{self.key}'")
        return problems

    @property
    def multiple(self) -> bool:
        """True for fields that hold a tuple of values (all but the free text)."""
        return self.match != "text"


#: Every filter, in the order of the sidebar, the URL and ``export --help``.
FILTER_FIELDS: tuple[FilterField, ...] = (
    FilterField(
        name="sectors", key="sector", label="field_sector", match="exact", values_from="taxonomy",
        option="--sector", columns=("sector",), vocabulary="sectors",
        metavar="NAME", help="sector of geodata/taxonomy.toml, e.g. 新能源",
    ),
    FilterField(
        name="subsectors", key="subsector", label="field_subsector", match="exact", values_from="records",
        option="--subsector", columns=("subsector",), vocabulary="subsectors",
        metavar="NAME", help="subsector as the plan names it, e.g. 氢能", hide_empty=True,
    ),
    FilterField(
        name="kinds", key="kind", label="field_kind", match="exact", values_from="taxonomy",
        option="--kind", columns=("kind",), vocabulary="kinds",
        metavar="KIND", help="record kind, e.g. key_project, industrial_base",
    ),
    FilterField(
        name="levels", key="level", label="field_level", match="exact", values_from="taxonomy",
        option="--level", columns=("level",), vocabulary="levels",
        metavar="LEVEL", help="国家级 or 省级 (where the plan says so)",
    ),
    FilterField(
        name="prefectures", key="prefecture", label="field_prefecture", match="codes",
        values_from="prefecture", option="--prefecture", columns=("prefecture_code",),
        metavar="CITY", help="prefecture by adcode or name, e.g. 130200, 唐山 or 唐山市",
    ),
    FilterField(
        name="counties", key="county", label="field_county", match="codes", values_from="county",
        option="--county", columns=("county_code",), metavar="COUNTY",
        help="county-level unit by adcode or a name only one has, e.g. 130203, 路北区, 唐山市路北区",
        hide_empty=True,
    ),
    FilterField(
        name="zones", key="zone", label="field_zone", match="zone", values_from="zone",
        option="--zone", metavar="ZONE",
        help="development zone by id or name (its member units), e.g. xiongan, 石保廊",
    ),
    FilterField(
        name="source_docs", key="doc", label="field_source_doc", match="codes", values_from="taxonomy",
        option="--doc", columns=("source_doc",), vocabulary="documents",
        metavar="DOC", help="source plan: sei (战略性新兴产业) or sti (科技创新)",
    ),
    FilterField(
        name="search", key="q", label="field_search", match="text", values_from="text",
        option="--search", columns=SEARCH_COLUMNS, metavar="TEXT",
        help="text in the name, place, county, prefecture, subsector or the quoted passage",
    ),
)  # fmt: skip


def query_keys(fields: Sequence[FilterField] = FILTER_FIELDS) -> dict[str, str]:
    """Spec field name -> URL query key, in the registry's order."""
    return {f.name: f.key for f in fields}


#: Spec field -> URL query key of :data:`FILTER_FIELDS`.
QUERY_KEYS: dict[str, str] = query_keys()


def field_named(name: str, fields: Sequence[FilterField] = FILTER_FIELDS) -> FilterField:
    """The field called ``name`` in the spec (``sectors``); a :class:`UsageError` names the known ones."""
    for f in fields:
        if f.name == name:
            return f
    raise UsageError(f"{name!r} is not a filter field; use one of {[f.name for f in fields]}")


def registry_problems(fields: Sequence[FilterField] = FILTER_FIELDS) -> list[str]:
    """Every problem of a registry at once: repeated names, keys or options, labels without a string.

    Parameters
    ----------
    fields
        A registry shaped like :data:`FILTER_FIELDS`.

    Returns
    -------
    One message per problem (empty when the registry is sound).
    """
    problems = []
    for attribute in ("name", "key", "option"):
        values = [getattr(f, attribute) for f in fields]
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            problems.append(f"filter field {attribute}s {repeated} are used more than once")
    problems += [
        f"filter field {f.name!r}: label {f.label!r} is not in cluster_map.core.i18n.STRINGS; add it there"
        for f in fields
        if f.label not in STRINGS
    ]
    if sum(f.match == "text" for f in fields) > 1:
        problems.append("more than one text field; FilterSpec holds one search text")
    return problems
