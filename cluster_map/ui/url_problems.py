"""What the page says about a link it did not fully understand: plain text, translated, short.

The values come from the URL, so they are the visitor's (or an attacker's) text: each is cut to
:data:`MAX_VALUE_CHARS` and the messages are meant for ``st.text`` (never Markdown or HTML), so
``?sector=[click](https://evil.example)`` shows as those characters, not as a link.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cluster_map.core.fields import FILTER_FIELDS
from cluster_map.core.filters import QueryProblem
from cluster_map.core.i18n import Lang, t

__all__ = ["MAX_PROBLEMS", "MAX_VALUE_CHARS", "problem_messages"]

MAX_VALUE_CHARS = 40
MAX_PROBLEMS = 8
MAX_LISTED_CHOICES = 12  # longer lists (167 counties) are left to the sidebar

#: URL key -> i18n key of its name.
_FIELD_LABELS = {
    **{f.key: f.label for f in FILTER_FIELDS},
    "lang": "url_field_lang",
    "basemap": "basemap",
    "choropleth": "choropleth_sector",
    "item": "url_field_item",
    "profile": "profile",
}


def _short(text: str) -> str:
    text = " ".join(str(text).split())  # no line breaks or runs of blanks from the URL
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def _message(problem: QueryProblem, lang: Lang, label_of: Callable[[str, str], str]) -> str:
    if problem.unknown_key:
        return t("url_unknown_key", lang, param=_short(problem.key))
    field = t(_FIELD_LABELS[problem.key], lang) if problem.key in _FIELD_LABELS else _short(problem.key)
    text = t("url_unknown_value", lang, field=field, value=_short(problem.value))
    if 0 < len(problem.allowed) <= MAX_LISTED_CHOICES:
        names = [label_of(problem.key, value) for value in problem.allowed]
        text += t("url_choices", lang, choices=("、" if lang == "zh" else ", ").join(names))
    return text


def problem_messages(
    problems: Sequence[QueryProblem], *, lang: Lang, label_of: Callable[[str, str], str]
) -> list[str]:
    """One line per problem (at most :data:`MAX_PROBLEMS`, then a count of the rest), in ``lang``.

    Parameters
    ----------
    problems
        As :func:`cluster_map.ui.url_state.read_url` reports them.
    lang
        ``"zh"`` or ``"en"``.
    label_of
        ``(url_key, value) -> name`` of an allowed value in ``lang`` (``130100`` -> 石家庄市).

    Returns
    -------
    Plain text lines.
    """
    lines = [_message(problem, lang, label_of) for problem in problems[:MAX_PROBLEMS]]
    if len(problems) > MAX_PROBLEMS:
        lines.append(t("url_more", lang, count=len(problems) - MAX_PROBLEMS))
    return lines
