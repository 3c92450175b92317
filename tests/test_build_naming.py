"""geodata/admin_units.toml: the committed file loads; a bad entry is named in the error."""

from __future__ import annotations

import pytest

from cluster_map.build.naming import english_name, load_admin_units, unit_note
from cluster_map.core.errors import DataError

GOOD = """
[province]
adcode = "130000"
name_zh = "河北省"
name_en = "Hebei"

[prefecture_en]
130100 = "Shijiazhuang"

[pinyin_overrides]
"蔚" = "Yu"

[directly_administered]
130181 = "辛集市"
"""


def test_the_committed_file_loads():
    units = load_admin_units()
    assert (units.province_adcode, units.province_zh, units.province_en) == ("130000", "河北省", "Hebei")
    assert len(units.prefecture_en) == 11 and units.prefecture_en["130100"] == "Shijiazhuang"
    assert units.pinyin_overrides["蔚"] == "Yu"
    assert set(units.directly_administered) == {"130181", "130682"}


def test_names_and_notes_come_from_the_file(tmp_path):
    path = tmp_path / "units.toml"
    path.write_text(GOOD.replace('"Yu"', '"Wei"'), encoding="utf-8")
    units = load_admin_units(path)
    assert english_name("蔚县", adcode="130726", units=units) == "Wei County"
    assert english_name("河北省", adcode="130000", units=units) == "Hebei"
    assert "辛集市 is a county-level city" in unit_note("130181", units)
    assert unit_note("130102", units) == ""


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            '130100 = "Shijiazhuang"',
            '1301 = "Shijiazhuang"',
            r"\[prefecture_en\] 1301 = 'Shijiazhuang': .*six-digit",
        ),
        ('"蔚" = "Yu"', '"蔚" = ""', r"\[pinyin_overrides\] 蔚 = '': give the value as non-empty text"),
        ('name_en = "Hebei"', "", r"\[province\] .*give name_en as non-empty text"),
        ('[directly_administered]\n130181 = "辛集市"', "", r"\[directly_administered\] is missing or empty"),
        ("[pinyin_overrides]", "[pinyin]", r"table \[pinyin\] is not known"),
        ('adcode = "130000"', 'adcode = "13"', r"\[province\] adcode '13' is not six digits"),
    ],
)
def test_a_bad_entry_is_quoted(tmp_path, old, new, message):
    path = tmp_path / "units.toml"
    path.write_text(GOOD.replace(old, new), encoding="utf-8")
    with pytest.raises(DataError, match=message):
        load_admin_units(path)


def test_every_problem_is_listed_and_unreadable_files_say_so(tmp_path):
    path = tmp_path / "units.toml"
    path.write_text(GOOD.replace('"Shijiazhuang"', "''").replace('"Yu"', "''"), encoding="utf-8")
    with pytest.raises(DataError, match=r"prefecture_en.*; \[pinyin_overrides\]"):
        load_admin_units(path)
    path.write_text("[province\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"cannot read the admin units' names .*fix or restore"):
        load_admin_units(path)
