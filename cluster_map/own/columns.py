"""Which columns of a user's table hold longitude, latitude, name, address and industry.

A guess from the column names (``lon``/``经度``/``x`` ...); the user confirms or changes it in the
page, or names the columns on the command line (``--lon 经度``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields

from cluster_map.core.errors import UsageError

__all__ = ["ROLE_NAMES", "ColumnRoles", "detect_columns"]

#: Role -> column names that mean it, most specific first (compared without case, spaces, _ or -).
ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "lon": ("lon", "lng", "longitude", "经度", "x", "gcjlng", "bdlng", "wgslng", "经度坐标", "东经"),
    "lat": ("lat", "latitude", "纬度", "y", "gcjlat", "bdlat", "wgslat", "纬度坐标", "北纬"),
    "name": ("name", "名称", "企业名称", "公司名称", "单位名称", "项目名称", "园区名称", "title"),
    "address": (
        "address",
        "addr",
        "地址",
        "详细地址",
        "注册地址",
        "经营地址",
        "企业地址",
        "住所",
        "所在地",
        "地点",
    ),
    "industry": (
        "industry",
        "sector",
        "行业",
        "所属行业",
        "行业分类",
        "行业门类",
        "产业",
        "所属产业",
        "产业链",
        "领域",
    ),
}
_SQUEEZE = re.compile(r"[\s_\-()（）]+")


def _key(name: str) -> str:
    return _SQUEEZE.sub("", name).casefold()


@dataclass(frozen=True)
class ColumnRoles:
    """The column of each role, ``""`` when the table has none."""

    lon: str = ""
    lat: str = ""
    name: str = ""
    address: str = ""
    industry: str = ""

    @property
    def has_coordinates(self) -> bool:
        """Both a longitude and a latitude column are chosen."""
        return bool(self.lon and self.lat)

    def check(self, columns: Sequence[str], *, has_geometry: bool = False) -> None:
        """Raise :class:`UsageError` naming every chosen column the table lacks, and a missing place."""
        missing = [f"{role}={value!r}" for role, value in self.items() if value and value not in columns]
        if missing:
            raise UsageError(
                f"the table has no column {', '.join(missing)}; its columns are {', '.join(columns)}"
            )
        if bool(self.lon) != bool(self.lat):
            raise UsageError("choose both a longitude and a latitude column, or neither")
        if not self.has_coordinates and not self.address and not has_geometry:
            raise UsageError(
                "the table has no coordinate columns (lon/lat, 经度/纬度, x/y) and no address column "
                f"(地址, address); its columns are {', '.join(columns)}: name them (--lon, --lat or --address)"
            )

    def items(self) -> list[tuple[str, str]]:
        """(role, column) pairs in the order of the roles."""
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


def _contains(key: str, name: str) -> bool:
    """A Chinese name anywhere in the key; a Latin one at its start or end (``gcj_lng``, not ``platform``)."""
    if not name.isascii():
        return name in key
    return key.startswith(name) or key.endswith(name)


def detect_columns(columns: Sequence[str]) -> ColumnRoles:
    """Guess each role's column from the names: an exact name first, then a name that contains one."""
    keys = {column: _key(column) for column in columns}
    chosen: dict[str, str] = {}
    for role, names in ROLE_NAMES.items():
        wanted = [_key(n) for n in names]
        taken = set(chosen.values())
        exact = [c for n in wanted for c in columns if keys[c] == n and c not in taken]
        partial = [
            c for n in wanted if len(n) > 1 for c in columns if _contains(keys[c], n) and c not in taken
        ]
        found = exact or partial
        if found:
            chosen[role] = found[0]
    return ColumnRoles(**chosen)
