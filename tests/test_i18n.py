"""The UI strings: complete in both languages, placeholders filled, English only on request."""

from __future__ import annotations

import pytest

from cluster_map.core.i18n import STRINGS, check_strings, parse_lang, t


def test_every_string_has_both_languages_with_the_same_placeholders() -> None:
    assert check_strings() == []


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ({"a": {"zh": "甲", "en": ""}}, "string 'a' has no text for ['en']"),
        ({"a": {"zh": "甲"}}, "string 'a' has no text for ['en']"),
        (
            {"a": {"zh": "{n} 项", "en": "{count} items"}},
            "string 'a': placeholders differ, zh ['n'] vs en ['count']",
        ),
    ],
)
def test_check_strings_reports_each_problem(table: dict, expected: str) -> None:
    assert check_strings(table) == [expected]


@pytest.mark.parametrize(("lang", "expected"), [("zh", "筛选"), ("en", "Filters")])
def test_t_picks_the_language(lang: str, expected: str) -> None:
    assert t("filters", lang) == expected


def test_t_fills_placeholders() -> None:
    assert t("unplaced", "en", count=3) == "Named without a place in the plan: 3 (listed, not drawn)"
    assert "3" in t("unplaced", "zh", count=3)


def test_t_unknown_key_says_where_to_add_it() -> None:
    with pytest.raises(KeyError, match=r"add it to cluster_map\.core\.i18n\.STRINGS"):
        t("no_such_key", "zh")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en", "en"), ("EN", "en"), (" en ", "en"), ("zh", "zh"), ("", "zh"), (None, "zh"), ("fr", "zh")],
)
def test_parse_lang_defaults_to_chinese(value: str | None, expected: str) -> None:
    assert parse_lang(value) == expected


def test_chinese_strings_are_chinese() -> None:
    assert t("title", "zh") != t("title", "en")
    assert len(STRINGS) > 40
