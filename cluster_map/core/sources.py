"""The plan documents as text: spans and the sentence a record comes from."""

from __future__ import annotations

from cluster_map.core.errors import UsageError

__all__ = ["sentence_around"]

_SENTENCE_ENDS = "。！？；\n"
_MAX_SENTENCE = 400


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or list item) of ``text`` that holds the span ``start:end``.

    Parameters
    ----------
    text
        The whole document.
    start, end
        Character offsets of the span.

    Returns
    -------
    The sentence with its closing punctuation, stripped of layout spaces; cut to about 400
    characters around the span (marked with …) when longer.
    """
    if not 0 <= start <= end <= len(text):
        raise UsageError(f"span {start}:{end} is outside the document (length {len(text)})")
    left = max(text.rfind(mark, 0, start) for mark in _SENTENCE_ENDS) + 1
    rights = [i for i in (text.find(mark, end) for mark in _SENTENCE_ENDS) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    prefix, suffix = "", ""
    if right - left > _MAX_SENTENCE:
        margin = max(0, (_MAX_SENTENCE - (end - start)) // 2)
        if start - left > margin:
            left, prefix = start - margin, "…"
        if right - end > margin:
            right, suffix = end + margin, "…"
    return prefix + text[left:right].strip(" \u3000\t\r\n") + suffix
