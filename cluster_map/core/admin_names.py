"""Chinese admin-unit suffixes (市, 区, 县, 自治县 ...) and their English designations: one table.

Hebei's county-level names end in one of the suffixes of :data:`ADMIN_SUFFIXES`. The table makes the
English name (``正定县`` -> ``Zhengding County``, in :mod:`cluster_map.build.naming`), the short forms
the gazetteer resolves (``正定县`` -> ``正定``) and the romanised stem it matches (``Zhengding``).
"""

from __future__ import annotations

__all__ = ["ADMIN_SUFFIXES", "MIN_STEM", "english_stem", "short_names", "split_suffix"]

#: Chinese suffix -> English designation, longest first (a name ends in at most one of the
#: one-character suffixes, so only the longer forms need to come first).
ADMIN_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("满族蒙古族自治县", "Manchu and Mongol Autonomous County"),
    ("满族自治县", "Manchu Autonomous County"),
    ("回族自治县", "Hui Autonomous County"),
    ("矿区", "Mining District"),
    ("区", "District"),
    ("县", "County"),
    ("市", "City"),
)
#: A short name keeps at least this many characters (赵县 has none: 赵 alone is not a name).
MIN_STEM = 2


def split_suffix(name_zh: str) -> tuple[str, str, str]:
    """``(stem, suffix, designation)`` of a Chinese admin name, by its longest known suffix.

    Parameters
    ----------
    name_zh
        A full name such as ``"正定县"`` or ``"围场满族蒙古族自治县"``.

    Returns
    -------
    For example ``("正定", "县", "County")``; ``(name_zh, "", "")`` when no suffix fits (or the name
    is the suffix alone).
    """
    for suffix, designation in ADMIN_SUFFIXES:
        if name_zh.endswith(suffix) and len(name_zh) > len(suffix):
            return name_zh[: -len(suffix)], suffix, designation
    return name_zh, "", ""


def short_names(name_zh: str) -> list[str]:
    """Every short form of an admin name: the name without each suffix it ends in.

    ``正定县`` -> ``["正定"]``; ``峰峰矿区`` -> ``["峰峰", "峰峰矿"]``; ``赵县`` -> ``[]`` (a short
    form keeps at least :data:`MIN_STEM` characters).
    """
    return [
        name_zh[: -len(suffix)]
        for suffix, _ in ADMIN_SUFFIXES
        if name_zh.endswith(suffix) and len(name_zh) - len(suffix) >= MIN_STEM
    ]


def english_stem(name_en: str) -> str:
    """The English name without its designation: ``"Chang'an District"`` -> ``"Chang'an"``."""
    stem = name_en
    for _, designation in ADMIN_SUFFIXES:
        stem = stem.removesuffix(" " + designation)
    return stem
