"""Citations of a passage of the plans, in Chinese (GB/T 7714 style) and English.

A citation names the issuer, the plan's title and period, the section and the paragraph within it
(counted by :meth:`cluster_map.core.plan_text.PlanText.paragraph_number`), and quotes the sentence.
The plans are "other documents" in GB/T 7714-2015 (type code ``[Z]``).
"""

from __future__ import annotations

from collections.abc import Mapping

from cluster_map.core.i18n import Lang
from cluster_map.core.plan_text import PlanText, section_name_en

__all__ = ["citation", "issuer_name"]


def issuer_name(issuer: str, lang: Lang) -> str:
    """``河北省人民政府 (Hebei Provincial People's Government)`` -> the name in ``lang``."""
    zh, _, rest = issuer.partition(" (")
    return rest.rstrip(")") if lang == "en" and rest else zh


def citation(plan: PlanText, document: Mapping[str, str], offset: int, sentence: str, *, lang: Lang) -> str:
    """The citation of the passage at ``offset`` of ``plan`` quoting ``sentence``.

    Parameters
    ----------
    plan
        The plan's text and sections.
    document
        Its entry of taxonomy.toml ``[documents]`` (``zh``, ``en``, ``issuer``, ``period``).
    offset
        A character offset in the passage (the first span of a mention).
    sentence
        The quoted sentence (plan text, as written).
    lang
        ``zh``: ``河北省人民政府. 河北省…规划(2021–2025)[Z]. 三（二）, 第2段. “…”``;
        ``en``: ``Hebei Provincial People's Government. <English title> [title translated; original:
        <Chinese title>] (2021–2025). Section 3.2 (三（二）), paragraph 2. "…" (in Chinese)``.
    """
    section = plan.innermost(offset)
    label = section.label if section is not None else ""
    number = plan.paragraph_number(offset)
    issuer = issuer_name(document.get("issuer", ""), lang)
    period = document.get("period", "")
    if lang == "en":
        name = f"{section_name_en(label)} ({label})"
        where = f"{name}, paragraph {number}" if number else name
        title = f"{document.get('en', plan.doc)} [title translated; original: {document.get('zh', '')}]"
        return f'{issuer}. {title} ({period}). {where}. "{sentence}" (in Chinese)'
    where = f"{label}, 第{number}段" if number else label
    return f"{issuer}. {document.get('zh', plan.doc)}({period})[Z]. {where}. “{sentence}”"
