"""Plan sentences as HTML with the words that matter marked: the one escaping path for quotes."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

__all__ = ["marked_html"]


def marked_html(sentence: str, spans: Sequence[str]) -> str:
    """The sentence escaped, each span text in it wrapped in ``<mark>`` (first occurrence, in order).

    Parameters
    ----------
    sentence
        Plan text (data: always escaped).
    spans
        Texts to mark, in the order they occur; one not found after the previous is skipped.
    """
    parts, rest = [], sentence
    for span in spans:
        at = rest.find(span) if span else -1
        if at < 0:
            continue
        parts += [escape(rest[:at]), f"<mark>{escape(span)}</mark>"]
        rest = rest[at + len(span) :]
    return "".join(parts) + escape(rest)
