"""Text for Streamlit's Markdown elements (captions, headers, info boxes) that must stay text.

Streamlit renders those as Markdown (links, emphasis, LaTeX), so a search typed into a shared link
(``?q=[点我](http://…)``) or a name in the data could become a live link. :func:`md_text` escapes
every Markdown and LaTeX character with a backslash so the text shows exactly as written.
"""

from __future__ import annotations

import re

__all__ = ["md_text"]

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|$<>~:=])")


def md_text(text: str) -> str:
    """``text`` with each Markdown or LaTeX character escaped (``[a](b)`` -> ``\\[a\\]\\(b\\)``)."""
    return _MARKDOWN.sub(r"\\\1", text)
