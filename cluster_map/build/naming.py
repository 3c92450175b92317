"""English names and notes of Hebei's admin units, from geodata/admin_units.toml and pypinyin.

A prefecture-level city gets its bare official name (``Shijiazhuang``); any other unit the pinyin of
its stem plus the English designation of its suffix (``正定县`` -> ``Zhengding County``; the suffix
table is :data:`cluster_map.core.admin_names.ADMIN_SUFFIXES`), with hand-checked readings where
pypinyin's default is not the place name's (``蔚县`` -> ``Yu County``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypinyin import lazy_pinyin

from cluster_map.build._data_files import ADCODE, read_toml, text_problems
from cluster_map.core.admin_names import split_suffix
from cluster_map.core.errors import DataError
from cluster_map.core.paths import ADMIN_UNITS_PATH

__all__ = ["AdminUnits", "english_name", "load_admin_units", "unit_note"]

_TABLES = ("province", "prefecture_en", "pinyin_overrides", "directly_administered")
_PROVINCE_KEYS = ("adcode", "name_zh", "name_en")


@dataclass(frozen=True)
class AdminUnits:
    """What geodata/admin_units.toml says about Hebei's units (mappings in file order)."""

    province_adcode: str
    province_zh: str
    province_en: str
    prefecture_en: dict[str, str]  # adcode -> English name
    pinyin_overrides: dict[str, str]  # name stem -> pinyin
    directly_administered: dict[str, str]  # adcode -> Chinese name


def _text_table_problems(data: dict[str, Any], table: str, *, adcode_keys: bool) -> list[str]:
    entries = data.get(table)
    if not isinstance(entries, dict) or not entries:
        return [f"[{table}] is missing or empty; see the file's header for what it holds"]
    problems = []
    for key, value in entries.items():
        if adcode_keys and not ADCODE.fullmatch(key):
            problems.append(f"[{table}] {key} = {value!r}: the key is not a six-digit adcode")
        if not isinstance(value, str) or not value.strip():
            problems.append(f"[{table}] {key} = {value!r}: give the value as non-empty text")
    return problems


def _problems(data: dict[str, Any]) -> list[str]:
    problems = [f"table [{name}] is not known; use {list(_TABLES)}" for name in data if name not in _TABLES]
    province = data.get("province")
    if not isinstance(province, dict):
        problems.append("[province] is missing; give its adcode, name_zh and name_en")
    else:
        problems += [f"[province] {province!r}: {p}" for p in text_problems(province, _PROVINCE_KEYS)]
        if isinstance(province.get("adcode"), str) and not ADCODE.fullmatch(province["adcode"]):
            problems.append(f"[province] adcode {province['adcode']!r} is not six digits")
    for table in _TABLES[1:]:
        problems += _text_table_problems(data, table, adcode_keys=table != "pinyin_overrides")
    return problems


def load_admin_units(path: Path = ADMIN_UNITS_PATH) -> AdminUnits:
    """Read geodata/admin_units.toml, checking every entry.

    Parameters
    ----------
    path
        The TOML file: ``[province]``, ``[prefecture_en]``, ``[pinyin_overrides]``,
        ``[directly_administered]`` (the file's header says what each holds).

    Returns
    -------
    Its content.

    Raises
    ------
    DataError
        Listing every problem found, each quoting the bad entry.
    """
    data = read_toml(path, what="the admin units' names")
    problems = _problems(data)
    if problems:
        raise DataError(f"{path}: " + "; ".join(problems))
    province = data["province"]
    return AdminUnits(
        province_adcode=province["adcode"],
        province_zh=province["name_zh"],
        province_en=province["name_en"],
        prefecture_en=dict(data["prefecture_en"]),
        pinyin_overrides=dict(data["pinyin_overrides"]),
        directly_administered=dict(data["directly_administered"]),
    )


def english_name(name_zh: str, *, adcode: str = "", units: AdminUnits | None = None) -> str:
    """The English name of a Hebei admin unit: official pinyin plus an English designation.

    Parameters
    ----------
    name_zh
        The full Chinese name, such as ``"正定县"`` or ``"围场满族蒙古族自治县"``.
    adcode
        The unit's code; prefecture-level cities get their bare name (``"Shijiazhuang"``).
    units
        The names of geodata/admin_units.toml (read from the file when not given).

    Returns
    -------
    For example ``"Zhengding County"``, ``"Chang'an District"``, ``"Shijiazhuang"``.
    """
    if units is None:
        units = load_admin_units()
    if adcode in units.prefecture_en:
        return units.prefecture_en[adcode]
    if name_zh == units.province_zh:
        return units.province_en
    stem, _, designation = split_suffix(name_zh)
    romanised = _pinyin(stem, units.pinyin_overrides)
    return f"{romanised} {designation}" if designation else romanised


def _pinyin(stem: str, overrides: dict[str, str]) -> str:
    """``"长安"`` -> ``"Chang'an"``: pypinyin's syllables joined, apostrophe before a, o, e."""
    if stem in overrides:
        return overrides[stem]
    syllables = lazy_pinyin(stem)
    word = syllables[0] + "".join(("'" + s if s[0] in "aoe" else s) for s in syllables[1:])
    return word.capitalize()


def unit_note(adcode: str, units: AdminUnits) -> str:
    """The note a unit's feature carries: why a directly administered city lies in a prefecture."""
    if adcode in units.directly_administered:
        return (
            f"{units.directly_administered[adcode]} is a county-level city administered directly by the "
            f"province; its code and polygon lie inside prefecture {adcode[:4]}00."
        )
    return ""
