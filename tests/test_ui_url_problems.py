"""What the page says about a link it did not understand: translated, names not codes, plain, short."""

from __future__ import annotations

import pytest

from cluster_map.core.filters import QueryProblem
from cluster_map.ui.url_problems import MAX_PROBLEMS, MAX_VALUE_CHARS, problem_messages

NAMES = {("prefecture", "130100"): "石家庄市", ("prefecture", "130200"): "唐山市"}


def label_of(key: str, value: str) -> str:
    return NAMES.get((key, value), value)


@pytest.mark.parametrize(
    ("problem", "lang", "line"),
    [
        (QueryProblem("prefecture", "130999", ("130100", "130200")), "zh", "地级市：没有“130999”（可选：石家庄市、唐山市）"),
        (QueryProblem("prefecture", "x", ("130100", "130200")), "en", "Prefecture: 'x' does not exist (choose from: 石家庄市, 唐山市)"),
        (QueryProblem("colour", allowed=("sector",)), "zh", "未知参数“colour”"),
        (QueryProblem("lang", "fr", ("zh", "en")), "en", "Language: 'fr' does not exist (choose from: zh, en)"),
        (QueryProblem("county", "1", tuple(str(i) for i in range(167))), "zh", "县（市、区）：没有“1”"),
        (QueryProblem("item", "nope"), "en", "Item: 'nope' does not exist"),
    ],
)  # fmt: skip
def test_each_problem_in_the_page_language(problem: QueryProblem, lang: str, line: str) -> None:
    assert problem_messages([problem], lang=lang, label_of=label_of) == [line]


def test_values_are_cut_and_kept_on_one_line() -> None:
    value = "[请点此重新登录](https://evil.example)\n" + "x" * 39_000
    (line,) = problem_messages([QueryProblem("sector", value)], lang="zh", label_of=label_of)
    shown = line.split("“")[1].split("”")[0]
    assert len(shown) == MAX_VALUE_CHARS and shown.endswith("…") and "\n" not in line


def test_many_problems_are_counted_not_listed() -> None:
    problems = [QueryProblem(f"k{i}") for i in range(MAX_PROBLEMS + 5)]
    lines = problem_messages(problems, lang="en", label_of=label_of)
    assert len(lines) == MAX_PROBLEMS + 1 and lines[-1] == "... and 5 more"
