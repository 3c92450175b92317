"""The checks across the three tables of plan items, fed items first, then places, then mentions.

:class:`TableChecker` runs the row checks (:mod:`cluster_map.core.checks`,
:mod:`cluster_map.core.item_checks`) on every row it is given and keeps a few facts per item (how
many places and mentions, their precision, documents and sections; the places and quotes still to
find in a mention sentence), so that places.csv and mentions.csv can be fed in chunks of any size.
:meth:`TableChecker.finish` then checks what needs every row. Used by
:mod:`cluster_map.core.validate`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from cluster_map.core.checks import ValidationContext, place_parts, place_row_problems
from cluster_map.core.item_checks import item_row_problems, mention_row_problems, whole_number
from cluster_map.core.items import MULTI_SEPARATOR, split_multi

__all__ = ["TableChecker"]

Row = Mapping[str, str]
_RANK = {"items": 0, "places": 1, "mentions": 2}
#: From the finest to the coarsest; an item's precision is that of its coarsest place.
_PRECISION_ORDER = ("county", "prefecture", "multi_prefecture")
_REBUILD = "rebuild with build-items"


def _rows(table: pd.DataFrame) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, row)`` of a table of text indexed from 0 (line 2 is the first row)."""
    columns = list(table.columns)
    for label, values in zip(
        table.index, zip(*(table[c].tolist() for c in columns), strict=True), strict=True
    ):
        yield int(label) + 2, dict(zip(columns, values, strict=True))


#: The fields of an item that its places' checks and :meth:`TableChecker.finish` need.
_KEPT = (
    "name_zh",
    "note_zh",
    "note_en",
    "places_zh",
    "precision",
    "place_count",
    "mention_count",
    "docs",
    "sections",
)


#: Fields of :data:`_KEPT` whose few values many items share (kept once each, with ``sys.intern``).
_SHARED = frozenset({"precision", "place_count", "mention_count", "docs", "sections"})


def _kept(row: Row) -> tuple[str, ...]:
    return tuple(sys.intern(row[name]) if name in _SHARED else row[name] for name in _KEPT)


@dataclass(slots=True)
class _Facts:
    """One item's fields of :data:`_KEPT`, and what the other tables say about it."""

    line: int
    kept: tuple[str, ...]
    places: int = 0
    precision: int = -1
    place_names: list[str] = field(default_factory=list)
    place_nos: dict[int, int] = field(default_factory=dict)
    mentions: int = 0
    docs: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    mention_nos: dict[int, int] = field(default_factory=dict)

    def item(self) -> dict[str, str]:
        """The item's kept fields by name."""
        return dict(zip(_KEPT, self.kept, strict=True))


class _Where(NamedTuple):
    """Where a text that must be in a mention sentence was given: a place (``place_zh``) or a quote."""

    table: str
    line: int
    field: str
    text: str

    def message(self, item_id: str) -> str:
        if self.field == "place_zh":
            return (
                f"{self.text!r} is named in no mention sentence of item {item_id!r}; place an item only where a "
                "passage that names it names the place (or use evidence 'text' and quote, in note_zh or "
                "note_en, the passage that places it)"
            )
        return (
            f"{self.text!r} is in no mention sentence of item {item_id!r}; quote the plan verbatim from a "
            "passage that names the item"
        )


