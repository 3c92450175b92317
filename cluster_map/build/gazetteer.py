"""The offline gazetteer: place names of the plans -> Hebei admin units.

Built from the boundary data (full names, short names without 市/县/区, pinyin) plus a small alias
table of functional areas (geodata/gazetteer/aliases.csv, each with its basis). It resolves:

- an admin name, full or short: ``石家庄``, ``石家庄市``, ``正定县``, ``正定``, ``Zhengding``;
- a prefecture followed by one of its counties: ``石家庄鹿泉``, ``张家口市崇礼区``;
- an alias: ``燕郊`` -> 三河市, ``雄安新区`` -> 雄县 + 容城县 + 安新县;
- several places joined by ``、``: ``石家庄、保定、廊坊``.

A short name shared by a prefecture and a county means the prefecture (``承德`` is 承德市; the
county is written ``承德县``). A name that fits several units (``桥西区`` is in 石家庄 and 张家口) or none (``河北区`` is in
Tianjin) raises :class:`~cluster_map.core.errors.PlaceNotFound` with what to write instead.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cluster_map.core.admin_names import english_stem, short_names
from cluster_map.core.csv_input import read_csv_table
from cluster_map.core.errors import DataError, PlaceNotFound
from cluster_map.core.paths import GAZETTEER_DIR

__all__ = ["ALIASES_PATH", "GAZETTEER_PATH", "Gazetteer", "Place", "Unit", "gazetteer_table"]

ALIASES_PATH = GAZETTEER_DIR / "aliases.csv"
GAZETTEER_PATH = GAZETTEER_DIR / "gazetteer.csv"
PLACE_SEPARATOR = "、"
_TABLE_COLUMNS = ("adcode", "level", "parent_adcode", "name_zh", "short_zh", "name_en", "pinyin")
_ALIAS_COLUMNS = ("alias", "target", "basis")


@dataclass(frozen=True)
class Unit:
    """One admin unit of Hebei."""

    adcode: str
    name_zh: str
    level: str  # "prefecture" or "county"
    parent_adcode: str


@dataclass(frozen=True)
class Place:
    """What a place string resolved to."""

    text: str
    units: tuple[Unit, ...]
    evidence: str  # "admin_division" or "alias"
    basis: str = ""

    @property
    def prefecture_codes(self) -> tuple[str, ...]:
        """The prefectures the place lies in, in order of first mention."""
        codes = [u.adcode if u.level == "prefecture" else u.parent_adcode for u in self.units]
        return tuple(dict.fromkeys(codes))

    @property
    def county_units(self) -> tuple[Unit, ...]:
        """The county-level units named, if the place is that fine."""
        return tuple(u for u in self.units if u.level == "county")

    @property
    def precision(self) -> str:
        """``county`` (one or several counties of one prefecture), ``prefecture`` or ``multi_prefecture``."""
        if len(self.prefecture_codes) > 1:
            return "multi_prefecture"
        if all(u.level == "county" for u in self.units):
            return "county"
        return "prefecture"


def _pinyin_key(name_en: str) -> str:
    """``"Chang'an District"`` -> ``"chang'an"``: the romanised stem, lower case."""
    return english_stem(name_en).casefold()


def gazetteer_table(prefectures: pd.DataFrame, counties: pd.DataFrame) -> pd.DataFrame:
    """The gazetteer as a table: one row per unit with its full, short and pinyin names.

    Parameters
    ----------
    prefectures, counties
        Boundary layers (``adcode``, ``name_zh``, ``name_en``, ``level``, ``parent_adcode``).

    Returns
    -------
    Columns adcode, level, parent_adcode, name_zh, short_zh (``;``-joined), name_en, pinyin.
    """
    units = pd.concat([prefectures, counties], ignore_index=True)
    return pd.DataFrame(
        {
            "adcode": units["adcode"].astype(str),
            "level": units["level"],
            "parent_adcode": units["parent_adcode"].astype(str),
            "name_zh": units["name_zh"],
            "short_zh": [";".join(short_names(n)) for n in units["name_zh"]],
            "name_en": units["name_en"],
            "pinyin": [_pinyin_key(n) for n in units["name_en"]],
        }
    ).sort_values("adcode", ignore_index=True)


def _text_rows(table: pd.DataFrame) -> list[dict[str, str]]:
    """The rows of a table of text (as read from a CSV file) as column -> value."""
    return [{str(column): value for column, value in row.items()} for row in table.to_dict("records")]


class Gazetteer:
    """Resolve place strings of the plans to Hebei admin units.

    Parameters
    ----------
    table
        As :func:`gazetteer_table` returns (or geodata/gazetteer/gazetteer.csv).
    aliases
        Columns ``alias``, ``target`` (``;``-joined full names such as ``廊坊市三河市``), ``basis``.
    """

    def __init__(self, table: pd.DataFrame, aliases: pd.DataFrame) -> None:
        units_table = _text_rows(table)
        self._units = {
            row["adcode"]: Unit(row["adcode"], row["name_zh"], row["level"], row["parent_adcode"])
            for row in units_table
        }
        self._by_name: dict[str, set[str]] = defaultdict(set)
        for row in units_table:
            for name in (
                row["name_zh"],
                *str(row["short_zh"] or "").split(";"),
                row["pinyin"],
                row["name_en"].casefold(),
            ):
                if name:
                    self._by_name[name].add(row["adcode"])
        self._aliases: dict[str, tuple[tuple[Unit, ...], str]] = {}
        problems = []
        for row in _text_rows(aliases):
            try:
                units = tuple(self._full_name(target) for target in row["target"].split(";"))
            except PlaceNotFound as exc:
                problems.append(f"alias {row['alias']!r}: {exc}")
                continue
            self._aliases[row["alias"]] = (units, row["basis"])
        if problems:
            raise DataError("aliases.csv: " + "; ".join(problems))

    @classmethod
    def from_files(cls, *, table_path: Path = GAZETTEER_PATH, aliases_path: Path = ALIASES_PATH) -> Gazetteer:
        """Load the committed gazetteer.csv and aliases.csv."""
        hint = "(gazetteer file missing); run `python -m cluster_map build-items`"
        table = read_csv_table(table_path, columns=_TABLE_COLUMNS, schema="geodata/README.md", hint=hint)
        aliases = read_csv_table(aliases_path, columns=_ALIAS_COLUMNS, schema="geodata/README.md", hint=hint)
        return cls(table, aliases)

    @property
    def aliases(self) -> dict[str, tuple[tuple[Unit, ...], str]]:
        """Alias -> (units, basis)."""
        return dict(self._aliases)

    def _full_name(self, text: str) -> Unit:
        """Resolve a full ``prefecture`` or ``prefecture+county`` name strictly (for the alias table)."""
        place = self._admin(text)
        if place is None or len(place) != 1:
            raise PlaceNotFound(f"{text!r} is not one Hebei unit; write it as 廊坊市三河市 or 沧州市")
        return place[0]

    def _candidates(self, name: str) -> list[Unit]:
        return sorted((self._units[c] for c in self._by_name.get(name, ())), key=lambda u: u.adcode)

    def _admin(self, text: str) -> list[Unit] | None:
        """Units named by ``text`` as an admin name or a prefecture+county string; None if no match."""
        direct = self._candidates(text) or self._candidates(text.casefold())
        prefectures = [u for u in direct if u.level == "prefecture"]
        if len(prefectures) == 1 and text not in (u.name_zh for u in direct if u.level == "county"):
            return prefectures  # 承德 is the city; the county is 承德县
        if direct:
            return direct
        for cut in range(2, len(text) - 1):
            head, tail = text[:cut], text[cut:]
            prefectures = [u for u in self._candidates(head) if u.level == "prefecture"]
            for prefecture in prefectures:
                inside = [u for u in self._candidates(tail) if u.parent_adcode == prefecture.adcode]
                if inside:
                    return inside
        return None

    def _resolve_one(self, text: str) -> Place:
        if text in self._aliases:
            aliased, basis = self._aliases[text]
            return Place(text, aliased, "alias", basis)
        units = self._admin(text)
        if not units:
            raise PlaceNotFound(
                f"{text!r} is not a Hebei prefecture, county or known alias; write the admin name "
                "(石家庄, 正定县, 石家庄鹿泉) or add it to geodata/gazetteer/aliases.csv with its basis"
            )
        if len(units) > 1:
            options = ", ".join(self._prefixed(u) for u in units)
            raise PlaceNotFound(f"{text!r} is ambiguous: {options}; write the prefecture before it")
        return Place(text, tuple(units), "admin_division")

    def _prefixed(self, unit: Unit) -> str:
        if unit.level == "prefecture":
            return unit.name_zh
        return self._units[unit.parent_adcode].name_zh + unit.name_zh

    def resolve(self, text: str) -> Place:
        """Resolve a place string of the plans.

        Parameters
        ----------
        text
            One place, or several joined by ``、``.

        Returns
        -------
        The units, with evidence ``alias`` if any part came from the alias table, else ``admin_division``.
        """
        parts = [p.strip() for p in text.split(PLACE_SEPARATOR) if p.strip()]
        if not parts:
            raise PlaceNotFound("an empty place cannot be resolved; leave place_zh empty for no place")
        places = [self._resolve_one(p) for p in parts]
        units = tuple(dict.fromkeys(u for p in places for u in p.units))
        aliased = [p for p in places if p.evidence == "alias"]
        evidence = "alias" if aliased else "admin_division"
        basis = " ".join(f"{p.text}: {p.basis}" for p in aliased)
        return Place(text, units, evidence, basis)
