"""Markdown-safe text: a link, emphasis or formula typed into a URL shows as written."""

from __future__ import annotations

from cluster_map.ui.plain import md_text


def test_markdown_and_latex_are_escaped():
    assert md_text("[点我](http://example.com) **粗** $x^2$") == (
        r"\[点我\]\(http\://example\.com\) \*\*粗\*\* \$x^2\$"
    )
    assert md_text("唐山市") == "唐山市"