class TableChecker:
    """Every problem of items, places and mentions; see the module docstring.

    Parameters
    ----------
    context
        What the checks compare against.
    sources
        The file each table's messages name, by table (``items``, ``places``, ``mentions``).
    plan_rules
        Whether to apply the rules of the committed data too (see :mod:`cluster_map.core.validate`).
    """

    def __init__(self, context: ValidationContext, *, sources: dict[str, str], plan_rules: bool) -> None:
        self.ctx, self.sources, self.plan_rules = context, sources, plan_rules
        self._found: list[tuple[int, int, str, str]] = []  # rank, line, message, item id
        self._facts: dict[str, _Facts] = {}
        self._pending: dict[str, dict[str, list[_Where]]] = {}  # item id -> text -> where it is needed
        self._names: dict[tuple[str, str, str], tuple[str, str, int]] = {}  # name, place -> id, table, line

    def _report(self, table: str, line: int, field: str, message: str, item_id: str) -> None:
        self._found.append((_RANK[table], line, f"{self.sources[table]}:{line}:{field}: {message}", item_id))

    def _expect(self, item_id: str, where: _Where) -> None:
        """Remember that ``where.text`` must be in a mention sentence of the item (see :meth:`finish`)."""
        self._pending.setdefault(item_id, {}).setdefault(where.text, []).append(where)

    def add_items(self, table: pd.DataFrame) -> None:
        """Check items.csv, whole or a chunk (as text, indexed by row number from 0); remember each item."""
        for line, row in _rows(table):
            id_ = row["id"]
            if id_ in self._facts:
                first = self._facts[id_].line
                self._report(
                    "items",
                    line,
                    "id",
                    f"{id_!r} is used twice; ids must be unique (first on line {first})",
                    id_,
                )
            elif id_:
                self._facts[id_] = _Facts(line, _kept(row))
            for name, message in item_row_problems(row, self.ctx, plan_rules=self.plan_rules):
                self._report("items", line, name, message, id_)
            if self.plan_rules and id_:
                for quote in ("level_quote", "status_quote"):
                    if row[quote].strip():
                        self._expect(id_, _Where("items", line, quote, row[quote].strip()))

    def _numbered(self, numbers: dict[int, int], row: Row, column: str, line: int, table: str) -> None:
        """Check that ``row[column]`` is 1, 2, … and not the number of another row of the same item."""
        number, id_ = whole_number(row[column]), row["item_id"]
        if number is not None and number in numbers:
            message = f"{row[column]!r} is also the number of line {numbers[number]} of item {id_!r}; number them 1, 2, …"
            self._report(table, line, column, message, id_)
        elif number is not None:
            numbers[number] = line

    def _same_name_and_place(self, id_: str, place: tuple[str, str], table: str, line: int) -> None:
        key = (self._facts[id_].kept[0], *place)
        first = self._names.setdefault(key, (id_, table, line))
        if first[0] == id_ and first[1:] != (table, line):
            self._report(
                table,
                line,
                "place_zh",
                f"repeats the place of line {first[2]} of item {id_!r}; give each place once",
                id_,
            )
        elif first[0] != id_:
            where = f"{self.sources[first[1]]}:{first[2]}"
            message = (
                f"item {id_!r} has the same name {key[0]!r} and place as item {first[0]!r} ({where}); make "
                "them one item with every mention, or name each as the plan does"
            )
            self._report(table, line, "place_zh" if table == "places" else "name_zh", message, id_)

    def add_places(self, chunk: pd.DataFrame) -> None:
        """Check a chunk of places.csv (as text, indexed by row number from 0)."""
        for line, row in _rows(chunk):
            id_ = row["item_id"]
            facts = self._facts.get(id_)
            item = facts.item() if facts is not None else None
            if facts is None:
                message = f"{id_!r} is not the id of an item in items.csv; add the item or remove its places"
                self._report("places", line, "item_id", message, id_)
            else:
                facts.places += 1
                facts.place_names.append(row["place_zh"].strip())
                if row["precision"] in _PRECISION_ORDER:
                    facts.precision = max(facts.precision, _PRECISION_ORDER.index(row["precision"]))
                self._numbered(facts.place_nos, row, "place_no", line, "places")
            if whole_number(row["place_no"]) is None:
                self._report(
                    "places", line, "place_no", f"{row['place_no']!r} is not a whole number 1, 2, …", id_
                )
            for name, message in place_row_problems(row, item, self.ctx, plan_rules=self.plan_rules):
                self._report("places", line, name, message, id_)
            if item is not None and self.plan_rules:
                self._place_rules(row, line)

    def _place_rules(self, row: Row, line: int) -> None:
        id_ = row["item_id"]
        self._same_name_and_place(id_, (row["prefecture_code"], row["county_code"]), "places", line)
        if row["evidence"] not in ("admin_division", "alias"):
            return
        for part in place_parts(row["place_zh"]):
            self._expect(id_, _Where("places", line, "place_zh", part))

    def add_mentions(self, chunk: pd.DataFrame) -> None:
        """Check a chunk of mentions.csv (as text, indexed by row number from 0)."""
        for line, row in _rows(chunk):
            id_ = row["item_id"]
            facts = self._facts.get(id_)
            if facts is None:
                message = f"{id_!r} is not the id of an item in items.csv; add the item or remove its mention"
                self._report("mentions", line, "item_id", message, id_)
            else:
                facts.mentions += 1
                if row["doc"] not in facts.docs:
                    facts.docs.append(sys.intern(row["doc"]))
                if row["section"] not in facts.sections:
                    facts.sections.append(sys.intern(row["section"]))
                self._numbered(facts.mention_nos, row, "mention_no", line, "mentions")
            for name, message in mention_row_problems(row, self.ctx, plan_rules=self.plan_rules):
                self._report("mentions", line, name, message, id_)
            needed = self._pending.get(id_)
            if needed:
                for text in [t for t in needed if t in row["sentence"]]:
                    del needed[text]

    def _agreement(self, id_: str, facts: _Facts) -> Iterator[tuple[str, str]]:
        """``(field, message)`` where items.csv disagrees with places.csv and mentions.csv."""
        item = facts.item()
        if facts.mentions == 0:
            yield (
                "id",
                f"item {id_!r} has no mention in mentions.csv; every item needs a passage that names it",
            )
        expected = {
            "place_count": (str(facts.places), "places.csv"),
            "mention_count": (str(facts.mentions), "mentions.csv"),
            "precision": (
                _PRECISION_ORDER[facts.precision] if facts.precision >= 0 else "province",
                "places.csv",
            ),
            "docs": (MULTI_SEPARATOR.join(facts.docs), "mentions.csv"),
            "sections": (MULTI_SEPARATOR.join(facts.sections), "mentions.csv"),
        }
        for name, (value, table) in expected.items():
            if item[name] != value and (facts.mentions or table != "mentions.csv"):
                yield name, f"{item[name]!r} does not agree with {table}, which gives {value!r}; {_REBUILD}"
        listed = [part.strip() for part in split_multi(item["places_zh"]) if part.strip()]
        if listed != facts.place_names:
            given = MULTI_SEPARATOR.join(facts.place_names)
            yield (
                "places_zh",
                f"{item['places_zh']!r} does not list the places of places.csv ({given!r}); {_REBUILD}",
            )

    def finish(self) -> None:
        """Check what needs every row: agreement of the tables, places and quotes found, duplicates."""
        for id_, facts in self._facts.items():
            for name, message in self._agreement(id_, facts):
                self._report("items", facts.line, name, message, id_)
            if self.plan_rules and facts.places == 0:
                self._same_name_and_place(id_, ("", ""), "items", facts.line)
        for id_, needed in self._pending.items():
            for places in needed.values():
                for where in places:
                    self._report(where.table, where.line, where.field, where.message(id_), id_)
        self._pending.clear()

    def problems(self) -> list[str]:
        """Every message, by file (items, places, mentions) and line."""
        return [message for _, _, message, _ in sorted(self._found, key=lambda found: found[:2])]

    def invalid_ids(self) -> list[str]:
        """The ids of the items with a problem (of their own, or of one of their places or mentions)."""
        return list(dict.fromkeys(item_id for _, _, _, item_id in sorted(self._found, key=lambda f: f[:2])))
