"""Place rows without coordinates at their county or prefecture from the address text, offline.

The names come from the committed gazetteer (geodata/gazetteer/: every Hebei prefecture and
county-level unit, full and short names, and the documented aliases such as 燕郊 -> 三河市). An
address is placed:

- at a county when it names exactly one county-level unit (``正定县``, ``石家庄市桥西区``,
  ``石家庄鹿泉``: a short county name only right after its prefecture) that agrees with any
  prefecture it names;
- else at a prefecture when it names exactly one (or its counties all lie in one);
- else nowhere, with the reason: no Hebei place, another province, or several places.

Never finer than a county: a street or a building number is not used. Each row keeps its evidence
(the names found).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cluster_map.core.csv_input import read_csv_table
from cluster_map.core.items import split_multi
from cluster_map.core.paths import GAZETTEER_DIR

__all__ = ["OTHER_PROVINCES", "AddressGazetteer", "AddressPlace", "load_address_gazetteer"]

#: China's other province-level units: an address that starts with one is not in Hebei.
OTHER_PROVINCES = (
    "北京", "天津", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建",
    "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南",
    "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "香港", "澳门", "台湾",
)  # fmt: skip
#: A place name followed by one of these is a street (唐山路 in 石家庄), not the place.
_STREET = re.compile(r"[路街道巷]|大街|大道|胡同")
_PROVINCE_PREFIX = re.compile(r"^\s*(?:中国|中华人民共和国)?\s*(" + "|".join(OTHER_PROVINCES) + ")")


@dataclass(frozen=True)
class AddressPlace:
    """Where an address puts a row: ``level`` is ``county``, ``prefecture`` or ``""`` (not placed)."""

    level: str
    county_code: str = ""
    prefecture_code: str = ""
    evidence: str = ""  # the names found, "、"-joined, or why the row is not placed


@dataclass(frozen=True)
class _Unit:
    code: str
    level: str
    parent: str


class AddressGazetteer:
    """Find Hebei admin names in address text (see the module's rules)."""

    def __init__(self, table: pd.DataFrame, aliases: pd.DataFrame) -> None:
        self._units = {
            str(row.adcode): _Unit(str(row.adcode), str(row.level), str(row.parent_adcode))
            for row in table.itertuples(index=False)
        }
        names: dict[str, set[str]] = {}
        by_full = {str(row.name_zh): str(row.adcode) for row in table.itertuples(index=False)}
        prefecture_names: dict[str, list[str]] = {}
        for row in table.itertuples(index=False):
            code = str(row.adcode)
            names.setdefault(str(row.name_zh), set()).add(code)
            if row.level == "prefecture":
                for short in split_multi(str(row.short_zh)):
                    names.setdefault(short, set()).add(code)
                prefecture_names[code] = [str(row.name_zh), *split_multi(str(row.short_zh))]
        for row in table.itertuples(index=False):  # 石家庄鹿泉: a short county name after its prefecture
            if row.level == "county":
                for prefix in prefecture_names.get(str(row.parent_adcode), []):
                    for short in split_multi(str(row.short_zh)):
                        names.setdefault(prefix + short, set()).add(str(row.adcode))
        for row in aliases.itertuples(index=False):
            targets = [self._target(part, by_full) for part in split_multi(str(row.target))]
            if all(targets) and targets:
                names.setdefault(str(row.alias), set()).update(t for t in targets if t)
        self._names = names
        ordered = sorted(names, key=len, reverse=True)  # the longest name at a position wins
        self._pattern = re.compile("|".join(map(re.escape, ordered)))

    def _target(self, text: str, by_full: dict[str, str]) -> str:
        """``廊坊市三河市`` -> the county's code; ``沧州市`` -> the prefecture's."""
        if text in by_full:
            return by_full[text]
        for name, code in by_full.items():
            unit = self._units[code]
            parent = next((n for n, c in by_full.items() if c == unit.parent), "")
            if unit.level == "county" and text == parent + name:
                return code
        return ""

    def place(self, address: str) -> AddressPlace:
        """Where ``address`` puts its row."""
        text = str(address)
        if not text.strip():
            return AddressPlace("", evidence="no address")
        other = _PROVINCE_PREFIX.match(text)
        if other:
            return AddressPlace("", evidence=f"outside Hebei ({other.group(1)})")
        found = [m.group(0) for m in self._pattern.finditer(text) if not _STREET.match(text, m.end())]
        if not found:
            return AddressPlace("", evidence="no Hebei place name")
        return self._resolve(found)

    def _resolve(self, found: list[str]) -> AddressPlace:
        """Addresses run from large to small: the first prefecture named wins, then its first county."""
        evidence = "、".join(dict.fromkeys(found))
        prefecture = next(
            (c for name in found for c in sorted(self._names[name]) if self._units[c].level == "prefecture"),
            "",
        )
        for name in found:
            counties = {
                c
                for c in self._names[name]
                if self._units[c].level == "county"
                and (not prefecture or self._units[c].parent == prefecture)
            }
            parents = {self._units[c].parent for c in counties}
            if len(counties) == 1:
                county = next(iter(counties))
                return AddressPlace("county", county, self._units[county].parent, evidence)
            if len(parents) == 1:  # 雄安新区: three counties of one prefecture
                return AddressPlace("prefecture", prefecture_code=next(iter(parents)), evidence=evidence)
            if counties:
                return AddressPlace("", evidence=f"several places ({evidence})")
        if prefecture:
            return AddressPlace("prefecture", prefecture_code=prefecture, evidence=evidence)
        return AddressPlace("", evidence=f"several places ({evidence})")

    def place_all(self, addresses: pd.Series) -> pd.DataFrame:
        """:meth:`place` of each address (each distinct text resolved once), as columns."""
        text = addresses.astype(str)
        placed = {value: self.place(value) for value in text.unique()}
        rows = [placed[value] for value in text]
        return pd.DataFrame(
            {
                "level": [p.level for p in rows],
                "county_code": [p.county_code for p in rows],
                "prefecture_code": [p.prefecture_code for p in rows],
                "evidence": [p.evidence for p in rows],
            },
            index=addresses.index,
        )


def load_address_gazetteer(folder: Path = GAZETTEER_DIR) -> AddressGazetteer:
    """The gazetteer of the committed files (gazetteer.csv, aliases.csv)."""
    schema = "geodata/README.md"
    table = read_csv_table(
        folder / "gazetteer.csv",
        columns=("adcode", "level", "parent_adcode", "name_zh", "short_zh"),
        schema=schema,
    )
    aliases = read_csv_table(folder / "aliases.csv", columns=("alias", "target", "basis"), schema=schema)
    return AddressGazetteer(table, aliases)
