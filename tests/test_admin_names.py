"""The one table of admin suffixes: short forms, English designations and stems."""

from __future__ import annotations

import pytest

from cluster_map.core.admin_names import ADMIN_SUFFIXES, english_stem, short_names, split_suffix


@pytest.mark.parametrize(
    "name, forms",
    [
        ("正定县", ["正定"]),
        ("赵县", []),
        ("峰峰矿区", ["峰峰", "峰峰矿"]),
        ("青龙满族自治县", ["青龙", "青龙满族自治"]),
    ],
)
def test_short_names(name, forms):
    assert sorted(short_names(name)) == sorted(forms)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("正定县", ("正定", "县", "County")),
        ("井陉矿区", ("井陉", "矿区", "Mining District")),
        ("围场满族蒙古族自治县", ("围场", "满族蒙古族自治县", "Manchu and Mongol Autonomous County")),
        ("辛集市", ("辛集", "市", "City")),
        ("赵县", ("赵", "县", "County")),
        ("县", ("县", "", "")),
        ("河北省", ("河北省", "", "")),
    ],
)
def test_split_suffix_takes_the_longest_suffix(name, expected):
    assert split_suffix(name) == expected


@pytest.mark.parametrize(
    "name_en, stem",
    [
        ("Chang'an District", "Chang'an"),
        ("Weichang Manchu and Mongol Autonomous County", "Weichang"),
        ("Jingxing Mining District", "Jingxing"),
        ("Xinji City", "Xinji"),
        ("Shijiazhuang", "Shijiazhuang"),
    ],
)
def test_english_stem(name_en, stem):
    assert english_stem(name_en) == stem


def test_longer_suffixes_come_before_the_suffixes_they_end_in():
    suffixes = [zh for zh, _ in ADMIN_SUFFIXES]
    for i, longer in enumerate(suffixes):
        assert not any(longer.endswith(shorter) for shorter in suffixes[:i]), longer
